/* http-auth-transaction.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-transaction"

#include "config.h"

#include "http-auth-body-private.h"
#include "http-auth-controller-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-fetch-policy-private.h"
#include "http-auth-request-private.h"
#include "http-auth-response-private.h"
#include "http-auth-session-private.h"
#include "http-auth-transaction-private.h"
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

typedef enum
{
  STATE_IDLE,
  STATE_SENDING,
  STATE_READING_CHALLENGE,
  STATE_ASKING,
  STATE_WAITING,
  STATE_REDIRECTING,
  STATE_VERIFYING,
  STATE_DONE,
} State;

static const char *state_names[] = {
  "idle", "sending", "reading-challenge", "asking", "waiting", "redirecting", "verifying", "done",
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
};

typedef struct
{
  HttpAuthSession       *session;
  GTask                 *task;          /* unowned: the task owns us */
  HttpAuthRequest       *request;
  HttpAuthPromptContext *context;       /* nullable */
  GCancellable          *cancellable;   /* nullable */
  State                  state;
  gboolean               done;

  /* What is sent next. */
  char                  *method;
  GUri                  *uri;
  SoupMessageHeaders    *headers;
  GBytes                *body;
  GInputStream          *stream;
  gssize                 stream_length;
  gboolean               stream_sent;
  gboolean               caller_authorization;
  HttpAuthCredential    *url_credential;
  char                  *partition;
  guint                  redirects;
  guint                  round_trips;
  GPtrArray             *exchanges;

  /* The message in flight and the route libsoup gave it. */
  SoupMessage           *msg;
  gulong                 starting_id;
  HttpAuthRoute          route;

  /* Each target's authentication, and the gate it verifies or waits at. */
  HttpAuthController     origin;
  HttpAuthController     proxy;
  char                  *gate[2];       /* by HttpAuthTarget */
  gboolean               gate_refused[2];  /* the verdict to give when asking again */
  GPasswordSave          save[2];
  HttpAuthTarget         waiting;
  gulong                 cancelled_id;
  guint                  cancel_idle_id;
  GBytes                *challenge_body;
} Transaction;

#define GATE(t, target) ((t)->gate[(target) == HTTP_AUTH_TARGET_PROXY])
#define SAVE(t, target) ((t)->save[(target) == HTTP_AUTH_TARGET_PROXY])

static void transaction_send (Transaction *t);
static void obtain (Transaction *t, HttpAuthTarget target, gboolean retrying);

static HttpAuthController *
controller_for (Transaction    *t,
                HttpAuthTarget  target)
{
  return target == HTTP_AUTH_TARGET_PROXY ? &t->proxy : &t->origin;
}

static void
stop_watching_cancel (Transaction *t)
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
static void
leave_gate (Transaction    *t,
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
  g_free (t);
}

/* The end of every path: gates left (a verifier hands its answer on),
 * watchers and the message dropped. */
static void
transaction_end (Transaction *t)
{
  g_assert (!t->done);
  g_debug ("%p: %s -> done", t, state_names[t->state]);
  t->done = TRUE;
  t->state = STATE_DONE;
  stop_watching_cancel (t);
  leave_gate (t, HTTP_AUTH_TARGET_SERVER);
  leave_gate (t, HTTP_AUTH_TARGET_PROXY);
}

static void
transaction_fail (Transaction *t,
                  GError      *error)
{
  transaction_end (t);
  drop_message (t);
  g_task_return_error (t->task, error);
}

static void
transaction_fail_literal (Transaction *t,
                          int          code,
                          const char  *message)
{
  transaction_fail (t, g_error_new_literal (HTTP_AUTH_ERROR, code, message));
}

static void
transaction_return (Transaction  *t,
                    GInputStream *body)
{
  HttpAuthResponse *response = _http_auth_response_new (t->msg, body, t->exchanges);

  transaction_end (t);
  drop_message (t);
  g_task_return_pointer (t->task, response, g_object_unref);
}

