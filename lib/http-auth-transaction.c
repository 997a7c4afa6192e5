/* http-auth-transaction.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-transaction"

#include "config.h"

#include "http-auth-credential-cache-private.h"
#include "http-auth-body-private.h"
#include "http-auth-controller-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-exchange-private.h"
#include "http-auth-fetch-policy-private.h"
#include "http-auth-request-private.h"
#include "http-auth-response-private.h"
#include "http-auth-session-private.h"
#include "http-auth-transaction-private.h"
#include "http-auth-transaction-state-private.h"
#include "http-auth-uri-private.h"

#include <string.h>

/* One logical request (Chromium's HttpNetworkTransaction): sends, reads a
 * 401 or 407, asks for credentials, waits at a verify gate, follows
 * redirects, until one response or error is returned.
 *
 * Ownership: the transaction is the task data of its GTask and is freed
 * with it. Every callback that may run later (libsoup's, the broker's, a
 * body read, a gate's) holds a reference on the task and returns at once
 * when the transaction is already done; nothing else points at it. */

static const char *state_names[] = {
  "idle", "sending", "reading-challenge", "asking", "waiting", "redirecting", "verifying", "negotiating", "done",
};

/* The declared edges of docs/architecture.md, 401 and 407 alike. An
 * undeclared one is refused: the request fails instead. */
static const struct { State from, to; } edges[] = {
  { STATE_IDLE, STATE_SENDING },
  { STATE_SENDING, STATE_READING_CHALLENGE },
  { STATE_SENDING, STATE_REDIRECTING },
  { STATE_SENDING, STATE_VERIFYING },
  { STATE_READING_CHALLENGE, STATE_SENDING },
  { STATE_READING_CHALLENGE, STATE_ASKING },
  { STATE_READING_CHALLENGE, STATE_WAITING },
  { STATE_ASKING, STATE_SENDING },
  { STATE_ASKING, STATE_WAITING },
  { STATE_WAITING, STATE_SENDING },
  { STATE_WAITING, STATE_ASKING },
  { STATE_WAITING, STATE_WAITING },
  { STATE_REDIRECTING, STATE_SENDING },
  /* Negotiate: a token is made on a worker before a send (after a 401 or
   * 407, or before any for an origin that took one), and the server's
   * final token is verified there too. No ticket: the next challenge. */
  { STATE_IDLE, STATE_NEGOTIATING },
  { STATE_REDIRECTING, STATE_NEGOTIATING },
  { STATE_READING_CHALLENGE, STATE_NEGOTIATING },
  { STATE_NEGOTIATING, STATE_SENDING },
  { STATE_NEGOTIATING, STATE_ASKING },
  { STATE_NEGOTIATING, STATE_WAITING },
  /* A first send held back by another request's wave (the same origin and
   * directory, asking now). */
  { STATE_IDLE, STATE_WAITING },
  { STATE_REDIRECTING, STATE_WAITING },
};


/* Whether a debug message would be dropped (G_MESSAGES_DEBUG does not name
 * this domain): then it is not formatted at all, on every state change of
 * every request. */
