/* http-auth-gtk-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-gtk-prompter.h"

G_BEGIN_DECLS

void  _http_auth_gtk_ensure_resources      (void);

/* For the tests: not part of the installed ABI (untagged, so hidden in the
 * shared library); reached through the static convenience library. */
guint _http_auth_gtk_prompter_get_n_queued (HttpAuthGtkPrompter   *self,
                                            HttpAuthPromptContext *context);

G_END_DECLS
