/* test-challenge.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "http-auth-challenge-private.h"
#include "http-auth-error.h"
#include "http-auth-prompt-context.h"

#include <string.h>

/* Renders a parse result compactly so that each table row states the
 * whole outcome: challenges joined by " | ", each as
 * `scheme <token68> name=[value] … !dup`, then ` E@offset` per error. */
static char *
render (GPtrArray *challenges,
        GPtrArray *errors)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *c = g_ptr_array_index (challenges, i);

      if (i > 0)
        g_string_append (out, " | ");
      g_string_append (out, http_auth_challenge_get_scheme (c));
      if (http_auth_challenge_get_token68 (c) != NULL)
        g_string_append_printf (out, " <%s>", http_auth_challenge_get_token68 (c));
      for (guint j = 0; j < http_auth_challenge_get_n_params (c); j++)
        g_string_append_printf (out, " %s=[%s]",
                                http_auth_challenge_get_param_name (c, j),
                                http_auth_challenge_get_param_value (c, j));
      if (http_auth_challenge_has_duplicate_params (c))
        g_string_append (out, " !dup");
    }

  for (guint i = 0; i < errors->len; i++)
    {
      HttpAuthParseError *e = g_ptr_array_index (errors, i);
      g_string_append_printf (out, "%sE@%" G_GSIZE_FORMAT, out->len ? " " : "", http_auth_parse_error_get_offset (e));
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *input[3];
  const char *expected;
} ParseCase;

