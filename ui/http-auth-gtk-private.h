/* http-auth-gtk-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _http_auth_gtk_ensure_resources (void);

G_END_DECLS
