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
 * Creates a protection space.
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
 * Takes a reference on the protection space.
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
 * Gets the partition key of the protection space.
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
 * Tells whether the protection space belongs to a server or a proxy.
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
 * Gets the URI scheme of the protection space.
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
 * Gets the host of the protection space.
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
 * Gets the port of the protection space.
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
 * Gets the realm of the protection space.
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
 * Gets the auth scheme of the protection space.
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
 * http_auth_protection_space_dup_origin:
 * @self: a #HttpAuthProtectionSpace
 *
 * Formats the origin of the protection space.
 *
 * Returns: (transfer full): `scheme://host:port`, with IPv6 hosts in
 *   brackets
 */
char *
http_auth_protection_space_dup_origin (HttpAuthProtectionSpace *self)
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
 * Hashes a protection space.
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
  h = h * 31 + g_str_hash (s->scheme);
  h = h * 31 + g_str_hash (s->auth_scheme);
  /* A challenge without a realm and one with realm="" are two spaces. */
  h = h * 31 + (s->realm != NULL ? g_str_hash (s->realm) : 1);
  h = h * 31 + (s->partition != NULL ? g_str_hash (s->partition) : 1);

  return h;
}

/**
 * http_auth_protection_space_equal:
 * @a: (type HttpAuthProtectionSpace): a #HttpAuthProtectionSpace
 * @b: (type HttpAuthProtectionSpace): a #HttpAuthProtectionSpace
 *
 * Compares two spaces. A space without a realm (the challenge had no
 * `realm` parameter) and one whose realm is empty (`realm=""`) differ.
 *
 * Returns: %TRUE if both name the same protection space
 */
gboolean
http_auth_protection_space_equal (gconstpointer a,
                                  gconstpointer b)
{
  const HttpAuthProtectionSpace *x = a;
  const HttpAuthProtectionSpace *y = b;

  /* g_strcmp0() orders NULL before "": a missing realm or partition never
   * equals an empty one. */
  return x->target == y->target &&
         x->port == y->port &&
         g_str_equal (x->scheme, y->scheme) &&
         g_str_equal (x->host, y->host) &&
         g_str_equal (x->auth_scheme, y->auth_scheme) &&
         g_strcmp0 (x->realm, y->realm) == 0 &&
         g_strcmp0 (x->partition, y->partition) == 0;
}

/* Appends @text with every byte that could end or split a field escaped:
 * backslash, double quote and control characters always, and spaces too
 * unless @quoted (the text then sits between double quotes). A byte that
 * is not UTF-8 becomes \xNN too, and a character that would reorder or
 * hide text where the description is shown (C1 controls, format characters
 * such as the bidi overrides and isolates, line and paragraph separators)
 * becomes \u{XXXX}: the description is valid UTF-8 that reads as it is
 * stored. Every escape starts with a backslash, and a backslash is
 * escaped, so two texts are described alike exactly when they are equal. */
static void
append_escaped (GString    *string,
                const char *text,
                gboolean    quoted)
{
  const char *end = text + strlen (text);

  if (quoted)
    g_string_append_c (string, '"');
  for (const char *p = text; p < end; )
    {
      guchar c = (guchar) *p;
      gunichar u;

      if (c == '\\' || c == '"')
        g_string_append_printf (string, "\\%c", c);
      else if (c < 0x20 || c == 0x7f || (!quoted && c == ' '))
        g_string_append_printf (string, "\\x%02x", c);
      else if (c < 0x80)
        g_string_append_c (string, c);
      else if ((u = g_utf8_get_char_validated (p, end - p)) == (gunichar) -1 || u == (gunichar) -2)
        g_string_append_printf (string, "\\x%02x", c);
      else
        {
          GUnicodeType type = g_unichar_type (u);
          const char *next = g_utf8_next_char (p);

          if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR ||
              type == G_UNICODE_PARAGRAPH_SEPARATOR)
            g_string_append_printf (string, "\\u{%04X}", u);
          else
            g_string_append_len (string, p, next - p);
          p = next;
          continue;
        }
      p++;
    }
  if (quoted)
    g_string_append_c (string, '"');
}

