/* http-auth-test-gtk.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Saves what @widget shows now (a window: bars, pages and all) as a PNG;
 * FALSE, saying why, if it is not shown or drew nothing yet, or the file
 * could not be written. The tests' and the demos' screenshots for review. */
gboolean http_auth_test_save_widget_png (GtkWidget   *widget,
                                         const char  *path,
                                         GError     **error);

G_END_DECLS
