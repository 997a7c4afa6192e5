/* http-auth-prompt.h
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

#include "http-auth-credential.h"
#include "http-auth-error.h"
#include "http-auth-prompt-context.h"
#include "http-auth-types.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_PROMPT (http_auth_prompt_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthPrompt, http_auth_prompt, HTTP_AUTH, PROMPT, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPrompt        *http_auth_prompt_new             (HttpAuthPromptContext *context,
                                                         HttpAuthTarget         target,
                                                         const char            *origin,
                                                         const char            *realm,
                                                         const char            *auth_scheme,
                                                         const char            *url,
                                                         gboolean               retrying,
                                                         gboolean               insecure) G_GNUC_WARN_UNUSED_RESULT;

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPromptContext *http_auth_prompt_get_context     (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthTarget         http_auth_prompt_get_target      (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char            *http_auth_prompt_get_origin      (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char            *http_auth_prompt_get_realm       (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char            *http_auth_prompt_get_auth_scheme (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char            *http_auth_prompt_get_url         (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean               http_auth_prompt_get_retrying    (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean               http_auth_prompt_get_insecure    (HttpAuthPrompt *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                   http_auth_prompt_set_credential  (HttpAuthPrompt     *self,
                                                         HttpAuthCredential *credential);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredential    *http_auth_prompt_get_credential  (HttpAuthPrompt     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                   http_auth_prompt_set_password_save (HttpAuthPrompt   *self,
                                                         GPasswordSave       save);
HTTP_AUTH_AVAILABLE_IN_1_0
GPasswordSave          http_auth_prompt_get_password_save (HttpAuthPrompt   *self);

G_END_DECLS
