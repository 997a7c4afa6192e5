/* http-auth-credentials-prompter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include "http-auth-prompter.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_CREDENTIALS_PROMPTER (http_auth_credentials_prompter_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthCredentialsPrompter, http_auth_credentials_prompter, HTTP_AUTH, CREDENTIALS_PROMPTER, HttpAuthPrompter)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredentialsPrompter *http_auth_credentials_prompter_new            (const char                  *username,
                                                                            const char                  *password) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredentialsPrompter *http_auth_credentials_prompter_new_for_proxy  (const char                  *username,
                                                                            const char                  *password,
                                                                            const char                  *proxy_uri) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                     http_auth_credentials_prompter_add_origin     (HttpAuthCredentialsPrompter *self,
                                                                            const char                  *uri);
HTTP_AUTH_AVAILABLE_IN_1_0
void                         http_auth_credentials_prompter_set_any_origin (HttpAuthCredentialsPrompter *self,
                                                                            gboolean                     any_origin);
HTTP_AUTH_AVAILABLE_IN_1_0
void                         http_auth_credentials_prompter_set_password_save (HttpAuthCredentialsPrompter *self,
                                                                               GPasswordSave                save);

G_END_DECLS
