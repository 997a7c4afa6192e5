/* test-review.c
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
#include "http-auth-test-raw-server.h"
#include "http-auth-transaction-private.h"

#include <string.h>
#include <sys/resource.h>

/* The findings of the engine's adversarial review, each replayed on
 * loopback against hostile peers (tests/support/http-auth-test-raw-server)
 * and the demo server: every test here failed (crashed, leaked a
 * credential, looped or hung) on the engine before it was split into
 * rooms. */

#define USER     "alice"
#define PASSWORD "wonderland"

typedef struct
{
  HttpAuthDemoServer       *origin;
  HttpAuthSession          *session;
  HttpAuthScriptedPrompter *prompter;
  HttpAuthPromptContext    *context;
  GProxyResolver           *resolver;
} Fixture;

typedef HttpAuthTestResult Result;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->origin = http_auth_demo_server_new (USER, PASSWORD);
  http_auth_demo_server_start_thread (f->origin, &error);
  g_assert_no_error (error);

  f->session = http_auth_session_new ();
  f->prompter = http_auth_scripted_prompter_new ();
  http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  f->context = http_auth_prompt_context_new ("http://127.0.0.1", FALSE);
  f->resolver = http_auth_test_resolver_new ();
  http_auth_session_set_proxy_resolver (f->session, f->resolver);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->context);
  if (f->session != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->prompter));
  g_clear_object (&f->resolver);
  g_clear_pointer (&f->origin, http_auth_demo_server_free);
}

static void
run_url (Fixture      *f,
         const char   *url,
         GCancellable *cancellable,
         Result       *r)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

  http_auth_request_set_prompt_context (request, f->context);
  http_auth_test_send (f->session, request, cancellable, r);
}

static void
fetch_url (Fixture    *f,
           const char *url,
           Result     *r)
{
  run_url (f, url, NULL, r);
  http_auth_test_wait (r);
}

static guint
n_prompts (Fixture *f)
{
  return http_auth_scripted_prompter_get_prompts (f->prompter)->len;
}

