/* test-session.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-demo-server.h"
#include "http-auth-scripted-prompter.h"
#include "http-auth-test-fetch.h"

#include <string.h>

/* The fetch engine against the demo server (a real SoupServer on its own
 * thread and main context). Every test states the Fetch behaviour it
 * checks; the server's record of what it received is the evidence. */

#define USER     "alice"
#define PASSWORD "wonderland"

typedef struct
{
  HttpAuthDemoServer       *server;
  HttpAuthSession          *session;
  HttpAuthScriptedPrompter *prompter;
  HttpAuthPromptContext    *context;
} Fixture;

typedef HttpAuthTestResult Result;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = http_auth_demo_server_new (USER, PASSWORD);
  http_auth_demo_server_start_thread (f->server, &error);
  g_assert_no_error (error);

  f->session = http_auth_session_new ();
  f->prompter = http_auth_scripted_prompter_new ();
  http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  f->context = http_auth_prompt_context_new ("http://127.0.0.1", FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->context);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->prompter));
  g_clear_pointer (&f->server, http_auth_demo_server_free);
}

static HttpAuthRequest *
make_request (Fixture    *f,
              const char *method,
              const char *path)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->server, path);
  HttpAuthRequest *request = http_auth_request_new (method, url);

  http_auth_request_set_prompt_context (request, f->context);

  return request;
}

static void
start (Fixture         *f,
       HttpAuthRequest *request,
       Result          *r)
{
  http_auth_test_send (f->session, request, NULL, r);
}

static void
run (Fixture         *f,
     HttpAuthRequest *request,
     Result          *r)
{
  start (f, request, r);
  http_auth_test_wait (r);
}

static void
fetch (Fixture    *f,
       const char *path,
       Result     *r)
{
  g_autoptr(HttpAuthRequest) request = make_request (f, "GET", path);

  run (f, request, r);
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

static gboolean
body_contains (Result     *r,
               const char *needle)
{
  return g_strstr_len (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), needle) != NULL;
}

static GPtrArray *
server_record (Fixture *f)
{
  return http_auth_demo_server_get_exchanges (f->server);
}

static guint
server_record_len (Fixture *f)
{
  g_autoptr(GPtrArray) record = server_record (f);

  return record->len;
}

static HttpAuthDemoExchange *
record_at (GPtrArray *record,
           guint      i)
{
  return g_ptr_array_index (record, i);
}

/* ---- The 401 path ---- */

static void
test_prompt_then_200 (Fixture       *f,
                      gconstpointer  data)
{
  Result r = { 0 };
  GPtrArray *exchanges;
  HttpAuthExchange *e;
  HttpAuthPrompt *prompt;

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/basic/page", &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_true (body_contains (&r, "accepted your Basic login"));
  g_assert_cmpuint (n_prompts (f), ==, 1);

  prompt = prompt_at (f, 0);
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt), ==, "HttpAuth Basic");
  g_assert_cmpstr (http_auth_prompt_get_auth_scheme (prompt), ==, "basic");
  g_assert_false (http_auth_prompt_get_retrying (prompt));
  g_assert_true (http_auth_prompt_get_insecure (prompt));
  g_assert_true (http_auth_prompt_get_context (prompt) == f->context);
  g_assert_true (g_str_has_prefix (http_auth_prompt_get_origin (prompt), "http://127.0.0.1:"));

  exchanges = http_auth_response_get_exchanges (r.response);
  g_assert_cmpuint (exchanges->len, ==, 2);
  e = g_ptr_array_index (exchanges, 0);
  g_assert_cmpuint (http_auth_exchange_get_status (e), ==, 401);
  g_assert_null (http_auth_exchange_get_auth_scheme (e));
  e = g_ptr_array_index (exchanges, 1);
  g_assert_cmpuint (http_auth_exchange_get_status (e), ==, 200);
  g_assert_cmpstr (http_auth_exchange_get_auth_scheme (e), ==, "basic");

  /* The cache now answers the next request of the space preemptively. */
  http_auth_test_result_clear (&r);
  fetch (f, "/basic/other", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 1);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
}

