/* fuzz_challenge_parse.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-challenge-private.h"

#include "fuzz-common.h"

/* The RFC 9110 §11.2 parser over hostile field values. Each line of the
 * input is one WWW-Authenticate field line of a response; the whole input
 * is then parsed once more as a single value (so CR, LF and obs-fold are
 * seen too), and as an Authentication-Info parameter list. Besides memory
 * safety, what the parser returns must be consistent: a scheme that is a
 * non-empty token, parameters that read back by name, token68 and
 * parameters never both, offsets inside the input. */

static void
check_params (HttpAuthChallenge *challenge)
{
  guint n_params = http_auth_challenge_get_n_params (challenge);

  /* token68 and parameters exclude each other. */
  if (http_auth_challenge_get_token68 (challenge) != NULL)
    g_assert_cmpuint (n_params, ==, 0);

  for (guint j = 0; j < n_params; j++)
    {
      const char *name = http_auth_challenge_get_param_name (challenge, j);
      const char *value = http_auth_challenge_get_param_value (challenge, j);

      g_assert_nonnull (name);
      g_assert_cmpint (*name, !=, '\0');
      g_assert_nonnull (value);
      /* Names are lowercased, so a lookup by the stored name finds it. */
      g_assert_nonnull (http_auth_challenge_lookup_param (challenge, name));
    }
  (void) http_auth_challenge_has_duplicate_params (challenge);
}

static void
check_challenges (GPtrArray *challenges,
                  GPtrArray *errors,
                  gsize      total_len)
{
  g_assert_nonnull (challenges);

  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      const char *scheme = http_auth_challenge_get_scheme (challenge);

      g_assert_nonnull (scheme);
      g_assert_cmpint (*scheme, !=, '\0');
      /* A scheme is a token: nothing that could end or split a field. */
      for (const char *p = scheme; *p != '\0'; p++)
        g_assert_true (*p > 0x20 && *p < 0x7f && *p != '"' && *p != ',' && *p != '=');

      check_params (challenge);
      g_assert_cmpuint (http_auth_challenge_get_offset (challenge), <=, total_len);

      http_auth_challenge_unref (http_auth_challenge_ref (challenge));
    }

  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      HttpAuthParseError *error = g_ptr_array_index (errors, i);
      g_autoptr(HttpAuthParseError) copy = http_auth_parse_error_copy (error);

      g_assert_nonnull (http_auth_parse_error_get_message (error));
      g_assert_cmpuint (http_auth_parse_error_get_offset (copy), ==, http_auth_parse_error_get_offset (error));
      g_assert_cmpuint (http_auth_parse_error_get_offset (error), <=, total_len);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzFields fields;
  g_autofree char *whole = NULL;
  gsize joined_len = 0;

  fuzz_init_once ();

  /* Every field line, as the engine passes them. Offsets count in the
   * values joined by ", ". */
  fuzz_fields_init (&fields, data, size);
  for (guint i = 0; i < fields.n_fields; i++)
    joined_len += strlen (fields.fields[i]) + 2;
  {
    g_autoptr(GPtrArray) errors = NULL;
    g_autoptr(GPtrArray) challenges =
      http_auth_challenge_parse_list ((const char * const *) fields.fields, &errors);

    check_challenges (challenges, errors, joined_len);
  }
  {
    /* The same without asking for errors: another path through the
     * parser's reporting. */
    g_autoptr(GPtrArray) challenges = http_auth_challenge_parse_list ((const char * const *) fields.fields, NULL);

    check_challenges (challenges, NULL, joined_len);
  }
  fuzz_fields_clear (&fields);

  /* The whole input as one field value. */
  whole = g_strndup ((const char *) data, size);
  {
    g_autoptr(GPtrArray) errors = NULL;
    g_autoptr(GPtrArray) challenges = http_auth_challenge_parse (whole, &errors);

    check_challenges (challenges, errors, strlen (whole));
  }

  /* The whole input as an Authentication-Info value: the strict
   * auth-param list parser shares the tokenizer. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HttpAuthChallenge) params = _http_auth_parse_auth_param_list (whole, &error);

    g_assert_true ((params == NULL) != (error == NULL));
    if (params != NULL)
      {
        check_params (params);
        g_assert_false (http_auth_challenge_has_duplicate_params (params));
      }
  }

  return 0;
}
