/* http-auth-keyring-schema-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "http-auth-protection-space.h"
#include "http-auth-saved-login.h"

G_BEGIN_DECLS

/* How protection spaces and logins map to keyring items, in HttpAuth's
 * own schema and in WebKitGTK's. Pure functions: any thread. Every
 * attribute table returned is new, with static keys and owned values. */

const SecretSchema *_http_auth_keyring_schema_get              (HttpAuthSavedLoginSource  source);
GHashTable         *_http_auth_keyring_schema_attributes       (HttpAuthProtectionSpace  *space,
                                                                const char               *username);
GHashTable         *_http_auth_keyring_schema_webkit_attributes (HttpAuthProtectionSpace *space);
char               *_http_auth_keyring_schema_label            (HttpAuthProtectionSpace  *space,
                                                                const char               *username);
GHashTable         *_http_auth_keyring_schema_item_match       (GHashTable               *item_attributes);
HttpAuthSavedLogin *_http_auth_keyring_schema_login_from_item  (GHashTable               *item_attributes,
                                                                HttpAuthSavedLoginSource  source);

G_END_DECLS
