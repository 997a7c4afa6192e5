/* test-cli.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

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

  g_assert_cmpint (run_tool (bad_option, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (bad_command, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (none, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (bad_port, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (help, NULL, NULL), ==, 0);
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

  return g_test_run ();
}
