/* test-scheme-digest.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "http-auth-challenge-private.h"
#include "http-auth-challenge.h"
#include "http-auth-digest-private.h"
#include "http-auth-digest-verifier.h"
#include "http-auth-scheme-basic.h"
#include "http-auth-scheme-digest-private.h"
#include "http-auth-scheme-registry.h"

#include <string.h>

static HttpAuthScheme *
digest_for (const char  *field,
            GError     **error)
{
  g_autoptr(GPtrArray) challenges = http_auth_challenge_parse (field, NULL);

  g_assert_cmpuint (challenges->len, ==, 1);

  return http_auth_scheme_new_for_challenge (HTTP_AUTH_TYPE_SCHEME_DIGEST,
                                             g_ptr_array_index (challenges, 0),
                                             HTTP_AUTH_TARGET_SERVER, error);
}

/* RFC 7616 §3.9: the Authorization field is fixed byte for byte by the
 * inputs, given the same cnonce; the order of parameters is the RFC's. */
static void
test_digest_rfc7616_vectors (void)
{
  const char *dir = g_getenv ("HTTP_AUTH_VECTORS_DIR");
  g_autofree char *path = g_build_filename (dir, "digest-rfc7616.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *vectors;

  /* The vectors are required: a missing directory fails, never skips. */
  g_assert_nonnull (dir);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  vectors = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (vectors), ==, 3);

  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      gboolean userhash = json_object_get_boolean_member (v, "userhash");
      const char *algorithm = json_object_get_string_member (v, "algorithm");
      const char *realm = json_object_get_string_member (v, "realm");
      const char *nonce = json_object_get_string_member (v, "nonce");
      const char *opaque = json_object_get_string_member (v, "opaque");
      const char *cnonce = json_object_get_string_member (v, "cnonce");
      const char *uri = json_object_get_string_member (v, "uri");
      g_autofree char *field = g_strdup_printf ("Digest realm=\"%s\", qop=\"auth, auth-int\", algorithm=%s, "
                                                "nonce=\"%s\", opaque=\"%s\"%s",
                                                realm, algorithm, nonce, opaque,
                                                userhash ? ", userhash=true" : "");
      g_autoptr(HttpAuthScheme) scheme = digest_for (field, &error);
      g_autoptr(HttpAuthCredential) credential =
        http_auth_credential_new (json_object_get_string_member (v, "username"),
                                  json_object_get_string_member (v, "password"));
      g_autofree char *authorization = NULL;
      g_autofree char *expected = NULL;
      const char *sent_user = userhash ? json_object_get_string_member (v, "username_hashed")
                                       : json_object_get_string_member (v, "username");

      g_assert_no_error (error);
      _http_auth_scheme_digest_set_cnonce (HTTP_AUTH_SCHEME_DIGEST (scheme), cnonce);
      authorization = http_auth_scheme_dup_authorization (scheme, credential,
                                                          json_object_get_string_member (v, "method"),
                                                          uri, NULL, &error);
      g_assert_no_error (error);

      expected = g_strdup_printf ("Digest username=\"%s\", realm=\"%s\", uri=\"%s\", algorithm=%s, "
                                  "nonce=\"%s\", nc=%s, cnonce=\"%s\", qop=%s, response=\"%s\", "
                                  "opaque=\"%s\"%s",
                                  sent_user, realm, uri, algorithm, nonce,
                                  json_object_get_string_member (v, "nc"), cnonce,
                                  json_object_get_string_member (v, "qop"),
                                  json_object_get_string_member (v, "response"), opaque,
                                  userhash ? ", userhash=true" : "");
      g_test_message ("%s", json_object_get_string_member (v, "source"));
      g_assert_cmpstr (authorization, ==, expected);
    }
}

