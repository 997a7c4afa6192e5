/* http-auth-transaction-negotiate.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-transaction"

#include "config.h"

#include "http-auth-credential-private.h"
#include "http-auth-fetch-policy-private.h"
#include "http-auth-request-private.h"
#include "http-auth-session-private.h"
#include "http-auth-transaction-private.h"
#include "http-auth-transaction-state-private.h"
#include "http-auth-uri-private.h"

#include <string.h>

/* The part of a transaction that speaks Negotiate (RFC 4559): which
 * challenges may be answered with a Kerberos token, the token made on a
 * worker before a send, the next leg, the fall back to the next challenge
 * when there is no ticket, and the server's final token checked before the
 * body is released. Nothing here ever asks the user or the keyring. */

static gboolean
is_negotiate (HttpAuthChallenge *challenge)
{
  return g_ascii_strcasecmp (http_auth_challenge_get_scheme (challenge), "negotiate") == 0;
}

void
_http_auth_transaction_negotiate_clear (Transaction    *t,
                                        HttpAuthTarget  target)
{
  guint i = NEGOTIATE_SLOT (target);

  g_clear_pointer (&t->negotiate_header[i], _http_auth_secure_free);
  g_clear_pointer (&t->negotiate_token[i], g_free);
  g_clear_pointer (&t->negotiate_challenges[i], g_ptr_array_unref);
  t->negotiate_failed[i] = FALSE;
}

/* Where a token for @target would go: the origin, or the proxy asking. */
static void
peer_of (Transaction    *t,
         HttpAuthTarget  target,
         const char    **scheme,
         const char    **host,
         guint16        *port)
{
  if (target == HTTP_AUTH_TARGET_PROXY)
    {
      *scheme = "http";
      *host = t->route.proxy != NULL ? g_uri_get_host (t->route.proxy) : NULL;
      *port = _http_auth_route_proxy_port (&t->route);
    }
  else
    {
      *scheme = g_uri_get_scheme (t->uri);
      *host = g_uri_get_host (t->uri);
      *port = _http_auth_uri_port (t->uri);
    }
}

/* Whether a Negotiate challenge from @target may be answered: a host on
 * the allowlist, not failed already in this request (a proxy by its own
 * host and port, for http:// requests and for the CONNECT of https://
 * ones); and an http:// origin behind a proxy only when the proxy
 * says it keeps connections apart (RFC 4559 §6; Chromium's
 * "Proxy-Support: Session-Based-Authentication" rule): otherwise the
 * connection the token authenticates may be shared with other users. */
static gboolean
usable (Transaction    *t,
        HttpAuthTarget  target)
{
  HttpAuthNegotiatePolicy *policy = _http_auth_session_get_negotiate (t->session);
  const char *scheme, *host;
  guint16 port;

  if (t->negotiate_failed[NEGOTIATE_SLOT (target)])
    return FALSE;
  peer_of (t, target, &scheme, &host, &port);
  if (!_http_auth_negotiate_policy_allows (policy, scheme, host, port))
    return FALSE;

  if (target == HTTP_AUTH_TARGET_PROXY)
    return TRUE;

  if (t->route.kind == HTTP_AUTH_ROUTE_HTTP_PROXY && g_strcmp0 (g_uri_get_scheme (t->uri), "http") == 0)
    {
      const char *support = t->msg != NULL
        ? soup_message_headers_get_list (soup_message_get_response_headers (t->msg), "Proxy-Support")
        : NULL;

      return support != NULL && soup_header_contains (support, "Session-Based-Authentication");
    }

  return TRUE;
}

/* @challenges without the Negotiate ones when Negotiate may not be used
 * for @target now. */
GPtrArray *
_http_auth_transaction_negotiate_filter (Transaction    *t,
                                         HttpAuthTarget  target,
                                         GPtrArray      *challenges,
                                         GUri           *server,
                                         guint16         port)
{
  GPtrArray *kept;

  if (usable (t, target))
    return g_ptr_array_ref (challenges);

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_challenge_unref);
  for (guint i = 0; i < challenges->len; i++)
    if (!is_negotiate (g_ptr_array_index (challenges, i)))
      g_ptr_array_add (kept, http_auth_challenge_ref (g_ptr_array_index (challenges, i)));
  return kept;
}

