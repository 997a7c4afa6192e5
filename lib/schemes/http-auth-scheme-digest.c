/* http-auth-scheme-digest.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-scheme-digest"

#include "config.h"

#include "http-auth-challenge-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-digest-private.h"
#include "http-auth-scheme-digest-private.h"
#include "http-auth-uri-private.h"

#include <string.h>

/**
 * HttpAuthSchemeDigest:
 *
 * The Digest scheme of RFC 7616.
 *
 * Supports the algorithms MD5, SHA-256 and SHA-512-256 and their `-sess`
 * variants, `qop` `auth` and `auth-int` (the request body is hashed),
 * `userhash`, `username*` (RFC 8187) for user names that are not ASCII,
 * `opaque`, `stale`, and `Authentication-Info` with `nextnonce` and
 * `rspauth` verification. Challenges without `qop` are answered in the
 * RFC 2069 way.
 *
 * The nonce is reused with an incrementing nonce count for later requests
 * in the same protection space, so each request does not cost a 401. A
 * fresh client nonce (cnonce) is drawn from the kernel's CSPRNG for each
 * server nonce. A challenge that repeats the nonce in use (a retry after a
 * refused password, a server that hands the same nonce to several 401s)
 * keeps counting from where it was: RFC 7616 §3.4 lets a client reuse a
 * nonce until the server calls it stale, and a server that tracks `nc`
 * refuses a count it has seen. Every scheme object answering the same
 * nonce of the same realm shares one count, so concurrent requests never
 * send the same `nc` twice.
 *
 * Without a usable `domain=`, the protection space is the request's
 * directory, as for Basic (RFC 7617 §2.2) and as browsers keep Digest
 * spaces (Chromium's HttpAuthCache records the directory whatever the
 * scheme), rather than the whole origin RFC 7616 §3.3 suggests: realms on
 * different paths of one origin then do not compete for `/`, and a path
 * outside the directory costs at most one 401, answered from the cache.
 */

/* The client side of one server nonce, shared by every scheme object
 * answering it; fields under the nonce_states lock. */
typedef struct
{
  guint    ref_count;
  char    *key;     /* the realm's length, ':', the realm, the nonce */
  char    *cnonce;  /* drawn once per server nonce */
  guint32  nc;      /* the last nonce count sent with it */
} NonceState;

struct _HttpAuthSchemeDigest
{
  HttpAuthScheme           parent_instance;

  /* From the latest challenge; main thread. */
  HttpAuthDigestAlgorithm  algorithm;
  char                    *nonce;
  char                    *opaque;
  char                    *domain;
  guint                    offers_auth : 1;
  guint                    offers_auth_int : 1;
  guint                    userhash : 1;
  guint                    prefer_integrity : 1;

  /* Client state for the current nonce: its cnonce and nonce count,
   * shared with every scheme object answering the same nonce. */
  NonceState              *nonce_state;
};

G_DEFINE_FINAL_TYPE (HttpAuthSchemeDigest, http_auth_scheme_digest, HTTP_AUTH_TYPE_SCHEME)

/* ---- One count per server nonce ---- */

/* Process-wide, since sessions on several threads may meet the same
 * nonce: realm and nonce (the key) -> NonceState, each entry removed when
 * its last scheme object lets go of it. */
G_LOCK_DEFINE_STATIC (nonce_states);
static GHashTable *nonce_states;

