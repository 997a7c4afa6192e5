/* http-auth-private-tabs-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-credential-cache.h"
#include "http-auth-prompt-context.h"

G_BEGIN_DECLS

/* The private (ephemeral) tabs a session has seen: their logins live in
 * the memory cache only, and leave it when the tab closes or goes away.
 * Main thread only. */
typedef struct _HttpAuthPrivateTabs HttpAuthPrivateTabs;

HttpAuthPrivateTabs *_http_auth_private_tabs_new   (HttpAuthCredentialCache *cache);
void                 _http_auth_private_tabs_free  (HttpAuthPrivateTabs     *self);
void                 _http_auth_private_tabs_watch (HttpAuthPrivateTabs     *self,
                                                    HttpAuthPromptContext   *context);

G_END_DECLS
