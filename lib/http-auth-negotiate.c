/* http-auth-negotiate.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-negotiate"

#include "config.h"

#include "http-auth-negotiate-private.h"

#include <string.h>

/* The Negotiate policy room: host patterns (as Chromium's
 * AuthServerAllowlist and AuthNegotiateDelegateAllowlist), the service
 * name's port, the bound on a GSS-API step, and the origins that took a
 * token. Pure apart from its own tables; the transaction asks it. */

struct _HttpAuthNegotiatePolicy
{
  GStrv       allowlist;
  GStrv       delegation;
  gboolean    include_port;
  guint       timeout_ms;
  GHashTable *known;    /* "partition\n scheme://host:port" */
};

HttpAuthNegotiatePolicy *
_http_auth_negotiate_policy_new (void)
{
  HttpAuthNegotiatePolicy *self = g_new0 (HttpAuthNegotiatePolicy, 1);

  self->allowlist = g_new0 (char *, 1);
  self->delegation = g_new0 (char *, 1);
  self->timeout_ms = HTTP_AUTH_NEGOTIATE_DEFAULT_TIMEOUT_MS;
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
_http_auth_negotiate_policy_free (HttpAuthNegotiatePolicy *self)
{
  g_strfreev (self->allowlist);
  g_strfreev (self->delegation);
  g_hash_table_unref (self->known);
  g_free (self);
}

/* Patterns come as a list or as one comma-separated string per entry. */
static GStrv
split_patterns (const char * const *patterns)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (patterns[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_autofree char *p = g_strstrip (g_ascii_strdown (parts[j], -1));

          if (*p != '\0')
            g_strv_builder_add (builder, p);
        }
    }

  return g_strv_builder_end (builder);
}

void
_http_auth_negotiate_policy_set_allowlist (HttpAuthNegotiatePolicy *self,
                                           const char * const      *patterns)
{
  g_strfreev (self->allowlist);
  self->allowlist = split_patterns (patterns);
  /* A host taken off the list gets no more tokens, preemptive or not. */
  g_hash_table_remove_all (self->known);
}

const char * const *
_http_auth_negotiate_policy_get_allowlist (HttpAuthNegotiatePolicy *self)
{
  return (const char * const *) self->allowlist;
}

void
_http_auth_negotiate_policy_set_delegation (HttpAuthNegotiatePolicy *self,
                                            const char * const      *patterns)
{
  g_strfreev (self->delegation);
  self->delegation = split_patterns (patterns);
}

const char * const *
_http_auth_negotiate_policy_get_delegation (HttpAuthNegotiatePolicy *self)
{
  return (const char * const *) self->delegation;
}

void
_http_auth_negotiate_policy_set_include_port (HttpAuthNegotiatePolicy *self,
                                              gboolean                 include_port)
{
  self->include_port = include_port;
}

gboolean
_http_auth_negotiate_policy_get_include_port (HttpAuthNegotiatePolicy *self)
{
  return self->include_port;
}

void
_http_auth_negotiate_policy_set_timeout (HttpAuthNegotiatePolicy *self,
                                         guint                    timeout_ms)
{
  self->timeout_ms = timeout_ms;
}

guint
_http_auth_negotiate_policy_get_timeout (HttpAuthNegotiatePolicy *self)
{
  return self->timeout_ms;
}

static guint16
default_port (const char *scheme)
{
  return g_strcmp0 (scheme, "https") == 0 ? 443 : 80;
}

/* One pattern: `[scheme://]host[:port]`, host being `*` (any), `*.name`
 * (the subdomains of name), `*suffix` (any host ending so) or `name` (name
 * and its subdomains, on a dot boundary). Lowercase already. */
