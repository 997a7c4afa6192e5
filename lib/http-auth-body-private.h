/* http-auth-body-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void    _http_auth_body_read_async  (GInputStream         *stream,
                                     gsize                 limit,
                                     guint                 deadline_ms,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GBytes *_http_auth_body_read_finish (GAsyncResult         *result,
                                     gboolean             *complete,
                                     GError              **error);

G_END_DECLS
