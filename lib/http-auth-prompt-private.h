/* http-auth-prompt-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-prompter.h"

G_BEGIN_DECLS

HttpAuthPrompt *_http_auth_prompt_new (HttpAuthPromptContext *context,
                                       HttpAuthTarget         target,
                                       const char            *origin,
                                       const char            *realm,
                                       const char            *auth_scheme,
                                       const char            *url,
                                       gboolean               retrying,
                                       gboolean               insecure);

G_END_DECLS