static void
test_wrong_three_times (Fixture       *f,
                        gconstpointer  data)
{
  Result r = { 0 };

  for (guint i = 0; i < 5; i++)
    http_auth_scripted_prompter_add_answer (f->prompter, USER, "wrong", FALSE);
  fetch (f, "/basic/page", &r);

  /* Three refusals in a row end it: the last 401, with its body. */
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_true (body_contains (&r, "needs a Basic login"));
  g_assert_cmpuint (n_prompts (f), ==, 3);
  g_assert_false (http_auth_prompt_get_retrying (prompt_at (f, 0)));
  g_assert_true (http_auth_prompt_get_retrying (prompt_at (f, 1)));
  g_assert_true (http_auth_prompt_get_retrying (prompt_at (f, 2)));
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 4);
  /* Nothing the server refused is cached. */
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (http_auth_session_get_credential_cache (f->session)), ==, 0);
  http_auth_test_result_clear (&r);
}

static void
test_wrong_then_right (Fixture       *f,
                       gconstpointer  data)
{
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, "wrong", FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/digest/sha-256/page", &r);

  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_assert_true (http_auth_prompt_get_retrying (prompt_at (f, 1)));
  g_assert_false (http_auth_prompt_get_insecure (prompt_at (f, 1)));
  http_auth_test_result_clear (&r);
}

static void
test_cancel_returns_401_body (Fixture       *f,
                              gconstpointer  data)
{
  Result r = { 0 };

  http_auth_scripted_prompter_add_cancel (f->prompter);
  fetch (f, "/basic/page", &r);

  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpstr (g_bytes_get_data (r.body, NULL), ==, "401: /basic/page needs a Basic login.\n");
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
}

static void
test_no_challenge (Fixture       *f,
                   gconstpointer  data)
{
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/no-challenge/", &r);

  /* Like a 200: the body is delivered, nobody is asked. */
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_true (body_contains (&r, "<h1>Members only</h1>"));
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);

  /* Only unknown schemes, or unusable ones, count as no challenge too. */
  fetch (f, "/raw/?www=Newauth+realm%3D%22x%22&www2=Digest+realm%3D%22r%22%2C+nonce%3D%22n%22%2C+algorithm%3DSHA-1", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);
}

static void
test_no_prompt_context (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->server, "/basic/page");
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);
  Result r = { 0 };

  /* A worker or background job: no prompt, ever. */
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  run (f, request, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);
}

static void
test_modes_that_never_prompt (Fixture       *f,
                              gconstpointer  data)
{
  Result r = { 0 };
  g_autoptr(HttpAuthRequest) omit = make_request (f, "GET", "/basic/page");
  g_autoptr(HttpAuthRequest) cors = make_request (f, "GET", "/basic/page");
  g_autoptr(HttpAuthRequest) subresource = make_request (f, "GET", "/basic/img.png");
  g_autoptr(HttpAuthRequest) same_origin_sub = make_request (f, "GET", "/basic/img.png");
  g_autofree char *other_origin = http_auth_demo_server_get_other_url (f->server, "");
  g_autofree char *own_origin = http_auth_demo_server_get_url (f->server, "");

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  http_auth_request_set_credentials_mode (omit, HTTP_AUTH_CREDENTIALS_MODE_OMIT);
  run (f, omit, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);

  http_auth_request_set_mode (cors, HTTP_AUTH_REQUEST_MODE_CORS);
  run (f, cors, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);

  /* An image requested by a page of another origin. */
  http_auth_request_set_destination (subresource, HTTP_AUTH_DESTINATION_SUBRESOURCE);
  http_auth_request_set_initiator (subresource, other_origin);
  run (f, subresource, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 0);

  /* The same image from a page of its own origin may prompt. */
  http_auth_request_set_destination (same_origin_sub, HTTP_AUTH_DESTINATION_SUBRESOURCE);
  http_auth_request_set_initiator (same_origin_sub, own_origin);
  run (f, same_origin_sub, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
}

static void
test_url_credentials (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://" USER ":" PASSWORD "@127.0.0.1:%u/basic/page",
                                          http_auth_demo_server_get_port (f->server));
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_request_set_prompt_context (request, f->context);
  run (f, request, &r);

  /* Used once, after the challenge; never sent before it. */
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 2);
  g_assert_null (record_at (record, 0)->authorization);
  g_assert_cmpstr (record_at (record, 1)->authorization, ==, "Basic YWxpY2U6d29uZGVybGFuZA==");
  {
    g_autofree char *final = g_uri_to_string (http_auth_response_get_uri (r.response));
    g_assert_null (strstr (final, "wonderland"));
  }
  http_auth_test_result_clear (&r);
}

