/* http-auth-browser-tab.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <http-auth-webkit.h>

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_BROWSER_TAB (http_auth_browser_tab_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthBrowserTab, http_auth_browser_tab, HTTP_AUTH, BROWSER_TAB, GtkWidget)

HttpAuthBrowserTab    *http_auth_browser_tab_new                    (WebKitNetworkSession *network_session,
                                                                     HttpAuthGtkPrompter  *prompter,
                                                                     HttpAuthKeyring      *keyring);
const char            *http_auth_browser_tab_get_title              (HttpAuthBrowserTab   *self);
GtkWidget             *http_auth_browser_tab_get_tab_label          (HttpAuthBrowserTab   *self);
WebKitWebView         *http_auth_browser_tab_get_web_view           (HttpAuthBrowserTab   *self);
HttpAuthWebKitAdapter *http_auth_browser_tab_get_adapter            (HttpAuthBrowserTab   *self);
gboolean               http_auth_browser_tab_get_showing_login_bar  (HttpAuthBrowserTab   *self);
void                   http_auth_browser_tab_load_uri               (HttpAuthBrowserTab   *self,
                                                                     const char           *uri);
void                   http_auth_browser_tab_end_prompts            (HttpAuthBrowserTab   *self);

G_END_DECLS
