/* http-auth-tty-prompter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_TTY_PROMPTER (http_auth_tty_prompter_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthTtyPrompter, http_auth_tty_prompter, HTTP_AUTH, TTY_PROMPTER, HttpAuthPrompter)

HttpAuthPrompter *http_auth_tty_prompter_new (const char *username,
                                              gboolean    remember);

char             *http_auth_tty_sanitize     (const char *text,
                                              gsize       max_chars) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