/* ---- Bodies ---- */

static void
test_replay_1mib_body (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) request = make_request (f, "POST", "/digest/auth-int/upload");
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new (1024 * 1024);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  for (guint i = 0; i < 1024 * 1024; i++)
    {
      guint8 b = (guint8) (i * 31 + (i >> 8));
      g_byte_array_append (bytes, &b, 1);
    }
  body = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);

  http_auth_request_set_body (request, "application/octet-stream", body);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  run (f, request, &r);

  /* auth-int even hashes the body: a changed byte would be refused. */
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (record_at (record, i)->body_size, ==, 1024 * 1024);
      g_assert_cmpstr (record_at (record, i)->body_sha256, ==, sha);
    }
  g_assert_nonnull (strstr (record_at (record, 1)->authorization, "qop=auth-int"));
  http_auth_test_result_clear (&r);
}

static void
test_stream_body_is_network_error (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) request = make_request (f, "POST", "/basic/upload");
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("one-shot", 8, NULL);
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_request_set_body_stream (request, "text/plain", stream, 8);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  run (f, request, &r);

  /* Fetch: the body cannot be re-extracted, so this is a network error,
   * not a silent retry with an empty body; nobody is asked. */
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE);
  g_assert_null (r.response);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 1);
  g_assert_cmpuint (record_at (record, 0)->body_size, ==, 8);
  http_auth_test_result_clear (&r);
}

/* ---- Caller Authorization and redirects ---- */

static void
test_caller_authorization_wins (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) request = NULL;
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  /* First fill the cache with good credentials for the space. */
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  http_auth_demo_server_clear_exchanges (f->server);

  request = make_request (f, "GET", "/basic/b");
  soup_message_headers_replace (http_auth_request_get_headers (request), "Authorization", "Basic Zm9vOmJhcg==");
  run (f, request, &r);

  /* Sent byte for byte, not replaced by the cache; its 401 is final. */
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 1);
  g_assert_cmpstr (record_at (record, 0)->authorization, ==, "Basic Zm9vOmJhcg==");
  http_auth_test_result_clear (&r);
}

static void
test_redirect_cross_origin_strips (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) request = NULL;
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };
  guint other = http_auth_demo_server_get_other_port (f->server);

  /* Credentials for the first origin's /basic/ space. */
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  http_auth_demo_server_clear_exchanges (f->server);

  /* A caller Authorization and cached credentials; the redirect goes to
   * the same path on another origin, with no prompt allowed. */
  request = make_request (f, "GET", "/redirect/?to=/basic/a&cross=1");
  http_auth_request_set_prompt_context (request, NULL);
  soup_message_headers_replace (http_auth_request_get_headers (request), "Authorization", "Basic Y2FsbGVyOnNldA==");
  run (f, request, &r);

  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 2);
  g_assert_cmpstr (record_at (record, 0)->authorization, ==, "Basic Y2FsbGVyOnNldA==");
  g_assert_cmpuint (record_at (record, 1)->port, ==, other);
  g_assert_null (record_at (record, 1)->authorization);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (g_uri_get_port (http_auth_response_get_uri (r.response)), ==, other);
  http_auth_test_result_clear (&r);
}

