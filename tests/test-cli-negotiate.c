/* test-cli-negotiate.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* `http-auth fetch --negotiate` and `http-auth serve --negotiate-keytab`
 * as a user runs them, against a private MIT Kerberos realm started by
 * the test: Apache with mod_auth_gssapi, the demo server with the realm's
 * keytab, and curl as an independent client of the demo server. */

#include "config.h"

#include "http-auth-test-kerberos.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#define PRINCIPAL "alice@" HTTP_AUTH_TEST_KERBEROS_REALM

static HttpAuthTestKerberos realm;
static HttpAuthTestKerberosApache apache;

/* `http-auth serve --negotiate-keytab …`, its stdout (the log) in a file. */
typedef struct
{
  GSubprocess *proc;
  char        *dir;
  char        *log_path;
  char        *base;      /* "http://127.0.0.1:PORT" */
} Serve;

static Serve serve;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the http-auth binary with @args; @ccache, when not NULL, replaces
 * KRB5CCNAME for this run only. */
static void
run_tool (const char * const *args,
          const char         *ccache,
          Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("HTTP_AUTH_TOOL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (ccache != NULL)
    g_subprocess_launcher_setenv (launcher, "KRB5CCNAME", ccache, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr of http-auth %s:\n%s", args[0], run->err);
  if (g_subprocess_get_if_signaled (proc))
    g_error ("http-auth %s was killed by signal %d", args[0], g_subprocess_get_term_sig (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

/* The first result of a `--json -` report. */
static JsonObject *
first_result (const char  *json,
              JsonParser **parser_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  *parser_out = g_steal_pointer (&parser);

  return json_array_get_object_element (json_object_get_array_member (root, "results"), 0);
}

static guint
apache_log_len (void)
{
  g_autoptr(GPtrArray) log = http_auth_test_kerberos_apache_log (&apache, 0);

  return log->len;
}

/* How many requests from entry @from on carried a Negotiate token. */
static guint
tokens_since (GPtrArray *log,
              guint      from)
{
  guint n = 0;

  for (guint i = from; i < log->len; i++)
    n += ((HttpAuthTestKerberosLogEntry *) log->pdata[i])->negotiate;
  return n;
}

/* ---- Apache + mod_auth_gssapi ---- */

static void
test_apache_ticket (void)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt");
  const char *args[] = { "fetch", "--negotiate", "localhost", "--verbose", "--json", "-", uri, NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) log = NULL;
  JsonObject *result;
  JsonArray *exchanges;
  HttpAuthTestKerberosLogEntry *last;
  guint before = apache_log_len ();

  g_test_summary ("--negotiate localhost with a ticket: 200 from Apache, no prompt, the principal and the "
                  "verified server reported on stderr and in the JSON report");
  run_tool (args, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "signed in with Kerberos as " PRINCIPAL " (server verified)\n"));
  g_assert_null (strstr (run.err, "? prompt"));

  result = first_result (run.out, &parser);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result, "auth_scheme"), ==, "negotiate");
  g_assert_cmpstr (json_object_get_string_member (result, "principal"), ==, PRINCIPAL);
  g_assert_true (json_object_get_boolean_member (result, "mutually_authenticated"));
  g_assert_cmpint (json_object_get_int_member (result, "body_bytes"), ==, strlen ("hello negotiate\n"));
  exchanges = json_object_get_array_member (result, "exchanges");
  g_assert_cmpuint (json_array_get_length (exchanges), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (exchanges, 0), "status"), ==, 401);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (exchanges, 1), "auth_scheme_sent"),
                   ==, "negotiate");

  log = http_auth_test_kerberos_apache_log (&apache, before + 2);
  g_assert_cmpuint (log->len, ==, before + 2);
  last = log->pdata[before + 1];
  g_assert_cmpuint (last->status, ==, 200);
  g_assert_true (last->negotiate);
  g_assert_cmpstr (last->user, ==, PRINCIPAL);
}

static void
test_apache_not_allowlisted (void)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt");
  const char *without[] = { "fetch", "--verbose", "--json", "-", uri, NULL };
  const char *other[] = { "fetch", "--negotiate", "*.example.com,127.0.0.1", "--verbose", "--json", "-", uri, NULL };
  const char * const *cases[] = { without, other };
  g_autoptr(GPtrArray) log = NULL;
  guint before = apache_log_len ();

  g_test_summary ("Without --negotiate, or with a list the host is not on, a ticket changes nothing: "
                  "the 401 is the answer and Apache never sees a token");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *result;

      run_tool (cases[i], NULL, &run);
      g_assert_cmpint (run.status, ==, 0);
      result = first_result (run.out, &parser);
      g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 401);
      g_assert_true (json_object_get_null_member (result, "auth_scheme"));
      g_assert_false (json_object_get_boolean_member (result, "mutually_authenticated"));
      g_assert_null (strstr (run.err, "signed in with Kerberos"));
    }

  log = http_auth_test_kerberos_apache_log (&apache, before + 2);
  g_assert_cmpuint (log->len, ==, before + 2);
  g_assert_cmpuint (tokens_since (log, before), ==, 0);
}

