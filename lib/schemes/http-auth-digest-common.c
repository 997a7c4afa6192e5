/* http-auth-digest-common.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-digest"

#include "config.h"

#include "http-auth-credential-private.h"
#include "http-auth-digest-private.h"

#include <errno.h>
#include <nettle/md5.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <string.h>
#include <sys/random.h>

/* The Digest computations of RFC 7616 §3.4.1–3.4.3, on nettle's MD5,
 * SHA-256 and SHA-512/256 (FIPS 180-4, its own initial values, not a
 * truncated SHA-512).
 *
 * GChecksum is not used: the input of H(A1) is user:realm:password, and
 * its output is HA1, from which a response to any nonce can be made. A
 * GChecksum keeps both (the last input block and the hex digest) in heap
 * memory it frees without wiping. Here the hash context lives on the
 * caller's stack and the digest in a buffer of our own, and both are
 * wiped as soon as the hex string is written. */

#define MAX_DIGEST_SIZE SHA512_256_DIGEST_SIZE

typedef struct
{
  HttpAuthDigestHash hash;
  union
  {
    struct md5_ctx        md5;
    struct sha256_ctx     sha256;
    struct sha512_256_ctx sha512_256;
  } ctx;
} Hasher;

G_STATIC_ASSERT (MD5_DIGEST_SIZE <= MAX_DIGEST_SIZE);
G_STATIC_ASSERT (SHA256_DIGEST_SIZE <= MAX_DIGEST_SIZE);

gboolean
_http_auth_digest_algorithm_parse (const char              *name,
                                   HttpAuthDigestAlgorithm *out)
{
  static const struct {
    const char *name;
    HttpAuthDigestHash hash;
  } hashes[] = {
    { "MD5", HTTP_AUTH_DIGEST_HASH_MD5 },
    { "SHA-256", HTTP_AUTH_DIGEST_HASH_SHA256 },
    { "SHA-512-256", HTTP_AUTH_DIGEST_HASH_SHA512_256 },
  };
  gsize len;

  /* RFC 7616 §3.3: no algorithm means MD5. */
  if (name == NULL)
    {
      out->hash = HTTP_AUTH_DIGEST_HASH_MD5;
      out->sess = FALSE;
      return TRUE;
    }

  len = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    {
      gsize hlen = strlen (hashes[i].name);

      if (g_ascii_strncasecmp (name, hashes[i].name, hlen) != 0)
        continue;

      if (len == hlen)
        {
          out->hash = hashes[i].hash;
          out->sess = FALSE;
          return TRUE;
        }
      if (len == hlen + 5 && g_ascii_strcasecmp (name + hlen, "-sess") == 0)
        {
          out->hash = hashes[i].hash;
          out->sess = TRUE;
          return TRUE;
        }
    }

  return FALSE;
}

char *
_http_auth_digest_algorithm_to_string (HttpAuthDigestAlgorithm algorithm)
{
  const char *base = NULL;

  switch (algorithm.hash)
    {
    case HTTP_AUTH_DIGEST_HASH_MD5:
      base = "MD5";
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA256:
      base = "SHA-256";
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA512_256:
      base = "SHA-512-256";
      break;
    default:
      g_assert_not_reached ();
    }

  return g_strconcat (base, algorithm.sess ? "-sess" : "", NULL);
}

const char *
_http_auth_digest_qop_to_string (HttpAuthDigestQop qop)
{
  switch (qop)
    {
    case HTTP_AUTH_DIGEST_QOP_AUTH:
      return "auth";
    case HTTP_AUTH_DIGEST_QOP_AUTH_INT:
      return "auth-int";
    case HTTP_AUTH_DIGEST_QOP_NONE:
    default:
      return NULL;
    }
}

