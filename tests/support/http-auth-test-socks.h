/* http-auth-test-socks.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A minimal SOCKS5 server on 127.0.0.1 (RFC 1928: no authentication,
 * CONNECT only) that relays to loopback destinations only and records the
 * destinations it was asked for. It never parses what goes through. */
typedef struct _HttpAuthTestSocks HttpAuthTestSocks;

HttpAuthTestSocks *http_auth_test_socks_new          (void);
void               http_auth_test_socks_free         (HttpAuthTestSocks *self);
guint              http_auth_test_socks_get_port     (HttpAuthTestSocks *self);
char              *http_auth_test_socks_get_uri      (HttpAuthTestSocks *self);
/* "host:port" of every CONNECT received, in order. */
GPtrArray         *http_auth_test_socks_dup_targets  (HttpAuthTestSocks *self);
void               http_auth_test_socks_clear        (HttpAuthTestSocks *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthTestSocks, http_auth_test_socks_free)

G_END_DECLS
