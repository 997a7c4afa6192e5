/* fuzz_protection_space.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"

#include "fuzz-common.h"

/* The cache key and the cache's path logic with hostile fields: two
 * protection spaces A and B, each with path prefixes, a site to clear and
 * a path to look up. The input's lines are:
 *
 *   0      flags: 'a'/'b' A/B is a proxy space, 'r'/'s' A/B has no realm,
 *          'q'/'t' A/B has no partition
 *   1-6    A: partition, scheme, host, port, realm, auth scheme
 *   7-12   B: the same
 *   13     a site (for is_of_site and clear_site)
 *   14     a request path
 *   15, 16 A's and B's path prefixes, space-separated
 *
 * What must hold, as documented: equal spaces hash alike; two spaces have
 * the same to_string() exactly when they are equal, and it holds no
 * control byte (it goes to logs); a lookup by path finds an entry exactly
 * when one of its prefixes covers the path on the same target, scheme,
 * host, port and partition, and then one with the longest such prefix
 * (checked against a model written here from the documentation); a
 * lookup never crosses to another origin; clear_site removes exactly the
 * spaces that are of the site. */

#define MAX_PREFIXES 8

typedef struct
{
  HttpAuthProtectionSpace *space;
  GPtrArray               *prefixes;   /* as the cache should hold them */
  HttpAuthCredential      *credential;
} ModelEntry;

static HttpAuthProtectionSpace *
space_from_fields (FuzzFields *fields,
                   guint       first,
                   gboolean    proxy,
                   gboolean    no_realm,
                   gboolean    no_partition)
{
  guint64 port = g_ascii_strtoull (fuzz_fields_get (fields, first + 3), NULL, 10);

  return http_auth_protection_space_new (no_partition ? NULL : fuzz_fields_get (fields, first),
                                         proxy ? HTTP_AUTH_TARGET_PROXY : HTTP_AUTH_TARGET_SERVER,
                                         fuzz_fields_get (fields, first + 1),
                                         fuzz_fields_get (fields, first + 2),
                                         (guint16) port,
                                         no_realm ? NULL : fuzz_fields_get (fields, first + 4),
                                         fuzz_fields_get (fields, first + 5));
}

static GStrv
split_prefixes (const char *field)
{
  g_auto(GStrv) all = g_strsplit (field, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; all[i] != NULL && n < MAX_PREFIXES; i++)
    if (*all[i] != '\0')
      {
        g_strv_builder_add (builder, all[i]);
        n++;
      }
  return g_strv_builder_end (builder);
}

static void
check_description (HttpAuthProtectionSpace *space)
{
  g_autofree char *description = http_auth_protection_space_to_string (space);
  g_autofree char *origin = http_auth_protection_space_dup_origin (space);

  g_assert_nonnull (origin);
  /* A log line: escaped, never split. */
  fuzz_assert_field_value (description);
}

/* The documented rule: "/docs" covers "/docs", "/docs/…" and "/docs?…",
 * not "/docsx"; a prefix ending in "/" covers everything below it. */
static gboolean
model_prefix_covers (const char *prefix,
                     const char *path)
{
  gsize len = strlen (prefix);
  char next;

  if (!g_str_has_prefix (path, prefix))
    return FALSE;
  if (len == 0 || prefix[len - 1] == '/')
    return TRUE;
  next = path[len];
  return next == '\0' || next == '/' || next == '?';
}

static void
model_add (GPtrArray               *model,
           HttpAuthProtectionSpace *space,
           const char * const      *prefixes,
           HttpAuthCredential      *credential)
{
  ModelEntry *entry = NULL;

  for (guint i = 0; i < model->len; i++)
    {
      ModelEntry *e = g_ptr_array_index (model, i);

      if (http_auth_protection_space_equal (e->space, space))
        entry = e;
    }
  if (entry == NULL)
    {
      entry = g_new0 (ModelEntry, 1);
      entry->space = http_auth_protection_space_ref (space);
      entry->prefixes = g_ptr_array_new ();
      g_ptr_array_add (model, entry);
    }
  entry->credential = credential;
  if (prefixes[0] == NULL)
    g_ptr_array_add (entry->prefixes, (gpointer) "/");
  for (guint i = 0; prefixes[i] != NULL; i++)
    g_ptr_array_add (entry->prefixes, (gpointer) prefixes[i]);
}

