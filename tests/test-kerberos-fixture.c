/* test-kerberos-fixture.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-kerberos.h"

#include <string.h>

/* A self-check of the Kerberos fixture the Negotiate tests build on: the
 * realm, Apache with mod_auth_gssapi and squid with
 * negotiate_kerberos_auth, each judged by independent clients (curl,
 * klist, kvno) rather than by this library. */

typedef struct
{
  HttpAuthTestKerberos       k;
  HttpAuthTestKerberosApache apache;
  HttpAuthTestSquid          squid;
} Fixture;

/* What curl -i printed, split into the last response's parts. */
typedef struct
{
  int    exit_status;
  guint  status;
  char  *headers;
  char  *body;
} CurlResult;

static void
curl_result_clear (CurlResult *result)
{
  g_clear_pointer (&result->headers, g_free);
  g_clear_pointer (&result->body, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CurlResult, curl_result_clear)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  http_auth_test_kerberos_start (&f->k);
  http_auth_test_kerberos_kinit (&f->k, HTTP_AUTH_TEST_KERBEROS_USER, HTTP_AUTH_TEST_KERBEROS_PASSWORD,
                                 &error);
  g_assert_no_error (error);
  g_test_message ("realm created, KDC on 127.0.0.1:%u, kinit done in %.0f ms", f->k.kdc_port,
                  (g_get_monotonic_time () - start) / 1000.0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  http_auth_test_kerberos_stop (&f->k);
  g_test_message ("everything stopped in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
}

/* Runs @argv to its end; returns its exit status (-1 when a signal ended
 * it) and its stdout. */
static int
run (const char * const  *argv,
     char               **out)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &bytes, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* curl -s -i @args…; keeps the last of the responses it printed (one per
 * exchange when it retries with credentials). */
static void
curl (CurlResult *result,
      const char *first_arg,
      ...)
{
  g_autofree char *binary = http_auth_test_find_program ("curl");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *rest;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (char *) "-s");
  g_ptr_array_add (argv, (char *) "-i");
  g_ptr_array_add (argv, (char *) "--max-time");
  g_ptr_array_add (argv, (char *) "20");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  result->exit_status = run ((const char * const *) argv->pdata, &out);
  g_assert_cmpint (result->exit_status, ==, 0);

  rest = out;
  while (g_str_has_prefix (rest, "HTTP/"))
    {
      const char *end = strstr (rest, "\r\n\r\n");

      g_assert_nonnull (end);
      g_clear_pointer (&result->headers, g_free);
      result->headers = g_strndup (rest, end + 2 - rest);
      rest = end + 4;
    }
  g_assert_nonnull (result->headers);
  result->status = (guint) g_ascii_strtoull (strchr (result->headers, ' ') + 1, NULL, 10);
  result->body = g_strdup (rest);
}

/* Every value of header @name in @result, in order. */
static GStrv
header_values (CurlResult *result,
               const char *name)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (result->headers, "\r\n", -1);
  gsize len = strlen (name);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, len) == 0 && lines[i][len] == ':')
      g_strv_builder_add (values, g_strstrip (lines[i] + len + 1));

  return g_strv_builder_end (values);
}