static void
test_digest_hashes (void)
{
  g_autofree char *md5 = _http_auth_digest_hash_hex (HTTP_AUTH_DIGEST_HASH_MD5, "abc", 3);
  g_autofree char *sha256 = _http_auth_digest_hash_hex (HTTP_AUTH_DIGEST_HASH_SHA256, "abc", 3);
  g_autofree char *sha512_256 = _http_auth_digest_hash_hex (HTTP_AUTH_DIGEST_HASH_SHA512_256, "abc", 3);

  /* FIPS 180-4 / RFC 1321 "abc" examples. */
  g_assert_cmpstr (md5, ==, "900150983cd24fb0d6963f7d28e17f72");
  g_assert_cmpstr (sha256, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (sha512_256, ==, "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
}

static void
test_digest_hashes_long (void)
{
  g_autofree char *million = g_malloc (1000000);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *md5 = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *sha512_256 = NULL;
  g_autofree char *empty = NULL;

  g_test_summary ("Finding 13 (issue 17): the Digest hashes, computed on contexts that are "
                  "wiped afterwards, still match the FIPS 180-4 and RFC 1321 examples over "
                  "many blocks");

  memset (million, 'a', 1000000);
  body = g_bytes_new_take (g_steal_pointer (&million), 1000000);
  md5 = _http_auth_digest_body_hash (HTTP_AUTH_DIGEST_HASH_MD5, body);
  sha256 = _http_auth_digest_body_hash (HTTP_AUTH_DIGEST_HASH_SHA256, body);
  sha512_256 = _http_auth_digest_body_hash (HTTP_AUTH_DIGEST_HASH_SHA512_256, body);
  empty = _http_auth_digest_body_hash (HTTP_AUTH_DIGEST_HASH_SHA256, NULL);

  /* One million times "a". */
  g_assert_cmpstr (md5, ==, "7707d6ae4e027c70eea2a935c2296f21");
  g_assert_cmpstr (sha256, ==, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  g_assert_cmpstr (sha512_256, ==, "9a59a052930187a97038cae692f30708aa6491923ef5194394dc68d56c74fb21");
  /* No body hashes as the empty string. */
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_digest_algorithm_names (void)
{
  static const struct { const char *name; gboolean ok; const char *canonical; } names[] = {
    { "MD5", TRUE, "MD5" }, { "md5", TRUE, "MD5" }, { "MD5-sess", TRUE, "MD5-sess" },
    { "SHA-256", TRUE, "SHA-256" }, { "sha-256-SESS", TRUE, "SHA-256-sess" },
    { "SHA-512-256", TRUE, "SHA-512-256" }, { "SHA-512-256-sess", TRUE, "SHA-512-256-sess" },
    { "SHA-512", FALSE, NULL }, { "SHA-1", FALSE, NULL }, { "MD5-sessx", FALSE, NULL },
    { "", FALSE, NULL }, { "SHA-256sess", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      HttpAuthDigestAlgorithm a;
      gboolean ok = _http_auth_digest_algorithm_parse (names[i].name, &a);

      g_assert_cmpint (ok, ==, names[i].ok);
      if (ok)
        {
          g_autofree char *s = _http_auth_digest_algorithm_to_string (a);
          g_assert_cmpstr (s, ==, names[i].canonical);
        }
    }
}

static void
test_digest_unusable (void)
{
  static const struct { const char *field; int code; } bad[] = {
    { "Digest nonce=\"n\"", HTTP_AUTH_ERROR_INVALID_CHALLENGE },
    { "Digest realm=\"r\"", HTTP_AUTH_ERROR_INVALID_CHALLENGE },
    { "Digest realm=\"r\", nonce=\"a\", nonce=\"b\"", HTTP_AUTH_ERROR_INVALID_CHALLENGE },
    { "Digest abcdef==", HTTP_AUTH_ERROR_INVALID_CHALLENGE },
    { "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1", HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER },
    { "Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"", HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER },
    { "Digest realm=\"r\", nonce=\"n\", charset=ISO-8859-1", HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER },
    { "Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess", HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HttpAuthScheme) scheme = digest_for (bad[i].field, &error);

      g_assert_error (error, HTTP_AUTH_ERROR, bad[i].code);
      g_assert_null (scheme);
    }
}

/* ---- Round trips against the server-side verifier ---- */

typedef struct
{
  const char *algorithm;
  const char *qop;
  gboolean    userhash;
  const char *username;
  gboolean    prefer_integrity;
  const char *expect_qop;
} RoundTrip;

static const RoundTrip round_trips[] = {
  { "MD5", "auth", FALSE, "alice", FALSE, "auth" },
  { "MD5-sess", "auth", FALSE, "alice", FALSE, "auth" },
  { "SHA-256", "auth", FALSE, "alice", FALSE, "auth" },
  { "SHA-256-sess", "auth", FALSE, "alice", FALSE, "auth" },
  { "SHA-512-256", "auth", FALSE, "alice", FALSE, "auth" },
  { "SHA-512-256-sess", "auth", FALSE, "alice", FALSE, "auth" },
  { "MD5", "auth-int", FALSE, "alice", FALSE, "auth-int" },
  { "SHA-256", "auth-int", FALSE, "alice", FALSE, "auth-int" },
  { "SHA-512-256-sess", "auth-int", FALSE, "alice", FALSE, "auth-int" },
  { "SHA-256", "auth,auth-int", FALSE, "alice", FALSE, "auth" },
  { "SHA-256", "auth,auth-int", FALSE, "alice", TRUE, "auth-int" },
  { "SHA-256", "auth", TRUE, "alice", FALSE, "auth" },
  { "SHA-512-256", "auth", TRUE, "J\xc3\xa4s\xc3\xb8n Doe", FALSE, "auth" },
  { "SHA-256", "auth", FALSE, "J\xc3\xa4s\xc3\xb8n Doe", FALSE, "auth" },
  { "MD5", "auth", FALSE, "quote\"and\\slash", FALSE, "auth" },
  { "MD5", NULL, FALSE, "alice", FALSE, NULL },
};

static void
test_digest_round_trip (gconstpointer data)
{
  const RoundTrip *rt = data;
  g_autoptr(HttpAuthDigestVerifier) verifier = http_auth_digest_verifier_new ("test realm", rt->algorithm, rt->qop);
  g_auto(GStrv) challenges = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new (rt->username, "s3cr\xc3\xa9t");
  g_autoptr(HttpAuthCredential) wrong = http_auth_credential_new (rt->username, "wrong");
  g_autoptr(GBytes) body = g_bytes_new_static ("name=value&x=1", 14);
  g_autoptr(GBytes) response_body = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) tampered = g_bytes_new_static ("name=value&x=2", 14);

  http_auth_digest_verifier_add_user (verifier, rt->username, "s3cr\xc3\xa9t");
  http_auth_digest_verifier_set_userhash (verifier, rt->userhash);
  http_auth_digest_verifier_set_opaque (verifier, "op\"aque");
  challenges = http_auth_digest_verifier_make_challenges (verifier, FALSE);

  scheme = digest_for (challenges[0], &error);
  g_assert_no_error (error);
  http_auth_scheme_digest_set_prefer_integrity (HTTP_AUTH_SCHEME_DIGEST (scheme), rt->prefer_integrity);

  for (guint round = 1; round <= 3; round++)
    {
      g_autofree char *authorization = NULL;
      g_autofree char *user = NULL;
      g_autofree char *info = NULL;
      g_autofree char *reason = NULL;
      g_autoptr(GPtrArray) parsed = NULL;
      HttpAuthChallenge *sent;
      HttpAuthDigestVerifyResult result;

      authorization = http_auth_scheme_dup_authorization (scheme, credential, "POST", "/form?a=b",
                                                          body, &error);
      g_assert_no_error (error);

      parsed = http_auth_challenge_parse (authorization, NULL);
      sent = g_ptr_array_index (parsed, 0);
      g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "qop"), ==, rt->expect_qop);
      if (rt->qop != NULL)
        {
          g_autofree char *nc = g_strdup_printf ("%08x", round);
          g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "nc"), ==, nc);
        }
      g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "opaque"), ==, "op\"aque");
      if (rt->userhash)
        g_assert_cmpstr (http_auth_challenge_lookup_param (sent, "userhash"), ==, "true");
      if (!rt->userhash && strcmp (rt->username, "alice") != 0 && (guchar) rt->username[1] >= 0x80)
        g_assert_nonnull (http_auth_challenge_lookup_param (sent, "username*"));

      result = http_auth_digest_verifier_verify (verifier, "POST", "/form?a=b", authorization,
                                                 body, response_body, &user, &info, &reason);
      g_assert_cmpstr (reason, ==, NULL);
      g_assert_cmpint (result, ==, HTTP_AUTH_DIGEST_VERIFY_OK);
      g_assert_cmpstr (user, ==, rt->username);

      g_assert_true (http_auth_scheme_check_authentication_info (scheme, credential, authorization,
                                                                 info, response_body, &error));
      g_assert_no_error (error);
    }

  /* Replaying the same nonce count is refused. */
  {
    g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/",
                                                                         NULL, NULL);
    g_autofree char *reason = NULL;

    g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", authorization, NULL, NULL,
                                                       NULL, NULL, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_OK);
    if (rt->qop != NULL)
      g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", authorization, NULL, NULL,
                                                         NULL, NULL, &reason), ==,
                       HTTP_AUTH_DIGEST_VERIFY_FAILED);
  }

  /* A wrong password is refused. */
  {
    g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, wrong, "GET", "/x",
                                                                         NULL, NULL);
    g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/x", authorization, NULL, NULL,
                                                       NULL, NULL, NULL), ==,
                     HTTP_AUTH_DIGEST_VERIFY_FAILED);
  }

  /* With auth-int, a body changed on the way is refused. */
  if (g_strcmp0 (rt->expect_qop, "auth-int") == 0)
    {
      g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "POST", "/f",
                                                                           body, NULL);
      g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "POST", "/f", authorization, tampered,
                                                         NULL, NULL, NULL, NULL), ==,
                       HTTP_AUTH_DIGEST_VERIFY_FAILED);
    }

  /* Another method or URI than the one signed is refused. */
  {
    g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/a",
                                                                         NULL, NULL);
    g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/b", authorization, NULL, NULL,
                                                       NULL, NULL, NULL), ==,
                     HTTP_AUTH_DIGEST_VERIFY_FAILED);
    g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "PUT", "/a", authorization, NULL, NULL,
                                                       NULL, NULL, NULL), ==,
                     HTTP_AUTH_DIGEST_VERIFY_FAILED);
  }
}

