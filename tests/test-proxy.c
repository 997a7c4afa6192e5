/* test-proxy.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-demo-server.h"
#include "http-auth-scripted-prompter.h"
#include "http-auth-test-daemon.h"
#include "http-auth-test-fetch.h"
#include "http-auth-test-squid.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

/* Proxy authentication through real squid (basic_ncsa_auth), started by
 * the test on a free loopback port with a config in a temp dir: http://
 * (the engine answers the 407) and https:// (CONNECT, answered through
 * libsoup's manager and the engine's prompter). Origins are the demo
 * server, plain and TLS. */

typedef struct
{
  HttpAuthTestSquid         squid;
  HttpAuthDemoServer       *origin;
  HttpAuthDemoServer       *tls_origin;
  GTlsDatabase             *trust;
  HttpAuthSession          *session;
  HttpAuthScriptedPrompter *prompter;
  HttpAuthPromptContext    *context;
} Fixture;

typedef HttpAuthTestResult Result;

static char *tls_dir;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *cert = g_build_filename (tls_dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (tls_dir, "key.pem", NULL);
  g_autofree char *proxy = NULL;
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("max-conns", 100, "max-conns-per-host", 100, NULL);

  http_auth_test_squid_start (&f->squid, "squidtest", "alice", "secret");

  f->origin = http_auth_demo_server_new ("alice", "wonderland");
  http_auth_demo_server_start_thread (f->origin, &error);
  g_assert_no_error (error);

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  f->tls_origin = http_auth_demo_server_new ("alice", "wonderland");
  http_auth_demo_server_set_tls_certificate (f->tls_origin, certificate);
  http_auth_demo_server_start_thread (f->tls_origin, &error);
  g_assert_no_error (error);

  f->trust = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  soup_session_set_tls_database (soup, f->trust);

  f->session = http_auth_session_new_for_soup_session (soup);
  proxy = http_auth_test_squid_uri (&f->squid);
  http_auth_session_set_proxy_uri (f->session, proxy);
  f->prompter = http_auth_scripted_prompter_new ();
  http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  f->context = http_auth_prompt_context_new (NULL, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->session);
  g_clear_object (&f->prompter);
  g_clear_object (&f->trust);
  g_clear_pointer (&f->origin, http_auth_demo_server_free);
  g_clear_pointer (&f->tls_origin, http_auth_demo_server_free);
  http_auth_test_squid_stop (&f->squid);
}

static void
start_url (Fixture    *f,
           const char *url,
           gboolean    with_context,
           Result     *r)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

  if (with_context)
    http_auth_request_set_prompt_context (request, f->context);
  http_auth_test_send (f->session, request, NULL, r);
}

static void
fetch_url (Fixture    *f,
           const char *url,
           Result     *r)
{
  start_url (f, url, TRUE, r);
  http_auth_test_wait (r);
}

static guint
n_prompts (Fixture *f)
{
  return http_auth_scripted_prompter_get_prompts (f->prompter)->len;
}

static HttpAuthPrompt *
prompt_at (Fixture *f,
           guint    i)
{
  return g_ptr_array_index (http_auth_scripted_prompter_get_prompts (f->prompter), i);
}

static void
test_http_through_proxy (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/a");
  g_autofree char *url2 = http_auth_demo_server_get_url (f->origin, "/open/b");
  g_autofree char *proxy = g_strdup_printf ("127.0.0.1:%u", f->squid.port);
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "secret", FALSE);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 2);
  g_assert_cmpuint (http_auth_exchange_get_status (g_ptr_array_index (http_auth_response_get_exchanges (r.response), 0)),
                    ==, 407);
  g_assert_null (http_auth_exchange_get_proxy_auth_scheme (g_ptr_array_index (http_auth_response_get_exchanges (r.response), 0)));
  g_assert_cmpstr (http_auth_exchange_get_proxy_auth_scheme (g_ptr_array_index (http_auth_response_get_exchanges (r.response), 1)),
                   ==, "basic");
  http_auth_test_result_clear (&r);

  /* The prompt names the proxy, not the site. */
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_assert_cmpint (http_auth_prompt_get_target (prompt_at (f, 0)), ==, HTTP_AUTH_TARGET_PROXY);
  g_assert_cmpstr (http_auth_prompt_get_origin (prompt_at (f, 0)), ==, proxy);
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt_at (f, 0)), ==, "squidtest");
  /* Basic to an http:// proxy: the password crosses readable. */
  g_assert_true (http_auth_prompt_get_insecure (prompt_at (f, 0)));

  /* Next request: Proxy-Authorization goes along at once. */
  fetch_url (f, url2, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 1);
  http_auth_test_result_clear (&r);

  /* squid consumed Proxy-Authorization: the origin never saw it. */
  record = http_auth_demo_server_get_exchanges (f->origin);
  for (guint i = 0; i < record->len; i++)
    g_assert_null (((HttpAuthDemoExchange *) g_ptr_array_index (record, i))->proxy_authorization);
}

