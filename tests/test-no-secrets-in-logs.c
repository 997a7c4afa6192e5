/* test-no-secrets-in-logs.c
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

#include <nettle/sha2.h>
#include <string.h>

/* Every message the library, the demo server and the CLI log at
 * G_MESSAGES_DEBUG=all, captured through a log writer (and the demo
 * server's own log), must hold no password, no base64 of user:password and
 * no Digest HA1 (which answers any nonce of its realm): Basic (right and
 * wrong password, URL credentials), Digest with every algorithm (plain and
 * -sess), a Basic and a Digest proxy login, and `http-auth fetch -v`. The
 * HA1s are computed here, independently of the library. */

#define USER            "alice"
#define PASSWORD        "Pw-0f-Alice-7c1e"
#define WRONG_PASSWORD  "Wr0ng-Guess-93ab"
#define PROXY_USER      "bob"
#define PROXY_PASSWORD  "Pr0xy-Secret-55d2"

/* ---- What was logged ---- */

static GMutex log_mutex;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_mutex);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append_printf (log_text, "%s=%s ", fields[i].key, (const char *) fields[i].value);
      else
        {
          g_string_append_printf (log_text, "%s=", fields[i].key);
          g_string_append_len (log_text, fields[i].value, fields[i].length);
          g_string_append_c (log_text, ' ');
        }
    }
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_mutex);

  /* Warnings and worse are shown (and stay fatal, as the test framework
   * made them); the debug flood is only kept. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
server_log_cb (const char *line,
               gpointer    user_data)
{
  g_mutex_lock (&log_mutex);
  g_string_append_printf (log_text, "server: %s\n", line);
  g_mutex_unlock (&log_mutex);
}

static char *
dup_log (void)
{
  char *text;

  g_mutex_lock (&log_mutex);
  text = g_strdup (log_text->str);
  g_mutex_unlock (&log_mutex);
  return text;
}

/* ---- The secrets ---- */

static char *
hex (const guint8 *digest,
     gsize         len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", digest[i]);
  return g_string_free (out, FALSE);
}

/* H() of RFC 7616 §3.4.2, for the algorithm's name (without "-sess"). */
static char *
digest_hash (const char *algorithm,
             const char *text)
{
  if (g_ascii_strcasecmp (algorithm, "MD5") == 0)
    return g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
  if (g_ascii_strcasecmp (algorithm, "SHA-256") == 0)
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  if (g_ascii_strcasecmp (algorithm, "SHA-512-256") == 0)
    {
      struct sha512_ctx ctx;
      guint8 digest[SHA512_256_DIGEST_SIZE];

      sha512_256_init (&ctx);
      sha512_256_update (&ctx, strlen (text), (const guint8 *) text);
      sha512_256_digest (&ctx, sizeof digest, digest);
      return hex (digest, sizeof digest);
    }
  g_assert_not_reached ();
}

typedef struct
{
  GPtrArray *secrets;   /* strings that must never be logged */
} Secrets;

static void
secrets_add (Secrets    *s,
             const char *secret)
{
  g_ptr_array_add (s->secrets, g_strdup (secret));
  /* Hex digests in either case. */
  if (strspn (secret, "0123456789abcdef") == strlen (secret))
    g_ptr_array_add (s->secrets, g_ascii_strup (secret, -1));
}

static void
secrets_add_login (Secrets    *s,
                   const char *user,
                   const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  secrets_add (s, password);
  secrets_add (s, encoded);
}

/* The HA1 of every algorithm for (user, realm, password). */
static void
secrets_add_ha1 (Secrets    *s,
                 const char *user,
                 const char *realm,
                 const char *password)
{
  static const char *algorithms[] = { "MD5", "SHA-256", "SHA-512-256" };
  g_autofree char *a1 = g_strdup_printf ("%s:%s:%s", user, realm, password);

  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    {
      g_autofree char *ha1 = digest_hash (algorithms[i], a1);

      secrets_add (s, ha1);
    }
}

/* The -sess HA1 of RFC 7616 §3.4.2, from the nonce and cnonce of a
 * Digest Authorization the server received. */