static gboolean
debug_dropped (void)
{
  return g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

HttpAuthController *
_http_auth_transaction_controller_for (Transaction    *t,
                                       HttpAuthTarget  target)
{
  return target == HTTP_AUTH_TARGET_PROXY ? &t->proxy : &t->origin;
}

void
_http_auth_transaction_stop_watching_cancel (Transaction *t)
{
  if (t->cancelled_id != 0)
    g_cancellable_disconnect (t->cancellable, t->cancelled_id);
  t->cancelled_id = 0;
  g_clear_handle_id (&t->cancel_idle_id, g_source_remove);
}

static void
drop_message (Transaction *t)
{
  if (t->msg != NULL)
    g_clear_signal_handler (&t->starting_id, t->msg);
  g_clear_object (&t->msg);
}

/* Leaves the gate of @target: a verifier whose answer was refused tells
 * the waiters so (they ask again); otherwise it hands the answer on. */
void
_http_auth_transaction_leave_gate (Transaction    *t,
                                   HttpAuthTarget  target)
{
  guint i = target == HTTP_AUTH_TARGET_PROXY;
  HttpAuthVerifyGates *gates = _http_auth_session_get_gates (t->session);

  if (t->gate[i] == NULL)
    return;
  if (t->gate_refused[i])
    _http_auth_gates_verdict (gates, t->gate[i], t->task, FALSE);
  else
    _http_auth_gates_leave (gates, t->gate[i], t->task);
  g_clear_pointer (&t->gate[i], g_free);
  t->gate_refused[i] = FALSE;
}

static void accepted (Transaction *t, HttpAuthTarget target);

static void
transaction_free (Transaction *t)
{
  g_assert (t->msg == NULL || t->done);
  drop_message (t);
  g_clear_object (&t->session);
  g_clear_object (&t->request);
  g_clear_object (&t->context);
  g_clear_object (&t->cancellable);
  g_clear_pointer (&t->method, g_free);
  g_clear_pointer (&t->uri, g_uri_unref);
  g_clear_pointer (&t->headers, soup_message_headers_unref);
  g_clear_pointer (&t->body, g_bytes_unref);
  g_clear_object (&t->stream);
  g_clear_pointer (&t->url_credential, http_auth_credential_unref);
  g_clear_pointer (&t->partition, g_free);
  g_clear_pointer (&t->exchanges, g_ptr_array_unref);
  _http_auth_route_clear (&t->route);
  _http_auth_controller_clear (&t->origin);
  _http_auth_controller_clear (&t->proxy);
  g_clear_pointer (&t->challenge_body, g_bytes_unref);
  _http_auth_transaction_negotiate_clear (t, HTTP_AUTH_TARGET_SERVER);
  _http_auth_transaction_negotiate_clear (t, HTTP_AUTH_TARGET_PROXY);
  g_clear_object (&t->verify_stream);
  g_free (t->wave);
  g_free (t);
}

/* The end of every path: gates left (a verifier hands its answer on),
 * watchers and the message dropped. */
static void
transaction_end (Transaction *t)
{
  g_assert (!t->done);
  if (!debug_dropped ())
    g_debug ("%p: %s -> done", t, state_names[t->state]);
  t->done = TRUE;
  t->state = STATE_DONE;
  _http_auth_transaction_stop_watching_cancel (t);
  _http_auth_transaction_leave_gate (t, HTTP_AUTH_TARGET_SERVER);
  _http_auth_transaction_leave_gate (t, HTTP_AUTH_TARGET_PROXY);
  _http_auth_transaction_end_wave (t);
}

void
_http_auth_transaction_fail (Transaction *t,
                             GError      *error)
{
  /* A tunnel the proxy accepted proves its login even when the request
   * inside then failed (only a CONNECT's login: an http:// one is proven
   * by a response). */
  if (g_strcmp0 (g_uri_get_scheme (t->uri), "https") == 0)
    accepted (t, HTTP_AUTH_TARGET_PROXY);
  transaction_end (t);
  drop_message (t);
  g_task_return_error (t->task, error);
}

void
_http_auth_transaction_fail_literal (Transaction *t,
                                     int          code,
                                     const char  *message)
{
  _http_auth_transaction_fail (t, g_error_new_literal (HTTP_AUTH_ERROR, code, message));
}

void
_http_auth_transaction_return (Transaction  *t,
                               GInputStream *body)
{
  HttpAuthResponse *response = _http_auth_response_new (t->msg, body, t->exchanges);

  /* Who the final request authenticated as, and with what. */
  if (t->origin.offered && t->origin.scheme != NULL && soup_message_get_status (t->msg) != SOUP_STATUS_UNAUTHORIZED)
    {
      if (HTTP_AUTH_IS_SCHEME_NEGOTIATE (t->origin.scheme))
        {
          HttpAuthSchemeNegotiate *negotiate = HTTP_AUTH_SCHEME_NEGOTIATE (t->origin.scheme);

          _http_auth_response_set_auth (response, "negotiate", http_auth_scheme_negotiate_get_principal (negotiate),
                                        http_auth_scheme_negotiate_get_mutual_verified (negotiate));
        }
      else if (t->origin.credential != NULL)
        _http_auth_response_set_auth (response, http_auth_scheme_get_scheme_name (t->origin.scheme),
                                      http_auth_credential_get_username (t->origin.credential), FALSE);
    }

  transaction_end (t);
  drop_message (t);
  g_task_return_pointer (t->task, response, g_object_unref);
}

/* The 401 kept (at most HTTP_AUTH_TRANSACTION_MAX_KEPT_BODY of its body)
 * is the response: nobody logged in. */
void
_http_auth_transaction_return_challenge (Transaction *t)
{
  g_autoptr(GInputStream) body = g_memory_input_stream_new_from_bytes (t->challenge_body);

  _http_auth_transaction_return (t, body);
}

gboolean
_http_auth_transaction_set_state (Transaction *t,
                                  State        state)
{
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    if (edges[i].from == t->state && edges[i].to == state)
      {
        if (!debug_dropped ())
          g_debug ("%p: %s -> %s", t, state_names[t->state], state_names[state]);
        t->state = state;
        return TRUE;
      }

  _http_auth_transaction_fail (t, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
                                    "Internal error: undeclared transition %s -> %s",
                                    state_names[t->state], state_names[state]));
  return FALSE;
}

