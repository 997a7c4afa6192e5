/* test-cli.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "http-auth-demo-server.h"
#include "http-auth.h"

#include <errno.h>
#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Runs the installed-to-be `http-auth` binary as a user would. */

static int
run_tool (const char * const *args,
          const char         *stdin_text,
          char              **stdout_text)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = g_bytes_new (stdin_text ? stdin_text : "", stdin_text ? strlen (stdin_text) : 0);
  g_autoptr(GBytes) out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("HTTP_AUTH_TOOL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, in, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (stdout_text != NULL)
    *stdout_text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));

  return g_subprocess_get_exit_status (proc);
}

static JsonObject *
parse_json (const char *text,
            JsonParser **parser_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  *parser_out = g_steal_pointer (&parser);

  return json_node_get_object (json_parser_get_root (*parser_out));
}

static void
test_parse_args (void)
{
  const char *args[] = { "parse", "Digest realm=\"x\", qop=\"auth\"", "Basic realm=\"a\\\"b\"", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *challenges;
  JsonObject *digest;
  JsonArray *params;

  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  root = parse_json (out, &parser);
  challenges = json_object_get_array_member (root, "challenges");
  g_assert_cmpuint (json_array_get_length (challenges), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "errors")), ==, 0);

  digest = json_array_get_object_element (challenges, 0);
  g_assert_cmpstr (json_object_get_string_member (digest, "scheme"), ==, "digest");
  g_assert_true (json_object_get_null_member (digest, "token68"));
  params = json_object_get_array_member (digest, "params");
  g_assert_cmpuint (json_array_get_length (params), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (params, 1), 0), ==, "qop");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (params, 1), 1), ==, "auth");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (
    json_object_get_array_member (json_array_get_object_element (challenges, 1), "params"), 0), 1), ==, "a\"b");

  /* The exact bytes of the documented shape. */
  {
    const char *one[] = { "parse", "Digest realm=\"x\", qop=\"auth\"", NULL };
    g_autofree char *exact = NULL;

    g_assert_cmpint (run_tool (one, NULL, &exact), ==, 0);
    g_assert_cmpstr (exact, ==,
                     "{\"challenges\":[{\"scheme\":\"digest\",\"token68\":null,\"params\":[[\"realm\",\"x\"],"
                     "[\"qop\",\"auth\"]]}],\"errors\":[],\"target\":\"server\"}\n");
  }
}

static void
test_parse_stdin_and_errors (void)
{
  const char *args[] = { "parse", "--proxy", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *errors;
  JsonObject *err;

  /* Two lines form one list; the second is malformed after its first
   * challenge. Offsets count the ", " that joins the lines. */
  g_assert_cmpint (run_tool (args, "Negotiate abc==\r\nBasic realm=\"p\", Digest realm=\"unterminated\n", &out), ==, 1);
  root = parse_json (out, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "target"), ==, "proxy");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "challenges")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (root, "challenges"), 0), "token68"), ==, "abc==");
  errors = json_object_get_array_member (root, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  err = json_array_get_object_element (errors, 0);
  g_assert_cmpint (json_object_get_int_member (err, "offset"), ==, 17 + 30);
  g_assert_cmpstr (json_object_get_string_member (err, "message"), ==, "unterminated quoted-string");
}

static void
test_parse_latin1 (void)
{
  const char *args[] = { "parse", "Basic realm=\"caf\xe9 \xff\"", NULL };
  const char *utf8[] = { "parse", "Basic realm=\"caf\xc3\xa9\"", NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) parser2 = NULL;
  JsonObject *root;

  /* Not UTF-8: each byte becomes the code point of the same value. */
  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  root = parse_json (out, &parser);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (root, "challenges"), 0), "params"), 0), 1),
    ==, "caf\xc3\xa9 \xc3\xbf");

  g_assert_cmpint (run_tool (utf8, NULL, &out2), ==, 0);
  root = parse_json (out2, &parser2);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (root, "challenges"), 0), "params"), 0), 1),
    ==, "caf\xc3\xa9");
}

