/* http-auth-parse-error.h
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

#define HTTP_AUTH_TYPE_PARSE_ERROR (http_auth_parse_error_get_type ())

typedef struct _HttpAuthParseError HttpAuthParseError;

HTTP_AUTH_AVAILABLE_IN_1_0
GType               http_auth_parse_error_get_type    (void) G_GNUC_CONST;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthParseError *http_auth_parse_error_copy        (const HttpAuthParseError *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_parse_error_free        (HttpAuthParseError       *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gsize               http_auth_parse_error_get_offset  (const HttpAuthParseError *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_parse_error_get_message (const HttpAuthParseError *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthParseError, http_auth_parse_error_free)

G_END_DECLS