static void
test_digest_stale (void)
{
  g_autoptr(HttpAuthDigestVerifier) verifier = http_auth_digest_verifier_new ("r", "SHA-256", "auth");
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("bob", "pw");
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *old_nonce = NULL;
  gboolean stale = FALSE;

  http_auth_digest_verifier_add_user (verifier, "bob", "pw");
  first = http_auth_digest_verifier_make_challenges (verifier, FALSE);
  scheme = digest_for (first[0], &error);
  g_assert_no_error (error);
  old_nonce = g_strdup (http_auth_scheme_digest_get_nonce (HTTP_AUTH_SCHEME_DIGEST (scheme)));

  /* The server forgets its nonces: a right digest is now "stale". */
  http_auth_digest_verifier_expire_nonces (verifier);
  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, NULL);
  g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", authorization, NULL, NULL,
                                                     NULL, NULL, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_STALE);

  second = http_auth_digest_verifier_make_challenges (verifier, TRUE);
  parsed = http_auth_challenge_parse (second[0], NULL);
  g_assert_true (http_auth_scheme_update (scheme, g_ptr_array_index (parsed, 0), &stale, &error));
  g_assert_no_error (error);
  g_assert_true (stale);
  g_assert_cmpstr (http_auth_scheme_digest_get_nonce (HTTP_AUTH_SCHEME_DIGEST (scheme)), !=, old_nonce);
  g_assert_cmpuint (http_auth_scheme_digest_get_nonce_count (HTTP_AUTH_SCHEME_DIGEST (scheme)), ==, 0);

  g_clear_pointer (&authorization, g_free);
  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, NULL);
  g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", authorization, NULL, NULL,
                                                     NULL, NULL, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_OK);

  /* A plain re-challenge (no stale) means the credentials were refused. */
  {
    g_autoptr(GPtrArray) again = http_auth_challenge_parse (first[0], NULL);
    g_assert_true (http_auth_scheme_update (scheme, g_ptr_array_index (again, 0), &stale, NULL));
    g_assert_false (stale);
  }

  /* A challenge for another realm cannot update this protection space. */
  {
    g_autoptr(GPtrArray) other = http_auth_challenge_parse ("Digest realm=\"other\", nonce=\"x\"", NULL);
    g_assert_false (http_auth_scheme_update (scheme, g_ptr_array_index (other, 0), &stale, &error));
    g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE);
  }
}

