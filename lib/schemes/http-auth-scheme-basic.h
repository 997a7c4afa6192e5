/* http-auth-scheme-basic.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include "http-auth-scheme.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SCHEME_BASIC (http_auth_scheme_basic_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthSchemeBasic, http_auth_scheme_basic, HTTP_AUTH, SCHEME_BASIC, HttpAuthScheme)

G_END_DECLS
