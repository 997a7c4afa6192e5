/* http-auth-demo-server.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "http-auth-digest-verifier.h"

G_BEGIN_DECLS

/* The embedded demo server: a SoupServer on 127.0.0.1 whose protected
 * areas are checked by this project's own code (Basic, and Digest with
 * every algorithm and qop). `http-auth serve`, the README's walkthrough
 * and the tests use it. It records every request it receives. */

typedef struct _HttpAuthDemoServer HttpAuthDemoServer;

typedef struct
{
  char *method;
  char *path;
  char *authorization;   /* the whole field as received, or NULL */
  char *proxy_authorization; /* must never reach an origin */
  guint status;
  guint port;            /* which of the two origins received it */
  gsize body_size;
  char *body_sha256;     /* of the request body */
} HttpAuthDemoExchange;

typedef void (*HttpAuthDemoLogFunc) (const char *line,
                                     gpointer    user_data);

HttpAuthDemoServer *http_auth_demo_server_new            (const char          *username,
                                                          const char          *password);
void                http_auth_demo_server_free           (HttpAuthDemoServer  *self);
void                http_auth_demo_server_set_log_func   (HttpAuthDemoServer  *self,
                                                          HttpAuthDemoLogFunc  func,
                                                          gpointer             user_data);
void                http_auth_demo_server_set_tls_certificate (HttpAuthDemoServer *self,
                                                          GTlsCertificate     *certificate);
gboolean            http_auth_demo_server_set_negotiate_keytab (HttpAuthDemoServer *self,
                                                          const char          *keytab,
                                                          GError             **error);
gboolean            http_auth_demo_server_get_negotiate_enabled (HttpAuthDemoServer *self);
gboolean            http_auth_demo_server_listen         (HttpAuthDemoServer  *self,
                                                          guint                port,
                                                          GError             **error);
gboolean            http_auth_demo_server_start_thread   (HttpAuthDemoServer  *self,
                                                          GError             **error);
void                http_auth_demo_server_stop           (HttpAuthDemoServer  *self);
char               *http_auth_demo_server_get_url        (HttpAuthDemoServer  *self,
                                                          const char          *path);
guint               http_auth_demo_server_get_port       (HttpAuthDemoServer  *self);
char               *http_auth_demo_server_get_other_url  (HttpAuthDemoServer  *self,
                                                          const char          *path);
guint               http_auth_demo_server_get_other_port (HttpAuthDemoServer  *self);
GPtrArray          *http_auth_demo_server_get_exchanges  (HttpAuthDemoServer  *self);
void                http_auth_demo_server_clear_exchanges (HttpAuthDemoServer *self);
HttpAuthDigestVerifier *http_auth_demo_server_get_verifier (HttpAuthDemoServer *self,
                                                          const char          *prefix);

void                http_auth_demo_server_add_resource   (HttpAuthDemoServer  *self,
                                                          const char          *path,
                                                          const char          *content_type,
                                                          GBytes              *body);

void                http_auth_demo_exchange_free         (HttpAuthDemoExchange *exchange);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthDemoServer, http_auth_demo_server_free)

G_END_DECLS