/* ---- Sending ---- */

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
record_exchange (Transaction *t,
                 const char  *authorization)
{
  HttpAuthExchange *e = _http_auth_exchange_new (t->method, t->uri);

  _http_auth_exchange_set_auth_scheme (e, authorization);
  g_ptr_array_add (t->exchanges, e);
}

/* A request sent with no credential may have waited for a connection
 * (libsoup's per-host limit) while another request of the same space had
 * its answer accepted: it takes that credential now, from the cache,
 * instead of paying a 401 of its own. */
static void
late_origin_credential (Transaction        *t,
                        SoupMessageHeaders *headers)
{
  g_autofree char *target = NULL;

  if (!t->late_preempt || t->origin.credential != NULL || t->origin.scheme != NULL)
    return;
  if (!_http_auth_controller_preempt (&t->origin, http_auth_session_get_credential_cache (t->session),
                                      t->partition, t->uri, _http_auth_uri_port (t->uri), g_uri_get_path (t->uri)))
    return;

  target = _http_auth_uri_request_target (t->uri);
  if (!_http_auth_controller_authorize (&t->origin, t->method, target, t->body, NULL) || t->origin.sent == NULL)
    {
      /* Not usable after all: the request goes as it was, with none. */
      _http_auth_controller_clear (&t->origin);
      return;
    }
  soup_message_headers_replace (headers, "Authorization", t->origin.sent);
  _http_auth_exchange_set_auth_scheme (g_ptr_array_index (t->exchanges, t->exchanges->len - 1), t->origin.sent);
}

/* Proxy-Authorization is decided here, once libsoup has chosen the
 * connection: only for an http:// request on a connection to an HTTP
 * proxy, and only that proxy's login (never into a tunnel, never to an
 * origin, never to another proxy). */
