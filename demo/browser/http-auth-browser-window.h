/* http-auth-browser-window.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "http-auth-browser-application.h"
#include "http-auth-browser-tab.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_BROWSER_WINDOW (http_auth_browser_window_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthBrowserWindow, http_auth_browser_window, HTTP_AUTH, BROWSER_WINDOW, GtkApplicationWindow)

HttpAuthBrowserWindow *http_auth_browser_window_new         (HttpAuthBrowserApplication *application,
                                                             gboolean                    is_private);
gboolean               http_auth_browser_window_get_private (HttpAuthBrowserWindow      *self);
HttpAuthBrowserTab    *http_auth_browser_window_open_uri    (HttpAuthBrowserWindow      *self,
                                                             const char                 *uri,
                                                             gboolean                    select);
void                   http_auth_browser_window_show_logins (HttpAuthBrowserWindow      *self);
void                   http_auth_browser_window_end_prompts (HttpAuthBrowserWindow      *self);

G_END_DECLS
