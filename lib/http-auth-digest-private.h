/* http-auth-digest-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The computations of RFC 7616 §3.4, shared by the client scheme and the
 * server-side verifier used by `http-auth serve` and the tests.
 *
 * Each returns a newly allocated lowercase hex string. The hash contexts
 * and binary digests behind them are wiped before these return; the
 * strings from _http_auth_digest_compute_ha1() and
 * _http_auth_digest_session_ha1() are secrets (HA1 answers any nonce), so
 * callers free them with _http_auth_secure_free() (for example through
 * g_autoptr(HttpAuthSecretString)). */

typedef enum
{
  HTTP_AUTH_DIGEST_HASH_MD5,
  HTTP_AUTH_DIGEST_HASH_SHA256,
  HTTP_AUTH_DIGEST_HASH_SHA512_256,
} HttpAuthDigestHash;

typedef struct
{
  HttpAuthDigestHash hash;
  gboolean           sess;
} HttpAuthDigestAlgorithm;

typedef enum
{
  HTTP_AUTH_DIGEST_QOP_NONE,      /* RFC 2069 compatibility: no qop */
  HTTP_AUTH_DIGEST_QOP_AUTH,
  HTTP_AUTH_DIGEST_QOP_AUTH_INT,
} HttpAuthDigestQop;

gboolean              _http_auth_digest_algorithm_parse     (const char              *name,
                                                             HttpAuthDigestAlgorithm *out);
char                 *_http_auth_digest_algorithm_to_string (HttpAuthDigestAlgorithm  algorithm);
const char           *_http_auth_digest_qop_to_string       (HttpAuthDigestQop        qop);

char                 *_http_auth_digest_hash_hex            (HttpAuthDigestHash       hash,
                                                             const void              *data,
                                                             gsize                    len);
char                 *_http_auth_digest_compute_ha1         (HttpAuthDigestAlgorithm  algorithm,
                                                             const char              *username,
                                                             const char              *realm,
                                                             const char              *password,
                                                             const char              *nonce,
                                                             const char              *cnonce);
char                 *_http_auth_digest_session_ha1         (HttpAuthDigestAlgorithm  algorithm,
                                                             const char              *plain_ha1,
                                                             const char              *nonce,
                                                             const char              *cnonce);
char                 *_http_auth_digest_compute_ha2         (HttpAuthDigestHash       hash,
                                                             const char              *method,
                                                             const char              *uri,
                                                             HttpAuthDigestQop        qop,
                                                             const char              *body_hash);
char                 *_http_auth_digest_compute_response    (HttpAuthDigestHash       hash,
                                                             const char              *ha1,
                                                             const char              *nonce,
                                                             const char              *nc,
                                                             const char              *cnonce,
                                                             HttpAuthDigestQop        qop,
                                                             const char              *ha2);
char                 *_http_auth_digest_compute_userhash    (HttpAuthDigestHash       hash,
                                                             const char              *username,
                                                             const char              *realm);
char                 *_http_auth_digest_body_hash           (HttpAuthDigestHash       hash,
                                                             GBytes                  *body);
char                 *_http_auth_random_hex                 (gsize                    n_bytes);
gboolean              _http_auth_digest_hex_equal           (const char              *a,
                                                             const char              *b);
char                 *_http_auth_rfc8187_decode             (const char              *ext_value);
char                 *_http_auth_rfc8187_encode             (const char              *utf8);

G_END_DECLS
