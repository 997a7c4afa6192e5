/* http-auth-response.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "http-auth-exchange.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_RESPONSE (http_auth_response_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthResponse, http_auth_response, HTTP_AUTH, RESPONSE, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
guint               http_auth_response_get_status        (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_response_get_reason_phrase (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
SoupMessageHeaders *http_auth_response_get_headers       (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
GUri               *http_auth_response_get_uri           (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
GInputStream       *http_auth_response_get_body_stream   (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
GPtrArray          *http_auth_response_get_exchanges     (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_response_get_auth_scheme   (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_response_get_principal     (HttpAuthResponse     *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean            http_auth_response_get_mutually_authenticated (HttpAuthResponse *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_response_read_body_async   (HttpAuthResponse     *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
GBytes             *http_auth_response_read_body_finish  (HttpAuthResponse     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);


G_END_DECLS
