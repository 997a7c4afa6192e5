/* http-auth-session-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-connect-bridge-private.h"
#include "http-auth-negotiate-private.h"
#include "http-auth-prompt-broker.h"
#include "http-auth-session.h"
#include "http-auth-verify-gate-private.h"

G_BEGIN_DECLS

HttpAuthPromptBroker *_http_auth_session_get_broker       (HttpAuthSession *self);
HttpAuthVerifyGates  *_http_auth_session_get_gates        (HttpAuthSession *self);
HttpAuthProxyLogins  *_http_auth_session_get_proxy_logins (HttpAuthSession *self);
HttpAuthNegotiatePolicy *_http_auth_session_get_negotiate (HttpAuthSession *self);
GHashTable           *_http_auth_session_get_waves        (HttpAuthSession *self);
gboolean              _http_auth_session_is_open_dir      (HttpAuthSession *self,
                                                           const char      *key);
void                  _http_auth_session_add_open_dir     (HttpAuthSession *self,
                                                           const char      *key);
void                  _http_auth_session_watch_context    (HttpAuthSession       *self,
                                                           HttpAuthPromptContext *context);

G_END_DECLS
