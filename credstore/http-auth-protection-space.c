/* http-auth-protection-space.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-protection-space.h"

#include <string.h>

/**
 * HttpAuthProtectionSpace:
 *
 * The key of a credential: where it was proven and for what.
 *
 * A protection space is the partition (the top-level site of the tab, or
 * %NULL when partitioning is off), the target (server or proxy), the
 * scheme, host and port of the origin or proxy, the realm, and the auth
 * scheme (RFC 9110 §11.5). Proxy spaces are never partitioned: the
 * constructor drops the partition for %HTTP_AUTH_TARGET_PROXY. Scheme,
 * host and auth scheme are compared case-insensitively; the realm is
 * compared exactly.
 */

struct _HttpAuthProtectionSpace
{
  gatomicrefcount ref_count;
  char           *partition;
  HttpAuthTarget  target;
  char           *scheme;
  char           *host;
  guint16         port;
  char           *realm;
  char           *auth_scheme;
};

G_DEFINE_BOXED_TYPE (HttpAuthProtectionSpace, http_auth_protection_space,
                     http_auth_protection_space_ref, http_auth_protection_space_unref)

/**
 * http_auth_protection_space_new:
 * @partition: (nullable): the partition key (top-level site), or %NULL
 * @target: server or proxy
 * @scheme: the URI scheme of the origin or proxy (`http`, `https`)
 * @host: the host
 * @port: the port
 * @realm: (nullable): the realm, as sent
 * @auth_scheme: the auth scheme (`basic`, `digest`, …)
 *
 * Returns: (transfer full): a new protection space
 */
HttpAuthProtectionSpace *
http_auth_protection_space_new (const char     *partition,
                                HttpAuthTarget  target,
                                const char     *scheme,
                                const char     *host,
                                guint16         port,
                                const char     *realm,
                                const char     *auth_scheme)
{
  HttpAuthProtectionSpace *self;

  g_return_val_if_fail (scheme != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (auth_scheme != NULL, NULL);

  self = g_new0 (HttpAuthProtectionSpace, 1);
  g_atomic_ref_count_init (&self->ref_count);
  /* Proxy credentials belong to the proxy, whatever site is shown. */
  self->partition = target == HTTP_AUTH_TARGET_PROXY ? NULL : g_strdup (partition);
  self->target = target;
  self->scheme = g_ascii_strdown (scheme, -1);
  self->host = g_ascii_strdown (host, -1);
  self->port = port;
  self->realm = g_strdup (realm);
  self->auth_scheme = g_ascii_strdown (auth_scheme, -1);

  return self;
}

/**
 * http_auth_protection_space_ref:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: (transfer full): @self
 */
HttpAuthProtectionSpace *
http_auth_protection_space_ref (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * http_auth_protection_space_unref:
 * @self: (transfer full): a #HttpAuthProtectionSpace
 *
 * Releases a reference.
 */
void
http_auth_protection_space_unref (HttpAuthProtectionSpace *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->partition);
  g_free (self->scheme);
  g_free (self->host);
  g_free (self->realm);
  g_free (self->auth_scheme);
  g_free (self);
}

/**
 * http_auth_protection_space_get_partition:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: (nullable): the partition key, %NULL for proxies and when
 *   partitioning is off
 */
const char *
http_auth_protection_space_get_partition (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->partition;
}

/**
 * http_auth_protection_space_get_target:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: server or proxy
 */
HttpAuthTarget
http_auth_protection_space_get_target (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, HTTP_AUTH_TARGET_SERVER);
  return self->target;
}

/**
 * http_auth_protection_space_get_scheme:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: the URI scheme, lowercased
 */
const char *
http_auth_protection_space_get_scheme (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scheme;
}

/**
 * http_auth_protection_space_get_host:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: the host, lowercased
 */
const char *
http_auth_protection_space_get_host (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

/**
 * http_auth_protection_space_get_port:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: the port
 */
guint16
http_auth_protection_space_get_port (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

/**
 * http_auth_protection_space_get_realm:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: (nullable): the realm, untrusted text from the server
 */
const char *
http_auth_protection_space_get_realm (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->realm;
}

/**
 * http_auth_protection_space_get_auth_scheme:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: the auth scheme, lowercased
 */
const char *
http_auth_protection_space_get_auth_scheme (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->auth_scheme;
}

/**
 * http_auth_protection_space_get_origin:
 * @self: a #HttpAuthProtectionSpace
 *
 * Returns: (transfer full): `scheme://host:port`, with IPv6 hosts in
 *   brackets
 */
char *
http_auth_protection_space_get_origin (HttpAuthProtectionSpace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (strchr (self->host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%u", self->scheme, self->host, self->port);
  return g_strdup_printf ("%s://%s:%u", self->scheme, self->host, self->port);
}

/**
 * http_auth_protection_space_hash:
 * @self: (type HttpAuthProtectionSpace): a #HttpAuthProtectionSpace
 *
 * Returns: a hash value, for #GHashTable
 */
guint
http_auth_protection_space_hash (gconstpointer self)
{
  const HttpAuthProtectionSpace *s = self;
  guint h = g_str_hash (s->host);

  h = h * 31 + s->port;
  h = h * 31 + s->target;
  h = h * 31 + g_str_hash (s->auth_scheme);
  if (s->realm != NULL)
    h = h * 31 + g_str_hash (s->realm);
  if (s->partition != NULL)
    h = h * 31 + g_str_hash (s->partition);

  return h;
}

/**
 * http_auth_protection_space_equal:
 * @a: (type HttpAuthProtectionSpace): a #HttpAuthProtectionSpace
 * @b: (type HttpAuthProtectionSpace): a #HttpAuthProtectionSpace
 *
 * Returns: %TRUE if both name the same protection space
 */
gboolean
http_auth_protection_space_equal (gconstpointer a,
                                  gconstpointer b)
{
  const HttpAuthProtectionSpace *x = a;
  const HttpAuthProtectionSpace *y = b;

  return x->target == y->target &&
         x->port == y->port &&
         g_str_equal (x->scheme, y->scheme) &&
         g_str_equal (x->host, y->host) &&
         g_str_equal (x->auth_scheme, y->auth_scheme) &&
         g_strcmp0 (x->realm, y->realm) == 0 &&
         g_strcmp0 (x->partition, y->partition) == 0;
}

/**
 * http_auth_protection_space_to_string:
 * @self: a #HttpAuthProtectionSpace
 *
 * Describes the space for logs; it holds no secret.
 *
 * Returns: (transfer full): a description
 */
char *
http_auth_protection_space_to_string (HttpAuthProtectionSpace *self)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  origin = http_auth_protection_space_get_origin (self);

  return g_strdup_printf ("%s %s realm=\"%s\" %s%s%s",
                          self->target == HTTP_AUTH_TARGET_PROXY ? "proxy" : "server",
                          origin, self->realm ? self->realm : "", self->auth_scheme,
                          self->partition ? " partition=" : "",
                          self->partition ? self->partition : "");
}
