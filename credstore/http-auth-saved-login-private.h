/* http-auth-saved-login-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-saved-login.h"

G_BEGIN_DECLS

/* Only the keyring makes saved logins, from the items it lists. */
HttpAuthSavedLogin *_http_auth_saved_login_new (HttpAuthProtectionSpace  *space,
                                                const char               *username,
                                                HttpAuthSavedLoginSource  source);

G_END_DECLS
