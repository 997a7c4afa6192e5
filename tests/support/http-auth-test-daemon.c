/* http-auth-test-daemon.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-daemon.h"

#include <glib/gstdio.h>
#include <signal.h>

struct _HttpAuthTestDaemon
{
  GSubprocess *process;
  char        *name;
};

char *
http_auth_test_make_tmpdir (const char *prefix)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  /* Daemons that drop privileges (www-data, proxy) must read it. */
  g_chmod (dir, 0755);

  return dir;
}

void
http_auth_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        http_auth_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

guint
http_auth_test_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  /* Ask the kernel for a free port, then release it for the daemon. There
   * is a small race with other programs; the daemon start checks it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

void
http_auth_test_write_file (const char *dir,
                           const char *name,
                           const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_chmod (path, 0644);
}

char *
http_auth_test_find_program (const char *name)
{
  static const char *sbin[] = { "/usr/sbin", "/sbin", "/usr/lib/squid", NULL };
  char *path = g_find_program_in_path (name);

  for (guint i = 0; path == NULL && sbin[i] != NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (sbin[i], name, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        path = g_steal_pointer (&candidate);
    }

  /* CI installs every server: a missing one is a failure, not a skip. */
  if (path == NULL)
    g_error ("%s is not installed; run the README's test command, which installs it", name);

  return path;
}

static gboolean
port_accepts (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;

  g_socket_client_set_timeout (client, 1);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return conn != NULL;
}

HttpAuthTestDaemon *
http_auth_test_daemon_start (const char * const  *argv,
                             guint                port,
                             GError             **error)
{
  g_autoptr(GSubprocess) process = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  HttpAuthTestDaemon *daemon;

  /* Their output would mix with the TAP stream, and a daemon orphaned by a
   * failed test would hold the runner's pipes open: they log to files. */
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, error);
  if (process == NULL)
    return NULL;

  while (!port_accepts (port))
    {
      if (g_subprocess_get_identifier (process) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s exited before listening on %u",
                       argv[0], port);
          return NULL;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s did not listen on %u within 10 s",
                       argv[0], port);
          return NULL;
        }
      g_usleep (10 * 1000);
    }

  daemon = g_new0 (HttpAuthTestDaemon, 1);
  daemon->process = g_steal_pointer (&process);
  daemon->name = g_path_get_basename (argv[0]);

  return daemon;
}

void
http_auth_test_daemon_stop (HttpAuthTestDaemon *daemon)
{
  gint64 deadline;

  if (daemon == NULL)
    return;

  /* Stop by PID: SIGTERM, then SIGKILL if it lingers. */
  g_subprocess_send_signal (daemon->process, SIGTERM);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_subprocess_get_identifier (daemon->process) != NULL && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  if (g_subprocess_get_identifier (daemon->process) != NULL)
    {
      g_subprocess_force_exit (daemon->process);
      g_subprocess_wait (daemon->process, NULL, NULL);
    }

  g_clear_object (&daemon->process);
  g_free (daemon->name);
  g_free (daemon);
}

/* Runs @argv to its end; the test fails unless it exits with 0. */
void
http_auth_test_run_or_die (const char * const *argv,
                           char              **out)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}