static void
test_digest_nextnonce_and_rspauth (void)
{
  g_autoptr(HttpAuthDigestVerifier) verifier = http_auth_digest_verifier_new ("r", "SHA-512-256", "auth");
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("bob", "pw");
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) challenges = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *info = NULL;
  g_autofree char *first_nonce = NULL;

  http_auth_digest_verifier_add_user (verifier, "bob", "pw");
  http_auth_digest_verifier_set_send_nextnonce (verifier, TRUE);
  challenges = http_auth_digest_verifier_make_challenges (verifier, FALSE);
  scheme = digest_for (challenges[0], &error);
  first_nonce = g_strdup (http_auth_scheme_digest_get_nonce (HTTP_AUTH_SCHEME_DIGEST (scheme)));

  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, NULL);
  g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", authorization, NULL, NULL,
                                                     NULL, &info, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_OK);
  g_assert_nonnull (strstr (info, "nextnonce="));

  /* A tampered rspauth fails, and the nextnonce of a failed check is not
   * taken. */
  {
    g_autofree char *bad = g_strdup (info);
    char *rsp = strstr (bad, "rspauth=\"") + 9;
    *rsp = *rsp == '0' ? '1' : '0';
    g_assert_false (http_auth_scheme_check_authentication_info (scheme, credential, authorization, bad,
                                                                NULL, &error));
    g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED);
    g_clear_error (&error);
    g_assert_cmpstr (http_auth_scheme_digest_get_nonce (HTTP_AUTH_SCHEME_DIGEST (scheme)), ==, first_nonce);
  }

  /* An Authentication-Info for another nc does not belong to this request. */
  {
    g_autofree char *bad = g_strdup (info);
    char *nc = strstr (bad, "nc=00000001");
    nc[10] = '2';
    g_assert_false (http_auth_scheme_check_authentication_info (scheme, credential, authorization, bad,
                                                                NULL, &error));
    g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO);
    g_clear_error (&error);
  }

  g_assert_false (http_auth_scheme_check_authentication_info (scheme, credential, authorization,
                                                              "rspauth=\"unterminated", NULL, &error));
  g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO);
  g_clear_error (&error);

  g_assert_true (http_auth_scheme_check_authentication_info (scheme, credential, authorization, info,
                                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (http_auth_scheme_digest_get_nonce (HTTP_AUTH_SCHEME_DIGEST (scheme)), !=, first_nonce);
  g_assert_cmpuint (http_auth_scheme_digest_get_nonce_count (HTTP_AUTH_SCHEME_DIGEST (scheme)), ==, 0);

  /* The next request uses the nextnonce with nc=1, and the server takes it. */
  g_clear_pointer (&authorization, g_free);
  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/2", NULL, NULL);
  g_assert_nonnull (strstr (authorization, "nc=00000001"));
  g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/2", authorization, NULL, NULL,
                                                     NULL, NULL, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_OK);

}

static void
test_digest_protection_space (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthScheme) with_domain =
    digest_for ("Digest realm=\"r\", nonce=\"n\", domain=\"/docs/ http://h:8080/api/ http://other/x/ https://h:8080/s/ rel/\"", &error);
  g_autoptr(HttpAuthScheme) without =
    digest_for ("Digest realm=\"r\", nonce=\"n\"", &error);
  g_autoptr(GUri) uri = g_uri_parse ("http://h:8080/base/page.html", G_URI_FLAGS_NONE, NULL);
  g_auto(GStrv) space = http_auth_scheme_dup_path_prefixes (with_domain, uri);
  g_auto(GStrv) whole = http_auth_scheme_dup_path_prefixes (without, uri);
  g_autofree char *joined = g_strjoinv (" ", space);

  /* Other origins in domain= never join the space. */
  g_assert_cmpstr (joined, ==, "/docs/ /api/ /base/rel/");
  /* Without domain=, the request's directory, as for Basic. */
  g_assert_cmpstr (whole[0], ==, "/base/");
  g_assert_null (whole[1]);
}

