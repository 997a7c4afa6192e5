/* test-interop.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-scripted-prompter.h"
#include "http-auth-test-daemon.h"

#include <libsoup/soup.h>
#include <string.h>

/* Interoperability with real servers started by the test: Apache
 * mod_auth_digest (MD5), lighttpd mod_auth Digest (MD5, SHA-256 and
 * SHA-512-256, one challenge per algorithm), nginx auth_basic. The
 * exchanges are driven through a plain SoupSession without its auth
 * manager, with the headers this library computes. */

#define USER     "bob"
#define PASSWORD "hunter2"

typedef struct
{
  char               *dir;
  guint               port;
  HttpAuthTestDaemon *daemon;
  SoupSession        *session;
} Server;

static void
collect_cb (const char *name,
            const char *value,
            gpointer    data)
{
  if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0)
    g_ptr_array_add (data, g_strdup (value));
}

static guint
get (Server      *server,
     const char  *path,
     const char  *authorization,
     GPtrArray  **challenges,
     GBytes     **body_out)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  body = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);

  if (challenges != NULL)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

      soup_message_headers_foreach (soup_message_get_response_headers (msg), collect_cb, values);
      g_ptr_array_add (values, NULL);
      *challenges = http_auth_challenge_parse_list ((const char * const *) values->pdata, NULL);
    }
  if (body_out != NULL)
    *body_out = g_steal_pointer (&body);

  return soup_message_get_status (msg);
}

static void
server_start (Server             *server,
              const char         *prefix,
              const char * const *argv_template,
              const char         *config_name,
              const char         *config_template)
{
  g_autoptr(GError) error = NULL;

  /* Retry on the rare port race with another program. */
  for (guint attempt = 0; attempt < 5 && server->daemon == NULL; attempt++)
    {
      g_autoptr(GString) config = g_string_new (config_template);
      g_autofree char *port = NULL;
      g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
      g_auto(GStrv) args = NULL;

      g_clear_error (&error);
      server->port = http_auth_test_free_port ();
      port = g_strdup_printf ("%u", server->port);
      g_string_replace (config, "@DIR@", server->dir, 0);
      g_string_replace (config, "@PORT@", port, 0);
      http_auth_test_write_file (server->dir, config_name, config->str);

      for (guint i = 0; argv_template[i] != NULL; i++)
        {
          g_autoptr(GString) arg = g_string_new (argv_template[i]);
          g_string_replace (arg, "@DIR@", server->dir, 0);
          g_strv_builder_add (argv, arg->str);
        }
      args = g_strv_builder_end (argv);
      server->daemon = http_auth_test_daemon_start ((const char * const *) args, server->port, &error);
    }
  g_assert_no_error (error);
  g_test_message ("%s listening on 127.0.0.1:%u", prefix, server->port);

  server->session = soup_session_new ();
  soup_session_remove_feature_by_type (server->session, SOUP_TYPE_AUTH_MANAGER);
}

static void
server_stop (Server *server)
{
  g_clear_object (&server->session);
  g_clear_pointer (&server->daemon, http_auth_test_daemon_stop);
  if (server->dir != NULL)
    http_auth_test_remove_tree (server->dir);
  g_clear_pointer (&server->dir, g_free);
}

/* Logs in with the strongest challenge; returns the status of the second
 * request and checks that `expect` is what was chosen. */
static guint
login (Server     *server,
       const char *path,
       const char *password,
       const char *expect,
       guint       repeats)
{
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new (USER, password);
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  g_assert_cmpuint (get (server, path, NULL, &challenges, NULL), ==, 401);
  scheme = http_auth_scheme_registry_choose (registry, challenges, HTTP_AUTH_TARGET_SERVER, &error);
  g_assert_no_error (error);

  if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
    {
      g_autofree char *algorithm = http_auth_scheme_digest_dup_algorithm (HTTP_AUTH_SCHEME_DIGEST (scheme));
      g_assert_cmpstr (algorithm, ==, expect);
    }
  else
    g_assert_cmpstr (http_auth_scheme_get_scheme_name (scheme), ==, expect);

  /* The same challenge answers several requests (Digest: nc 1, 2, …). */
  for (guint i = 0; i < repeats; i++)
    {
      g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", path,
                                                                           NULL, &error);
      g_autoptr(GBytes) body = NULL;

      g_assert_no_error (error);
      g_test_message ("Authorization: %.40s…", authorization);
      status = get (server, path, authorization, NULL, &body);
      if (status != 200)
        break;
      g_assert_true (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hi-") != NULL);
    }

  return status;
}

