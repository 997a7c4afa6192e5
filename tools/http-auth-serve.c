/* http-auth-serve.c: `http-auth serve`
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-demo-server.h"
#include "http-auth-tool.h"

#include <glib-unix.h>
#include <stdio.h>

static void
log_line_cb (const char *line,
             gpointer    user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

  printf ("[%s] %s\n", stamp, line);
  fflush (stdout);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
tool_serve (int    argc,
            char **argv)
{
  int port = 0;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *keytab = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default: a free one)", "N" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, "User name to accept (default: alice)", "USER" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "Password to accept (default: wonderland)", "PASS" },
    { "negotiate-keytab", 0, 0, G_OPTION_ARG_FILENAME, &keytab,
      "Serve /negotiate/ with the HTTP/<host> keys of this keytab (default: $KRB5_KTNAME)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— run the demo server");
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;

  g_option_context_set_summary (context,
    "Serves Basic and Digest (MD5, SHA-256, SHA-512-256, -sess, auth-int,\n"
    "userhash, nextnonce) protected pages on 127.0.0.1 and logs each exchange.\n"
    "The server checks the credentials with HttpAuth's own Digest code.\n"
    "With a keytab (--negotiate-keytab, or KRB5_KTNAME in the environment),\n"
    "/negotiate/ asks for a Kerberos login (Negotiate, RFC 4559), checks it with\n"
    "GSS-API and sends its final token back (mutual authentication).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      fprintf (stderr, "http-auth serve: %s\n", error ? error->message : "unexpected argument");
      return TOOL_EXIT_USAGE;
    }
  if (port < 0 || port > 65535)
    {
      fprintf (stderr, "http-auth serve: --port must be between 0 and 65535\n");
      return TOOL_EXIT_USAGE;
    }

  server = http_auth_demo_server_new (user ? user : "alice", password ? password : "wonderland");
  http_auth_demo_server_set_log_func (server, log_line_cb, NULL);
  if (keytab == NULL && g_getenv ("KRB5_KTNAME") != NULL && *g_getenv ("KRB5_KTNAME") != '\0')
    keytab = g_strdup (g_getenv ("KRB5_KTNAME"));
  if (keytab != NULL && !http_auth_demo_server_set_negotiate_keytab (server, keytab, &error))
    {
      fprintf (stderr, "http-auth serve: %s\n", error->message);
      return TOOL_EXIT_FAILURE;
    }
  if (!http_auth_demo_server_listen (server, (guint) port, &error))
    {
      fprintf (stderr, "http-auth serve: %s\n", error->message);
      return TOOL_EXIT_FAILURE;
    }

  url = http_auth_demo_server_get_url (server, "/");
  printf ("Serving on %s (user “%s”%s); Ctrl-C stops.\n", url, user ? user : "alice",
          http_auth_demo_server_get_negotiate_enabled (server) ? ", Kerberos at /negotiate/" : "");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  return TOOL_EXIT_OK;
}
