/* http-auth-exchange.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <glib-object.h>

#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_EXCHANGE (http_auth_exchange_get_type ())

typedef struct _HttpAuthExchange HttpAuthExchange;

HTTP_AUTH_AVAILABLE_IN_1_0
GType             http_auth_exchange_get_type              (void) G_GNUC_CONST;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthExchange *http_auth_exchange_ref                   (HttpAuthExchange *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void              http_auth_exchange_unref                 (HttpAuthExchange *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char       *http_auth_exchange_get_method            (HttpAuthExchange *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char       *http_auth_exchange_get_url               (HttpAuthExchange *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint             http_auth_exchange_get_status            (HttpAuthExchange *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char       *http_auth_exchange_get_auth_scheme       (HttpAuthExchange *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char       *http_auth_exchange_get_proxy_auth_scheme (HttpAuthExchange *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthExchange, http_auth_exchange_unref)

G_END_DECLS
