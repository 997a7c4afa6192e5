/* http-auth-credential.h
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

#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_CREDENTIAL (http_auth_credential_get_type ())

typedef struct _HttpAuthCredential HttpAuthCredential;

HTTP_AUTH_AVAILABLE_IN_1_0
GType               http_auth_credential_get_type     (void) G_GNUC_CONST;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredential *http_auth_credential_new          (const char         *username,
                                                       const char         *password) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredential *http_auth_credential_ref          (HttpAuthCredential *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_credential_unref        (HttpAuthCredential *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_credential_get_username (HttpAuthCredential *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_credential_get_password (HttpAuthCredential *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean            http_auth_credential_equal        (HttpAuthCredential *a,
                                                       HttpAuthCredential *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthCredential, http_auth_credential_unref)

G_END_DECLS