static void
test_usage_errors (void)
{
  const char *bad_option[] = { "parse", "--no-such-option", NULL };
  const char *bad_command[] = { "frobnicate", NULL };
  const char *none[] = { NULL };
  const char *bad_port[] = { "serve", "--port", "70000", NULL };
  const char *help[] = { "--help", NULL };
  /* Sites with no host GUri can read, refused before the keyring is opened. */
  const char *no_site[][5] = {
    { "credentials", "forget", "--site", "", NULL },
    { "credentials", "forget", "--site", "http://", NULL },
    { "credentials", "forget", "--site", "https:///path", NULL },
    { "credentials", "forget", "--site", "http://[::1", NULL },
  };

  g_assert_cmpint (run_tool (bad_option, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (bad_command, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (none, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (bad_port, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (help, NULL, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (no_site); i++)
    g_assert_cmpint (run_tool (no_site[i], NULL, NULL), ==, 2);
}

static void
test_walkthrough (void)
{
  const char *args[] = { "walkthrough", NULL };
  g_autofree char *out = NULL;

  /* The README's main job: both logins accepted, SHA-512-256 chosen, and
   * the server's rspauth verified. */
  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  g_assert_nonnull (strstr (out, "chosen: digest, algorithm SHA-512-256"));
  g_assert_nonnull (strstr (out, "algorithm=SHA-512-256"));
  g_assert_nonnull (strstr (out, "rspauth verified"));
  g_assert_nonnull (strstr (out, "Both logins accepted."));
}

/* ---- http-auth fetch ---- */

static HttpAuthDemoServer *
start_server (void)
{
  g_autoptr(GError) error = NULL;
  HttpAuthDemoServer *server = http_auth_demo_server_new ("alice", "wonderland");

  http_auth_demo_server_start_thread (server, &error);
  g_assert_no_error (error);

  return server;
}

static char *
write_temp (const char *name,
            const char *contents,
            gsize       len)
{
  g_autofree char *dir = g_dir_make_tmp ("http-auth-cli-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  return path;
}

static void
test_fetch_concurrent_one_prompt (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *creds = write_temp ("c.json", "{\"credentials\":[{\"user\":\"alice\",\"password\":\"wonderland\"}]}", -1);
  g_autofree char *a = http_auth_demo_server_get_url (server, "/digest/sha-512-256/a");
  g_autofree char *b = http_auth_demo_server_get_url (server, "/digest/sha-512-256/b");
  g_autofree char *c = http_auth_demo_server_get_url (server, "/digest/sha-512-256/c");
  const char *args[] = { "fetch", "--credentials-file", creds, "--json", "-", a, b, c, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *results;
  JsonArray *prompts;

  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  root = parse_json (out, &parser);
  results = json_object_get_array_member (root, "results");
  prompts = json_object_get_array_member (root, "prompts");

  /* Three URLs of one realm, one session: one coalesced prompt. */
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  g_assert_cmpuint (json_array_get_length (prompts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (prompts, 0), "realm"), ==,
                   "HttpAuth Digest");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (prompts, 0), "target"), ==,
                   "server");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (prompts, 0), "retrying"));
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      JsonArray *ex = json_object_get_array_member (r, "exchanges");
      JsonObject *last = json_array_get_object_element (ex, json_array_get_length (ex) - 1);

      g_assert_cmpint (json_object_get_int_member (r, "status"), ==, 200);
      g_assert_true (json_object_get_null_member (r, "error"));
      g_assert_cmpint (json_object_get_int_member (r, "body_bytes"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (last, "auth_scheme_sent"), ==, "digest");
    }
  /* Never a secret in the report. */
  g_assert_null (strstr (out, "wonderland"));
}

static void
test_fetch_exit_codes (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *protected = http_auth_demo_server_get_url (server, "/basic/x");
  g_autofree char *no_challenge = http_auth_demo_server_get_url (server, "/no-challenge/");
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *bad_creds = write_temp ("bad.json", "{\"credentials\":[{\"user\":1}]}", -1);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *r;

  /* A bound but not listening port: connection refused. */
  g_socket_bind (sock, any, FALSE, NULL);
  bound = g_socket_get_local_address (sock, NULL);
  refused = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  {
    /* 401s are HTTP responses: exit 0, as curl. */
    const char *args[] = { "fetch", "--json", "-", protected, no_challenge, NULL };
    g_autofree char *o = NULL;
    g_assert_cmpint (run_tool (args, NULL, &o), ==, 0);
  }
  {
    const char *args[] = { "fetch", "--json", "-", protected, refused, NULL };
    g_assert_cmpint (run_tool (args, NULL, &out), ==, 1);
    r = json_array_get_object_element (json_object_get_array_member (parse_json (out, &parser), "results"), 1);
    g_assert_true (json_object_get_null_member (r, "status"));
    g_assert_false (json_object_get_null_member (r, "error"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "error"), "domain"), ==,
                     "g-io-error-quark");
  }
  {
    const char *no_url[] = { "fetch", NULL };
    const char *bad_header[] = { "fetch", "-H", "NoColon", protected, NULL };
    const char *pass_only[] = { "fetch", "--password", "x", protected, NULL };
    const char *creds[] = { "fetch", "--credentials-file", bad_creds, protected, NULL };
    const char *not_http[] = { "fetch", "ftp://127.0.0.1/", NULL };
    const char *two_outputs[] = { "fetch", "-o", "/dev/null", protected, no_challenge, NULL };

    g_assert_cmpint (run_tool (no_url, NULL, NULL), ==, 2);
    g_assert_cmpint (run_tool (bad_header, NULL, NULL), ==, 2);
    g_assert_cmpint (run_tool (pass_only, NULL, NULL), ==, 2);
    g_assert_cmpint (run_tool (creds, NULL, NULL), ==, 2);
    g_assert_cmpint (run_tool (not_http, NULL, NULL), ==, 2);
    g_assert_cmpint (run_tool (two_outputs, NULL, NULL), ==, 2);
  }
}

static void
test_fetch_post_output (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/basic/upload");
  static const char payload[] = "field=value&x=\x01\x02\xff";
  g_autofree char *data = write_temp ("data.bin", payload, sizeof payload - 1);
  g_autofree char *dir = g_dir_make_tmp ("http-auth-cli-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *json = g_build_filename (dir, "report.json", NULL);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) payload, sizeof payload - 1);
  g_autofree char *expect = g_strdup_printf ("body: %" G_GSIZE_FORMAT " bytes, sha256 %s", sizeof payload - 1, sha);
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) record = NULL;
  const char *args[] = { "fetch", "-X", "POST", "--data-file", data, "-u", "alice", "--password", "wonderland",
                         "-o", output, "--json", json, url, NULL };

  g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (output, &body, NULL, NULL));
  g_assert_nonnull (strstr (body, expect));
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));

  /* The body arrived byte-identical on the first try and on the retry. */
  record = http_auth_demo_server_get_exchanges (server);
  g_assert_cmpuint (record->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (((HttpAuthDemoExchange *) g_ptr_array_index (record, i))->body_sha256, ==, sha);
}

