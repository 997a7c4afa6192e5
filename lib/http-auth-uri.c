/* http-auth-uri.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-uri-private.h"

/* The origin-form request-target: the path ("/" when empty) and query,
 * as libsoup sends it and as Digest signs it. */
char *
_http_auth_uri_request_target (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);

  if (path == NULL || *path == '\0')
    path = "/";
  if (query != NULL)
    return g_strconcat (path, "?", query, NULL);

  return g_strdup (path);
}

guint16
_http_auth_uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* `scheme://host:port`, the port always written. */
char *
_http_auth_uri_origin (GUri *uri)
{
  return g_strdup_printf ("%s://%s:%u", g_uri_get_scheme (uri), g_uri_get_host (uri), _http_auth_uri_port (uri));
}
