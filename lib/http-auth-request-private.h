/* http-auth-request-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-request.h"

G_BEGIN_DECLS

const char   *_http_auth_request_get_content_type (HttpAuthRequest *self);
GInputStream *_http_auth_request_take_stream      (HttpAuthRequest *self,
                                                   gssize          *length);
gboolean      _http_auth_request_has_stream       (HttpAuthRequest *self);

G_END_DECLS
