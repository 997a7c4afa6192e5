/* http-auth-controller.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-controller"

#include "config.h"

#include "http-auth-credential-cache-private.h"
#include "http-auth-controller-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-session.h"

#include <string.h>

/* The per-target rules of one logical request (Chromium's
 * HttpAuthController): which challenge to answer, what a repeated
 * challenge means, and when to give up. Nothing here waits or sends: the
 * transaction does, and these functions are table-tested on their own. */

void
_http_auth_controller_init (HttpAuthController *self,
                            HttpAuthTarget      target)
{
  memset (self, 0, sizeof *self);
  self->target = target;
}

void
_http_auth_controller_clear (HttpAuthController *self)
{
  g_clear_object (&self->scheme);
  g_clear_pointer (&self->space, http_auth_protection_space_unref);
  g_clear_pointer (&self->credential, http_auth_credential_unref);
  g_clear_pointer (&self->refused, http_auth_credential_unref);
  g_clear_pointer (&self->sent, _http_auth_secure_free);
  self->offered = FALSE;
  self->failures = 0;
  self->stale_retried = FALSE;
  self->preemptive = FALSE;
}

/* Starts over with a new challenge's scheme and protection space (owned). */
void
_http_auth_controller_start (HttpAuthController      *self,
                             HttpAuthScheme          *scheme,
                             HttpAuthProtectionSpace *space)
{
  g_set_object (&self->scheme, scheme);
  g_clear_pointer (&self->space, http_auth_protection_space_unref);
  self->space = space;
  g_clear_pointer (&self->credential, http_auth_credential_unref);
  self->offered = FALSE;
  self->stale_retried = FALSE;
  self->preemptive = FALSE;
}

void
_http_auth_controller_use (HttpAuthController *self,
                           HttpAuthCredential *credential)
{
  if (credential == self->credential)
    return;
  g_clear_pointer (&self->credential, http_auth_credential_unref);
  self->credential = credential ? http_auth_credential_ref (credential) : NULL;
  self->offered = FALSE;
}

/* The credential being tried was refused: it is never offered again, by
 * this request or (through @cache) any other. Returns whether another
 * may still be tried. */
gboolean
_http_auth_controller_refuse (HttpAuthController      *self,
                              HttpAuthCredentialCache *cache)
{
  g_autoptr(HttpAuthCredential) cached = NULL;

  self->failures++;
  self->offered = FALSE;
  g_clear_pointer (&self->refused, http_auth_credential_unref);
  self->refused = g_steal_pointer (&self->credential);

  if (self->refused != NULL && self->space != NULL && cache != NULL)
    {
      cached = http_auth_credential_cache_lookup (cache, self->space);
      if (cached != NULL && http_auth_credential_equal (cached, self->refused))
        http_auth_credential_cache_remove (cache, self->space);
    }

  return self->failures < HTTP_AUTH_SESSION_MAX_FAILURES;
}

/* Whether @credential may be offered: anything but the one refused. */
gboolean
_http_auth_controller_may_offer (HttpAuthController *self,
                                 HttpAuthCredential *credential)
{
  return credential != NULL && (self->refused == NULL || !http_auth_credential_equal (credential, self->refused));
}

/* Whether a credential proven under @state (the scheme a cache entry was
 * accepted with) may answer the current challenge without asking: never
 * when the server now asks for something weaker (another Digest algorithm,
 * or Basic where Digest was used), which is how a downgrade looks. */
gboolean
_http_auth_controller_may_reuse (HttpAuthController *self,
                                 GObject            *state)
{
  if (self->scheme == NULL)
    return FALSE;
  if (state == NULL || !HTTP_AUTH_IS_SCHEME (state))
    return TRUE;

  return http_auth_scheme_get_strength (self->scheme) >= http_auth_scheme_get_strength (HTTP_AUTH_SCHEME (state));
}