static const ParseCase cases[] = {
  /* Basics, case folding, BWS */
  { { "Basic realm=\"x\"" }, "basic realm=[x]" },
  { { "basic REALM=\"x\"" }, "basic realm=[x]" },
  { { "BASIC realm=x" }, "basic realm=[x]" },
  { { "Basic realm = \"x\"" }, "basic realm=[x]" },
  { { "Basic realm\t=\t\"x\"" }, "basic realm=[x]" },
  { { "Basic    realm=\"x\"" }, "basic realm=[x]" },
  { { "Basic\trealm=\"x\"" }, "basic realm=[x]" },
  { { "Basic realm=\"MiXeD\"" }, "basic realm=[MiXeD]" },
  { { "Digest Realm=\"x\", NONCE=\"y\"" }, "digest realm=[x] nonce=[y]" },
  /* Several challenges in one line */
  { { "Basic realm=\"x\", Digest realm=\"y\", nonce=\"n\"" }, "basic realm=[x] | digest realm=[y] nonce=[n]" },
  { { "Digest realm=\"y\", nonce=\"n\", Basic realm=\"x\"" }, "digest realm=[y] nonce=[n] | basic realm=[x]" },
  { { "Digest realm=\"r\",nonce=\"n\",qop=auth" }, "digest realm=[r] nonce=[n] qop=[auth]" },
  { { "Basic realm=\"x\" , charset=\"UTF-8\"" }, "basic realm=[x] charset=[UTF-8]" },
  { { "A, B, C" }, "a | b | c" },
  { { "A B, C" }, "a <B> | c" },
  { { "Basic realm=\"x\", Digest" }, "basic realm=[x] | digest" },
  { { "Digest realm=\"x\", nonce=\"a\", Basic" }, "digest realm=[x] nonce=[a] | basic" },
  /* Empty list elements */
  { { ", Basic realm=\"x\"" }, "basic realm=[x]" },
  { { "Basic realm=\"x\",,, Digest realm=\"y\"" }, "basic realm=[x] | digest realm=[y]" },
  { { "Basic realm=\"x\" ,  " }, "basic realm=[x]" },
  { { "Basic realm=\"x\", ," }, "basic realm=[x]" },
  { { "" }, "" },
  { { "   " }, "" },
  { { ",,," }, "" },
  { { " , \t, " }, "" },
  /* token68 */
  { { "Negotiate" }, "negotiate" },
  { { "Negotiate abc" }, "negotiate <abc>" },
  { { "Negotiate abc=" }, "negotiate <abc=>" },
  { { "Negotiate abc==" }, "negotiate <abc==>" },
  { { "Negotiate YII+/abc==" }, "negotiate <YII+/abc==>" },
  { { "Negotiate a.b-c_d~e" }, "negotiate <a.b-c_d~e>" },
  { { "Negotiate AbC=" }, "negotiate <AbC=>" },
  { { "Negotiate abc, Basic realm=\"x\"" }, "negotiate <abc> | basic realm=[x]" },
  { { "Negotiate abc==  , Basic" }, "negotiate <abc==> | basic" },
  { { "Basic realm=" }, "basic <realm=>" },
  { { "Bearer abc/def+ghi" }, "bearer <abc/def+ghi>" },
  /* quoted-string */
  { { "Basic realm=\"a\\\"b\"" }, "basic realm=[a\"b]" },
  { { "Basic realm=\"a\\\\b\"" }, "basic realm=[a\\b]" },
  { { "Basic realm=\"\\a\\b\\c\"" }, "basic realm=[abc]" },
  { { "Basic realm=\"\"" }, "basic realm=[]" },
  { { "Basic realm=\"a,b\"" }, "basic realm=[a,b]" },
  { { "Basic realm=\"a=b\"" }, "basic realm=[a=b]" },
  { { "Basic realm=\"a b\tc\"" }, "basic realm=[a b\tc]" },
  { { "X a=\"\\\"\\\"\"" }, "x a=[\"\"]" },
  { { "X a=\"\\\\\\\\\"" }, "x a=[\\\\]" },
  { { "Basic realm=\"Z\xc3\xbcrich\"" }, "basic realm=[Z\xc3\xbcrich]" },
  { { "Basic realm=\"caf\xe9\"" }, "basic realm=[caf\xe9]" },
  { { "Basic realm=\"a\\\xe9\"" }, "basic realm=[a\xe9]" },
  /* Tokens and parameter names */
  { { "Digest realm=\"x\", qop=\"auth,auth-int\"" }, "digest realm=[x] qop=[auth,auth-int]" },
  { { "Digest realm=\"x\", domain=\"/a /b\"" }, "digest realm=[x] domain=[/a /b]" },
  { { "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"" },
    "bearer realm=[example] error=[invalid_token] error_description=[The access token expired]" },
  { { "NewScheme foo=bar" }, "newscheme foo=[bar]" },
  { { "Scheme a=!#$%&'*+-.^_`|~" }, "scheme a=[!#$%&'*+-.^_`|~]" },
  { { "Scheme x-y_z.w=1" }, "scheme x-y_z.w=[1]" },
  { { "X-1 a=b" }, "x-1 a=[b]" },
  /* Lenient: parameters after "Scheme," belong to it, as in browsers */
  { { "Basic, realm=\"x\"" }, "basic realm=[x]" },
  /* Duplicate parameter names are kept in order and flagged */
  { { "Basic realm=\"a\", realm=\"b\"" }, "basic realm=[a] realm=[b] !dup" },
  { { "Basic realm=\"a\", REALM=\"b\"" }, "basic realm=[a] realm=[b] !dup" },
  { { "Digest realm=\"a\", nonce=1, nonce=2, Basic realm=\"c\"" }, "digest realm=[a] nonce=[1] nonce=[2] !dup | basic realm=[c]" },
  { { "Basic realm=\"a\", Digest realm=\"a\"" }, "basic realm=[a] | digest realm=[a]" },
  /* obs-fold is read as spaces */
  { { "Basic realm=\"x\",\r\n charset=\"UTF-8\"" }, "basic realm=[x] charset=[UTF-8]" },
  { { "Basic\r\n realm=\"x\"" }, "basic realm=[x]" },
  { { "Basic realm=\"x\",\r\n\tcharset=UTF-8" }, "basic realm=[x] charset=[UTF-8]" },
  { { "X a=\"b\r\n c\"" }, "x a=[b   c]" },
  /* Several field lines form one list; offsets count ", " between them */
  { { "Basic realm=\"a\"", "Digest realm=\"b\", nonce=\"n\"" }, "basic realm=[a] | digest realm=[b] nonce=[n]" },
  { { "Basic realm=\"a\"", "", "Negotiate" }, "basic realm=[a] | negotiate" },
  { { "Basic realm=\"a\"", "Digest realm=\"b" }, "basic realm=[a] E@30" },
  { { "Basic realm=\"a", "Digest realm=\"b\"" }, "digest realm=[b] E@12" },
  /* Malformed challenges are reported and skipped */
  { { "Basic realm=\"x" }, "E@12" },
  { { "Basic realm=\"x\", Digest realm=\"y" }, "basic realm=[x] E@30" },
  { { "Basic realm=\"abc\\" }, "E@12" },
  { { "Basic realm=\"x\"\r" }, "E@15" },
  { { "Basic realm=\"x\" charset=\"y\"" }, "E@16" },
  { { "Basic realm=\"x\"garbage" }, "E@15" },
  { { "Basic realm=, charset=\"UTF-8\"" }, "E@14" },
  { { "\"Basic\" realm" }, "E@0" },
  { { "Basic \"realm\"" }, "E@6" },
  { { "realm=\"x\"" }, "E@0" },
  { { "realm=\"x\", Basic realm=\"y\"" }, "basic realm=[y] E@0" },
  { { "Basic realm=\"x\", Bogus@ foo" }, "basic realm=[x] E@22" },
  { { "Basic realm=\"a\x01" "b\"" }, "E@14" },
  { { "Basic realm=\"a\x7f" "b\"" }, "E@14" },
  { { "Basic realm=\"a\\\x01\"" }, "E@15" },
  { { "Negotiate abc, realm=\"x\"" }, "E@15" },
  { { "Negotiate abc def" }, "E@10" },
  { { "Basic =" }, "E@0" },
  { { "Basic ==" }, "E@0" },
  { { "=foo" }, "E@0" },
  { { "Basic realm=\"x\", =foo, Digest realm=\"y\"" }, "digest realm=[y] E@17" },
  { { "X a=b/c" }, "E@5" },
  { { "X a=\xe9" }, "E@4" },
  { { "Basic realm=\"x\",\r\nDigest" }, "E@16" },
  { { "Basic realm=\"x, Digest realm=\"y\"" }, "E@30" },
  { { "Basic realm=\"x\", Digest realm=\"y\" z=1, Negotiate" }, "basic realm=[x] | negotiate E@34" },
  { { "Digest realm=\"a\" nonce=\"b\", Basic realm=\"c\"" }, "basic realm=[c] E@17" },
  { { "Basic realm=\"x\", broken \"q,uo\", Digest realm=\"y\"" }, "basic realm=[x] | digest realm=[y] E@24" },
  /* A stray quote (after a token character) in a malformed challenge does
   * not open a quoted-string: the next challenge is still read */
  { { "Basic realm=a\"b, Digest realm=\"r\", nonce=\"n\"" }, "digest realm=[r] nonce=[n] E@13" },
  { { "Basic realm=\"x\"y\"z, Basic realm=\"ok\"" }, "basic realm=[ok] E@15" },
  { { "Negotiate ab\"c, Basic realm=\"r\"" }, "basic realm=[r] E@10" },
  { { "Basic realm=a\"b,c\", Digest realm=\"r\"" }, "digest realm=[r] E@13 E@17" },
  { { "Digest realm=\"a\" nonce=\"b,c\", Basic realm=\"c\"" }, "basic realm=[c] E@17" },
};

static void
test_parse_table (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  g_autofree char *got = NULL;
  const char *values[4] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (c->input) && c->input[i] != NULL; i++)
    values[i] = c->input[i];

  challenges = http_auth_challenge_parse_list (values, &errors);
  got = render (challenges, errors);
  g_assert_cmpstr (got, ==, c->expected);
}