gboolean
_http_auth_transaction_negotiate_offered (Transaction    *t,
                                          HttpAuthTarget  target)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);

  return HTTP_AUTH_IS_SCHEME_NEGOTIATE (c->scheme) && c->offered;
}

static void
remember (Transaction    *t,
          HttpAuthTarget  target,
          gboolean        known)
{
  const char *scheme, *host;
  guint16 port;

  if (target != HTTP_AUTH_TARGET_SERVER)
    return;
  peer_of (t, target, &scheme, &host, &port);
  if (host != NULL)
    _http_auth_negotiate_policy_remember (_http_auth_session_get_negotiate (t->session), t->partition, scheme,
                                          host, port, known);
}

/* A 401 or 407 answered the token sent: with a token of its own it is the
 * next leg; without, or when the context is complete, the token was
 * refused. Either way the body is read first. Returns FALSE when there is
 * nothing left to try (the 401 or 407 is final). */
gboolean
_http_auth_transaction_negotiate_answered (Transaction    *t,
                                           HttpAuthTarget  target,
                                           GPtrArray      *challenges)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  guint i = NEGOTIATE_SLOT (target);
  const char *token = NULL;

  for (guint k = 0; k < challenges->len; k++)
    if (is_negotiate (g_ptr_array_index (challenges, k)))
      {
        token = http_auth_challenge_get_token68 (g_ptr_array_index (challenges, k));
        break;
      }

  g_clear_pointer (&t->negotiate_challenges[i], g_ptr_array_unref);
  t->negotiate_challenges[i] = g_ptr_array_ref (challenges);
  g_clear_pointer (&t->negotiate_token[i], g_free);
  c->offered = FALSE;

  if (token != NULL && !_http_auth_scheme_negotiate_is_established (HTTP_AUTH_SCHEME_NEGOTIATE (c->scheme)))
    {
      t->negotiate_token[i] = g_strdup (token);
      return TRUE;
    }

  /* Refused (a bare Negotiate, or a rejecting token): the origin is asked
   * with a challenge again next time, and this request tries the next
   * challenge. */
  g_debug ("%p: the Kerberos token was refused", t);
  t->negotiate_failed[i] = TRUE;
  remember (t, target, FALSE);
  return TRUE;
}

/* Negotiate cannot be used (no ticket, a GSS-API error, refused): the
 * strongest other challenge, with its prompt, or the 401 as it came. */
static void
fall_back (Transaction    *t,
           HttpAuthTarget  target)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  g_autoptr(GPtrArray) challenges = g_steal_pointer (&t->negotiate_challenges[NEGOTIATE_SLOT (target)]);
  g_autoptr(GPtrArray) others = NULL;
  GUri *server = target == HTTP_AUTH_TARGET_PROXY ? t->route.proxy : t->uri;
  guint16 port = target == HTTP_AUTH_TARGET_PROXY ? _http_auth_route_proxy_port (&t->route)
                                                  : _http_auth_uri_port (t->uri);

  t->negotiate_failed[NEGOTIATE_SLOT (target)] = TRUE;
  _http_auth_controller_clear (c);
  if (challenges == NULL || server == NULL)
    {
      _http_auth_transaction_exhausted (t, target, NULL, "The proxy's Kerberos login failed");
      return;
    }

  others = _http_auth_transaction_negotiate_filter (t, target, challenges, server, port);
  if (!_http_auth_controller_choose (c, http_auth_session_get_scheme_registry (t->session), others,
                                     target == HTTP_AUTH_TARGET_SERVER ? t->partition : NULL, server, port))
    {
      _http_auth_transaction_exhausted (t, target, NULL, "The proxy's Kerberos login failed");
      return;
    }

  _http_auth_transaction_obtain (t, target, FALSE);
}

typedef struct
{
  GTask          *task;
  HttpAuthTarget  target;
  gboolean        preemptive;
} StepData;