static void
wait_pending (Fixture *f,
              guint    n)
{
  while (http_auth_scripted_prompter_get_n_pending (f->prompter) < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
set_route (Fixture    *f,
           guint       port,
           const char *first,
           const char *second)
{
  const char *list[] = { first, second, NULL };

  http_auth_test_resolver_set (f->resolver, port, list);
}

static char *
proxy_uri (HttpAuthRawServer *proxy)
{
  return g_strdup_printf ("http://127.0.0.1:%u", http_auth_raw_server_get_port (proxy));
}

static char *
dead_port_uri (const char *scheme)
{
  /* A port nothing listens on: bound, then closed. */
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_strdup_printf ("%s://127.0.0.1:%u", scheme, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static char *
basic (const char *user,
       const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strdup_printf ("Basic %s", encoded);
}

/* ---- Hostile proxies ---- */

/* A proxy with one login: anything else is asked for with 407 (a CONNECT
 * it accepts gets 200 and then nothing: the TLS handshake fails, which is
 * enough to see what it was sent). */
typedef struct
{
  const char *realm;
  char       *expected;     /* the Proxy-Authorization it accepts */
  gboolean    flip;         /* a new realm for every 407 */
} ProxyScript;

static void
proxy_handler (const HttpAuthRawRequest *request,
               HttpAuthRawResponse      *response,
               gpointer                  user_data)
{
  ProxyScript *script = user_data;

  if (!script->flip && g_strcmp0 (request->proxy_authorization, script->expected) == 0)
    {
      response->status = 200;
      response->close = g_str_equal (request->method, "CONNECT");
      if (!response->close)
        response->body = g_bytes_new_static ("through the proxy\n", 18);
      return;
    }

  response->status = 407;
  if (script->flip)
    http_auth_raw_response_add_header (response, "Proxy-Authenticate: Basic realm=\"%s %u\"", script->realm,
                                       request->index);
  else
    http_auth_raw_response_add_header (response, "Proxy-Authenticate: Basic realm=\"%s\"", script->realm);
  response->body = g_bytes_new_static ("proxy says no\n", 14);
}

static gboolean
any_request_carries (HttpAuthRawServer *server,
                     const char        *proxy_authorization)
{
  g_autoptr(GPtrArray) requests = http_auth_raw_server_dup_requests (server);

  for (guint i = 0; i < requests->len; i++)
    {
      HttpAuthRawRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (request->proxy_authorization, proxy_authorization) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_connect_prompt_cancelled_then_answered (Fixture       *f,
                                             gconstpointer  data)
{
  ProxyScript script = { "connect", basic ("bob", "hunter2"), FALSE };
  g_autoptr(HttpAuthRawServer) proxy = http_auth_raw_server_new (proxy_handler, &script);
  g_autofree char *uri = proxy_uri (proxy);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result asker = { 0 };
  Result other = { 0 };

  g_test_summary ("Finding 1: an https:// request cancelled while its CONNECT's proxy prompt is open, then the "
                  "prompt answered: no use of freed memory, the other request uses the answer");

  set_route (f, 0, uri, NULL);
  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);

  run_url (f, "https://127.0.0.1:9/a", cancellable, &asker);
  run_url (f, "https://127.0.0.1:9/b", NULL, &other);
  wait_pending (f, 1);
  while (http_auth_raw_server_get_n_requests (proxy) < 2)
    g_main_context_iteration (NULL, TRUE);
  spin (300);   /* the second request joins the question */

  g_cancellable_cancel (cancellable);
  http_auth_test_wait (&asker);
  g_assert_error (asker.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The question stays for the other request; the answer reaches it. */
  http_auth_scripted_prompter_release (f->prompter);
  http_auth_test_wait (&other);
  g_assert_nonnull (other.error);
  g_assert_false (g_error_matches (other.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_false (g_error_matches (other.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED));
  g_assert_true (any_request_carries (proxy, script.expected));
  g_assert_cmpuint (n_prompts (f), ==, 1);

  http_auth_test_result_clear (&asker);
  http_auth_test_result_clear (&other);
  g_free (script.expected);
}

/* Logs in to @proxy (an http:// request through it), as the user would. */
static void
log_in_to_proxy (Fixture    *f,
                 const char *url,
                 const char *user,
                 const char *password)
{
  Result r = { 0 };

  http_auth_scripted_prompter_add_answer (f->prompter, user, password, FALSE);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body), "through the proxy\n", 18);
  http_auth_test_result_clear (&r);
}

static void
test_proxy_then_direct (Fixture       *f,
                        gconstpointer  data)
{
  ProxyScript script = { "proxy A", basic ("bob", "hunter2"), FALSE };
  g_autoptr(HttpAuthRawServer) proxy = http_auth_raw_server_new (proxy_handler, &script);
  g_autofree char *uri = proxy_uri (proxy);
  g_autofree char *open_a = http_auth_demo_server_get_url (f->origin, "/open/a");
  g_autofree char *open_b = http_auth_demo_server_get_url (f->origin, "/open/b");
  g_autofree char *raw407 = http_auth_demo_server_get_url (f->origin, "/raw407/");
  g_autoptr(GPtrArray) record = NULL;
  Result r = { 0 };

  g_test_summary ("Finding 2: with 'PROXY a; DIRECT' and A down, the origin never receives A's "
                  "Proxy-Authorization, and an origin's 407 on the direct route is a network error, not a "
                  "prompt in the proxy's name");

  set_route (f, http_auth_demo_server_get_port (f->origin), uri, "direct://");
  log_in_to_proxy (f, open_a, "bob", "hunter2");
  g_assert_cmpuint (n_prompts (f), ==, 1);

  /* A goes down: libsoup falls back to DIRECT for the next connection. */
  http_auth_raw_server_stop (proxy);
  http_auth_demo_server_clear_exchanges (f->origin);
  fetch_url (f, open_b, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  record = http_auth_demo_server_get_exchanges (f->origin);
  g_assert_cmpuint (record->len, ==, 1);
  g_assert_null (((HttpAuthDemoExchange *) g_ptr_array_index (record, 0))->proxy_authorization);

  fetch_url (f, raw407, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
  g_free (script.expected);
}

static void
test_socks_route (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *socks = dead_port_uri ("socks5");
  g_autofree char *raw407 = http_auth_demo_server_get_url (f->origin, "/raw407/");
  Result r = { 0 };

  g_test_summary ("Finding 2: a 407 on a SOCKS or direct route is UNEXPECTED_PROXY_AUTH, with no prompt");

  set_route (f, 0, socks, "direct://");
  http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);
  fetch_url (f, raw407, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);
}

static void
test_proxy_fallback_to_other_proxy (Fixture       *f,
                                    gconstpointer  data)
{
  ProxyScript script_a = { "proxy A", basic ("bob", "hunter2"), FALSE };
  ProxyScript script_b = { "proxy B", basic ("carol", "letmein"), FALSE };
  g_autoptr(HttpAuthRawServer) a = http_auth_raw_server_new (proxy_handler, &script_a);
  g_autoptr(HttpAuthRawServer) b = http_auth_raw_server_new (proxy_handler, &script_b);
  g_autofree char *uri_a = proxy_uri (a);
  g_autofree char *uri_b = proxy_uri (b);
  g_autofree char *open_a = http_auth_demo_server_get_url (f->origin, "/open/a");
  g_autofree char *open_b = http_auth_demo_server_get_url (f->origin, "/open/b");
  g_autofree char *b_origin = NULL;
  HttpAuthPrompt *prompt;

  g_test_summary ("Finding 2: with 'PROXY a; PROXY b' and A down, B never receives A's Proxy-Authorization; "
                  "its prompt names B");

  set_route (f, 0, uri_a, uri_b);
  log_in_to_proxy (f, open_a, "bob", "hunter2");
  http_auth_raw_server_stop (a);

  log_in_to_proxy (f, open_b, "carol", "letmein");
  g_assert_false (any_request_carries (b, script_a.expected));
  g_assert_cmpuint (n_prompts (f), ==, 2);
  prompt = g_ptr_array_index (http_auth_scripted_prompter_get_prompts (f->prompter), 1);
  b_origin = g_strdup_printf ("127.0.0.1:%u", http_auth_raw_server_get_port (b));
  g_assert_nonnull (strstr (http_auth_prompt_get_origin (prompt), b_origin));
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt), ==, "proxy B");
  g_assert_false (http_auth_prompt_get_retrying (prompt));
  g_free (script_a.expected);
  g_free (script_b.expected);
}

static void
test_two_proxies_connect (Fixture       *f,
                          gconstpointer  data)
{
  ProxyScript script_a = { "proxy A", basic ("bob", "hunter2"), FALSE };
  ProxyScript script_b = { "proxy B", basic ("carol", "letmein"), FALSE };
  g_autoptr(HttpAuthRawServer) a = http_auth_raw_server_new (proxy_handler, &script_a);
  g_autoptr(HttpAuthRawServer) b = http_auth_raw_server_new (proxy_handler, &script_b);
  g_autofree char *uri_a = proxy_uri (a);
  g_autofree char *uri_b = proxy_uri (b);
  HttpAuthPrompt *prompt;
  Result r = { 0 };

  g_test_summary ("Finding 4: proxy A's login never goes into the CONNECT sent to proxy B (libsoup's manager "
                  "keeps one proxy login per session)");

  set_route (f, 4431, uri_a, NULL);
  set_route (f, 4432, uri_b, NULL);

  http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);
  fetch_url (f, "https://127.0.0.1:4431/", &r);
  g_assert_nonnull (r.error);
  g_assert_false (g_error_matches (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED));
  http_auth_test_result_clear (&r);
  g_assert_true (any_request_carries (a, script_a.expected));

  http_auth_scripted_prompter_add_answer (f->prompter, "carol", "letmein", FALSE);
  fetch_url (f, "https://127.0.0.1:4432/", &r);
  g_assert_false (g_error_matches (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED));
  http_auth_test_result_clear (&r);
  g_assert_false (any_request_carries (b, script_a.expected));
  g_assert_true (any_request_carries (b, script_b.expected));
  g_assert_cmpuint (n_prompts (f), ==, 2);
  prompt = g_ptr_array_index (http_auth_scripted_prompter_get_prompts (f->prompter), 1);
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt), ==, "proxy B");
  g_assert_false (http_auth_prompt_get_retrying (prompt));

  /* Back to A: its own login, at once, and B's never. */
  fetch_url (f, "https://127.0.0.1:4431/again", &r);
  http_auth_test_result_clear (&r);
  g_assert_false (any_request_carries (a, script_b.expected));
  g_assert_cmpuint (n_prompts (f), ==, 2);
  g_free (script_a.expected);
  g_free (script_b.expected);
}

/* ---- Hostile origins ---- */

static void
flipping_origin_handler (const HttpAuthRawRequest *request,
                         HttpAuthRawResponse      *response,
                         gpointer                  user_data)
{
  response->status = 401;
  http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"flip %u\"", request->index);
  response->body = g_bytes_new_static ("flip\n", 5);
}

static void
test_realm_flipping_server (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (flipping_origin_handler, NULL);
  g_autofree char *url = http_auth_raw_server_get_url (server, "/flip");
  Result r = { 0 };

  g_test_summary ("Finding 5: a server that changes its realm on every 401 cannot loop a request: at most "
                  "10 requests, then the last 401 is the response");

  for (guint i = 0; i < 30; i++)
    http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (http_auth_raw_server_get_n_requests (server), ==, HTTP_AUTH_TRANSACTION_MAX_ROUND_TRIPS);
  g_assert_cmpuint (http_auth_response_get_exchanges (r.response)->len, ==, HTTP_AUTH_TRANSACTION_MAX_ROUND_TRIPS);
  http_auth_test_result_clear (&r);
}

static void
test_realm_flipping_proxy (Fixture       *f,
                           gconstpointer  data)
{
  ProxyScript script = { "flip", NULL, TRUE };
  g_autoptr(HttpAuthRawServer) proxy = http_auth_raw_server_new (proxy_handler, &script);
  g_autofree char *uri = proxy_uri (proxy);
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/flip");
  Result r = { 0 };

  g_test_summary ("Finding 5: a proxy that changes its realm on every 407 cannot loop a request: at most 10 "
                  "requests, then a network error");

  set_route (f, 0, uri, NULL);
  for (guint i = 0; i < 30; i++)
    http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);
  fetch_url (f, url, &r);
  g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED);
  g_assert_cmpuint (http_auth_raw_server_get_n_requests (proxy), ==, HTTP_AUTH_TRANSACTION_MAX_ROUND_TRIPS);
  http_auth_test_result_clear (&r);
}