static void
test_stray_quote (void)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  HttpAuthChallenge *c;

  g_test_summary ("Issue 16: `Basic realm=a\"b, Digest realm=\"r\", nonce=\"n\"` gave no challenge at "
                  "all: the stray quote in the malformed Basic challenge swallowed the valid Digest one");

  challenges = http_auth_challenge_parse ("Basic realm=a\"b, Digest realm=\"r\", nonce=\"n\"", &errors);
  g_assert_cmpuint (challenges->len, ==, 1);
  c = g_ptr_array_index (challenges, 0);
  g_assert_cmpstr (http_auth_challenge_get_scheme (c), ==, "digest");
  g_assert_cmpuint (http_auth_challenge_get_offset (c), ==, 17);
  g_assert_cmpstr (http_auth_challenge_lookup_param (c, "realm"), ==, "r");
  g_assert_cmpstr (http_auth_challenge_lookup_param (c, "nonce"), ==, "n");
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpuint (http_auth_parse_error_get_offset (g_ptr_array_index (errors, 0)), ==, 13);
  g_assert_cmpstr (http_auth_parse_error_get_message (g_ptr_array_index (errors, 0)), ==,
                   "expected \",\" after auth-param");
}

static void
test_parse_accessors (void)
{
  g_autoptr(GPtrArray) challenges = NULL;
  HttpAuthChallenge *c;

  challenges = http_auth_challenge_parse ("Basic realm=\"a\", Digest Realm=\"b\", NONCE=n", NULL);
  g_assert_cmpuint (challenges->len, ==, 2);

  c = g_ptr_array_index (challenges, 1);
  g_assert_cmpstr (http_auth_challenge_get_scheme (c), ==, "digest");
  g_assert_cmpuint (http_auth_challenge_get_offset (c), ==, 17);
  g_assert_cmpstr (http_auth_challenge_lookup_param (c, "REALM"), ==, "b");
  g_assert_cmpstr (http_auth_challenge_lookup_param (c, "nonce"), ==, "n");
  g_assert_null (http_auth_challenge_lookup_param (c, "qop"));
  g_assert_null (http_auth_challenge_get_token68 (c));
  g_assert_false (http_auth_challenge_has_duplicate_params (c));

  c = g_ptr_array_index (challenges, 0);
  g_assert_cmpuint (http_auth_challenge_get_offset (c), ==, 0);
}