static void
test_redirect_same_origin_keeps (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) request = NULL;
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  request = make_request (f, "GET", "/redirect/?to=/basic/b");
  soup_message_headers_replace (http_auth_request_get_headers (request), "Authorization",
                                "Basic YWxpY2U6d29uZGVybGFuZA==");
  run (f, request, &r);

  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 2);
  g_assert_cmpstr (record_at (record, 1)->path, ==, "/basic/b");
  g_assert_cmpstr (record_at (record, 1)->authorization, ==, "Basic YWxpY2U6d29uZGVybGFuZA==");
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, 2);
  http_auth_test_result_clear (&r);
}

static void
test_redirect_modes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) error_mode = make_request (f, "GET", "/redirect/?to=/open/");
  g_autoptr(HttpAuthRequest) manual = make_request (f, "GET", "/redirect/?to=/open/");
  g_autoptr(HttpAuthRequest) post303 = make_request (f, "POST", "/redirect/?to=/open/x&code=303");
  g_autoptr(GBytes) body = g_bytes_new_static ("a=b", 3);
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_request_set_redirect_mode (error_mode, HTTP_AUTH_REDIRECT_MODE_ERROR);
  run (f, error_mode, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED);
  http_auth_test_result_clear (&r);

  http_auth_request_set_redirect_mode (manual, HTTP_AUTH_REDIRECT_MODE_MANUAL);
  run (f, manual, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (http_auth_response_get_headers (r.response), "Location"),
                   ==, "/open/");
  http_auth_test_result_clear (&r);

  http_auth_request_set_body (post303, "application/x-www-form-urlencoded", body);
  run (f, post303, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  record = server_record (f);
  g_assert_cmpstr (record_at (record, record->len - 1)->method, ==, "GET");
  g_assert_cmpuint (record_at (record, record->len - 1)->body_size, ==, 0);
  http_auth_test_result_clear (&r);
}

/* ---- Digest ---- */

static void
test_digest_nonce_reuse (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = g_strdup_printf ("/digest/sha-512-256/%u", i);

      fetch (f, path, &r);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      http_auth_test_result_clear (&r);
    }

  /* One 401 in all: later requests reuse the nonce with nc 2, 3, 4. */
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 5);
  g_assert_cmpuint (record_at (record, 0)->status, ==, 401);
  for (guint i = 1; i < 5; i++)
    {
      g_autofree char *nc = g_strdup_printf ("nc=%08x", i);

      g_assert_cmpuint (record_at (record, i)->status, ==, 200);
      g_assert_nonnull (strstr (record_at (record, i)->authorization, nc));
      g_assert_nonnull (strstr (record_at (record, i)->authorization, "algorithm=SHA-512-256"));
    }
  g_assert_cmpuint (n_prompts (f), ==, 1);
}

static void
test_digest_stale (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/digest/sha-256/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);

  /* The server forgets its nonces: stale=true, retried once, no prompt. */
  http_auth_digest_verifier_expire_nonces (http_auth_demo_server_get_verifier (f->server, "/digest/sha-256/"));
  http_auth_demo_server_clear_exchanges (f->server);
  fetch (f, "/digest/sha-256/b", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 1);

  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 2);
  g_assert_cmpuint (record_at (record, 0)->status, ==, 401);
  g_assert_cmpuint (record_at (record, 1)->status, ==, 200);
  g_assert_nonnull (strstr (record_at (record, 1)->authorization, "nc=00000001"));
  http_auth_test_result_clear (&r);
}

static void
test_digest_nextnonce (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) record = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/digest/nextnonce/a", &r);
  http_auth_test_result_clear (&r);
  fetch (f, "/digest/nextnonce/b", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);

  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 3);
  first = http_auth_challenge_parse (record_at (record, 1)->authorization, NULL);
  second = http_auth_challenge_parse (record_at (record, 2)->authorization, NULL);
  /* The second request uses the nextnonce, with its count starting at 1. */
  g_assert_cmpstr (http_auth_challenge_lookup_param (g_ptr_array_index (first, 0), "nonce"), !=,
                   http_auth_challenge_lookup_param (g_ptr_array_index (second, 0), "nonce"));
  g_assert_cmpstr (http_auth_challenge_lookup_param (g_ptr_array_index (second, 0), "nc"), ==, "00000001");
}

