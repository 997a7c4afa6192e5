/* http-auth-webkit-adapter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_WEBKIT_INSIDE) && !defined(HTTP_AUTH_WEBKIT_COMPILATION)
# error "Only <http-auth-webkit.h> can be included directly."
#endif

#include <http-auth-gtk.h>
#include <webkit/webkit.h>

#include "http-auth-webkit-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_WEBKIT_TYPE_ADAPTER (http_auth_webkit_adapter_get_type ())

HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthWebKitAdapter, http_auth_webkit_adapter, HTTP_AUTH_WEBKIT, ADAPTER, GObject)

HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
void                   http_auth_webkit_prepare_network_session    (WebKitNetworkSession  *session);

HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
HttpAuthWebKitAdapter *http_auth_webkit_adapter_new                (WebKitWebView         *web_view,
                                                                    HttpAuthGtkPrompter   *prompter,
                                                                    GtkBox                *bar_area,
                                                                    HttpAuthKeyring       *keyring) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
WebKitWebView         *http_auth_webkit_adapter_get_web_view       (HttpAuthWebKitAdapter *self);
HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
HttpAuthPromptContext *http_auth_webkit_adapter_get_prompt_context (HttpAuthWebKitAdapter *self);
HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
void                   http_auth_webkit_adapter_load_uri           (HttpAuthWebKitAdapter *self,
                                                                    const char            *uri);
HTTP_AUTH_WEBKIT_AVAILABLE_IN_1_0
void                   http_auth_webkit_adapter_user_navigated     (HttpAuthWebKitAdapter *self);

G_END_DECLS