/* The 401 kept (at most HTTP_AUTH_TRANSACTION_MAX_KEPT_BODY of its body)
 * is the response: nobody logged in. */
static void
transaction_return_challenge (Transaction *t)
{
  g_autoptr(GInputStream) body = g_memory_input_stream_new_from_bytes (t->challenge_body);

  transaction_return (t, body);
}

static gboolean
set_state (Transaction *t,
           State        state)
{
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    if (edges[i].from == t->state && edges[i].to == state)
      {
        g_debug ("%p: %s -> %s", t, state_names[t->state], state_names[state]);
        t->state = state;
        return TRUE;
      }

  transaction_fail (t, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
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
  HttpAuthExchange *e = g_new0 (HttpAuthExchange, 1);

  e->method = g_strdup (t->method);
  e->url = g_uri_to_string_partial (t->uri, G_URI_HIDE_USERINFO);
  if (authorization != NULL)
    e->auth_scheme_sent = g_ascii_strdown (authorization, strcspn (authorization, " "));
  g_ptr_array_add (t->exchanges, e);
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
  g_autofree char *target = NULL;

  soup_message_headers_remove (headers, "Proxy-Authorization");
  _http_auth_route_set_from_message (&t->route, msg);
  if (t->route.kind != HTTP_AUTH_ROUTE_HTTP_PROXY || g_strcmp0 (g_uri_get_scheme (t->uri), "http") != 0)
    return;

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

  /* A request to a proxy carries the absolute URI as its request-target. */
  target = g_uri_to_string_partial (t->uri, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
  if (_http_auth_controller_authorize (&t->proxy, t->method, target, t->body, NULL) && t->proxy.sent != NULL)
    soup_message_headers_replace (headers, "Proxy-Authorization", t->proxy.sent);
}

static void send_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
transaction_send (Transaction *t)
{
  g_autoptr(GError) error = NULL;
  const char *content_type = _http_auth_request_get_content_type (t->request);
  SoupMessageHeaders *headers;

  if (!set_state (t, STATE_SENDING))
    return;

  drop_message (t);
  t->msg = soup_message_new_from_uri (t->method, t->uri);
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
  if (!t->caller_authorization &&
      _http_auth_policy_credentials_allowed (http_auth_request_get_credentials_mode (t->request),
                                             http_auth_request_get_initiator (t->request), t->uri))
    {
      g_autofree char *target = _http_auth_uri_request_target (t->uri);

      _http_auth_controller_preempt (&t->origin, http_auth_session_get_credential_cache (t->session),
                                     t->partition, t->uri, _http_auth_uri_port (t->uri), g_uri_get_path (t->uri));
      if (!_http_auth_controller_authorize (&t->origin, t->method, target, t->body, &error))
        {
          transaction_fail (t, g_steal_pointer (&error));
          return;
        }
      if (t->origin.sent != NULL)
        soup_message_headers_replace (headers, "Authorization", t->origin.sent);
    }

  t->starting_id = g_signal_connect (t->msg, "starting", G_CALLBACK (msg_starting_cb), t);
  record_exchange (t, soup_message_headers_get_one (headers, "Authorization"));
  soup_session_send_async (http_auth_session_get_soup_session (t->session), t->msg, G_PRIORITY_DEFAULT,
                           t->cancellable, send_cb, g_object_ref (t->task));
}

/* ---- Challenges ---- */

/* Parses @values (WWW-Authenticate or Proxy-Authenticate), after checking
 * their size against the session's limit. */
static GPtrArray *
parse_challenges (Transaction  *t,
                  const char   *field,
                  GPtrArray    *values,
                  GError      **error)
{
  gsize limit = http_auth_session_get_max_field_size (t->session);
  gsize total = 0;

  for (guint i = 0; i < values->len; i++)
    total += strlen (g_ptr_array_index (values, i)) + 2;
  if (total > limit)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_HEADER_TOO_LARGE,
                   "The %s fields are %" G_GSIZE_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT,
                   field, total, limit);
      return NULL;
    }

  g_ptr_array_add (values, NULL);
  return http_auth_challenge_parse_list ((const char * const *) values->pdata, NULL);
}