static void
test_digest_bad_rspauth (Fixture       *f,
                         gconstpointer  data)
{
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/digest/bad-rspauth/a", &r);

  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED);
  g_assert_null (r.response);
  http_auth_test_result_clear (&r);
}

static void
test_digest_domain_preemptive (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/digest/domain/a", &r);
  http_auth_test_result_clear (&r);

  /* /shared/ is listed in domain=: credentials go there before any 401;
   * /open/ is not: nothing is sent there. */
  http_auth_demo_server_clear_exchanges (f->server);
  fetch (f, "/shared/x", &r);
  http_auth_test_result_clear (&r);
  fetch (f, "/open/x", &r);
  http_auth_test_result_clear (&r);
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 2);
  g_assert_true (g_str_has_prefix (record_at (record, 0)->authorization, "Digest "));
  g_assert_null (record_at (record, 1)->authorization);
}

/* ---- The cache ---- */

static void
test_cache_paths_and_realms (Fixture       *f,
                             gconstpointer  data)
{
  HttpAuthCredentialCache *cache = http_auth_session_get_credential_cache (f->session);
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  /* Two realms on one host: two protection spaces, two prompts. */
  fetch (f, "/realm-a/x", &r);
  http_auth_test_result_clear (&r);
  fetch (f, "/realm-b/x", &r);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt_at (f, 0)), ==, "Realm A");
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt_at (f, 1)), ==, "Realm B");
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 2);

  /* Each answers its own directory preemptively; a parent path does not. */
  http_auth_demo_server_clear_exchanges (f->server);
  fetch (f, "/realm-a/deeper/y", &r);
  http_auth_test_result_clear (&r);
  fetch (f, "/open/", &r);
  http_auth_test_result_clear (&r);
  record = server_record (f);
  g_assert_nonnull (record_at (record, 0)->authorization);
  g_assert_null (record_at (record, 1)->authorization);

  /* Clear the site: the next request asks again. */
  g_assert_cmpuint (http_auth_credential_cache_clear_site (cache, "127.0.0.1"), ==, 2);
  http_auth_scripted_prompter_add_cancel (f->prompter);
  fetch (f, "/realm-a/x", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (n_prompts (f), ==, 3);
  http_auth_test_result_clear (&r);
}

static void
test_ephemeral_isolated (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(HttpAuthPromptContext) private_tab = http_auth_prompt_context_new ("http://127.0.0.1", TRUE);
  g_autoptr(HttpAuthPromptContext) other_site = http_auth_prompt_context_new ("https://other.example", FALSE);
  g_autoptr(HttpAuthRequest) private_request = make_request (f, "GET", "/basic/x");
  g_autoptr(HttpAuthRequest) other_request = make_request (f, "GET", "/basic/x");
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, "/basic/x", &r);
  http_auth_test_result_clear (&r);

  /* A private tab does not see the normal tab's login: it is asked (and
   * cancels); nor does a tab on another top-level site (partitioning). */
  http_auth_scripted_prompter_add_cancel (f->prompter);
  http_auth_scripted_prompter_add_cancel (f->prompter);
  http_auth_request_set_prompt_context (private_request, private_tab);
  run (f, private_request, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);
  http_auth_request_set_prompt_context (other_request, other_site);
  run (f, other_request, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 3);
}

static void
test_header_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) path = g_string_new ("/raw/?www=Basic+realm%3D%22");
  Result r = { 0 };

  for (guint i = 0; i < 2000; i++)
    g_string_append (path, "x");
  g_string_append (path, "%22");

  http_auth_session_set_max_field_size (f->session, 1024);
  fetch (f, path->str, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_HEADER_TOO_LARGE);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);
}

/* ---- The prompt broker ---- */

