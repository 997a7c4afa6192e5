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
  char  *host;                  /* the Host field, or NULL */
  gsize  body_size;             /* bytes of request body read */
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
  GBytes     *raw_head;         /* bytes put into the head verbatim after the
                                 * headers (NULs, bare CRs, anything) */
  guint       drip_ms;          /* send the response one byte every drip_ms */
  gboolean    endless;          /* no Content-Length: 'x' until the peer
                                 * closes or the server stops */
  gboolean    hangup;           /* close the connection without answering */
  gsize       cut_after;        /* if not 0: close after this many bytes of
                                 * the head and body */
  gboolean    forward;          /* a proxy relaying the request, loopback
                                 * only: a CONNECT gets 200 and a tunnel to
                                 * its authority; an absolute-form request
                                 * goes to its origin with the Proxy-*
                                 * fields dropped, and its answer comes
                                 * back with "Connection: close" */
} HttpAuthRawResponse;

typedef void (*HttpAuthRawHandler) (const HttpAuthRawRequest *request,
                                    HttpAuthRawResponse      *response,
                                    gpointer                  user_data);

HttpAuthRawServer *http_auth_raw_server_new          (HttpAuthRawHandler  handler,
                                                      gpointer            user_data);
/* The same peer behind TLS with @certificate (its URLs are https://). */
HttpAuthRawServer *http_auth_raw_server_new_tls      (HttpAuthRawHandler  handler,
                                                      gpointer            user_data,
                                                      GTlsCertificate    *certificate);
void               http_auth_raw_server_free         (HttpAuthRawServer  *self);
guint              http_auth_raw_server_get_port     (HttpAuthRawServer  *self);
char              *http_auth_raw_server_get_url      (HttpAuthRawServer  *self,
                                                      const char         *path);
void               http_auth_raw_server_stop         (HttpAuthRawServer  *self);
guint              http_auth_raw_server_get_n_requests (HttpAuthRawServer *self);
GPtrArray         *http_auth_raw_server_dup_requests (HttpAuthRawServer  *self);
void               http_auth_raw_server_clear_requests (HttpAuthRawServer *self);
void               http_auth_raw_response_add_header (HttpAuthRawResponse *response,
                                                      const char          *format,
                                                      ...) G_GNUC_PRINTF (2, 3);
void               http_auth_raw_request_free        (HttpAuthRawRequest *request);

/* Copies bytes both ways between two connections until both ends closed
 * (each end's EOF is passed on as a shutdown) or @cancellable fires. @a_in
 * may be a buffered stream over @a's input. */
void               http_auth_test_relay              (GSocketConnection  *a,
                                                      GInputStream       *a_in,
                                                      GSocketConnection  *b,
                                                      GCancellable       *cancellable);

void               http_auth_test_set_nodelay        (GSocketConnection  *connection);

/* A proxy resolver answering a fixed list per destination port (0: any). */
GProxyResolver    *http_auth_test_resolver_new       (void);
void               http_auth_test_resolver_set       (GProxyResolver     *resolver,
                                                      guint               port,
                                                      const char * const *proxies);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthRawServer, http_auth_raw_server_free)

G_END_DECLS