enum {
  PROP_0,
  PROP_PREFER_INTEGRITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static NonceState *
nonce_state_acquire (const char *realm,
                     const char *nonce)
{
  g_autofree char *key = g_strdup_printf ("%" G_GSIZE_FORMAT ":%s%s", strlen (realm), realm, nonce);
  NonceState *state;

  G_LOCK (nonce_states);
  if (nonce_states == NULL)
    nonce_states = g_hash_table_new (g_str_hash, g_str_equal);
  state = g_hash_table_lookup (nonce_states, key);
  if (state != NULL)
    state->ref_count++;
  else
    {
      state = g_new0 (NonceState, 1);
      state->ref_count = 1;
      state->key = g_steal_pointer (&key);
      state->cnonce = _http_auth_random_hex (16);
      g_hash_table_insert (nonce_states, state->key, state);
    }
  G_UNLOCK (nonce_states);

  return state;
}

static void
nonce_state_release (NonceState *state)
{
  G_LOCK (nonce_states);
  g_assert (state->ref_count > 0);
  if (--state->ref_count == 0)
    {
      g_hash_table_remove (nonce_states, state->key);
      g_free (state->key);
      g_free (state->cnonce);
      g_free (state);
    }
  G_UNLOCK (nonce_states);
}

/* The next nonce count to send, and the cnonce to send it with; FALSE
 * once the count is exhausted (it is 8 hex digits, and a wrapped count
 * would replay old values). */
static gboolean
nonce_state_next (NonceState  *state,
                  guint32     *nc,
                  char       **cnonce)
{
  gboolean ok = FALSE;

  G_LOCK (nonce_states);
  if (state->nc < G_MAXUINT32)
    {
      *nc = ++state->nc;
      *cnonce = g_strdup (state->cnonce);
      ok = TRUE;
    }
  G_UNLOCK (nonce_states);

  return ok;
}

/* Takes @nonce as the server nonce to answer. The nonce in use keeps its
 * count and cnonce; another one starts from the count others reached
 * with it, or from zero with a fresh cnonce. */
static void
reset_nonce (HttpAuthSchemeDigest *self,
             const char           *realm,
             const char           *nonce)
{
  if (self->nonce_state != NULL && g_strcmp0 (self->nonce, nonce) == 0)
    return;

  g_clear_pointer (&self->nonce_state, nonce_state_release);
  g_free (self->nonce);
  self->nonce = g_strdup (nonce);
  self->nonce_state = nonce_state_acquire (realm, nonce);
}

/* Whether @value (%NULL: absent) can be sent in a quoted-string. */
static gboolean
quotable (const char *value)
{
  for (const guchar *p = (const guchar *) value; p != NULL && *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* Reads a Digest challenge into @self, or fails without touching it. */
static gboolean
read_challenge (HttpAuthSchemeDigest  *self,
                HttpAuthChallenge     *challenge,
                GError               **error)
{
  HttpAuthDigestAlgorithm algorithm;
  const char *realm;
  const char *nonce;
  const char *qop;
  const char *charset;
  const char *userhash;
  gboolean offers_auth = FALSE;
  gboolean offers_auth_int = FALSE;

  if (http_auth_challenge_get_token68 (challenge) != NULL)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "A Digest challenge takes parameters, not a token68");
      return FALSE;
    }

  realm = http_auth_challenge_lookup_param (challenge, "realm");
  nonce = http_auth_challenge_lookup_param (challenge, "nonce");
  if (realm == NULL || nonce == NULL)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                   "A Digest challenge needs a %s", realm == NULL ? "realm" : "nonce");
      return FALSE;
    }

  /* Each goes back to the server in a quoted-string, which cannot carry a
   * control but HTAB (RFC 9110 §5.6.4): the parser never yields one, but
   * a challenge made otherwise must not split the request's header. */
  if (!quotable (realm) || !quotable (nonce) ||
      !quotable (http_auth_challenge_lookup_param (challenge, "opaque")))
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "A Digest challenge's realm, nonce and opaque cannot hold control characters");
      return FALSE;
    }

  if (!_http_auth_digest_algorithm_parse (http_auth_challenge_lookup_param (challenge, "algorithm"),
                                          &algorithm))
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER,
                   "Unsupported Digest algorithm “%s”",
                   http_auth_challenge_lookup_param (challenge, "algorithm"));
      return FALSE;
    }

  qop = http_auth_challenge_lookup_param (challenge, "qop");
  if (qop != NULL)
    {
      g_auto(GStrv) options = g_strsplit (qop, ",", -1);

      for (guint i = 0; options[i] != NULL; i++)
        {
          g_strstrip (options[i]);
          if (g_ascii_strcasecmp (options[i], "auth") == 0)
            offers_auth = TRUE;
          else if (g_ascii_strcasecmp (options[i], "auth-int") == 0)
            offers_auth_int = TRUE;
        }

      if (!offers_auth && !offers_auth_int)
        {
          g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER,
                       "Unsupported Digest qop “%s”", qop);
          return FALSE;
        }
    }
  else if (algorithm.sess)
    {
      /* The session algorithms need a cnonce, which only qop provides. */
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER,
                           "A -sess Digest algorithm needs qop");
      return FALSE;
    }

  charset = http_auth_challenge_lookup_param (challenge, "charset");
  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER,
                   "Unsupported Digest charset “%s”", charset);
      return FALSE;
    }

  userhash = http_auth_challenge_lookup_param (challenge, "userhash");

  self->algorithm = algorithm;
  self->offers_auth = offers_auth;
  self->offers_auth_int = offers_auth_int;
  self->userhash = userhash != NULL && g_ascii_strcasecmp (userhash, "true") == 0;
  g_free (self->opaque);
  self->opaque = g_strdup (http_auth_challenge_lookup_param (challenge, "opaque"));
  g_free (self->domain);
  self->domain = g_strdup (http_auth_challenge_lookup_param (challenge, "domain"));
  reset_nonce (self, realm, nonce);

  return TRUE;
}

