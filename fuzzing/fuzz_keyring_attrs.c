/* fuzz_keyring_attrs.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-keyring-schema-private.h"

#include "fuzz-common.h"

/* The keyring's attribute mapping (credstore/http-auth-keyring-schema.c),
 * both ways, without a keyring: a protection space and a user name to
 * item attributes (HttpAuth's schema and WebKitGTK's), and a hostile
 * item's attributes back to a saved login. The input's lines are:
 *
 *   0     flags: 'p' proxy space, 'r' no realm, 'q' no partition,
 *         'u' no user name, 'w' the hostile item is WebKitGTK's
 *   1-6   the space: partition, scheme, host, port, realm, auth scheme
 *         (%-escapes decoded: any byte but NUL)
 *   7     the user name (likewise)
 *   8-…   the hostile item, one "name=value" attribute a line (the value
 *         %-decoded, then made valid UTF-8, as D-Bus delivers it)
 *
 * What must hold: every attribute table handed to libsecret passes
 * libsecret's own validation (_secret_attributes_validate in 0.20.5:
 * names of the schema only, an integer attribute a decimal integer,
 * string values valid UTF-8; otherwise libsecret warns and refuses the
 * call), and so does every label (a D-Bus string); the lookup attributes
 * are the stored ones without the user name; an item made from a space
 * reads back as that space (a missing realm reads as "", an empty
 * partition as none, bytes that are not UTF-8 as U+FFFD), with its user
 * name; WebKitGTK's attributes exist exactly for a space with a realm and
 * a scheme WebKitGTK saves, and read back as an origin's space; a hostile
 * item gives a login exactly when it names a scheme and a host, a
 * WebKitGTK item always for an origin server and never partitioned, and
 * mapping that login again is a fixpoint; the attributes that select an
 * item alone are its own. */

#define MAX_ITEM_ATTRIBUTES 16

static char *
decode (const char *field)
{
  char *decoded = g_uri_unescape_string (field, NULL);

  return decoded != NULL ? decoded : g_strdup (field);
}

/* libsecret 0.20.5's _secret_attributes_validate(), as a predicate. */
static gboolean
attributes_valid (const SecretSchema *schema,
                  GHashTable         *attributes,
                  const char        **bad)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const SecretSchemaAttribute *attribute = NULL;

      *bad = key;
      if (g_str_equal (key, "xdg:schema") || g_str_has_prefix (key, "gkr:"))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (schema->attributes) && schema->attributes[i].name != NULL; i++)
        if (g_str_equal (schema->attributes[i].name, key))
          attribute = &schema->attributes[i];
      if (attribute == NULL)
        return FALSE;
      switch (attribute->type)
        {
        case SECRET_SCHEMA_ATTRIBUTE_INTEGER:
          {
            char *end = NULL;

            g_ascii_strtoll (value, &end, 10);
            if (end == NULL || *end != '\0')
              return FALSE;
          }
          break;
        case SECRET_SCHEMA_ATTRIBUTE_STRING:
          if (!g_utf8_validate (value, -1, NULL))
            return FALSE;
          break;
        case SECRET_SCHEMA_ATTRIBUTE_BOOLEAN:
        default:
          if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
            return FALSE;
        }
    }
  return TRUE;
}

static void
assert_valid (const SecretSchema *schema,
              GHashTable         *attributes)
{
  const char *bad = NULL;

  if (!attributes_valid (schema, attributes, &bad))
    {
      g_printerr ("attribute %s fails libsecret's validation for %s\n", bad, schema->name);
      abort ();
    }
}

/* What the keyring can hold of a string: valid UTF-8. */
static char *
utf8 (const char *value)
{
  return value != NULL ? g_utf8_make_valid (value, -1) : NULL;
}

static void
assert_same_table (GHashTable *a,
                   GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
}

