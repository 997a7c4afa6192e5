/* fuzz_credentials.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-challenge-private.h"
#include "http-auth-digest-private.h"
#include "http-auth-scheme-digest-private.h"

#include "fuzz-common.h"

/* Building credentials (the Authorization and Proxy-Authorization values)
 * for Basic and Digest from hostile realms, nonces, user names and
 * passwords: NUL (a NUL byte ends a field, %00 too), invalid UTF-8,
 * controls, CR LF, quotes and backslashes, huge values. The input's lines
 * are:
 *
 *   0  flags: 'd' Digest (else Basic), 'u' userhash=true, 'p' proxy,
 *      'i' prefer auth-int, 'w' the challenge comes off the wire (its
 *      values quoted into a field and parsed) rather than made directly,
 *      'P' POST, 'c' charset=UTF-8
 *   1  realm             (%-escapes decoded: any byte; %00 ends it)
 *   2  user name         (likewise)
 *   3  password          (likewise)
 *   4  nonce             (likewise)
 *   5  opaque            (likewise; absent when empty)
 *   6  algorithm         (as sent; absent when empty)
 *   7  qop               (as sent; absent when empty)
 *   8  request-target
 *   9  a repeat count: realm, user name and password are repeated that
 *      many times (at most 64 KiB each), for huge values
 *
 * What must hold: a credential is either built or refused with an error,
 * never both; what is built is a valid field value (no CR, LF, NUL or
 * other control: a hostile realm or user name never splits the request's
 * header) and bounded by its inputs. Basic is exactly "Basic " and the
 * base64 of UTF-8 "user:password" (RFC 7617 §2.1), refused exactly when
 * the user name holds ":" or either is not valid UTF-8 or holds a
 * control; decoding it gives the user name and password back. Digest
 * parses back as one challenge-like list whose parameters are unique and
 * give back, unquoted, the realm, nonce, opaque and request-target that
 * went in; the user name is in `username` (quoted), `username*` (RFC 8187,
 * decoding to it) or, with userhash, the hex hash of "user:realm". */

#define MAX_REPEATED (64 * 1024)