static gboolean
http_auth_scheme_digest_init_challenge (HttpAuthScheme     *scheme,
                                        HttpAuthChallenge  *challenge,
                                        GError            **error)
{
  return read_challenge (HTTP_AUTH_SCHEME_DIGEST (scheme), challenge, error);
}

static gboolean
http_auth_scheme_digest_update (HttpAuthScheme     *scheme,
                                HttpAuthChallenge  *challenge,
                                gboolean           *stale,
                                GError            **error)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (scheme);
  const char *stale_param = http_auth_challenge_lookup_param (challenge, "stale");
  const char *realm = http_auth_challenge_lookup_param (challenge, "realm");

  if (g_strcmp0 (realm, http_auth_scheme_get_realm (scheme)) != 0)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "The new Digest challenge is for another realm");
      return FALSE;
    }

  if (!read_challenge (self, challenge, error))
    return FALSE;

  /* RFC 7616 §3.3: stale=true means the digest was valid but the nonce was
   * not; retry with the new nonce without asking the user again. */
  *stale = stale_param != NULL && g_ascii_strcasecmp (stale_param, "true") == 0;

  return TRUE;
}

static guint
http_auth_scheme_digest_get_strength (HttpAuthScheme *scheme)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (scheme);

  switch (self->algorithm.hash)
    {
    case HTTP_AUTH_DIGEST_HASH_SHA512_256:
      return 40;
    case HTTP_AUTH_DIGEST_HASH_SHA256:
      return 30;
    case HTTP_AUTH_DIGEST_HASH_MD5:
    default:
      return 20;
    }
}

/* The domain= list is the server's text: however long it is, only so many
 * of its entries are read, and only so many paths (each of a sane length)
 * widen the protection space. */
#define MAX_DOMAIN_ENTRIES     256
#define MAX_DOMAIN_PATHS       32
#define MAX_DOMAIN_ENTRY_BYTES 2048

/* Resolves one domain= entry against the request, or returns %NULL when
 * the entry is unusable: not a URI, no host, or another origin. */
static char *
domain_entry_path (GUri       *request_uri,
                   const char *entry)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *request_host;
  const char *path;

  /* Encoded, so that the path keeps the spelling libsoup gives request
   * paths, and bytes that are not UTF-8 stay %-escapes. */
  uri = g_uri_parse_relative (request_uri, entry, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  /* RFC 7616 §3.3 lets an absolute URI name another server; only paths
   * on the request's own origin may widen the space, so that credentials
   * are never offered to another origin because it was listed here. An
   * absolute URI without an authority (`http:foo`) or with an empty host
   * (`//`) names no origin at all. */
  host = g_uri_get_host (uri);
  request_host = g_uri_get_host (request_uri);
  if (host == NULL || *host == '\0' || request_host == NULL)
    return NULL;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (request_uri)) != 0 ||
      g_ascii_strcasecmp (host, request_host) != 0 ||
      _http_auth_uri_port (uri) != _http_auth_uri_port (request_uri))
    return NULL;

  path = g_uri_get_path (uri);
  if (*path == '\0')
    return g_strdup ("/");
  if (*path != '/')
    return NULL;

  return g_strdup (path);
}

