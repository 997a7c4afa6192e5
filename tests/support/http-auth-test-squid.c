/* http-auth-test-squid.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-squid.h"

#include <pwd.h>
#include <string.h>
#include <unistd.h>

static const char squid_conf[] =
  "http_port 127.0.0.1:@PORT@\n"
  "pid_filename @DIR@/squid.pid\n"
  "access_log stdio:@DIR@/access.log\n"
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
  "@AUTH@"
  "acl authed proxy_auth REQUIRED\n"
  "http_access allow authed\n"
  "http_access deny all\n";

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
      g_assert_cmpint (chown (child, uid, gid), ==, 0);
    }
}

static const char basic_auth[] =
  "auth_param basic program /usr/lib/squid/basic_ncsa_auth @DIR@/passwd\n"
  "auth_param basic realm @REALM@\n"
  "auth_param basic children 4 startup=2\n";

static const char digest_auth[] =
  "auth_param digest program /usr/lib/squid/digest_file_auth @DIR@/digest_passwd\n"
  "auth_param digest realm @REALM@\n"
  "auth_param digest children 4 startup=2\n";

void
http_auth_test_squid_start_full (HttpAuthTestSquid *squid,
                                 const char        *realm,
                                 const char        *user,
                                 const char        *password,
                                 gboolean           digest)
{
  g_autofree char *binary = http_auth_test_find_program ("squid");
  g_autofree char *hash = NULL;
  g_autofree char *passwd = NULL;
  g_autoptr(GError) error = NULL;
  const char *openssl[] = { "openssl", "passwd", "-apr1", password, NULL };
  struct passwd *pw = getpwnam ("proxy");

  g_assert_nonnull (pw);
  squid->dir = http_auth_test_make_tmpdir ("http-auth-squid");
  http_auth_test_run_or_die (openssl, &hash);
  g_strstrip (hash);
  passwd = g_strdup_printf ("%s:%s\n", user, hash);
  http_auth_test_write_file (squid->dir, "passwd", passwd);
  {
    /* digest_file_auth reads plain "user:password" lines. */
    g_autofree char *plain = g_strdup_printf ("%s:%s\n", user, password);
    http_auth_test_write_file (squid->dir, "digest_passwd", plain);
  }

  for (guint attempt = 0; attempt < 5 && squid->daemon == NULL; attempt++)
    {
      g_autoptr(GString) conf = g_string_new (squid_conf);
      g_autofree char *port = NULL;
      g_autofree char *conf_path = g_build_filename (squid->dir, "squid.conf", NULL);
      const char *argv[] = { binary, "-N", "-f", conf_path, NULL };

      g_clear_error (&error);
      squid->port = http_auth_test_free_port ();
      port = g_strdup_printf ("%u", squid->port);
      g_string_replace (conf, "@AUTH@", digest ? digest_auth : basic_auth, 0);
      g_string_replace (conf, "@DIR@", squid->dir, 0);
      g_string_replace (conf, "@PORT@", port, 0);
      g_string_replace (conf, "@REALM@", realm, 0);
      http_auth_test_write_file (squid->dir, "squid.conf", conf->str);
      /* squid drops to the proxy user: its files must be its own. */
      chown_tree (squid->dir, pw->pw_uid, pw->pw_gid);
      squid->daemon = http_auth_test_daemon_start (argv, squid->port, &error);
    }
  g_assert_no_error (error);
}

void
http_auth_test_squid_start (HttpAuthTestSquid *squid,
                            const char        *realm,
                            const char        *user,
                            const char        *password)
{
  http_auth_test_squid_start_full (squid, realm, user, password, FALSE);
}

void
http_auth_test_squid_stop (HttpAuthTestSquid *squid)
{
  g_clear_pointer (&squid->daemon, http_auth_test_daemon_stop);
  if (squid->dir != NULL)
    http_auth_test_remove_tree (squid->dir);
  g_clear_pointer (&squid->dir, g_free);
}

char *
http_auth_test_squid_uri (HttpAuthTestSquid *squid)
{
  return g_strdup_printf ("http://127.0.0.1:%u", squid->port);
}