static void
test_parse_error_messages (void)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) challenges = http_auth_challenge_parse ("Basic realm=\"x", &errors);
  HttpAuthParseError *e;
  g_autoptr(HttpAuthParseError) copy = NULL;

  g_assert_cmpuint (challenges->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 1);
  e = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (http_auth_parse_error_get_message (e), ==, "unterminated quoted-string");
  copy = http_auth_parse_error_copy (e);
  g_assert_cmpuint (http_auth_parse_error_get_offset (copy), ==, 12);
  g_assert_cmpstr (http_auth_parse_error_get_message (copy), ==, http_auth_parse_error_get_message (e));
}

static void
test_auth_param_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthChallenge) params = NULL;

  params = _http_auth_parse_auth_param_list ("rspauth=\"abc\", qop=auth, nc=00000001, cnonce=\"x\"",
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (http_auth_challenge_get_n_params (params), ==, 4);
  g_assert_cmpstr (http_auth_challenge_lookup_param (params, "nc"), ==, "00000001");
  g_clear_pointer (&params, http_auth_challenge_unref);

  params = _http_auth_parse_auth_param_list ("nextnonce=\"a\", nextnonce=\"b\"", &error);
  g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO);
  g_assert_null (params);
  g_clear_error (&error);

  params = _http_auth_parse_auth_param_list ("Digest rspauth=\"a\"", &error);
  g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO);
  g_assert_null (params);
  g_clear_error (&error);

  params = _http_auth_parse_auth_param_list ("rspauth=\"unterminated", &error);
  g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO);
  g_clear_error (&error);

  params = _http_auth_parse_auth_param_list ("", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (http_auth_challenge_get_n_params (params), ==, 0);
}

static void
test_quote_roundtrip (void)
{
  static const char *values[] = { "plain", "with \"quotes\"", "back\\slash", "", "\\\"\\" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GString) field = g_string_new ("X a=");
      g_autoptr(GPtrArray) challenges = NULL;

      _http_auth_append_quoted (field, values[i]);
      challenges = http_auth_challenge_parse (field->str, NULL);
      g_assert_cmpuint (challenges->len, ==, 1);
      g_assert_cmpstr (http_auth_challenge_get_param_value (g_ptr_array_index (challenges, 0), 0),
                       ==, values[i]);
    }
}

/* Big inputs: each must parse completely, with the expected result. A
 * quadratic path would make these take minutes instead of milliseconds;
 * the time is reported, not asserted (see bench/ for measurements). */

static void
report_time (const char *what,
             gint64      start)
{
  g_test_message ("%s: %.1f ms", what, (g_get_monotonic_time () - start) / 1000.0);
}

