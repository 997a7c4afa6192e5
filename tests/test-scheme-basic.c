/* test-scheme-basic.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "http-auth-challenge.h"
#include "http-auth-scheme-basic.h"
#include "http-auth-scheme-registry.h"

static JsonArray *
load_vectors (const char  *name,
              JsonParser **parser_out)
{
  const char *dir = g_getenv ("HTTP_AUTH_VECTORS_DIR");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_nonnull (dir);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  *parser_out = g_steal_pointer (&parser);

  return array;
}

static HttpAuthScheme *
scheme_for (const char *field)
{
  g_autoptr(GPtrArray) challenges = http_auth_challenge_parse (field, NULL);
  g_autoptr(GError) error = NULL;
  HttpAuthScheme *scheme;

  g_assert_cmpuint (challenges->len, ==, 1);
  scheme = http_auth_scheme_new_for_challenge (HTTP_AUTH_TYPE_SCHEME_BASIC,
                                               g_ptr_array_index (challenges, 0),
                                               HTTP_AUTH_TARGET_SERVER, &error);
  g_assert_no_error (error);

  return scheme;
}

static void
test_basic_rfc7617_vectors (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *vectors = load_vectors ("basic-rfc7617.json", &parser);

  g_assert_cmpuint (json_array_get_length (vectors), >=, 2);

  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      const char *charset = json_object_get_null_member (v, "charset") ? NULL
                            : json_object_get_string_member (v, "charset");
      g_autofree char *field = charset
        ? g_strdup_printf ("Basic realm=\"WallyWorld\", charset=\"%s\"", charset)
        : g_strdup ("Basic realm=\"WallyWorld\"");
      g_autoptr(HttpAuthScheme) scheme = scheme_for (field);
      g_autoptr(HttpAuthCredential) credential =
        http_auth_credential_new (json_object_get_string_member (v, "username"),
                                  json_object_get_string_member (v, "password"));
      g_autoptr(GError) error = NULL;
      g_autofree char *authorization = NULL;

      authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", json_object_get_string_member (v, "source"), authorization);
      g_assert_cmpstr (authorization, ==, json_object_get_string_member (v, "header"));
      g_assert_cmpstr (http_auth_scheme_get_realm (scheme), ==, "WallyWorld");
    }
}

static void
test_basic_utf8_always (void)
{
  /* Without charset, UTF-8 is still used (browsers do the same): "£" is
   * sent as C2 A3, never as the Latin-1 byte A3. */
  g_autoptr(HttpAuthScheme) scheme = scheme_for ("Basic realm=\"x\"");
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("test", "123\xc2\xa3");
  g_autofree char *authorization = NULL;

  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, NULL);
  g_assert_cmpstr (authorization, ==, "Basic dGVzdDoxMjPCow==");
}

static void
test_basic_refuses_bad_credentials (void)
{
  g_autoptr(HttpAuthScheme) scheme = scheme_for ("Basic realm=\"x\"");
  static const struct { const char *user; const char *pass; } bad[] = {
    { "us:er", "p" },
    { "user\x01", "p" },
    { "user", "pa\nss" },
    { "us\xe9r", "p" },
    { "user", "p\x7f" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HttpAuthCredential) credential = http_auth_credential_new (bad[i].user, bad[i].pass);
      g_autoptr(GError) error = NULL;
      g_autofree char *authorization = NULL;

      authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, &error);
      g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CREDENTIALS);
      g_assert_null (authorization);
    }

  /* A colon in the password is fine (RFC 7617 §2). */
  {
    g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("user", "pa:ss");
    g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, NULL);
    g_assert_cmpstr (authorization, ==, "Basic dXNlcjpwYTpzcw==");
  }
}

static void
test_basic_unusable_challenges (void)
{
  static const char *fields[] = {
    "Basic realm=\"a\", realm=\"b\"",
    "Basic dXNlcg==",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GPtrArray) challenges = http_auth_challenge_parse (fields[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(HttpAuthScheme) scheme = NULL;

      scheme = http_auth_scheme_new_for_challenge (HTTP_AUTH_TYPE_SCHEME_BASIC,
                                                   g_ptr_array_index (challenges, 0),
                                                   HTTP_AUTH_TARGET_SERVER, &error);
      g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE);
      g_assert_null (scheme);
    }
}

static void
test_basic_protection_space (void)
{
  g_autoptr(HttpAuthScheme) scheme = scheme_for ("Basic realm=\"x\"");
  g_autoptr(GUri) uri = g_uri_parse ("http://h:8080/docs/a/b.html?q=1", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) root = g_uri_parse ("http://h/", G_URI_FLAGS_NONE, NULL);
  g_auto(GStrv) space = http_auth_scheme_dup_path_prefixes (scheme, uri);
  g_auto(GStrv) root_space = http_auth_scheme_dup_path_prefixes (scheme, root);

  g_assert_cmpuint (g_strv_length (space), ==, 1);
  g_assert_cmpstr (space[0], ==, "/docs/a/");
  g_assert_cmpstr (root_space[0], ==, "/");
}

static void
test_basic_rejected_update (void)
{
  g_autoptr(HttpAuthScheme) scheme = scheme_for ("Basic realm=\"x\"");
  g_autoptr(GPtrArray) again = http_auth_challenge_parse ("Basic realm=\"x\"", NULL);
  gboolean stale = TRUE;

  g_assert_true (http_auth_scheme_update (scheme, g_ptr_array_index (again, 0), &stale, NULL));
  g_assert_false (stale);
  g_assert_cmpuint (http_auth_scheme_get_strength (scheme), ==, 10);
  g_assert_cmpstr (http_auth_scheme_get_scheme_name (scheme), ==, "basic");
  g_assert_cmpint (http_auth_scheme_get_target (scheme), ==, HTTP_AUTH_TARGET_SERVER);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/SchemeBasic/rfc7617-vectors", test_basic_rfc7617_vectors);
  g_test_add_func ("/HttpAuth/SchemeBasic/utf8-always", test_basic_utf8_always);
  g_test_add_func ("/HttpAuth/SchemeBasic/bad-credentials", test_basic_refuses_bad_credentials);
  g_test_add_func ("/HttpAuth/SchemeBasic/unusable-challenges", test_basic_unusable_challenges);
  g_test_add_func ("/HttpAuth/SchemeBasic/protection-space", test_basic_protection_space);
  g_test_add_func ("/HttpAuth/SchemeBasic/rejected-update", test_basic_rejected_update);

  return g_test_run ();
}