static GPtrArray *
response_fields (SoupMessage *msg,
                 const char  *field)
{
  GPtrArray *values = g_ptr_array_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, field) == 0)
      g_ptr_array_add (values, (gpointer) value);

  return values;
}

typedef enum
{
  AFTER_BODY_OBTAIN,
  AFTER_BODY_OBTAIN_RETRYING,
  AFTER_BODY_SEND,
} AfterBody;

typedef struct
{
  GTask          *task;
  HttpAuthTarget  target;
  AfterBody       next;
} BodyStep;

static void
challenge_body_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BodyStep *step = user_data;
  g_autoptr(GTask) task = step->task;
  Transaction *t = g_task_get_task_data (task);
  HttpAuthTarget target = step->target;
  AfterBody next = step->next;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  g_free (step);
  body = _http_auth_body_read_finish (result, NULL, &error);
  if (t->done)
    return;
  if (body == NULL)
    {
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  /* Only a 401's body is ever shown. */
  if (target == HTTP_AUTH_TARGET_SERVER)
    {
      g_clear_pointer (&t->challenge_body, g_bytes_unref);
      t->challenge_body = g_steal_pointer (&body);
    }

  if (next == AFTER_BODY_SEND)
    transaction_send (t);
  else
    obtain (t, target, next == AFTER_BODY_OBTAIN_RETRYING);
}

/* A retry follows the challenge: read what is kept of its body (or drain
 * it), then go on. The connection is dropped past the limit. */
static void
read_challenge_body (Transaction    *t,
                     GInputStream   *stream,
                     HttpAuthTarget  target,
                     AfterBody       next)
{
  BodyStep *step = g_new0 (BodyStep, 1);

  if (!set_state (t, STATE_READING_CHALLENGE))
    {
      g_free (step);
      return;
    }
  step->task = g_object_ref (t->task);
  step->target = target;
  step->next = next;
  _http_auth_body_read_async (stream,
                              target == HTTP_AUTH_TARGET_SERVER ? HTTP_AUTH_TRANSACTION_MAX_KEPT_BODY
                                                                : HTTP_AUTH_TRANSACTION_MAX_DRAINED_BODY,
                              t->cancellable, challenge_body_cb, step);
}

/* Gives up on a target: the 401 (as it came, untouched) is the response;
 * a 407 is a network error. */
static void
exhausted (Transaction    *t,
           HttpAuthTarget  target,
           GInputStream   *stream,
           const char     *why)
{
  if (target == HTTP_AUTH_TARGET_PROXY)
    transaction_fail_literal (t, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED, why);
  else if (stream != NULL)
    transaction_return (t, stream);
  else
    transaction_return_challenge (t);
}

/* The rules a 401 and a 407 share, once its challenges are parsed. */
static void
handle_challenges (Transaction    *t,
                   HttpAuthTarget  target,
                   GPtrArray      *challenges,
                   GInputStream   *stream,
                   GUri           *server,
                   guint16         port)
{
  HttpAuthController *c = controller_for (t, target);
  HttpAuthSession *session = t->session;

  if (++t->round_trips >= HTTP_AUTH_TRANSACTION_MAX_ROUND_TRIPS)
    {
      exhausted (t, target, stream, "The proxy kept asking for credentials");
      return;
    }

  switch (_http_auth_controller_judge (c, challenges))
    {
    case HTTP_AUTH_VERDICT_STALE:
      read_challenge_body (t, stream, target, AFTER_BODY_SEND);
      return;

    case HTTP_AUTH_VERDICT_REFUSED:
      /* Refused: never offered again; waiters at the gate are told when
       * this request asks again, so that they join its question. */
      if (target == HTTP_AUTH_TARGET_PROXY)
        _http_auth_proxy_logins_forget (_http_auth_session_get_proxy_logins (session), c->space, c->credential);
      t->gate_refused[target == HTTP_AUTH_TARGET_PROXY] = TRUE;
      if (!_http_auth_controller_refuse (c, http_auth_session_get_credential_cache (session)))
        {
          exhausted (t, target, stream, "The proxy refused the credentials");
          return;
        }
      read_challenge_body (t, stream, target, AFTER_BODY_OBTAIN_RETRYING);
      return;

    case HTTP_AUTH_VERDICT_NEW_CHALLENGE:
    default:
      break;
    }

  /* Another realm or scheme: whatever this request verified for the old
   * space goes to the next request waiting for it. */
  leave_gate (t, target);
  if (!_http_auth_controller_choose (c, http_auth_session_get_scheme_registry (session), challenges,
                                     target == HTTP_AUTH_TARGET_SERVER ? t->partition : NULL, server, port))
    {
      /* No usable challenge: a 401 is a response like any other. */
      exhausted (t, target, stream, "The proxy sent no usable challenge");
      return;
    }

  read_challenge_body (t, stream, target, AFTER_BODY_OBTAIN);
}

