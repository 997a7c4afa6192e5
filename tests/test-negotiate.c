/* test-negotiate.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Negotiate (RFC 4559) against a real MIT Kerberos realm started by the
 * test: Apache with mod_auth_gssapi, squid with negotiate_kerberos_auth,
 * and scripted peers for what real servers do not do (forged mutual
 * tokens, bare Negotiate forever, a proxy in front of an origin). */

#include "config.h"

#include "http-auth.h"
#include "http-auth-demo-server.h"
#include "http-auth-negotiate-private.h"
#include "http-auth-scripted-prompter.h"
#include "http-auth-test-fetch.h"
#include "http-auth-test-kerberos.h"
#include "http-auth-test-mainloop.h"
#include "http-auth-test-raw-server.h"

#include <gssapi/gssapi.h>
#include <string.h>

static HttpAuthTestKerberos realm;
static HttpAuthTestKerberosApache apache;
/* The realm stops what was started through it: servers outlive tests. */
static HttpAuthTestSquid squid;
static char *tls_dir;

typedef struct
{
  HttpAuthSession          *session;
  HttpAuthScriptedPrompter *prompter;
  HttpAuthPromptContext    *context;    /* a tab: prompts are allowed */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *allow[] = { "localhost", NULL };

  http_auth_test_kerberos_use_ticket (&realm);
  f->session = http_auth_session_new ();
  f->prompter = http_auth_scripted_prompter_new ();
  http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  http_auth_session_set_negotiate_allowlist (f->session, allow);
  f->context = http_auth_prompt_context_new ("http://localhost", FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->prompter);
  g_clear_object (&f->context);
  http_auth_test_kerberos_use_ticket (&realm);
}

static void
fetch (Fixture            *f,
       const char         *uri,
       HttpAuthTestResult *r)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", uri);

  http_auth_request_set_prompt_context (request, f->context);
  http_auth_test_send (f->session, request, NULL, r);
  http_auth_test_wait (r);
}

static guint
apache_log_len (void)
{
  g_autoptr(GPtrArray) log = http_auth_test_kerberos_apache_log (&apache, 0);

  return log->len;
}

/* What the server logged from @from on, for the test's log. */
static void
show_log (GPtrArray *log,
          guint      from)
{
  for (guint i = from; i < log->len; i++)
    {
      HttpAuthTestKerberosLogEntry *e = log->pdata[i];

      g_test_message ("  server log: %s %s -> %u%s%s%s", e->method, e->target, e->status,
                      e->negotiate ? " (Negotiate token)" : e->authorization != NULL ? " (other credentials)" : "",
                      e->user != NULL ? " as " : "", e->user != NULL ? e->user : "");
    }
}

static guint
n_prompts (Fixture *f)
{
  return http_auth_scripted_prompter_get_prompts (f->prompter)->len;
}

/* ---- Apache + mod_auth_gssapi ---- */

static void
test_ticket (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt?ticket");
  g_auto(HttpAuthTestResult) r = { 0 };
  g_autoptr(GPtrArray) log = NULL;
  HttpAuthTestKerberosLogEntry *last;
  guint before = apache_log_len ();

  g_test_summary ("A ticket: 200 without a prompt; the server's mutual token verified; the principal reported");
  fetch (f, uri, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body), "hello negotiate\n", 16);
  g_assert_cmpstr (soup_message_headers_get_one (http_auth_response_get_headers (r.response), "X-Remote-User"), ==,
                   "alice@HTTPAUTH.TEST");
  g_assert_cmpstr (http_auth_response_get_auth_scheme (r.response), ==, "negotiate");
  g_assert_cmpstr (http_auth_response_get_principal (r.response), ==, "alice@HTTPAUTH.TEST");
  g_assert_true (http_auth_response_get_mutually_authenticated (r.response));
  g_assert_cmpuint (n_prompts (f), ==, 0);

  /* The server saw a probe without a token (401), then one token (200). */
  log = http_auth_test_kerberos_apache_log (&apache, before + 2);
  g_assert_cmpuint (log->len, ==, before + 2);
  g_assert_cmpuint (((HttpAuthTestKerberosLogEntry *) log->pdata[before])->status, ==, 401);
  g_assert_false (((HttpAuthTestKerberosLogEntry *) log->pdata[before])->negotiate);
  last = log->pdata[before + 1];
  g_assert_cmpuint (last->status, ==, 200);
  g_assert_true (last->negotiate);
  g_assert_cmpstr (last->user, ==, "alice@HTTPAUTH.TEST");
}

