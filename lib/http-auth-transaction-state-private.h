/* http-auth-transaction-state-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-controller-private.h"
#include "http-auth-proxy-route-private.h"
#include "http-auth-session.h"

G_BEGIN_DECLS

/* The transaction's state, shared by its two files: http-auth-transaction.c
 * (sending, responses, redirects) and http-auth-transaction-auth.c (401
 * and 407, credentials, the gates). */

typedef enum
{
  STATE_IDLE,
  STATE_SENDING,
  STATE_READING_CHALLENGE,
  STATE_ASKING,
  STATE_WAITING,
  STATE_REDIRECTING,
  STATE_VERIFYING,
  STATE_NEGOTIATING,
  STATE_DONE,
} State;

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
  gboolean               late_preempt;  /* no credential at send: look again at starting */
  char                  *wave;          /* the wave this request asks for (its key), or NULL */
  gboolean               wave_waiting;  /* held before its first send by another's wave */
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

  /* Negotiate (RFC 4559), by HttpAuthTarget: the header a worker made for
   * the next send (single use, wiped), the server's token to continue
   * with, the challenges to fall back on, and whether Negotiate failed for
   * this request (then the next challenge, or the 401, is used). */
  char                  *negotiate_header[2];
  char                  *negotiate_token[2];
  GPtrArray             *negotiate_challenges[2];
  gboolean               negotiate_failed[2];
  GInputStream          *verify_stream;
} Transaction;

#define GATE(t, target) ((t)->gate[(target) == HTTP_AUTH_TARGET_PROXY])
#define SAVE(t, target) ((t)->save[(target) == HTTP_AUTH_TARGET_PROXY])

HttpAuthController *_http_auth_transaction_controller_for        (Transaction         *t,
                                                                  HttpAuthTarget       target);
void                _http_auth_transaction_stop_watching_cancel  (Transaction         *t);
void                _http_auth_transaction_leave_gate            (Transaction         *t,
                                                                  HttpAuthTarget       target);
gboolean            _http_auth_transaction_set_state             (Transaction         *t,
                                                                  State                state);
void                _http_auth_transaction_send                  (Transaction         *t);
void                _http_auth_transaction_fail                  (Transaction         *t,
                                                                  GError              *error);
void                _http_auth_transaction_fail_literal          (Transaction         *t,
                                                                  int                  code,
                                                                  const char          *message);
void                _http_auth_transaction_return                (Transaction         *t,
                                                                  GInputStream        *body);
void                _http_auth_transaction_return_challenge      (Transaction         *t);
void                _http_auth_transaction_handle_401            (Transaction         *t,
                                                                  GInputStream        *stream);
void                _http_auth_transaction_handle_407            (Transaction         *t,
                                                                  GInputStream        *stream);
gboolean            _http_auth_transaction_join_wave             (Transaction         *t);
void                _http_auth_transaction_end_wave              (Transaction         *t);
void                _http_auth_transaction_open_wave             (Transaction         *t);
void                _http_auth_transaction_obtain                (Transaction         *t,
                                                                  HttpAuthTarget       target,
                                                                  gboolean             retrying);
void                _http_auth_transaction_exhausted             (Transaction         *t,
                                                                  HttpAuthTarget       target,
                                                                  GInputStream        *stream,
                                                                  const char          *why);

/* Negotiate (http-auth-transaction-negotiate.c). */
#define NEGOTIATE_SLOT(target) ((target) == HTTP_AUTH_TARGET_PROXY)
void                _http_auth_transaction_negotiate_clear       (Transaction         *t,
                                                                  HttpAuthTarget       target);
GPtrArray          *_http_auth_transaction_negotiate_filter      (Transaction         *t,
                                                                  HttpAuthTarget       target,
                                                                  GPtrArray           *challenges,
                                                                  GUri                *server,
                                                                  guint16              port);
gboolean            _http_auth_transaction_negotiate_offered     (Transaction         *t,
                                                                  HttpAuthTarget       target);
gboolean            _http_auth_transaction_negotiate_answered    (Transaction         *t,
                                                                  HttpAuthTarget       target,
                                                                  GPtrArray           *challenges);
void                _http_auth_transaction_negotiate_after_body  (Transaction         *t,
                                                                  HttpAuthTarget       target);
gboolean            _http_auth_transaction_negotiate_preempt     (Transaction         *t);
gboolean            _http_auth_transaction_negotiate_verify      (Transaction         *t,
                                                                  GInputStream        *stream);

G_END_DECLS