/* @space as the keyring gives it back. */
static HttpAuthProtectionSpace *
normalized (HttpAuthProtectionSpace *space,
            gboolean                 webkit)
{
  const char *partition = http_auth_protection_space_get_partition (space);
  const char *realm = http_auth_protection_space_get_realm (space);
  g_autofree char *n_partition = partition != NULL && *partition != '\0' && !webkit ? utf8 (partition) : NULL;
  g_autofree char *n_scheme = utf8 (http_auth_protection_space_get_scheme (space));
  g_autofree char *n_host = utf8 (http_auth_protection_space_get_host (space));
  g_autofree char *n_realm = utf8 (realm != NULL ? realm : "");
  g_autofree char *n_auth_scheme = utf8 (http_auth_protection_space_get_auth_scheme (space));

  return http_auth_protection_space_new (n_partition,
                                         webkit ? HTTP_AUTH_TARGET_SERVER : http_auth_protection_space_get_target (space),
                                         n_scheme, n_host, http_auth_protection_space_get_port (space),
                                         n_realm, n_auth_scheme);
}

static void
check_space (HttpAuthProtectionSpace *space,
             const char              *username)
{
  const SecretSchema *ours = _http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  const SecretSchema *webkit = _http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT);
  g_autoptr(GHashTable) stored = _http_auth_keyring_schema_attributes (space, username);
  g_autoptr(GHashTable) lookup = _http_auth_keyring_schema_attributes (space, NULL);
  g_autoptr(GHashTable) webkit_lookup = _http_auth_keyring_schema_webkit_attributes (space);
  g_autoptr(GHashTable) match = NULL;
  g_autoptr(HttpAuthSavedLogin) login = NULL;
  g_autoptr(HttpAuthProtectionSpace) expected = normalized (space, FALSE);
  g_autofree char *expected_user = utf8 (username != NULL ? username : "");
  const char *realm = http_auth_protection_space_get_realm (space);
  gboolean webkit_saves;

  assert_valid (ours, stored);
  assert_valid (ours, lookup);
  g_assert_cmpuint (g_hash_table_size (stored), ==, g_hash_table_size (lookup) + (username != NULL ? 1 : 0));
  g_hash_table_remove (stored, "user");
  assert_same_table (stored, lookup);

  if (username != NULL)
    {
      g_autofree char *label = _http_auth_keyring_schema_label (space, username);

      g_assert_true (g_utf8_validate (label, -1, NULL));
    }

  /* Stored, then listed: the same space and user name. */
  g_hash_table_insert (stored, (gpointer) "user", g_strdup (expected_user));
  login = _http_auth_keyring_schema_login_from_item (stored, HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  g_assert_nonnull (login);
  g_assert_true (http_auth_protection_space_equal (http_auth_saved_login_get_space (login), expected));
  g_assert_cmpstr (http_auth_saved_login_get_username (login), ==, expected_user);
  g_assert_cmpint (http_auth_saved_login_get_source (login), ==, HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);

  /* The item selects itself. */
  match = _http_auth_keyring_schema_item_match (stored);
  assert_valid (ours, match);
  assert_same_table (match, stored);

  /* WebKitGTK saves logins with a realm, for the schemes it knows. */
  webkit_saves = realm != NULL && *realm != '\0' &&
                 (g_ascii_strcasecmp (http_auth_protection_space_get_auth_scheme (space), "basic") == 0 ||
                  g_ascii_strcasecmp (http_auth_protection_space_get_auth_scheme (space), "digest") == 0 ||
                  g_ascii_strcasecmp (http_auth_protection_space_get_auth_scheme (space), "ntlm") == 0 ||
                  g_ascii_strcasecmp (http_auth_protection_space_get_auth_scheme (space), "negotiate") == 0);
  g_assert_cmpint (webkit_lookup != NULL, ==, webkit_saves);
  if (webkit_lookup != NULL)
    {
      g_autoptr(HttpAuthSavedLogin) webkit_login = NULL;
      g_autoptr(HttpAuthProtectionSpace) webkit_expected = normalized (space, TRUE);

      assert_valid (webkit, webkit_lookup);
      webkit_login = _http_auth_keyring_schema_login_from_item (webkit_lookup, HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT);
      g_assert_nonnull (webkit_login);
      g_assert_true (http_auth_protection_space_equal (http_auth_saved_login_get_space (webkit_login),
                                                       webkit_expected));
      g_assert_cmpstr (http_auth_saved_login_get_username (webkit_login), ==, "");
    }
}

