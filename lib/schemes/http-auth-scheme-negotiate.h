/* http-auth-scheme-negotiate.h
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

#define HTTP_AUTH_TYPE_SCHEME_NEGOTIATE (http_auth_scheme_negotiate_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthSchemeNegotiate, http_auth_scheme_negotiate, HTTP_AUTH, SCHEME_NEGOTIATE, HttpAuthScheme)

HTTP_AUTH_AVAILABLE_IN_1_0
const char *http_auth_scheme_negotiate_get_principal      (HttpAuthSchemeNegotiate *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean    http_auth_scheme_negotiate_get_mutual_verified (HttpAuthSchemeNegotiate *self);

G_END_DECLS