static void
msg_starting_cb (SoupMessage *msg,
                 Transaction *t)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  HttpAuthProxyLogins *logins = _http_auth_session_get_proxy_logins (t->session);
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(HttpAuthSecretString) negotiate_header = NULL;
  g_autofree char *target = NULL;

  soup_message_headers_remove (headers, "Proxy-Authorization");
  late_origin_credential (t, headers);
  _http_auth_route_set_from_message (&t->route, msg);
  if (t->route.kind != HTTP_AUTH_ROUTE_HTTP_PROXY)
    return;
  if (g_strcmp0 (g_uri_get_scheme (t->uri), "http") != 0)
    {
      /* Inside a tunnel: the proxy's login went on the CONNECT, which the
       * bridge answered with the login it holds for this proxy. */
      if (_http_auth_proxy_logins_lookup (logins, &t->route, &space, &scheme, &credential))
        _http_auth_exchange_set_proxy_auth_scheme (g_ptr_array_index (t->exchanges, t->exchanges->len - 1),
                                                   http_auth_scheme_get_scheme_name (scheme));
      return;
    }

  if (!_http_auth_route_matches_space (&t->route, t->proxy.space))
    {
      /* Another proxy than the one this request knew: its own login, if
       * any. */
      guint failures = t->proxy.failures;

      _http_auth_controller_clear (&t->proxy);
      t->proxy.failures = failures;
      if (_http_auth_proxy_logins_lookup (logins, &t->route, &space, &scheme, &credential))
        {
          _http_auth_controller_start (&t->proxy, scheme, g_steal_pointer (&space));
          _http_auth_controller_use (&t->proxy, credential);
        }
    }

  /* A Kerberos token for this proxy, made before the send: only on the
   * route it was made for, once. */
  negotiate_header = g_steal_pointer (&t->negotiate_header[1]);
  if (HTTP_AUTH_IS_SCHEME_NEGOTIATE (t->proxy.scheme))
    {
      if (negotiate_header != NULL)
        {
          soup_message_headers_replace (headers, "Proxy-Authorization", negotiate_header);
          _http_auth_exchange_set_proxy_auth_scheme (g_ptr_array_index (t->exchanges, t->exchanges->len - 1),
                                                     negotiate_header);
          t->proxy.offered = TRUE;
        }
      return;
    }

  /* A request to a proxy carries the absolute URI as its request-target. */
  target = g_uri_to_string_partial (t->uri, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
  if (_http_auth_controller_authorize (&t->proxy, t->method, target, t->body, NULL) && t->proxy.sent != NULL)
    {
      soup_message_headers_replace (headers, "Proxy-Authorization", t->proxy.sent);
      _http_auth_exchange_set_proxy_auth_scheme (g_ptr_array_index (t->exchanges, t->exchanges->len - 1),
                                                 t->proxy.sent);
    }
}

static void send_cb (GObject *object, GAsyncResult *result, gpointer user_data);

void
_http_auth_transaction_send (Transaction *t)
{
  g_autoptr(GError) error = NULL;
  const char *content_type = _http_auth_request_get_content_type (t->request);
  SoupMessageHeaders *headers;

  /* An origin that took a Kerberos token before gets a fresh one now. */
  if (_http_auth_transaction_negotiate_preempt (t))
    return;
  /* Another request asks for this origin and directory: wait for it. */
  if (_http_auth_transaction_join_wave (t))
    return;
  if (!_http_auth_transaction_set_state (t, STATE_SENDING))
    return;

  drop_message (t);
  t->msg = soup_message_new_from_uri (t->method, t->uri);
  if (t->msg == NULL)
    {
      _http_auth_transaction_fail (t, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
                                                   "No request can be made for this URI"));
      return;
    }
  headers = soup_message_get_request_headers (t->msg);
  /* The engine answers 401 itself: libsoup's manager must never add,
   * replace or cache origin credentials, nor re-send the body. */
  soup_message_disable_feature (t->msg, SOUP_TYPE_AUTH_MANAGER);
  soup_message_add_flags (t->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_foreach (t->headers, copy_header_cb, headers);
  soup_message_headers_remove (headers, "Proxy-Authorization");

  if (t->body != NULL)
    soup_message_set_request_body_from_bytes (t->msg, content_type, t->body);
  else if (t->stream != NULL && !t->stream_sent)
    {
      soup_message_set_request_body (t->msg, content_type, t->stream, t->stream_length);
      t->stream_sent = TRUE;
    }

  /* Authorization: the caller's, the one being tried, or a preemptive one
   * from the cache (the URI lies in a space the server accepted). */
  g_clear_pointer (&t->origin.sent, _http_auth_secure_free);
  t->late_preempt = FALSE;
  if (t->negotiate_header[0] != NULL)
    {
      /* The token made for this send (single use). */
      t->origin.sent = g_steal_pointer (&t->negotiate_header[0]);
      t->origin.offered = TRUE;
      soup_message_headers_replace (headers, "Authorization", t->origin.sent);
    }
  else if (!t->caller_authorization && !HTTP_AUTH_IS_SCHEME_NEGOTIATE (t->origin.scheme) &&
      _http_auth_policy_credentials_allowed (http_auth_request_get_credentials_mode (t->request),
                                             http_auth_request_get_initiator (t->request), t->uri))
    {
      g_autofree char *target = _http_auth_uri_request_target (t->uri);

      _http_auth_controller_preempt (&t->origin, http_auth_session_get_credential_cache (t->session),
                                     t->partition, t->uri, _http_auth_uri_port (t->uri), g_uri_get_path (t->uri));
      if (!_http_auth_controller_authorize (&t->origin, t->method, target, t->body, &error))
        {
          _http_auth_transaction_fail (t, g_steal_pointer (&error));
          return;
        }
      if (t->origin.sent != NULL)
        soup_message_headers_replace (headers, "Authorization", t->origin.sent);
      /* None yet: look again when the message gets its connection. */
      t->late_preempt = t->origin.sent == NULL && t->origin.scheme == NULL && t->stream == NULL;
    }

  t->starting_id = g_signal_connect (t->msg, "starting", G_CALLBACK (msg_starting_cb), t);
  record_exchange (t, soup_message_headers_get_one (headers, "Authorization"));
  soup_session_send_async (http_auth_session_get_soup_session (t->session), t->msg, G_PRIORITY_DEFAULT,
                           t->cancellable, send_cb, g_object_ref (t->task));
}

