/* http-auth-uri-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What HTTP makes of a URI: the request-target sent on the request line,
 * the port (default ones filled in) and the origin. */
char    *_http_auth_uri_request_target (GUri *uri);
guint16  _http_auth_uri_port           (GUri *uri);
char    *_http_auth_uri_origin         (GUri *uri);

G_END_DECLS