static void
test_apache_no_ticket (void)
{
  g_autofree char *private_uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt");
  g_autofree char *basic_uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/basic/hello.txt");
  const char *negotiate_only[] = { "fetch", "--negotiate", "localhost", "--verbose", "--json", "-", private_uri, NULL };
  const char *or_basic[] = { "fetch", "--negotiate", "localhost", "--verbose", "--json", "-",
                             "-u", HTTP_AUTH_TEST_KERBEROS_USER, "--password", HTTP_AUTH_TEST_KERBEROS_PASSWORD,
                             basic_uri, NULL };
  g_auto(Run) run = { 0 };
  g_auto(Run) run2 = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) parser2 = NULL;
  g_autoptr(GPtrArray) log = NULL;
  JsonObject *result;
  guint before = apache_log_len ();

  g_test_summary ("--negotiate without a ticket: a Negotiate-only page answers 401; a page that also "
                  "offers Basic (GssapiBasicAuth) takes the -u login: 200 as Basic, never 'signed in with Kerberos'");
  run_tool (negotiate_only, realm.no_ticket_ccache, &run);
  g_assert_cmpint (run.status, ==, 0);
  result = first_result (run.out, &parser);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 401);
  g_assert_true (json_object_get_null_member (result, "auth_scheme"));
  g_assert_null (strstr (run.err, "signed in with Kerberos"));

  run_tool (or_basic, realm.no_ticket_ccache, &run2);
  g_assert_cmpint (run2.status, ==, 0);
  result = first_result (run2.out, &parser2);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result, "auth_scheme"), ==, "basic");
  g_assert_false (json_object_get_boolean_member (result, "mutually_authenticated"));
  g_assert_null (strstr (run2.err, "signed in with Kerberos"));

  /* Without a ticket no token ever left the client. */
  log = http_auth_test_kerberos_apache_log (&apache, before + 3);
  g_assert_cmpuint (tokens_since (log, before), ==, 0);
}

/* ---- the demo server (http-auth serve --negotiate-keytab) ---- */

static char *
serve_log (void)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (serve.log_path, &text, NULL, NULL));
  return g_steal_pointer (&text);
}

/* In the child, before exec: the server ends with the test process, even
 * one that aborts on a failed assertion. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts `http-auth serve` with @keytab (NULL: none, and no KRB5_KTNAME)
 * and waits for its "Serving on" line. */
static void
serve_start (Serve      *s,
             const char *keytab)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GError) error = NULL;
  const char *with[] = { g_getenv ("HTTP_AUTH_TOOL"), "serve", "--negotiate-keytab", keytab, NULL };
  const char *without[] = { g_getenv ("HTTP_AUTH_TOOL"), "serve", NULL };

  s->dir = http_auth_test_make_tmpdir ("http-auth-cli-negotiate");
  s->log_path = g_build_filename (s->dir, "serve.log", NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, s->log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (keytab == NULL)
    g_subprocess_launcher_unsetenv (launcher, "KRB5_KTNAME");
  s->proc = g_subprocess_launcher_spawnv (launcher, keytab ? with : without, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 200 && s->base == NULL; i++)
    {
      g_autofree char *text = NULL;
      const char *at;

      g_usleep (25 * 1000);
      if (g_file_get_contents (s->log_path, &text, NULL, NULL) &&
          (at = strstr (text, "Serving on ")) != NULL && strchr (at, '\n') != NULL)
        {
          const char *start = at + strlen ("Serving on ");

          /* "http://127.0.0.1:PORT/ (…": the origin without its slash. */
          s->base = g_strndup (start, strcspn (start, " ") - 1);
        }
    }
  g_assert_nonnull (s->base);
}