/* Protection space of @field for a request to @request_uri, joined by " ". */
static char *
space_for (const char *field,
           const char *request_uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthScheme) scheme = digest_for (field, &error);
  g_autoptr(GUri) uri = g_uri_parse (request_uri, SOUP_HTTP_URI_FLAGS, NULL);
  g_auto(GStrv) space = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (uri);
  space = http_auth_scheme_dup_path_prefixes (scheme, uri);
  g_assert_nonnull (space);
  g_assert_nonnull (space[0]);

  return g_strjoinv (" ", space);
}

typedef struct
{
  const char *domain;
  const char *expected;
} DomainCase;

static const DomainCase hostile_domains[] = {
  /* An absolute URI without an authority has no host to compare. */
  { "http:foo", "/base/" },
  { "https:", "/base/" },
  { "mailto:x@y", "/base/" },
  { "urn:isbn:0451450523", "/base/" },
  /* Empty or missing hosts. */
  { "//", "/base/" },
  { "http://", "/base/" },
  { "///x/", "/base/" },
  { "http://:8080/x/", "/base/" },
  { "file:///etc/", "/base/" },
  /* Not URIs at all. */
  { "http://[", "/base/" },
  { "http://[::1", "/base/" },
  { "http://h:99999/", "/base/" },
  { "http://h:-1/", "/base/" },
  { "%", "/base/" },
  { "http://h:8080/%zz/", "/base/" },
  /* Usable entries beside unusable ones still count. */
  { "http:foo /ok/ // http://[ /also/", "/ok/ /also/" },
  /* Paths keep their encoding, whatever bytes they name. */
  { "/a%00b/ /%FF/", "/a%00b/ /%FF/" },
  { "/\xff\xfe/", "/%FF%FE/" },
  /* A relative reference stays on the request's origin (a backslash is
   * not a slash here, as it is in WHATWG URLs). */
  { "\\\\h\\x", "/base/\\\\h\\x" },
  { "rel/", "/base/rel/" },
  /* Same origin, written differently. */
  { "HTTP://H:8080/up/", "/up/" },
  { "//h:8080/net/", "/net/" },
  { "http://h:8080", "/" },
  { "/x/ /x/ /x/", "/x/" },
  /* Other origins never widen the space. */
  { "http://h/x/ https://h:8080/x/ http://user@other:8080/x/", "/base/" },
};

static void
test_digest_domain_hostile (gconstpointer data)
{
  const DomainCase *c = data;
  g_autoptr(GString) field = g_string_new ("Digest realm=\"r\", nonce=\"n\", domain=");
  g_autofree char *space = NULL;

  g_test_summary ("Finding 11 (issue 17): a hostile Digest domain= list never emits a "
                  "critical or a warning; unusable entries are skipped");

  /* Tests run with criticals and warnings fatal (g_test_init), so an entry
   * that reached a g_return_if_fail() would abort here. */
  _http_auth_append_quoted (field, c->domain);
  space = space_for (field->str, "http://h:8080/base/page.html");
  g_assert_cmpstr (space, ==, c->expected);
}

static void
test_digest_domain_default_port (void)
{
  g_autofree char *explicit_port = NULL;
  g_autofree char *https = NULL;

  g_test_summary ("Finding 11 (issue 17): domain= entries are compared by origin, with "
                  "default ports filled in");

  /* libsoup drops a default port from the request URI; the entry may spell it. */
  explicit_port = space_for ("Digest realm=\"r\", nonce=\"n\", domain=\"http://h:80/a/ http://h/b/\"",
                             "http://h/page");
  g_assert_cmpstr (explicit_port, ==, "/a/ /b/");
  https = space_for ("Digest realm=\"r\", nonce=\"n\", domain=\"https://h:443/a/ http://h:443/b/\"",
                     "https://h/page");
  g_assert_cmpstr (https, ==, "/a/");
}

static void
test_digest_domain_huge (void)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) field = g_string_new ("Digest realm=\"r\", nonce=\"n\", domain=");
  g_autoptr(GString) long_path = g_string_new ("/");
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GUri) uri = g_uri_parse ("http://h:8080/base/page.html", SOUP_HTTP_URI_FLAGS, NULL);
  g_auto(GStrv) space = NULL;

  g_test_summary ("Finding 11 (issue 17): a huge Digest domain= list is bounded: the "
                  "protection space keeps a small number of short paths");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (list, "/p%u/ http:foo%u // ", i, i);
  for (guint i = 0; i < 10000; i++)
    g_string_append (long_path, "aaaaaaaaa/");
  g_string_prepend (list, " ");
  g_string_prepend (list, long_path->str);
  _http_auth_append_quoted (field, list->str);

  scheme = digest_for (field->str, &error);
  g_assert_no_error (error);
  space = http_auth_scheme_dup_path_prefixes (scheme, uri);

  /* The over-long first entry is skipped, then the list is cut. */
  g_assert_cmpuint (g_strv_length (space), >=, 1);
  g_assert_cmpuint (g_strv_length (space), <=, 64);
  g_assert_cmpstr (space[0], ==, "/p0/");
  for (guint i = 0; space[i] != NULL; i++)
    g_assert_cmpuint (strlen (space[i]), <, 4096);
}