static void
test_fetch_caller_header (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/basic/x");
  g_autofree char *creds = write_temp ("c.json", "{\"credentials\":[{\"user\":\"alice\",\"password\":\"wonderland\"}]}", -1);
  const char *args[] = { "fetch", "-H", "Authorization: Basic Zm9vOmJhcg==", "--credentials-file", creds,
                         "--json", "-", url, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) record = NULL;
  JsonObject *root;

  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  root = parse_json (out, &parser);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
    json_object_get_array_member (root, "results"), 0), "status"), ==, 401);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "prompts")), ==, 0);
  record = http_auth_demo_server_get_exchanges (server);
  g_assert_cmpuint (record->len, ==, 1);
  g_assert_cmpstr (((HttpAuthDemoExchange *) g_ptr_array_index (record, 0))->authorization, ==,
                   "Basic Zm9vOmJhcg==");
}

/* The Authorization sent to @port, the last one, or NULL. */
static char *
authorization_at (HttpAuthDemoServer *server,
                  guint               port,
                  guint              *n_requests)
{
  g_autoptr(GPtrArray) record = http_auth_demo_server_get_exchanges (server);
  char *authorization = NULL;

  *n_requests = 0;
  for (guint i = 0; i < record->len; i++)
    {
      HttpAuthDemoExchange *e = g_ptr_array_index (record, i);

      if (e->port != port)
        continue;
      (*n_requests)++;
      if (e->authorization != NULL)
        {
          g_free (authorization);
          authorization = g_strdup (e->authorization);
        }
    }

  return authorization;
}