static void
test_large_value (void)
{
  g_autoptr(GString) s = g_string_new ("Basic realm=\"");
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gint64 start;

  for (guint i = 0; i < 200 * 1024; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_string_append_c (s, '"');

  start = g_get_monotonic_time ();
  challenges = http_auth_challenge_parse (s->str, &errors);
  report_time ("200 KiB realm", start);

  g_assert_cmpuint (challenges->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (strlen (http_auth_challenge_get_param_value (g_ptr_array_index (challenges, 0), 0)),
                    ==, 200 * 1024);
}

static void
test_many_challenges (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gint64 start;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (s, "S%u realm=\"r%u\", ", i, i);

  start = g_get_monotonic_time ();
  challenges = http_auth_challenge_parse (s->str, &errors);
  report_time ("10,000 challenges", start);

  g_assert_cmpuint (challenges->len, ==, 10000);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpstr (http_auth_challenge_get_scheme (g_ptr_array_index (challenges, 9999)), ==, "s9999");
}

static void
test_many_params (void)
{
  g_autoptr(GString) s = g_string_new ("X ");
  g_autoptr(GString) dup = g_string_new ("X ");
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  HttpAuthChallenge *c;
  gint64 start;

  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (s, "p%u=v%u, ", i, i);
      g_string_append (dup, "same=v, ");
    }

  start = g_get_monotonic_time ();
  challenges = http_auth_challenge_parse (s->str, &errors);
  report_time ("5,000 distinct params", start);
  g_assert_cmpuint (challenges->len, ==, 1);
  c = g_ptr_array_index (challenges, 0);
  g_assert_cmpuint (http_auth_challenge_get_n_params (c), ==, 5000);
  g_assert_false (http_auth_challenge_has_duplicate_params (c));
  g_assert_cmpstr (http_auth_challenge_get_param_name (c, 4999), ==, "p4999");
  g_clear_pointer (&challenges, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  challenges = http_auth_challenge_parse (dup->str, NULL);
  report_time ("5,000 duplicate params", start);
  c = g_ptr_array_index (challenges, 0);
  g_assert_cmpuint (http_auth_challenge_get_n_params (c), ==, 5000);
  g_assert_true (http_auth_challenge_has_duplicate_params (c));
}

static void
test_many_backslashes (void)
{
  g_autoptr(GString) s = g_string_new ("X a=\"");
  g_autoptr(GString) odd = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gint64 start;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '\\');
  odd = g_string_new (s->str);
  g_string_append_c (s, '"');

  start = g_get_monotonic_time ();
  challenges = http_auth_challenge_parse (s->str, &errors);
  report_time ("100,000 backslashes", start);
  g_assert_cmpuint (challenges->len, ==, 1);
  g_assert_cmpuint (strlen (http_auth_challenge_get_param_value (g_ptr_array_index (challenges, 0), 0)),
                    ==, 50000);
  g_clear_pointer (&challenges, g_ptr_array_unref);
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* 100,000 backslashes then a quote: the quote is escaped, so the string
   * never ends. Also the worst case for error recovery. */
  g_string_append (odd, "\\\", Basic realm=\"x\"");
  challenges = http_auth_challenge_parse (odd->str, &errors);
  g_assert_cmpuint (errors->len, ==, 1);
}

static void
test_many_errors (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gint64 start;

  /* Every "A b c" is a malformed challenge; each "=x" after one belongs to
   * it and is skipped silently, only the very first is reported too. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (s, "=x, A b c, ");
  g_string_append (s, "Basic realm=\"ok\"");

  start = g_get_monotonic_time ();
  challenges = http_auth_challenge_parse (s->str, &errors);
  report_time ("40,000 malformed elements", start);
  g_assert_cmpuint (errors->len, ==, 20001);
  g_assert_cmpuint (challenges->len, ==, 1);
}

/* ---- Prompt contexts made on several threads ---- */

#define SERIAL_THREADS  4
#define SERIAL_CONTEXTS 20000

static gpointer
make_ephemeral_contexts (gpointer data)
{
  GPtrArray *partitions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < SERIAL_CONTEXTS; i++)
    {
      g_autoptr(HttpAuthPromptContext) context = http_auth_prompt_context_new ("https://a.example", TRUE);

      g_ptr_array_add (partitions, http_auth_prompt_context_dup_partition (context));
    }

  return partitions;
}

static void
test_prompt_context_serial_threads (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GThread *threads[SERIAL_THREADS];

  g_test_summary ("Finding 13 (issue 17): ephemeral prompt contexts made on several threads "
                  "at once each get a partition of their own (the serial is atomic)");

  for (guint i = 0; i < SERIAL_THREADS; i++)
    threads[i] = g_thread_new ("ephemeral-contexts", make_ephemeral_contexts, NULL);

  for (guint i = 0; i < SERIAL_THREADS; i++)
    {
      g_autoptr(GPtrArray) partitions = g_thread_join (threads[i]);

      /* A race on a plain ++ would hand two contexts one serial. */
      for (guint j = 0; j < partitions->len; j++)
        g_assert_true (g_hash_table_add (seen, g_strdup (g_ptr_array_index (partitions, j))));
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, SERIAL_THREADS * SERIAL_CONTEXTS);
}

/* ---- The terminal prompter shows a hostile realm safely ---- */

/* A one-route HTTP server on its own thread: every request gets a 401
 * whose challenge is @challenge, written byte for byte. */
typedef struct
{
  GSocket      *listener;
  GCancellable *cancellable;
  const char   *challenge;
  GThread      *thread;
} RawServer;

static gpointer
raw_server_thread (gpointer data)
{
  RawServer *server = data;

  for (;;)
    {
      g_autoptr(GSocket) client = g_socket_accept (server->listener, server->cancellable, NULL);
      g_autoptr(GString) request = g_string_new (NULL);
      g_autofree char *response = NULL;

      if (client == NULL)
        break;

      while (strstr (request->str, "\r\n\r\n") == NULL)
        {
          char buf[1024];
          gssize n = g_socket_receive (client, buf, sizeof buf, server->cancellable, NULL);

          if (n <= 0)
            break;
          g_string_append_len (request, buf, n);
        }

      response = g_strdup_printf ("HTTP/1.1 401 Unauthorized\r\n"
                                  "WWW-Authenticate: %s\r\n"
                                  "Content-Length: 6\r\n"
                                  "Connection: close\r\n"
                                  "\r\n"
                                  "denied", server->challenge);
      g_socket_send (client, response, strlen (response), server->cancellable, NULL);
      g_socket_close (client, NULL);
    }

  return NULL;
}

static char *
raw_server_start (RawServer  *server,
                  const char *challenge)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->challenge = challenge;
  server->cancellable = g_cancellable_new ();
  server->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server->listener, any_port, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server->listener, &error);
  g_assert_no_error (error);
  server->thread = g_thread_new ("raw-server", raw_server_thread, server);

  return g_strdup_printf ("http://127.0.0.1:%u/private/",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
raw_server_stop (RawServer *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_socket_close (server->listener, NULL);
  g_clear_object (&server->listener);
  g_clear_object (&server->cancellable);
}

/* Reads what the terminal shows until @marker appears (or, for %NULL,
 * until the program ends); returns whether @marker appeared. */
static gboolean
read_terminal_until (GInputStream *in,
                     GString      *seen,
                     const char   *marker)
{
  while (marker == NULL || strstr (seen->str, marker) == NULL)
    {
      char buf[256];
      gssize n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL);

      if (n <= 0)
        return FALSE;
      g_string_append_len (seen, buf, n);
    }

  return TRUE;
}