static void
serve_stop (Serve *s)
{
  if (s->proc != NULL)
    {
      g_autofree char *log = NULL;

      g_subprocess_send_signal (s->proc, SIGTERM);
      g_subprocess_wait (s->proc, NULL, NULL);
      /* SIGTERM ends its main loop: a clean exit, with nothing leaked in
       * sanitizer builds (LeakSanitizer would make it exit non-zero). */
      g_file_get_contents (s->log_path, &log, NULL, NULL);
      if (!g_subprocess_get_if_exited (s->proc) || g_subprocess_get_exit_status (s->proc) != 0)
        g_error ("http-auth serve did not exit cleanly:\n%s", log);
    }
  g_clear_object (&s->proc);
  if (s->dir != NULL)
    http_auth_test_remove_tree (s->dir);
  g_clear_pointer (&s->dir, g_free);
  g_clear_pointer (&s->log_path, g_free);
  g_clear_pointer (&s->base, g_free);
}

static void
test_serve_ticket (void)
{
  g_autofree char *uri = g_strconcat (serve.base, "/negotiate/hello.txt", NULL);
  const char *args[] = { "fetch", "--negotiate", "127.0.0.1", "--verbose", "--json", "-", uri, NULL };
  const char *body_args[] = { "fetch", "--negotiate", "127.0.0.1", uri, NULL };
  g_auto(Run) run = { 0 };
  g_auto(Run) body = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *log = NULL;
  JsonObject *result;

  g_test_summary ("The demo server's /negotiate/ with the realm's keytab: 401 Negotiate, then the token "
                  "accepted (200, the principal in the body), its final token verified by the client; "
                  "the server's log names the principal and never a token");
  run_tool (args, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "signed in with Kerberos as " PRINCIPAL " (server verified)\n"));
  result = first_result (run.out, &parser);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result, "principal"), ==, PRINCIPAL);
  g_assert_true (json_object_get_boolean_member (result, "mutually_authenticated"));

  run_tool (body_args, NULL, &body);
  g_assert_cmpint (body.status, ==, 0);
  g_assert_cmpstr (body.out, ==, "Hello " PRINCIPAL ": /negotiate/hello.txt accepted your Kerberos (Negotiate) login.\n");

  log = serve_log ();
  g_test_message ("serve log:\n%s", log);
  g_assert_nonnull (strstr (log, "/negotiate/hello.txt  authorization: none  ->  401 Unauthorized\n"));
  g_assert_nonnull (strstr (log, "/negotiate/hello.txt  authorization: Negotiate  ->  200 OK  # " PRINCIPAL
                                 ", final token sent (mutual authentication)\n"));
  /* A Kerberos token is a DER blob: base64 of its first bytes is "YII". */
  g_assert_null (strstr (log, "YII"));
}

static void
test_serve_include_port (void)
{
  g_autofree char *uri = g_strconcat (serve.base, "/negotiate/port.txt", NULL);
  const char *args[] = { "fetch", "--negotiate", "127.0.0.1", "--negotiate-include-port", "--verbose",
                         "--json", "-", uri, NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *result;

  g_test_summary ("--negotiate-include-port asks for HTTP@127.0.0.1:PORT, which the realm does not have: "
                  "no ticket for it, so the 401 is the answer");
  run_tool (args, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  result = first_result (run.out, &parser);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 401);
  g_assert_true (json_object_get_null_member (result, "auth_scheme"));
  g_assert_null (strstr (run.err, "signed in with Kerberos"));

  /* The KDC was asked for the service with the port, and knew none. */
  {
    g_autofree char *kdc_log_path = g_build_filename (realm.dir, "kdc", "kdc.log", NULL);
    g_autofree char *kdc_log = NULL;
    g_autofree char *spn = g_strdup_printf ("HTTP/127.0.0.1:%s@", strrchr (serve.base, ':') + 1);

    g_assert_true (g_file_get_contents (kdc_log_path, &kdc_log, NULL, NULL));
    g_assert_nonnull (strstr (kdc_log, spn));
  }
}

static void
test_serve_no_final_token (void)
{
  g_autofree char *uri = g_strconcat (serve.base, "/negotiate/hello.txt?final=no", NULL);
  const char *args[] = { "fetch", "--negotiate", "127.0.0.1", "--verbose", "--json", "-", uri, NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *result;

  g_test_summary ("A server that withholds its final token: 200, but reported as not verified");
  run_tool (args, NULL, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "signed in with Kerberos as " PRINCIPAL
                                     " (server not verified: it sent no final token)\n"));
  result = first_result (run.out, &parser);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (result, "auth_scheme"), ==, "negotiate");
  g_assert_false (json_object_get_boolean_member (result, "mutually_authenticated"));
}