/* ---- Responses ---- */

/* Credentials became an authentication entry only now that the server or
 * proxy accepted them (Fetch); an answer to a question is recorded in the
 * tab (and saved when asked to), and its waiters go on. */
static void
accepted (Transaction    *t,
          HttpAuthTarget  target)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  HttpAuthVerifyGates *gates = _http_auth_session_get_gates (t->session);

  if (c->credential == NULL || c->space == NULL || c->scheme == NULL || !c->offered)
    return;

  if (target == HTTP_AUTH_TARGET_PROXY && g_strcmp0 (g_uri_get_scheme (t->uri), "https") == 0)
    {
      /* The CONNECT bridge saw the tunnel accepted (whatever became of
       * the request inside it): the login is in the cache. */
      g_autoptr(HttpAuthCredential) cached =
        http_auth_credential_cache_lookup (http_auth_session_get_credential_cache (t->session), c->space);

      if (cached == NULL || !http_auth_credential_equal (cached, c->credential))
        return;
    }
  else if (target == HTTP_AUTH_TARGET_PROXY)
    {
      if (!_http_auth_route_matches_space (&t->route, c->space))
        return;
      _http_auth_proxy_logins_accept (_http_auth_session_get_proxy_logins (t->session), c->space, c->scheme,
                                      c->credential);
    }
  else if (!c->preemptive)
    {
      /* (A login sent up front came from the cache, entry and state: it
       * is not added again after every request.) */
      g_auto(GStrv) prefixes = http_auth_scheme_dup_path_prefixes (c->scheme, t->uri);

      _http_auth_credential_cache_add_with_state (http_auth_session_get_credential_cache (t->session), c->space,
                                      (const char * const *) prefixes, c->credential, G_OBJECT (c->scheme));
    }

  if (_http_auth_gates_is_verifier (gates, GATE (t, target), t->task))
    {
      http_auth_prompt_broker_report_accepted (_http_auth_session_get_broker (t->session), t->context, c->space,
                                               c->credential, SAVE (t, target));
      _http_auth_gates_verdict (gates, GATE (t, target), t->task, TRUE);
    }
  g_clear_pointer (&GATE (t, target), g_free);
  SAVE (t, target) = G_PASSWORD_SAVE_NEVER;
}

