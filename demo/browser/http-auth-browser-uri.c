/* http-auth-browser-uri.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-browser-private.h"

#include <string.h>

/*
 * _http_auth_browser_normalize_uri:
 * @text: what the user typed in the address bar or on the command line
 *
 * Returns: (transfer full) (nullable): @text as something WebKit can
 *   load, or %NULL if it is blank
 */
char *
_http_auth_browser_normalize_uri (const char *text)
{
  g_autofree char *stripped = NULL;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;

  /* "localhost:8080" has a scheme as far as RFC 3986 goes; not here. */
  scheme = g_uri_peek_scheme (stripped);
  if (scheme != NULL && (g_str_has_prefix (stripped + strlen (scheme), "://") ||
                         g_str_equal (scheme, "about") || g_str_equal (scheme, "data")))
    return g_steal_pointer (&stripped);
  if (g_path_is_absolute (stripped))
    return g_filename_to_uri (stripped, NULL, NULL);

  return g_strconcat ("http://", stripped, NULL);
}
