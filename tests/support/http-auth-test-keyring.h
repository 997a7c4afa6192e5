/* http-auth-test-keyring.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A private gnome-keyring-daemon for the tests, on the session bus of the
 * dbus-run-session they run under, unlocked with @password. */
void http_auth_test_keyring_start      (const char *password);
void http_auth_test_keyring_stop       (void);
/* Stops the daemon (SIGSTOP) or lets it go on (SIGCONT), as a hung Secret
 * Service would be. */
void http_auth_test_keyring_pause      (gboolean    paused);
/* Locks the login collection (as a screen lock would). */
void http_auth_test_keyring_lock       (void);
/* Forgets every login HttpAuth saved, waiting for it. */
void http_auth_test_keyring_forget_all (void);

G_END_DECLS
