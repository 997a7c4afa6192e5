/* http-auth-keyring-schema.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-keyring-schema"

#include "config.h"

#include "http-auth-keyring-schema-private.h"
#include "http-auth-saved-login-private.h"

/* HttpAuth's items (`org.gnome.HttpAuth.Credential`) carry every field of
 * the protection space, so that a lookup matches the space exactly:
 * target, scheme, host, port, realm, auth scheme and partition (the last
 * two empty rather than absent when there is none), plus the user name.
 *
 * WebKitGTK's items (`org.gnome.keyring.NetworkPassword`, libsecret's
 * SECRET_SCHEMA_COMPAT_NETWORK) are written by GNOME Web and other
 * WebKitGTK applications with server, port, protocol, the realm in
 * `domain`, the auth scheme in `authtype` and the user name in `user`.
 * HttpAuth reads them and never writes or deletes them. */

static const SecretSchema schema = {
  "org.gnome.HttpAuth.Credential", SECRET_SCHEMA_NONE,
  {
    { "target", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "scheme", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { "realm", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "auth-scheme", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "partition", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The attribute names of each source's items. */
typedef struct
{
  const char *scheme;
  const char *host;
  const char *realm;
  const char *auth_scheme;
} Names;

static const Names http_auth_names = { "scheme", "host", "realm", "auth-scheme" };
static const Names webkit_names = { "protocol", "server", "domain", "authtype" };

/* The schema whose items come from @source. */
const SecretSchema *
_http_auth_keyring_schema_get (HttpAuthSavedLoginSource source)
{
  switch (source)
    {
    case HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH:
      return &schema;
    case HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT:
      return SECRET_SCHEMA_COMPAT_NETWORK;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A string attribute value as libsecret takes it: valid UTF-8 (it sends
 * attributes as D-Bus strings, and refuses the whole call, with a warning,
 * for one that is not). A realm is text from the server and may be
 * Latin-1 or any bytes: each byte that is not UTF-8 becomes U+FFFD, the
 * same on store and on lookup, so such a login is still found. (Hosts are
 * UTF-8 already: GUri refuses any other.) */
static char *
string_value (const char *value)
{
  return g_utf8_make_valid (value, -1);
}

/* Attributes of an item of ours for @space; with @username, those of the
 * login to store, without, those that match every login of @space. */
GHashTable *
_http_auth_keyring_schema_attributes (HttpAuthProtectionSpace *space,
                                      const char              *username)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *partition = http_auth_protection_space_get_partition (space);
  const char *realm = http_auth_protection_space_get_realm (space);

  g_assert (space != NULL);

  g_hash_table_insert (attributes, (gpointer) "target",
                       g_strdup (http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY
                                 ? "proxy" : "server"));
  g_hash_table_insert (attributes, (gpointer) "scheme", string_value (http_auth_protection_space_get_scheme (space)));
  g_hash_table_insert (attributes, (gpointer) "host", string_value (http_auth_protection_space_get_host (space)));
  g_hash_table_insert (attributes, (gpointer) "port",
                       g_strdup_printf ("%u", http_auth_protection_space_get_port (space)));
  g_hash_table_insert (attributes, (gpointer) "realm", string_value (realm ? realm : ""));
  g_hash_table_insert (attributes, (gpointer) "auth-scheme",
                       string_value (http_auth_protection_space_get_auth_scheme (space)));
  g_hash_table_insert (attributes, (gpointer) "partition", string_value (partition ? partition : ""));
  if (username != NULL)
    g_hash_table_insert (attributes, (gpointer) "user", string_value (username));

  return attributes;
}

/* The `authtype` WebKitGTK writes for an auth scheme: the spelling of
 * WebKit's ProtectionSpace (`Basic`, `Digest`, `NTLM`, `Negotiate`), not
 * the lowercase name HttpAuth keys its spaces with. %NULL for a scheme
 * WebKitGTK never saves a login for. */
static const char *
webkit_authtype (const char *auth_scheme)
{
  static const struct {
    const char *auth_scheme;
    const char *authtype;
  } authtypes[] = {
    { "basic", "Basic" },
    { "digest", "Digest" },
    { "ntlm", "NTLM" },
    { "negotiate", "Negotiate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (authtypes); i++)
    if (g_ascii_strcasecmp (auth_scheme, authtypes[i].auth_scheme) == 0)
      return authtypes[i].authtype;

  return NULL;
}

/* WebKitGTK's items: server, port, protocol, realm in "domain" and the auth
 * scheme in "authtype", all matched, as WebKitGTK itself matches them: a
 * login saved for Digest must never answer a Basic challenge, which anyone
 * on the path of an http:// request can forge from a Digest one to read
 * the password in clear. %NULL when WebKitGTK cannot have saved a login for
 * @space: it saves none without a realm, and none for other schemes. */
GHashTable *
_http_auth_keyring_schema_webkit_attributes (HttpAuthProtectionSpace *space)
{
  GHashTable *attributes;
  const char *realm = http_auth_protection_space_get_realm (space);
  const char *authtype = webkit_authtype (http_auth_protection_space_get_auth_scheme (space));

  g_assert (space != NULL);

  if (realm == NULL || *realm == '\0' || authtype == NULL)
    return NULL;

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (attributes, (gpointer) "server", string_value (http_auth_protection_space_get_host (space)));
  g_hash_table_insert (attributes, (gpointer) "port",
                       g_strdup_printf ("%u", http_auth_protection_space_get_port (space)));
  g_hash_table_insert (attributes, (gpointer) "protocol", string_value (http_auth_protection_space_get_scheme (space)));
  g_hash_table_insert (attributes, (gpointer) "domain", string_value (realm));
  g_hash_table_insert (attributes, (gpointer) "authtype", g_strdup (authtype));

  return attributes;
}

/* The label a keyring manager (Seahorse) shows for a login of ours. */
char *
_http_auth_keyring_schema_label (HttpAuthProtectionSpace *space,
                                 const char              *username)
{
  g_autofree char *origin = http_auth_protection_space_dup_origin (space);
  const char *realm = http_auth_protection_space_get_realm (space);
  g_autofree char *label = NULL;

  g_assert (username != NULL);

  /* A D-Bus string too. */
  label = g_strdup_printf ("%s@%s (%s)", username, origin, realm ? realm : "");
  return string_value (label);
}

/* Whether libsecret takes @value for an integer attribute: what
 * g_ascii_strtoll() reads whole. */
static gboolean
is_integer (const char *value)
{
  char *end = NULL;

  g_ascii_strtoll (value, &end, 10);
  return end != NULL && *end == '\0';
}

/* The attributes of an item of ours that select it alone: each attribute
 * of the schema the item has, with its value. An integer attribute that
 * is not one (the item was written by another program) is left out:
 * libsecret would refuse the whole match, and the item could never be
 * deleted. Without its port, the match also selects the items of the same
 * host on other ports, which are of the same site. */
GHashTable *
_http_auth_keyring_schema_item_match (GHashTable *item_attributes)
{
  GHashTable *match = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; schema.attributes[i].name != NULL; i++)
    {
      const char *value = g_hash_table_lookup (item_attributes, schema.attributes[i].name);

      if (value == NULL ||
          (schema.attributes[i].type == SECRET_SCHEMA_ATTRIBUTE_INTEGER && !is_integer (value)))
        continue;
      g_hash_table_insert (match, (gpointer) schema.attributes[i].name, g_strdup (value));
    }

  return match;
}

/* The login an item of @source's schema holds; %NULL when the item lacks
 * the origin's scheme or host. WebKitGTK items are for origin servers and
 * never partitioned, whatever other attributes they carry; an item without
 * an auth scheme is taken as Basic. */
HttpAuthSavedLogin *
_http_auth_keyring_schema_login_from_item (GHashTable               *item_attributes,
                                           HttpAuthSavedLoginSource  source)
{
  const Names *names = source == HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT ? &webkit_names : &http_auth_names;
  const char *scheme = g_hash_table_lookup (item_attributes, names->scheme);
  const char *host = g_hash_table_lookup (item_attributes, names->host);
  const char *realm = g_hash_table_lookup (item_attributes, names->realm);
  const char *auth_scheme = g_hash_table_lookup (item_attributes, names->auth_scheme);
  const char *port = g_hash_table_lookup (item_attributes, "port");
  const char *target = NULL;
  const char *partition = NULL;
  g_autoptr(HttpAuthProtectionSpace) space = NULL;

  if (scheme == NULL || host == NULL)
    return NULL;

  /* "target" and "partition" are attributes of HttpAuth's schema only. */
  if (source == HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH)
    {
      target = g_hash_table_lookup (item_attributes, "target");
      partition = g_hash_table_lookup (item_attributes, "partition");
    }

  space = http_auth_protection_space_new (partition && *partition ? partition : NULL,
                                          g_strcmp0 (target, "proxy") == 0 ? HTTP_AUTH_TARGET_PROXY
                                                                            : HTTP_AUTH_TARGET_SERVER,
                                          scheme, host, port ? (guint16) g_ascii_strtoull (port, NULL, 10) : 0,
                                          realm, auth_scheme ? auth_scheme : "basic");

  return _http_auth_saved_login_new (space, g_hash_table_lookup (item_attributes, "user"), source);
}