/* The nonce count in @authorization. */
static guint
sent_nc (const char *authorization)
{
  const char *nc = strstr (authorization, "nc=");

  g_assert_nonnull (nc);
  return (guint) g_ascii_strtoull (nc + 3, NULL, 16);
}

static void
test_digest_nonce_kept_on_retry (void)
{
  g_autoptr(HttpAuthDigestVerifier) verifier = http_auth_digest_verifier_new ("r", "SHA-256", "auth");
  g_autoptr(HttpAuthCredential) wrong = http_auth_credential_new ("bob", "wrong");
  g_autoptr(HttpAuthCredential) right = http_auth_credential_new ("bob", "pw");
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) challenges = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gboolean stale = TRUE;

  g_test_summary ("Issue 16: a re-challenge with the nonce in use keeps counting (RFC 7616 "
                  "§3.4), so a server that tracks nc never sees a count twice");

  http_auth_digest_verifier_add_user (verifier, "bob", "pw");
  challenges = http_auth_digest_verifier_make_challenges (verifier, FALSE);
  scheme = digest_for (challenges[0], &error);
  g_assert_no_error (error);

  first = http_auth_scheme_dup_authorization (scheme, wrong, "GET", "/", NULL, NULL);
  g_assert_cmpuint (sent_nc (first), ==, 1);
  g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", first, NULL, NULL,
                                                     NULL, NULL, NULL), !=, HTTP_AUTH_DIGEST_VERIFY_OK);

  /* The server answers the wrong password with the same challenge. */
  again = http_auth_challenge_parse (challenges[0], NULL);
  g_assert_true (http_auth_scheme_update (scheme, g_ptr_array_index (again, 0), &stale, &error));
  g_assert_no_error (error);
  g_assert_false (stale);
  g_assert_cmpuint (http_auth_scheme_digest_get_nonce_count (HTTP_AUTH_SCHEME_DIGEST (scheme)), ==, 1);

  second = http_auth_scheme_dup_authorization (scheme, right, "GET", "/", NULL, NULL);
  g_assert_cmpuint (sent_nc (second), ==, 2);
  g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/", second, NULL, NULL,
                                                     NULL, NULL, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_OK);
}

static void
test_digest_nonce_shared (void)
{
  g_autoptr(HttpAuthDigestVerifier) verifier = http_auth_digest_verifier_new ("r", "MD5", "auth");
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("bob", "pw");
  g_autoptr(HttpAuthScheme) a = NULL;
  g_autoptr(HttpAuthScheme) b = NULL;
  g_autoptr(HttpAuthScheme) other_realm = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) challenges = NULL;
  g_autofree char *other_field = NULL;

  g_test_summary ("Issue 16: two requests answering the same nonce of a realm (a server that "
                  "hands one nonce to concurrent 401s) share one count and never send an nc twice");

  http_auth_digest_verifier_add_user (verifier, "bob", "pw");
  challenges = http_auth_digest_verifier_make_challenges (verifier, FALSE);
  a = digest_for (challenges[0], &error);
  g_assert_no_error (error);
  b = digest_for (challenges[0], &error);
  g_assert_no_error (error);
  other_field = g_strdup_printf ("Digest realm=\"elsewhere\", nonce=\"%s\", qop=auth",
                                 http_auth_scheme_digest_get_nonce (HTTP_AUTH_SCHEME_DIGEST (a)));
  other_realm = digest_for (other_field, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= 6; i++)
    {
      HttpAuthScheme *scheme = i % 2 ? a : b;
      g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/x",
                                                                           NULL, NULL);

      g_assert_cmpuint (sent_nc (authorization), ==, i);
      g_assert_cmpint (http_auth_digest_verifier_verify (verifier, "GET", "/x", authorization, NULL, NULL,
                                                         NULL, NULL, NULL), ==, HTTP_AUTH_DIGEST_VERIFY_OK);
    }
  g_assert_cmpuint (http_auth_scheme_digest_get_nonce_count (HTTP_AUTH_SCHEME_DIGEST (a)), ==, 6);

  /* The same nonce text in another realm is another nonce. */
  {
    g_autofree char *authorization = http_auth_scheme_dup_authorization (other_realm, credential, "GET", "/",
                                                                         NULL, NULL);

    g_assert_cmpuint (sent_nc (authorization), ==, 1);
  }

  /* Once every object let go of the nonce, it starts over. */
  g_clear_object (&a);
  g_clear_object (&b);
  a = digest_for (challenges[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (http_auth_scheme_digest_get_nonce_count (HTTP_AUTH_SCHEME_DIGEST (a)), ==, 0);
}

static void
test_digest_protection_space_directory (void)
{
  g_autofree char *root = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *dir = NULL;

  g_test_summary ("Issue 16: without domain=, a Digest space is the request's directory (as "
                  "for Basic), so realms on different paths of an origin do not compete for /");

  root = space_for ("Digest realm=\"r\", nonce=\"n\"", "http://h/page");
  g_assert_cmpstr (root, ==, "/");
  deep = space_for ("Digest realm=\"r\", nonce=\"n\"", "http://h/a/b/page?q=/x/");
  g_assert_cmpstr (deep, ==, "/a/b/");
  dir = space_for ("Digest realm=\"r\", nonce=\"n\", domain=\"\"", "http://h/a/");
  g_assert_cmpstr (dir, ==, "/a/");
}

static void
test_digest_nc_per_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthScheme) scheme = digest_for ("Digest realm=\"r\", nonce=\"n\", qop=auth", &error);
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("u", "p");

  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/",
                                                                           NULL, NULL);
      g_autofree char *expect = g_strdup_printf ("nc=%08x,", i);

      g_assert_nonnull (strstr (authorization, expect));
    }
  g_assert_cmpuint (http_auth_scheme_digest_get_nonce_count (HTTP_AUTH_SCHEME_DIGEST (scheme)), ==, 300);
}

