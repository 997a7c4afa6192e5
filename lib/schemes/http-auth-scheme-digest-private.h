/* http-auth-scheme-digest-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-scheme-digest.h"

G_BEGIN_DECLS

/* For the RFC 7616 test vectors, which fix the client nonce. */
void _http_auth_scheme_digest_set_cnonce (HttpAuthSchemeDigest *self,
                                          const char           *cnonce);

G_END_DECLS