static void
follow_redirect (Transaction  *t,
                 GInputStream *stream)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (t->msg), "Location");
  g_autoptr(GUri) next = NULL;

  if (!_http_auth_transaction_set_state (t, STATE_REDIRECTING))
    return;
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (http_auth_request_get_redirect_mode (t->request) == HTTP_AUTH_REDIRECT_MODE_ERROR)
    {
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED, "The request does not allow redirects");
      return;
    }

  next = g_uri_parse_relative (t->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  /* An http(s) URI with no host ("http://x@/", "http:///x") is no place
   * to go: libsoup would refuse its message (found by fuzz_engine). */
  if (next == NULL ||
      (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 && g_strcmp0 (g_uri_get_scheme (next), "https") != 0) ||
      g_uri_get_host (next) == NULL || *g_uri_get_host (next) == '\0')
    {
      _http_auth_transaction_fail (t, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
                                        "Invalid redirect location “%s”", location));
      return;
    }

  if (++t->redirects > 20)
    {
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_TOO_MANY_REDIRECTS, "More than 20 redirects");
      return;
    }

  switch (_http_auth_policy_redirect_rewrite (soup_message_get_status (t->msg), t->method, t->stream_sent))
    {
    case HTTP_AUTH_REDIRECT_TO_GET:
      g_free (t->method);
      t->method = g_strdup ("GET");
      g_clear_pointer (&t->body, g_bytes_unref);
      g_clear_object (&t->stream);
      t->stream_sent = FALSE;
      soup_message_headers_remove (t->headers, "Content-Type");
      break;

    case HTTP_AUTH_REDIRECT_NEEDS_BODY:
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
                                "The redirect would need the request body again, but it was a stream");
      return;

    case HTTP_AUTH_REDIRECT_KEEP:
    default:
      break;
    }

  /* A redirect answering credentials means they were accepted. */
  accepted (t, HTTP_AUTH_TARGET_PROXY);
  accepted (t, HTTP_AUTH_TARGET_SERVER);

  if (!_http_auth_policy_same_origin (t->uri, next))
    {
      /* Cross-origin: Authorization goes, caller-set or not, and nothing
       * of the old origin's credentials follows. */
      soup_message_headers_remove (t->headers, "Authorization");
      t->caller_authorization = FALSE;
      g_clear_pointer (&t->url_credential, http_auth_credential_unref);
    }

  /* Both targets are chosen again for the next hop: the cache attaches
   * the origin's preemptively where the URI lies in a known space, and
   * the next hop's route decides the proxy's. */
  _http_auth_transaction_leave_gate (t, HTTP_AUTH_TARGET_SERVER);
  _http_auth_transaction_leave_gate (t, HTTP_AUTH_TARGET_PROXY);
  _http_auth_controller_clear (&t->origin);
  _http_auth_controller_clear (&t->proxy);
  _http_auth_transaction_negotiate_clear (t, HTTP_AUTH_TARGET_SERVER);
  _http_auth_transaction_negotiate_clear (t, HTTP_AUTH_TARGET_PROXY);
  _http_auth_transaction_end_wave (t);

  g_uri_unref (t->uri);
  t->uri = g_steal_pointer (&next);
  _http_auth_transaction_send (t);
}

