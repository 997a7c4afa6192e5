/* http-auth-scheme-registry.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-scheme-registry"

#include "config.h"

#include "http-auth-scheme-basic.h"
#include "http-auth-scheme-digest.h"
#include "http-auth-scheme-negotiate.h"
#include "http-auth-scheme-registry.h"

/**
 * HttpAuthSchemeRegistry:
 *
 * Maps auth-scheme names to [class@HttpAuth.Scheme] classes and chooses
 * the challenge to answer.
 *
 * [ctor@HttpAuth.SchemeRegistry.new] knows Basic and Digest; an
 * application adds its own classes (a Bearer scheme, say) with
 * [method@HttpAuth.SchemeRegistry.register]. Choosing is by strength, never
 * by the order of the challenges: a server that lists Basic before Digest
 * SHA-256 gets Digest SHA-256.
 */

struct _HttpAuthSchemeRegistry
{
  GObject     parent_instance;
  /* Lowercased scheme name -> GType (as GSIZE_TO_POINTER); main thread. */
  GHashTable *types;
};

G_DEFINE_FINAL_TYPE (HttpAuthSchemeRegistry, http_auth_scheme_registry, G_TYPE_OBJECT)

static void
http_auth_scheme_registry_finalize (GObject *object)
{
  HttpAuthSchemeRegistry *self = HTTP_AUTH_SCHEME_REGISTRY (object);

  g_clear_pointer (&self->types, g_hash_table_unref);

  G_OBJECT_CLASS (http_auth_scheme_registry_parent_class)->finalize (object);
}

static void
http_auth_scheme_registry_class_init (HttpAuthSchemeRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = http_auth_scheme_registry_finalize;
}

static void
http_auth_scheme_registry_init (HttpAuthSchemeRegistry *self)
{
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * http_auth_scheme_registry_new_empty:
 *
 * Creates a registry that knows no scheme.
 *
 * Returns: (transfer full): a new #HttpAuthSchemeRegistry
 */
HttpAuthSchemeRegistry *
http_auth_scheme_registry_new_empty (void)
{
  return g_object_new (HTTP_AUTH_TYPE_SCHEME_REGISTRY, NULL);
}

/**
 * http_auth_scheme_registry_new:
 *
 * Creates a registry with the built-in schemes: Basic, Digest and
 * Negotiate (which a session uses only for hosts on its
 * [property@HttpAuth.Session:negotiate-allowlist]).
 *
 * Returns: (transfer full): a new #HttpAuthSchemeRegistry
 */
HttpAuthSchemeRegistry *
http_auth_scheme_registry_new (void)
{
  HttpAuthSchemeRegistry *self = http_auth_scheme_registry_new_empty ();

  http_auth_scheme_registry_register (self, HTTP_AUTH_TYPE_SCHEME_BASIC);
  http_auth_scheme_registry_register (self, HTTP_AUTH_TYPE_SCHEME_DIGEST);
  http_auth_scheme_registry_register (self, HTTP_AUTH_TYPE_SCHEME_NEGOTIATE);

  return self;
}

/**
 * http_auth_scheme_registry_register:
 * @self: a #HttpAuthSchemeRegistry
 * @scheme_type: a non-abstract subtype of #HttpAuthScheme whose class sets
 *   `HttpAuthSchemeClass.scheme_name`
 *
 * Adds a scheme class under the name its class structure gives,
 * replacing any class registered for the same name. A class that has no
 * such name (one written in Python or JavaScript) is registered with
 * [method@HttpAuth.SchemeRegistry.register_for_name].
 */
void
http_auth_scheme_registry_register (HttpAuthSchemeRegistry *self,
                                    GType                   scheme_type)
{
  g_autoptr(GTypeClass) klass = NULL;
  const char *name;

  g_return_if_fail (HTTP_AUTH_IS_SCHEME_REGISTRY (self));
  g_return_if_fail (g_type_is_a (scheme_type, HTTP_AUTH_TYPE_SCHEME));
  g_return_if_fail (!G_TYPE_IS_ABSTRACT (scheme_type));

  klass = g_type_class_ref (scheme_type);
  name = HTTP_AUTH_SCHEME_CLASS (klass)->scheme_name;
  g_return_if_fail (name != NULL && *name != '\0');

  http_auth_scheme_registry_register_for_name (self, name, scheme_type);
}

/**
 * http_auth_scheme_registry_register_for_name:
 * @self: a #HttpAuthSchemeRegistry
 * @scheme_name: the auth-scheme name, case-insensitive (`"Bearer"`)
 * @scheme_type: a non-abstract subtype of #HttpAuthScheme
 *
 * Adds a scheme class for @scheme_name, replacing any class registered for
 * the same name. This is how a subclass written in Python or JavaScript,
 * which cannot set `HttpAuthSchemeClass.scheme_name`, is
 * registered: the schemes made for a @scheme_name challenge report that
 * name (see [property@HttpAuth.Scheme:scheme-name]).
 */
void
http_auth_scheme_registry_register_for_name (HttpAuthSchemeRegistry *self,
                                             const char             *scheme_name,
                                             GType                   scheme_type)
{
  g_return_if_fail (HTTP_AUTH_IS_SCHEME_REGISTRY (self));
  g_return_if_fail (scheme_name != NULL && *scheme_name != '\0');
  g_return_if_fail (g_type_is_a (scheme_type, HTTP_AUTH_TYPE_SCHEME));
  g_return_if_fail (!G_TYPE_IS_ABSTRACT (scheme_type));

  g_hash_table_insert (self->types, g_ascii_strdown (scheme_name, -1), GSIZE_TO_POINTER (scheme_type));
}

/**
 * http_auth_scheme_registry_unregister:
 * @self: a #HttpAuthSchemeRegistry
 * @scheme_name: an auth-scheme name, case-insensitive
 *
 * Removes the class registered for @scheme_name, if any.
 */
void
http_auth_scheme_registry_unregister (HttpAuthSchemeRegistry *self,
                                      const char             *scheme_name)
{
  g_autofree char *key = NULL;

  g_return_if_fail (HTTP_AUTH_IS_SCHEME_REGISTRY (self));
  g_return_if_fail (scheme_name != NULL);

  key = g_ascii_strdown (scheme_name, -1);
  g_hash_table_remove (self->types, key);
}

/**
 * http_auth_scheme_registry_lookup:
 * @self: a #HttpAuthSchemeRegistry
 * @scheme_name: an auth-scheme name, case-insensitive
 *
 * Finds the scheme class registered for a name.
 *
 * Returns: the registered class, or %G_TYPE_INVALID
 */
GType
http_auth_scheme_registry_lookup (HttpAuthSchemeRegistry *self,
                                  const char             *scheme_name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_REGISTRY (self), G_TYPE_INVALID);
  g_return_val_if_fail (scheme_name != NULL, G_TYPE_INVALID);

  key = g_ascii_strdown (scheme_name, -1);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (self->types, key));
}

