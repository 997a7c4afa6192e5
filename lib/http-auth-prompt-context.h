/* http-auth-prompt-context.h
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

#include "http-auth-types.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_PROMPT_CONTEXT (http_auth_prompt_context_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthPromptContext, http_auth_prompt_context, HTTP_AUTH, PROMPT_CONTEXT, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPromptContext *http_auth_prompt_context_new                (const char            *top_level_site,
                                                                    gboolean               ephemeral) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
const char            *http_auth_prompt_context_get_top_level_site (HttpAuthPromptContext *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                   http_auth_prompt_context_set_top_level_site (HttpAuthPromptContext *self,
                                                                    const char            *top_level_site);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean               http_auth_prompt_context_get_ephemeral      (HttpAuthPromptContext *self);
HTTP_AUTH_AVAILABLE_IN_1_0
char                  *http_auth_prompt_context_dup_partition      (HttpAuthPromptContext *self) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
void                   http_auth_prompt_context_user_navigated     (HttpAuthPromptContext *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean               http_auth_prompt_context_is_suppressed      (HttpAuthPromptContext *self,
                                                                    const char            *site);
HTTP_AUTH_AVAILABLE_IN_1_0
void                   http_auth_prompt_context_close              (HttpAuthPromptContext *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean               http_auth_prompt_context_is_closed          (HttpAuthPromptContext *self);

G_END_DECLS
