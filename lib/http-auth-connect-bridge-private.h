/* http-auth-connect-bridge-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "http-auth-credential-cache.h"
#include "http-auth-proxy-route-private.h"
#include "http-auth-scheme.h"

G_BEGIN_DECLS

/* The session's proxy logins: the credentials given for each proxy (not
 * yet accepted, shared by every request through it) on top of the cache's
 * accepted ones, and the bridge that puts them on the CONNECTs libsoup
 * keeps to itself. Main thread only; reference-counted so that a signal
 * handler on a CONNECT message never outlives it. */
typedef struct _HttpAuthProxyLogins HttpAuthProxyLogins;

HttpAuthProxyLogins *_http_auth_proxy_logins_new              (HttpAuthCredentialCache  *cache);
HttpAuthProxyLogins *_http_auth_proxy_logins_ref              (HttpAuthProxyLogins      *self);
void                 _http_auth_proxy_logins_unref            (HttpAuthProxyLogins      *self);
void                 _http_auth_proxy_logins_attach           (HttpAuthProxyLogins      *self,
                                                               SoupSession              *soup);
void                 _http_auth_proxy_logins_detach           (HttpAuthProxyLogins      *self);
void                 _http_auth_proxy_logins_offer            (HttpAuthProxyLogins      *self,
                                                               HttpAuthProtectionSpace  *space,
                                                               HttpAuthScheme           *scheme,
                                                               HttpAuthCredential       *credential);
void                 _http_auth_proxy_logins_forget           (HttpAuthProxyLogins      *self,
                                                               HttpAuthProtectionSpace  *space,
                                                               HttpAuthCredential       *credential);
void                 _http_auth_proxy_logins_accept           (HttpAuthProxyLogins      *self,
                                                               HttpAuthProtectionSpace  *space,
                                                               HttpAuthScheme           *scheme,
                                                               HttpAuthCredential       *credential);
gboolean             _http_auth_proxy_logins_lookup           (HttpAuthProxyLogins      *self,
                                                               const HttpAuthRoute      *route,
                                                               HttpAuthProtectionSpace **space,
                                                               HttpAuthScheme          **scheme,
                                                               HttpAuthCredential      **credential);
char               **_http_auth_proxy_logins_dup_connect_challenge (HttpAuthProxyLogins *self,
                                                               const HttpAuthRoute      *route);
void                 _http_auth_proxy_logins_set_token        (HttpAuthProxyLogins      *self,
                                                               HttpAuthProtectionSpace  *space,
                                                               char                     *header_value);
void                 _http_auth_proxy_logins_clear            (HttpAuthProxyLogins      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthProxyLogins, _http_auth_proxy_logins_unref)

G_END_DECLS
