/* http-auth-test-mainloop.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest time the default main context's thread spent between two
 * polls, that is, running callbacks instead of waiting: the stall the
 * code under test caused on the main loop, free of the machine's
 * scheduling jitter (a thread that is merely descheduled while polling
 * does not count). Times in microseconds. */
void   http_auth_test_busy_start (void);
gint64 http_auth_test_busy_reset (void);
gint64 http_auth_test_busy_stop  (void);

G_END_DECLS