static void
realms_handler (const HttpAuthRawRequest *request,
                HttpAuthRawResponse      *response,
                gpointer                  user_data)
{
  response->status = 401;
  http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"%s\"", request->target);
  response->body = g_bytes_new_static ("members only\n", 13);
}

static void
test_queued_realms_then_cancel (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (realms_handler, NULL);
  Result results[10] = { { 0 } };

  g_test_summary ("Finding 6: ten questions of one site queued in a tab, the user cancels the first: the "
                  "other nine are never shown, every request gets its 401");

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_cancel (f->prompter);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *path = g_strdup_printf ("/realm-%u/page", i);
      g_autofree char *url = http_auth_raw_server_get_url (server, path);

      run_url (f, url, NULL, &results[i]);
    }
  wait_pending (f, G_N_ELEMENTS (results));

  /* One answer: the cancel of the first question. */
  http_auth_scripted_prompter_release (f->prompter);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      http_auth_test_wait (&results[i]);
      g_assert_no_error (results[i].error);
      g_assert_cmpuint (http_auth_response_get_status (results[i].response), ==, 401);
      g_assert_cmpmem (g_bytes_get_data (results[i].body, NULL), g_bytes_get_size (results[i].body),
                       "members only\n", 13);
      http_auth_test_result_clear (&results[i]);
    }
  g_assert_cmpuint (http_auth_scripted_prompter_get_n_pending (f->prompter), ==, 0);
  g_assert_cmpuint (http_auth_raw_server_get_n_requests (server), ==, G_N_ELEMENTS (results));
}