static void
hasher_init (Hasher             *hasher,
             HttpAuthDigestHash  hash)
{
  hasher->hash = hash;

  switch (hash)
    {
    case HTTP_AUTH_DIGEST_HASH_MD5:
      md5_init (&hasher->ctx.md5);
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA256:
      sha256_init (&hasher->ctx.sha256);
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA512_256:
      sha512_256_init (&hasher->ctx.sha512_256);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
hasher_update (Hasher     *hasher,
               const void *data,
               gsize       len)
{
  switch (hasher->hash)
    {
    case HTTP_AUTH_DIGEST_HASH_MD5:
      md5_update (&hasher->ctx.md5, len, data);
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA256:
      sha256_update (&hasher->ctx.sha256, len, data);
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA512_256:
      sha512_256_update (&hasher->ctx.sha512_256, len, data);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Returns the lowercase hex digest and wipes the context and the binary
 * digest: either may have held (part of) a password, or HA1. */
static char *
hasher_finish (Hasher *hasher)
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[MAX_DIGEST_SIZE];
  gsize size = 0;
  char *hex;

  switch (hasher->hash)
    {
    case HTTP_AUTH_DIGEST_HASH_MD5:
      size = MD5_DIGEST_SIZE;
      md5_digest (&hasher->ctx.md5, size, digest);
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA256:
      size = SHA256_DIGEST_SIZE;
      sha256_digest (&hasher->ctx.sha256, size, digest);
      break;
    case HTTP_AUTH_DIGEST_HASH_SHA512_256:
      size = SHA512_256_DIGEST_SIZE;
      sha512_256_digest (&hasher->ctx.sha512_256, size, digest);
      break;
    default:
      g_assert_not_reached ();
    }

  hex = g_malloc (2 * size + 1);
  for (gsize i = 0; i < size; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[2 * size] = '\0';

  /* nettle's *_digest() re-initialises the state but leaves the last
   * input block in the context's buffer. */
  _http_auth_secure_wipe (digest, sizeof digest);
  _http_auth_secure_wipe (hasher, sizeof *hasher);

  return hex;
}

char *
_http_auth_digest_hash_hex (HttpAuthDigestHash  hash,
                            const void         *data,
                            gsize               len)
{
  Hasher hasher;

  hasher_init (&hasher, hash);
  hasher_update (&hasher, data, len);

  return hasher_finish (&hasher);
}

/*
 * Hashes its arguments joined by ":" (the shape of every Digest input,
 * RFC 7616 §3.4). The parts are fed to the hash in place, so a password
 * among them is never copied into a buffer of ours; the context that
 * saw it is wiped by hasher_finish().
 */
static char * G_GNUC_NULL_TERMINATED
hash_joined (HttpAuthDigestHash  hash,
             const char         *first,
             ...)
{
  Hasher hasher;
  const char *part = first;
  va_list args;

  hasher_init (&hasher, hash);

  va_start (args, first);
  while (part != NULL)
    {
      hasher_update (&hasher, part, strlen (part));
      part = va_arg (args, const char *);
      if (part != NULL)
        hasher_update (&hasher, ":", 1);
    }
  va_end (args);

  return hasher_finish (&hasher);
}

char *
_http_auth_digest_session_ha1 (HttpAuthDigestAlgorithm  algorithm,
                               const char              *ha1,
                               const char              *nonce,
                               const char              *cnonce)
{
  if (!algorithm.sess)
    return g_strdup (ha1);

  /* RFC 7616 §3.4.2: A1 = H(user:realm:pass) ":" nonce ":" cnonce. */
  return hash_joined (algorithm.hash, ha1, nonce, cnonce, NULL);
}

char *
_http_auth_digest_compute_ha1 (HttpAuthDigestAlgorithm  algorithm,
                               const char              *username,
                               const char              *realm,
                               const char              *password,
                               const char              *nonce,
                               const char              *cnonce)
{
  g_autoptr(HttpAuthSecretString) plain = hash_joined (algorithm.hash, username, realm, password, NULL);

  /* Without -sess, HA1 is handed over rather than copied: one copy less
   * to wipe. */
  if (!algorithm.sess)
    return g_steal_pointer (&plain);

  return _http_auth_digest_session_ha1 (algorithm, plain, nonce, cnonce);
}

char *
_http_auth_digest_compute_ha2 (HttpAuthDigestHash  hash,
                               const char         *method,
                               const char         *uri,
                               HttpAuthDigestQop   qop,
                               const char         *body_hash)
{
  /* RFC 7616 §3.4.3: A2 = Method ":" request-uri [ ":" H(entity-body) ]. */
  if (qop == HTTP_AUTH_DIGEST_QOP_AUTH_INT)
    return hash_joined (hash, method, uri, body_hash, NULL);

  return hash_joined (hash, method, uri, NULL);
}

char *
_http_auth_digest_compute_response (HttpAuthDigestHash  hash,
                                    const char         *ha1,
                                    const char         *nonce,
                                    const char         *nc,
                                    const char         *cnonce,
                                    HttpAuthDigestQop   qop,
                                    const char         *ha2)
{
  /* KD(secret, data) = H(secret ":" data), RFC 7616 §3.4.1. */
  if (qop == HTTP_AUTH_DIGEST_QOP_NONE)
    return hash_joined (hash, ha1, nonce, ha2, NULL);

  return hash_joined (hash, ha1, nonce, nc, cnonce, _http_auth_digest_qop_to_string (qop), ha2, NULL);
}

char *
_http_auth_digest_compute_userhash (HttpAuthDigestHash  hash,
                                    const char         *username,
                                    const char         *realm)
{
  /* RFC 7616 §3.4.4: username = H(unq(username) ":" unq(realm)). */
  return hash_joined (hash, username, realm, NULL);
}

char *
_http_auth_digest_body_hash (HttpAuthDigestHash  hash,
                             GBytes             *body)
{
  gsize len = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  return _http_auth_digest_hash_hex (hash, data != NULL ? data : (const guint8 *) "", len);
}

/*
 * _http_auth_random_hex:
 *
 * Returns @n_bytes from the kernel's CSPRNG, hex-encoded. GRand is not a
 * CSPRNG; getrandom(2) is.
 */
char *
_http_auth_random_hex (gsize n_bytes)
{
  g_autofree guint8 *buf = g_malloc (n_bytes);
  gsize got = 0;
  GString *hex;

  while (got < n_bytes)
    {
      ssize_t r = getrandom (buf + got, n_bytes - got, 0);

      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          /* Without a CSPRNG no safe cnonce or nonce can be made. */
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      got += (gsize) r;
    }

  hex = g_string_sized_new (2 * n_bytes);
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", buf[i]);

  return g_string_free (hex, FALSE);
}

/* Compares two hex digests without an early exit, case-insensitively. */
gboolean
_http_auth_digest_hex_equal (const char *a,
                             const char *b)
{
  gsize len_a = strlen (a);
  guint diff;

  if (len_a != strlen (b))
    return FALSE;

  diff = 0;
  for (gsize i = 0; i < len_a; i++)
    diff |= (guint) (g_ascii_tolower (a[i]) ^ g_ascii_tolower (b[i]));

  return diff == 0;
}

/* RFC 8187 §3.2.1 attr-char. */
static gboolean
is_attr_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$&+-.^_`|~", c) != NULL);
}

char *
_http_auth_rfc8187_encode (const char *utf8)
{
  GString *out = g_string_new ("UTF-8''");

  for (const guchar *p = (const guchar *) utf8; *p; p++)
    {
      if (is_attr_char (*p))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

char *
_http_auth_rfc8187_decode (const char *ext_value)
{
  const char *quote1;
  const char *quote2;
  GString *out;

  /* ext-value = charset "'" [ language ] "'" value-chars */
  quote1 = strchr (ext_value, '\'');
  if (quote1 == NULL || quote1 - ext_value != 5 ||
      g_ascii_strncasecmp (ext_value, "UTF-8", 5) != 0)
    return NULL;
  quote2 = strchr (quote1 + 1, '\'');
  if (quote2 == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = quote2 + 1; *p; p++)
    {
      if (*p == '%')
        {
          int hi = g_ascii_xdigit_value (p[1]);
          int lo = hi >= 0 ? g_ascii_xdigit_value (p[2]) : -1;

          if (hi < 0 || lo < 0)
            goto fail;
          g_string_append_c (out, (char) (hi << 4 | lo));
          p += 2;
        }
      else if (is_attr_char ((guchar) *p))
        g_string_append_c (out, *p);
      else
        goto fail;
    }

  if (memchr (out->str, '\0', out->len) != NULL || !g_utf8_validate (out->str, out->len, NULL))
    goto fail;

  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}
