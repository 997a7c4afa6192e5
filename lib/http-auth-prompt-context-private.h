/* http-auth-prompt-context-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-prompt-context.h"
#include "http-auth-types.h"

G_BEGIN_DECLS

/* Suppression bookkeeping, called by the prompt broker. */
void _http_auth_prompt_context_note_result  (HttpAuthPromptContext *self,
                                             const char            *site,
                                             HttpAuthPromptResult   result);
void _http_auth_prompt_context_note_success (HttpAuthPromptContext *self,
                                             const char            *site);

G_END_DECLS