static void
handle_401 (Transaction  *t,
            GInputStream *stream)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GError) error = NULL;

  /* Fetch: a caller-set Authorization wins, and its 401 is final; so is
   * the 401 of a request that may not carry credentials. */
  if (t->caller_authorization ||
      !_http_auth_policy_credentials_allowed (http_auth_request_get_credentials_mode (t->request),
                                              http_auth_request_get_initiator (t->request), t->uri))
    {
      transaction_return (t, stream);
      return;
    }

  values = response_fields (t->msg, "WWW-Authenticate");
  challenges = parse_challenges (t, "WWW-Authenticate", values, &error);
  if (challenges == NULL)
    {
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  handle_challenges (t, HTTP_AUTH_TARGET_SERVER, challenges, stream, t->uri, _http_auth_uri_port (t->uri));
}

static void
handle_407 (Transaction  *t,
            GInputStream *stream)
{
  HttpAuthProxyLogins *logins = _http_auth_session_get_proxy_logins (t->session);
  g_autoptr(GPtrArray) values = response_fields (t->msg, "Proxy-Authenticate");
  g_autoptr(GPtrArray) challenges = NULL;
  g_auto(GStrv) connect_values = NULL;
  g_autoptr(GError) error = NULL;

  _http_auth_route_set_from_message (&t->route, t->msg);
  switch (_http_auth_policy_407_source (t->route.kind == HTTP_AUTH_ROUTE_HTTP_PROXY, g_uri_get_scheme (t->uri),
                                        values->len > 0))
    {
    case HTTP_AUTH_407_UNEXPECTED:
      transaction_fail_literal (t, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH,
                                "A 407 came from an origin server, a tunnel or a non-HTTP proxy");
      return;

    case HTTP_AUTH_407_FROM_CONNECT:
      /* libsoup reports a refused CONNECT as a bare 407; its challenge is
       * what the bridge kept from the CONNECT's reply. */
      connect_values = _http_auth_proxy_logins_dup_connect_challenge (logins, &t->route);
      for (guint i = 0; connect_values != NULL && connect_values[i] != NULL; i++)
        g_ptr_array_add (values, connect_values[i]);
      break;

    case HTTP_AUTH_407_FROM_PROXY:
    default:
      break;
    }

  if (values->len == 0)
    {
      transaction_fail_literal (t, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                "The proxy answered 407 without a usable Proxy-Authenticate");
      return;
    }

  challenges = parse_challenges (t, "Proxy-Authenticate", values, &error);
  if (challenges == NULL)
    {
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  /* The proxy that asked is the one this side is about from now on. */
  if (t->proxy.space != NULL && !_http_auth_route_matches_space (&t->route, t->proxy.space))
    {
      guint failures = t->proxy.failures;

      leave_gate (t, HTTP_AUTH_TARGET_PROXY);
      _http_auth_controller_clear (&t->proxy);
      t->proxy.failures = failures;
    }
  if (t->proxy.credential != NULL && g_strcmp0 (g_uri_get_scheme (t->uri), "https") == 0)
    t->proxy.offered = TRUE;

  handle_challenges (t, HTTP_AUTH_TARGET_PROXY, challenges, stream, t->route.proxy,
                     _http_auth_route_proxy_port (&t->route));
}

/* ---- Credentials ---- */

static void ask_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Use @credential for @target and send again. */
static void
retry_with (Transaction        *t,
            HttpAuthTarget      target,
            HttpAuthCredential *credential)
{
  HttpAuthController *c = controller_for (t, target);

  _http_auth_controller_use (c, credential);
  if (target == HTTP_AUTH_TARGET_PROXY)
    _http_auth_proxy_logins_offer (_http_auth_session_get_proxy_logins (t->session), c->space, c->scheme,
                                   credential);
  transaction_send (t);
}

static gboolean
cancel_idle_cb (gpointer user_data)
{
  Transaction *t = user_data;
  GError *error = NULL;

  /* Outside the cancellable's emission now, so it can be disconnected. */
  t->cancel_idle_id = 0;
  if (!g_cancellable_set_error_if_cancelled (t->cancellable, &error))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  transaction_fail (t, error);

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              Transaction  *t)
{
  if (t->cancel_idle_id == 0)
    t->cancel_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, cancel_idle_cb, t, NULL);
}