static char **
http_auth_scheme_digest_dup_path_prefixes (HttpAuthScheme *scheme,
                                              GUri           *request_uri)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (scheme);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  const char *p = self->domain;
  guint n_entries = 0;

  g_assert (request_uri != NULL);

  /* RFC 7616 §3.3: no domain (or an empty one) means the whole origin.
   * The list is walked in place rather than split, so a huge one costs
   * no more than its first MAX_DOMAIN_ENTRIES entries. */
  while (p != NULL && n_entries < MAX_DOMAIN_ENTRIES && paths->len < MAX_DOMAIN_PATHS)
    {
      g_autofree char *entry = NULL;
      g_autofree char *path = NULL;
      gsize len;

      p += strspn (p, " \t");
      if (*p == '\0')
        break;
      len = strcspn (p, " \t");
      n_entries++;

      if (len <= MAX_DOMAIN_ENTRY_BYTES)
        {
          entry = g_strndup (p, len);
          path = domain_entry_path (request_uri, entry);
        }
      p += len;

      if (path != NULL && strlen (path) <= MAX_DOMAIN_ENTRY_BYTES &&
          !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  /* No usable domain=: the request's directory, as for Basic (see the
   * type's documentation for why not the whole origin). */
  if (paths->len == 0)
    return HTTP_AUTH_SCHEME_CLASS (http_auth_scheme_digest_parent_class)->dup_path_prefixes (scheme, request_uri);

  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

static HttpAuthDigestQop
choose_qop (HttpAuthSchemeDigest *self)
{
  if (self->offers_auth_int && (self->prefer_integrity || !self->offers_auth))
    return HTTP_AUTH_DIGEST_QOP_AUTH_INT;
  if (self->offers_auth)
    return HTTP_AUTH_DIGEST_QOP_AUTH;
  return HTTP_AUTH_DIGEST_QOP_NONE;
}

static gboolean
needs_ext_value (const char *username)
{
  /* A quoted-string can carry any visible ASCII (with escapes) but not
   * controls; anything else goes in username* (RFC 7616 §3.4). */
  for (const guchar *p = (const guchar *) username; *p; p++)
    if (*p < 0x20 || *p >= 0x7f)
      return TRUE;
  return FALSE;
}

static char *
http_auth_scheme_digest_dup_authorization (HttpAuthScheme      *scheme,
                                           HttpAuthCredential  *credential,
                                           const char          *method,
                                           const char          *request_target,
                                           GBytes              *body,
                                           GError             **error)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (scheme);
  const char *username = http_auth_credential_get_username (credential);
  const char *password = http_auth_credential_get_password (credential);
  const char *realm = http_auth_scheme_get_realm (scheme);
  HttpAuthDigestQop qop = choose_qop (self);
  HttpAuthDigestHash hash = self->algorithm.hash;
  /* Every intermediate of the computation is wiped when freed: HA1 alone
   * answers any nonce, and the rest need not outlive the request. */
  g_autoptr(HttpAuthSecretString) ha1 = NULL;
  g_autoptr(HttpAuthSecretString) ha2 = NULL;
  g_autoptr(HttpAuthSecretString) body_hash = NULL;
  g_autoptr(HttpAuthSecretString) response = NULL;
  g_autofree char *algorithm = NULL;
  g_autofree char *cnonce = NULL;
  guint32 count = 0;
  char nc[9];
  GString *out;

  if (!g_utf8_validate (username, -1, NULL) || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CREDENTIALS,
                           "The user name or password is not valid UTF-8");
      return NULL;
    }

  if (qop != HTTP_AUTH_DIGEST_QOP_NONE)
    {
      if (!nonce_state_next (self->nonce_state, &count, &cnonce))
        {
          g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
                               "The Digest nonce count is exhausted");
          return NULL;
        }
    }
  else
    {
      /* RFC 2069 has neither nc nor cnonce; -sess (which needs qop) is
       * refused before this. */
      cnonce = g_strdup ("");
    }
  g_snprintf (nc, sizeof nc, "%08x", count);

  ha1 = _http_auth_digest_compute_ha1 (self->algorithm, username, realm, password,
                                       self->nonce, cnonce);
  if (qop == HTTP_AUTH_DIGEST_QOP_AUTH_INT)
    body_hash = _http_auth_digest_body_hash (hash, body);
  ha2 = _http_auth_digest_compute_ha2 (hash, method, request_target, qop, body_hash);
  response = _http_auth_digest_compute_response (hash, ha1, self->nonce, nc, cnonce,
                                                 qop, ha2);
  algorithm = _http_auth_digest_algorithm_to_string (self->algorithm);

  out = g_string_new ("Digest ");

  if (self->userhash)
    {
      g_autofree char *hashed = _http_auth_digest_compute_userhash (hash, username, realm);

      g_string_append (out, "username=");
      _http_auth_append_quoted (out, hashed);
    }
  else if (needs_ext_value (username))
    {
      g_autofree char *ext = _http_auth_rfc8187_encode (username);

      g_string_append_printf (out, "username*=%s", ext);
    }
  else
    {
      g_string_append (out, "username=");
      _http_auth_append_quoted (out, username);
    }

  g_string_append (out, ", realm=");
  _http_auth_append_quoted (out, realm);
  g_string_append (out, ", uri=");
  _http_auth_append_quoted (out, request_target);
  g_string_append_printf (out, ", algorithm=%s, nonce=", algorithm);
  _http_auth_append_quoted (out, self->nonce);

  if (qop != HTTP_AUTH_DIGEST_QOP_NONE)
    {
      g_string_append_printf (out, ", nc=%s, cnonce=", nc);
      _http_auth_append_quoted (out, cnonce);
      g_string_append_printf (out, ", qop=%s", _http_auth_digest_qop_to_string (qop));
    }

  g_string_append_printf (out, ", response=\"%s\"", response);

  if (self->opaque != NULL)
    {
      g_string_append (out, ", opaque=");
      _http_auth_append_quoted (out, self->opaque);
    }

  if (self->userhash)
    g_string_append (out, ", userhash=true");

  return g_string_free (out, FALSE);
}

