/* http-auth-scheme-digest.h
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

#define HTTP_AUTH_TYPE_SCHEME_DIGEST (http_auth_scheme_digest_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthSchemeDigest, http_auth_scheme_digest, HTTP_AUTH, SCHEME_DIGEST, HttpAuthScheme)

HTTP_AUTH_AVAILABLE_IN_1_0
char       *http_auth_scheme_digest_dup_algorithm        (HttpAuthSchemeDigest *self) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
const char *http_auth_scheme_digest_get_nonce            (HttpAuthSchemeDigest *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint32     http_auth_scheme_digest_get_nonce_count      (HttpAuthSchemeDigest *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean    http_auth_scheme_digest_get_prefer_integrity (HttpAuthSchemeDigest *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void        http_auth_scheme_digest_set_prefer_integrity (HttpAuthSchemeDigest *self,
                                                          gboolean              prefer_integrity);

G_END_DECLS
