/* http-auth-parse.c: `http-auth parse`
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-tool.h"

#include <stdio.h>
#include <string.h>

/* Field values are bytes. What is valid UTF-8 is written as is; anything
 * else is written as the code points of its byte values (as if it were
 * ISO-8859-1), so the output is always valid JSON. */
char *
tool_bytes_to_utf8 (const char *bytes)
{
  GString *out;

  if (g_utf8_validate (bytes, -1, NULL))
    return g_strdup (bytes);

  out = g_string_new (NULL);
  for (const guchar *p = (const guchar *) bytes; *p; p++)
    g_string_append_unichar (out, *p);

  return g_string_free (out, FALSE);
}

JsonNode *
tool_challenges_to_json (GPtrArray *challenges)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *c = g_ptr_array_index (challenges, i);
      const char *token68 = http_auth_challenge_get_token68 (c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "scheme");
      {
        g_autofree char *s = tool_bytes_to_utf8 (http_auth_challenge_get_scheme (c));
        json_builder_add_string_value (builder, s);
      }
      json_builder_set_member_name (builder, "token68");
      if (token68 != NULL)
        json_builder_add_string_value (builder, token68);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "params");
      json_builder_begin_array (builder);
      for (guint j = 0; j < http_auth_challenge_get_n_params (c); j++)
        {
          g_autofree char *name = tool_bytes_to_utf8 (http_auth_challenge_get_param_name (c, j));
          g_autofree char *value = tool_bytes_to_utf8 (http_auth_challenge_get_param_value (c, j));

          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, name);
          json_builder_add_string_value (builder, value);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

void
tool_print_json (JsonNode *node,
                 gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

static GPtrArray *
read_lines (FILE *stream)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) all = g_string_new (NULL);
  char buf[65536];
  size_t n;
  const char *p;
  const char *end;

  while ((n = fread (buf, 1, sizeof buf, stream)) > 0)
    g_string_append_len (all, buf, n);

  p = all->str;
  end = all->str + all->len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      gsize len = line_end - p;

      if (len > 0 && p[len - 1] == '\r')
        len--;
      /* A NUL byte cannot be part of a field value: the line ends there. */
      g_ptr_array_add (lines, g_strndup (p, len));
      p = nl ? nl + 1 : end;
    }

  g_ptr_array_add (lines, NULL);
  return g_steal_pointer (&lines);
}

int
tool_parse (int    argc,
            char **argv)
{
  gboolean proxy = FALSE;
  gboolean pretty = FALSE;
  g_auto(GStrv) values = NULL;
  GOptionEntry entries[] = {
    { "proxy", 0, 0, G_OPTION_ARG_NONE, &proxy, "The values are Proxy-Authenticate fields", NULL },
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &pretty, "Indent the JSON", NULL },
    /* FILENAME: values are bytes, not converted from the locale. */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &values, NULL, "[VALUE…]" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[VALUE…] — parse challenges");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stdin_lines = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *input;

  g_option_context_set_summary (context,
    "Parses WWW-Authenticate (or, with --proxy, Proxy-Authenticate) field values\n"
    "as RFC 9110 §11 defines them. Several values form one list, as several\n"
    "field lines of one response do. Without VALUE, reads one value per line\n"
    "from standard input. Prints JSON; exits 1 if a challenge was malformed.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "http-auth parse: %s\n", error->message);
      return TOOL_EXIT_USAGE;
    }

  if (values != NULL)
    input = (const char * const *) values;
  else
    {
      stdin_lines = read_lines (stdin);
      input = (const char * const *) stdin_lines->pdata;
    }

  challenges = http_auth_challenge_parse_list (input, &errors);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "challenges");
  json_builder_add_value (builder, tool_challenges_to_json (challenges));
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < errors->len; i++)
    {
      HttpAuthParseError *e = g_ptr_array_index (errors, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, (gint64) http_auth_parse_error_get_offset (e));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, http_auth_parse_error_get_message (e));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, proxy ? "proxy" : "server");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  tool_print_json (root, pretty);

  return errors->len == 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAILURE;
}
