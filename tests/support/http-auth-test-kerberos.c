/* http-auth-test-kerberos.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-kerberos.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* The variables the realm sets in the test process, in this order. */
static const char * const env_names[] = {
  "KRB5_CONFIG", "KRB5_KDC_PROFILE", "KRB5CCNAME", "KRB5_KTNAME", "KRB5RCACHEDIR",
};

/* Client side. No DNS at all, and the service principal is exactly the
 * URL's host: rdns and canonicalization off, and no resolver search
 * domain appended to "localhost" (MIT 1.18 and later). TCP first, so a
 * paused KDC is reached the same way every time. */
static const char krb5_conf[] =
  "[libdefaults]\n"
  "  default_realm = @REALM@\n"
  "  dns_lookup_kdc = false\n"
  "  dns_lookup_realm = false\n"
  "  rdns = false\n"
  "  dns_canonicalize_hostname = false\n"
  "  qualify_shortname = \"\"\n"
  "  udp_preference_limit = 1\n"
  "[realms]\n"
  "  @REALM@ = {\n"
  "    kdc = 127.0.0.1:@PORT@\n"
  "  }\n"
  "[domain_realm]\n"
  "  localhost = @REALM@\n"
  "  127.0.0.1 = @REALM@\n";

/* KDC side: kdb5_util, kadmin.local and krb5kdc read it. */
static const char kdc_conf[] =
  "[kdcdefaults]\n"
  "  kdc_listen = 127.0.0.1:@PORT@\n"
  "  kdc_tcp_listen = 127.0.0.1:@PORT@\n"
  "[realms]\n"
  "  @REALM@ = {\n"
  "    database_name = @DIR@/kdc/principal\n"
  "    key_stash_file = @DIR@/kdc/stash\n"
  "    acl_file = @DIR@/kdc/kadm5.acl\n"
  "    max_life = 10h 0m 0s\n"
  "    max_renewable_life = 7d 0h 0m 0s\n"
  "  }\n"
  "[logging]\n"
  "  kdc = FILE:@DIR@/kdc/kdc.log\n";

/* One kadmin.local session: four invocations would cost twice the time.
 * The second ktadd keeps the key (-norandkey), so both keytabs stay
 * valid for HTTP/127.0.0.1. */
static const char kadmin_commands[] =
  "addprinc -pw @PASSWORD@ @USER@\n"
  "addprinc -randkey HTTP/localhost\n"
  "addprinc -randkey HTTP/127.0.0.1\n"
  "ktadd -k @DIR@/http.keytab HTTP/localhost HTTP/127.0.0.1\n"
  "ktadd -k @DIR@/only127.keytab -norandkey HTTP/127.0.0.1\n";

/* A failed assertion aborts the test before its teardown, and meson kills
 * a test that overran: either way the daemons would outlive it (a paused
 * KDC among them). This shell waits for the end of its stdin, which comes
 * when http_auth_test_kerberos_stop() closes it or when the test process
 * dies, then ends every daemon listed in $1/watchdog.pids and removes the
 * dirs. After a normal stop it finds nothing left to do. */
static const char watchdog_script[] =
  "cat >/dev/null\n"
  "cd / || exit 0\n"
  "[ -d \"$1\" ] || exit 0\n"
  "pids=$(cat \"$1/watchdog.pids\" 2>/dev/null)\n"
  "if [ -n \"$pids\" ]; then\n"
  "  kill -CONT $pids 2>/dev/null\n"
  "  kill -TERM $pids 2>/dev/null\n"
  "  sleep 3\n"
  "  kill -KILL $pids 2>/dev/null\n"
  "fi\n"
  "if [ -f \"$1/watchdog.dirs\" ]; then\n"
  "  while read -r dir; do rm -rf \"$dir\"; done < \"$1/watchdog.dirs\"\n"
  "fi\n"
  "rm -rf \"$1\"\n";