/* The realm's hostile characters, in the raw bytes a server may send in a
 * quoted-string (obs-text): C1 controls as UTF-8 (CSI, OSC, NEL) and as
 * bare bytes, U+2028/2029, the bidi controls, U+061C, invalid UTF-8. */
#define HOSTILE_REALM \
  "Bank" "\xc2\x9b" "31m" "\xc2\x9d" "0;title" "\xc2\x85" "A" "\x9b" "2J" "\xe2\x80\xa8" "B" \
  "\xe2\x80\xa9" "C" "\xe2\x80\xaa" "\xe2\x80\xab" "\xe2\x80\xac" "\xe2\x80\xad" "\xe2\x80\xae" "D" \
  "\xe2\x81\xa6" "\xe2\x81\xa7" "\xe2\x81\xa8" "\xe2\x81\xa9" "\xe2\x80\x8e" "\xe2\x80\x8f" \
  "\xd8\x9c" "E" "\xff\xfe" "login"

static void
assert_terminal_safe (const char *shown,
                      gboolean    utf8)
{
  for (const guchar *p = (const guchar *) shown; *p; p++)
    {
      /* ESC, and the other C0 controls but the line ends and the echo the
       * terminal gives. */
      g_assert_cmpint (*p, !=, 0x1b);
      if (*p < 0x20)
        g_assert_true (*p == '\r' || *p == '\n' || *p == '\b');
      if (!utf8)
        g_assert_cmpint (*p, <, 0x80);
    }

  if (utf8)
    {
      g_assert_true (g_utf8_validate (shown, -1, NULL));
      for (const char *p = shown; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          GUnicodeType type = g_unichar_type (c);

          if (c == '\r' || c == '\n' || c == '\b')
            continue;
          g_assert_cmpint (type, !=, G_UNICODE_CONTROL);
          g_assert_cmpint (type, !=, G_UNICODE_FORMAT);
          g_assert_cmpint (type, !=, G_UNICODE_LINE_SEPARATOR);
          g_assert_cmpint (type, !=, G_UNICODE_PARAGRAPH_SEPARATOR);
        }
    }
}

