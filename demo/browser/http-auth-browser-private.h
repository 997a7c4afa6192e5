/* http-auth-browser-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_http_auth_browser_normalize_uri (const char *text);

G_END_DECLS
