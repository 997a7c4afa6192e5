/* http-auth-test-mainloop.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-mainloop.h"

static gint64 max_busy;
static gint64 poll_returned;
static GPollFunc default_poll;

static int
measuring_poll (GPollFD *fds,
                guint    nfds,
                int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  int ret;

  if (poll_returned != 0 && now - poll_returned > max_busy)
    max_busy = now - poll_returned;
  ret = default_poll (fds, nfds, timeout);
  poll_returned = g_get_monotonic_time ();

  return ret;
}

/* Measures the default main context from now on. */
void
http_auth_test_busy_start (void)
{
  g_assert (default_poll == NULL);
  max_busy = 0;
  poll_returned = 0;
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, measuring_poll);
}

/* The longest busy stretch so far; the next one is measured afresh. */
gint64
http_auth_test_busy_reset (void)
{
  gint64 busy = max_busy;

  max_busy = 0;
  return busy;
}

/* Stops measuring; returns the longest busy stretch since the last reset. */
gint64
http_auth_test_busy_stop (void)
{
  g_assert (default_poll != NULL);
  g_main_context_set_poll_func (NULL, default_poll);
  default_poll = NULL;
  return max_busy;
}