static const char apache_conf[] =
  "ServerRoot @DIR@\n"
  "ServerName localhost\n"
  "Listen 127.0.0.1:@PORT@\n"
  "PidFile @DIR@/run/httpd.pid\n"
  "DefaultRuntimeDir @DIR@/run\n"
  "ErrorLog @DIR@/logs/error.log\n"
  "LogLevel info auth_gssapi:debug\n"
  "User www-data\n"
  "Group www-data\n"
  "LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so\n"
  "LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n"
  "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
  "LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so\n"
  "LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\n"
  "LoadModule auth_gssapi_module /usr/lib/apache2/modules/mod_auth_gssapi.so\n"
  /* Parsed by parse_log(): the header goes last, as it holds a space. */
  "LogFormat \"%>s %m %U%q %{remote}p %u %{Authorization}i\" httpauth\n"
  "CustomLog @DIR@/logs/access.log httpauth\n"
  "KeepAlive On\n"
  "DocumentRoot @DIR@/htdocs\n"
  "<Directory @DIR@/htdocs>\n"
  "  Require all granted\n"
  "</Directory>\n"
  "<Location /private>\n"
  "  AuthType GSSAPI\n"
  "  AuthName \"GSSAPI Login\"\n"
  "  GssapiCredStore keytab:@KEYTAB@\n"
  "  Require valid-user\n"
  "  Header always set X-Remote-User \"expr=%{REMOTE_USER}\"\n"
  "</Location>\n"
  "<Location /basic>\n"
  "  AuthType GSSAPI\n"
  "  AuthName \"GSSAPI or Basic\"\n"
  "  GssapiCredStore keytab:@KEYTAB@\n"
  "  GssapiBasicAuth On\n"
  "  Require valid-user\n"
  "  Header always set X-Remote-User \"expr=%{REMOTE_USER}\"\n"
  "</Location>\n"
  "<Location /bound>\n"
  "  AuthType GSSAPI\n"
  "  AuthName \"GSSAPI Login\"\n"
  "  GssapiCredStore keytab:@KEYTAB@\n"
  "  GssapiConnectionBound On\n"
  "  Require valid-user\n"
  "  Header always set X-Remote-User \"expr=%{REMOTE_USER}\"\n"
  "</Location>\n"
  "<Location /wrongkey>\n"
  "  AuthType GSSAPI\n"
  "  AuthName \"GSSAPI Login\"\n"
  "  GssapiCredStore keytab:@ONLY127@\n"
  "  Require valid-user\n"
  "  Header always set X-Remote-User \"expr=%{REMOTE_USER}\"\n"
  "</Location>\n";

/* GSS_C_NO_NAME: the helper accepts any principal of the keytab, so the
 * proxy may be named localhost or 127.0.0.1. The ' modifier logs the
 * header as received, not URL-encoded. */
static const char squid_conf[] =
  "http_port 127.0.0.1:@PORT@\n"
  "pid_filename @DIR@/squid.pid\n"
  "logformat httpauth %>Hs %rm %ru %>p %un %'{Proxy-Authorization}>h\n"
  "access_log stdio:@DIR@/access.log logformat=httpauth\n"
  "cache_log @DIR@/cache.log\n"
  "cache_store_log none\n"
  "netdb_filename none\n"
  "pinger_enable off\n"
  "coredump_dir @DIR@\n"
  "cache deny all\n"
  "cache_mem 8 MB\n"
  "shutdown_lifetime 1 seconds\n"
  "cache_effective_user proxy\n"
  "max_filedescriptors 4096\n"
  "auth_param negotiate program @HELPER@ -s GSS_C_NO_NAME -k @KEYTAB@\n"
  "auth_param negotiate children 2 startup=1\n"
  "auth_param negotiate keep_alive on\n"
  "acl authed proxy_auth REQUIRED\n"
  "http_access allow authed\n"
  "http_access deny all\n";

static char *
expand (const char *template,
        const char *first_key,
        ...)
{
  GString *text = g_string_new (template);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert_nonnull (value);
      g_string_replace (text, key, value, 0);
      key = va_arg (args, const char *);
    }
  va_end (args);

  return g_string_free (text, FALSE);
}

static void
append_setup_log (HttpAuthTestKerberos *k,
                  const char * const   *argv,
                  const char           *output)
{
  g_autofree char *path = g_build_filename (k->dir, "setup.log", NULL);
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  g_autofree char *text = g_strdup_printf ("$ %s\n%s", command, output != NULL ? output : "");
  FILE *file = fopen (path, "a");

  if (file == NULL)
    return;
  fputs (text, file);
  fclose (file);
}