/**
 * http_auth_protection_space_to_string:
 * @self: a #HttpAuthProtectionSpace
 *
 * Describes the space for logs and as a key: it holds no secret, and two
 * spaces have the same description exactly when they are equal (see
 * [method@HttpAuth.ProtectionSpace.equal]). The realm and partition are
 * quoted, with backslash escapes; a space without a realm reads `no realm`,
 * one with an empty realm `realm=""`. Server text is made safe to show:
 * controls and bytes that are not UTF-8 read `\xNN`, and characters that
 * reorder or hide text (bidi overrides and isolates, zero-width and other
 * format characters, C1 controls) read `\u{XXXX}`, so the description is
 * valid UTF-8 and shows what is stored.
 *
 * Returns: (transfer full): a description, such as
 *   `server https://example.com:443 realm="Staff" basic partition="https://example.com"`
 */
char *
http_auth_protection_space_to_string (HttpAuthProtectionSpace *self)
{
  GString *string;

  g_return_val_if_fail (self != NULL, NULL);

  string = g_string_new (self->target == HTTP_AUTH_TARGET_PROXY ? "proxy " : "server ");
  append_escaped (string, self->scheme, FALSE);
  g_string_append (string, "://");
  if (strchr (self->host, ':') != NULL)
    {
      g_string_append_c (string, '[');
      append_escaped (string, self->host, FALSE);
      g_string_append_c (string, ']');
    }
  else
    append_escaped (string, self->host, FALSE);
  g_string_append_printf (string, ":%u ", self->port);

  if (self->realm != NULL)
    {
      g_string_append (string, "realm=");
      append_escaped (string, self->realm, TRUE);
    }
  else
    g_string_append (string, "no realm");

  g_string_append_c (string, ' ');
  append_escaped (string, self->auth_scheme, FALSE);

  if (self->partition != NULL)
    {
      g_string_append (string, " partition=");
      append_escaped (string, self->partition, TRUE);
    }

  return g_string_free (string, FALSE);
}

/* The lowercase host of a site given as a URL (`https://example.com/x`) or
 * a bare host (`example.com`, `example.com:8080`, `[::1]`), as GUri parses
 * it; %NULL if there is none. */
static char *
site_host (const char *site)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;

  if (strstr (site, "://") == NULL)
    site = url = g_strconcat ("http://", site, NULL);

  uri = g_uri_parse (site, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

/* The top-level site of a partition key: the engine prefixes it with
 * `ephemeral:N:` for an ephemeral context. */
static const char *
partition_site (const char *partition)
{
  const char *p;

  if (!g_str_has_prefix (partition, "ephemeral:"))
    return partition;

  p = partition + strlen ("ephemeral:");
  while (g_ascii_isdigit (*p))
    p++;

  return *p == ':' ? p + 1 : partition;
}

/* Whether @host is @site or a subdomain of it. IP addresses have no
 * subdomains: "0.0.1" is not a site of "127.0.0.1". */
static gboolean
host_on_site (const char *host,
              const char *site)
{
  gsize host_len = strlen (host);
  gsize site_len = strlen (site);

  if (g_ascii_strcasecmp (host, site) == 0)
    return TRUE;
  if (g_hostname_is_ip_address (host) || g_hostname_is_ip_address (site))
    return FALSE;

  return host_len > site_len && host[host_len - site_len - 1] == '.' &&
         g_ascii_strcasecmp (host + host_len - site_len, site) == 0;
}

/**
 * http_auth_protection_space_is_of_site:
 * @self: a #HttpAuthProtectionSpace
 * @site: a site (`https://example.com`) or a host (`example.com`)
 *
 * Tells whether @self is part of what a site holds, the one definition
 * that [method@HttpAuth.CredentialCache.clear_site] and
 * [method@HttpAuth.Keyring.forget_async] use: the host of @site is taken
 * (with GUri; the scheme, port and path of a URL are ignored), and @self is
 * of the site when its host is that host or one of its subdomains, or when
 * it is partitioned under such a host (the top-level site of the tab was
 * on it). IP addresses match only themselves.
 *
 * Returns: %TRUE if @self is of @site; %FALSE too when @site has no host
 */
gboolean
http_auth_protection_space_is_of_site (HttpAuthProtectionSpace *self,
                                       const char              *site)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (site != NULL, FALSE);

  host = site_host (site);
  if (host == NULL)
    return FALSE;

  if (host_on_site (self->host, host))
    return TRUE;

  if (self->partition != NULL)
    {
      g_autofree char *partition_host = site_host (partition_site (self->partition));

      return partition_host != NULL && host_on_site (partition_host, host);
    }

  return FALSE;
}