/* The engine end to end: HttpAuthSession answers the server's 401 through
 * a prompter, then sends preemptively; a wrong password is asked three
 * times and ends with the server's 401. */

typedef struct
{
  HttpAuthResponse *response;
  GError           *error;
  gboolean          done;
} EngineResult;

static void
engine_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EngineResult *r = user_data;

  r->response = http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (object), result, NULL, &r->error);
  r->done = TRUE;
}

static guint
engine_get (HttpAuthSession       *session,
            HttpAuthPromptContext *context,
            Server                *server,
            const char            *path,
            guint                 *n_exchanges)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);
  EngineResult r = { 0 };
  guint status;

  http_auth_request_set_prompt_context (request, context);
  http_auth_session_send_and_read_async (session, request, NULL, engine_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (r.error);
  status = http_auth_response_get_status (r.response);
  *n_exchanges = http_auth_response_get_exchanges (r.response)->len;
  g_clear_object (&r.response);

  return status;
}

static void
engine_login (Server     *server,
              const char *path,
              const char *other_path)
{
  g_autoptr(HttpAuthPromptContext) context = http_auth_prompt_context_new (NULL, FALSE);
  g_autoptr(HttpAuthScriptedPrompter) prompter = http_auth_scripted_prompter_new ();
  g_autoptr(HttpAuthSession) session = http_auth_session_new ();
  guint n = 0;

  http_auth_session_set_prompter (session, HTTP_AUTH_PROMPTER (prompter));
  http_auth_scripted_prompter_add_answer (prompter, USER, PASSWORD, FALSE);

  g_assert_cmpuint (engine_get (session, context, server, path, &n), ==, 200);
  g_assert_cmpuint (n, ==, 2);
  /* Same protection space: no new 401, no new prompt. */
  g_assert_cmpuint (engine_get (session, context, server, other_path, &n), ==, 200);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (http_auth_scripted_prompter_get_prompts (prompter)->len, ==, 1);

  /* A fresh session with a wrong password: three prompts, then the 401. */
  g_clear_object (&session);
  g_clear_object (&prompter);
  prompter = http_auth_scripted_prompter_new ();
  session = http_auth_session_new ();
  http_auth_session_set_prompter (session, HTTP_AUTH_PROMPTER (prompter));
  for (guint i = 0; i < 3; i++)
    http_auth_scripted_prompter_add_answer (prompter, USER, "wrong", FALSE);
  g_assert_cmpuint (engine_get (session, context, server, path, &n), ==, 401);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (http_auth_scripted_prompter_get_prompts (prompter)->len, ==, 3);
}

/* ---- Apache mod_auth_digest ---- */

static const char apache_conf[] =
  "ServerRoot @DIR@\n"
  "ServerName localhost\n"
  "Listen 127.0.0.1:@PORT@\n"
  "PidFile @DIR@/run/httpd.pid\n"
  "DefaultRuntimeDir @DIR@/run\n"
  "ErrorLog @DIR@/logs/error.log\n"
  "LogLevel info\n"
  "User www-data\n"
  "Group www-data\n"
  "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
  "LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n"
  "LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n"
  "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
  "LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so\n"
  "LoadModule auth_digest_module /usr/lib/apache2/modules/mod_auth_digest.so\n"
  "LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so\n"
  "DirectoryIndex index.html\n"
  "DocumentRoot @DIR@/htdocs\n"
  "<Directory @DIR@/htdocs>\n"
  "  Require all granted\n"
  "</Directory>\n"
  "<Location /digest>\n"
  "  AuthType Digest\n"
  "  AuthName \"DigestRealm\"\n"
  "  AuthDigestDomain /digest/\n"
  "  AuthDigestProvider file\n"
  "  AuthUserFile @DIR@/htdigest\n"
  "  Require valid-user\n"
  "</Location>\n";

static void
test_apache_digest_md5 (void)
{
  Server server = { http_auth_test_make_tmpdir ("http-auth-apache") };
  g_autofree char *apache = http_auth_test_find_program ("apache2");
  g_autofree char *ha1 = g_compute_checksum_for_string (G_CHECKSUM_MD5, USER ":DigestRealm:" PASSWORD, -1);
  g_autofree char *htdigest = g_strdup_printf (USER ":DigestRealm:%s\n", ha1);
  g_autofree char *conf = NULL;
  const char *argv[] = { apache, "-X", "-f", "@DIR@/httpd.conf", NULL };
  g_autofree char *run = g_build_filename (server.dir, "run", NULL);
  g_autofree char *logs = g_build_filename (server.dir, "logs", NULL);

  http_auth_test_write_file (server.dir, "htdigest", htdigest);
  http_auth_test_write_file (server.dir, "htdocs/digest/index.html", "hi-apache\n");
  g_mkdir_with_parents (run, 0755);
  g_mkdir_with_parents (logs, 0755);

  server_start (&server, "apache2", argv, "httpd.conf", apache_conf);

  g_assert_cmpuint (login (&server, "/digest/", PASSWORD, "MD5", 3), ==, 200);
  g_assert_cmpuint (login (&server, "/digest/", "wrong", "MD5", 1), ==, 401);
  engine_login (&server, "/digest/", "/digest/index.html");

  server_stop (&server);
}