gboolean
_http_auth_negotiate_pattern_matches (const char *pattern,
                                      const char *scheme,
                                      const char *host,
                                      guint16     port)
{
  g_autofree char *host_lower = g_ascii_strdown (host, -1);
  const char *p = pattern;
  const char *sep = strstr (p, "://");
  g_autofree char *host_pattern = NULL;
  const char *colon;
  gsize hl, pl;

  if (sep != NULL)
    {
      if (g_ascii_strncasecmp (p, scheme, sep - p) != 0 || strlen (scheme) != (gsize) (sep - p))
        return FALSE;
      p = sep + 3;
    }

  /* A port after the host (an IPv6 literal's colons are in brackets). */
  colon = strrchr (p, ':');
  if (colon != NULL && strchr (colon, ']') == NULL && (p[0] != '[' || strchr (p, ']') < colon))
    {
      guint64 want = 0;

      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &want, NULL))
        return FALSE;
      if (want != (port != 0 ? port : default_port (scheme)))
        return FALSE;
      host_pattern = g_strndup (p, colon - p);
    }
  else
    host_pattern = g_strdup (p);

  hl = strlen (host_lower);
  pl = strlen (host_pattern);
  if (pl == 0)
    return FALSE;
  if (strcmp (host_pattern, "*") == 0)
    return TRUE;
  if (g_str_has_prefix (host_pattern, "*."))
    return hl > pl - 1 && strcmp (host_lower + hl - (pl - 1), host_pattern + 1) == 0;
  if (host_pattern[0] == '*')
    return hl >= pl - 1 && strcmp (host_lower + hl - (pl - 1), host_pattern + 1) == 0;
  if (strcmp (host_lower, host_pattern) == 0)
    return TRUE;
  return hl > pl && host_lower[hl - pl - 1] == '.' && strcmp (host_lower + hl - pl, host_pattern) == 0;
}

static gboolean
list_matches (GStrv       patterns,
              const char *scheme,
              const char *host,
              guint16     port)
{
  for (guint i = 0; patterns[i] != NULL; i++)
    if (_http_auth_negotiate_pattern_matches (patterns[i], scheme, host, port))
      return TRUE;
  return FALSE;
}

gboolean
_http_auth_negotiate_policy_allows (HttpAuthNegotiatePolicy *self,
                                    const char              *scheme,
                                    const char              *host,
                                    guint16                  port)
{
  return host != NULL && list_matches (self->allowlist, scheme, host, port);
}

/* The scheme to answer a Negotiate challenge (@chosen) or to send a token
 * before one (@chosen %NULL), set up for @host. */
HttpAuthSchemeNegotiate *
_http_auth_negotiate_policy_prepare (HttpAuthNegotiatePolicy *self,
                                     HttpAuthScheme          *chosen,
                                     HttpAuthTarget           target,
                                     const char              *scheme,
                                     const char              *host,
                                     guint16                  port)
{
  HttpAuthSchemeNegotiate *negotiate;

  if (chosen != NULL)
    negotiate = g_object_ref (HTTP_AUTH_SCHEME_NEGOTIATE (chosen));
  else
    negotiate = _http_auth_scheme_negotiate_new_preemptive (target);

  _http_auth_scheme_negotiate_configure (negotiate, host,
                                         self->include_port && port != default_port (scheme) ? port : 0,
                                         list_matches (self->delegation, scheme, host, port));
  return negotiate;
}

static char *
known_key (const char *partition,
           const char *scheme,
           const char *host,
           guint16     port)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);

  return g_strdup_printf ("%s\n%s://%s:%u", partition ? partition : "", scheme, lower, port);
}

gboolean
_http_auth_negotiate_policy_is_known (HttpAuthNegotiatePolicy *self,
                                      const char              *partition,
                                      const char              *scheme,
                                      const char              *host,
                                      guint16                  port)
{
  g_autofree char *key = NULL;

  if (host == NULL || !_http_auth_negotiate_policy_allows (self, scheme, host, port))
    return FALSE;
  key = known_key (partition, scheme, host, port);
  return g_hash_table_contains (self->known, key);
}

void
_http_auth_negotiate_policy_remember (HttpAuthNegotiatePolicy *self,
                                      const char              *partition,
                                      const char              *scheme,
                                      const char              *host,
                                      guint16                  port,
                                      gboolean                 known)
{
  char *key = known_key (partition, scheme, host, port);

  if (!known)
    {
      g_hash_table_remove (self->known, key);
      g_free (key);
      return;
    }
  /* Bounded: past the limit the table starts over (each origin then pays
   * one 401 again). */
  if (g_hash_table_size (self->known) >= HTTP_AUTH_NEGOTIATE_MAX_KNOWN)
    g_hash_table_remove_all (self->known);
  g_hash_table_add (self->known, key);
}
