/* http-auth-response-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-response.h"

G_BEGIN_DECLS

HttpAuthResponse *_http_auth_response_new (SoupMessage  *msg,
                                           GInputStream *body,
                                           GPtrArray    *exchanges);
void              _http_auth_response_set_auth (HttpAuthResponse *self,
                                                const char       *scheme,
                                                const char       *principal,
                                                gboolean          mutual);

G_END_DECLS
