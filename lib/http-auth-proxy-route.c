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

/* Whether @space (a proxy's) is the proxy of this route. */
gboolean
_http_auth_route_matches_space (const HttpAuthRoute     *route,
                                HttpAuthProtectionSpace *space)
{
  return route->kind == HTTP_AUTH_ROUTE_HTTP_PROXY && space != NULL &&
         http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY &&
         g_ascii_strcasecmp (http_auth_protection_space_get_host (space), g_uri_get_host (route->proxy)) == 0 &&
         http_auth_protection_space_get_port (space) == _http_auth_route_proxy_port (route) &&
         g_strcmp0 (http_auth_protection_space_get_scheme (space), g_uri_get_scheme (route->proxy)) == 0;
}

/* "scheme://host:port" of the route's HTTP proxy, or NULL. */
char *
_http_auth_route_proxy_key (const HttpAuthRoute *route)
{
  g_autofree char *host = NULL;

  if (route->kind != HTTP_AUTH_ROUTE_HTTP_PROXY)
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (route->proxy), -1);

  return g_strdup_printf ("%s://%s:%u", g_uri_get_scheme (route->proxy), host, _http_auth_route_proxy_port (route));
}

char *
_http_auth_route_to_string (const HttpAuthRoute *route)
{
  switch (route->kind)
    {
    case HTTP_AUTH_ROUTE_DIRECT:
      return g_strdup ("direct");
    case HTTP_AUTH_ROUTE_HTTP_PROXY:
      return _http_auth_route_proxy_key (route);
    case HTTP_AUTH_ROUTE_OTHER_PROXY:
      return g_strdup ("non-HTTP proxy");
    case HTTP_AUTH_ROUTE_UNKNOWN:
    default:
      return g_strdup ("unknown");
    }
}