static gint64
fetch_status (const char * const *args)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;

  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  g_assert_null (strstr (out, "wonderland"));
  root = parse_json (out, &parser);

  return json_object_get_int_member (json_array_get_object_element (
    json_object_get_array_member (root, "results"), 0), "status");
}

static void
test_fetch_user_bound_to_origins (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *cross = http_auth_demo_server_get_url (server, "/redirect/?to=/basic/x&cross=1");
  g_autofree char *same = http_auth_demo_server_get_url (server, "/redirect/?to=/basic/x");
  guint port = http_auth_demo_server_get_port (server);
  guint other = http_auth_demo_server_get_other_port (server);
  const char *bound[] = { "fetch", "-u", "alice", "--password", "wonderland", "--json", "-", cross, NULL };
  const char *trusted[] = { "fetch", "-u", "alice", "--password", "wonderland", "--location-trusted",
                            "--json", "-", cross, NULL };
  const char *same_origin[] = { "fetch", "-u", "alice", "--password", "wonderland", "--json", "-", same, NULL };

  g_test_summary ("Security finding 10: `fetch -u/--password` answered the prompts of any origin, a "
                  "cross-origin redirect's target included (curl's CVE-2018-1000007); it answers only "
                  "the command line's origins unless --location-trusted");

  /* The redirect target is another origin: its 401 stays unanswered. */
  {
    g_autofree char *authorization = NULL;
    guint n = 0;

    g_assert_cmpint (fetch_status (bound), ==, 401);
    authorization = authorization_at (server, other, &n);
    g_assert_cmpuint (n, >, 0);
    g_assert_null (authorization);
  }

  /* --location-trusted: the user trusts wherever the redirects lead. */
  http_auth_demo_server_clear_exchanges (server);
  {
    g_autofree char *authorization = NULL;
    guint n = 0;

    g_assert_cmpint (fetch_status (trusted), ==, 200);
    authorization = authorization_at (server, other, &n);
    g_assert_nonnull (authorization);
    g_assert_true (g_str_has_prefix (authorization, "Basic "));
  }

  /* A redirect within the origin given keeps the login. */
  http_auth_demo_server_clear_exchanges (server);
  {
    g_autofree char *authorization = NULL;

    g_autofree char *elsewhere = NULL;
    guint n = 0;
    guint n_other = 0;

    g_assert_cmpint (fetch_status (same_origin), ==, 200);
    authorization = authorization_at (server, port, &n);
    g_assert_nonnull (authorization);
    elsewhere = authorization_at (server, other, &n_other);
    g_assert_cmpuint (n_other, ==, 0);
  }
}

typedef struct
{
  HttpAuthPromptResult  result;
  HttpAuthCredential   *credential;
  gboolean              done;
} Asked;

static void
asked_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Asked *asked = user_data;
  g_autoptr(GError) error = NULL;

  asked->result = http_auth_prompter_ask_finish (HTTP_AUTH_PROMPTER (object), result, &error);
  g_assert_no_error (error);
  asked->done = TRUE;
}