/* ---- lighttpd mod_auth Digest ---- */

static const char lighttpd_conf[] =
  "server.modules = ( \"mod_auth\", \"mod_authn_file\" )\n"
  "server.document-root = \"@DIR@/www\"\n"
  "server.bind = \"127.0.0.1\"\n"
  "server.port = @PORT@\n"
  "server.errorlog = \"@DIR@/error.log\"\n"
  "index-file.names = ( \"index.html\" )\n"
  "mimetype.assign = ( \".html\" => \"text/html\" )\n"
  "auth.backend = \"plain\"\n"
  "auth.backend.plain.userfile = \"@DIR@/plain.users\"\n"
  "auth.require = (\n"
  "  \"/all/\" => ( \"method\" => \"digest\", \"algorithm\" => \"MD5|SHA-256|SHA-512-256\",\n"
  "                \"realm\" => \"DigestRealm\", \"require\" => \"valid-user\" ),\n"
  "  \"/sha256/\" => ( \"method\" => \"digest\", \"algorithm\" => \"SHA-256\",\n"
  "                   \"realm\" => \"DigestRealm\", \"require\" => \"valid-user\" ),\n"
  "  \"/md5/\" => ( \"method\" => \"digest\", \"realm\" => \"DigestRealm\", \"require\" => \"valid-user\" ),\n"
  ")\n";

typedef struct
{
  Server server;
} LighttpdFixture;

static void
lighttpd_setup (LighttpdFixture *f,
                gconstpointer    data)
{
  g_autofree char *lighttpd = http_auth_test_find_program ("lighttpd");
  const char *argv[] = { lighttpd, "-D", "-f", "@DIR@/lighttpd.conf", NULL };

  f->server.dir = http_auth_test_make_tmpdir ("http-auth-lighttpd");
  http_auth_test_write_file (f->server.dir, "plain.users", USER ":" PASSWORD "\n");
  http_auth_test_write_file (f->server.dir, "www/all/index.html", "hi-lighttpd all\n");
  http_auth_test_write_file (f->server.dir, "www/sha256/index.html", "hi-lighttpd sha256\n");
  http_auth_test_write_file (f->server.dir, "www/md5/index.html", "hi-lighttpd md5\n");
  server_start (&f->server, "lighttpd", argv, "lighttpd.conf", lighttpd_conf);
}

static void
lighttpd_teardown (LighttpdFixture *f,
                   gconstpointer    data)
{
  server_stop (&f->server);
}

static void
test_lighttpd_three_algorithms (LighttpdFixture *f,
                                gconstpointer    data)
{
  g_autoptr(GPtrArray) challenges = NULL;

  /* lighttpd sends one challenge per algorithm. */
  g_assert_cmpuint (get (&f->server, "/all/", NULL, &challenges, NULL), ==, 401);
  g_assert_cmpuint (challenges->len, ==, 3);

  g_assert_cmpuint (login (&f->server, "/all/", PASSWORD, "SHA-512-256", 3), ==, 200);
  g_assert_cmpuint (login (&f->server, "/all/", "wrong", "SHA-512-256", 1), ==, 401);
  engine_login (&f->server, "/all/", "/all/index.html");
}

static void
test_lighttpd_sha256 (LighttpdFixture *f,
                      gconstpointer    data)
{
  g_assert_cmpuint (login (&f->server, "/sha256/", PASSWORD, "SHA-256", 3), ==, 200);
  g_assert_cmpuint (login (&f->server, "/sha256/", "wrong", "SHA-256", 1), ==, 401);
  engine_login (&f->server, "/sha256/", "/sha256/index.html");
}

static void
test_lighttpd_md5 (LighttpdFixture *f,
                   gconstpointer    data)
{
  g_assert_cmpuint (login (&f->server, "/md5/", PASSWORD, "MD5", 2), ==, 200);
  g_assert_cmpuint (login (&f->server, "/md5/", "wrong", "MD5", 1), ==, 401);
}

