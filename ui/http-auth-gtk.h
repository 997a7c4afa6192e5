/* http-auth-gtk.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <http-auth.h>

#define HTTP_AUTH_GTK_INSIDE
# include "http-auth-gtk-version-macros.h"
# include "http-auth-gtk-prompt-bar.h"
# include "http-auth-gtk-prompter.h"
#undef HTTP_AUTH_GTK_INSIDE

G_BEGIN_DECLS

HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void http_auth_gtk_init (void);

G_END_DECLS