/* Waits at the gate of @target's answer being verified by another request;
 * the request's own cancellable takes it out. */
static void
wait_at_gate (Transaction    *t,
              HttpAuthTarget  target)
{
  if (!set_state (t, STATE_WAITING))
    return;
  t->waiting = target;
  if (t->cancellable != NULL && t->cancelled_id == 0)
    t->cancelled_id = g_cancellable_connect (t->cancellable, G_CALLBACK (cancelled_cb), t, NULL);
}

static void
obtain (Transaction    *t,
        HttpAuthTarget  target,
        gboolean        retrying)
{
  HttpAuthController *c = controller_for (t, target);
  HttpAuthCredentialCache *cache = http_auth_session_get_credential_cache (t->session);
  HttpAuthPromptBroker *broker = _http_auth_session_get_broker (t->session);
  g_autoptr(HttpAuthCredential) known = NULL;
  g_autoptr(GObject) state = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  gboolean allowed;

  /* A refused answer's waiters ask again now (from an idle: after this
   * request opened its question, which they join). */
  if (t->gate_refused[target == HTTP_AUTH_TARGET_PROXY])
    leave_gate (t, target);

  /* Fetch: a body that cannot be sent again ends here. */
  if (t->stream_sent)
    {
      transaction_fail_literal (t, HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE,
                                "Credentials were asked for, but the request body was a stream that "
                                "cannot be sent again");
      return;
    }

  /* URL credentials: once, only after a challenge, only for the origin. */
  if (target == HTTP_AUTH_TARGET_SERVER && t->url_credential != NULL)
    {
      g_autoptr(HttpAuthCredential) url_credential = g_steal_pointer (&t->url_credential);

      retry_with (t, target, url_credential);
      return;
    }

  /* Another request may have proven credentials for this space meanwhile;
   * never one proven with a stronger scheme than asked now. */
  known = http_auth_credential_cache_lookup (cache, c->space, &state);
  if (_http_auth_controller_may_offer (c, known) && _http_auth_controller_may_reuse (c, state))
    {
      retry_with (t, target, known);
      return;
    }

  if (target == HTTP_AUTH_TARGET_SERVER)
    allowed = _http_auth_policy_prompt_allowed (t->context, http_auth_request_get_mode (t->request),
                                                http_auth_request_get_destination (t->request),
                                                http_auth_request_get_initiator (t->request), t->uri);
  else
    allowed = _http_auth_policy_proxy_prompt_allowed (t->context);
  if (!allowed || (http_auth_prompt_broker_get_prompter (broker) == NULL &&
                   (http_auth_prompt_broker_get_keyring (broker) == NULL ||
                    !_http_auth_policy_keyring_allowed (t->context))))
    {
      exhausted (t, target, NULL, "The proxy needs a login and nobody can be asked");
      return;
    }

  /* An answer for this space is being verified by another request of the
   * tab: wait for its verdict rather than ask again. */
  key = _http_auth_gates_key (t->context, c->space);
  if (_http_auth_gates_is_open (_http_auth_session_get_gates (t->session), key))
    {
      _http_auth_gates_wait (_http_auth_session_get_gates (t->session), key, t->task);
      g_free (GATE (t, target));
      GATE (t, target) = g_steal_pointer (&key);
      wait_at_gate (t, target);
      return;
    }

  if (!set_state (t, STATE_ASKING))
    return;
  t->waiting = target;
  url = g_uri_to_string_partial (t->uri, G_URI_HIDE_USERINFO);
  http_auth_prompt_broker_ask_async (broker, t->context, c->space, url, retrying, t->cancellable, ask_cb,
                                     g_object_ref (t->task));
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *t = g_task_get_task_data (task);
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remember = FALSE;
  HttpAuthPromptResult res;
  HttpAuthTarget target = t->waiting;
  HttpAuthController *c = controller_for (t, target);
  HttpAuthVerifyGates *gates = _http_auth_session_get_gates (t->session);
  g_autofree char *key = NULL;

  res = http_auth_prompt_broker_ask_finish (HTTP_AUTH_PROMPT_BROKER (object), result, &credential, &remember,
                                            NULL, &error);
  if (t->done)
    return;
  if (error != NULL)
    {
      /* The request's own cancellable: it leaves the question, which
       * goes on for the others. */
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }
  if (res != HTTP_AUTH_PROMPT_RESULT_ANSWERED)
    {
      /* Cancelled, suppressed or nobody to ask: a 401 with its body, as
       * the user would see it; a 407 is a network error. */
      exhausted (t, target, NULL, "The proxy login was cancelled");
      return;
    }

  /* Every request of the question gets the answer at once: the first one
   * verifies it, the others wait for the verdict. */
  key = _http_auth_gates_key (t->context, c->space);
  g_free (GATE (t, target));
  GATE (t, target) = g_strdup (key);
  SAVE (t, target) = remember ? G_PASSWORD_SAVE_PERMANENTLY : G_PASSWORD_SAVE_NEVER;
  if (!_http_auth_gates_enter (gates, key, t->task, t->context, credential, SAVE (t, target)))
    {
      wait_at_gate (t, target);
      return;
    }

  retry_with (t, target, credential);
}

