/* http-auth-fetch-policy-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "http-auth-prompt-context.h"
#include "http-auth-request.h"
#include "http-auth-types.h"

G_BEGIN_DECLS

/* WHATWG Fetch's decisions as pure functions of the request: no state,
 * no I/O, table-tested in tests/test-fetch-policy.c. */

/* What a redirect does to the request (Fetch "HTTP-redirect fetch"). */
typedef enum
{
  HTTP_AUTH_REDIRECT_KEEP,          /* same method, body replayed */
  HTTP_AUTH_REDIRECT_TO_GET,        /* GET without a body */
  HTTP_AUTH_REDIRECT_NEEDS_BODY,    /* a replay the stream body cannot give */
} HttpAuthRedirectRewrite;

/* Where a 407 came from, judged by the route libsoup really took. */
typedef enum
{
  HTTP_AUTH_407_FROM_PROXY,         /* an http:// request answered by its HTTP proxy */
  HTTP_AUTH_407_FROM_CONNECT,       /* libsoup's CONNECT to the HTTP proxy was refused */
  HTTP_AUTH_407_UNEXPECTED,         /* an origin, a SOCKS route or a 407 inside a tunnel */
} HttpAuth407Source;

gboolean                _http_auth_policy_same_origin         (GUri                    *a,
                                                               GUri                    *b);
gboolean                _http_auth_policy_initiator_is_same_origin (const char         *initiator,
                                                               GUri                    *uri);
gboolean                _http_auth_policy_credentials_allowed (HttpAuthCredentialsMode  mode,
                                                               const char              *initiator,
                                                               GUri                    *uri);
gboolean                _http_auth_policy_prompt_allowed      (HttpAuthPromptContext   *context,
                                                               HttpAuthRequestMode      mode,
                                                               HttpAuthDestination      destination,
                                                               const char              *initiator,
                                                               GUri                    *uri);
gboolean                _http_auth_policy_proxy_prompt_allowed (HttpAuthPromptContext  *context);
gboolean                _http_auth_policy_keyring_allowed     (HttpAuthPromptContext   *context);
HttpAuthRedirectRewrite _http_auth_policy_redirect_rewrite    (guint                    status,
                                                               const char              *method,
                                                               gboolean                 stream_sent);
gboolean                _http_auth_policy_is_redirect         (guint                    status);
HttpAuth407Source       _http_auth_policy_407_source          (gboolean                 via_http_proxy,
                                                               const char              *uri_scheme,
                                                               gboolean                 has_challenge);

G_END_DECLS