/* Runs an admin tool to its end with @input on its stdin; its output goes
 * to setup.log and, when it fails, into @error. */
static gboolean
run_tool (HttpAuthTestKerberos *k,
          const char * const   *argv,
          const char           *input,
          GError              **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  g_assert_nonnull (argv[0]);

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, input, NULL, &output, NULL, error))
    return FALSE;
  append_setup_log (k, argv, output);

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", argv[0],
                   output != NULL ? output : "");
      return FALSE;
    }

  return TRUE;
}

static void
run_tool_or_die (HttpAuthTestKerberos *k,
                 const char * const   *argv,
                 const char           *input)
{
  g_autoptr(GError) error = NULL;

  run_tool (k, argv, input, &error);
  g_assert_no_error (error);
}

static void
mkdir_mode (const char *path,
            int         mode)
{
  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  /* The umask applies to mkdir; chmod sets what the daemons need. */
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
write_confs (HttpAuthTestKerberos *k)
{
  g_autofree char *port = g_strdup_printf ("%u", k->kdc_port);
  g_autofree char *client = expand (krb5_conf, "@REALM@", k->realm, "@PORT@", port, NULL);
  g_autofree char *server = expand (kdc_conf, "@REALM@", k->realm, "@PORT@", port, "@DIR@", k->dir, NULL);

  http_auth_test_write_file (k->dir, "krb5.conf", client);
  http_auth_test_write_file (k->dir, "kdc.conf", server);
}

static void
save_and_set_env (HttpAuthTestKerberos *k)
{
  const char *values[] = { k->krb5_conf, k->kdc_conf, k->ccache, k->keytab, k->rcache_dir };

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (env_names));

  k->saved_env = g_new0 (char *, G_N_ELEMENTS (env_names) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (env_names); i++)
    {
      k->saved_env[i] = g_strdup (g_getenv (env_names[i]));
      g_setenv (env_names[i], values[i], TRUE);
    }
}

static void
restore_env (HttpAuthTestKerberos *k)
{
  if (k->saved_env == NULL)
    return;

  /* saved_env holds NULLs for unset variables: index it, never iterate
   * it as a string vector. */
  for (guint i = 0; i < G_N_ELEMENTS (env_names); i++)
    {
      if (k->saved_env[i] != NULL)
        g_setenv (env_names[i], k->saved_env[i], TRUE);
      else
        g_unsetenv (env_names[i]);
      g_free (k->saved_env[i]);
    }
  g_clear_pointer (&k->saved_env, g_free);
}

/* The daemons write their PID files around the time they start
 * listening; in the foreground each is the process the daemon helper
 * started, and stopping it (by its PID) ends its children too. */
static GPid
read_pid_file (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL))
        {
          gint64 pid = g_ascii_strtoll (text, NULL, 10);

          if (pid > 0 && g_str_has_suffix (text, "\n"))
            return (GPid) pid;
        }
      g_usleep (10 * 1000);
    }
  g_error ("no PID in %s after 5 s", path);

  return 0;
}

static void
append_line (const char *dir,
             const char *name,
             const char *line)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *file = fopen (path, "a");

  g_assert_nonnull (file);
  fprintf (file, "%s\n", line);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Tells the watchdog about a daemon. */
static void
watch_pid (HttpAuthTestKerberos *k,
           GPid                  pid)
{
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);

  append_line (k->dir, "watchdog.pids", pid_text);
}

/* Tells the watchdog about a dir outside the realm's. */
static void
watch_dir (HttpAuthTestKerberos *k,
           const char           *dir)
{
  append_line (k->dir, "watchdog.dirs", dir);
}

static void
start_watchdog (HttpAuthTestKerberos *k)
{
  const char *argv[] = { "/bin/sh", "-c", watchdog_script, "http-auth-krb5-watchdog", k->dir, NULL };
  g_autoptr(GError) error = NULL;

  k->watchdog = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
}

