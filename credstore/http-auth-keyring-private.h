/* http-auth-keyring-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-keyring.h"

G_BEGIN_DECLS

/* How many lookups and saves reached libsecret: for the tests. */
guint _http_auth_keyring_get_n_lookups (HttpAuthKeyring *self);
guint _http_auth_keyring_get_n_stores  (HttpAuthKeyring *self);

G_END_DECLS
