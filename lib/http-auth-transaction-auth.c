/* http-auth-transaction-auth.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-transaction"

#include "config.h"

#include "http-auth-credential-cache-private.h"
#include "http-auth-body-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-fetch-policy-private.h"
#include "http-auth-session-private.h"
#include "http-auth-transaction-private.h"
#include "http-auth-transaction-state-private.h"
#include "http-auth-uri-private.h"

#include <string.h>

/* The half of a transaction that answers 401 and 407, origin and proxy
 * through the same code: reading the challenge (bounded), the
 * controller's verdict, where credentials come from (URL, cache, the
 * question layer), and the verify gate. */

static void obtain (Transaction *t, HttpAuthTarget target, gboolean retrying);

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
  AFTER_BODY_NEGOTIATE,
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
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  /* Only a 401's body is ever shown. */
  if (target == HTTP_AUTH_TARGET_SERVER)
    {
      g_clear_pointer (&t->challenge_body, g_bytes_unref);
      t->challenge_body = g_steal_pointer (&body);
    }

  if (next == AFTER_BODY_SEND)
    _http_auth_transaction_send (t);
  else if (next == AFTER_BODY_NEGOTIATE)
    _http_auth_transaction_negotiate_after_body (t, target);
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

  if (!_http_auth_transaction_set_state (t, STATE_READING_CHALLENGE))
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
                              HTTP_AUTH_TRANSACTION_CHALLENGE_BODY_DEADLINE_MS,
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
    _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED, why);
  else if (stream != NULL)
    _http_auth_transaction_return (t, stream);
  else
    _http_auth_transaction_return_challenge (t);
}

void
_http_auth_transaction_exhausted (Transaction    *t,
                                  HttpAuthTarget  target,
                                  GInputStream   *stream,
                                  const char     *why)
{
  exhausted (t, target, stream, why);
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
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  HttpAuthSession *session = t->session;
  g_autoptr(GPtrArray) usable = NULL;

  if (++t->round_trips >= HTTP_AUTH_TRANSACTION_MAX_ROUND_TRIPS)
    {
      exhausted (t, target, stream, "The proxy kept asking for credentials");
      return;
    }

  /* A Negotiate token went out: the answer is the next leg, or Negotiate
   * failed and the next challenge is used. */
  if (_http_auth_transaction_negotiate_offered (t, target))
    {
      if (_http_auth_transaction_negotiate_answered (t, target, challenges))
        read_challenge_body (t, stream, target, AFTER_BODY_NEGOTIATE);
      else
        exhausted (t, target, stream, "The proxy refused the Kerberos login");
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
  _http_auth_transaction_leave_gate (t, target);
  usable = _http_auth_transaction_negotiate_filter (t, target, challenges, server, port);
  if (!_http_auth_controller_choose (c, http_auth_session_get_scheme_registry (session), usable,
                                     target == HTTP_AUTH_TARGET_SERVER ? t->partition : NULL, server, port))
    {
      /* No usable challenge: a 401 is a response like any other. */
      exhausted (t, target, stream, "The proxy sent no usable challenge");
      return;
    }

  if (HTTP_AUTH_IS_SCHEME_NEGOTIATE (c->scheme))
    {
      /* A Kerberos token is made on a worker, after the body; the other
       * challenges stay for when there is no ticket. */
      g_clear_pointer (&t->negotiate_challenges[NEGOTIATE_SLOT (target)], g_ptr_array_unref);
      t->negotiate_challenges[NEGOTIATE_SLOT (target)] = g_ptr_array_ref (usable);
      read_challenge_body (t, stream, target, AFTER_BODY_NEGOTIATE);
      return;
    }

  read_challenge_body (t, stream, target, AFTER_BODY_OBTAIN);
}

void
_http_auth_transaction_handle_401 (Transaction  *t,
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
      _http_auth_transaction_return (t, stream);
      return;
    }

  values = response_fields (t->msg, "WWW-Authenticate");
  challenges = parse_challenges (t, "WWW-Authenticate", values, &error);
  if (challenges == NULL)
    {
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  handle_challenges (t, HTTP_AUTH_TARGET_SERVER, challenges, stream, t->uri, _http_auth_uri_port (t->uri));
}

void
_http_auth_transaction_handle_407 (Transaction  *t,
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
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH,
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
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                "The proxy answered 407 without a usable Proxy-Authenticate");
      return;
    }

  challenges = parse_challenges (t, "Proxy-Authenticate", values, &error);
  if (challenges == NULL)
    {
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
      return;
    }

  /* The proxy that asked is the one this side is about from now on. */
  if (t->proxy.space != NULL && !_http_auth_route_matches_space (&t->route, t->proxy.space))
    {
      guint failures = t->proxy.failures;

      _http_auth_transaction_leave_gate (t, HTTP_AUTH_TARGET_PROXY);
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
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);

  _http_auth_controller_use (c, credential);
  if (target == HTTP_AUTH_TARGET_PROXY)
    {
      _http_auth_proxy_logins_offer (_http_auth_session_get_proxy_logins (t->session), c->space, c->scheme,
                                     credential);
      /* An https:// request's login goes out on the CONNECT, by the
       * bridge; an http:// one's once the route is known. */
      if (g_strcmp0 (g_uri_get_scheme (t->uri), "https") == 0)
        c->offered = TRUE;
    }
  _http_auth_transaction_send (t);
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
  _http_auth_transaction_fail (t, error);

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
  if (!_http_auth_transaction_set_state (t, STATE_WAITING))
    return;
  t->waiting = target;
  if (t->cancellable != NULL && t->cancelled_id == 0)
    t->cancelled_id = g_cancellable_connect (t->cancellable, G_CALLBACK (cancelled_cb), t, NULL);
}

