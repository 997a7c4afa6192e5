/* http-auth-credential-cache-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-credential-cache.h"

G_BEGIN_DECLS

/* The engine keeps an object with each entry (the scheme the credential
 * was accepted with): not part of the public API. */
void                _http_auth_credential_cache_add_with_state            (HttpAuthCredentialCache  *self,
                                                                           HttpAuthProtectionSpace  *space,
                                                                           const char * const       *path_prefixes,
                                                                           HttpAuthCredential       *credential,
                                                                           GObject                  *state);
HttpAuthCredential *_http_auth_credential_cache_lookup_with_state         (HttpAuthCredentialCache  *self,
                                                                           HttpAuthProtectionSpace  *space,
                                                                           GObject                 **state);
gboolean            _http_auth_credential_cache_lookup_by_path_with_state (HttpAuthCredentialCache  *self,
                                                                           const char               *partition,
                                                                           HttpAuthTarget            target,
                                                                           const char               *scheme,
                                                                           const char               *host,
                                                                           guint16                   port,
                                                                           const char               *path,
                                                                           HttpAuthProtectionSpace **space,
                                                                           HttpAuthCredential      **credential,
                                                                           GObject                 **state);

G_END_DECLS