static void
test_proxy_prompt_suppressed (Fixture       *f,
                              gconstpointer  data)
{
  ProxyScript script = { "proxy", basic ("bob", "hunter2"), FALSE };
  g_autoptr(HttpAuthRawServer) proxy = http_auth_raw_server_new (proxy_handler, &script);
  g_autofree char *uri = proxy_uri (proxy);
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/p");
  Result r = { 0 };

  g_test_summary ("Finding 6: a cancelled proxy prompt suppresses that proxy's prompts in the tab");

  set_route (f, 0, uri, NULL);
  http_auth_scripted_prompter_add_cancel (f->prompter);
  http_auth_scripted_prompter_add_answer (f->prompter, "bob", "hunter2", FALSE);
  for (guint i = 0; i < 3; i++)
    {
      fetch_url (f, url, &r);
      g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED);
      http_auth_test_result_clear (&r);
    }
  g_assert_cmpuint (n_prompts (f), ==, 1);
  g_free (script.expected);
}

/* /seven: realm "one" until the user's "one" login, which this server
 * answers with realm "two"; the "two" login is accepted. */
static void
seven_handler (const HttpAuthRawRequest *request,
               HttpAuthRawResponse      *response,
               gpointer                  user_data)
{
  g_autofree char *two = basic (USER, "two");

  if (g_strcmp0 (request->authorization, two) == 0)
    {
      response->body = g_bytes_new_static ("in\n", 3);
      return;
    }
  response->status = 401;
  if (request->authorization != NULL)
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"two\"");
  else
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"one\"");
}