static void
verified_body_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GInputStream) replay = NULL;
  gboolean complete = FALSE;
  const char *info;

  body = _http_auth_body_read_finish (result, &complete, &error);
  if (t->done)
    return;
  if (body == NULL)
    {
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }
  if (!complete)
    {
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                                "The response body is too large to check its auth-int digest");
      return;
    }

  info = soup_message_headers_get_one (soup_message_get_response_headers (t->msg), "Authentication-Info");
  if (!http_auth_scheme_check_authentication_info (t->origin.scheme, t->origin.credential, t->origin.sent, info,
                                                   body, &error))
    {
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  accepted (t, HTTP_AUTH_TARGET_PROXY);
  accepted (t, HTTP_AUTH_TARGET_SERVER);
  replay = g_memory_input_stream_new_from_bytes (body);
  _http_auth_transaction_return (t, replay);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *t = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  HttpAuthExchange *exchange;
  const char *info;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (t->done)
    return;
  if (stream == NULL)
    {
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (t->msg);
  exchange = g_ptr_array_index (t->exchanges, t->exchanges->len - 1);
  _http_auth_exchange_set_status (exchange, status);
  _http_auth_route_set_from_message (&t->route, t->msg);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      _http_auth_transaction_handle_401 (t, stream);
      return;
    }
  _http_auth_transaction_open_wave (t);

  if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    {
      _http_auth_transaction_handle_407 (t, stream);
      return;
    }

  if (_http_auth_policy_is_redirect (status) &&
      http_auth_request_get_redirect_mode (t->request) != HTTP_AUTH_REDIRECT_MODE_MANUAL &&
      soup_message_headers_get_one (soup_message_get_response_headers (t->msg), "Location") != NULL)
    {
      follow_redirect (t, stream);
      return;
    }

  /* Authentication-Info proves the server knows the password (rspauth);
   * a wrong proof fails the request. auth-int covers the body. */
  info = soup_message_headers_get_one (soup_message_get_response_headers (t->msg), "Authentication-Info");
  if (info != NULL && t->origin.sent != NULL && t->origin.scheme != NULL)
    {
      if (strstr (t->origin.sent, "qop=auth-int") != NULL)
        {
          if (!_http_auth_transaction_set_state (t, STATE_VERIFYING))
            return;
          _http_auth_body_read_async (stream, HTTP_AUTH_TRANSACTION_MAX_VERIFIED_BODY, 0, t->cancellable,
                                      verified_body_cb, g_object_ref (task));
          return;
        }

      if (!http_auth_scheme_check_authentication_info (t->origin.scheme, t->origin.credential, t->origin.sent,
                                                       info, NULL, &error))
        {
          _http_auth_transaction_fail (t, g_steal_pointer (&error));
          return;
        }
    }

  accepted (t, HTTP_AUTH_TARGET_PROXY);
  /* A Negotiate server's final token proves who it is (checked on a
   * worker; the body waits). */
  if (_http_auth_transaction_negotiate_verify (t, stream))
    return;
  accepted (t, HTTP_AUTH_TARGET_SERVER);
  _http_auth_transaction_return (t, stream);
}

/* ---- Start ---- */

void
_http_auth_transaction_start (HttpAuthSession     *session,
                              HttpAuthRequest     *request,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GUri *uri = http_auth_request_get_uri (request);
  HttpAuthPromptContext *context = http_auth_request_get_prompt_context (request);
  Transaction *t;

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_session_send_async);
  g_task_set_name (task, "[http-auth] send");

  t = g_new0 (Transaction, 1);
  g_task_set_task_data (task, t, (GDestroyNotify) transaction_free);
  t->session = g_object_ref (session);
  t->task = task;
  t->request = g_object_ref (request);
  t->context = context ? g_object_ref (context) : NULL;
  t->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  t->state = STATE_IDLE;
  _http_auth_controller_init (&t->origin, HTTP_AUTH_TARGET_SERVER);
  _http_auth_controller_init (&t->proxy, HTTP_AUTH_TARGET_PROXY);
  t->method = g_strdup (http_auth_request_get_method (request));
  /* User information is never sent as is: it is kept as a credential for
   * use after a challenge. */
  t->uri = soup_uri_copy (uri, SOUP_URI_USER, NULL, SOUP_URI_PASSWORD, NULL, SOUP_URI_NONE);
  if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    {
      g_autofree char *user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
      g_autoptr(HttpAuthSecretString) password = g_uri_get_password (uri)
                                                 ? g_uri_unescape_string (g_uri_get_password (uri), NULL)
                                                 : g_strdup ("");

      if (user != NULL && password != NULL)
        t->url_credential = http_auth_credential_new (user, password);
    }
  t->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (http_auth_request_get_headers (request), copy_header_cb, t->headers);
  t->caller_authorization = soup_message_headers_get_one (t->headers, "Authorization") != NULL;
  t->body = http_auth_request_get_body (request) ? g_bytes_ref (http_auth_request_get_body (request)) : NULL;
  if (_http_auth_request_has_stream (request))
    t->stream = _http_auth_request_take_stream (request, &t->stream_length);
  t->partition = context ? http_auth_prompt_context_dup_partition (context) : NULL;
  _http_auth_session_watch_context (session, context);
  t->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_exchange_unref);

  _http_auth_transaction_send (t);
}