static void
model_entry_free (gpointer data)
{
  ModelEntry *entry = data;

  http_auth_protection_space_unref (entry->space);
  g_ptr_array_unref (entry->prefixes);
  g_free (entry);
}

/* Looks @path up in the cache and in the model, for the origin of @query,
 * and checks that they agree. */
static void
check_lookup (HttpAuthCredentialCache *cache,
              GPtrArray               *model,
              HttpAuthProtectionSpace *query,
              guint16                  port,
              const char              *path)
{
  HttpAuthTarget target = http_auth_protection_space_get_target (query);
  const char *partition = http_auth_protection_space_get_partition (query);
  g_autoptr(HttpAuthProtectionSpace) found_space = NULL;
  g_autoptr(HttpAuthCredential) found_credential = NULL;
  gssize best_len = -1;
  gboolean found;

  for (guint i = 0; i < model->len; i++)
    {
      ModelEntry *e = g_ptr_array_index (model, i);
      HttpAuthProtectionSpace *s = e->space;

      if (http_auth_protection_space_get_target (s) != target ||
          http_auth_protection_space_get_port (s) != port ||
          g_ascii_strcasecmp (http_auth_protection_space_get_scheme (s),
                              http_auth_protection_space_get_scheme (query)) != 0 ||
          g_ascii_strcasecmp (http_auth_protection_space_get_host (s),
                              http_auth_protection_space_get_host (query)) != 0 ||
          g_strcmp0 (http_auth_protection_space_get_partition (s), partition) != 0)
        continue;
      for (guint j = 0; j < e->prefixes->len; j++)
        {
          const char *prefix = g_ptr_array_index (e->prefixes, j);

          if (model_prefix_covers (prefix, path) && (gssize) strlen (prefix) > best_len)
            best_len = strlen (prefix);
        }
    }

  found = http_auth_credential_cache_lookup_by_path (cache, partition, target,
                                                     http_auth_protection_space_get_scheme (query),
                                                     http_auth_protection_space_get_host (query),
                                                     port, path, &found_space, &found_credential);
  g_assert_cmpint (found, ==, best_len >= 0);
  if (!found)
    return;

  /* Never another origin, target or partition. */
  g_assert_nonnull (found_credential);
  g_assert_cmpint (http_auth_protection_space_get_target (found_space), ==, target);
  g_assert_cmpuint (http_auth_protection_space_get_port (found_space), ==, port);
  g_assert_cmpstr (http_auth_protection_space_get_host (found_space), ==,
                   http_auth_protection_space_get_host (query));
  g_assert_cmpstr (http_auth_protection_space_get_scheme (found_space), ==,
                   http_auth_protection_space_get_scheme (query));
  g_assert_cmpstr (http_auth_protection_space_get_partition (found_space), ==, partition);

  /* The entry found has a prefix of the best length covering the path. */
  for (guint i = 0; i < model->len; i++)
    {
      ModelEntry *e = g_ptr_array_index (model, i);
      gboolean has_best = FALSE;

      if (!http_auth_protection_space_equal (e->space, found_space))
        continue;
      g_assert_true (e->credential == found_credential);
      for (guint j = 0; j < e->prefixes->len; j++)
        {
          const char *prefix = g_ptr_array_index (e->prefixes, j);

          if (model_prefix_covers (prefix, path) && (gssize) strlen (prefix) == best_len)
            has_best = TRUE;
        }
      g_assert_true (has_best);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzFields fields;
  const char *flags;
  const char *site;
  const char *path;
  g_autoptr(HttpAuthProtectionSpace) a = NULL;
  g_autoptr(HttpAuthProtectionSpace) a_again = NULL;
  g_autoptr(HttpAuthProtectionSpace) b = NULL;
  g_autoptr(HttpAuthCredentialCache) cache = NULL;
  g_autoptr(HttpAuthCredential) credential_a = NULL;
  g_autoptr(HttpAuthCredential) credential_b = NULL;
  g_autoptr(GPtrArray) model = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *string_a = NULL;
  g_autofree char *string_b = NULL;
  g_auto(GStrv) prefixes_a = NULL;
  g_auto(GStrv) prefixes_b = NULL;
  gboolean equal;
  guint n_of_site = 0;
  guint n_cleared;

  fuzz_init_once ();
  fuzz_fields_init (&fields, data, size);
  flags = fuzz_fields_get (&fields, 0);

  a = space_from_fields (&fields, 1, strchr (flags, 'a') != NULL, strchr (flags, 'r') != NULL,
                         strchr (flags, 'q') != NULL);
  a_again = space_from_fields (&fields, 1, strchr (flags, 'a') != NULL, strchr (flags, 'r') != NULL,
                               strchr (flags, 'q') != NULL);
  b = space_from_fields (&fields, 7, strchr (flags, 'b') != NULL, strchr (flags, 's') != NULL,
                         strchr (flags, 't') != NULL);
  site = fuzz_fields_get (&fields, 13);
  path = fuzz_fields_get (&fields, 14);
  prefixes_a = split_prefixes (fuzz_fields_get (&fields, 15));
  prefixes_b = split_prefixes (fuzz_fields_get (&fields, 16));

  /* The key. */
  g_assert_true (http_auth_protection_space_equal (a, a_again));
  g_assert_cmpuint (http_auth_protection_space_hash (a), ==, http_auth_protection_space_hash (a_again));
  equal = http_auth_protection_space_equal (a, b);
  g_assert_cmpint (equal, ==, http_auth_protection_space_equal (b, a));
  if (equal)
    g_assert_cmpuint (http_auth_protection_space_hash (a), ==, http_auth_protection_space_hash (b));
  check_description (a);
  check_description (b);
  string_a = http_auth_protection_space_to_string (a);
  string_b = http_auth_protection_space_to_string (b);
  if (equal)
    g_assert_cmpstr (string_a, ==, string_b);
  else
    g_assert_cmpstr (string_a, !=, string_b);

  /* The cache, against the model. */
  cache = http_auth_credential_cache_new (HTTP_AUTH_CREDENTIAL_CACHE_DEFAULT_MAX_ENTRIES);
  model = g_ptr_array_new_with_free_func (model_entry_free);
  credential_a = http_auth_credential_new ("a", "secret-a");
  credential_b = http_auth_credential_new ("b", "secret-b");
  http_auth_credential_cache_add (cache, a, (const char * const *) prefixes_a, credential_a);
  model_add (model, a, (const char * const *) prefixes_a, credential_a);
  http_auth_credential_cache_add (cache, b, (const char * const *) prefixes_b, credential_b);
  model_add (model, b, (const char * const *) prefixes_b, credential_b);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, model->len);

  {
    g_autoptr(HttpAuthCredential) found = http_auth_credential_cache_lookup (cache, a);

    g_assert_true (found == (equal ? credential_b : credential_a));
  }

  check_lookup (cache, model, a, http_auth_protection_space_get_port (a), path);
  check_lookup (cache, model, b, http_auth_protection_space_get_port (b), path);
  /* The next port is another origin. */
  check_lookup (cache, model, a, http_auth_protection_space_get_port (a) + 1, path);

  /* Clearing a site removes exactly its spaces. */
  for (guint i = 0; i < model->len; i++)
    if (http_auth_protection_space_is_of_site (((ModelEntry *) g_ptr_array_index (model, i))->space, site))
      n_of_site++;
  n_cleared = http_auth_credential_cache_clear_site (cache, site);
  g_assert_cmpuint (n_cleared, ==, n_of_site);
  spaces = http_auth_credential_cache_list_spaces (cache);
  g_assert_cmpuint (spaces->len, ==, model->len - n_of_site);
  for (guint i = 0; i < spaces->len; i++)
    g_assert_false (http_auth_protection_space_is_of_site (g_ptr_array_index (spaces, i), site));

  fuzz_fields_clear (&fields);
  return 0;
}
