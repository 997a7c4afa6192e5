/* http-auth-fetch-policy.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-fetch-policy"

#include "config.h"

#include "http-auth-fetch-policy-private.h"
#include "http-auth-uri-private.h"

gboolean
_http_auth_policy_same_origin (GUri *a,
                               GUri *b)
{
  g_autofree char *oa = _http_auth_uri_origin (a);
  g_autofree char *ob = _http_auth_uri_origin (b);

  return g_ascii_strcasecmp (oa, ob) == 0;
}

/* A request without an initiator is nobody's same-origin request: the
 * checks that depend on it fail closed. */
gboolean
_http_auth_policy_initiator_is_same_origin (const char *initiator,
                                            GUri       *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (initiator == NULL)
    return FALSE;
  parsed = g_uri_parse (initiator, SOUP_HTTP_URI_FLAGS, NULL);

  return parsed != NULL && _http_auth_policy_same_origin (parsed, uri);
}

/* Fetch: may this request carry (or be answered with) credentials? */
gboolean
_http_auth_policy_credentials_allowed (HttpAuthCredentialsMode  mode,
                                       const char              *initiator,
                                       GUri                    *uri)
{
  switch (mode)
    {
    case HTTP_AUTH_CREDENTIALS_MODE_INCLUDE:
      return TRUE;
    case HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN:
      return _http_auth_policy_initiator_is_same_origin (initiator, uri);
    case HTTP_AUTH_CREDENTIALS_MODE_OMIT:
    default:
      return FALSE;
    }
}

/* May a 401 to this request be answered from the tab: by a prompt, or by
 * a login saved in the keyring? (Whether a prompter exists is separate.) */
gboolean
_http_auth_policy_prompt_allowed (HttpAuthPromptContext *context,
                                  HttpAuthRequestMode    mode,
                                  HttpAuthDestination    destination,
                                  const char            *initiator,
                                  GUri                  *uri)
{
  if (context == NULL || http_auth_prompt_context_is_closed (context))
    return FALSE;
  /* A CORS-tainted response never prompts. */
  if (mode == HTTP_AUTH_REQUEST_MODE_CORS)
    return FALSE;
  /* Cross-origin subresources (images, scripts, XHR) get their 401 as is;
   * a subresource that names no initiator is treated as cross-origin. */
  if (destination == HTTP_AUTH_DESTINATION_SUBRESOURCE &&
      !_http_auth_policy_initiator_is_same_origin (initiator, uri))
    return FALSE;

  return TRUE;
}

/* Fetch: a 407 with no traversable for user prompts is a network error. */
gboolean
_http_auth_policy_proxy_prompt_allowed (HttpAuthPromptContext *context)
{
  return context != NULL && !http_auth_prompt_context_is_closed (context);
}

/* Private (ephemeral) contexts never touch the keyring. */
gboolean
_http_auth_policy_keyring_allowed (HttpAuthPromptContext *context)
{
  return context != NULL && !http_auth_prompt_context_get_ephemeral (context);
}

gboolean
_http_auth_policy_is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* Fetch "HTTP-redirect fetch": 303 (but for HEAD), and 301/302 after POST,
 * become GET without a body; 307/308 replay the body, which a stream
 * already sent cannot. */
HttpAuthRedirectRewrite
_http_auth_policy_redirect_rewrite (guint       status,
                                    const char *method,
                                    gboolean    stream_sent)
{
  if (status == 303 ? g_strcmp0 (method, "HEAD") != 0
                    : ((status == 301 || status == 302) && g_strcmp0 (method, "POST") == 0))
    return HTTP_AUTH_REDIRECT_TO_GET;

  return stream_sent ? HTTP_AUTH_REDIRECT_NEEDS_BODY : HTTP_AUTH_REDIRECT_KEEP;
}

/* Chromium's ERR_UNEXPECTED_PROXY_AUTH, decided from the route libsoup
 * took: only an HTTP proxy may ask, either on an http:// request it
 * forwards (with Proxy-Authenticate) or by refusing the CONNECT of an
 * https:// one (libsoup then reports a bare 407). A 407 with a challenge on
 * an https:// request came from inside the tunnel: the origin's. */
HttpAuth407Source
_http_auth_policy_407_source (gboolean    via_http_proxy,
                              const char *uri_scheme,
                              gboolean    has_challenge)
{
  if (!via_http_proxy)
    return HTTP_AUTH_407_UNEXPECTED;
  if (g_strcmp0 (uri_scheme, "https") == 0)
    return has_challenge ? HTTP_AUTH_407_UNEXPECTED : HTTP_AUTH_407_FROM_CONNECT;

  return HTTP_AUTH_407_FROM_PROXY;
}