static void
test_verifier_meets_other_realm (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (seven_handler, NULL);
  Result results[3] = { { 0 } };
  Result later = { 0 };
  g_autofree char *later_url = http_auth_raw_server_get_url (server, "/seven/0/later");

  g_test_summary ("Finding 7: the verified answer meets a challenge for another realm: the requests waiting "
                  "for it go on, and later requests for that space do not hang");

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, "one", FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, "two", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *path = g_strdup_printf ("/seven/%u/page", i);
      g_autofree char *url = http_auth_raw_server_get_url (server, path);

      run_url (f, url, NULL, &results[i]);
    }
  /* Every request waits on the one question before it is answered (on a
   * busy machine a late 401 would otherwise ask about realm "one" again,
   * after the answer was already found to be for another realm). */
  wait_pending (f, 1);
  while (http_auth_raw_server_get_n_requests (server) < G_N_ELEMENTS (results))
    g_main_context_iteration (NULL, TRUE);
  spin (200);
  http_auth_scripted_prompter_release (f->prompter);
  wait_pending (f, 1);
  http_auth_scripted_prompter_release (f->prompter);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      http_auth_test_wait (&results[i]);
      g_assert_no_error (results[i].error);
      g_assert_cmpuint (http_auth_response_get_status (results[i].response), ==, 200);
      http_auth_test_result_clear (&results[i]);
    }
  g_assert_cmpuint (n_prompts (f), ==, 2);

  fetch_url (f, later_url, &later);
  g_assert_no_error (later.error);
  g_assert_cmpuint (http_auth_response_get_status (later.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  http_auth_test_result_clear (&later);
}

static void
huge_401_handler (const HttpAuthRawRequest *request,
                  HttpAuthRawResponse      *response,
                  gpointer                  user_data)
{
  response->status = 401;
  http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"huge\"");
  response->filler = 100 * 1024 * 1024;
}

static glong
max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
test_huge_401_bounded (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (huge_401_handler, NULL);
  g_autofree char *url = http_auth_raw_server_get_url (server, "/huge");
  glong before = max_rss_kib ();
  gint64 start = g_get_monotonic_time ();
  Result r = { 0 };

  g_test_summary ("Finding 8: a 100 MiB 401 is not buffered whole: the caller is called back with a bounded "
                  "part of it kept, in bounded memory");

  http_auth_scripted_prompter_add_cancel (f->prompter);
  fetch_url (f, url, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (g_bytes_get_size (r.body), ==, HTTP_AUTH_TRANSACTION_MAX_KEPT_BODY);
  g_test_message ("100 MiB 401: called back after %.2f s, peak RSS grew by %ld KiB",
                  (g_get_monotonic_time () - start) / 1e6, max_rss_kib () - before);
  g_assert_cmpint (max_rss_kib () - before, <, 32 * 1024);
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&r);
}