/* ---- Waves ----
 *
 * The first request sent without a login to an origin and directory (and
 * partition) the session knows nothing of is a probe: the requests that
 * come after it for the same place hold their first send until its answer
 * is known. A response other than 401 opens the directory (remembered:
 * later requests there never wait); a 401 is asked for, and the others go
 * when the probe ends, taking its accepted login from the cache (or, if it
 * got none, sending without and asking for themselves). Without this each
 * of N concurrent requests pays a 401 of its own. */

static char *
wave_key (Transaction *t)
{
  const char *path = g_uri_get_path (t->uri);
  const char *slash = strrchr (path, '/');
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (t->uri), -1);

  return g_strdup_printf ("%s\n%s://%s:%u%.*s", t->partition ? t->partition : "", g_uri_get_scheme (t->uri), host,
                          _http_auth_uri_port (t->uri), slash != NULL ? (int) (slash - path + 1) : 0, path);
}

static gboolean
wave_resume_cb (gpointer user_data)
{
  Transaction *t = g_task_get_task_data (user_data);

  if (!t->done && t->wave_waiting && t->state == STATE_WAITING)
    {
      t->wave_waiting = FALSE;
      _http_auth_transaction_stop_watching_cancel (t);
      _http_auth_transaction_send (t);
    }
  return G_SOURCE_REMOVE;
}

void
_http_auth_transaction_end_wave (Transaction *t)
{
  g_autofree char *key = g_steal_pointer (&t->wave);
  g_autoptr(GPtrArray) waiters = NULL;
  gpointer stolen = NULL;

  if (key == NULL ||
      !g_hash_table_steal_extended (_http_auth_session_get_waves (t->session), key, &stolen, (gpointer *) &waiters))
    return;
  g_free (stolen);
  /* From an idle: never inside the caller of the one that ends. */
  for (guint i = 0; i < waiters->len; i++)
    g_idle_add_full (G_PRIORITY_DEFAULT, wave_resume_cb, g_object_ref (g_ptr_array_index (waiters, i)),
                     g_object_unref);
}

/* The probe's response was not a 401: the directory needs no login (as
 * far as the session knows), and its wave goes at once. */
void
_http_auth_transaction_open_wave (Transaction *t)
{
  if (t->wave == NULL)
    return;
  /* Only a response to the probe itself (no login sent) says so. */
  if (t->round_trips == 0 && !t->origin.offered && !t->caller_authorization)
    _http_auth_session_add_open_dir (t->session, t->wave);
  _http_auth_transaction_end_wave (t);
}

