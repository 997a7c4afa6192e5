/* http-auth-digest-verifier.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-digest-verifier"

#include "config.h"

#include "http-auth-challenge-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-digest-private.h"
#include "http-auth-digest-verifier.h"

#include <string.h>

typedef struct
{
  guint32 last_nc;
} NonceState;

struct _HttpAuthDigestVerifier
{
  GMutex      mutex;
  char       *realm;
  /* The offered algorithms, strongest first, as parsed. */
  GArray     *algorithms;
  char       *qop;
  char       *opaque;
  char       *domain;
  gboolean    userhash;
  gboolean    send_nextnonce;
  gboolean    corrupt_rspauth;
  /* user name -> password (wiped on free) */
  GHashTable *users;
  /* issued nonce -> NonceState */
  GHashTable *nonces;
};

HttpAuthDigestVerifier *
http_auth_digest_verifier_new (const char *realm,
                               const char *algorithms,
                               const char *qop)
{
  HttpAuthDigestVerifier *self = g_new0 (HttpAuthDigestVerifier, 1);
  g_auto(GStrv) names = g_strsplit (algorithms, "|", -1);

  g_mutex_init (&self->mutex);
  self->realm = g_strdup (realm);
  self->qop = g_strdup (qop);
  self->algorithms = g_array_new (FALSE, FALSE, sizeof (HttpAuthDigestAlgorithm));
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) _http_auth_secure_free);
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      HttpAuthDigestAlgorithm algorithm;

      if (!_http_auth_digest_algorithm_parse (names[i], &algorithm))
        g_error ("Unknown Digest algorithm %s", names[i]);
      g_array_append_val (self->algorithms, algorithm);
    }

  return self;
}

void
http_auth_digest_verifier_free (HttpAuthDigestVerifier *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->mutex);
  g_free (self->realm);
  g_free (self->qop);
  g_free (self->opaque);
  g_free (self->domain);
  g_array_unref (self->algorithms);
  g_hash_table_unref (self->users);
  g_hash_table_unref (self->nonces);
  g_free (self);
}

const char *
http_auth_digest_verifier_get_realm (HttpAuthDigestVerifier *self)
{
  return self->realm;
}

void
http_auth_digest_verifier_add_user (HttpAuthDigestVerifier *self,
                                    const char             *username,
                                    const char             *password)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_insert (self->users, g_strdup (username), g_strdup (password));
  g_mutex_unlock (&self->mutex);
}

void
http_auth_digest_verifier_set_userhash (HttpAuthDigestVerifier *self,
                                        gboolean                userhash)
{
  self->userhash = userhash;
}

void
http_auth_digest_verifier_set_opaque (HttpAuthDigestVerifier *self,
                                      const char             *opaque)
{
  g_free (self->opaque);
  self->opaque = g_strdup (opaque);
}

void
http_auth_digest_verifier_set_domain (HttpAuthDigestVerifier *self,
                                      const char             *domain)
{
  g_free (self->domain);
  self->domain = g_strdup (domain);
}

void
http_auth_digest_verifier_set_send_nextnonce (HttpAuthDigestVerifier *self,
                                              gboolean                send_nextnonce)
{
  self->send_nextnonce = send_nextnonce;
}

void
http_auth_digest_verifier_set_corrupt_rspauth (HttpAuthDigestVerifier *self,
                                               gboolean                corrupt)
{
  self->corrupt_rspauth = corrupt;
}

/* Forgets every issued nonce: the next answer gets stale=true. */
void
http_auth_digest_verifier_expire_nonces (HttpAuthDigestVerifier *self)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->nonces);
  g_mutex_unlock (&self->mutex);
}

static char *
issue_nonce_locked (HttpAuthDigestVerifier *self)
{
  char *nonce = _http_auth_random_hex (24);

  g_hash_table_insert (self->nonces, g_strdup (nonce), g_new0 (NonceState, 1));

  return nonce;
}

char **
http_auth_digest_verifier_make_challenges (HttpAuthDigestVerifier *self,
                                           gboolean                stale)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&self->mutex);

  /* One challenge per algorithm, each with its own nonce, as lighttpd does. */
  for (guint i = 0; i < self->algorithms->len; i++)
    {
      HttpAuthDigestAlgorithm algorithm = g_array_index (self->algorithms, HttpAuthDigestAlgorithm, i);
      g_autofree char *nonce = issue_nonce_locked (self);
      g_autofree char *name = _http_auth_digest_algorithm_to_string (algorithm);
      GString *c = g_string_new ("Digest realm=");

      _http_auth_append_quoted (c, self->realm);
      if (self->domain != NULL)
        {
          g_string_append (c, ", domain=");
          _http_auth_append_quoted (c, self->domain);
        }
      g_string_append (c, ", nonce=");
      _http_auth_append_quoted (c, nonce);
      if (self->opaque != NULL)
        {
          g_string_append (c, ", opaque=");
          _http_auth_append_quoted (c, self->opaque);
        }
      g_string_append_printf (c, ", algorithm=%s", name);
      if (self->qop != NULL)
        g_string_append_printf (c, ", qop=\"%s\"", self->qop);
      g_string_append (c, ", charset=UTF-8");
      if (self->userhash)
        g_string_append (c, ", userhash=true");
      if (stale)
        g_string_append (c, ", stale=true");

      g_strv_builder_add (builder, c->str);
      g_string_free (c, TRUE);
    }

  g_mutex_unlock (&self->mutex);

  return g_strv_builder_end (builder);
}