/**
 * http_auth_scheme_registry_choose:
 * @self: a #HttpAuthSchemeRegistry
 * @challenges: (element-type HttpAuthChallenge): the parsed challenges of a
 *   response
 * @target: whether they came from the server or a proxy
 * @error: return location for a #GError
 *
 * Makes a scheme for every challenge that a registered class can use and
 * returns the strongest; among equally strong ones, the first received.
 * Unusable challenges (unknown scheme, unknown algorithm, repeated
 * parameters) are passed over.
 *
 * Returns: (transfer full) (nullable): the chosen scheme, or %NULL with the
 *   reason the last challenge was refused (%HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME
 *   when there was no challenge at all)
 */
HttpAuthScheme *
http_auth_scheme_registry_choose (HttpAuthSchemeRegistry  *self,
                                  GPtrArray               *challenges,
                                  HttpAuthTarget           target,
                                  GError                 **error)
{
  g_autoptr(HttpAuthScheme) best = NULL;
  g_autoptr(GError) last_error = NULL;

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_REGISTRY (self), NULL);
  g_return_val_if_fail (challenges != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      GType type = http_auth_scheme_registry_lookup (self, http_auth_challenge_get_scheme (challenge));
      g_autoptr(HttpAuthScheme) scheme = NULL;

      if (type == G_TYPE_INVALID)
        {
          g_clear_error (&last_error);
          g_set_error (&last_error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME,
                       "No scheme is registered for “%s”",
                       http_auth_challenge_get_scheme (challenge));
          continue;
        }

      g_clear_error (&last_error);
      scheme = http_auth_scheme_new_for_challenge (type, challenge, target, &last_error);
      if (scheme == NULL)
        continue;

      if (best == NULL ||
          http_auth_scheme_get_strength (scheme) > http_auth_scheme_get_strength (best))
        g_set_object (&best, scheme);
    }

  if (best == NULL)
    {
      if (last_error != NULL)
        g_propagate_error (error, g_steal_pointer (&last_error));
      else
        g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME,
                             "The response has no challenge");
      return NULL;
    }

  return g_steal_pointer (&best);
}
