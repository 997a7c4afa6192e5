/* http-auth-keyring.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "http-auth-credential.h"
#include "http-auth-protection-space.h"
#include "http-auth-saved-login.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_KEYRING (http_auth_keyring_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthKeyring, http_auth_keyring, HTTP_AUTH, KEYRING, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
const SecretSchema *http_auth_keyring_get_schema    (HttpAuthKeyring          *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthKeyring    *http_auth_keyring_new           (void) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_keyring_lookup_async  (HttpAuthKeyring          *self,
                                                     HttpAuthProtectionSpace  *space,
                                                     gboolean                  unlock,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredential *http_auth_keyring_lookup_finish (HttpAuthKeyring          *self,
                                                     GAsyncResult             *result,
                                                     gboolean                 *locked,
                                                     GError                  **error);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_keyring_store_async   (HttpAuthKeyring          *self,
                                                     HttpAuthProtectionSpace  *space,
                                                     HttpAuthCredential       *credential,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean            http_auth_keyring_store_finish  (HttpAuthKeyring          *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_keyring_list_async    (HttpAuthKeyring          *self,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
GPtrArray          *http_auth_keyring_list_finish   (HttpAuthKeyring          *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_keyring_forget_async  (HttpAuthKeyring          *self,
                                                     const char               *site,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean            http_auth_keyring_forget_finish (HttpAuthKeyring          *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_keyring_flush_async   (HttpAuthKeyring          *self,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean            http_auth_keyring_flush_finish  (HttpAuthKeyring          *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);

G_END_DECLS
