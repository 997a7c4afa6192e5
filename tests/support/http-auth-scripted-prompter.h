/* http-auth-scripted-prompter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SCRIPTED_PROMPTER (http_auth_scripted_prompter_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthScriptedPrompter, http_auth_scripted_prompter, HTTP_AUTH, SCRIPTED_PROMPTER, HttpAuthPrompter)

HttpAuthScriptedPrompter    *http_auth_scripted_prompter_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void                         http_auth_scripted_prompter_add_answer    (HttpAuthScriptedPrompter *self,
                                                                        const char               *username,
                                                                        const char               *password,
                                                                        gboolean                  remember);
void                         http_auth_scripted_prompter_add_cancel    (HttpAuthScriptedPrompter *self);
void                         http_auth_scripted_prompter_add_dismiss   (HttpAuthScriptedPrompter *self);
void                         http_auth_scripted_prompter_set_hold      (HttpAuthScriptedPrompter *self,
                                                                        gboolean                  hold);
guint                        http_auth_scripted_prompter_get_n_pending (HttpAuthScriptedPrompter *self);
void                         http_auth_scripted_prompter_release       (HttpAuthScriptedPrompter *self);
GPtrArray                   *http_auth_scripted_prompter_get_prompts   (HttpAuthScriptedPrompter *self);

G_END_DECLS