static void
step_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  StepData *data = user_data;
  g_autoptr(GTask) task = data->task;
  Transaction *t = g_task_get_task_data (task);
  HttpAuthTarget target = data->target;
  gboolean preemptive = data->preemptive;
  HttpAuthNegotiateStatus status;
  g_autoptr(HttpAuthSecretString) header = NULL;
  g_autoptr(GError) error = NULL;

  g_free (data);
  if (!_http_auth_scheme_negotiate_step_finish (HTTP_AUTH_SCHEME_NEGOTIATE (object), result, &status, &header,
                                                &error))
    {
      if (t->done)
        return;
      /* Cancelled, or a KDC that does not answer: the request ends. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT))
        {
          _http_auth_transaction_fail (t, g_steal_pointer (&error));
          return;
        }
      /* No ticket, no such service, any GSS-API error: not a Kerberos
       * login, then. */
      g_debug ("%p: no Kerberos token: %s", t, error->message);
      remember (t, target, FALSE);
      if (preemptive)
        {
          t->negotiate_failed[NEGOTIATE_SLOT (target)] = TRUE;
          _http_auth_controller_clear (_http_auth_transaction_controller_for (t, target));
          _http_auth_transaction_send (t);
        }
      else
        fall_back (t, target);
      return;
    }
  if (t->done)
    return;

  if (header == NULL)
    {
      /* Complete with nothing to send, yet the server asked again. */
      fall_back (t, target);
      return;
    }

  if (target == HTTP_AUTH_TARGET_PROXY && g_strcmp0 (g_uri_get_scheme (t->uri), "https") == 0)
    {
      /* libsoup sends the CONNECT itself: the bridge puts the token on
       * the next CONNECT to this proxy. */
      HttpAuthController *c = _http_auth_transaction_controller_for (t, target);

      _http_auth_proxy_logins_set_token (_http_auth_session_get_proxy_logins (t->session), c->space,
                                         g_steal_pointer (&header));
      c->offered = TRUE;
    }
  else
    t->negotiate_header[NEGOTIATE_SLOT (target)] = g_steal_pointer (&header);
  _http_auth_transaction_send (t);
}

static void
step (Transaction    *t,
      HttpAuthTarget  target,
      const char     *server_token,
      gboolean        preemptive)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  StepData *data;

  if (!_http_auth_transaction_set_state (t, STATE_NEGOTIATING))
    return;
  data = g_new0 (StepData, 1);
  data->task = g_object_ref (t->task);
  data->target = target;
  data->preemptive = preemptive;
  _http_auth_scheme_negotiate_step_async (HTTP_AUTH_SCHEME_NEGOTIATE (c->scheme), server_token,
                                          _http_auth_negotiate_policy_get_timeout (
                                            _http_auth_session_get_negotiate (t->session)),
                                          t->cancellable, step_cb, data);
}

/* After the challenge's body: a token (first or next leg), or the next
 * challenge when Negotiate was refused. */
void
_http_auth_transaction_negotiate_after_body (Transaction    *t,
                                             HttpAuthTarget  target)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  guint i = NEGOTIATE_SLOT (target);
  g_autofree char *token = g_steal_pointer (&t->negotiate_token[i]);
  const char *scheme, *host;
  guint16 port;

  if (t->negotiate_failed[i] || !HTTP_AUTH_IS_SCHEME_NEGOTIATE (c->scheme))
    {
      fall_back (t, target);
      return;
    }

  if (token == NULL)
    {
      /* The first leg: set up the service name for this peer. */
      g_autoptr(HttpAuthSchemeNegotiate) prepared = NULL;

      peer_of (t, target, &scheme, &host, &port);
      prepared = _http_auth_negotiate_policy_prepare (_http_auth_session_get_negotiate (t->session), c->scheme,
                                                      target, scheme, host, port);
    }

  step (t, target, token, FALSE);
}

/* Before a send: an origin that took a token in this session gets a fresh
 * one without paying a 401 (Kerberos tokens are single use). Returns TRUE
 * when a step was started (the send comes after it). */