static void
secrets_add_session_ha1 (Secrets    *s,
                         const char *authorization,
                         const char *password)
{
  g_autoptr(GPtrArray) parsed = http_auth_challenge_parse (authorization, NULL);
  HttpAuthChallenge *params;
  const char *algorithm;
  g_autofree char *base = NULL;
  g_autofree char *a1 = NULL;
  g_autofree char *ha1 = NULL;
  g_autofree char *session = NULL;
  g_autofree char *session_ha1 = NULL;

  g_assert_cmpuint (parsed->len, ==, 1);
  params = g_ptr_array_index (parsed, 0);
  algorithm = http_auth_challenge_lookup_param (params, "algorithm");
  g_assert_nonnull (algorithm);
  g_assert_true (g_str_has_suffix (algorithm, "-sess"));
  base = g_strndup (algorithm, strlen (algorithm) - strlen ("-sess"));

  a1 = g_strdup_printf ("%s:%s:%s", http_auth_challenge_lookup_param (params, "username"),
                        http_auth_challenge_lookup_param (params, "realm"), password);
  ha1 = digest_hash (base, a1);
  session = g_strdup_printf ("%s:%s:%s", ha1, http_auth_challenge_lookup_param (params, "nonce"),
                             http_auth_challenge_lookup_param (params, "cnonce"));
  session_ha1 = digest_hash (base, session);
  secrets_add (s, session_ha1);
}

static void
assert_no_secret_in (const char *what,
                     const char *text,
                     Secrets    *s)
{
  for (guint i = 0; i < s->secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (s->secrets, i);
      const char *found = strstr (text, secret);

      if (found != NULL)
        {
          g_autofree char *context = g_strndup (found > text + 80 ? found - 80 : text, 200);

          g_test_message ("%s holds “%s”: …%s…", what, secret, context);
          g_test_fail ();
        }
    }
}

/* ---- Fixture ---- */

typedef struct
{
  HttpAuthDemoServer       *origin;
  HttpAuthSession          *session;
  HttpAuthScriptedPrompter *prompter;
  HttpAuthPromptContext    *context;
  GProxyResolver           *resolver;
  Secrets                   secrets;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&log_mutex);
  g_string_truncate (log_text, 0);
  g_mutex_unlock (&log_mutex);

  f->origin = http_auth_demo_server_new (USER, PASSWORD);
  http_auth_demo_server_set_log_func (f->origin, server_log_cb, NULL);
  http_auth_demo_server_start_thread (f->origin, &error);
  g_assert_no_error (error);

  f->session = http_auth_session_new ();
  f->prompter = http_auth_scripted_prompter_new ();
  http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  f->context = http_auth_prompt_context_new ("http://127.0.0.1", FALSE);
  f->resolver = http_auth_test_resolver_new ();
  http_auth_session_set_proxy_resolver (f->session, f->resolver);

  f->secrets.secrets = g_ptr_array_new_with_free_func (g_free);
  secrets_add_login (&f->secrets, USER, PASSWORD);
  secrets_add_login (&f->secrets, USER, WRONG_PASSWORD);
  secrets_add_login (&f->secrets, PROXY_USER, PROXY_PASSWORD);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;

  /* Everything the objects log while they go counts too. */
  g_clear_object (&f->context);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->prompter));
  g_clear_object (&f->resolver);
  g_clear_pointer (&f->origin, http_auth_demo_server_free);

  text = dup_log ();
  g_test_message ("%" G_GSIZE_FORMAT " bytes of log checked against %u secrets", strlen (text),
                  f->secrets.secrets->len);
  /* The scenarios did log something: the capture works. */
  g_assert_cmpuint (strlen (text), >, 0);
  assert_no_secret_in ("the log", text, &f->secrets);
  g_clear_pointer (&f->secrets.secrets, g_ptr_array_unref);
}

static void
fetch (Fixture    *f,
       const char *url,
       guint       expected_status)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);
  HttpAuthTestResult r = { 0 };

  http_auth_request_set_prompt_context (request, f->context);
  http_auth_test_send (f->session, request, NULL, &r);
  http_auth_test_wait (&r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, expected_status);
  http_auth_test_result_clear (&r);
}

static const char *
last_prompt_realm (Fixture *f)
{
  GPtrArray *prompts = http_auth_scripted_prompter_get_prompts (f->prompter);

  g_assert_cmpuint (prompts->len, >, 0);
  return http_auth_prompt_get_realm (g_ptr_array_index (prompts, prompts->len - 1));
}

