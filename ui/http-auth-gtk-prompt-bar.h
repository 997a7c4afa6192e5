/* http-auth-gtk-prompt-bar.h
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

#include "http-auth-gtk-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_GTK_TYPE_PROMPT_BAR (http_auth_gtk_prompt_bar_get_type ())

HTTP_AUTH_GTK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthGtkPromptBar, http_auth_gtk_prompt_bar, HTTP_AUTH_GTK, PROMPT_BAR, GtkWidget)

HTTP_AUTH_GTK_AVAILABLE_IN_1_0
GtkWidget      *http_auth_gtk_prompt_bar_new          (void);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
HttpAuthPrompt *http_auth_gtk_prompt_bar_get_prompt   (HttpAuthGtkPromptBar *self);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void            http_auth_gtk_prompt_bar_set_prompt   (HttpAuthGtkPromptBar *self,
                                                       HttpAuthPrompt       *prompt);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void            http_auth_gtk_prompt_bar_set_username (HttpAuthGtkPromptBar *self,
                                                       const char           *username);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void            http_auth_gtk_prompt_bar_set_password (HttpAuthGtkPromptBar *self,
                                                       const char           *password);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
void            http_auth_gtk_prompt_bar_set_remember (HttpAuthGtkPromptBar *self,
                                                       gboolean              remember);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
const char     *http_auth_gtk_prompt_bar_get_title    (HttpAuthGtkPromptBar *self);
HTTP_AUTH_GTK_AVAILABLE_IN_1_0
const char     *http_auth_gtk_prompt_bar_get_message  (HttpAuthGtkPromptBar *self);

G_END_DECLS
