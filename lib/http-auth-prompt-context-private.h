/* http-auth-prompt-context-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-prompt-context.h"

G_BEGIN_DECLS

/* Cancelled when the context closes; for the engine's own waits. */
GCancellable *_http_auth_prompt_context_get_cancellable (HttpAuthPromptContext *self);
/* How a prompt for @site ended, and a login the server accepted: the
 * question layer's record, which suppression reads. */
void          _http_auth_prompt_context_note_result     (HttpAuthPromptContext *self,
                                                         const char            *site,
                                                         HttpAuthPromptResult   result);
void          _http_auth_prompt_context_note_success    (HttpAuthPromptContext *self,
                                                         const char            *site);

G_END_DECLS