static char *
decode (const char *field)
{
  GString *out = g_string_new (NULL);

  /* %XX decoded by hand: g_uri_unescape_string refuses %00, and here %00
   * simply ends the value, as a NUL ends a C string. */
  for (const char *p = field; *p != '\0'; p++)
    {
      int hi, lo;

      if (*p == '%' && (hi = g_ascii_xdigit_value (p[1])) >= 0 && (lo = g_ascii_xdigit_value (p[2])) >= 0)
        {
          char c = (char) (hi * 16 + lo);

          if (c == '\0')
            break;
          g_string_append_c (out, c);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
repeat (const char *value,
        guint       times)
{
  gsize len = strlen (value);
  GString *out = g_string_new (value);

  for (guint i = 1; i < times && len > 0 && out->len + len <= MAX_REPEATED; i++)
    g_string_append_len (out, value, len);
  return g_string_free (out, FALSE);
}

/* A request-target is visible ASCII (libsoup sends what GUri encoded). */
static char *
request_target (const char *field)
{
  GString *target = g_string_new (NULL);

  if (*field != '/' && *field != '*')
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

static gboolean
has_control (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* Whether @value may sit in a quoted-string on the wire (RFC 9110 §5.6.4:
 * qdtext and quoted-pair carry HTAB, SP, visible ASCII and obs-text). */
static gboolean
quotable (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static void
add_param (HttpAuthChallenge *challenge,
           GString           *wire,
           const char        *name,
           const char        *value,
           gboolean           quoted)
{
  _http_auth_challenge_add_param (challenge, name, value);
  g_string_append_printf (wire, "%s%s=", wire->len > 7 ? ", " : "", name);
  if (quoted)
    _http_auth_append_quoted (wire, value);
  else
    g_string_append (wire, value);
}

static void
check_basic (const char *authorization,
             const char *username,
             const char *password)
{
  g_autofree guchar *decoded = NULL;
  gsize decoded_len = 0;
  gsize expected_len = strlen (username) + 1 + strlen (password);
  const char *encoded;

  g_assert_true (g_str_has_prefix (authorization, "Basic "));
  encoded = authorization + strlen ("Basic ");
  /* Exactly the base64 of user ":" password, nothing else: bounded. */
  g_assert_cmpuint (strlen (encoded), ==, (expected_len + 2) / 3 * 4);
  for (const char *p = encoded; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '=');

  decoded = g_base64_decode (encoded, &decoded_len);
  g_assert_cmpuint (decoded_len, ==, expected_len);
  g_assert_true (g_utf8_validate ((const char *) decoded, decoded_len, NULL));
  g_assert_true (memcmp (decoded, username, strlen (username)) == 0);
  g_assert_cmpint (decoded[strlen (username)], ==, ':');
  g_assert_true (memcmp (decoded + strlen (username) + 1, password, strlen (password)) == 0);
  /* The server splits at the first colon: the user name comes back whole. */
  g_assert_true (memchr (decoded, ':', decoded_len) == decoded + strlen (username));
}

static gsize
hex_len (HttpAuthDigestHash hash)
{
  return hash == HTTP_AUTH_DIGEST_HASH_MD5 ? 32 : 64;
}

static gboolean
is_lower_hex (const char *value,
              gsize       len)
{
  if (strlen (value) != len)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static void
check_digest (const char     *authorization,
              HttpAuthScheme *scheme,
              const char     *username,
              const char     *realm,
              const char     *nonce,
              const char     *opaque,
              const char     *target,
              gboolean        userhash)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) parsed = http_auth_challenge_parse (authorization, &errors);
  g_autofree char *algorithm_name = http_auth_scheme_digest_dup_algorithm (HTTP_AUTH_SCHEME_DIGEST (scheme));
  HttpAuthDigestAlgorithm algorithm;
  HttpAuthChallenge *sent;
  const char *user_param;
  const char *user_ext;
  const char *nc;
  gsize bound;

  /* Bounded by what went in: each quoted value at most doubles. */
  bound = 2 * (strlen (realm) + strlen (nonce) + strlen (opaque) + strlen (target)) + 3 * strlen (username) + 512;
  g_assert_cmpuint (strlen (authorization), <=, bound);

  g_assert_true (g_str_has_prefix (authorization, "Digest "));
  g_assert_true (errors == NULL || errors->len == 0);
  g_assert_cmpuint (parsed->len, ==, 1);
  sent = g_ptr_array_index (parsed, 0);
  g_assert_cmpint (g_ascii_strcasecmp (http_auth_challenge_get_scheme (sent), "Digest"), ==, 0);
  g_assert_false (http_auth_challenge_has_duplicate_params (sent));

  g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "realm"), ==, realm);
  g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "nonce"), ==, nonce);
  g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "uri"), ==, target);
  g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "opaque"), ==, *opaque != '\0' ? opaque : NULL);
  g_assert_true (_http_auth_digest_algorithm_parse (http_auth_challenge_lookup_param (sent, "algorithm"),
                                                    &algorithm));
  g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "algorithm"), ==, algorithm_name);
  g_assert_true (is_lower_hex (http_auth_challenge_lookup_param (sent, "response"), hex_len (algorithm.hash)));
  nc = http_auth_challenge_lookup_param (sent, "nc");
  if (nc != NULL)
    {
      g_assert_true (is_lower_hex (nc, 8));
      g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "cnonce"), ==, "0a4f113b");
    }

  user_param = http_auth_challenge_lookup_param (sent, "username");
  user_ext = http_auth_challenge_lookup_param (sent, "username*");
  g_assert_true ((user_param == NULL) != (user_ext == NULL));
  if (userhash)
    {
      g_autofree char *hashed = _http_auth_digest_compute_userhash (algorithm.hash, username, realm);

      g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "userhash"), ==, "true");
      g_assert_cmpstr (user_param, ==, hashed);
      g_assert_true (is_lower_hex (user_param, hex_len (algorithm.hash)));
    }
  else if (user_ext != NULL)
    {
      g_autofree char *back = _http_auth_rfc8187_decode (user_ext);

      g_assert_cmpstr (back, ==, username);
    }
  else
    {
      g_assert_cmpstr (user_param, ==, username);
      g_assert_true (quotable (username));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzFields fields;
  const char *flags;
  gboolean digest, userhash, wire;
  HttpAuthTarget auth_target;
  const char *method;
  guint times;
  g_autofree char *realm_one = NULL;
  g_autofree char *username_one = NULL;
  g_autofree char *password_one = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *opaque = NULL;
  const char *algorithm;
  const char *qop;
  g_autofree char *target = NULL;
  g_autoptr(HttpAuthChallenge) direct = NULL;
  g_autoptr(GString) field = NULL;
  g_autoptr(GPtrArray) from_wire = NULL;
  HttpAuthChallenge *challenge;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fuzz_init_once ();
  fuzz_fields_init (&fields, data, size);

  flags = fuzz_fields_get (&fields, 0);
  digest = strchr (flags, 'd') != NULL;
  userhash = strchr (flags, 'u') != NULL;
  wire = strchr (flags, 'w') != NULL;
  auth_target = strchr (flags, 'p') != NULL ? HTTP_AUTH_TARGET_PROXY : HTTP_AUTH_TARGET_SERVER;
  method = strchr (flags, 'P') != NULL ? "POST" : "GET";
  times = (guint) MIN (g_ascii_strtoull (fuzz_fields_get (&fields, 9), NULL, 10), MAX_REPEATED);

  realm_one = decode (fuzz_fields_get (&fields, 1));
  username_one = decode (fuzz_fields_get (&fields, 2));
  password_one = decode (fuzz_fields_get (&fields, 3));
  realm = repeat (realm_one, times);
  username = repeat (username_one, times);
  password = repeat (password_one, times);
  nonce = decode (fuzz_fields_get (&fields, 4));
  opaque = decode (fuzz_fields_get (&fields, 5));
  algorithm = fuzz_fields_get (&fields, 6);
  qop = fuzz_fields_get (&fields, 7);
  target = request_target (fuzz_fields_get (&fields, 8));
  body = g_bytes_new_static ("body", 4);

  /* The challenge, made directly (any value, as a scheme's caller could)
   * and as a server would send it. */
  direct = _http_auth_challenge_new (digest ? "Digest" : "Basic", NULL);
  field = g_string_new (digest ? "Digest " : "Basic  ");
  add_param (direct, field, "realm", realm, TRUE);
  if (digest)
    {
      add_param (direct, field, "nonce", nonce, TRUE);
      if (*opaque != '\0')
        add_param (direct, field, "opaque", opaque, TRUE);
      if (*algorithm != '\0')
        add_param (direct, field, "algorithm", algorithm, FALSE);
      if (*qop != '\0')
        add_param (direct, field, "qop", qop, TRUE);
      if (userhash)
        add_param (direct, field, "userhash", "true", FALSE);
    }
  if (strchr (flags, 'c') != NULL)
    add_param (direct, field, "charset", "UTF-8", FALSE);

  challenge = direct;
  if (wire)
    {
      g_autoptr(GPtrArray) errors = NULL;

      from_wire = http_auth_challenge_parse (field->str, &errors);
      /* A value the grammar cannot carry never comes off the wire (the
       * parser reports it, and what it recovers after is not ours). */
      if (from_wire->len != 1 || (errors != NULL && errors->len > 0))
        goto out;
      challenge = g_ptr_array_index (from_wire, 0);
      g_assert_cmpint (g_ascii_strcasecmp (http_auth_challenge_get_scheme (challenge), digest ? "Digest" : "Basic"),
                       ==, 0);
      /* Quoting round-trips, but for obs-fold (CR LF SP), read as spaces. */
      if (strpbrk (realm, "\r\n") == NULL)
        g_assert_cmpstr (http_auth_challenge_lookup_param (challenge, "realm"), ==, realm);
    }

  /* What the scheme will send back is what the challenge holds. */
  g_free (realm);
  realm = g_strdup (http_auth_challenge_lookup_param (challenge, "realm"));
  g_free (nonce);
  nonce = g_strdup (digest ? http_auth_challenge_lookup_param (challenge, "nonce") : "");
  g_free (opaque);
  opaque = g_strdup (digest && http_auth_challenge_lookup_param (challenge, "opaque") != NULL
                     ? http_auth_challenge_lookup_param (challenge, "opaque") : "");

  scheme = http_auth_scheme_new_for_challenge (digest ? HTTP_AUTH_TYPE_SCHEME_DIGEST : HTTP_AUTH_TYPE_SCHEME_BASIC,
                                               challenge, auth_target, &error);
  g_assert_true ((scheme == NULL) != (error == NULL));
  if (scheme == NULL)
    goto out;
  if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
    {
      _http_auth_scheme_digest_set_cnonce (HTTP_AUTH_SCHEME_DIGEST (scheme), "0a4f113b");
      if (strchr (flags, 'i') != NULL)
        http_auth_scheme_digest_set_prefer_integrity (HTTP_AUTH_SCHEME_DIGEST (scheme), TRUE);
    }

  credential = http_auth_credential_new (username, password);
  g_assert_cmpstr (http_auth_credential_get_username (credential), ==, username);
  g_assert_cmpstr (http_auth_credential_get_password (credential), ==, password);

  first = http_auth_scheme_dup_authorization (scheme, credential, method, target, body, &error);
  g_assert_true ((first == NULL) != (error == NULL));
  if (!digest)
    {
      gboolean refused = strchr (username, ':') != NULL ||
                         !g_utf8_validate (username, -1, NULL) || !g_utf8_validate (password, -1, NULL) ||
                         has_control (username) || has_control (password);

      g_assert_cmpint (first == NULL, ==, refused);
    }
  else if (first == NULL)
    {
      /* Digest refuses only what it cannot hash as UTF-8. */
      g_assert_false (g_utf8_validate (username, -1, NULL) && g_utf8_validate (password, -1, NULL));
    }
  if (first == NULL)
    goto out;

  fuzz_assert_field_value (first);
  if (digest)
    check_digest (first, scheme, username, realm, nonce, opaque, target, userhash);
  else
    check_basic (first, username, password);

  /* The next request on the same nonce: nc moves on, the rest holds. */
  second = http_auth_scheme_dup_authorization (scheme, credential, method, target, body, &error);
  g_assert_no_error (error);
  fuzz_assert_field_value (second);
  if (digest)
    check_digest (second, scheme, username, realm, nonce, opaque, target, userhash);
  else
    g_assert_cmpstr (first, ==, second);

out:
  fuzz_fields_clear (&fields);
  return 0;
}