gboolean
_http_auth_transaction_negotiate_preempt (Transaction *t)
{
  HttpAuthNegotiatePolicy *policy = _http_auth_session_get_negotiate (t->session);
  g_autoptr(HttpAuthSchemeNegotiate) scheme = NULL;
  const char *host = g_uri_get_host (t->uri);
  guint16 port = _http_auth_uri_port (t->uri);

  if (t->origin.scheme != NULL || t->negotiate_header[0] != NULL || t->negotiate_failed[0] ||
      t->caller_authorization ||
      !_http_auth_policy_credentials_allowed (http_auth_request_get_credentials_mode (t->request),
                                              http_auth_request_get_initiator (t->request), t->uri) ||
      !_http_auth_negotiate_policy_is_known (policy, t->partition, g_uri_get_scheme (t->uri), host, port))
    return FALSE;

  scheme = _http_auth_negotiate_policy_prepare (policy, NULL, HTTP_AUTH_TARGET_SERVER, g_uri_get_scheme (t->uri),
                                                host, port);
  if (scheme == NULL)
    return FALSE;
  _http_auth_controller_start (&t->origin, HTTP_AUTH_SCHEME (scheme),
                               http_auth_protection_space_new (t->partition, HTTP_AUTH_TARGET_SERVER,
                                                               g_uri_get_scheme (t->uri), host, port, NULL,
                                                               "negotiate"));
  step (t, HTTP_AUTH_TARGET_SERVER, NULL, TRUE);
  return TRUE;
}

/* ---- The server's final token ---- */

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *t = g_task_get_task_data (task);
  HttpAuthNegotiateStatus status = HTTP_AUTH_NEGOTIATE_CONTINUE;
  g_autoptr(HttpAuthSecretString) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  gboolean ok;

  ok = _http_auth_scheme_negotiate_step_finish (HTTP_AUTH_SCHEME_NEGOTIATE (object), result, &status, &header,
                                                &error);
  if (t->done)
    return;
  stream = g_steal_pointer (&t->verify_stream);
  if (!ok && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_error_matches (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT)))
    {
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }
  if (!ok || status != HTTP_AUTH_NEGOTIATE_COMPLETE)
    {
      /* Forged, corrupt or incomplete: the server did not prove who it
       * is, and its body is not delivered. */
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      remember (t, HTTP_AUTH_TARGET_SERVER, FALSE);
      _http_auth_transaction_fail (t, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED,
                                                   "The server's Negotiate token does not prove its identity%s%s",
                                                   error != NULL ? ": " : "", error != NULL ? error->message : ""));
      return;
    }

  remember (t, HTTP_AUTH_TARGET_SERVER, TRUE);
  _http_auth_transaction_return (t, stream);
}

/* A response to a request that carried a token. With a final token, it is
 * verified on a worker before anything is returned (TRUE: it took the
 * stream). Without one (RFC 4559 makes it optional) the response is
 * returned, not marked mutually authenticated: see the scheme's docs. */
gboolean
_http_auth_transaction_negotiate_verify (Transaction  *t,
                                         GInputStream *stream)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (t->msg);
  SoupMessageHeadersIter iter;
  const char *name, *value, *token = NULL;
  g_autoptr(GPtrArray) challenges = NULL;

  if (!_http_auth_transaction_negotiate_offered (t, HTTP_AUTH_TARGET_SERVER) ||
      !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (t->msg)))
    return FALSE;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0 && g_ascii_strncasecmp (value, "negotiate", 9) == 0)
      {
        challenges = http_auth_challenge_parse (value, NULL);
        if (challenges != NULL && challenges->len > 0 && is_negotiate (g_ptr_array_index (challenges, 0)))
          token = http_auth_challenge_get_token68 (g_ptr_array_index (challenges, 0));
        break;
      }

  if (token == NULL)
    {
      g_debug ("%p: the server sent no final Negotiate token", t);
      remember (t, HTTP_AUTH_TARGET_SERVER, TRUE);
      return FALSE;
    }

  if (!_http_auth_transaction_set_state (t, STATE_VERIFYING))
    return TRUE;
  t->verify_stream = g_object_ref (stream);
  _http_auth_scheme_negotiate_step_async (HTTP_AUTH_SCHEME_NEGOTIATE (t->origin.scheme), token,
                                          _http_auth_negotiate_policy_get_timeout (
                                            _http_auth_session_get_negotiate (t->session)),
                                          t->cancellable, verify_cb, g_object_ref (t->task));
  return TRUE;
}