static void
test_http_wrong_then_right (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/a");
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "wrong", FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "secret", FALSE);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_assert_true (http_auth_prompt_get_retrying (prompt_at (f, 1)));
  http_auth_test_result_clear (&r);
}

static void
test_http_cancel_is_network_error (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/a");
  Result r = { 0 };

  http_auth_scripted_prompter_add_cancel (f->prompter);
  fetch_url (f, url, &r);
  /* No page: the proxy's own 407 body is never shown. */
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED);
  g_assert_null (r.response);
  http_auth_test_result_clear (&r);

  /* No prompt context: a network error at once, nobody asked. */
  {
    g_autofree char *url2 = http_auth_demo_server_get_url (f->origin, "/open/b");
    start_url (f, url2, FALSE, &r);
    while (!r.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED);
    g_assert_cmpuint (n_prompts (f), ==, 1);
    http_auth_test_result_clear (&r);
  }
}

static void
test_https_connect (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->tls_origin, "/basic/page");
  g_autofree char *http_url = http_auth_demo_server_get_url (f->origin, "/open/x");
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  g_assert_true (g_str_has_prefix (url, "https://"));

  /* The CONNECT meets squid's 407; the proxy prompt answers it; then the
   * origin's own 401 is answered in the tunnel. */
  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "secret", FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "wonderland", FALSE);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_assert_cmpint (http_auth_prompt_get_target (prompt_at (f, 0)), ==, HTTP_AUTH_TARGET_PROXY);
  g_assert_true (http_auth_prompt_get_insecure (prompt_at (f, 0)));   /* the CONNECT's Basic, in clear */
  g_assert_cmpint (http_auth_prompt_get_target (prompt_at (f, 1)), ==, HTTP_AUTH_TARGET_SERVER);
  g_assert_false (http_auth_prompt_get_insecure (prompt_at (f, 1)));  /* inside TLS */

  /* The origin, inside the tunnel, never received Proxy-Authorization. */
  record = http_auth_demo_server_get_exchanges (f->tls_origin);
  g_assert_cmpuint (record->len, >=, 2);
  for (guint i = 0; i < record->len; i++)
    g_assert_null (((HttpAuthDemoExchange *) g_ptr_array_index (record, i))->proxy_authorization);

  /* The proxy login proven by CONNECT serves http:// too: no new prompt. */
  fetch_url (f, http_url, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  http_auth_test_result_clear (&r);
}

static void
test_https_connect_cancel (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->tls_origin, "/open/page");
  Result r = { 0 };

  http_auth_scripted_prompter_add_cancel (f->prompter);
  fetch_url (f, url, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
}

static void
test_origin_407 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/raw407/x");
  Result r = { 0 };

  /* No proxy: a 407 can only come from the origin, a network error. */
  http_auth_session_set_proxy_uri (f->session, NULL);
  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "secret", FALSE);
  fetch_url (f, url, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);
}

static void
test_two_proxies (Fixture       *f,
                  gconstpointer  data)
{
  HttpAuthTestSquid other = { 0 };
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/a");
  g_autofree char *other_uri = NULL;
  Result r = { 0 };

  http_auth_test_squid_start (&other, "othersquid", "bob", "hunter2");
  other_uri = http_auth_test_squid_uri (&other);

  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "secret", FALSE);
  fetch_url (f, url, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);

  /* Another proxy: alice's login is not offered to it; it is asked for
   * its own (bob), and each keeps its own. */
  http_auth_session_set_proxy_uri (f->session, other_uri);
  http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 2);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt_at (f, 1)), ==, "othersquid");

  /* Back to the first: its login is still there, sent at once. */
  {
    g_autofree char *first = http_auth_test_squid_uri (&f->squid);
    http_auth_session_set_proxy_uri (f->session, first);
  }
  fetch_url (f, url, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 1);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  http_auth_test_result_clear (&r);

  http_auth_test_squid_stop (&other);
}

static void
test_digest_proxy (Fixture       *f,
                   gconstpointer  data)
{
  HttpAuthTestSquid digest = { 0 };
  g_autofree char *digest_uri = NULL;
  g_autofree char *https_url = http_auth_demo_server_get_url (f->tls_origin, "/open/d");
  g_autofree char *http_url = http_auth_demo_server_get_url (f->origin, "/open/d");
  Result r = { 0 };
  g_autoptr(GPtrArray) spaces = NULL;

  http_auth_test_squid_start_full (&digest, "squiddigest", "bob", "hunter2", TRUE);
  digest_uri = http_auth_test_squid_uri (&digest);
  http_auth_session_set_proxy_uri (f->session, digest_uri);

  /* https://: the engine computes the CONNECT's Digest itself (libsoup's
   * manager is never given a proxy login). */
  http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);
  fetch_url (f, https_url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_assert_cmpstr (http_auth_prompt_get_auth_scheme (prompt_at (f, 0)), ==, "digest");
  spaces = http_auth_credential_cache_list_spaces (http_auth_session_get_credential_cache (f->session));
  g_assert_cmpuint (spaces->len, ==, 1);
  g_assert_cmpint (http_auth_protection_space_get_target (g_ptr_array_index (spaces, 0)), ==, HTTP_AUTH_TARGET_PROXY);
  g_assert_cmpstr (http_auth_protection_space_get_auth_scheme (g_ptr_array_index (spaces, 0)), ==, "digest");

  /* http://: the engine answers the proxy's Digest itself, no new prompt. */
  fetch_url (f, http_url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 1);

  http_auth_test_squid_stop (&digest);
}