/* ---- Choosing among challenges ---- */

#define TEST_TYPE_SCHEME_BEARER (test_scheme_bearer_get_type ())
G_DECLARE_FINAL_TYPE (TestSchemeBearer, test_scheme_bearer, TEST, SCHEME_BEARER, HttpAuthScheme)

struct _TestSchemeBearer
{
  HttpAuthScheme parent_instance;
};

G_DEFINE_FINAL_TYPE (TestSchemeBearer, test_scheme_bearer, HTTP_AUTH_TYPE_SCHEME)

static char *
bearer_get_authorization (HttpAuthScheme      *scheme,
                          HttpAuthCredential  *credential,
                          const char          *method,
                          const char          *target,
                          GBytes              *body,
                          GError             **error)
{
  return g_strconcat ("Bearer ", http_auth_credential_get_password (credential), NULL);
}

static guint
bearer_get_strength (HttpAuthScheme *scheme)
{
  return 100;
}

static void
test_scheme_bearer_class_init (TestSchemeBearerClass *klass)
{
  HttpAuthSchemeClass *scheme_class = HTTP_AUTH_SCHEME_CLASS (klass);

  scheme_class->scheme_name = "bearer";
  scheme_class->dup_authorization = bearer_get_authorization;
  scheme_class->get_strength = bearer_get_strength;
}

static void
test_scheme_bearer_init (TestSchemeBearer *self)
{
}

static char *
choose (HttpAuthSchemeRegistry  *registry,
        const char              *field,
        GError                 **error)
{
  g_autoptr(GPtrArray) challenges = http_auth_challenge_parse (field, NULL);
  g_autoptr(HttpAuthScheme) scheme = http_auth_scheme_registry_choose (registry, challenges,
                                                                       HTTP_AUTH_TARGET_SERVER, error);

  if (scheme == NULL)
    return NULL;
  if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
    {
      g_autofree char *algorithm = http_auth_scheme_digest_dup_algorithm (HTTP_AUTH_SCHEME_DIGEST (scheme));
      return g_strdup_printf ("digest %s", algorithm);
    }
  return g_strdup (http_auth_scheme_get_scheme_name (scheme));
}

static void
test_registry_choose (void)
{
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();
  static const struct { const char *field; const char *expect; int error; } cases[] = {
    { "Basic realm=\"a\", Digest realm=\"a\", nonce=\"n\", algorithm=MD5", "digest MD5", 0 },
    { "Digest realm=\"a\", nonce=\"n\", algorithm=MD5, Digest realm=\"a\", nonce=\"n\", algorithm=SHA-256",
      "digest SHA-256", 0 },
    { "Basic realm=\"a\", Digest realm=\"a\", nonce=\"1\", algorithm=MD5, "
      "Digest realm=\"a\", nonce=\"2\", algorithm=SHA-512-256, Digest realm=\"a\", nonce=\"3\", algorithm=SHA-256",
      "digest SHA-512-256", 0 },
    { "Digest realm=\"a\", nonce=\"n\", algorithm=SHA-1, Basic realm=\"a\"", "basic", 0 },
    { "Digest realm=\"a\", nonce=\"n\", nonce=\"m\", algorithm=SHA-256, Basic realm=\"a\"", "basic", 0 },
    { "Unknown x=y, Basic realm=\"a\"", "basic", 0 },
    { "Unknown x=y", NULL, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME },
    { "Digest realm=\"a\", nonce=\"n\", algorithm=SHA-1", NULL, HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER },
    { "", NULL, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME },
    { "Bearer realm=\"api\", Basic realm=\"a\"", "basic", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = choose (registry, cases[i].field, &error);

      g_assert_cmpstr (got, ==, cases[i].expect);
      if (cases[i].expect == NULL)
        g_assert_error (error, HTTP_AUTH_ERROR, cases[i].error);
      else
        g_assert_no_error (error);
    }

  /* An application adds Bearer; it is then chosen by its strength. */
  http_auth_scheme_registry_register (registry, TEST_TYPE_SCHEME_BEARER);
  g_assert_true (http_auth_scheme_registry_lookup (registry, "BEARER") == TEST_TYPE_SCHEME_BEARER);
  {
    g_autofree char *got = choose (registry, "Basic realm=\"a\", Bearer realm=\"api\"", NULL);
    g_assert_cmpstr (got, ==, "bearer");
  }
  http_auth_scheme_registry_unregister (registry, "Bearer");
  g_assert_true (http_auth_scheme_registry_lookup (registry, "bearer") == G_TYPE_INVALID);

  {
    g_autoptr(HttpAuthSchemeRegistry) empty = http_auth_scheme_registry_new_empty ();
    g_autoptr(GError) error = NULL;
    g_autofree char *got = choose (empty, "Basic realm=\"a\"", &error);
    g_assert_null (got);
    g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME);
  }
}

