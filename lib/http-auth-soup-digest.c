/* http-auth-soup-digest.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-soup-digest"

#include "config.h"

#include "http-auth-challenge-private.h"
#include "http-auth-scheme-digest.h"
#include "http-auth-soup-digest-private.h"
#include "http-auth-uri-private.h"

/* A SoupAuth that answers Digest challenges with HttpAuth's own Digest
 * (SHA-256, SHA-512-256, -sess, userhash, …). The engine adds it to its
 * SoupSession for the one place where libsoup's auth manager still works
 * for it: the CONNECT of an https:// request through a proxy, whose 407
 * libsoup keeps to itself. libsoup 3.2's own Digest only does MD5. The
 * credentials still come from the engine (the message's "authenticate"
 * signal); this class only computes the field. */

struct _HttpAuthSoupDigest
{
  SoupAuth            parent_instance;
  HttpAuthScheme     *scheme;
  HttpAuthCredential *credential;
};

G_DEFINE_FINAL_TYPE (HttpAuthSoupDigest, http_auth_soup_digest, SOUP_TYPE_AUTH)

/* For the tests: how many fields this class computed. */
static guint n_authorizations;

guint
_http_auth_soup_digest_get_n_authorizations (void)
{
  return g_atomic_int_get (&n_authorizations);
}

static HttpAuthChallenge *
challenge_from_params (GHashTable *params)
{
  HttpAuthChallenge *challenge = _http_auth_challenge_new ("digest", NULL);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    _http_auth_challenge_add_param (challenge, name, value ? value : "");

  return challenge;
}

static gboolean
http_auth_soup_digest_update (SoupAuth    *auth,
                              SoupMessage *msg,
                              GHashTable  *auth_header)
{
  HttpAuthSoupDigest *self = HTTP_AUTH_SOUP_DIGEST (auth);
  g_autoptr(HttpAuthChallenge) challenge = challenge_from_params (auth_header);
  gboolean stale = FALSE;

  if (self->scheme == NULL)
    {
      self->scheme = http_auth_scheme_new_for_challenge (HTTP_AUTH_TYPE_SCHEME_DIGEST, challenge,
                                                         soup_auth_is_for_proxy (auth)
                                                         ? HTTP_AUTH_TARGET_PROXY : HTTP_AUTH_TARGET_SERVER,
                                                         NULL);
      return self->scheme != NULL;
    }

  if (!http_auth_scheme_update (self->scheme, challenge, &stale, NULL))
    return FALSE;

  /* A new challenge without stale=true: the credentials were refused. */
  if (!stale)
    g_clear_pointer (&self->credential, http_auth_credential_unref);

  return TRUE;
}

static GSList *
http_auth_soup_digest_get_protection_space (SoupAuth *auth,
                                            GUri     *source_uri)
{
  HttpAuthSoupDigest *self = HTTP_AUTH_SOUP_DIGEST (auth);
  g_auto(GStrv) paths = http_auth_scheme_get_protection_space (self->scheme, source_uri);
  GSList *space = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    space = g_slist_prepend (space, g_strdup (paths[i]));

  return g_slist_reverse (space);
}

static void
http_auth_soup_digest_authenticate (SoupAuth   *auth,
                                    const char *username,
                                    const char *password)
{
  HttpAuthSoupDigest *self = HTTP_AUTH_SOUP_DIGEST (auth);

  g_clear_pointer (&self->credential, http_auth_credential_unref);
  self->credential = http_auth_credential_new (username, password);
}

static gboolean
http_auth_soup_digest_is_authenticated (SoupAuth *auth)
{
  return HTTP_AUTH_SOUP_DIGEST (auth)->credential != NULL;
}

static char *
http_auth_soup_digest_get_authorization (SoupAuth    *auth,
                                         SoupMessage *msg)
{
  HttpAuthSoupDigest *self = HTTP_AUTH_SOUP_DIGEST (auth);
  GUri *uri = soup_message_get_uri (msg);
  const char *method = soup_message_get_method (msg);
  g_autofree char *target = NULL;

  if (self->credential == NULL)
    return NULL;

  /* CONNECT's request-target is the authority; others' the path. */
  if (g_str_equal (method, "CONNECT"))
    target = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    target = _http_auth_uri_request_target (uri);

  g_atomic_int_inc (&n_authorizations);

  return http_auth_scheme_get_authorization (self->scheme, self->credential, method, target, NULL, NULL);
}

static gboolean
http_auth_soup_digest_is_ready (SoupAuth    *auth,
                                SoupMessage *msg)
{
  return HTTP_AUTH_SOUP_DIGEST (auth)->credential != NULL;
}

static gboolean
http_auth_soup_digest_can_authenticate (SoupAuth *auth)
{
  return TRUE;
}

static void
http_auth_soup_digest_finalize (GObject *object)
{
  HttpAuthSoupDigest *self = HTTP_AUTH_SOUP_DIGEST (object);

  g_clear_object (&self->scheme);
  g_clear_pointer (&self->credential, http_auth_credential_unref);

  G_OBJECT_CLASS (http_auth_soup_digest_parent_class)->finalize (object);
}

static void
http_auth_soup_digest_class_init (HttpAuthSoupDigestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SoupAuthClass *auth_class = SOUP_AUTH_CLASS (klass);

  object_class->finalize = http_auth_soup_digest_finalize;

  auth_class->scheme_name = "Digest";
  /* Above libsoup's Digest (5), below Negotiate (7). */
  auth_class->strength = 6;
  auth_class->update = http_auth_soup_digest_update;
  auth_class->get_protection_space = http_auth_soup_digest_get_protection_space;
  auth_class->authenticate = http_auth_soup_digest_authenticate;
  auth_class->is_authenticated = http_auth_soup_digest_is_authenticated;
  auth_class->get_authorization = http_auth_soup_digest_get_authorization;
  auth_class->is_ready = http_auth_soup_digest_is_ready;
  auth_class->can_authenticate = http_auth_soup_digest_can_authenticate;
}

static void
http_auth_soup_digest_init (HttpAuthSoupDigest *self)
{
}