static void
test_coalesce_and_verify_once (Fixture       *f,
                               gconstpointer  data)
{
  Result results[20] = { { 0 } };
  g_autoptr(GPtrArray) record = NULL;
  guint authorized = 0;

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, "wrong", FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *path = g_strdup_printf ("/basic/%u/page", i);
      g_autoptr(HttpAuthRequest) request = make_request (f, "GET", path);
      start (f, request, &results[i]);
    }

  /* Wait until every request has its 401 and waits on the one prompt. */
  while (http_auth_scripted_prompter_get_n_pending (f->prompter) == 0 ||
         server_record_len (f) < G_N_ELEMENTS (results))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_prompts (f), ==, 1);

  /* A wrong answer: one request verifies it, fails, and asks again; the
   * others keep waiting and send nothing. */
  http_auth_demo_server_clear_exchanges (f->server);
  http_auth_scripted_prompter_release (f->prompter);
  while (http_auth_scripted_prompter_get_n_pending (f->prompter) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_assert_true (http_auth_prompt_get_retrying (prompt_at (f, 1)));
  record = server_record (f);
  g_assert_cmpuint (record->len, ==, 1);
  g_clear_pointer (&record, g_ptr_array_unref);

  http_auth_scripted_prompter_release (f->prompter);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      http_auth_test_wait (&results[i]);
      g_assert_cmpuint (http_auth_response_get_status (results[i].response), ==, 200);
      http_auth_test_result_clear (&results[i]);
    }

  /* Exactly one authorized request per logical request. */
  record = server_record (f);
  for (guint i = 0; i < record->len; i++)
    if (record_at (record, i)->status == 200)
      authorized++;
  g_assert_cmpuint (authorized, ==, G_N_ELEMENTS (results));
  g_assert_cmpuint (record->len, ==, 1 + G_N_ELEMENTS (results));
  g_assert_cmpuint (n_prompts (f), ==, 2);
}

static void
test_waiter_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) first = make_request (f, "GET", "/basic/1/page");
  g_autoptr(HttpAuthRequest) second = make_request (f, "GET", "/basic/2/page");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r1 = { 0 };
  Result r2 = { 0 };

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  start (f, first, &r1);
  http_auth_test_send (f->session, second, cancellable, &r2);
  while (http_auth_scripted_prompter_get_n_pending (f->prompter) == 0 || server_record_len (f) < 2)
    g_main_context_iteration (NULL, TRUE);

  /* The waiting request is cancelled: it ends at once, the prompt stays. */
  g_cancellable_cancel (cancellable);
  http_auth_test_wait (&r2);
  g_assert_error (r2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (r1.done);
  g_assert_cmpuint (http_auth_scripted_prompter_get_n_pending (f->prompter), ==, 1);

  http_auth_scripted_prompter_release (f->prompter);
  http_auth_test_wait (&r1);
  g_assert_cmpuint (http_auth_response_get_status (r1.response), ==, 200);
  http_auth_test_result_clear (&r1);
  http_auth_test_result_clear (&r2);
}

static void
test_suppress_on_cancel (Fixture       *f,
                         gconstpointer  data)
{
  Result r = { 0 };

  http_auth_scripted_prompter_add_cancel (f->prompter);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);

  /* A script looping on 401 cannot bring the prompt back. */
  for (guint i = 0; i < 10; i++)
    {
      fetch (f, "/digest/md5/loop", &r);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
      g_assert_true (body_contains (&r, "needs a Digest MD5 login"));
      http_auth_test_result_clear (&r);
    }
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_assert_true (http_auth_prompt_context_is_suppressed (f->context, "http://127.0.0.1"));

  /* Another tab is not affected... */
  {
    g_autoptr(HttpAuthPromptContext) tab2 = http_auth_prompt_context_new ("http://127.0.0.1", FALSE);
    g_assert_false (http_auth_prompt_context_is_suppressed (tab2, "http://127.0.0.1"));
  }

  /* ...and a user navigation in this one lifts it. */
  http_auth_prompt_context_user_navigated (f->context);
  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  http_auth_test_result_clear (&r);
}