/* Reads the challenges that answered the credential offered last. */
HttpAuthVerdict
_http_auth_controller_judge (HttpAuthController *self,
                             GPtrArray          *challenges)
{
  if (self->scheme == NULL || !self->offered)
    return HTTP_AUTH_VERDICT_NEW_CHALLENGE;

  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *ch = g_ptr_array_index (challenges, i);
      gboolean stale = FALSE;

      if (g_strcmp0 (http_auth_challenge_get_scheme (ch), http_auth_scheme_get_scheme_name (self->scheme)) != 0 ||
          g_strcmp0 (http_auth_challenge_lookup_param (ch, "realm"), http_auth_scheme_get_realm (self->scheme)) != 0)
        continue;

      if (self->preemptive && !self->stale_retried && http_auth_challenge_lookup_param (ch, "nonce") != NULL)
        {
          /* A credential sent before any challenge, with the space's
           * shared state (never updated here), was refused: most often
           * its nonce count lost a race with concurrent requests on the
           * same nonce (RFC 7616 servers reject a count that does not
           * grow). Once, with this challenge's own nonce, before calling
           * it refused. */
          g_autoptr(HttpAuthScheme) own = http_auth_scheme_new_for_challenge (G_OBJECT_TYPE (self->scheme), ch,
                                                                              self->target, NULL);

          if (own != NULL)
            {
              g_set_object (&self->scheme, own);
              self->preemptive = FALSE;
              self->stale_retried = TRUE;
              return HTTP_AUTH_VERDICT_STALE;
            }
        }

      if (!http_auth_scheme_update (self->scheme, ch, &stale, NULL))
        continue;

      if (stale && !self->stale_retried)
        {
          /* RFC 7616: the digest was right, the nonce old. Once, without
           * asking. */
          self->stale_retried = TRUE;
          return HTTP_AUTH_VERDICT_STALE;
        }

      return HTTP_AUTH_VERDICT_REFUSED;
    }

  /* The server changed its challenge: start over with it. */
  g_clear_object (&self->scheme);
  g_clear_pointer (&self->credential, http_auth_credential_unref);
  self->offered = FALSE;
  return HTTP_AUTH_VERDICT_NEW_CHALLENGE;
}

/* After a new challenge: the strongest usable scheme among @challenges,
 * for a new protection space of @server. FALSE when none is usable. */
gboolean
_http_auth_controller_choose (HttpAuthController     *self,
                              HttpAuthSchemeRegistry *registry,
                              GPtrArray              *challenges,
                              const char             *partition,
                              GUri                   *server,
                              guint16                 port)
{
  g_autoptr(HttpAuthScheme) scheme = http_auth_scheme_registry_choose (registry, challenges, self->target, NULL);

  if (scheme == NULL)
    return FALSE;

  _http_auth_controller_start (self, scheme,
                               http_auth_protection_space_new (partition, self->target, g_uri_get_scheme (server),
                                                               g_uri_get_host (server), port,
                                                               http_auth_scheme_get_realm (scheme),
                                                               http_auth_scheme_get_scheme_name (scheme)));
  return TRUE;
}

/* A credential the cache holds for a space @path lies in, offered without
 * waiting for a challenge (path prefix, Digest domain, a proxy). */
gboolean
_http_auth_controller_preempt (HttpAuthController      *self,
                               HttpAuthCredentialCache *cache,
                               const char              *partition,
                               GUri                    *server,
                               guint16                  port,
                               const char              *path)
{
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GObject) state = NULL;

  if (self->credential != NULL)
    return TRUE;
  if (!_http_auth_credential_cache_lookup_by_path_with_state (cache, partition, self->target, g_uri_get_scheme (server),
                                                  g_uri_get_host (server), port, path,
                                                  &space, &credential, &state) ||
      !HTTP_AUTH_IS_SCHEME (state) ||
      !_http_auth_controller_may_offer (self, credential))
    return FALSE;

  _http_auth_controller_start (self, HTTP_AUTH_SCHEME (state), g_steal_pointer (&space));
  self->credential = g_steal_pointer (&credential);
  self->preemptive = TRUE;
  return TRUE;
}

/* The header value to send for @request_target, in self->sent: none
 * until there is a credential to try. */
gboolean
_http_auth_controller_authorize (HttpAuthController  *self,
                                 const char          *method,
                                 const char          *request_target,
                                 GBytes              *body,
                                 GError             **error)
{
  g_clear_pointer (&self->sent, _http_auth_secure_free);
  if (self->scheme == NULL || self->credential == NULL)
    return TRUE;

  self->sent = http_auth_scheme_dup_authorization (self->scheme, self->credential, method,
                                                   request_target, body, error);
  if (self->sent == NULL)
    return FALSE;
  self->offered = TRUE;
  return TRUE;
}