static gboolean
qop_offered (HttpAuthDigestVerifier *self,
             const char             *qop)
{
  g_auto(GStrv) options = NULL;

  if (self->qop == NULL)
    return qop == NULL;
  if (qop == NULL)
    return FALSE;

  options = g_strsplit (self->qop, ",", -1);
  for (guint i = 0; options[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (options[i]), qop) == 0)
      return TRUE;

  return FALSE;
}

static const char *
find_user_locked (HttpAuthDigestVerifier *self,
                  HttpAuthDigestHash      hash,
                  const char             *sent,
                  gboolean                hashed)
{
  GHashTableIter iter;
  gpointer key;

  if (!hashed)
    return g_hash_table_contains (self->users, sent) ? sent : NULL;

  /* userhash: the client sent H(user ":" realm); look the user up by it. */
  g_hash_table_iter_init (&iter, self->users);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *h = _http_auth_digest_compute_userhash (hash, key, self->realm);

      if (_http_auth_digest_hex_equal (h, sent))
        return key;
    }

  return NULL;
}

#define FAIL(why) G_STMT_START { if (reason) *reason = g_strdup (why); \
                                 result = HTTP_AUTH_DIGEST_VERIFY_FAILED; goto out; } G_STMT_END

HttpAuthDigestVerifyResult
http_auth_digest_verifier_verify (HttpAuthDigestVerifier  *self,
                                  const char              *method,
                                  const char              *request_target,
                                  const char              *authorization,
                                  GBytes                  *request_body,
                                  GBytes                  *response_body,
                                  char                   **username,
                                  char                   **authentication_info,
                                  char                   **reason)
{
  HttpAuthDigestVerifyResult result = HTTP_AUTH_DIGEST_VERIFY_FAILED;
  g_autoptr(GPtrArray) list = http_auth_challenge_parse (authorization, NULL);
  HttpAuthChallenge *c;
  HttpAuthDigestAlgorithm algorithm;
  HttpAuthDigestQop qop = HTTP_AUTH_DIGEST_QOP_NONE;
  const char *sent_user, *sent_user_ext, *realm, *nonce, *uri, *nc, *cnonce, *qop_s;
  const char *response, *userhash, *opaque;
  g_autofree char *decoded_user = NULL;
  const char *user = NULL;
  const char *password;
  gboolean offered = FALSE;
  NonceState *state;
  guint64 nc_value = 0;
  g_autoptr(HttpAuthSecretString) ha1 = NULL;
  g_autofree char *ha2 = NULL;
  g_autofree char *body_hash = NULL;
  g_autofree char *expected = NULL;

  g_mutex_lock (&self->mutex);

  if (list->len != 1 || g_strcmp0 (http_auth_challenge_get_scheme (g_ptr_array_index (list, 0)), "digest") != 0)
    FAIL ("not a Digest authorization");
  c = g_ptr_array_index (list, 0);
  if (http_auth_challenge_has_duplicate_params (c))
    FAIL ("repeated parameter");

  sent_user = http_auth_challenge_lookup_param (c, "username");
  sent_user_ext = http_auth_challenge_lookup_param (c, "username*");
  realm = http_auth_challenge_lookup_param (c, "realm");
  nonce = http_auth_challenge_lookup_param (c, "nonce");
  uri = http_auth_challenge_lookup_param (c, "uri");
  nc = http_auth_challenge_lookup_param (c, "nc");
  cnonce = http_auth_challenge_lookup_param (c, "cnonce");
  qop_s = http_auth_challenge_lookup_param (c, "qop");
  response = http_auth_challenge_lookup_param (c, "response");
  userhash = http_auth_challenge_lookup_param (c, "userhash");
  opaque = http_auth_challenge_lookup_param (c, "opaque");

  if (realm == NULL || nonce == NULL || uri == NULL || response == NULL)
    FAIL ("missing parameter");
  if ((sent_user == NULL) == (sent_user_ext == NULL))
    FAIL ("needs exactly one of username and username*");
  if (g_strcmp0 (realm, self->realm) != 0)
    FAIL ("wrong realm");
  if (g_strcmp0 (uri, request_target) != 0)
    FAIL ("uri does not match the request-target");
  if (g_strcmp0 (opaque, self->opaque) != 0)
    FAIL ("opaque not echoed");

  if (!_http_auth_digest_algorithm_parse (http_auth_challenge_lookup_param (c, "algorithm"), &algorithm))
    FAIL ("unknown algorithm");
  for (guint i = 0; i < self->algorithms->len; i++)
    {
      HttpAuthDigestAlgorithm a = g_array_index (self->algorithms, HttpAuthDigestAlgorithm, i);
      if (a.hash == algorithm.hash && a.sess == algorithm.sess)
        offered = TRUE;
    }
  if (!offered)
    FAIL ("algorithm not offered");

  if (!qop_offered (self, qop_s))
    FAIL ("qop not offered");
  if (qop_s != NULL)
    {
      qop = g_ascii_strcasecmp (qop_s, "auth-int") == 0 ? HTTP_AUTH_DIGEST_QOP_AUTH_INT
                                                        : HTTP_AUTH_DIGEST_QOP_AUTH;
      if (nc == NULL || cnonce == NULL || strlen (nc) != 8)
        FAIL ("qop without nc or cnonce");
      for (const char *p = nc; *p; p++)
        if (!g_ascii_isxdigit (*p))
          FAIL ("nc is not hexadecimal");
      nc_value = g_ascii_strtoull (nc, NULL, 16);
    }

  if (sent_user_ext != NULL)
    {
      decoded_user = _http_auth_rfc8187_decode (sent_user_ext);
      if (decoded_user == NULL)
        FAIL ("malformed username*");
      sent_user = decoded_user;
    }

  if ((userhash != NULL && g_ascii_strcasecmp (userhash, "true") == 0) != self->userhash)
    FAIL ("userhash mismatch");

  user = find_user_locked (self, algorithm.hash, sent_user, self->userhash);
  if (user == NULL)
    FAIL ("unknown user");
  password = g_hash_table_lookup (self->users, user);

  ha1 = _http_auth_digest_compute_ha1 (algorithm, user, self->realm, password, nonce,
                                       cnonce ? cnonce : "");
  if (qop == HTTP_AUTH_DIGEST_QOP_AUTH_INT)
    body_hash = _http_auth_digest_body_hash (algorithm.hash, request_body);
  ha2 = _http_auth_digest_compute_ha2 (algorithm.hash, method, uri, qop, body_hash);
  expected = _http_auth_digest_compute_response (algorithm.hash, ha1, nonce, nc, cnonce, qop, ha2);

  if (!_http_auth_digest_hex_equal (expected, response))
    FAIL ("wrong response digest (wrong password?)");

  state = g_hash_table_lookup (self->nonces, nonce);
  if (state == NULL)
    {
      if (reason)
        *reason = g_strdup ("unknown or expired nonce");
      result = HTTP_AUTH_DIGEST_VERIFY_STALE;
      goto out;
    }

  if (qop != HTTP_AUTH_DIGEST_QOP_NONE)
    {
      /* A nonce count must grow: an old one is a replay. */
      if (nc_value <= state->last_nc)
        FAIL ("nonce count replayed");
      state->last_nc = (guint32) nc_value;
    }

  if (username)
    *username = g_strdup (user);

  if (authentication_info)
    {
      g_autofree char *rspauth = NULL;
      g_autofree char *resp_body_hash = NULL;
      g_autofree char *rsp_ha2 = NULL;
      GString *info = g_string_new (NULL);

      if (qop == HTTP_AUTH_DIGEST_QOP_AUTH_INT)
        resp_body_hash = _http_auth_digest_body_hash (algorithm.hash, response_body);
      rsp_ha2 = _http_auth_digest_compute_ha2 (algorithm.hash, "", uri, qop, resp_body_hash);
      rspauth = _http_auth_digest_compute_response (algorithm.hash, ha1, nonce, nc, cnonce, qop,
                                                    rsp_ha2);
      if (self->corrupt_rspauth)
        rspauth[0] = rspauth[0] == '0' ? '1' : '0';

      g_string_append_printf (info, "rspauth=\"%s\"", rspauth);
      if (qop != HTTP_AUTH_DIGEST_QOP_NONE)
        {
          g_string_append_printf (info, ", qop=%s, nc=%s, cnonce=", qop_s, nc);
          _http_auth_append_quoted (info, cnonce);
        }
      if (self->send_nextnonce)
        {
          g_autofree char *next = issue_nonce_locked (self);

          g_string_append (info, ", nextnonce=");
          _http_auth_append_quoted (info, next);
        }
      *authentication_info = g_string_free (info, FALSE);
    }

  result = HTTP_AUTH_DIGEST_VERIFY_OK;

out:
  g_mutex_unlock (&self->mutex);
  return result;
}