static void
stop_watchdog (HttpAuthTestKerberos *k)
{
  g_autoptr(GError) error = NULL;

  if (k->watchdog == NULL)
    return;

  /* Everything is stopped and removed already: it finds nothing to do. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (k->watchdog), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (k->watchdog, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&k->watchdog);
}

void
http_auth_test_kerberos_start (HttpAuthTestKerberos *k)
{
  g_autofree char *kdb5_util = http_auth_test_find_program ("kdb5_util");
  g_autofree char *kadmin = http_auth_test_find_program ("kadmin.local");
  g_autofree char *krb5kdc = http_auth_test_find_program ("krb5kdc");
  g_autofree char *kdc_dir = NULL;
  g_autofree char *pid_file = NULL;
  g_autofree char *commands = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (k->dir);

  k->realm = HTTP_AUTH_TEST_KERBEROS_REALM;
  k->dir = http_auth_test_make_tmpdir ("http-auth-krb5");
  k->krb5_conf = g_build_filename (k->dir, "krb5.conf", NULL);
  k->kdc_conf = g_build_filename (k->dir, "kdc.conf", NULL);
  k->ccache = g_strdup_printf ("FILE:%s/ccache", k->dir);
  k->no_ticket_ccache = g_strdup_printf ("FILE:%s/no-ticket", k->dir);
  k->keytab_path = g_build_filename (k->dir, "http.keytab", NULL);
  k->keytab = g_strdup_printf ("FILE:%s", k->keytab_path);
  k->only127_keytab_path = g_build_filename (k->dir, "only127.keytab", NULL);
  k->rcache_dir = g_build_filename (k->dir, "rcache", NULL);
  k->apaches = g_ptr_array_new ();
  k->squids = g_ptr_array_new ();
  kdc_dir = g_build_filename (k->dir, "kdc", NULL);
  pid_file = g_build_filename (kdc_dir, "kdc.pid", NULL);

  start_watchdog (k);
  mkdir_mode (kdc_dir, 0700);
  /* Each uid (root, www-data, proxy) keeps its own replay cache here. */
  mkdir_mode (k->rcache_dir, 01777);

  /* The admin tools need the configs before the KDC has a port; they do
   * not use it. */
  k->kdc_port = http_auth_test_free_port ();
  write_confs (k);
  save_and_set_env (k);

  {
    const char *argv[] = { kdb5_util, "create", "-s", "-r", k->realm, "-P", "kdc-master-pw", NULL };
    run_tool_or_die (k, argv, NULL);
  }
  {
    const char *argv[] = { kadmin, "-r", k->realm, NULL };

    commands = expand (kadmin_commands, "@USER@", HTTP_AUTH_TEST_KERBEROS_USER,
                       "@PASSWORD@", HTTP_AUTH_TEST_KERBEROS_PASSWORD, "@DIR@", k->dir, NULL);
    run_tool_or_die (k, argv, commands);
  }
  /* kadmin.local exits with 0 even when a command failed. */
  g_assert_true (g_file_test (k->keytab_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (k->only127_keytab_path, G_FILE_TEST_IS_REGULAR));
  /* Test-only keys: www-data (Apache) and proxy (squid's helper) read them. */
  g_assert_cmpint (g_chmod (k->keytab_path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (k->only127_keytab_path, 0644), ==, 0);

  /* Retry on the rare port race with another program. */
  for (guint attempt = 0; attempt < 5 && k->kdc == NULL; attempt++)
    {
      const char *argv[] = { krb5kdc, "-n", "-P", pid_file, NULL };

      g_clear_error (&error);
      if (attempt > 0)
        {
          k->kdc_port = http_auth_test_free_port ();
          write_confs (k);
        }
      k->kdc = http_auth_test_daemon_start (argv, k->kdc_port, &error);
    }
  g_assert_no_error (error);
  k->kdc_pid = read_pid_file (pid_file);
  watch_pid (k, k->kdc_pid);
}

void
http_auth_test_kerberos_stop (HttpAuthTestKerberos *k)
{
  if (k->kdc_paused)
    http_auth_test_kerberos_pause_kdc (k, FALSE);

  /* The servers first: they may still be talking to the KDC. */
  for (guint i = 0; k->apaches != NULL && i < k->apaches->len; i++)
    http_auth_test_kerberos_stop_apache (g_ptr_array_index (k->apaches, i));
  for (guint i = 0; k->squids != NULL && i < k->squids->len; i++)
    http_auth_test_squid_stop (g_ptr_array_index (k->squids, i));
  g_clear_pointer (&k->apaches, g_ptr_array_unref);
  g_clear_pointer (&k->squids, g_ptr_array_unref);

  g_clear_pointer (&k->kdc, http_auth_test_daemon_stop);
  k->kdc_pid = 0;
  restore_env (k);

  if (k->dir != NULL)
    http_auth_test_remove_tree (k->dir);
  stop_watchdog (k);
  g_clear_pointer (&k->dir, g_free);
  g_clear_pointer (&k->krb5_conf, g_free);
  g_clear_pointer (&k->kdc_conf, g_free);
  g_clear_pointer (&k->ccache, g_free);
  g_clear_pointer (&k->no_ticket_ccache, g_free);
  g_clear_pointer (&k->keytab, g_free);
  g_clear_pointer (&k->keytab_path, g_free);
  g_clear_pointer (&k->only127_keytab_path, g_free);
  g_clear_pointer (&k->rcache_dir, g_free);
}

gboolean
http_auth_test_kerberos_kinit (HttpAuthTestKerberos  *k,
                               const char            *principal,
                               const char            *password,
                               GError               **error)
{
  g_autofree char *kinit = http_auth_test_find_program ("kinit");
  g_autofree char *input = NULL;
  const char *argv[] = { kinit, "-c", k->ccache, principal, NULL };

  g_return_val_if_fail (k->dir != NULL, FALSE);
  g_return_val_if_fail (principal != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  /* MIT kinit reads the password from stdin when it is not a terminal. */
  input = g_strdup_printf ("%s\n", password);

  return run_tool (k, argv, input, error);
}

gboolean
http_auth_test_kerberos_kdestroy_and_kinit (HttpAuthTestKerberos  *k,
                                            const char            *principal,
                                            const char            *password,
                                            GError               **error)
{
  const char *path = k->ccache + strlen ("FILE:");

  g_return_val_if_fail (k->dir != NULL, FALSE);

  /* What kdestroy does to a FILE ccache, without depending on its exit
   * status when there is nothing to destroy. */
  if (g_remove (path) != 0)
    g_assert_cmpint (errno, ==, ENOENT);

  return http_auth_test_kerberos_kinit (k, principal, password, error);
}

void
http_auth_test_kerberos_use_ticket (HttpAuthTestKerberos *k)
{
  g_return_if_fail (k->dir != NULL);

  g_setenv ("KRB5CCNAME", k->ccache, TRUE);
}

void
http_auth_test_kerberos_use_no_ticket (HttpAuthTestKerberos *k)
{
  g_return_if_fail (k->dir != NULL);

  /* Nothing writes there: kinit always names the ticket ccache. */
  g_setenv ("KRB5CCNAME", k->no_ticket_ccache, TRUE);
}

void
http_auth_test_kerberos_pause_kdc (HttpAuthTestKerberos *k,
                                   gboolean              paused)
{
  g_return_if_fail (k->kdc_pid > 0);

  g_assert_cmpint (kill (k->kdc_pid, paused ? SIGSTOP : SIGCONT), ==, 0);
  k->kdc_paused = paused;
}

guint
http_auth_test_kerberos_count_kdc_requests (HttpAuthTestKerberos *k,
                                            const char           *kind)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  g_return_val_if_fail (k->dir != NULL, 0);
  g_return_val_if_fail (kind != NULL, 0);

  path = g_build_filename (k->dir, "kdc", "kdc.log", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  /* "… krb5kdc[1234](info): TGS_REQ (4 etypes {…}) 127.0.0.1: ISSUE: …" */
  needle = g_strdup_printf ("): %s ", kind);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      count++;

  return count;
}

/* ---- Apache ---- */

void
http_auth_test_kerberos_start_apache (HttpAuthTestKerberos       *k,
                                      HttpAuthTestKerberosApache *apache)
{
  g_autofree char *binary = http_auth_test_find_program ("apache2");
  g_autofree char *conf_path = NULL;
  g_autofree char *run = NULL;
  g_autofree char *logs = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (k->dir != NULL);
  g_assert_null (apache->dir);

  apache->dir = http_auth_test_make_tmpdir ("http-auth-krb5-apache");
  watch_dir (k, apache->dir);
  conf_path = g_build_filename (apache->dir, "httpd.conf", NULL);
  run = g_build_filename (apache->dir, "run", NULL);
  logs = g_build_filename (apache->dir, "logs", NULL);
  mkdir_mode (run, 0755);
  mkdir_mode (logs, 0755);
  http_auth_test_write_file (apache->dir, "htdocs/private/hello.txt", "hello negotiate\n");
  http_auth_test_write_file (apache->dir, "htdocs/basic/hello.txt", "hello negotiate or basic\n");
  http_auth_test_write_file (apache->dir, "htdocs/bound/hello.txt", "hello bound negotiate\n");
  http_auth_test_write_file (apache->dir, "htdocs/wrongkey/hello.txt", "hello wrong key\n");
  http_auth_test_write_file (apache->dir, "htdocs/public/hello.txt", "hello public\n");

  for (guint attempt = 0; attempt < 5 && apache->daemon == NULL; attempt++)
    {
      const char *argv[] = { binary, "-X", "-f", conf_path, NULL };
      g_autofree char *port = NULL;
      g_autofree char *conf = NULL;

      g_clear_error (&error);
      apache->port = http_auth_test_free_port ();
      port = g_strdup_printf ("%u", apache->port);
      conf = expand (apache_conf, "@DIR@", apache->dir, "@PORT@", port, "@KEYTAB@", k->keytab_path,
                     "@ONLY127@", k->only127_keytab_path, NULL);
      http_auth_test_write_file (apache->dir, "httpd.conf", conf);
      /* It inherits KRB5_CONFIG and the rest: GssapiBasicAuth asks the
       * KDC itself. */
      apache->daemon = http_auth_test_daemon_start (argv, apache->port, &error);
    }
  g_assert_no_error (error);
  {
    g_autofree char *pid_file = g_build_filename (run, "httpd.pid", NULL);
    watch_pid (k, read_pid_file (pid_file));
  }
  g_ptr_array_add (k->apaches, apache);
}

void
http_auth_test_kerberos_stop_apache (HttpAuthTestKerberosApache *apache)
{
  g_clear_pointer (&apache->daemon, http_auth_test_daemon_stop);
  if (apache->dir != NULL)
    http_auth_test_remove_tree (apache->dir);
  g_clear_pointer (&apache->dir, g_free);
}

char *
http_auth_test_kerberos_apache_uri (HttpAuthTestKerberosApache *apache,
                                    const char                 *host,
                                    const char                 *path)
{
  g_return_val_if_fail (apache->port != 0, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  return g_strdup_printf ("http://%s:%u%s", host, apache->port, path);
}

/* ---- Logs ---- */

void
http_auth_test_kerberos_log_entry_free (HttpAuthTestKerberosLogEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->method);
  g_free (entry->target);
  g_free (entry->user);
  g_free (entry->authorization);
  g_free (entry);
}

static char *
dash_to_null (const char *field)
{
  return g_strcmp0 (field, "-") == 0 || g_strcmp0 (field, "") == 0 ? NULL : g_strdup (field);
}

/* Both servers log "STATUS METHOD TARGET CLIENT-PORT USER HEADER", the
 * header last since it holds a space; "-" stands for none. */
static GPtrArray *
parse_log (const char *path)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_test_kerberos_log_entry_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_steal_pointer (&entries);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      HttpAuthTestKerberosLogEntry *entry;

      /* The last line may still be being written. */
      if (lines[i + 1] == NULL)
        break;

      fields = g_strsplit (lines[i], " ", 6);
      g_assert_cmpuint (g_strv_length (fields), ==, 6);

      /* squid logs a connection that sent no request (status 0), such as
       * the daemon helper's start-up probe: not a request. */
      if (g_ascii_strtoull (fields[0], NULL, 10) == 0)
        continue;

      entry = g_new0 (HttpAuthTestKerberosLogEntry, 1);
      entry->status = (guint) g_ascii_strtoull (fields[0], NULL, 10);
      entry->method = g_strdup (fields[1]);
      entry->target = g_strdup (fields[2]);
      entry->client_port = (guint) g_ascii_strtoull (fields[3], NULL, 10);
      entry->user = dash_to_null (fields[4]);
      entry->authorization = dash_to_null (fields[5]);
      entry->negotiate = entry->authorization != NULL &&
                         g_str_has_prefix (entry->authorization, "Negotiate ") &&
                         entry->authorization[strlen ("Negotiate ")] != '\0';
      g_ptr_array_add (entries, entry);
    }

  return g_steal_pointer (&entries);
}

static GPtrArray *
wait_for_log (const char *path,
              guint       min_entries)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GPtrArray *entries = parse_log (path);

  /* Servers log a request after its response has gone out. */
  while (entries->len < min_entries && g_get_monotonic_time () < deadline)
    {
      g_usleep (10 * 1000);
      g_ptr_array_unref (entries);
      entries = parse_log (path);
    }

  return entries;
}

