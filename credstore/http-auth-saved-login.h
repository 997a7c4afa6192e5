/* http-auth-saved-login.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <glib-object.h>

#include "http-auth-protection-space.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SAVED_LOGIN (http_auth_saved_login_get_type ())

/**
 * HttpAuthSavedLoginSource:
 * @HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH: an item of HttpAuth's own
 *   schema, `org.gnome.HttpAuth.Credential`
 * @HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT: an item that GNOME Web or another
 *   WebKitGTK application saved (`org.gnome.keyring.NetworkPassword`);
 *   HttpAuth reads these but never writes or forgets them
 *
 * Which application's schema a saved login was found in.
 */
typedef enum
{
  HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH,
  HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT,
} HttpAuthSavedLoginSource;

typedef struct _HttpAuthSavedLogin HttpAuthSavedLogin;

HTTP_AUTH_AVAILABLE_IN_1_0
GType                     http_auth_saved_login_get_type     (void) G_GNUC_CONST;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSavedLogin       *http_auth_saved_login_ref          (HttpAuthSavedLogin *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                      http_auth_saved_login_unref        (HttpAuthSavedLogin *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthProtectionSpace  *http_auth_saved_login_get_space    (HttpAuthSavedLogin *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char               *http_auth_saved_login_get_username (HttpAuthSavedLogin *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSavedLoginSource  http_auth_saved_login_get_source   (HttpAuthSavedLogin *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint                     http_auth_saved_login_hash         (gconstpointer       self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                  http_auth_saved_login_equal        (gconstpointer       a,
                                                              gconstpointer       b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthSavedLogin, http_auth_saved_login_unref)

G_END_DECLS
