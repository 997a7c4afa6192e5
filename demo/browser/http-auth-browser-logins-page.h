/* http-auth-browser-logins-page.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <http-auth.h>

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_BROWSER_LOGINS_PAGE (http_auth_browser_logins_page_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthBrowserLoginsPage, http_auth_browser_logins_page, HTTP_AUTH, BROWSER_LOGINS_PAGE, GtkWidget)

HttpAuthBrowserLoginsPage *http_auth_browser_logins_page_new           (HttpAuthKeyring           *keyring,
                                                                        gboolean                   is_private);
GtkWidget                 *http_auth_browser_logins_page_get_tab_label (HttpAuthBrowserLoginsPage *self);
void                       http_auth_browser_logins_page_refresh       (HttpAuthBrowserLoginsPage *self);

G_END_DECLS