static void
test_realm (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *klist = http_auth_test_find_program ("klist");
  g_autofree char *out = NULL;
  g_autofree char *dir = NULL;
  char **before = NULL;
  static const char * const names[] = {
    "KRB5_CONFIG", "KRB5_KDC_PROFILE", "KRB5CCNAME", "KRB5_KTNAME", "KRB5RCACHEDIR",
  };
  const char *argv[] = { klist, NULL };
  const char *keytab_argv[] = { klist, "-k", NULL };
  g_autofree char *keytab_out = NULL;

  g_test_summary ("The realm points the environment at its files, and switching the ccache "
                  "switches what GSS-API clients see.");

  g_assert_cmpstr (g_getenv ("KRB5_CONFIG"), ==, f->k.krb5_conf);
  g_assert_cmpstr (g_getenv ("KRB5_KDC_PROFILE"), ==, f->k.kdc_conf);
  g_assert_cmpstr (g_getenv ("KRB5CCNAME"), ==, f->k.ccache);
  g_assert_cmpstr (g_getenv ("KRB5_KTNAME"), ==, f->k.keytab);
  g_assert_cmpstr (g_getenv ("KRB5RCACHEDIR"), ==, f->k.rcache_dir);

  g_assert_cmpint (run (argv, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Default principal: alice@HTTPAUTH.TEST"));
  g_assert_nonnull (strstr (out, "krbtgt/HTTPAUTH.TEST@HTTPAUTH.TEST"));
  g_assert_cmpuint (http_auth_test_kerberos_count_kdc_requests (&f->k, "AS_REQ"), >=, 1);

  g_assert_cmpint (run (keytab_argv, &keytab_out), ==, 0);
  g_assert_nonnull (strstr (keytab_out, "HTTP/localhost@HTTPAUTH.TEST"));
  g_assert_nonnull (strstr (keytab_out, "HTTP/127.0.0.1@HTTPAUTH.TEST"));

  http_auth_test_kerberos_use_no_ticket (&f->k);
  g_assert_cmpstr (g_getenv ("KRB5CCNAME"), ==, f->k.no_ticket_ccache);
  g_assert_cmpint (run (argv, NULL), !=, 0);
  http_auth_test_kerberos_use_ticket (&f->k);
  g_assert_cmpint (run (argv, NULL), ==, 0);

  /* Stopping removes the tree and puts the environment back as it was
   * before start. */
  dir = g_strdup (f->k.dir);
  before = g_new0 (char *, G_N_ELEMENTS (names) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    before[i] = g_strdup (f->k.saved_env[i]);
  http_auth_test_kerberos_stop (&f->k);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (g_getenv (names[i]), ==, before[i]);
      g_free (before[i]);
    }
  g_free (before);
}

static void
test_apache (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *private_url = NULL;
  g_autofree char *private_ip_url = NULL;
  g_autofree char *basic_url = NULL;
  g_autofree char *wrongkey_url = NULL;
  g_autofree char *wrongkey_ip_url = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 start = g_get_monotonic_time ();

  g_test_summary ("Apache with mod_auth_gssapi challenges with Negotiate, accepts alice's "
                  "ticket with a mutual-auth token, offers Basic on /basic and refuses a "
                  "ticket its keytab cannot decrypt; its log shows which requests carried "
                  "a token.");

  http_auth_test_kerberos_start_apache (&f->k, &f->apache);
  g_test_message ("Apache on 127.0.0.1:%u started in %.0f ms", f->apache.port,
                  (g_get_monotonic_time () - start) / 1000.0);

  private_url = http_auth_test_kerberos_apache_uri (&f->apache, "localhost", "/private/hello.txt");
  private_ip_url = http_auth_test_kerberos_apache_uri (&f->apache, "127.0.0.1", "/private/hello.txt");
  basic_url = http_auth_test_kerberos_apache_uri (&f->apache, "localhost", "/basic/hello.txt");
  wrongkey_url = http_auth_test_kerberos_apache_uri (&f->apache, "localhost", "/wrongkey/hello.txt");
  wrongkey_ip_url = http_auth_test_kerberos_apache_uri (&f->apache, "127.0.0.1", "/wrongkey/hello.txt");

  /* 1: no ticket. curl has no token to send. */
  {
    g_auto(CurlResult) r = { 0 };
    g_auto(GStrv) challenges = NULL;

    http_auth_test_kerberos_use_no_ticket (&f->k);
    curl (&r, "--noproxy", "*", "--negotiate", "-u", ":", private_url, NULL);
    http_auth_test_kerberos_use_ticket (&f->k);
    challenges = header_values (&r, "WWW-Authenticate");
    g_assert_cmpuint (r.status, ==, 401);
    g_assert_cmpuint (g_strv_length (challenges), ==, 1);
    g_assert_cmpstr (challenges[0], ==, "Negotiate");
  }

  /* 2: alice's ticket, sent up front; the 200 carries the AP-REP. */
  {
    g_auto(CurlResult) r = { 0 };
    g_auto(GStrv) users = NULL;
    g_auto(GStrv) tokens = NULL;

    curl (&r, "--noproxy", "*", "--negotiate", "-u", ":", private_url, NULL);
    users = header_values (&r, "X-Remote-User");
    tokens = header_values (&r, "WWW-Authenticate");
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_cmpstr (r.body, ==, "hello negotiate\n");
    g_assert_cmpuint (g_strv_length (users), ==, 1);
    g_assert_cmpstr (users[0], ==, "alice@HTTPAUTH.TEST");
    g_assert_cmpuint (g_strv_length (tokens), ==, 1);
    g_assert_true (g_str_has_prefix (tokens[0], "Negotiate "));
    g_assert_cmpuint (strlen (tokens[0]), >, strlen ("Negotiate ") + 16);
  }

  /* 3: the same by IP: the service principal is HTTP/127.0.0.1. */
  {
    g_auto(CurlResult) r = { 0 };

    curl (&r, "--noproxy", "*", "--negotiate", "-u", ":", private_ip_url, NULL);
    g_assert_cmpuint (r.status, ==, 200);
  }

  /* 4: /basic offers both schemes. */
  {
    g_auto(CurlResult) r = { 0 };
    g_auto(GStrv) challenges = NULL;

    curl (&r, "--noproxy", "*", basic_url, NULL);
    challenges = header_values (&r, "WWW-Authenticate");
    g_assert_cmpuint (r.status, ==, 401);
    g_assert_cmpuint (g_strv_length (challenges), ==, 2);
    g_assert_cmpstr (challenges[0], ==, "Negotiate");
    g_assert_cmpstr (challenges[1], ==, "Basic realm=\"GSSAPI or Basic\"");
  }

  /* 5: Basic alice:alicepw, checked by Apache against the KDC. */
  {
    g_auto(CurlResult) r = { 0 };
    g_auto(GStrv) users = NULL;

    curl (&r, "--noproxy", "*", "--basic", "-u", "alice:alicepw", basic_url, NULL);
    users = header_values (&r, "X-Remote-User");
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_cmpuint (g_strv_length (users), ==, 1);
    g_assert_cmpstr (users[0], ==, "alice@HTTPAUTH.TEST");
  }

  /* 6: a ticket for HTTP/localhost, which /wrongkey's keytab lacks. */
  {
    g_auto(CurlResult) r = { 0 };

    g_auto(GStrv) challenges = NULL;

    curl (&r, "--noproxy", "*", "--negotiate", "-u", ":", wrongkey_url, NULL);
    challenges = header_values (&r, "WWW-Authenticate");
    g_assert_cmpuint (r.status, ==, 401);
    g_assert_cmpuint (g_strv_length (challenges), ==, 1);
    /* A SPNEGO NegTokenResp ([1]) whose first field is negState
     * reject (2); a KRB-ERROR may follow as its responseToken. */
    g_assert_true (g_str_has_prefix (challenges[0], "Negotiate "));
    {
      gsize len = 0;
      g_autofree guchar *token = g_base64_decode (challenges[0] + strlen ("Negotiate "), &len);
      static const guchar reject[] = { 0xa0, 0x03, 0x0a, 0x01, 0x02 };

      gboolean found = FALSE;

      g_assert_cmpuint (len, >, 2 + 2 + sizeof reject);
      g_assert_cmphex (token[0], ==, 0xa1);
      /* After the [1] and SEQUENCE headers (short or long lengths). */
      for (gsize i = 2; i + sizeof reject <= MIN (len, 12) && !found; i++)
        found = memcmp (token + i, reject, sizeof reject) == 0;
      g_assert_true (found);
    }
  }

  /* 7: …and one for HTTP/127.0.0.1, which it holds. */
  {
    g_auto(CurlResult) r = { 0 };

    curl (&r, "--noproxy", "*", "--negotiate", "-u", ":", wrongkey_ip_url, NULL);
    g_assert_cmpuint (r.status, ==, 200);
  }

  /* One line per request, in order. */
  log = http_auth_test_kerberos_apache_log (&f->apache, 7);
  g_assert_cmpuint (log->len, ==, 7);
  {
    static const struct { guint status; gboolean negotiate; const char *user; } expected[] = {
      { 401, FALSE, NULL },
      { 200, TRUE, "alice@HTTPAUTH.TEST" },
      { 200, TRUE, "alice@HTTPAUTH.TEST" },
      { 401, FALSE, NULL },
      { 200, FALSE, "alice@HTTPAUTH.TEST" },
      { 401, TRUE, NULL },
      { 200, TRUE, "alice@HTTPAUTH.TEST" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        HttpAuthTestKerberosLogEntry *entry = g_ptr_array_index (log, i);

        g_test_message ("log %u: %u %s %s port=%u user=%s negotiate=%d", i, entry->status, entry->method,
                        entry->target, entry->client_port, entry->user, entry->negotiate);
        g_assert_cmpuint (entry->status, ==, expected[i].status);
        g_assert_cmpint (entry->negotiate, ==, expected[i].negotiate);
        g_assert_cmpstr (entry->method, ==, "GET");
        g_assert_cmpuint (entry->client_port, !=, 0);
        if (expected[i].user != NULL)
          g_assert_cmpstr (entry->user, ==, expected[i].user);
      }
    g_assert_true (g_str_has_prefix (((HttpAuthTestKerberosLogEntry *) g_ptr_array_index (log, 4))->authorization,
                                     "Basic "));
  }
  g_assert_cmpuint (http_auth_test_kerberos_log_count (log, 200, TRUE), ==, 3);
  g_assert_cmpuint (http_auth_test_kerberos_log_count (log, 401, FALSE), ==, 2);
  g_assert_cmpuint (http_auth_test_kerberos_log_count (log, 0, TRUE), ==, 4);
}

static void
test_bound (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autofree char *public_url = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_auto(CurlResult) r = { 0 };

  g_test_summary ("/bound (GssapiConnectionBound) lets the second request on a connection "
                  "through without a token; /public needs no login.");

  http_auth_test_kerberos_start_apache (&f->k, &f->apache);
  url = http_auth_test_kerberos_apache_uri (&f->apache, "localhost", "/bound/hello.txt");
  public_url = http_auth_test_kerberos_apache_uri (&f->apache, "localhost", "/public/hello.txt");

  /* --anyauth: no token until a 401 asks, so curl sends none on the
   * second request of the connection either; Apache lets it through. */
  curl (&r, "--noproxy", "*", "--anyauth", "-u", ":", url, "--next", "-s", "--noproxy", "*", url, NULL);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpstr (r.body, ==, "hello bound negotiate\nhello bound negotiate\n");
  curl_result_clear (&r);

  curl (&r, "--noproxy", "*", public_url, NULL);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpstr (r.body, ==, "hello public\n");

  log = http_auth_test_kerberos_apache_log (&f->apache, 4);
  for (guint i = 0; i < log->len; i++)
    {
      HttpAuthTestKerberosLogEntry *entry = g_ptr_array_index (log, i);

      g_test_message ("log %u: %u %s port=%u user=%s negotiate=%d", i, entry->status, entry->target,
                      entry->client_port, entry->user, entry->negotiate);
    }
  g_assert_cmpuint (log->len, ==, 4);
  /* 401, then the token, then the second request on the same connection
   * without one. */
  {
    HttpAuthTestKerberosLogEntry *challenge = g_ptr_array_index (log, 0);
    HttpAuthTestKerberosLogEntry *login = g_ptr_array_index (log, 1);
    HttpAuthTestKerberosLogEntry *again = g_ptr_array_index (log, 2);

    g_assert_cmpuint (challenge->status, ==, 401);
    g_assert_cmpuint (login->status, ==, 200);
    g_assert_true (login->negotiate);
    g_assert_cmpuint (again->status, ==, 200);
    g_assert_false (again->negotiate);
    g_assert_cmpuint (again->client_port, ==, login->client_port);
  }
}

static void
test_squid (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *python = http_auth_test_find_program ("python3");
  g_autofree char *setpriv = http_auth_test_find_program ("setpriv");
  g_autofree char *origin_dir = g_build_filename (f->k.dir, "origin", NULL);
  g_autofree char *origin_port = NULL;
  g_autofree char *origin_url = NULL;
  g_autofree char *proxy_url = NULL;
  g_autoptr(HttpAuthTestDaemon) origin = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  guint port = 0;
  gint64 start;

  g_test_summary ("squid with negotiate_kerberos_auth asks for a Negotiate proxy login and "
                  "lets alice's ticket through to the origin.");

  http_auth_test_write_file (origin_dir, "index.txt", "origin says hi\n");
  for (guint attempt = 0; attempt < 5 && origin == NULL; attempt++)
    {
      /* The parent-death signal ends the origin with the test, even when
       * an assertion aborts it before the teardown. */
      const char *argv[] = { setpriv, "--pdeathsig", "TERM", python, "-m", "http.server", "--bind", "127.0.0.1",
                             "--directory", origin_dir, NULL, NULL };

      g_clear_error (&error);
      port = http_auth_test_free_port ();
      g_free (origin_port);
      origin_port = g_strdup_printf ("%u", port);
      argv[10] = origin_port;
      origin = http_auth_test_daemon_start (argv, port, &error);
    }
  g_assert_no_error (error);
  origin_url = g_strdup_printf ("http://127.0.0.1:%u/index.txt", port);

  start = g_get_monotonic_time ();
  http_auth_test_kerberos_start_squid (&f->k, &f->squid);
  g_test_message ("squid on 127.0.0.1:%u started in %.0f ms", f->squid.port,
                  (g_get_monotonic_time () - start) / 1000.0);
  proxy_url = g_strdup_printf ("http://localhost:%u", f->squid.port);

  {
    g_auto(CurlResult) r = { 0 };
    g_auto(GStrv) challenges = NULL;

    curl (&r, "--noproxy", "", "-x", proxy_url, origin_url, NULL);
    challenges = header_values (&r, "Proxy-Authenticate");
    g_assert_cmpuint (r.status, ==, 407);
    g_assert_cmpuint (g_strv_length (challenges), ==, 1);
    g_assert_cmpstr (challenges[0], ==, "Negotiate");
  }
  {
    g_auto(CurlResult) r = { 0 };

    curl (&r, "--noproxy", "", "--proxy-negotiate", "-U", ":", "-x", proxy_url, origin_url, NULL);
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_cmpstr (r.body, ==, "origin says hi\n");
  }
  {
    /* The proxy named by IP: a ticket for HTTP/127.0.0.1 works too. */
    g_autofree char *proxy_ip_url = http_auth_test_squid_uri (&f->squid);
    g_auto(CurlResult) r = { 0 };

    curl (&r, "--noproxy", "", "--proxy-negotiate", "-U", ":", "-x", proxy_ip_url, origin_url, NULL);
    g_assert_cmpuint (r.status, ==, 200);
  }

  log = http_auth_test_kerberos_squid_log (&f->squid, 3);
  for (guint i = 0; i < log->len; i++)
    {
      HttpAuthTestKerberosLogEntry *entry = g_ptr_array_index (log, i);

      g_test_message ("log %u: %u %s %s port=%u user=%s negotiate=%d", i, entry->status, entry->method,
                      entry->target, entry->client_port, entry->user, entry->negotiate);
      g_assert_cmpstr (entry->method, ==, "GET");
      g_assert_cmpstr (entry->target, ==, origin_url);
    }
  g_assert_cmpuint (log->len, >=, 3);
  g_assert_cmpuint (http_auth_test_kerberos_log_count (log, 407, FALSE), >=, 1);
  g_assert_cmpuint (http_auth_test_kerberos_log_count (log, 200, TRUE), ==, 2);
  g_assert_cmpstr (((HttpAuthTestKerberosLogEntry *) g_ptr_array_index (log, log->len - 1))->user, ==,
                   "alice@HTTPAUTH.TEST");
}

static void
test_pause_kdc (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *timeout = http_auth_test_find_program ("timeout");
  g_autofree char *kvno = http_auth_test_find_program ("kvno");
  const char *hung[] = { timeout, "2", kvno, "HTTP/localhost", NULL };
  const char *again[] = { kvno, "HTTP/localhost", NULL };
  g_autoptr(GError) error = NULL;
  guint tgs_before;
  gint64 start;

  g_test_summary ("A paused KDC makes a client that needs a service ticket hang; resumed, "
                  "it answers again.");

  /* Only a TGT: kvno must ask the KDC for a service ticket. */
  http_auth_test_kerberos_kdestroy_and_kinit (&f->k, HTTP_AUTH_TEST_KERBEROS_USER,
                                              HTTP_AUTH_TEST_KERBEROS_PASSWORD, &error);
  g_assert_no_error (error);
  tgs_before = http_auth_test_kerberos_count_kdc_requests (&f->k, "TGS_REQ");

  http_auth_test_kerberos_pause_kdc (&f->k, TRUE);
  start = g_get_monotonic_time ();
  /* timeout(1) exits with 124 when it had to kill the command. */
  g_assert_cmpint (run (hung, NULL), ==, 124);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 100 * 1000);
  g_assert_cmpuint (http_auth_test_kerberos_count_kdc_requests (&f->k, "TGS_REQ"), ==, tgs_before);

  http_auth_test_kerberos_pause_kdc (&f->k, FALSE);
  start = g_get_monotonic_time ();
  g_assert_cmpint (run (again, NULL), ==, 0);
  g_test_message ("kvno after resume took %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (http_auth_test_kerberos_count_kdc_requests (&f->k, "TGS_REQ"), >, tgs_before);

  /* Paused again, teardown must resume the KDC before stopping it. */
  http_auth_test_kerberos_pause_kdc (&f->k, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/HttpAuth/KerberosFixture/realm", Fixture, NULL, fixture_setup, test_realm, fixture_teardown);
  g_test_add ("/HttpAuth/KerberosFixture/apache", Fixture, NULL, fixture_setup, test_apache, fixture_teardown);
  g_test_add ("/HttpAuth/KerberosFixture/apache-bound", Fixture, NULL, fixture_setup, test_bound,
              fixture_teardown);
  g_test_add ("/HttpAuth/KerberosFixture/squid", Fixture, NULL, fixture_setup, test_squid, fixture_teardown);
  g_test_add ("/HttpAuth/KerberosFixture/pause-kdc", Fixture, NULL, fixture_setup, test_pause_kdc,
              fixture_teardown);

  return g_test_run ();
}
