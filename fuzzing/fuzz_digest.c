/* fuzz_digest.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-scheme-digest-private.h"

#include "fuzz-common.h"

/* The life of a Digest (and Basic) login against a hostile server, with
 * a hostile user name too. The input's lines are:
 *
 *   0  the first WWW-Authenticate (or Proxy-Authenticate) value
 *   1  the user name        (%-escapes decoded, so any byte but NUL)
 *   2  the password         (likewise)
 *   3  the request-target   ("/" when empty)
 *   4  the next challenge, read with update (a stale or new nonce)
 *   5  an Authentication-Info value for the response
 *   6  the request (and response) body, for auth-int
 *   7  flags: 'p' proxy target, 'i' prefer auth-int, 'P' POST
 *
 * Each scheme the registry knows is made from each challenge (at most a
 * few), as the engine would; every Authorization it builds must be a
 * valid field value (no CR, LF or other control: a hostile realm, nonce
 * or user name must never split the request's header), every path prefix
 * must be a path on the request's own origin, and each call must either
 * succeed or set its error, never both. */

#define MAX_CHALLENGES 4

static char *
decode (const char *field)
{
  char *decoded = g_uri_unescape_string (field, NULL);

  /* An invalid escape, or an escaped NUL: the field as it is. */
  return decoded != NULL ? decoded : g_strdup (field);
}

static char *
request_target (const char *field)
{
  GString *target = g_string_new (NULL);

  /* A request-target is visible ASCII (libsoup sends what GUri encoded);
   * keep the rest of the input's bytes but none it could not send. */
  if (*field != '/')
    g_string_append_c (target, '/');
  for (const guchar *p = (const guchar *) field; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f)
        g_string_append_printf (target, "%%%02X", *p);
      else
        g_string_append_c (target, *p);
    }
  return g_string_free (target, FALSE);
}

static void
check_authorization (const char *authorization,
                     GError     *error)
{
  g_assert_true ((authorization == NULL) != (error == NULL));
  if (authorization != NULL)
    fuzz_assert_field_value (authorization);
}

static void
check_path_prefixes (HttpAuthScheme *scheme,
                     GUri           *request_uri)
{
  g_auto(GStrv) prefixes = http_auth_scheme_dup_path_prefixes (scheme, request_uri);

  g_assert_nonnull (prefixes);
  g_assert_nonnull (prefixes[0]);
  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      /* Only paths: a domain= entry naming another origin is dropped.
       * ("//x" can be a path of the request's origin: the cache compares
       * prefixes with request paths, never resolves them as references.) */
      g_assert_cmpint (prefixes[i][0], ==, '/');
    }
}

static HttpAuthChallenge *
first_challenge_for (GPtrArray  *challenges,
                     const char *scheme_name)
{
  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *challenge = g_ptr_array_index (challenges, i);

      if (g_ascii_strcasecmp (http_auth_challenge_get_scheme (challenge), scheme_name) == 0)
        return challenge;
    }
  return NULL;
}