static gboolean
http_auth_scheme_digest_check_authentication_info (HttpAuthScheme      *scheme,
                                                   HttpAuthCredential  *credential,
                                                   const char          *sent_authorization,
                                                   const char          *authentication_info,
                                                   GBytes              *response_body,
                                                   GError             **error)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (scheme);
  g_autoptr(HttpAuthChallenge) info = NULL;
  g_autoptr(HttpAuthChallenge) sent = NULL;
  g_autoptr(GPtrArray) sent_list = NULL;
  const char *rspauth;
  const char *nextnonce;
  const char *sent_qop;
  const char *sent_nc;
  const char *sent_cnonce;
  const char *sent_nonce;
  const char *sent_uri;
  const char *info_qop;
  const char *info_nc;
  const char *info_cnonce;

  info = _http_auth_parse_auth_param_list (authentication_info, error);
  if (info == NULL)
    return FALSE;

  /* Our own field tells what the request carried; concurrent requests share
   * this object, so nothing request-specific is kept in it. */
  sent_list = http_auth_challenge_parse (sent_authorization, NULL);
  if (sent_list->len != 1)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
                           "The sent authorization is not a Digest response");
      return FALSE;
    }
  sent = http_auth_challenge_ref (g_ptr_array_index (sent_list, 0));

  sent_qop = http_auth_challenge_lookup_param (sent, "qop");
  sent_nc = http_auth_challenge_lookup_param (sent, "nc");
  sent_cnonce = http_auth_challenge_lookup_param (sent, "cnonce");
  sent_nonce = http_auth_challenge_lookup_param (sent, "nonce");
  sent_uri = http_auth_challenge_lookup_param (sent, "uri");
  info_qop = http_auth_challenge_lookup_param (info, "qop");
  info_nc = http_auth_challenge_lookup_param (info, "nc");
  info_cnonce = http_auth_challenge_lookup_param (info, "cnonce");

  if (sent_nonce == NULL || sent_uri == NULL)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
                           "The sent authorization is not a Digest response");
      return FALSE;
    }

  /* RFC 7616 §3.5: qop, cnonce and nc, when present, echo the request's. */
  if ((info_qop != NULL && g_strcmp0 (info_qop, sent_qop) != 0) ||
      (info_nc != NULL && g_strcmp0 (info_nc, sent_nc) != 0) ||
      (info_cnonce != NULL && g_strcmp0 (info_cnonce, sent_cnonce) != 0))
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                           "Authentication-Info does not match the request");
      return FALSE;
    }

  rspauth = http_auth_challenge_lookup_param (info, "rspauth");
  if (rspauth != NULL)
    {
      HttpAuthDigestQop qop = HTTP_AUTH_DIGEST_QOP_NONE;
      HttpAuthDigestHash hash = self->algorithm.hash;
      HttpAuthDigestAlgorithm algorithm;
      g_autoptr(HttpAuthSecretString) ha1 = NULL;
      g_autoptr(HttpAuthSecretString) ha2 = NULL;
      g_autoptr(HttpAuthSecretString) body_hash = NULL;
      g_autoptr(HttpAuthSecretString) expected = NULL;

      if (!_http_auth_digest_algorithm_parse (http_auth_challenge_lookup_param (sent, "algorithm"),
                                              &algorithm))
        algorithm = self->algorithm;
      hash = algorithm.hash;

      if (g_strcmp0 (sent_qop, "auth") == 0)
        qop = HTTP_AUTH_DIGEST_QOP_AUTH;
      else if (g_strcmp0 (sent_qop, "auth-int") == 0)
        qop = HTTP_AUTH_DIGEST_QOP_AUTH_INT;

      if (qop != HTTP_AUTH_DIGEST_QOP_NONE && (sent_nc == NULL || sent_cnonce == NULL))
        {
          g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED,
                               "The sent authorization lacks nc or cnonce");
          return FALSE;
        }

      ha1 = _http_auth_digest_compute_ha1 (algorithm,
                                           http_auth_credential_get_username (credential),
                                           http_auth_scheme_get_realm (scheme),
                                           http_auth_credential_get_password (credential),
                                           sent_nonce, sent_cnonce ? sent_cnonce : "");
      if (qop == HTTP_AUTH_DIGEST_QOP_AUTH_INT)
        body_hash = _http_auth_digest_body_hash (hash, response_body);
      /* The response digest's A2 has an empty method (RFC 7616 §3.5). */
      ha2 = _http_auth_digest_compute_ha2 (hash, "", sent_uri, qop, body_hash);
      expected = _http_auth_digest_compute_response (hash, ha1, sent_nonce, sent_nc,
                                                     sent_cnonce, qop, ha2);

      if (!_http_auth_digest_hex_equal (expected, rspauth))
        {
          g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED,
                               "The server's rspauth is wrong: it did not prove that it "
                               "knows the password");
          return FALSE;
        }
    }

  nextnonce = http_auth_challenge_lookup_param (info, "nextnonce");
  if (nextnonce != NULL && *nextnonce != '\0' && g_strcmp0 (nextnonce, self->nonce) != 0)
    reset_nonce (self, http_auth_scheme_get_realm (scheme), nextnonce);

  return TRUE;
}