static void
test_abuse_limit (Fixture       *f,
                  gconstpointer  data)
{
  Result r = { 0 };

  /* Two prompts in a row that went away unanswered suppress like a
   * cancel; one alone does not. */
  http_auth_scripted_prompter_add_dismiss (f->prompter);
  http_auth_scripted_prompter_add_dismiss (f->prompter);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);
  g_assert_false (http_auth_prompt_context_is_suppressed (f->context, "http://127.0.0.1"));

  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);
  g_assert_true (http_auth_prompt_context_is_suppressed (f->context, "http://127.0.0.1"));

  fetch (f, "/basic/a", &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  http_auth_test_result_clear (&r);
  g_assert_cmpuint (n_prompts (f), ==, 2);
}

static void
test_close_context (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HttpAuthRequest) request = make_request (f, "GET", "/basic/a");
  g_autoptr(HttpAuthRequest) later = make_request (f, "GET", "/basic/a");
  Result r = { 0 };

  /* Closing the tab ends its open prompt; the request gets its 401, and
   * the closed tab never prompts again. */
  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  start (f, request, &r);
  while (http_auth_scripted_prompter_get_n_pending (f->prompter) == 0)
    g_main_context_iteration (NULL, TRUE);

  http_auth_prompt_context_close (f->context);
  http_auth_test_wait (&r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (http_auth_scripted_prompter_get_n_pending (f->prompter), ==, 0);
  http_auth_test_result_clear (&r);

  run (f, later, &r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
}

/* ---- 1000 concurrent requests ---- */

static void
test_thousand_concurrent (Fixture       *f,
                          gconstpointer  data)
{
  const guint n = 1000;
  Result *results = g_new0 (Result, n);
  g_autoptr(GPtrArray) record = NULL;
  guint authorized = 0;
  guint unauthenticated = 0;
  guint refused = 0;
  g_autoptr(GHashTable) authorized_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Enough connections for the load; the engine sits on any SoupSession. */
  {
    g_autoptr(SoupSession) soup = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64, NULL);

    g_assert_finalize_object (g_steal_pointer (&f->session));
    f->session = http_auth_session_new_for_soup_session (soup);
    http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  }
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/digest/sha-256/%u", i);
      g_autoptr(HttpAuthRequest) request = make_request (f, "GET", path);
      start (f, request, &results[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      http_auth_test_wait (&results[i]);
      g_assert_no_error (results[i].error);
      g_assert_cmpuint (http_auth_response_get_status (results[i].response), ==, 200);
      http_auth_test_result_clear (&results[i]);
    }
  g_free (results);

  record = server_record (f);
  for (guint i = 0; i < record->len; i++)
    {
      HttpAuthDemoExchange *e = record_at (record, i);

      if (e->authorization != NULL)
        {
          authorized++;
          if (e->status == 200)
            g_assert_true (g_hash_table_add (authorized_paths, g_strdup (e->path)));
          else
            refused++;
        }
      else
        unauthenticated++;
    }

  /* The first request asks; the others wait for it (one directory) and
   * then send the accepted login up front, sharing its nonce: a count that
   * arrives out of order is refused by the server (RFC 7616 replay check)
   * and sent once more with that 401's own nonce, never asked for. */
  g_test_message ("1000 concurrent: %u prompt(s), %u authorized requests (%u refused by the nonce-count check "
                  "and sent again), %u unauthenticated",
                  n_prompts (f), authorized, refused, unauthenticated);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_assert_cmpuint (g_hash_table_size (authorized_paths), ==, n);
  g_assert_cmpuint (authorized, ==, n + refused);
  g_assert_cmpuint (unauthenticated, >=, 1);
  g_assert_cmpuint (unauthenticated + refused, <=, n);
}

/* 100 requests to one Digest realm, 20 in flight, on the default
 * SoupSession (2 connections per host): the ones that wait for a
 * connection take the first answer from the cache when they start,
 * instead of each paying a 401 (issue 16's "one 401 per space"). */
static void
test_wave_one_401 (Fixture       *f,
                   gconstpointer  data)
{
  const guint n = 100, in_flight = 20;
  Result *results = g_new0 (Result, n);
  g_autoptr(GPtrArray) record = NULL;
  g_autoptr(GHashTable) authorized_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint unauthenticated = 0, authorized = 0, refused = 0;

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  for (guint i = 0; i < n + in_flight; i++)
    {
      if (i < n)
        {
          g_autofree char *path = g_strdup_printf ("/digest/sha-256/wave-%u", i);
          g_autoptr(HttpAuthRequest) request = make_request (f, "GET", path);

          start (f, request, &results[i]);
        }
      if (i >= in_flight)
        {
          http_auth_test_wait (&results[i - in_flight]);
          g_assert_no_error (results[i - in_flight].error);
          g_assert_cmpuint (http_auth_response_get_status (results[i - in_flight].response), ==, 200);
          http_auth_test_result_clear (&results[i - in_flight]);
        }
    }
  g_free (results);

  record = server_record (f);
  for (guint i = 0; i < record->len; i++)
    {
      HttpAuthDemoExchange *e = record_at (record, i);

      if (e->authorization != NULL)
        {
          authorized++;
          if (e->status == 200)
            g_assert_true (g_hash_table_add (authorized_paths, g_strdup (e->path)));
          else
            refused++;
        }
      else
        unauthenticated++;
    }
  g_test_message ("100 GETs, 20 in flight, 2 connections: %u prompt(s), %u 401s, %u authorized (%u refused by "
                  "the nonce-count check and sent again)", n_prompts (f), unauthenticated, authorized, refused);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_assert_cmpuint (g_hash_table_size (authorized_paths), ==, n);
  /* Each request once with the login; over two connections a request's
   * nonce count may reach the server after the next one's, which it
   * refuses as a replay (RFC 7616): that request is sent once more
   * (seen under valgrind in CI: 1 of 100). */
  g_assert_cmpuint (authorized, ==, n + refused);
  g_assert_cmpuint (refused, <=, n / 10);
  /* At most one per connection libsoup opens to the host. */
  g_assert_cmpuint (unauthenticated, <=, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/HttpAuth/Session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("prompt-then-200", test_prompt_then_200);
  ADD ("wrong-three-times", test_wrong_three_times);
  ADD ("wrong-then-right", test_wrong_then_right);
  ADD ("cancel-returns-401-body", test_cancel_returns_401_body);
  ADD ("no-challenge", test_no_challenge);
  ADD ("no-prompt-context", test_no_prompt_context);
  ADD ("modes-that-never-prompt", test_modes_that_never_prompt);
  ADD ("url-credentials", test_url_credentials);
  ADD ("replay-1mib-body", test_replay_1mib_body);
  ADD ("stream-body-network-error", test_stream_body_is_network_error);
  ADD ("caller-authorization-wins", test_caller_authorization_wins);
  ADD ("redirect-cross-origin-strips", test_redirect_cross_origin_strips);
  ADD ("redirect-same-origin-keeps", test_redirect_same_origin_keeps);
  ADD ("redirect-modes", test_redirect_modes);
  ADD ("digest-nonce-reuse", test_digest_nonce_reuse);
  ADD ("digest-stale", test_digest_stale);
  ADD ("digest-nextnonce", test_digest_nextnonce);
  ADD ("digest-bad-rspauth", test_digest_bad_rspauth);
  ADD ("digest-domain-preemptive", test_digest_domain_preemptive);
  ADD ("cache-paths-and-realms", test_cache_paths_and_realms);
  ADD ("ephemeral-isolated", test_ephemeral_isolated);
  ADD ("header-too-large", test_header_too_large);
  ADD ("coalesce-and-verify-once", test_coalesce_and_verify_once);
  ADD ("waiter-cancelled", test_waiter_cancelled);
  ADD ("suppress-on-cancel", test_suppress_on_cancel);
  ADD ("abuse-limit", test_abuse_limit);
  ADD ("close-context", test_close_context);
  ADD ("thousand-concurrent", test_thousand_concurrent);
  ADD ("wave-one-401", test_wave_one_401);
#undef ADD

  return g_test_run ();
}