GPtrArray *
http_auth_test_kerberos_apache_log (HttpAuthTestKerberosApache *apache,
                                    guint                       min_entries)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (apache->dir != NULL, NULL);

  path = g_build_filename (apache->dir, "logs", "access.log", NULL);

  return wait_for_log (path, min_entries);
}

GPtrArray *
http_auth_test_kerberos_squid_log (HttpAuthTestSquid *squid,
                                   guint              min_entries)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (squid->dir != NULL, NULL);

  path = g_build_filename (squid->dir, "access.log", NULL);

  return wait_for_log (path, min_entries);
}

guint
http_auth_test_kerberos_log_count (GPtrArray *entries,
                                   guint      status,
                                   gboolean   negotiate)
{
  guint count = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      HttpAuthTestKerberosLogEntry *entry = g_ptr_array_index (entries, i);

      if ((status == 0 || entry->status == status) && !entry->negotiate == !negotiate)
        count++;
    }

  return count;
}

/* ---- squid ---- */

static void
chown_tree (const char *path,
            uid_t       uid,
            gid_t       gid)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_cmpint (chown (path, uid, gid), ==, 0);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        chown_tree (child, uid, gid);
      else
        g_assert_cmpint (chown (child, uid, gid), ==, 0);
    }
}

void
http_auth_test_kerberos_start_squid (HttpAuthTestKerberos *k,
                                     HttpAuthTestSquid    *squid)
{
  g_autofree char *binary = http_auth_test_find_program ("squid");
  g_autofree char *helper = http_auth_test_find_program ("negotiate_kerberos_auth");
  g_autofree char *conf_path = NULL;
  g_autoptr(GError) error = NULL;
  struct passwd *pw = getpwnam ("proxy");

  g_return_if_fail (k->dir != NULL);
  g_assert_null (squid->dir);
  g_assert_nonnull (pw);

  squid->dir = http_auth_test_make_tmpdir ("http-auth-krb5-squid");
  watch_dir (k, squid->dir);
  conf_path = g_build_filename (squid->dir, "squid.conf", NULL);

  for (guint attempt = 0; attempt < 5 && squid->daemon == NULL; attempt++)
    {
      const char *argv[] = { binary, "-N", "-f", conf_path, NULL };
      g_autofree char *port = NULL;
      g_autofree char *conf = NULL;

      g_clear_error (&error);
      squid->port = http_auth_test_free_port ();
      port = g_strdup_printf ("%u", squid->port);
      conf = expand (squid_conf, "@DIR@", squid->dir, "@PORT@", port, "@HELPER@", helper,
                     "@KEYTAB@", k->keytab_path, NULL);
      http_auth_test_write_file (squid->dir, "squid.conf", conf);
      /* squid drops to the proxy user: its files must be its own. */
      chown_tree (squid->dir, pw->pw_uid, pw->pw_gid);
      squid->daemon = http_auth_test_daemon_start (argv, squid->port, &error);
    }
  g_assert_no_error (error);
  {
    g_autofree char *pid_file = g_build_filename (squid->dir, "squid.pid", NULL);
    watch_pid (k, read_pid_file (pid_file));
  }
  g_ptr_array_add (k->squids, squid);
}
