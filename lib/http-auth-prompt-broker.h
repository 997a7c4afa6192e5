/* http-auth-prompt-broker.h
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
#include "http-auth-keyring.h"
#include "http-auth-prompt-context.h"
#include "http-auth-prompter.h"
#include "http-auth-protection-space.h"
#include "http-auth-types.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_PROMPT_BROKER (http_auth_prompt_broker_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthPromptBroker, http_auth_prompt_broker, HTTP_AUTH, PROMPT_BROKER, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPromptBroker *http_auth_prompt_broker_new                   (void) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPrompter     *http_auth_prompt_broker_get_prompter          (HttpAuthPromptBroker     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                  http_auth_prompt_broker_set_prompter          (HttpAuthPromptBroker     *self,
                                                                     HttpAuthPrompter         *prompter);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthKeyring      *http_auth_prompt_broker_get_keyring           (HttpAuthPromptBroker     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                  http_auth_prompt_broker_set_keyring           (HttpAuthPromptBroker     *self,
                                                                     HttpAuthKeyring          *keyring);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean              http_auth_prompt_broker_get_unlock_to_prompt  (HttpAuthPromptBroker     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                  http_auth_prompt_broker_set_unlock_to_prompt  (HttpAuthPromptBroker     *self,
                                                                     gboolean                  unlock);
HTTP_AUTH_AVAILABLE_IN_1_0
void                  http_auth_prompt_broker_ask_async             (HttpAuthPromptBroker     *self,
                                                                     HttpAuthPromptContext    *context,
                                                                     HttpAuthProtectionSpace  *space,
                                                                     const char               *url,
                                                                     gboolean                  retrying,
                                                                     GCancellable             *cancellable,
                                                                     GAsyncReadyCallback       callback,
                                                                     gpointer                  user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPromptResult  http_auth_prompt_broker_ask_finish            (HttpAuthPromptBroker     *self,
                                                                     GAsyncResult             *result,
                                                                     HttpAuthCredential      **credential,
                                                                     GPasswordSave            *save,
                                                                     gboolean                 *saved,
                                                                     GError                  **error);
HTTP_AUTH_AVAILABLE_IN_1_0
void                  http_auth_prompt_broker_report_accepted       (HttpAuthPromptBroker     *self,
                                                                     HttpAuthPromptContext    *context,
                                                                     HttpAuthProtectionSpace  *space,
                                                                     HttpAuthCredential       *credential,
                                                                     GPasswordSave             save);

G_END_DECLS
