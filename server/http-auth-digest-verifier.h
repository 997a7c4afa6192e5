/* http-auth-digest-verifier.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server side of RFC 7616: issues Digest challenges and verifies the
 * answers, for every algorithm and qop the client speaks. libsoup's
 * SoupAuthDomainDigest only does MD5, so the demo server and the tests use
 * this instead. */

typedef struct _HttpAuthDigestVerifier HttpAuthDigestVerifier;

typedef enum
{
  HTTP_AUTH_DIGEST_VERIFY_OK,
  HTTP_AUTH_DIGEST_VERIFY_STALE,   /* right digest, unknown or expired nonce */
  HTTP_AUTH_DIGEST_VERIFY_FAILED,  /* wrong password, unknown user, malformed */
} HttpAuthDigestVerifyResult;

HttpAuthDigestVerifier     *http_auth_digest_verifier_new              (const char              *realm,
                                                                        const char              *algorithms,
                                                                        const char              *qop);
void                        http_auth_digest_verifier_free             (HttpAuthDigestVerifier  *self);
void                        http_auth_digest_verifier_add_user         (HttpAuthDigestVerifier  *self,
                                                                        const char              *username,
                                                                        const char              *password);
void                        http_auth_digest_verifier_set_userhash     (HttpAuthDigestVerifier  *self,
                                                                        gboolean                 userhash);
void                        http_auth_digest_verifier_set_opaque       (HttpAuthDigestVerifier  *self,
                                                                        const char              *opaque);
void                        http_auth_digest_verifier_set_domain       (HttpAuthDigestVerifier  *self,
                                                                        const char              *domain);
void                        http_auth_digest_verifier_set_send_nextnonce (HttpAuthDigestVerifier *self,
                                                                        gboolean                 send_nextnonce);
void                        http_auth_digest_verifier_set_corrupt_rspauth (HttpAuthDigestVerifier *self,
                                                                        gboolean                 corrupt);
void                        http_auth_digest_verifier_expire_nonces    (HttpAuthDigestVerifier  *self);
char                      **http_auth_digest_verifier_make_challenges  (HttpAuthDigestVerifier  *self,
                                                                        gboolean                 stale);
HttpAuthDigestVerifyResult  http_auth_digest_verifier_verify           (HttpAuthDigestVerifier  *self,
                                                                        const char              *method,
                                                                        const char              *request_target,
                                                                        const char              *authorization,
                                                                        GBytes                  *request_body,
                                                                        GBytes                  *response_body,
                                                                        char                   **username,
                                                                        char                   **authentication_info,
                                                                        char                   **reason);
const char                 *http_auth_digest_verifier_get_realm        (HttpAuthDigestVerifier  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthDigestVerifier, http_auth_digest_verifier_free)

G_END_DECLS
