/* http-auth-credential-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-credential.h"

G_BEGIN_DECLS

void  _http_auth_secure_wipe (void  *data,
                              gsize  len);
void  _http_auth_secure_free (char  *str);

/* A string that holds a secret: g_autoptr(HttpAuthSecretString) wipes it. */
typedef char HttpAuthSecretString;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthSecretString, _http_auth_secure_free)

G_END_DECLS
