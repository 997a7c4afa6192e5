/* http-auth-prompt-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-prompt.h"
#include "http-auth-protection-space.h"

G_BEGIN_DECLS

/* The question about @space, as the engine and the broker ask it: who
 * asks (the origin, or the proxy's host:port), its realm and scheme, and
 * whether the password would cross the network readable (Basic over
 * http://, to an origin or to a proxy). */
HttpAuthPrompt *_http_auth_prompt_new_for_space (HttpAuthPromptContext   *context,
                                                 HttpAuthProtectionSpace *space,
                                                 const char              *url,
                                                 gboolean                 retrying);

G_END_DECLS