/* Before a first send without a login: waits for the probe of this origin
 * and directory, or becomes it. TRUE when it waits. */
gboolean
_http_auth_transaction_join_wave (Transaction *t)
{
  GPtrArray *waiters;
  g_autofree char *key = NULL;

  if (t->round_trips > 0 || t->origin.scheme != NULL || t->caller_authorization || t->stream != NULL ||
      t->wave != NULL ||
      !_http_auth_policy_credentials_allowed (http_auth_request_get_credentials_mode (t->request),
                                              http_auth_request_get_initiator (t->request), t->uri))
    return FALSE;

  /* A login the cache already holds for the path goes out at once (the
   * send would take it anyway): the key is not even needed then, which is
   * every request after the first to a known space. */
  if (_http_auth_controller_preempt (&t->origin, http_auth_session_get_credential_cache (t->session), t->partition,
                                     t->uri, _http_auth_uri_port (t->uri), g_uri_get_path (t->uri)))
    return FALSE;
  key = wave_key (t);
  if (_http_auth_session_is_open_dir (t->session, key))
    return FALSE;
  waiters = g_hash_table_lookup (_http_auth_session_get_waves (t->session), key);
  if (waiters == NULL)
    {
      /* The probe: it goes, the next ones wait for it. */
      g_hash_table_insert (_http_auth_session_get_waves (t->session), g_strdup (key),
                           g_ptr_array_new_with_free_func (g_object_unref));
      t->wave = g_steal_pointer (&key);
      return FALSE;
    }

  g_ptr_array_add (waiters, g_object_ref (t->task));
  t->wave_waiting = TRUE;
  wait_at_gate (t, HTTP_AUTH_TARGET_SERVER);
  return TRUE;
}

static void
obtain (Transaction    *t,
        HttpAuthTarget  target,
        gboolean        retrying)
{
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
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
    _http_auth_transaction_leave_gate (t, target);

  /* Fetch: a body that cannot be sent again ends here. */
  if (t->stream_sent)
    {
      _http_auth_transaction_fail_literal (t, HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE,
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
  known = _http_auth_credential_cache_lookup_with_state (cache, c->space, &state);
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

  if (!_http_auth_transaction_set_state (t, STATE_ASKING))
    return;
  /* The first to ask for this origin and directory holds back the first
   * sends of the next ones until it ends. */
  if (target == HTTP_AUTH_TARGET_SERVER && t->wave == NULL)
    {
      g_autofree char *wave = wave_key (t);

      if (!g_hash_table_contains (_http_auth_session_get_waves (t->session), wave))
        {
          g_hash_table_insert (_http_auth_session_get_waves (t->session), g_strdup (wave),
                               g_ptr_array_new_with_free_func (g_object_unref));
          t->wave = g_steal_pointer (&wave);
        }
    }
  t->waiting = target;
  url = g_uri_to_string_partial (t->uri, G_URI_HIDE_USERINFO);
  http_auth_prompt_broker_ask_async (broker, t->context, c->space, url, retrying, t->cancellable, ask_cb,
                                     g_object_ref (t->task));
}

void
_http_auth_transaction_obtain (Transaction    *t,
                               HttpAuthTarget  target,
                               gboolean        retrying)
{
  obtain (t, target, retrying);
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
  GPasswordSave save = G_PASSWORD_SAVE_NEVER;
  HttpAuthPromptResult res;
  HttpAuthTarget target = t->waiting;
  HttpAuthController *c = _http_auth_transaction_controller_for (t, target);
  HttpAuthVerifyGates *gates = _http_auth_session_get_gates (t->session);
  g_autofree char *key = NULL;

  res = http_auth_prompt_broker_ask_finish (HTTP_AUTH_PROMPT_BROKER (object), result, &credential, &save,
                                            NULL, &error);
  if (t->done)
    return;
  if (error != NULL)
    {
      /* The request's own cancellable: it leaves the question, which
       * goes on for the others. */
      _http_auth_transaction_fail (t, g_steal_pointer (&error));
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
  SAVE (t, target) = save;
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
  _http_auth_transaction_stop_watching_cancel (t);

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