void
_http_auth_transaction_resume (gpointer            task,
                               HttpAuthGateVerdict verdict)
{
  Transaction *t = g_task_get_task_data (task);
  HttpAuthTarget target = t->waiting;
  HttpAuthCredential *answer;

  if (t->done || t->state != STATE_WAITING)
    return;
  stop_watching_cancel (t);

  switch (verdict)
    {
    case HTTP_AUTH_GATE_PROMOTED:
      /* The verifier left before a verdict: this request verifies now. */
      answer = _http_auth_gates_get_answer (_http_auth_session_get_gates (t->session), GATE (t, target),
                                            &SAVE (t, target));
      if (answer != NULL)
        {
          g_autoptr(HttpAuthCredential) credential = http_auth_credential_ref (answer);

          retry_with (t, target, credential);
          return;
        }
      G_GNUC_FALLTHROUGH;

    case HTTP_AUTH_GATE_CLOSED:
      g_clear_pointer (&GATE (t, target), g_free);
      exhausted (t, target, NULL, "The proxy login was not verified");
      return;

    case HTTP_AUTH_GATE_ACCEPTED:
    case HTTP_AUTH_GATE_REFUSED:
    default:
      g_clear_pointer (&GATE (t, target), g_free);
      obtain (t, target, verdict == HTTP_AUTH_GATE_REFUSED);
      return;
    }
}

/* ---- Responses ---- */

/* Credentials became an authentication entry only now that the server or
 * proxy accepted them (Fetch); an answer to a question is recorded in the
 * tab (and saved when asked to), and its waiters go on. */
