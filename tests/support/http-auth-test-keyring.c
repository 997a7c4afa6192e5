/* http-auth-test-keyring.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-test-keyring.h"

#include <signal.h>
#include <string.h>

static GSubprocess *daemon_process;

static void
wait_for_bus_name (const char *name,
                   gboolean    present)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_nonnull (bus);
  for (;;)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean owned = FALSE;

      g_assert_nonnull (reply);
      g_variant_get (reply, "(b)", &owned);
      if (owned == present)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
}

void
http_auth_test_keyring_start (const char *password_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static (password_text, strlen (password_text));

  daemon_process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                                     &error, "gnome-keyring-daemon", "--foreground", "--unlock",
                                     "--components=secrets", NULL);
  g_assert_no_error (error);
  /* The password on standard input, then EOF. */
  g_output_stream_write_bytes (g_subprocess_get_stdin_pipe (daemon_process), password, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (daemon_process), NULL, NULL);
  wait_for_bus_name ("org.freedesktop.secrets", TRUE);
}

void
http_auth_test_keyring_stop (void)
{
  if (daemon_process == NULL)
    return;
  g_subprocess_send_signal (daemon_process, SIGTERM);
  g_subprocess_wait (daemon_process, NULL, NULL);
  g_clear_object (&daemon_process);
  wait_for_bus_name ("org.freedesktop.secrets", FALSE);
}

void
http_auth_test_keyring_pause (gboolean paused)
{
  g_assert_nonnull (daemon_process);
  g_subprocess_send_signal (daemon_process, paused ? SIGSTOP : SIGCONT);
}

static void
forget_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_true (http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

void
http_auth_test_keyring_forget_all (void)
{
  g_autoptr(HttpAuthKeyring) keyring = http_auth_keyring_new ();
  gboolean done = FALSE;

  http_auth_keyring_forget_async (keyring, NULL, NULL, forget_all_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
lock_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);

  g_assert_nonnull (reply);
  *(gboolean *) user_data = TRUE;
}

void
http_auth_test_keyring_lock (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  const char *collections[] = { "/org/freedesktop/secrets/collection/login", NULL };
  gboolean locked = FALSE;

  g_dbus_connection_call (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                          "org.freedesktop.Secret.Service", "Lock",
                          g_variant_new ("(^ao)", collections), NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          lock_cb, &locked);
  while (!locked)
    g_main_context_iteration (NULL, TRUE);
}