static void
test_verifier_cancelled_then_right_answer (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result asker = { 0 };
  Result waiters[2] = { { 0 } };

  g_test_summary ("Finding 9: the request that asked is cancelled while the prompt is up; the user types the "
                  "right password: the requests that waited get 200");

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  {
    g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/basic/asker");
    run_url (f, url, cancellable, &asker);
  }
  wait_pending (f, 1);
  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    {
      g_autofree char *path = g_strdup_printf ("/basic/waiter-%u/page", i);
      g_autofree char *url = http_auth_demo_server_get_url (f->origin, path);

      run_url (f, url, NULL, &waiters[i]);
    }
  spin (200);

  g_cancellable_cancel (cancellable);
  http_auth_test_wait (&asker);
  g_assert_error (asker.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (http_auth_scripted_prompter_get_n_pending (f->prompter), ==, 1);

  http_auth_scripted_prompter_release (f->prompter);
  for (guint i = 0; i < G_N_ELEMENTS (waiters); i++)
    {
      http_auth_test_wait (&waiters[i]);
      g_assert_no_error (waiters[i].error);
      g_assert_cmpuint (http_auth_response_get_status (waiters[i].response), ==, 200);
      http_auth_test_result_clear (&waiters[i]);
    }
  g_assert_cmpuint (n_prompts (f), ==, 1);
  http_auth_test_result_clear (&asker);
}

static void
test_only_asker_cancelled_withdraws (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/basic/alone");
  Result r = { 0 };

  g_test_summary ("Finding 9: the only request of a question is cancelled: the prompt is withdrawn");

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  run_url (f, url, cancellable, &r);
  wait_pending (f, 1);
  g_cancellable_cancel (cancellable);
  http_auth_test_wait (&r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (http_auth_scripted_prompter_get_n_pending (f->prompter) > 0)
    g_main_context_iteration (NULL, TRUE);
  http_auth_test_result_clear (&r);
}

static void
test_ephemeral_cache_dies_with_tab (Fixture       *f,
                                    gconstpointer  data)
{
  HttpAuthCredentialCache *cache = http_auth_session_get_credential_cache (f->session);
  g_autofree char *url = g_strdup_printf ("http://%s:%s@127.0.0.1:%u/basic/private", USER, PASSWORD,
                                          http_auth_demo_server_get_port (f->origin));
  Result r = { 0 };

  g_test_summary ("Finding 13: a private tab's logins leave the cache when the tab closes, and when it is "
                  "dropped");

  for (guint round = 0; round < 2; round++)
    {
      HttpAuthPromptContext *private_tab = http_auth_prompt_context_new ("http://127.0.0.1", TRUE);
      g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

      /* URL credentials: no prompt holds on to the tab. */
      http_auth_request_set_prompt_context (request, private_tab);
      http_auth_test_send (f->session, request, NULL, &r);
      http_auth_test_wait (&r);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      http_auth_test_result_clear (&r);
      g_clear_object (&request);
      g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 1);

      if (round == 0)
        {
          http_auth_prompt_context_close (private_tab);
          spin (50);
          g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 0);
          g_object_unref (private_tab);
        }
      else
        {
          g_assert_finalize_object (private_tab);
          g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 0);
        }
    }
}

static void
no_realm_handler (const HttpAuthRawRequest *request,
                  HttpAuthRawResponse      *response,
                  gpointer                  user_data)
{
  g_autofree char *right = basic (USER, PASSWORD);

  if (g_strcmp0 (request->authorization, right) == 0)
    return;
  response->status = 401;
  if (g_str_has_prefix (request->target, "/none"))
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic");
  else
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"\"");
}