static void
test_cli_proxy (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *http_url = http_auth_demo_server_get_url (f->origin, "/open/a");
  g_autofree char *https_url = http_auth_demo_server_get_url (f->tls_origin, "/open/b");
  g_autofree char *proxy = http_auth_test_squid_uri (&f->squid);
  g_autofree char *cert = g_build_filename (tls_dir, "cert.pem", NULL);
  g_autofree char *creds = g_build_filename (f->squid.dir, "creds.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *prompts;
  JsonArray *results;
  int status = 0;
  const char *argv[] = { g_getenv ("HTTP_AUTH_TOOL"), "fetch", "--proxy", proxy, "--cacert", cert,
                         "--credentials-file", creds, "--json", "-", http_url, https_url, NULL };

  /* http:// and https:// in one invocation: one coalesced proxy prompt,
   * answered from the credentials file. */
  g_assert_true (g_file_set_contents (creds, "{\"credentials\":[{\"user\":\"alice\",\"password\":\"secret\"}]}",
                                      -1, NULL));
  /* Under AddressSanitizer, LeakSanitizer's tracer itself crashes at the
   * exit of this TLS-using child (signal 11 in its stop-the-world); leaks
   * are checked in-process by the other tests, so not in this child. */
  envp = g_environ_setenv (g_get_environ (), "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("http-auth fetch said: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  prompts = json_object_get_array_member (root, "prompts");
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (prompts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (prompts, 0), "target"), ==, "proxy");
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, i), "status"), ==, 200);
  g_assert_null (strstr (out, "secret"));
}

typedef struct
{
  Fixture *f;
  guint    started;
  guint    done;
  guint    failed;
  guint    total;
  char    *url;
} Load;

static void load_next (Load *load);

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthResponse) response = http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (object),
                                                                                 result, NULL, &error);

  load->done++;
  if (response == NULL || http_auth_response_get_status (response) != 200)
    load->failed++;
  load_next (load);
}

static void
load_next (Load *load)
{
  if (load->started < load->total)
    {
      g_autofree char *url = g_strdup_printf ("%s%u", load->url, load->started++);
      g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

      http_auth_request_set_prompt_context (request, load->f->context);
      http_auth_session_send_and_read_async (load->f->session, request, NULL, load_done_cb, load);
    }
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  Load load = { f, 0, 0, 0, 10000, http_auth_demo_server_get_url (f->origin, "/open/item-") };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  /* 10,000 requests, 100 in flight at a time, through one proxy login. */
  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "secret", FALSE);
  for (guint i = 0; i < 100; i++)
    load_next (&load);
  while (load.done < load.total)
    g_main_context_iteration (NULL, TRUE);

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("10,000 requests through squid, 100 concurrent: %.1f s (%.0f req/s), %u failed, %u prompt(s)",
                  seconds, load.total / seconds, load.failed, n_prompts (f));
  g_assert_cmpuint (load.failed, ==, 0);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_free (load.url);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* A self-signed certificate for the TLS origin, trusted by the test. */
  {
    g_autofree char *cert = NULL;
    g_autofree char *key = NULL;

    tls_dir = http_auth_test_make_tmpdir ("http-auth-tls");
    cert = g_build_filename (tls_dir, "cert.pem", NULL);
    key = g_build_filename (tls_dir, "key.pem", NULL);
    {
      const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL };
      http_auth_test_run_or_die (openssl, NULL);
    }
  }

#define ADD(path, func) g_test_add ("/HttpAuth/Proxy/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("http", test_http_through_proxy);
  ADD ("http-wrong-then-right", test_http_wrong_then_right);
  ADD ("http-cancel-network-error", test_http_cancel_is_network_error);
  ADD ("https-connect", test_https_connect);
  ADD ("https-connect-cancel", test_https_connect_cancel);
  ADD ("origin-407", test_origin_407);
  ADD ("two-proxies", test_two_proxies);
  ADD ("digest", test_digest_proxy);
  ADD ("cli", test_cli_proxy);
  /* The load test is registered in the 'slow' suite only (-m slow). */
  if (g_test_slow ())
    ADD ("load-10000", test_load);
#undef ADD

  ret = g_test_run ();
  http_auth_test_remove_tree (tls_dir);
  g_free (tls_dir);

  return ret;
}
