/* http-auth-gtk-prompter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_GTK_INSIDE) && !defined(HTTP_AUTH_GTK_COMPILATION)
# error "Only <http-auth-gtk.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <http-auth.h>

#include "http-auth-gtk-prompt-bar.h"
#include "http-auth-gtk-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_GTK_TYPE_PROMPTER (http_auth_gtk_prompter_get_type ())

HTTP_AUTH_GTK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthGtkPrompter, http_auth_gtk_prompter, HTTP_AUTH_GTK, PROMPTER, HttpAuthPrompter)

HTTP_AUTH_GTK_AVAILABLE_IN_1_0
HttpAuthGtkPrompter  *http_auth_gtk_prompter_new            (void);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void                  http_auth_gtk_prompter_add_tab        (HttpAuthGtkPrompter   *self,
                                                             HttpAuthPromptContext *context,
                                                             GtkBox                *bar_area);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void                  http_auth_gtk_prompter_remove_tab     (HttpAuthGtkPrompter   *self,
                                                             HttpAuthPromptContext *context);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
HttpAuthGtkPromptBar *http_auth_gtk_prompter_get_bar        (HttpAuthGtkPrompter   *self,
                                                             HttpAuthPromptContext *context);

G_END_DECLS