static void
http_auth_scheme_digest_finalize (GObject *object)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (object);

  g_clear_pointer (&self->nonce, g_free);
  g_clear_pointer (&self->opaque, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->nonce_state, nonce_state_release);

  G_OBJECT_CLASS (http_auth_scheme_digest_parent_class)->finalize (object);
}

static void
http_auth_scheme_digest_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (object);

  switch (prop_id)
    {
    case PROP_PREFER_INTEGRITY:
      g_value_set_boolean (value, self->prefer_integrity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_scheme_digest_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  HttpAuthSchemeDigest *self = HTTP_AUTH_SCHEME_DIGEST (object);

  switch (prop_id)
    {
    case PROP_PREFER_INTEGRITY:
      http_auth_scheme_digest_set_prefer_integrity (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_scheme_digest_class_init (HttpAuthSchemeDigestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HttpAuthSchemeClass *scheme_class = HTTP_AUTH_SCHEME_CLASS (klass);

  object_class->finalize = http_auth_scheme_digest_finalize;
  object_class->get_property = http_auth_scheme_digest_get_property;
  object_class->set_property = http_auth_scheme_digest_set_property;

  scheme_class->scheme_name = "digest";
  scheme_class->init_challenge = http_auth_scheme_digest_init_challenge;
  scheme_class->update = http_auth_scheme_digest_update;
  scheme_class->get_strength = http_auth_scheme_digest_get_strength;
  scheme_class->dup_path_prefixes = http_auth_scheme_digest_dup_path_prefixes;
  scheme_class->dup_authorization = http_auth_scheme_digest_dup_authorization;
  scheme_class->check_authentication_info = http_auth_scheme_digest_check_authentication_info;

  /**
   * HttpAuthSchemeDigest:prefer-integrity:
   *
   * Whether to choose `qop=auth-int` (which also protects the request
   * body) when the server offers both `auth` and `auth-int`.
   */
  properties[PROP_PREFER_INTEGRITY] =
    g_param_spec_boolean ("prefer-integrity", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
http_auth_scheme_digest_init (HttpAuthSchemeDigest *self)
{
}

/**
 * http_auth_scheme_digest_dup_algorithm:
 * @self: a #HttpAuthSchemeDigest
 *
 * Gets the Digest algorithm the scheme uses.
 *
 * Returns: (transfer full): the algorithm in use, as spelled in RFC 7616
 *   (`"SHA-512-256"`, `"MD5-sess"`, …)
 */
char *
http_auth_scheme_digest_dup_algorithm (HttpAuthSchemeDigest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_DIGEST (self), NULL);

  return _http_auth_digest_algorithm_to_string (self->algorithm);
}

/**
 * http_auth_scheme_digest_get_nonce:
 * @self: a #HttpAuthSchemeDigest
 *
 * Gets the server nonce in use.
 *
 * Returns: the server nonce that the next request will use
 */
const char *
http_auth_scheme_digest_get_nonce (HttpAuthSchemeDigest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_DIGEST (self), NULL);

  return self->nonce;
}

/**
 * http_auth_scheme_digest_get_nonce_count:
 * @self: a #HttpAuthSchemeDigest
 *
 * Gets the nonce count last sent.
 *
 * Returns: the nonce count of the last request made with the current
 *   nonce (0 before the first)
 */
guint32
http_auth_scheme_digest_get_nonce_count (HttpAuthSchemeDigest *self)
{
  guint32 nc = 0;

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_DIGEST (self), 0);

  G_LOCK (nonce_states);
  if (self->nonce_state != NULL)
    nc = self->nonce_state->nc;
  G_UNLOCK (nonce_states);

  return nc;
}

/**
 * http_auth_scheme_digest_get_prefer_integrity:
 * @self: a #HttpAuthSchemeDigest
 *
 * Gets whether the scheme prefers `auth-int` when offered.
 *
 * Returns: the value of [property@HttpAuth.SchemeDigest:prefer-integrity]
 */
gboolean
http_auth_scheme_digest_get_prefer_integrity (HttpAuthSchemeDigest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_DIGEST (self), FALSE);

  return self->prefer_integrity;
}

/**
 * http_auth_scheme_digest_set_prefer_integrity:
 * @self: a #HttpAuthSchemeDigest
 * @prefer_integrity: whether to prefer `qop=auth-int`
 *
 * Sets [property@HttpAuth.SchemeDigest:prefer-integrity].
 */
void
http_auth_scheme_digest_set_prefer_integrity (HttpAuthSchemeDigest *self,
                                              gboolean              prefer_integrity)
{
  g_return_if_fail (HTTP_AUTH_IS_SCHEME_DIGEST (self));

  prefer_integrity = !!prefer_integrity;
  if (self->prefer_integrity == prefer_integrity)
    return;

  self->prefer_integrity = prefer_integrity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFER_INTEGRITY]);
}

void
_http_auth_scheme_digest_set_cnonce (HttpAuthSchemeDigest *self,
                                     const char           *cnonce)
{
  g_return_if_fail (HTTP_AUTH_IS_SCHEME_DIGEST (self));
  g_return_if_fail (cnonce != NULL);

  g_return_if_fail (self->nonce_state != NULL);

  G_LOCK (nonce_states);
  g_free (self->nonce_state->cnonce);
  self->nonce_state->cnonce = g_strdup (cnonce);
  G_UNLOCK (nonce_states);
}