static void
test_hundred_gets (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) log = NULL;
  guint before = apache_log_len ();
  guint n401 = 0, ntoken = 0;
  gint64 start = g_get_monotonic_time ();

  g_test_summary ("100 sequential GETs: one 401 for the origin, then a fresh token up front on each (<= 101 exchanges)");
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt");
      g_auto(HttpAuthTestResult) r = { 0 };

      fetch (f, uri, &r);
      g_assert_no_error (r.error);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      g_assert_true (http_auth_response_get_mutually_authenticated (r.response));
    }

  log = http_auth_test_kerberos_apache_log (&apache, before + 101);
  for (guint i = before; i < log->len; i++)
    {
      HttpAuthTestKerberosLogEntry *e = log->pdata[i];

      n401 += e->status == 401;
      ntoken += e->negotiate;
    }
  g_test_message ("100 GETs: %u exchanges, %u 401s, %u tokens, %.0f ms", log->len - before, n401, ntoken,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (log->len - before, ==, 101);
  g_assert_cmpuint (n401, ==, 1);
  g_assert_cmpuint (ntoken, ==, 100);
  g_assert_cmpuint (n_prompts (f), ==, 0);
}

static void
test_not_allowlisted (Fixture       *f,
                      gconstpointer  data)
{
  const char *other[] = { "127.0.0.1, *.example.com", NULL };
  g_autoptr(GPtrArray) log = NULL;
  guint before = apache_log_len ();

  g_test_summary ("A host not on the allowlist (or an empty list) never gets a token: the 401 is the response");
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt");
      g_auto(HttpAuthTestResult) r = { 0 };

      http_auth_session_set_negotiate_allowlist (f->session, round == 0 ? NULL : other);
      fetch (f, uri, &r);
      g_assert_no_error (r.error);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
      g_assert_null (http_auth_response_get_auth_scheme (r.response));
    }

  log = http_auth_test_kerberos_apache_log (&apache, before + 2);
  g_assert_cmpuint (log->len, ==, before + 2);
  for (guint i = before; i < log->len; i++)
    g_assert_false (((HttpAuthTestKerberosLogEntry *) log->pdata[i])->negotiate);
  g_assert_cmpuint (n_prompts (f), ==, 0);
}