static void
exercise (HttpAuthScheme     *scheme,
          HttpAuthCredential *credential,
          const char         *method,
          const char         *target,
          GUri               *request_uri,
          GPtrArray          *next_challenges,
          const char         *authentication_info,
          GBytes             *body)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  HttpAuthChallenge *next;

  g_assert_nonnull (http_auth_scheme_get_scheme_name (scheme));
  (void) http_auth_scheme_get_realm (scheme);
  (void) http_auth_scheme_get_strength (scheme);
  if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
    {
      g_autofree char *algorithm = http_auth_scheme_digest_dup_algorithm (HTTP_AUTH_SCHEME_DIGEST (scheme));

      g_assert_nonnull (algorithm);
      /* A fixed client nonce makes a crash replay byte for byte. */
      _http_auth_scheme_digest_set_cnonce (HTTP_AUTH_SCHEME_DIGEST (scheme), "0a4f113b");
    }

  check_path_prefixes (scheme, request_uri);

  first = http_auth_scheme_dup_authorization (scheme, credential, method, target, body, &error);
  check_authorization (first, error);
  g_clear_error (&error);

  if (first != NULL)
    {
      gboolean ok = http_auth_scheme_check_authentication_info (scheme, credential, first, authentication_info,
                                                                body, &error);

      g_assert_true (ok == (error == NULL));
      g_clear_error (&error);
    }

  /* The next challenge for the same space: a new nonce, stale=true, or
   * something else entirely. */
  next = first_challenge_for (next_challenges, http_auth_scheme_get_scheme_name (scheme));
  if (next != NULL)
    {
      gboolean stale = FALSE;
      gboolean ok = http_auth_scheme_update (scheme, next, &stale, &error);

      g_assert_true (ok == (error == NULL));
      g_clear_error (&error);
      check_path_prefixes (scheme, request_uri);
    }

  second = http_auth_scheme_dup_authorization (scheme, credential, method, target, body, &error);
  check_authorization (second, error);
  g_clear_error (&error);
  if (second != NULL)
    {
      gboolean ok = http_auth_scheme_check_authentication_info (scheme, credential, second, authentication_info,
                                                                body, &error);

      g_assert_true (ok == (error == NULL));
      g_clear_error (&error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static HttpAuthSchemeRegistry *registry;
  FuzzFields fields;
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) next_challenges = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(HttpAuthScheme) chosen = NULL;
  g_autoptr(GUri) request_uri = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *target = NULL;
  g_autofree char *url = NULL;
  const char *flags;
  HttpAuthTarget auth_target;
  const char *method;

  fuzz_init_once ();
  if (registry == NULL)
    registry = http_auth_scheme_registry_new ();

  fuzz_fields_init (&fields, data, size);

  flags = fuzz_fields_get (&fields, 7);
  auth_target = strchr (flags, 'p') != NULL ? HTTP_AUTH_TARGET_PROXY : HTTP_AUTH_TARGET_SERVER;
  method = strchr (flags, 'P') != NULL ? "POST" : "GET";

  username = decode (fuzz_fields_get (&fields, 1));
  password = decode (fuzz_fields_get (&fields, 2));
  credential = http_auth_credential_new (username, password);
  target = request_target (fuzz_fields_get (&fields, 3));
  url = g_strconcat ("http://example.com:8080", target, NULL);
  request_uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (request_uri == NULL)
    request_uri = g_uri_parse ("http://example.com:8080/", G_URI_FLAGS_ENCODED, NULL);
  body = g_bytes_new (fuzz_fields_get (&fields, 6), strlen (fuzz_fields_get (&fields, 6)));

  challenges = http_auth_challenge_parse (fuzz_fields_get (&fields, 0), NULL);
  next_challenges = http_auth_challenge_parse (fuzz_fields_get (&fields, 4), NULL);

  /* The engine's choice: the strongest usable challenge. */
  chosen = http_auth_scheme_registry_choose (registry, challenges, auth_target, &error);
  g_assert_true ((chosen == NULL) != (error == NULL));
  g_clear_error (&error);

  /* And every challenge, so that a weaker one is exercised too. */
  for (guint i = 0; i < challenges->len && i < MAX_CHALLENGES; i++)
    {
      HttpAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      GType type = http_auth_scheme_registry_lookup (registry, http_auth_challenge_get_scheme (challenge));
      g_autoptr(HttpAuthScheme) scheme = NULL;

      if (type == G_TYPE_INVALID)
        continue;
      scheme = http_auth_scheme_new_for_challenge (type, challenge, auth_target, &error);
      g_assert_true ((scheme == NULL) != (error == NULL));
      g_clear_error (&error);
      if (scheme == NULL)
        continue;

      if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme) && strchr (flags, 'i') != NULL)
        http_auth_scheme_digest_set_prefer_integrity (HTTP_AUTH_SCHEME_DIGEST (scheme), TRUE);
      exercise (scheme, credential, method, target, request_uri, next_challenges,
                fuzz_fields_get (&fields, 5), body);
    }

  fuzz_fields_clear (&fields);
  return 0;
}