static void
check_item (GHashTable               *item,
            HttpAuthSavedLoginSource  source)
{
  const SecretSchema *ours = _http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  gboolean webkit = source == HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT;
  g_autoptr(HttpAuthSavedLogin) login = _http_auth_keyring_schema_login_from_item (item, source);
  g_autoptr(HttpAuthSavedLogin) again = NULL;
  g_autoptr(HttpAuthSavedLogin) third = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) attributes_again = NULL;
  HttpAuthProtectionSpace *space;
  const char *user;

  g_assert_cmpint (login != NULL, ==,
                   g_hash_table_contains (item, webkit ? "protocol" : "scheme") &&
                   g_hash_table_contains (item, webkit ? "server" : "host"));
  if (login == NULL)
    return;

  space = http_auth_saved_login_get_space (login);
  user = g_hash_table_lookup (item, "user");
  g_assert_cmpstr (http_auth_saved_login_get_username (login), ==, user != NULL ? user : "");
  g_assert_cmpint (http_auth_saved_login_get_source (login), ==, source);
  if (webkit)
    {
      /* WebKitGTK's logins are for origin servers, never partitioned. */
      g_assert_cmpint (http_auth_protection_space_get_target (space), ==, HTTP_AUTH_TARGET_SERVER);
      g_assert_null (http_auth_protection_space_get_partition (space));
    }
  check_space (space, http_auth_saved_login_get_username (login));

  /* Mapped once more, the login is a fixpoint. */
  attributes = _http_auth_keyring_schema_attributes (space, http_auth_saved_login_get_username (login));
  again = _http_auth_keyring_schema_login_from_item (attributes, HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  attributes_again = _http_auth_keyring_schema_attributes (http_auth_saved_login_get_space (again),
                                                           http_auth_saved_login_get_username (again));
  assert_same_table (attributes, attributes_again);
  third = _http_auth_keyring_schema_login_from_item (attributes_again, HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  g_assert_true (http_auth_saved_login_equal (again, third));

  /* What forget() hands to libsecret for an item of ours. */
  if (!webkit)
    {
      g_autoptr(GHashTable) match = _http_auth_keyring_schema_item_match (item);
      GHashTableIter iter;
      gpointer key, value;

      assert_valid (ours, match);
      g_hash_table_iter_init (&iter, match);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_assert_cmpstr (g_hash_table_lookup (item, key), ==, value);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzFields fields;
  const char *flags;
  g_autofree char *partition = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *auth_scheme = NULL;
  g_autofree char *username = NULL;
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  g_autoptr(GHashTable) item = NULL;
  guint64 port;

  fuzz_init_once ();
  fuzz_fields_init (&fields, data, size);
  flags = fuzz_fields_get (&fields, 0);

  partition = decode (fuzz_fields_get (&fields, 1));
  scheme = decode (fuzz_fields_get (&fields, 2));
  host = decode (fuzz_fields_get (&fields, 3));
  port = g_ascii_strtoull (fuzz_fields_get (&fields, 4), NULL, 10);
  realm = decode (fuzz_fields_get (&fields, 5));
  auth_scheme = decode (fuzz_fields_get (&fields, 6));
  username = decode (fuzz_fields_get (&fields, 7));

  space = http_auth_protection_space_new (strchr (flags, 'q') != NULL ? NULL : partition,
                                          strchr (flags, 'p') != NULL ? HTTP_AUTH_TARGET_PROXY
                                                                      : HTTP_AUTH_TARGET_SERVER,
                                          scheme, host, (guint16) port,
                                          strchr (flags, 'r') != NULL ? NULL : realm, auth_scheme);
  check_space (space, strchr (flags, 'u') != NULL ? NULL : username);

  /* A hostile item: what another program may have written. */
  item = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 8; i < fields.n_fields && i < 8 + MAX_ITEM_ATTRIBUTES; i++)
    {
      const char *line = fields.fields[i];
      const char *equals = strchr (line, '=');
      g_autofree char *value = NULL;

      if (equals == NULL || equals == line)
        continue;
      value = decode (equals + 1);
      g_hash_table_replace (item, g_utf8_make_valid (line, equals - line), g_utf8_make_valid (value, -1));
    }
  check_item (item, strchr (flags, 'w') != NULL ? HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT
                                                : HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);

  fuzz_fields_clear (&fields);
  return 0;
}