/* ---- Scenarios ---- */

static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/basic/index.html");
  g_autofree char *other = http_auth_demo_server_get_url (f->origin, "/basic/other.html");
  g_autofree char *with_userinfo = g_strdup_printf ("http://%s:%s@127.0.0.1:%u/realm-a/page.html", USER, PASSWORD,
                                                    http_auth_demo_server_get_port (f->origin));

  g_test_summary ("Basic: a wrong password, the right one, a preemptive request from the cache and URL "
                  "credentials log neither password nor base64(user:password)");

  http_auth_scripted_prompter_add_answer (f->prompter, USER, WRONG_PASSWORD, FALSE);
  http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
  fetch (f, url, 200);
  fetch (f, other, 200);
  fetch (f, with_userinfo, 200);
}

static void
test_digest (Fixture       *f,
             gconstpointer  data)
{
  static const char *areas[] = {
    "/digest/md5/", "/digest/md5-sess/", "/digest/sha-256/", "/digest/sha-256-sess/",
    "/digest/sha-512-256/", "/digest/sha-512-256-sess/", "/digest/auth-int/", "/digest/userhash/",
    "/digest/nextnonce/", "/digest/legacy/",
  };
  g_autoptr(GPtrArray) exchanges = NULL;

  g_test_summary ("Digest, every algorithm plain and -sess, auth-int, userhash, nextnonce and RFC 2069: no "
                  "password and no HA1 (computed here) in the log");

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      g_autofree char *path = g_strconcat (areas[i], "page.html", NULL);
      g_autofree char *url = http_auth_demo_server_get_url (f->origin, path);
      g_autofree char *again = g_strconcat (url, "?again", NULL);

      /* The first area asks (a wrong password first); the others share the
       * realm and so the cached login. */
      if (i == 0)
        {
          http_auth_scripted_prompter_add_answer (f->prompter, USER, WRONG_PASSWORD, FALSE);
          http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
        }
      else
        http_auth_scripted_prompter_add_answer (f->prompter, USER, PASSWORD, FALSE);
      fetch (f, url, 200);
      fetch (f, again, 200);
    }

  secrets_add_ha1 (&f->secrets, USER, last_prompt_realm (f), PASSWORD);
  secrets_add_ha1 (&f->secrets, USER, last_prompt_realm (f), WRONG_PASSWORD);

  exchanges = http_auth_demo_server_get_exchanges (f->origin);
  for (guint i = 0; i < exchanges->len; i++)
    {
      HttpAuthDemoExchange *exchange = g_ptr_array_index (exchanges, i);

      if (exchange->authorization != NULL && strstr (exchange->authorization, "-sess") != NULL &&
          exchange->status == 200)
        secrets_add_session_ha1 (&f->secrets, exchange->authorization, PASSWORD);
    }
}

/* A proxy wanting one login in the scheme its script names; any
 * Proxy-Authorization in that scheme gets through (what is checked is what
 * the client logs, not what the proxy verifies). */
static void
proxy_handler (const HttpAuthRawRequest *request,
               HttpAuthRawResponse      *response,
               gpointer                  user_data)
{
  const char *scheme = user_data;

  if (request->proxy_authorization != NULL && g_str_has_prefix (request->proxy_authorization, scheme))
    {
      response->body = g_bytes_new_static ("through the proxy\n", 18);
      return;
    }
  response->status = 407;
  if (g_str_equal (scheme, "Basic"))
    http_auth_raw_response_add_header (response, "Proxy-Authenticate: Basic realm=\"proxy\"");
  else
    http_auth_raw_response_add_header (response, "Proxy-Authenticate: Digest realm=\"proxy\", qop=\"auth\", "
                                       "algorithm=SHA-256, nonce=\"n-%u\", opaque=\"o\"", request->index);
  response->body = g_bytes_new_static ("proxy says no\n", 14);
}