static void
test_no_ticket_basic (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/basic/hello.txt");
  g_auto(HttpAuthTestResult) r = { 0 };
  g_autoptr(GPtrArray) log = NULL;
  guint before = apache_log_len ();

  g_test_summary ("No ticket: the Basic challenge GssapiBasicAuth offers, with its prompt");
  http_auth_test_kerberos_use_no_ticket (&realm);
  http_auth_scripted_prompter_add_answer (f->prompter, "alice", "alicepw", FALSE);
  fetch (f, uri, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  g_assert_cmpstr (http_auth_response_get_auth_scheme (r.response), ==, "basic");
  g_assert_cmpstr (http_auth_response_get_principal (r.response), ==, "alice");
  g_assert_false (http_auth_response_get_mutually_authenticated (r.response));
  g_assert_cmpuint (n_prompts (f), ==, 1);

  log = http_auth_test_kerberos_apache_log (&apache, before + 2);
  show_log (log, before);
  g_assert_cmpuint (log->len, ==, before + 2);
  g_assert_false (((HttpAuthTestKerberosLogEntry *) log->pdata[before])->negotiate);
  g_assert_false (((HttpAuthTestKerberosLogEntry *) log->pdata[before + 1])->negotiate);
  g_assert_cmpuint (((HttpAuthTestKerberosLogEntry *) log->pdata[before + 1])->status, ==, 200);
}

static void
test_no_ticket_401 (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt");
  g_auto(HttpAuthTestResult) r = { 0 };
  g_autoptr(GPtrArray) log = NULL;
  guint before = apache_log_len ();

  g_test_summary ("No ticket and only Negotiate offered: the 401 as it came, nobody asked");
  http_auth_test_kerberos_use_no_ticket (&realm);
  fetch (f, uri, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (n_prompts (f), ==, 0);
  log = http_auth_test_kerberos_apache_log (&apache, before + 1);
  g_assert_cmpuint (log->len, ==, before + 1);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/wrongkey/hello.txt");
  g_auto(HttpAuthTestResult) r = { 0 };
  g_autoptr(GPtrArray) log = NULL;
  guint before = apache_log_len ();

  g_test_summary ("A server that cannot read the ticket (negState reject): two requests, then its 401");
  fetch (f, uri, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  log = http_auth_test_kerberos_apache_log (&apache, before + 2);
  g_assert_cmpuint (log->len, ==, before + 2);
  g_assert_true (((HttpAuthTestKerberosLogEntry *) log->pdata[before + 1])->negotiate);
  g_assert_cmpuint (n_prompts (f), ==, 0);
}

/* ---- The main loop while the KDC hangs ---- */

/* From here on both requests wait on the KDC: only the main loop's own
 * work while they wait counts. */
static gboolean
reset_busy_cb (gpointer data)
{
  *(gint64 *) data = http_auth_test_busy_reset ();
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_hung_kdc (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/hello.txt?hung");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(HttpAuthTestResult) r1 = { 0 };
  g_auto(HttpAuthTestResult) r2 = { 0 };
  g_autoptr(HttpAuthRequest) req1 = http_auth_request_new ("GET", uri);
  g_autoptr(HttpAuthRequest) req2 = http_auth_request_new ("GET", uri);
  gint64 start, took_timeout, took_cancel, busy_before = 0, max_busy;
  guint before = apache_log_len ();
  guint tgs_before;
  g_autoptr(GPtrArray) log = NULL;

  http_auth_request_set_prompt_context (req1, f->context);
  http_auth_request_set_prompt_context (req2, f->context);

  g_test_summary ("A hung KDC: the main loop never waits on it; the request times out or is cancelled at once");
  /* Only a TGT: the token needs a TGS exchange with the (stopped) KDC. */
  g_assert_true (http_auth_test_kerberos_kdestroy_and_kinit (&realm, "alice", "alicepw", &error));
  g_assert_no_error (error);
  tgs_before = http_auth_test_kerberos_count_kdc_requests (&realm, "TGS_REQ");
  http_auth_test_kerberos_pause_kdc (&realm, TRUE);
  g_object_set (f->session, "negotiate-timeout", 1500, NULL);

  http_auth_test_busy_start ();

  start = g_get_monotonic_time ();
  http_auth_test_send (f->session, req1, NULL, &r1);
  http_auth_test_send (f->session, req2, cancellable, &r2);
  g_timeout_add (100, reset_busy_cb, &busy_before);
  g_timeout_add (300, cancel_cb, cancellable);
  http_auth_test_wait (&r2);
  took_cancel = g_get_monotonic_time () - start;
  http_auth_test_wait (&r1);
  took_timeout = g_get_monotonic_time () - start;

  max_busy = http_auth_test_busy_stop ();

  /* Each request that stopped waiting left a worker blocked on the KDC.
   * Three more (other directories, so none waits behind another) make
   * four: the next request fails at once instead of taking a fifth
   * thread. */
  {
    const char *paths[] = { "/basic/hello.txt?hung", "/bound/hello.txt?hung", "/wrongkey/hello.txt?hung" };
    g_auto(HttpAuthTestResult) r4 = { 0 };
    g_autoptr(HttpAuthRequest) req4 = NULL;
    g_autofree char *uri4 = http_auth_test_kerberos_apache_uri (&apache, "localhost", "/private/again/hello.txt");
    gint64 t4;

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *u = http_auth_test_kerberos_apache_uri (&apache, "localhost", paths[i]);
        g_auto(HttpAuthTestResult) r = { 0 };

        fetch (f, u, &r);
        g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT);
      }
    req4 = http_auth_request_new ("GET", uri4);
    http_auth_request_set_prompt_context (req4, f->context);
    t4 = g_get_monotonic_time ();
    http_auth_test_send (f->session, req4, NULL, &r4);
    http_auth_test_wait (&r4);
    t4 = g_get_monotonic_time () - t4;
    g_test_message ("hung KDC, four workers blocked: the fifth request failed after %.1f ms", t4 / 1000.0);
    g_assert_error (r4.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT);
    if (g_getenv ("HTTP_AUTH_UNDER_VALGRIND") == NULL)
      g_assert_cmpint (t4, <, 1000 * 1000);
  }
  http_auth_test_kerberos_pause_kdc (&realm, FALSE);
  /* The four blocked workers get their answers now: wait until the KDC
   * has served them, so that no worker outlives the test. */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (http_auth_test_kerberos_count_kdc_requests (&realm, "TGS_REQ") < tgs_before + 4 &&
           g_get_monotonic_time () < deadline)
      g_usleep (50 * 1000);
    g_usleep (200 * 1000);
  }

  g_test_message ("hung KDC: cancelled after %.0f ms, timed out after %.0f ms; longest main-loop busy stretch "
                  "%.3f ms while both waited on the KDC (%.3f ms while sending the first requests)",
                  took_cancel / 1000.0, took_timeout / 1000.0, max_busy / 1000.0, busy_before / 1000.0);
  g_assert_error (r2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (r1.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT);
  g_assert_cmpint (took_timeout, >=, 1400 * 1000);
  /* Under valgrind the threads run one at a time and everything is ~50×
   * slower: the times are only logged there. 27 s of KDC wait on the
   * main thread would show in max_busy; the bound leaves room for
   * sanitizer builds and a busy machine. */
  if (g_getenv ("HTTP_AUTH_UNDER_VALGRIND") == NULL)
    {
      g_assert_cmpint (took_cancel, <, 1000 * 1000);
      g_assert_cmpint (took_timeout, <, 5000 * 1000);
      g_assert_cmpint (max_busy, <, 50 * 1000);
    }
  g_assert_cmpuint (n_prompts (f), ==, 0);

  /* One probe reached the server (the second request waited for it, as
   * every request of a directory the session knows nothing of waits for
   * the first one's answer, and was cancelled there); no token ever did. */
  g_clear_object (&f->session);
  log = http_auth_test_kerberos_apache_log (&apache, before + 5);
  show_log (log, before);
  g_assert_cmpuint (log->len, ==, before + 5);
  for (guint i = before; i < log->len; i++)
    g_assert_false (((HttpAuthTestKerberosLogEntry *) log->pdata[i])->negotiate);
}

/* ---- Scripted peers ---- */

typedef enum
{
  MUTUAL_KEEP,
  MUTUAL_CORRUPT,
  MUTUAL_GARBAGE,
  MUTUAL_STRIP,
  MUTUAL_HUGE,
  BARE_FOREVER,
} Mode;

typedef struct
{
  Mode mode;
} Script;

/* An acceptor with the realm's keytab (KRB5_KTNAME) that answers a token
 * with 200 and its final token, tampered with as the mode says. */
static void
acceptor_handler (const HttpAuthRawRequest *request,
                  HttpAuthRawResponse      *response,
                  gpointer                  user_data)
{
  Script *script = user_data;
  OM_uint32 major, minor;
  gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
  gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER;
  g_autofree guchar *token = NULL;
  g_autofree char *reply = NULL;
  gsize len = 0;

  if (script->mode == BARE_FOREVER || request->authorization == NULL ||
      !g_str_has_prefix (request->authorization, "Negotiate "))
    {
      response->status = 401;
      http_auth_raw_response_add_header (response, "WWW-Authenticate: Negotiate");
      response->body = g_bytes_new_static ("no", 2);
      return;
    }

  token = g_base64_decode (request->authorization + 10, &len);
  in.value = token;
  in.length = len;
  major = gss_accept_sec_context (&minor, &ctx, GSS_C_NO_CREDENTIAL, &in, GSS_C_NO_CHANNEL_BINDINGS, NULL, NULL,
                                  &out, NULL, NULL, NULL);
  g_assert_cmpuint (major, ==, GSS_S_COMPLETE);
  g_assert_cmpuint (out.length, >, 16);
  switch (script->mode)
    {
    case MUTUAL_CORRUPT:
      ((guchar *) out.value)[out.length - 5] ^= 0xff;
      ((guchar *) out.value)[out.length - 6] ^= 0xff;
      reply = g_base64_encode (out.value, out.length);
      break;
    case MUTUAL_GARBAGE:
      reply = g_base64_encode ((const guchar *) "garbage-not-a-token", 19);
      break;
    case MUTUAL_HUGE:
      /* 60 KiB of base64 (libsoup itself refuses a header line over
       * 64 KiB, before the scheme's own bound of 64 KiB of token). */
      reply = g_strnfill (60 * 1024, 'A');
      break;
    case MUTUAL_KEEP:
    case MUTUAL_STRIP:
    case BARE_FOREVER:
    default:
      reply = g_base64_encode (out.value, out.length);
      break;
    }
  gss_release_buffer (&minor, &out);
  gss_delete_sec_context (&minor, &ctx, GSS_C_NO_BUFFER);

  response->status = 200;
  if (script->mode != MUTUAL_STRIP)
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Negotiate %s", reply);
  response->body = g_bytes_new_static ("secret body", 11);
}

static void
test_mutual (Fixture       *f,
             gconstpointer  data)
{
  Script script = { GPOINTER_TO_UINT (data) };
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (acceptor_handler, &script);
  g_autofree char *port_uri = NULL;
  g_auto(HttpAuthTestResult) r = { 0 };

  g_test_summary ("The server's final token: verified (keep), a failed request without the body (corrupt, garbage), "
                  "a response not marked mutually authenticated (stripped)");
  port_uri = g_strdup_printf ("http://localhost:%u/mutual", http_auth_raw_server_get_port (server));
  fetch (f, port_uri, &r);

  switch (script.mode)
    {
    case MUTUAL_KEEP:
      g_assert_no_error (r.error);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      g_assert_true (http_auth_response_get_mutually_authenticated (r.response));
      g_assert_cmpmem (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body), "secret body", 11);
      break;
    case MUTUAL_CORRUPT:
    case MUTUAL_GARBAGE:
    case MUTUAL_HUGE:
      g_assert_error (r.error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED);
      g_assert_null (r.response);
      g_assert_null (r.body);
      break;
    case MUTUAL_STRIP:
      g_assert_no_error (r.error);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      g_assert_cmpstr (http_auth_response_get_auth_scheme (r.response), ==, "negotiate");
      g_assert_false (http_auth_response_get_mutually_authenticated (r.response));
      break;
    case BARE_FOREVER:
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpuint (http_auth_raw_server_get_n_requests (server), ==, 2);
}

/* The allowlisted origin (localhost) redirects to a host that is not on
 * the list (127.0.0.1), which asks for Negotiate too. */
static void
redirect_handler (const HttpAuthRawRequest *request,
                  HttpAuthRawResponse      *response,
                  gpointer                  user_data)
{
  response->status = 302;
  http_auth_raw_response_add_header (response, "Location: %s", (const char *) user_data);
}

static void
test_redirect (Fixture       *f,
               gconstpointer  data)
{
  Script script = { BARE_FOREVER };
  g_autoptr(HttpAuthRawServer) other = http_auth_raw_server_new (acceptor_handler, &script);
  g_autofree char *target = g_strdup_printf ("http://127.0.0.1:%u/elsewhere", http_auth_raw_server_get_port (other));
  g_autoptr(HttpAuthRawServer) first = http_auth_raw_server_new (redirect_handler, target);
  g_autofree char *uri = g_strdup_printf ("http://localhost:%u/start", http_auth_raw_server_get_port (first));
  g_auto(HttpAuthTestResult) r = { 0 };
  g_autoptr(GPtrArray) requests = NULL;

  g_test_summary ("A redirect to a host not on the allowlist: its Negotiate challenge gets no token, its 401 is final");
  fetch (f, uri, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  requests = http_auth_raw_server_dup_requests (other);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_null (((HttpAuthRawRequest *) requests->pdata[0])->authorization);
}

static void
test_bare_forever (Fixture       *f,
                   gconstpointer  data)
{
  Script script = { BARE_FOREVER };
  g_autoptr(HttpAuthRawServer) server = http_auth_raw_server_new (acceptor_handler, &script);
  g_autofree char *uri = g_strdup_printf ("http://localhost:%u/loop", http_auth_raw_server_get_port (server));
  g_auto(HttpAuthTestResult) r = { 0 };

  g_test_summary ("A server answering every token with a bare Negotiate: two requests, then its 401 (libsoup: 21)");
  fetch (f, uri, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpuint (http_auth_raw_server_get_n_requests (server), ==, 2);
  g_assert_cmpuint (n_prompts (f), ==, 0);
}

/* A proxy that answers for the origin: 401 Negotiate, with or without
 * Proxy-Support, and records whether a token came. */
static void
origin_via_proxy_handler (const HttpAuthRawRequest *request,
                          HttpAuthRawResponse      *response,
                          gpointer                  user_data)
{
  gboolean *session_based = user_data;

  response->status = request->authorization != NULL ? 200 : 401;
  if (response->status == 401)
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Negotiate");
  if (*session_based)
    http_auth_raw_response_add_header (response, "Proxy-Support: Session-Based-Authentication");
  response->body = g_bytes_new_static ("ok", 2);
}

static void
test_proxy_support (Fixture       *f,
                    gconstpointer  data)
{
  gboolean session_based = GPOINTER_TO_INT (data);
  g_autoptr(HttpAuthRawServer) proxy = http_auth_raw_server_new (origin_via_proxy_handler, &session_based);
  g_autoptr(GProxyResolver) resolver = http_auth_test_resolver_new ();
  g_autofree char *proxy_uri = g_strdup_printf ("http://127.0.0.1:%u", http_auth_raw_server_get_port (proxy));
  const char *proxies[] = { proxy_uri, NULL };
  g_auto(HttpAuthTestResult) r = { 0 };
  g_autoptr(GPtrArray) requests = NULL;
  gboolean token_sent = FALSE;

  g_test_summary ("Negotiate to an http:// origin through a proxy only with Proxy-Support: Session-Based-Authentication");
  http_auth_test_resolver_set (resolver, 0, proxies);
  http_auth_session_set_proxy_resolver (f->session, resolver);
  fetch (f, "http://localhost:9/through-proxy", &r);
  g_assert_no_error (r.error);

  requests = http_auth_raw_server_dup_requests (proxy);
  for (guint i = 0; i < requests->len; i++)
    {
      HttpAuthRawRequest *req = g_ptr_array_index (requests, i);

      g_assert_cmpstr (req->target, ==, "http://localhost:9/through-proxy");
      token_sent |= req->authorization != NULL && g_str_has_prefix (req->authorization, "Negotiate ");
    }
  g_assert_cmpint (token_sent, ==, session_based);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, session_based ? 200 : 401);
  g_assert_cmpuint (requests->len, ==, session_based ? 2 : 1);
}

/* ---- squid + negotiate_kerberos_auth ---- */

static void
test_squid (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GProxyResolver) resolver = http_auth_test_resolver_new ();
  g_autofree char *proxy_uri = NULL;
  const char *proxies[2] = { NULL, NULL };
  const char *allow[] = { "127.0.0.1", NULL };
  g_autofree char *uri = http_auth_test_kerberos_apache_uri (&apache, "127.0.0.1", "/public/hello.txt");
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) origin_log = NULL;
  guint n407 = 0, ntoken = 0;

  g_test_summary ("squid asks for Negotiate (407): the proxy on the allowlist gets a token, the origin nothing");
  http_auth_test_kerberos_start_squid (&realm, &squid);
  proxy_uri = http_auth_test_squid_uri (&squid);
  proxies[0] = proxy_uri;
  http_auth_test_resolver_set (resolver, 0, proxies);
  http_auth_session_set_proxy_resolver (f->session, resolver);
  http_auth_session_set_negotiate_allowlist (f->session, allow);

  for (guint i = 0; i < 3; i++)
    {
      g_auto(HttpAuthTestResult) r = { 0 };

      fetch (f, uri, &r);
      g_assert_no_error (r.error);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      g_assert_cmpmem (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body), "hello public\n", 13);
    }

  log = http_auth_test_kerberos_squid_log (&squid, 4);
  for (guint i = 0; i < log->len; i++)
    {
      HttpAuthTestKerberosLogEntry *e = log->pdata[i];

      n407 += e->status == 407;
      ntoken += e->negotiate;
      if (e->status == 200)
        g_assert_cmpstr (e->user, ==, "alice@HTTPAUTH.TEST");
    }
  g_test_message ("squid: %u requests, %u 407s, %u tokens for 3 GETs", log->len, n407, ntoken);
  g_assert_cmpuint (n407, >=, 1);
  g_assert_cmpuint (ntoken, >=, 1);
  g_assert_cmpuint (n_prompts (f), ==, 0);

  /* https://: the token goes on the CONNECT libsoup sends (the bridge),
   * never into the tunnel. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *cert = g_build_filename (tls_dir, "cert.pem", NULL);
    g_autofree char *key = g_build_filename (tls_dir, "key.pem", NULL);
    g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);
    g_autoptr(GTlsDatabase) trust = g_tls_file_database_new (cert, &error);
    HttpAuthDemoServer *tls_origin = http_auth_demo_server_new ("alice", "wonderland");
    g_autoptr(GPtrArray) connects = NULL;
    g_autoptr(GPtrArray) exchanges = NULL;
    guint nconnect = 0, nconnect_token = 0;

    g_assert_no_error (error);
    http_auth_demo_server_set_tls_certificate (tls_origin, certificate);
    http_auth_demo_server_start_thread (tls_origin, &error);
    g_assert_no_error (error);
    soup_session_set_tls_database (http_auth_session_get_soup_session (f->session), trust);

    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *tls_uri = http_auth_demo_server_get_url (tls_origin, "/open/negotiate");
        g_auto(HttpAuthTestResult) r = { 0 };

        fetch (f, tls_uri, &r);
        g_assert_no_error (r.error);
        g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      }

    /* squid logs a tunnel when it closes. */
    soup_session_abort (http_auth_session_get_soup_session (f->session));
    connects = http_auth_test_kerberos_squid_log (&squid, log->len + 2);
    show_log (connects, log->len);
    for (guint i = log->len; i < connects->len; i++)
      {
        HttpAuthTestKerberosLogEntry *e = connects->pdata[i];

        if (g_strcmp0 (e->method, "CONNECT") != 0)
          continue;
        nconnect++;
        nconnect_token += e->negotiate;
        if (e->status == 200)
          g_assert_cmpstr (e->user, ==, "alice@HTTPAUTH.TEST");
      }
    g_test_message ("squid CONNECT: %u CONNECTs, %u with a token, for 2 https GETs", nconnect, nconnect_token);
    g_assert_cmpuint (nconnect, >=, 2);
    g_assert_cmpuint (nconnect_token, >=, 1);

    /* The origin, inside the tunnel, never saw a proxy's token. */
    exchanges = http_auth_demo_server_get_exchanges (tls_origin);
    g_assert_cmpuint (exchanges->len, ==, 2);
    http_auth_demo_server_free (tls_origin);
  }
  http_auth_test_squid_stop (&squid);

  /* Apache (the origin) never saw a Negotiate token or a proxy login. */
  origin_log = http_auth_test_kerberos_apache_log (&apache, 0);
  for (guint i = 0; i < origin_log->len; i++)
    if (g_str_has_prefix (((HttpAuthTestKerberosLogEntry *) origin_log->pdata[i])->target, "/public/"))
      g_assert_false (((HttpAuthTestKerberosLogEntry *) origin_log->pdata[i])->negotiate);
}

