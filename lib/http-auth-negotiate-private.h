/* http-auth-negotiate-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-scheme-negotiate-private.h"

G_BEGIN_DECLS

/* The session's Negotiate policy (RFC 4559 as browsers apply it): which
 * hosts get a Kerberos token, which may have the ticket delegated, and the
 * origins that accepted a token (sent a fresh one before any 401 from then
 * on). Main thread only. */
typedef struct _HttpAuthNegotiatePolicy HttpAuthNegotiatePolicy;

/* The default bound on one GSS-API step (a hung KDC blocks for ~27 s). */
#define HTTP_AUTH_NEGOTIATE_DEFAULT_TIMEOUT_MS 10000
/* Origins remembered as speaking Negotiate, per session. */
#define HTTP_AUTH_NEGOTIATE_MAX_KNOWN 4096

HttpAuthNegotiatePolicy *_http_auth_negotiate_policy_new        (void);
void                     _http_auth_negotiate_policy_free       (HttpAuthNegotiatePolicy *self);
void                     _http_auth_negotiate_policy_set_allowlist (HttpAuthNegotiatePolicy *self,
                                                                    const char * const      *patterns);
const char * const      *_http_auth_negotiate_policy_get_allowlist (HttpAuthNegotiatePolicy *self);
void                     _http_auth_negotiate_policy_set_delegation (HttpAuthNegotiatePolicy *self,
                                                                     const char * const      *patterns);
const char * const      *_http_auth_negotiate_policy_get_delegation (HttpAuthNegotiatePolicy *self);
void                     _http_auth_negotiate_policy_set_include_port (HttpAuthNegotiatePolicy *self,
                                                                       gboolean                 include_port);
gboolean                 _http_auth_negotiate_policy_get_include_port (HttpAuthNegotiatePolicy *self);
void                     _http_auth_negotiate_policy_set_timeout (HttpAuthNegotiatePolicy *self,
                                                                  guint                    timeout_ms);
guint                    _http_auth_negotiate_policy_get_timeout (HttpAuthNegotiatePolicy *self);

gboolean                 _http_auth_negotiate_pattern_matches   (const char              *pattern,
                                                                 const char              *scheme,
                                                                 const char              *host,
                                                                 guint16                  port);
gboolean                 _http_auth_negotiate_policy_allows     (HttpAuthNegotiatePolicy *self,
                                                                 const char              *scheme,
                                                                 const char              *host,
                                                                 guint16                  port);
HttpAuthSchemeNegotiate *_http_auth_negotiate_policy_prepare    (HttpAuthNegotiatePolicy *self,
                                                                 HttpAuthScheme          *chosen,
                                                                 HttpAuthTarget           target,
                                                                 const char              *scheme,
                                                                 const char              *host,
                                                                 guint16                  port);
gboolean                 _http_auth_negotiate_policy_is_known   (HttpAuthNegotiatePolicy *self,
                                                                 const char              *partition,
                                                                 const char              *scheme,
                                                                 const char              *host,
                                                                 guint16                  port);
void                     _http_auth_negotiate_policy_remember   (HttpAuthNegotiatePolicy *self,
                                                                 const char              *partition,
                                                                 const char              *scheme,
                                                                 const char              *host,
                                                                 guint16                  port,
                                                                 gboolean                 known);

G_END_DECLS