/* ---- nginx auth_basic ---- */

static const char nginx_conf[] =
  "daemon off;\n"
  "master_process off;\n"
  "worker_processes 1;\n"
  "pid @DIR@/nginx.pid;\n"
  "error_log @DIR@/error.log info;\n"
  "events { worker_connections 64; }\n"
  "http {\n"
  "  access_log @DIR@/access.log;\n"
  "  client_body_temp_path @DIR@/body;\n"
  "  proxy_temp_path @DIR@/proxy;\n"
  "  fastcgi_temp_path @DIR@/fastcgi;\n"
  "  uwsgi_temp_path @DIR@/uwsgi;\n"
  "  scgi_temp_path @DIR@/scgi;\n"
  "  server {\n"
  "    listen 127.0.0.1:@PORT@;\n"
  "    root @DIR@/www;\n"
  "    location / { auth_basic \"nginx realm\"; auth_basic_user_file @DIR@/htpasswd; }\n"
  "  }\n"
  "}\n";

static void
test_nginx_basic (void)
{
  Server server = { http_auth_test_make_tmpdir ("http-auth-nginx") };
  g_autofree char *nginx = http_auth_test_find_program ("nginx");
  const char *argv[] = { nginx, "-p", "@DIR@", "-c", "@DIR@/nginx.conf", NULL };

  http_auth_test_write_file (server.dir, "htpasswd", USER ":{PLAIN}" PASSWORD "\n");
  http_auth_test_write_file (server.dir, "www/index.html", "hi-nginx\n");
  server_start (&server, "nginx", argv, "nginx.conf", nginx_conf);

  g_assert_cmpuint (login (&server, "/index.html", PASSWORD, "basic", 2), ==, 200);
  g_assert_cmpuint (login (&server, "/index.html", "wrong", "basic", 1), ==, 401);
  engine_login (&server, "/index.html", "/index.html?again");

  server_stop (&server);
}

/* ---- curl against the demo server ----
 *
 * The other direction: an independent Digest client (curl) logs in to
 * `http-auth serve`, whose server-side verifier is this project's code. */

static void
test_curl_against_demo_server (void)
{
  g_autofree char *curl = http_auth_test_find_program ("curl");
  g_autofree char *port = NULL;
  guint port_n = http_auth_test_free_port ();
  const char *argv[] = { g_getenv ("HTTP_AUTH_TOOL"), "serve", "--port", NULL, NULL };
  g_autoptr(HttpAuthTestDaemon) serve = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *path; const char *flag; const char *password; const char *expect; } cases[] = {
    { "/basic/x", "--basic", "wonderland", "200" },
    { "/basic/x", "--basic", "wrong", "401" },
    { "/digest/md5/x", "--digest", "wonderland", "200" },
    { "/digest/sha-256/x", "--digest", "wonderland", "200" },
    { "/digest/sha-256/x", "--digest", "wrong", "401" },
    { "/digest/md5-sess/x", "--digest", "wonderland", "200" },
  };

  port = g_strdup_printf ("%u", port_n);
  argv[3] = port;
  serve = http_auth_test_daemon_start (argv, port_n, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port_n, cases[i].path);
      g_autofree char *user = g_strdup_printf ("alice:%s", cases[i].password);
      const char *curl_argv[] = { curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", cases[i].flag,
                                  "-u", user, url, NULL };
      g_autofree char *out = NULL;
      int wait_status = 0;

      g_spawn_sync (NULL, (char **) curl_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &out, NULL, &wait_status, &error);
      g_assert_no_error (error);
      g_test_message ("curl %s %s -> %s", cases[i].flag, cases[i].path, out);
      g_assert_cmpstr (out, ==, cases[i].expect);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/Interop/apache/digest-md5", test_apache_digest_md5);
  g_test_add ("/HttpAuth/Interop/lighttpd/md5-sha256-sha512-256", LighttpdFixture, NULL,
              lighttpd_setup, test_lighttpd_three_algorithms, lighttpd_teardown);
  g_test_add ("/HttpAuth/Interop/lighttpd/sha256-only", LighttpdFixture, NULL,
              lighttpd_setup, test_lighttpd_sha256, lighttpd_teardown);
  g_test_add ("/HttpAuth/Interop/lighttpd/md5-default", LighttpdFixture, NULL,
              lighttpd_setup, test_lighttpd_md5, lighttpd_teardown);
  g_test_add_func ("/HttpAuth/Interop/nginx/basic", test_nginx_basic);
  g_test_add_func ("/HttpAuth/Interop/curl/demo-server", test_curl_against_demo_server);

  return g_test_run ();
}
