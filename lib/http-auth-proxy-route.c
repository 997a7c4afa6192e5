/* http-auth-proxy-route.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-proxy-route"

#include "config.h"

#include "http-auth-proxy-route-private.h"

/* Measured on libsoup 3.2: by the time a message emits "starting", its
 * connection is chosen, and soup_message_get_remote_address() is a
 * GProxyAddress (protocol "http", or "socks5"…) for a proxied connection
 * and a plain GInetSocketAddress for a direct one, including after the
 * resolver's list fell back to another entry. */

void
_http_auth_route_clear (HttpAuthRoute *route)
{
  route->kind = HTTP_AUTH_ROUTE_UNKNOWN;
  g_clear_pointer (&route->proxy, g_uri_unref);
}

void
_http_auth_route_set_from_address (HttpAuthRoute  *route,
                                   GSocketAddress *address)
{
  const char *protocol;
  const char *uri;

  _http_auth_route_clear (route);
  if (address == NULL)
    return;

  if (!G_IS_PROXY_ADDRESS (address))
    {
      route->kind = HTTP_AUTH_ROUTE_DIRECT;
      return;
    }

  protocol = g_proxy_address_get_protocol (G_PROXY_ADDRESS (address));
  uri = g_proxy_address_get_uri (G_PROXY_ADDRESS (address));
  if (g_strcmp0 (protocol, "http") == 0 || g_strcmp0 (protocol, "https") == 0)
    {
      if (uri != NULL)
        route->proxy = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
      else
        {
          /* No URI given: the proxy is where the connection went. */
          GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
          g_autofree char *host = g_inet_address_to_string (inet);

          route->proxy = g_uri_build (G_URI_FLAGS_NONE, protocol, NULL, host,
                                      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)),
                                      "", NULL, NULL);
        }
    }

  route->kind = route->proxy != NULL && g_uri_get_host (route->proxy) != NULL
                ? HTTP_AUTH_ROUTE_HTTP_PROXY : HTTP_AUTH_ROUTE_OTHER_PROXY;
  if (route->kind != HTTP_AUTH_ROUTE_HTTP_PROXY)
    g_clear_pointer (&route->proxy, g_uri_unref);
}

void
_http_auth_route_set_from_message (HttpAuthRoute *route,
                                   SoupMessage   *msg)
{
  _http_auth_route_set_from_address (route, soup_message_get_remote_address (msg));
}

guint16
_http_auth_route_proxy_port (const HttpAuthRoute *route)
{
  int port;

  if (route->proxy == NULL)
    return 0;
  port = g_uri_get_port (route->proxy);
  if (port > 0)
    return port;

  return g_strcmp0 (g_uri_get_scheme (route->proxy), "https") == 0 ? 443 : 80;
}

/* The key of a proxy, "scheme://host:port" with the host lowercased: the
 * same for a route and for a protection space of that proxy. */
char *
_http_auth_proxy_key (const char *scheme,
                      const char *host,
                      guint16     port)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);

  return g_strdup_printf ("%s://%s:%u", scheme, lower, port);
}

/* The key of the route's HTTP proxy, or NULL. */
char *
_http_auth_route_proxy_key (const HttpAuthRoute *route)
{
  if (route->kind != HTTP_AUTH_ROUTE_HTTP_PROXY)
    return NULL;

  return _http_auth_proxy_key (g_uri_get_scheme (route->proxy), g_uri_get_host (route->proxy),
                               _http_auth_route_proxy_port (route));
}

/* Whether @space (a proxy's) is the proxy of this route. */
gboolean
_http_auth_route_matches_space (const HttpAuthRoute     *route,
                                HttpAuthProtectionSpace *space)
{
  g_autofree char *route_key = NULL;
  g_autofree char *space_key = NULL;

  if (route->kind != HTTP_AUTH_ROUTE_HTTP_PROXY || space == NULL ||
      http_auth_protection_space_get_target (space) != HTTP_AUTH_TARGET_PROXY)
    return FALSE;

  route_key = _http_auth_route_proxy_key (route);
  space_key = _http_auth_proxy_key (http_auth_protection_space_get_scheme (space),
                                    http_auth_protection_space_get_host (space),
                                    http_auth_protection_space_get_port (space));
  return g_str_equal (route_key, space_key);
}