static void
accepted (Transaction    *t,
          HttpAuthTarget  target)
{
  HttpAuthController *c = controller_for (t, target);
  HttpAuthVerifyGates *gates = _http_auth_session_get_gates (t->session);

  if (c->credential == NULL || c->space == NULL || c->scheme == NULL || !c->offered)
    return;

  if (target == HTTP_AUTH_TARGET_PROXY)
    {
      if (!_http_auth_route_matches_space (&t->route, c->space))
        return;
      _http_auth_proxy_logins_accept (_http_auth_session_get_proxy_logins (t->session), c->space, c->scheme,
                                      c->credential);
    }
  else
    {
      g_auto(GStrv) prefixes = http_auth_scheme_get_protection_space (c->scheme, t->uri);

      http_auth_credential_cache_add (http_auth_session_get_credential_cache (t->session), c->space,
                                      (const char * const *) prefixes, c->credential, G_OBJECT (c->scheme));
    }

  if (_http_auth_gates_is_verifier (gates, GATE (t, target), t->task))
    {
      http_auth_prompt_broker_accepted (_http_auth_session_get_broker (t->session), t->context, c->space,
                                        c->credential, SAVE (t, target) != G_PASSWORD_SAVE_NEVER);
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

  if (!set_state (t, STATE_REDIRECTING))
    return;
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (http_auth_request_get_redirect_mode (t->request) == HTTP_AUTH_REDIRECT_MODE_ERROR)
    {
      transaction_fail_literal (t, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED, "The request does not allow redirects");
      return;
    }

  next = g_uri_parse_relative (t->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL ||
      (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 && g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
    {
      transaction_fail (t, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
                                        "Invalid redirect location “%s”", location));
      return;
    }

  if (++t->redirects > 20)
    {
      transaction_fail_literal (t, HTTP_AUTH_ERROR_TOO_MANY_REDIRECTS, "More than 20 redirects");
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
      transaction_fail_literal (t, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
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
  leave_gate (t, HTTP_AUTH_TARGET_SERVER);
  leave_gate (t, HTTP_AUTH_TARGET_PROXY);
  _http_auth_controller_clear (&t->origin);
  _http_auth_controller_clear (&t->proxy);

  g_uri_unref (t->uri);
  t->uri = g_steal_pointer (&next);
  transaction_send (t);
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
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }
  if (!complete)
    {
      transaction_fail_literal (t, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                                "The response body is too large to check its auth-int digest");
      return;
    }

  info = soup_message_headers_get_one (soup_message_get_response_headers (t->msg), "Authentication-Info");
  if (!http_auth_scheme_check_authentication_info (t->origin.scheme, t->origin.credential, t->origin.sent, info,
                                                   body, &error))
    {
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  accepted (t, HTTP_AUTH_TARGET_PROXY);
  accepted (t, HTTP_AUTH_TARGET_SERVER);
  replay = g_memory_input_stream_new_from_bytes (body);
  transaction_return (t, replay);
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
      transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (t->msg);
  exchange = g_ptr_array_index (t->exchanges, t->exchanges->len - 1);
  exchange->status = status;
  _http_auth_route_set_from_message (&t->route, t->msg);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      handle_401 (t, stream);
      return;
    }

  if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    {
      handle_407 (t, stream);
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
          if (!set_state (t, STATE_VERIFYING))
            return;
          _http_auth_body_read_async (stream, HTTP_AUTH_TRANSACTION_MAX_VERIFIED_BODY, t->cancellable,
                                      verified_body_cb, g_object_ref (task));
          return;
        }

      if (!http_auth_scheme_check_authentication_info (t->origin.scheme, t->origin.credential, t->origin.sent,
                                                       info, NULL, &error))
        {
          transaction_fail (t, g_steal_pointer (&error));
          return;
        }
    }

  accepted (t, HTTP_AUTH_TARGET_PROXY);
  accepted (t, HTTP_AUTH_TARGET_SERVER);
  transaction_return (t, stream);
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
  t->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_exchange_free);

  transaction_send (t);
}