static void
test_proxy (Fixture       *f,
            gconstpointer  data)
{
  const char *scheme = data;
  g_autoptr(HttpAuthRawServer) proxy = http_auth_raw_server_new (proxy_handler, (gpointer) scheme);
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u", http_auth_raw_server_get_port (proxy));
  const char *route[] = { proxy_url, NULL };
  g_autofree char *url = http_auth_demo_server_get_url (f->origin, "/open/via-proxy");
  g_autofree char *again = http_auth_demo_server_get_url (f->origin, "/open/via-proxy-again");

  g_test_summary ("A proxy login (Basic, Digest): its password, base64 and HA1 are not logged");

  http_auth_test_resolver_set (f->resolver, 0, route);
  http_auth_scripted_prompter_add_answer (f->prompter, PROXY_USER, PROXY_PASSWORD, FALSE);
  fetch (f, url, 200);
  fetch (f, again, 200);
  g_assert_cmpuint (http_auth_scripted_prompter_get_prompts (f->prompter)->len, ==, 1);
  secrets_add_ha1 (&f->secrets, PROXY_USER, "proxy", PROXY_PASSWORD);
}

static void
test_cli_verbose (Fixture       *f,
                  gconstpointer  data)
{
  const char *tool = g_getenv ("HTTP_AUTH_TOOL");
  g_autofree char *basic = http_auth_demo_server_get_url (f->origin, "/basic/index.html");
  g_autofree char *digest = http_auth_demo_server_get_url (f->origin, "/digest/sha-256-sess/page.html");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GPtrArray) exchanges = NULL;
  int status;

  g_test_summary ("http-auth fetch -v --json - with -u/--password, at G_MESSAGES_DEBUG=all: neither its "
                  "output nor its log holds a secret");

  if (tool == NULL)
    {
      g_test_skip ("HTTP_AUTH_TOOL is not set");
      return;
    }

  {
    const char *argv[] = { tool, "fetch", "--sequential", "--verbose", "--json", "-", "-u", USER,
                           "--password", PASSWORD, basic, digest, NULL };

    env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "all", TRUE);
    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  exchanges = http_auth_demo_server_get_exchanges (f->origin);
  for (guint i = 0; i < exchanges->len; i++)
    {
      HttpAuthDemoExchange *exchange = g_ptr_array_index (exchanges, i);

      if (exchange->authorization != NULL && strstr (exchange->authorization, "-sess") != NULL &&
          exchange->status == 200)
        secrets_add_session_ha1 (&f->secrets, exchange->authorization, PASSWORD);
    }
  {
    /* The Digest realm, from the challenge the server sends. */
    g_autoptr(GPtrArray) parsed = NULL;
    HttpAuthDemoExchange *last = g_ptr_array_index (exchanges, exchanges->len - 1);

    g_assert_nonnull (last->authorization);
    parsed = http_auth_challenge_parse (last->authorization, NULL);
    secrets_add_ha1 (&f->secrets, USER, http_auth_challenge_lookup_param (g_ptr_array_index (parsed, 0), "realm"),
                     PASSWORD);
  }

  g_assert_cmpuint (strlen (err), >, 0);
  assert_no_secret_in ("http-auth's standard output", out, &f->secrets);
  assert_no_secret_in ("http-auth's standard error", err, &f->secrets);
}

static void
test_capture_self_check (void)
{
  g_autofree char *text = NULL;

  g_test_summary ("The capture sees a debug message of any domain: the other cases can fail");

  g_mutex_lock (&log_mutex);
  g_string_truncate (log_text, 0);
  g_mutex_unlock (&log_mutex);
  g_log ("http-auth-self-check", G_LOG_LEVEL_DEBUG, "canary %s", "c4n4ry-9f1d");
  text = dup_log ();
  g_assert_nonnull (strstr (text, "c4n4ry-9f1d"));
}

int
main (int    argc,
      char **argv)
{
  /* Before anything logs: every domain's debug messages are on. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_add_func ("/HttpAuth/NoSecretsInLogs/capture-self-check", test_capture_self_check);
#define ADD(path, func, data) \
  g_test_add ("/HttpAuth/NoSecretsInLogs/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("basic", test_basic, NULL);
  ADD ("digest", test_digest, NULL);
  ADD ("proxy-basic", test_proxy, "Basic");
  ADD ("proxy-digest", test_proxy, "Digest");
  ADD ("cli-verbose", test_cli_verbose, NULL);
#undef ADD

  return g_test_run ();
}
