/* http-auth-browser-application.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <http-auth-webkit.h>

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_BROWSER_APPLICATION (http_auth_browser_application_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthBrowserApplication, http_auth_browser_application, HTTP_AUTH, BROWSER_APPLICATION, GtkApplication)

HttpAuthBrowserApplication *http_auth_browser_application_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
HttpAuthKeyring            *http_auth_browser_application_get_keyring         (HttpAuthBrowserApplication *self);
WebKitNetworkSession       *http_auth_browser_application_get_network_session (HttpAuthBrowserApplication *self);
const char                 *http_auth_browser_application_get_start_url       (HttpAuthBrowserApplication *self);
int                         http_auth_browser_application_get_exit_status     (HttpAuthBrowserApplication *self);

G_END_DECLS
