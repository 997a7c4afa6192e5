/* http-auth-soup-digest-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SOUP_DIGEST (http_auth_soup_digest_get_type ())

G_DECLARE_FINAL_TYPE (HttpAuthSoupDigest, http_auth_soup_digest, HTTP_AUTH, SOUP_DIGEST, SoupAuth)

guint _http_auth_soup_digest_get_n_authorizations (void);

G_END_DECLS