static void
test_serve_bad_token (void)
{
  g_autofree char *uri = g_strconcat (serve.base, "/negotiate/bad.txt", NULL);
  /* "Negotiate-ish" garbage, then a token cut short, then not base64. */
  const char *tokens[] = { "Authorization: Negotiate R0FSQkFHRQ==",
                           "Authorization: Negotiate YIIBcwYGKwYBBQUCoIIBZzCCAWOgDTALBgkqhkiG9xIBAgI=",
                           "Authorization: Negotiate !!!" };
  g_autofree char *log = NULL;

  g_test_summary ("A token GSS-API refuses (or that is not base64): 401 with a fresh bare Negotiate challenge");
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      const char *args[] = { "fetch", "--json", "-", "-H", tokens[i], uri, NULL };
      g_auto(Run) run = { 0 };
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *result;

      run_tool (args, NULL, &run);
      g_assert_cmpint (run.status, ==, 0);
      result = first_result (run.out, &parser);
      g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 401);
    }

  log = serve_log ();
  g_test_message ("serve log:\n%s", log);
  {
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
    guint refused = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "/negotiate/bad.txt  authorization: Negotiate  ->  401 Unauthorized  # ") != NULL)
        refused++;
    g_assert_cmpuint (refused, ==, G_N_ELEMENTS (tokens));
  }
  g_assert_null (strstr (log, "R0FSQkFHRQ"));
}

static void
test_serve_curl (void)
{
  g_autofree char *curl = http_auth_test_find_program ("curl");
  g_autofree char *uri = g_strconcat (serve.base, "/negotiate/curl.txt", NULL);
  g_autofree char *out = NULL;

  g_test_summary ("curl --negotiate, an independent client, logs in to the demo server's /negotiate/");
  if (curl == NULL)
    {
      g_test_skip ("curl is not installed");
      return;
    }

  {
    const char *argv[] = { curl, "-s", "--negotiate", "-u", ":", uri, NULL };

    http_auth_test_run_or_die (argv, &out);
  }
  g_assert_cmpstr (out, ==, "Hello " PRINCIPAL ": /negotiate/curl.txt accepted your Kerberos (Negotiate) login.\n");
}

static void
test_serve_no_keytab (void)
{
  Serve plain = { 0 };
  g_autofree char *uri = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *result;

  g_test_summary ("http-auth serve without a keytab (and no KRB5_KTNAME): /negotiate/ is off (404)");
  serve_start (&plain, NULL);
  uri = g_strconcat (plain.base, "/negotiate/hello.txt", NULL);
  {
    const char *args[] = { "fetch", "--negotiate", "127.0.0.1", "--json", "-", uri, NULL };

    run_tool (args, NULL, &run);
  }
  g_assert_cmpint (run.status, ==, 0);
  result = first_result (run.out, &parser);
  g_assert_cmpint (json_object_get_int_member (result, "status"), ==, 404);
  serve_stop (&plain);
}

static void
test_serve_bad_keytab (void)
{
  const char *args[] = { "serve", "--negotiate-keytab", "/nonexistent/http.keytab", NULL };
  g_auto(Run) run = { 0 };

  g_test_summary ("http-auth serve with a keytab GSS-API cannot use: exit 1 and the reason, before listening");
  run_tool (args, NULL, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "http-auth serve: keytab /nonexistent/http.keytab: "));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  http_auth_test_kerberos_start (&realm);
  g_assert_true (http_auth_test_kerberos_kinit (&realm, HTTP_AUTH_TEST_KERBEROS_USER,
                                                HTTP_AUTH_TEST_KERBEROS_PASSWORD, &error));
  g_assert_no_error (error);
  http_auth_test_kerberos_start_apache (&realm, &apache);
  serve_start (&serve, realm.keytab);

  g_test_add_func ("/HttpAuth/CliNegotiate/apache/ticket", test_apache_ticket);
  g_test_add_func ("/HttpAuth/CliNegotiate/apache/not-allowlisted", test_apache_not_allowlisted);
  g_test_add_func ("/HttpAuth/CliNegotiate/apache/no-ticket", test_apache_no_ticket);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/ticket", test_serve_ticket);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/include-port", test_serve_include_port);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/no-final-token", test_serve_no_final_token);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/bad-token", test_serve_bad_token);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/curl", test_serve_curl);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/no-keytab", test_serve_no_keytab);
  g_test_add_func ("/HttpAuth/CliNegotiate/serve/bad-keytab", test_serve_bad_keytab);

  ret = g_test_run ();

  serve_stop (&serve);
  http_auth_test_kerberos_stop_apache (&apache);
  http_auth_test_kerberos_stop (&realm);
  return ret;
}