/* ---- The allowlist patterns ---- */

static void
test_patterns (void)
{
  static const struct { const char *pattern, *scheme, *host; guint16 port; gboolean match; } cases[] = {
    { "*", "http", "anything.test", 80, TRUE },
    { "example.com", "http", "example.com", 80, TRUE },
    { "example.com", "https", "intranet.example.com", 443, TRUE },
    { "example.com", "http", "badexample.com", 80, FALSE },
    { "*.example.com", "http", "example.com", 80, FALSE },
    { "*.example.com", "http", "a.b.example.com", 80, TRUE },
    { "*example.com", "http", "badexample.com", 80, TRUE },
    { "https://example.com", "http", "example.com", 80, FALSE },
    { "https://example.com", "https", "example.com", 443, TRUE },
    { "example.com:8080", "http", "example.com", 8080, TRUE },
    { "example.com:8080", "http", "example.com", 80, FALSE },
    { "example.com:80", "http", "example.com", 80, TRUE },
    { "localhost", "http", "LOCALHOST", 80, TRUE },
    { "127.0.0.1", "http", "127.0.0.10", 80, FALSE },
    { "[::1]:8080", "http", "[::1]", 8080, TRUE },
    { "example.com:x", "http", "example.com", 80, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lower = g_ascii_strdown (cases[i].pattern, -1);

      g_test_message ("%s vs %s://%s:%u", cases[i].pattern, cases[i].scheme, cases[i].host, cases[i].port);
      g_assert_cmpint (_http_auth_negotiate_pattern_matches (lower, cases[i].scheme, cases[i].host, cases[i].port), ==,
                       cases[i].match);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/negotiate/patterns", test_patterns);

  http_auth_test_kerberos_start (&realm);
  g_assert_true (http_auth_test_kerberos_kinit (&realm, "alice", "alicepw", &error));
  g_assert_no_error (error);
  http_auth_test_kerberos_start_apache (&realm, &apache);
  tls_dir = http_auth_test_make_tmpdir ("http-auth-negotiate-tls");
  {
    g_autofree char *cert = g_build_filename (tls_dir, "cert.pem", NULL);
    g_autofree char *key = g_build_filename (tls_dir, "key.pem", NULL);
    const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                              "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL };

    http_auth_test_run_or_die (openssl, NULL);
  }

#define ADD(path, fn, data) \
  g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("/negotiate/ticket", test_ticket, NULL);
  ADD ("/negotiate/hundred-gets", test_hundred_gets, NULL);
  ADD ("/negotiate/not-allowlisted", test_not_allowlisted, NULL);
  ADD ("/negotiate/no-ticket/basic-fallback", test_no_ticket_basic, NULL);
  ADD ("/negotiate/no-ticket/401", test_no_ticket_401, NULL);
  ADD ("/negotiate/refused", test_refused, NULL);
  ADD ("/negotiate/mutual/keep", test_mutual, GUINT_TO_POINTER (MUTUAL_KEEP));
  ADD ("/negotiate/mutual/corrupt", test_mutual, GUINT_TO_POINTER (MUTUAL_CORRUPT));
  ADD ("/negotiate/mutual/garbage", test_mutual, GUINT_TO_POINTER (MUTUAL_GARBAGE));
  ADD ("/negotiate/mutual/strip", test_mutual, GUINT_TO_POINTER (MUTUAL_STRIP));
  ADD ("/negotiate/mutual/large", test_mutual, GUINT_TO_POINTER (MUTUAL_HUGE));
  ADD ("/negotiate/redirect-to-other-host", test_redirect, NULL);
  ADD ("/negotiate/bare-forever", test_bare_forever, NULL);
  ADD ("/negotiate/proxy-support/absent", test_proxy_support, GINT_TO_POINTER (FALSE));
  ADD ("/negotiate/proxy-support/session-based", test_proxy_support, GINT_TO_POINTER (TRUE));
  ADD ("/negotiate/squid", test_squid, NULL);
  /* Its worker stays blocked on the KDC until the test resumes it. */
  ADD ("/negotiate/hung-kdc", test_hung_kdc, NULL);
#undef ADD

  ret = g_test_run ();

  http_auth_test_kerberos_stop_apache (&apache);
  http_auth_test_kerberos_stop (&realm);
  http_auth_test_remove_tree (tls_dir);
  g_free (tls_dir);

  /* The GSS-API workers are back in GLib's pool of unused threads, which
   * end on their own some seconds later; end them now, before exit: a
   * thread ending while LeakSanitizer stops the process at exit crashes
   * its tracer (seen in the ASan build). */
  g_thread_pool_set_max_unused_threads (0);
  g_thread_pool_stop_unused_threads ();
  while (g_thread_pool_get_num_unused_threads () > 0)
    g_usleep (10 * 1000);
  g_usleep (100 * 1000);
  return ret;
}
