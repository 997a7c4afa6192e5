/* http-auth-exchange-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-exchange.h"

G_BEGIN_DECLS

HttpAuthExchange *_http_auth_exchange_new                   (const char       *method,
                                                             GUri             *uri);
void              _http_auth_exchange_set_status            (HttpAuthExchange *self,
                                                             guint             status);
void              _http_auth_exchange_set_auth_scheme       (HttpAuthExchange *self,
                                                             const char       *header_value);
void              _http_auth_exchange_set_proxy_auth_scheme (HttpAuthExchange *self,
                                                             const char       *header_value);

G_END_DECLS
