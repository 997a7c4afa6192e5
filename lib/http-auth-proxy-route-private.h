/* http-auth-proxy-route-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "http-auth-protection-space.h"

G_BEGIN_DECLS

/* The route libsoup really used for a message, read from its connection
 * (never predicted from the resolver: a resolver's list may fall back to
 * another proxy or to DIRECT, per connection). */
typedef enum
{
  HTTP_AUTH_ROUTE_UNKNOWN,        /* not connected yet */
  HTTP_AUTH_ROUTE_DIRECT,
  HTTP_AUTH_ROUTE_HTTP_PROXY,     /* may ask for Proxy-Authorization */
  HTTP_AUTH_ROUTE_OTHER_PROXY,    /* SOCKS and the like: never speaks HTTP */
} HttpAuthRouteKind;

typedef struct
{
  HttpAuthRouteKind  kind;
  GUri              *proxy;       /* HTTP_AUTH_ROUTE_HTTP_PROXY: its URI */
} HttpAuthRoute;

void     _http_auth_route_clear          (HttpAuthRoute           *route);
void     _http_auth_route_set_from_message (HttpAuthRoute         *route,
                                          SoupMessage             *msg);
void     _http_auth_route_set_from_address (HttpAuthRoute         *route,
                                          GSocketAddress          *address);
guint16  _http_auth_route_proxy_port     (const HttpAuthRoute     *route);
gboolean _http_auth_route_matches_space  (const HttpAuthRoute     *route,
                                          HttpAuthProtectionSpace *space);
char    *_http_auth_route_proxy_key      (const HttpAuthRoute     *route);
char    *_http_auth_proxy_key            (const char              *scheme,
                                          const char              *host,
                                          guint16                  port);

G_END_DECLS