/* Asks @prompter whether it answers @target's prompt from @origin. */
static gboolean
answers (HttpAuthCredentialsPrompter *prompter,
         HttpAuthTarget               target,
         const char                  *origin)
{
  g_autoptr(HttpAuthPrompt) prompt = http_auth_prompt_new (NULL, target, origin, "r", "Basic", NULL, FALSE, FALSE);
  Asked asked = { 0 };

  http_auth_prompter_ask_async (HTTP_AUTH_PROMPTER (prompter), prompt, NULL, asked_cb, &asked);
  while (!asked.done)
    g_main_context_iteration (NULL, TRUE);
  if (http_auth_prompt_get_credential (prompt) != NULL)
    asked.credential = http_auth_credential_ref (http_auth_prompt_get_credential (prompt));

  if (asked.result == HTTP_AUTH_PROMPT_RESULT_ANSWERED)
    {
      g_assert_nonnull (asked.credential);
      g_assert_cmpstr (http_auth_credential_get_username (asked.credential), ==, "alice");
      http_auth_credential_unref (asked.credential);
      return TRUE;
    }

  g_assert_null (asked.credential);
  g_assert_cmpint (asked.result, ==, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
  return FALSE;
}

static void
test_credentials_prompter_origins (void)
{
  g_autoptr(HttpAuthCredentialsPrompter) server = http_auth_credentials_prompter_new ("alice", "wonderland");
  g_autoptr(HttpAuthCredentialsPrompter) proxy =
    http_auth_credentials_prompter_new_for_proxy ("alice", "wonderland", "http://Proxy.example:3128");
  g_autoptr(HttpAuthCredentialsPrompter) any_port =
    http_auth_credentials_prompter_new_for_proxy ("alice", "wonderland", "http://[::1]");

  g_test_summary ("Security finding 10: HttpAuthCredentialsPrompter answered every origin and every "
                  "proxy; it answers only the origins given (or any, when asked to) and a proxy "
                  "prompter only its proxy");

  /* No origin given: nobody. */
  g_assert_false (answers (server, HTTP_AUTH_TARGET_SERVER, "http://127.0.0.1:8080"));

  g_assert_true (http_auth_credentials_prompter_add_origin (server, "http://user@127.0.0.1:8080/basic/x?y=1"));
  g_assert_true (http_auth_credentials_prompter_add_origin (server, "HTTPS://Example.COM"));
  g_assert_true (http_auth_credentials_prompter_add_origin (server, "http://[::1]:8080/"));
  g_assert_false (http_auth_credentials_prompter_add_origin (server, "ftp://example.com/"));
  g_assert_false (http_auth_credentials_prompter_add_origin (server, "not a URL"));

  g_assert_true (answers (server, HTTP_AUTH_TARGET_SERVER, "http://127.0.0.1:8080"));
  g_assert_true (answers (server, HTTP_AUTH_TARGET_SERVER, "https://example.com:443"));
  g_assert_true (answers (server, HTTP_AUTH_TARGET_SERVER, "http://[::1]:8080"));
  /* Another port, scheme or host is another origin. */
  g_assert_false (answers (server, HTTP_AUTH_TARGET_SERVER, "http://127.0.0.1:8081"));
  g_assert_false (answers (server, HTTP_AUTH_TARGET_SERVER, "https://127.0.0.1:8080"));
  g_assert_false (answers (server, HTTP_AUTH_TARGET_SERVER, "http://example.com:443"));
  g_assert_false (answers (server, HTTP_AUTH_TARGET_SERVER, "https://evil.example.com:443"));
  /* A proxy at an origin's host and port is still a proxy. */
  g_assert_false (answers (server, HTTP_AUTH_TARGET_PROXY, "127.0.0.1:8080"));

  http_auth_credentials_prompter_set_any_origin (server, TRUE);
  g_assert_true (answers (server, HTTP_AUTH_TARGET_SERVER, "https://evil.example.com:443"));
  g_assert_false (answers (server, HTTP_AUTH_TARGET_PROXY, "127.0.0.1:8080"));

  g_assert_true (answers (proxy, HTTP_AUTH_TARGET_PROXY, "proxy.example:3128"));
  g_assert_false (answers (proxy, HTTP_AUTH_TARGET_PROXY, "proxy.example:3129"));
  g_assert_false (answers (proxy, HTTP_AUTH_TARGET_PROXY, "other.example:3128"));
  g_assert_false (answers (proxy, HTTP_AUTH_TARGET_SERVER, "http://proxy.example:3128"));

  /* A proxy URI without a port: any port of that host. */
  g_assert_true (answers (any_port, HTTP_AUTH_TARGET_PROXY, "::1:3128"));
  g_assert_true (answers (any_port, HTTP_AUTH_TARGET_PROXY, "[::1]:8080"));
  g_assert_false (answers (any_port, HTTP_AUTH_TARGET_PROXY, "127.0.0.1:3128"));

  g_assert_null (http_auth_credentials_prompter_new_for_proxy ("alice", "wonderland", "no-port-no-scheme"));
}

/* ---- -o/--output writes in place ---- */

static char *
expected_body (HttpAuthDemoServer *server,
               const char         *url)
{
  const char *args[] = { "fetch", url, NULL };
  char *out = NULL;

  g_assert_cmpint (run_tool (args, NULL, &out), ==, 0);
  g_assert_cmpuint (strlen (out), >, 0);

  return out;
}

static void
test_fetch_output_char_device (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/open/x");
  g_autofree char *dir = g_dir_make_tmp ("http-auth-cli-XXXXXX", NULL);
  g_autofree char *null = g_build_filename (dir, "null", NULL);
  const char *args[] = { "fetch", "-o", null, url, NULL };
  GStatBuf st;

  g_test_summary ("Issue 12: `fetch -o /dev/null` as root replaced the device with a regular file "
                  "(g_file_set_contents renames a temporary file over the target)");

  if (geteuid () != 0)
    {
      g_test_skip ("making a character device needs root");
      g_rmdir (dir);
      return;
    }

  /* A copy of /dev/null in a directory of the test's own. */
  g_assert_cmpint (mknod (null, S_IFCHR | 0666, makedev (1, 3)), ==, 0);

  g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
  g_assert_cmpint (g_lstat (null, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (major (st.st_rdev), ==, 1);
  g_assert_cmpuint (minor (st.st_rdev), ==, 3);

  g_unlink (null);
  g_rmdir (dir);
}

static void
test_fetch_output_fifo (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/open/x");
  g_autofree char *expect = expected_body (server, url);
  g_autofree char *dir = g_dir_make_tmp ("http-auth-cli-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  const char *args[] = { "fetch", "-o", fifo, url, NULL };
  GStatBuf st;
  char buf[4096];
  gssize n;
  int fd;

  g_test_summary ("Issue 12: `fetch -o FIFO` replaced the FIFO with a regular file instead of "
                  "writing into it");

  /* The reading end is open before the tool runs, so that its open does
   * not wait; the body is far smaller than the pipe's buffer. Had the
   * tool never written into the FIFO, the read finds nothing instead of
   * waiting. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (fifo, O_RDONLY | O_NONBLOCK, 0);
  g_assert_cmpint (fd, >=, 0);

  g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (got, buf, n);
  g_close (fd, NULL);

  g_assert_cmpstr (got->str, ==, expect);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_unlink (fifo);
  g_rmdir (dir);
}

static void
test_fetch_output_symlink (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/open/x");
  g_autofree char *expect = expected_body (server, url);
  g_autofree char *dir = g_dir_make_tmp ("http-auth-cli-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "target.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "link.txt", NULL);
  g_autofree char *longer = g_strnfill (strlen (expect) + 100, 'x');
  g_autofree char *got = NULL;
  const char *args[] = { "fetch", "-o", link, url, NULL };

  g_test_summary ("Issue 12: `fetch -o SYMLINK` replaced the link with a regular file instead of "
                  "writing to (and truncating) the file it points to");

  g_assert_true (g_file_set_contents (target, longer, -1, NULL));
  g_assert_cmpint (symlink ("target.txt", link), ==, 0);

  g_assert_cmpint (run_tool (args, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (target, &got, NULL, NULL));
  g_assert_cmpstr (got, ==, expect);

  g_unlink (link);
  g_unlink (target);
  g_rmdir (dir);
}

static void
test_fetch_setup_errors (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/open/x");
  g_autofree char *data = write_temp ("data.bin", "body", 4);
  g_autofree char *dir = g_dir_make_tmp ("http-auth-cli-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "cert.pem", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-dir", "out.txt", NULL);
  const char *bad_cacert[] = { "fetch", "--data-file", data, "-u", "alice", "--password", "wonderland",
                               "--proxy", "http://127.0.0.1:1", "--proxy-user", "p", "--proxy-password", "q",
                               "--cacert", missing, url, NULL };
  const char *bad_output[] = { "fetch", "-o", unwritable, url, NULL };

  g_test_summary ("Issue 12: the `--cacert` error path leaked the request body read from --data-file");

  g_assert_cmpint (run_tool (bad_cacert, NULL, NULL), ==, 2);
  /* An output that cannot be opened is a failure, not a usage error. */
  g_assert_cmpint (run_tool (bad_output, NULL, NULL), ==, 1);

#ifdef __SANITIZE_ADDRESS__
  /* The lost block's address stays in dead stack memory, which
   * LeakSanitizer scans, and valgrind cannot run a sanitized binary: the
   * leak itself is checked by the same test in the build without
   * sanitizers, which the test command runs too. */
  g_test_message ("leak check: done by the build without sanitizers (valgrind cannot run this one)");
#else
  {
    g_autofree char *valgrind = g_find_program_in_path ("valgrind");
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;

    if (valgrind == NULL)
      {
        g_test_skip ("valgrind is not installed");
      }
    else
      {
        /* Only definite leaks count: GLib's type system keeps the rest. */
        proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                 valgrind, "--leak-check=full", "--errors-for-leak-kinds=definite",
                                 "--error-exitcode=42", g_getenv ("HTTP_AUTH_TOOL"), "fetch",
                                 "--data-file", data, "--cacert", missing, url, NULL);
        g_assert_no_error (error);
        g_subprocess_wait (proc, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
      }
  }
#endif

  g_rmdir (dir);
}

static void
read_until (GInputStream *in,
            GString      *seen,
            const char   *marker)
{
  while (strstr (seen->str, marker) == NULL)
    {
      char buf[256];
      gssize n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL);

      g_assert_cmpint (n, >, 0);
      g_string_append_len (seen, buf, n);
    }
}

static void
test_fetch_terminal_prompt (void)
{
  g_autoptr(HttpAuthDemoServer) server = start_server ();
  g_autofree char *url = http_auth_demo_server_get_url (server, "/basic/x");
  g_autofree char *command = g_strdup_printf ("%s fetch %s", g_getenv ("HTTP_AUTH_TOOL"), url);
  g_autofree char *script = g_find_program_in_path ("script");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  GOutputStream *to_tty;
  GInputStream *from_tty;

  /* script(1) gives the CLI a real terminal: it asks there, with the
   * password not echoed. */
  g_assert_nonnull (script);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           script, "-q", "-e", "-c", command, "/dev/null", NULL);
  g_assert_no_error (error);
  to_tty = g_subprocess_get_stdin_pipe (proc);
  from_tty = g_subprocess_get_stdout_pipe (proc);

  read_until (from_tty, seen, "User name");
  g_assert_nonnull (strstr (seen->str, "The site says: “HttpAuth Basic”"));
  g_assert_nonnull (strstr (seen->str, "plain HTTP"));
  g_output_stream_write_all (to_tty, "alice\n", 6, NULL, NULL, &error);
  g_assert_no_error (error);
  read_until (from_tty, seen, "Password for alice");
  g_output_stream_write_all (to_tty, "wonderland\n", 11, NULL, NULL, &error);
  g_assert_no_error (error);
  read_until (from_tty, seen, "accepted your Basic login");
  g_output_stream_close (to_tty, NULL, NULL);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);

  g_assert_null (strstr (seen->str, "wonderland"));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/Cli/parse-args", test_parse_args);
  g_test_add_func ("/HttpAuth/Cli/parse-stdin-errors", test_parse_stdin_and_errors);
  g_test_add_func ("/HttpAuth/Cli/parse-latin1", test_parse_latin1);
  g_test_add_func ("/HttpAuth/Cli/usage-errors", test_usage_errors);
  g_test_add_func ("/HttpAuth/Cli/walkthrough", test_walkthrough);
  g_test_add_func ("/HttpAuth/Cli/fetch/concurrent-one-prompt", test_fetch_concurrent_one_prompt);
  g_test_add_func ("/HttpAuth/Cli/fetch/exit-codes", test_fetch_exit_codes);
  g_test_add_func ("/HttpAuth/Cli/fetch/post-output", test_fetch_post_output);
  g_test_add_func ("/HttpAuth/Cli/fetch/caller-header", test_fetch_caller_header);
  g_test_add_func ("/HttpAuth/Cli/fetch/terminal-prompt", test_fetch_terminal_prompt);
  g_test_add_func ("/HttpAuth/Cli/fetch/user-bound-to-origins", test_fetch_user_bound_to_origins);
  g_test_add_func ("/HttpAuth/Cli/credentials-prompter/origins", test_credentials_prompter_origins);
  g_test_add_func ("/HttpAuth/Cli/fetch/output/char-device", test_fetch_output_char_device);
  g_test_add_func ("/HttpAuth/Cli/fetch/output/fifo", test_fetch_output_fifo);
  g_test_add_func ("/HttpAuth/Cli/fetch/output/symlink", test_fetch_output_symlink);
  g_test_add_func ("/HttpAuth/Cli/fetch/setup-errors", test_fetch_setup_errors);

  return g_test_run ();
}
