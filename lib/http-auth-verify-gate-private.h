/* http-auth-verify-gate-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-credential.h"
#include "http-auth-prompt-context.h"
#include "http-auth-protection-space.h"

G_BEGIN_DECLS

/* Verify-then-release, for origins and proxies alike: when a question for
 * (tab, protection space) is answered, one request (the verifier) tries the
 * answer; the others wait at the gate, and go on only once the server or
 * proxy has judged it. Main thread only. */
typedef struct _HttpAuthVerifyGates HttpAuthVerifyGates;

typedef enum
{
  HTTP_AUTH_GATE_ACCEPTED,   /* the answer was accepted: it is in the cache */
  HTTP_AUTH_GATE_REFUSED,    /* it was refused: ask again (joining the new question) */
  HTTP_AUTH_GATE_PROMOTED,   /* the verifier left before a verdict: verify it yourself */
  HTTP_AUTH_GATE_CLOSED,     /* the gate ended without a verdict (the session went away) */
} HttpAuthGateVerdict;

/* Called from an idle, never from inside a gate call. @waiter is the one
 * given to _http_auth_gates_wait(). */
typedef void (*HttpAuthGateFunc) (gpointer            waiter,
                                  HttpAuthGateVerdict verdict);

HttpAuthVerifyGates *_http_auth_gates_new        (HttpAuthGateFunc          resume,
                                                  GBoxedCopyFunc            waiter_ref,
                                                  GDestroyNotify            waiter_unref);
void                 _http_auth_gates_free       (HttpAuthVerifyGates      *self);
char                *_http_auth_gates_key        (HttpAuthPromptContext    *context,
                                                  HttpAuthProtectionSpace  *space);
gboolean             _http_auth_gates_is_open    (HttpAuthVerifyGates      *self,
                                                  const char               *key);
gboolean             _http_auth_gates_enter      (HttpAuthVerifyGates      *self,
                                                  const char               *key,
                                                  gpointer                  waiter,
                                                  HttpAuthPromptContext    *context,
                                                  HttpAuthCredential       *credential,
                                                  GPasswordSave             save);
void                 _http_auth_gates_wait       (HttpAuthVerifyGates      *self,
                                                  const char               *key,
                                                  gpointer                  waiter);
HttpAuthCredential  *_http_auth_gates_get_answer (HttpAuthVerifyGates      *self,
                                                  const char               *key,
                                                  GPasswordSave            *save);
gboolean             _http_auth_gates_is_verifier (HttpAuthVerifyGates     *self,
                                                  const char               *key,
                                                  gpointer                  waiter);
void                 _http_auth_gates_leave      (HttpAuthVerifyGates      *self,
                                                  const char               *key,
                                                  gpointer                  waiter);
void                 _http_auth_gates_verdict    (HttpAuthVerifyGates      *self,
                                                  const char               *key,
                                                  gpointer                  verifier,
                                                  gboolean                  accepted);
void                 _http_auth_gates_close_all  (HttpAuthVerifyGates      *self);

G_END_DECLS