static void
test_missing_and_empty_realm (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (no_realm_handler, NULL);
  g_autofree char *none = http_auth_raw_server_get_url (server, "/none/x");
  g_autofree char *empty = http_auth_raw_server_get_url (server, "/empty/x");
  Result a = { 0 }, b = { 0 };

  g_test_summary ("Finding 11: a challenge without a realm and one with realm=\"\" are two protection "
                  "spaces, asked about separately, with no critical");

  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  run_url (f, none, NULL, &a);
  run_url (f, empty, NULL, &b);
  wait_pending (f, 2);
  http_auth_scripted_prompter_release (f->prompter);
  http_auth_scripted_prompter_release (f->prompter);
  http_auth_test_wait (&a);
  http_auth_test_wait (&b);
  g_assert_cmpuint (http_auth_response_get_status (a.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_status (b.response), ==, 200);
  g_assert_cmpuint (n_prompts (f), ==, 2);
  http_auth_test_result_clear (&a);
  http_auth_test_result_clear (&b);
}

static void
stalled_401_handler (const HttpAuthRawRequest *request,
                     HttpAuthRawResponse      *response,
                     gpointer                  user_data)
{
  response->status = 401;
  http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"slow\"");
  response->body = g_bytes_new_static ("half a body", 11);
  response->stall = TRUE;
}

static void
test_cancel_while_reading_challenge (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (stalled_401_handler, NULL);
  g_autofree char *url = http_auth_raw_server_get_url (server, "/slow");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 cancelled_at;
  Result r = { 0 };

  g_test_summary ("Cancel at every wait: a 401 whose body never ends (slow loris) is being read when the "
                  "request is cancelled: it ends at once, cancelled, with nobody asked");

  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  run_url (f, url, cancellable, &r);
  while (http_auth_raw_server_get_n_requests (server) < 1)
    g_main_context_iteration (NULL, TRUE);
  spin (200);
  g_assert_false (r.done);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  http_auth_test_wait (&r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  http_auth_test_result_clear (&r);
  http_auth_raw_server_stop (server);
}

static void
test_session_dropped_mid_question (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/basic/dropped");
  HttpAuthSession *session = g_steal_pointer (&f->session);
  gpointer weak = session;
  Result r = { 0 };

  g_test_summary ("The owner drops the session while a request waits on its prompt: the request goes on "
                  "and gets its 200 with the answer, then the session goes away");

  g_object_add_weak_pointer (G_OBJECT (session), &weak);
  http_auth_scripted_prompter_set_hold (f->prompter, TRUE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  {
    g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

    http_auth_request_set_prompt_context (request, f->context);
    http_auth_test_send (session, request, NULL, &r);
  }
  wait_pending (f, 1);
  g_object_unref (session);
  g_assert_nonnull (weak);   /* the request holds it */

  http_auth_scripted_prompter_release (f->prompter);
  http_auth_test_wait (&r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/HttpAuth/Review/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("1-connect-prompt-cancelled-then-answered", test_connect_prompt_cancelled_then_answered);
  ADD ("2-proxy-then-direct", test_proxy_then_direct);
  ADD ("2-socks-route", test_socks_route);
  ADD ("2-proxy-fallback-to-other-proxy", test_proxy_fallback_to_other_proxy);
  ADD ("4-two-proxies-connect", test_two_proxies_connect);
  ADD ("5-realm-flipping-server", test_realm_flipping_server);
  ADD ("5-realm-flipping-proxy", test_realm_flipping_proxy);
  ADD ("6-queued-realms-then-cancel", test_queued_realms_then_cancel);
  ADD ("6-proxy-prompt-suppressed", test_proxy_prompt_suppressed);
  ADD ("7-verifier-meets-other-realm", test_verifier_meets_other_realm);
  ADD ("8-huge-401-bounded", test_huge_401_bounded);
  ADD ("9-verifier-cancelled-then-right-answer", test_verifier_cancelled_then_right_answer);
  ADD ("9-only-asker-cancelled-withdraws", test_only_asker_cancelled_withdraws);
  ADD ("11-missing-and-empty-realm", test_missing_and_empty_realm);
  ADD ("13-ephemeral-cache-dies-with-tab", test_ephemeral_cache_dies_with_tab);
  ADD ("cancel-while-reading-challenge", test_cancel_while_reading_challenge);
  ADD ("session-dropped-mid-question", test_session_dropped_mid_question);
#undef ADD

  return g_test_run ();
}
