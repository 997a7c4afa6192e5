/* http-auth-test-daemon.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Real servers for the tests (Apache, lighttpd, nginx, squid, …): each is
 * started on 127.0.0.1 with a free port and a config in a temp dir, and
 * stopped by its PID. Nothing here ever listens on another address. */

typedef struct _HttpAuthTestDaemon HttpAuthTestDaemon;

char               *http_auth_test_make_tmpdir   (const char          *prefix);
void                http_auth_test_remove_tree   (const char          *path);
guint               http_auth_test_free_port     (void);
void                http_auth_test_write_file    (const char          *dir,
                                                  const char          *name,
                                                  const char          *contents);
char               *http_auth_test_find_program  (const char          *name);
void                http_auth_test_run_or_die    (const char * const  *argv,
                                                  char               **out);
HttpAuthTestDaemon *http_auth_test_daemon_start  (const char * const  *argv,
                                                  guint                port,
                                                  GError             **error);
void                http_auth_test_daemon_stop   (HttpAuthTestDaemon  *daemon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthTestDaemon, http_auth_test_daemon_stop)

G_END_DECLS