static void
test_rfc8187 (void)
{
  g_autofree char *enc = _http_auth_rfc8187_encode ("J\xc3\xa4s\xc3\xb8n Doe");
  g_autofree char *dec = _http_auth_rfc8187_decode (enc);
  g_autofree char *bad1 = _http_auth_rfc8187_decode ("ISO-8859-1''abc");
  g_autofree char *bad2 = _http_auth_rfc8187_decode ("UTF-8''%C3");
  g_autofree char *bad3 = _http_auth_rfc8187_decode ("UTF-8''a%00b");
  g_autofree char *bad4 = _http_auth_rfc8187_decode ("UTF-8''a b");
  g_autofree char *lang = _http_auth_rfc8187_decode ("utf-8'en'%E2%82%AC");

  /* RFC 7616 §3.9.2 spells the name this way. */
  g_assert_cmpstr (enc, ==, "UTF-8''J%C3%A4s%C3%B8n%20Doe");
  g_assert_cmpstr (dec, ==, "J\xc3\xa4s\xc3\xb8n Doe");
  g_assert_null (bad1);
  g_assert_null (bad2);
  g_assert_null (bad3);
  g_assert_null (bad4);
  g_assert_cmpstr (lang, ==, "\xe2\x82\xac");
}

static void
test_random (void)
{
  g_autofree char *a = _http_auth_random_hex (16);
  g_autofree char *b = _http_auth_random_hex (16);

  g_assert_cmpuint (strlen (a), ==, 32);
  g_assert_cmpstr (a, !=, b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/SchemeDigest/rfc7616-vectors", test_digest_rfc7616_vectors);
  g_test_add_func ("/HttpAuth/SchemeDigest/hashes", test_digest_hashes);
  g_test_add_func ("/HttpAuth/SchemeDigest/hashes-long", test_digest_hashes_long);
  g_test_add_func ("/HttpAuth/SchemeDigest/algorithm-names", test_digest_algorithm_names);
  g_test_add_func ("/HttpAuth/SchemeDigest/unusable", test_digest_unusable);
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      const RoundTrip *rt = &round_trips[i];
      g_autofree char *path = g_strdup_printf ("/HttpAuth/SchemeDigest/round-trip/%s/%s%s%s/%u",
                                               rt->algorithm, rt->qop ? rt->qop : "no-qop",
                                               rt->userhash ? "/userhash" : "",
                                               rt->prefer_integrity ? "/prefer-int" : "", i);
      g_test_add_data_func (path, rt, test_digest_round_trip);
    }
  g_test_add_func ("/HttpAuth/SchemeDigest/stale", test_digest_stale);
  g_test_add_func ("/HttpAuth/SchemeDigest/nextnonce-rspauth", test_digest_nextnonce_and_rspauth);
  g_test_add_func ("/HttpAuth/SchemeDigest/protection-space", test_digest_protection_space);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_domains); i++)
    {
      g_autofree char *path = g_strdup_printf ("/HttpAuth/SchemeDigest/domain/hostile/%u", i);
      g_test_add_data_func (path, &hostile_domains[i], test_digest_domain_hostile);
    }
  g_test_add_func ("/HttpAuth/SchemeDigest/domain/default-port", test_digest_domain_default_port);
  g_test_add_func ("/HttpAuth/SchemeDigest/domain/huge", test_digest_domain_huge);
  g_test_add_func ("/HttpAuth/SchemeDigest/nc-per-request", test_digest_nc_per_request);
  g_test_add_func ("/HttpAuth/SchemeDigest/nonce/kept-on-retry", test_digest_nonce_kept_on_retry);
  g_test_add_func ("/HttpAuth/SchemeDigest/nonce/shared", test_digest_nonce_shared);
  g_test_add_func ("/HttpAuth/SchemeDigest/protection-space/directory", test_digest_protection_space_directory);
  g_test_add_func ("/HttpAuth/SchemeDigest/rfc8187", test_rfc8187);
  g_test_add_func ("/HttpAuth/SchemeDigest/random", test_random);
  g_test_add_func ("/HttpAuth/SchemeRegistry/choose", test_registry_choose);

  return g_test_run ();
}