static void
test_tty_prompter_hostile_realm (gconstpointer data)
{
  const char *locale = data;
  gboolean utf8 = strstr (locale, "UTF-8") != NULL;
  const char *tool = g_getenv ("HTTP_AUTH_TOOL");
  g_autofree char *script = g_find_program_in_path ("script");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *command = NULL;
  RawServer server = { 0 };
  const char *question;
  const char *end;
  gboolean asked;

  g_test_summary ("Finding 12 (issue 17): the terminal prompter writes a hostile realm "
                  "without C0/C1 controls, escape sequences, separators or bidi controls, "
                  "and only ASCII on a terminal that is not UTF-8");

  if (tool == NULL || script == NULL)
    {
      g_test_skip ("needs HTTP_AUTH_TOOL (meson test sets it) and script(1)");
      return;
    }

  url = raw_server_start (&server, "Basic realm=\"" HOSTILE_REALM "\"");
  command = g_strdup_printf ("%s fetch %s", tool, url);

  /* script(1) gives the tool a real terminal, so it asks there. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", locale, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, script, "-q", "-e", "-c", command, "/dev/null", NULL);
  g_assert_no_error (error);

  asked = read_terminal_until (g_subprocess_get_stdout_pipe (proc), seen, "User name");
  g_test_message ("terminal: %s", seen->str);
  g_assert_true (asked);

  /* An empty user name cancels; the tool then shows the 401 and ends. */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (proc), "\n", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  read_terminal_until (g_subprocess_get_stdout_pipe (proc), seen, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (proc), NULL, NULL);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  raw_server_stop (&server);

  /* The question, from the origin to the user-name prompt. */
  question = strstr (seen->str, "http://127.0.0.1:");
  g_assert_nonnull (question);
  end = strstr (question, "User name");
  g_assert_nonnull (end);
  {
    g_autofree char *shown = g_strndup (question, end - question);

    assert_terminal_safe (shown, utf8);
    g_assert_nonnull (strstr (shown, "Bank"));
    g_assert_nonnull (strstr (shown, "login"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("TABLE_NONFATAL")) g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/HttpAuth/Challenge/table/%03u", i);
      g_test_add_data_func (path, &cases[i], test_parse_table);
    }

  g_test_add_func ("/HttpAuth/Challenge/accessors", test_parse_accessors);
  g_test_add_func ("/HttpAuth/Challenge/stray-quote", test_stray_quote);
  g_test_add_func ("/HttpAuth/Challenge/error-messages", test_parse_error_messages);
  g_test_add_func ("/HttpAuth/Challenge/auth-param-list", test_auth_param_list);
  g_test_add_func ("/HttpAuth/Challenge/quote-roundtrip", test_quote_roundtrip);
  g_test_add_func ("/HttpAuth/Challenge/large/value-200k", test_large_value);
  g_test_add_func ("/HttpAuth/Challenge/large/10000-challenges", test_many_challenges);
  g_test_add_func ("/HttpAuth/Challenge/large/5000-params", test_many_params);
  g_test_add_func ("/HttpAuth/Challenge/large/100000-backslashes", test_many_backslashes);
  g_test_add_func ("/HttpAuth/Challenge/large/40000-errors", test_many_errors);
  g_test_add_func ("/HttpAuth/PromptContext/ephemeral-serial-threads", test_prompt_context_serial_threads);
  g_test_add_data_func ("/HttpAuth/TtyPrompter/hostile-realm/utf-8", "C.UTF-8", test_tty_prompter_hostile_realm);
  g_test_add_data_func ("/HttpAuth/TtyPrompter/hostile-realm/ascii", "C", test_tty_prompter_hostile_realm);

  return g_test_run ();
}
