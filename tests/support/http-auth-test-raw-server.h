/* http-auth-test-raw-server.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A hostile HTTP/1.1 peer on 127.0.0.1: an origin or a proxy whose every
 * answer a test scripts (any status, any challenge, a body of any size
 * streamed without being held in memory), recording what it received. One
 * thread per connection; the handler runs on that thread. */
typedef struct _HttpAuthRawServer HttpAuthRawServer;

typedef struct
{
  guint  index;                 /* 0 for the first request the server read */
  char  *method;
  char  *target;                /* as on the request line */
  char  *authorization;         /* or NULL */
  char  *proxy_authorization;   /* or NULL */
} HttpAuthRawRequest;

typedef struct
{
  guint       status;
  GPtrArray  *headers;          /* "Name: value" strings */
  GBytes     *body;             /* or NULL */
  guint64     filler;           /* that many more bytes of 'x', streamed */
  gboolean    close;            /* close the connection after the response */
  gboolean    stall;            /* promise one byte more than sent, and send
                                 * nothing more until the server stops */
} HttpAuthRawResponse;

typedef void (*HttpAuthRawHandler) (const HttpAuthRawRequest *request,
                                    HttpAuthRawResponse      *response,
                                    gpointer                  user_data);

HttpAuthRawServer *http_auth_raw_server_new          (HttpAuthRawHandler  handler,
                                                      gpointer            user_data);
void               http_auth_raw_server_free         (HttpAuthRawServer  *self);
guint              http_auth_raw_server_get_port     (HttpAuthRawServer  *self);
char              *http_auth_raw_server_get_url      (HttpAuthRawServer  *self,
                                                      const char         *path);
void               http_auth_raw_server_stop         (HttpAuthRawServer  *self);
guint              http_auth_raw_server_get_n_requests (HttpAuthRawServer *self);
GPtrArray         *http_auth_raw_server_dup_requests (HttpAuthRawServer  *self);
void               http_auth_raw_response_add_header (HttpAuthRawResponse *response,
                                                      const char          *format,
                                                      ...) G_GNUC_PRINTF (2, 3);
void               http_auth_raw_request_free        (HttpAuthRawRequest *request);

/* A proxy resolver answering a fixed list per destination port (0: any). */
GProxyResolver    *http_auth_test_resolver_new       (void);
void               http_auth_test_resolver_set       (GProxyResolver     *resolver,
                                                      guint               port,
                                                      const char * const *proxies);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthRawServer, http_auth_raw_server_free)

G_END_DECLS
