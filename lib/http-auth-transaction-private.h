/* http-auth-transaction-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-session.h"
#include "http-auth-verify-gate-private.h"

G_BEGIN_DECLS

/* The largest part of a 401 body kept to show when no login follows; a
 * longer body is cut there and its connection dropped. */
#define HTTP_AUTH_TRANSACTION_MAX_KEPT_BODY (256 * 1024)
/* How long a 401's or 407's body is read before the engine goes on with
 * what came (a body dripped a byte at a time must not hold the question
 * back until the size limit). */
#define HTTP_AUTH_TRANSACTION_CHALLENGE_BODY_DEADLINE_MS 3000
/* How much of a 407 body (never shown) is read to keep the connection. */
#define HTTP_AUTH_TRANSACTION_MAX_DRAINED_BODY (64 * 1024)
/* The largest body an auth-int Authentication-Info is checked against. */
#define HTTP_AUTH_TRANSACTION_MAX_VERIFIED_BODY (16 * 1024 * 1024)
/* One logical request never makes more requests than this to the server
 * and its proxy together, counting every 401 and 407 round trip. */
#define HTTP_AUTH_TRANSACTION_MAX_ROUND_TRIPS 10

void _http_auth_transaction_start  (HttpAuthSession     *session,
                                    HttpAuthRequest     *request,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
void _http_auth_transaction_resume (gpointer             task,
                                    HttpAuthGateVerdict  verdict);

G_END_DECLS
