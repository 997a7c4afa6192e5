/* test-credential-cache.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-credential-cache.h"
#include "http-auth-credential-cache-private.h"

static HttpAuthProtectionSpace *
space (const char     *partition,
       HttpAuthTarget  target,
       const char     *host,
       guint16         port,
       const char     *realm)
{
  return http_auth_protection_space_new (partition, target, "https", host, port, realm, "basic");
}

static gboolean
lookup_path (HttpAuthCredentialCache  *cache,
             const char               *partition,
             const char               *host,
             const char               *path,
             char                    **realm)
{
  g_autoptr(HttpAuthProtectionSpace) found = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;

  if (!http_auth_credential_cache_lookup_by_path (cache, partition, HTTP_AUTH_TARGET_SERVER, "https", host,
                                                  443, path, &found, &credential))
    return FALSE;
  *realm = g_strdup (http_auth_protection_space_get_realm (found));
  return TRUE;
}

static void
test_space_key (void)
{
  g_autoptr(HttpAuthProtectionSpace) a = space ("https://site", HTTP_AUTH_TARGET_SERVER, "Example.COM", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) b = space ("https://site", HTTP_AUTH_TARGET_SERVER, "example.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) other_realm = space ("https://site", HTTP_AUTH_TARGET_SERVER, "example.com", 443, "R");
  g_autoptr(HttpAuthProtectionSpace) other_port = space ("https://site", HTTP_AUTH_TARGET_SERVER, "example.com", 8443, "r");
  g_autoptr(HttpAuthProtectionSpace) other_partition = space ("https://else", HTTP_AUTH_TARGET_SERVER, "example.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) proxy = space ("https://site", HTTP_AUTH_TARGET_PROXY, "example.com", 443, "r");
  g_autofree char *origin = http_auth_protection_space_dup_origin (a);
  g_autofree char *text = http_auth_protection_space_to_string (a);

  g_assert_true (http_auth_protection_space_equal (a, b));
  g_assert_cmpuint (http_auth_protection_space_hash (a), ==, http_auth_protection_space_hash (b));
  /* Realms are compared exactly; everything else is part of the key too. */
  g_assert_false (http_auth_protection_space_equal (a, other_realm));
  g_assert_false (http_auth_protection_space_equal (a, other_port));
  g_assert_false (http_auth_protection_space_equal (a, other_partition));
  g_assert_false (http_auth_protection_space_equal (a, proxy));
  /* Proxy spaces are never partitioned. */
  g_assert_null (http_auth_protection_space_get_partition (proxy));
  g_assert_cmpstr (origin, ==, "https://example.com:443");
  g_assert_cmpstr (text, ==, "server https://example.com:443 realm=\"r\" basic partition=\"https://site\"");
}

static void
test_space_no_realm (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthProtectionSpace) none = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, NULL);
  g_autoptr(HttpAuthProtectionSpace) none2 = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, NULL);
  g_autoptr(HttpAuthProtectionSpace) empty = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "");
  g_autoptr(HttpAuthProtectionSpace) empty2 = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "");
  g_autoptr(HttpAuthCredential) c1 = http_auth_credential_new ("u", "1");
  g_autoptr(HttpAuthCredential) c2 = http_auth_credential_new ("u", "2");
  g_autoptr(HttpAuthCredential) got1 = NULL;
  g_autoptr(HttpAuthCredential) got2 = NULL;
  g_autofree char *none_text = http_auth_protection_space_to_string (none);
  g_autofree char *none2_text = http_auth_protection_space_to_string (none2);
  g_autofree char *empty_text = http_auth_protection_space_to_string (empty);
  g_autofree char *empty2_text = http_auth_protection_space_to_string (empty2);

  g_test_summary ("Finding 11 (issue 17): a challenge without a realm and one with realm=\"\" are two "
                  "protection spaces, and their descriptions (the engine's keys) differ");

  g_assert_false (http_auth_protection_space_equal (none, empty));
  g_assert_false (http_auth_protection_space_equal (empty, none));
  g_assert_true (http_auth_protection_space_equal (none, none2));
  g_assert_true (http_auth_protection_space_equal (empty, empty2));
  g_assert_cmpuint (http_auth_protection_space_hash (none), ==, http_auth_protection_space_hash (none2));
  g_assert_cmpuint (http_auth_protection_space_hash (empty), ==, http_auth_protection_space_hash (empty2));
  g_assert_cmpuint (http_auth_protection_space_hash (none), !=, http_auth_protection_space_hash (empty));

  g_assert_cmpstr (none_text, ==, "server https://h:443 no realm basic");
  g_assert_cmpstr (empty_text, ==, "server https://h:443 realm=\"\" basic");
  g_assert_cmpstr (none_text, ==, none2_text);
  g_assert_cmpstr (empty_text, ==, empty2_text);

  /* Two entries in the cache, each with its own credential. */
  http_auth_credential_cache_add (cache, none, NULL, c1);
  http_auth_credential_cache_add (cache, empty, NULL, c2);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 2);
  got1 = http_auth_credential_cache_lookup (cache, none2);
  got2 = http_auth_credential_cache_lookup (cache, empty2);
  g_assert_cmpstr (http_auth_credential_get_password (got1), ==, "1");
  g_assert_cmpstr (http_auth_credential_get_password (got2), ==, "2");
}

/* Spaces that differ in one field each, and realms or partitions that
 * hold what a description uses to separate its fields. */
static const struct {
  const char *partition;
  const char *realm;
  const char *auth_scheme;
} distinct_spaces[] = {
  { NULL, NULL, "basic" },
  { NULL, "", "basic" },
  { "", NULL, "basic" },
  { "", "", "basic" },
  { NULL, "no realm", "basic" },
  { NULL, "r", "basic" },
  { NULL, "r\" basic partition=\"p", "basic" },
  { "p", "r", "basic" },
  { "p\"", "r", "basic" },
  { "p\\", "r", "basic" },
  { NULL, "r\\", "basic" },
  { NULL, "r", "basic partition=\"p\"" },
  { NULL, "r\" basic", "x" },
  { NULL, "r", "digest" },
  { NULL, "a\nb", "basic" },
  { NULL, "a\\nb", "basic" },
};

static void
test_space_string_injective (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_summary ("Finding 11 (issue 17): two protection spaces that are not equal never have the "
                  "same description, whatever their realm and partition hold");

  for (guint i = 0; i < G_N_ELEMENTS (distinct_spaces); i++)
    {
      g_autoptr(HttpAuthProtectionSpace) s =
        http_auth_protection_space_new (distinct_spaces[i].partition, HTTP_AUTH_TARGET_SERVER, "https", "h", 443,
                                        distinct_spaces[i].realm, distinct_spaces[i].auth_scheme);
      char *text = http_auth_protection_space_to_string (s);

      g_test_message ("%u: %s", i, text);
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, text);
    }
}

static void
test_longest_prefix (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthProtectionSpace) docs = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "docs");
  g_autoptr(HttpAuthProtectionSpace) api = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "api");
  g_autoptr(HttpAuthCredential) c1 = http_auth_credential_new ("u", "1");
  g_autoptr(HttpAuthCredential) c2 = http_auth_credential_new ("u", "2");
  const char *docs_prefixes[] = { "/docs/", NULL };
  const char *api_prefixes[] = { "/docs/api/", "/v2", NULL };
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;
  g_autofree char *r4 = NULL;
  g_autofree char *r5 = NULL;

  http_auth_credential_cache_add (cache, docs, docs_prefixes, c1);
  http_auth_credential_cache_add (cache, api, api_prefixes, c2);

  g_assert_true (lookup_path (cache, NULL, "h", "/docs/a.html", &r1));
  g_assert_cmpstr (r1, ==, "docs");
  g_assert_true (lookup_path (cache, NULL, "h", "/docs/api/x", &r2));
  g_assert_cmpstr (r2, ==, "api");
  g_assert_true (lookup_path (cache, NULL, "h", "/v2", &r3));
  g_assert_cmpstr (r3, ==, "api");
  g_assert_true (lookup_path (cache, NULL, "h", "/v2/x", &r4));
  g_assert_cmpstr (r4, ==, "api");
  /* "/v2" does not cover "/v2x"; other hosts and partitions see nothing. */
  g_assert_false (lookup_path (cache, NULL, "h", "/v2x", &r5));
  g_assert_false (lookup_path (cache, NULL, "h", "/", &r5));
  g_assert_false (lookup_path (cache, NULL, "other", "/docs/a", &r5));
  g_assert_false (lookup_path (cache, "https://site", "h", "/docs/a", &r5));
}

static void
test_lru_bound (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (3);
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  HttpAuthProtectionSpace *spaces[5];

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *realm = g_strdup_printf ("r%u", i);
      spaces[i] = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, realm);
    }

  http_auth_credential_cache_add (cache, spaces[0], NULL, c);
  http_auth_credential_cache_add (cache, spaces[1], NULL, c);
  http_auth_credential_cache_add (cache, spaces[2], NULL, c);
  /* Using r0 makes r1 the least recently used. */
  g_clear_pointer (&c, http_auth_credential_unref);
  c = http_auth_credential_cache_lookup (cache, spaces[0]);
  g_assert_nonnull (c);
  http_auth_credential_cache_add (cache, spaces[3], NULL, c);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 3);
  g_assert_null (http_auth_credential_cache_lookup (cache, spaces[1]));

  for (guint i = 0; i < 5; i++)
    http_auth_credential_cache_add (cache, spaces[4], NULL, c);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 3);
  g_assert_cmpuint (http_auth_credential_cache_get_max_entries (cache), ==, 3);

  for (guint i = 0; i < 5; i++)
    http_auth_protection_space_unref (spaces[i]);
}

static void
test_state_and_replace (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (4);
  g_autoptr(HttpAuthProtectionSpace) s = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "r");
  g_autoptr(HttpAuthCredential) old = http_auth_credential_new ("u", "old");
  g_autoptr(HttpAuthCredential) new = http_auth_credential_new ("u", "new");
  g_autoptr(GObject) state = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) got_state = NULL;
  g_autoptr(HttpAuthCredential) got = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  http_auth_credential_cache_add (cache, s, NULL, old);
  _http_auth_credential_cache_add_with_state (cache, s, NULL, new, state);
  got = _http_auth_credential_cache_lookup_with_state (cache, s, &got_state);
  g_assert_true (http_auth_credential_equal (got, new));
  g_assert_true (got_state == state);
  spaces = http_auth_credential_cache_list_spaces (cache);
  g_assert_cmpuint (spaces->len, ==, 1);

  g_assert_true (http_auth_credential_cache_remove (cache, s));
  g_assert_false (http_auth_credential_cache_remove (cache, s));
}

static void
test_clear_site (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(HttpAuthProtectionSpace) s1 = space (NULL, HTTP_AUTH_TARGET_SERVER, "example.com", 443, "a");
  g_autoptr(HttpAuthProtectionSpace) s2 = space (NULL, HTTP_AUTH_TARGET_SERVER, "www.example.com", 443, "a");
  g_autoptr(HttpAuthProtectionSpace) s3 = space ("https://example.com", HTTP_AUTH_TARGET_SERVER, "cdn.other", 443, "a");
  g_autoptr(HttpAuthProtectionSpace) s4 = space ("ephemeral:7:https://example.com", HTTP_AUTH_TARGET_SERVER, "x.other", 443, "a");
  g_autoptr(HttpAuthProtectionSpace) s5 = space (NULL, HTTP_AUTH_TARGET_SERVER, "notexample.com", 443, "a");

  http_auth_credential_cache_add (cache, s1, NULL, c);
  http_auth_credential_cache_add (cache, s2, NULL, c);
  http_auth_credential_cache_add (cache, s3, NULL, c);
  http_auth_credential_cache_add (cache, s4, NULL, c);
  http_auth_credential_cache_add (cache, s5, NULL, c);

  /* The site's origins, its subdomains, and what is partitioned under it. */
  g_assert_cmpuint (http_auth_credential_cache_clear_site (cache, "https://example.com"), ==, 4);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 1);
  {
    g_autoptr(HttpAuthCredential) kept = http_auth_credential_cache_lookup (cache, s5);
    g_assert_nonnull (kept);
  }

  http_auth_credential_cache_clear_all (cache);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 0);
}

static gboolean
covers (HttpAuthCredentialCache *cache,
        const char              *prefix)
{
  g_autofree char *path = g_strconcat (prefix, "x", NULL);
  g_autofree char *realm = NULL;

  return lookup_path (cache, NULL, "h", path, &realm);
}

static void
test_prefix_bound (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthCredentialCache) one_add = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthProtectionSpace) s = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "r");
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  const guint max = HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES;

  g_test_summary ("Finding 13 (issue 17): the path prefixes of a cache entry are bounded; the least "
                  "recently used goes first");

  for (guint i = 0; i < max + 8; i++)
    g_ptr_array_add (many, g_strdup_printf ("/p%u/", i));

  /* The first 32 directories fill the entry; using /p0/ makes /p1/ the
   * least recently used. */
  for (guint i = 0; i < max; i++)
    {
      const char *prefixes[] = { g_ptr_array_index (many, i), NULL };

      http_auth_credential_cache_add (cache, s, prefixes, c);
    }
  g_assert_true (covers (cache, "/p0/"));
  for (guint i = max; i < max + 8; i++)
    {
      const char *prefixes[] = { g_ptr_array_index (many, i), NULL };

      http_auth_credential_cache_add (cache, s, prefixes, c);
    }

  g_assert_true (covers (cache, "/p0/"));
  for (guint i = 1; i <= 8; i++)
    g_assert_false (covers (cache, g_ptr_array_index (many, i)));
  for (guint i = 9; i < max + 8; i++)
    g_assert_true (covers (cache, g_ptr_array_index (many, i)));

  /* One add with a long list (a Digest domain= list) keeps its last 32. */
  g_ptr_array_add (many, NULL);
  http_auth_credential_cache_add (one_add, s, (const char * const *) many->pdata, c);
  for (guint i = 0; i < 8; i++)
    g_assert_false (covers (one_add, g_ptr_array_index (many, i)));
  for (guint i = 8; i < max + 8; i++)
    g_assert_true (covers (one_add, g_ptr_array_index (many, i)));
}

static void
test_clear_partition (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(HttpAuthProtectionSpace) tab_a = space ("ephemeral:3:https://a.com", HTTP_AUTH_TARGET_SERVER, "a.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) tab_a2 = space ("ephemeral:3:https://a.com", HTTP_AUTH_TARGET_SERVER, "cdn.net", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) tab_b = space ("ephemeral:3:https://b.com", HTTP_AUTH_TARGET_SERVER, "b.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) tab_none = space ("ephemeral:3:", HTTP_AUTH_TARGET_SERVER, "c.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) other_tab = space ("ephemeral:31:https://a.com", HTTP_AUTH_TARGET_SERVER, "a.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) shared = space ("https://a.com", HTTP_AUTH_TARGET_SERVER, "a.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) shared_sub = space ("https://www.a.com", HTTP_AUTH_TARGET_SERVER, "a.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) unpartitioned = space (NULL, HTTP_AUTH_TARGET_SERVER, "a.com", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) proxy = space (NULL, HTTP_AUTH_TARGET_PROXY, "proxy", 3128, "r");
  HttpAuthProtectionSpace *all[] = { tab_a, tab_a2, tab_b, tab_none, other_tab, shared, shared_sub, unpartitioned, proxy };
  g_autoptr(HttpAuthCredential) kept = NULL;

  g_test_summary ("Finding 13 (issue 17): the entries of an ephemeral tab can be dropped when it "
                  "closes, whatever sites it showed, and only those");

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    http_auth_credential_cache_add (cache, all[i], NULL, c);

  /* The tab showed a.com, then b.com, then a page without a site. */
  g_assert_cmpuint (http_auth_credential_cache_clear_partition (cache, "ephemeral:3:https://b.com"), ==, 4);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 5);
  kept = http_auth_credential_cache_lookup (cache, other_tab);
  g_assert_nonnull (kept);
  g_assert_cmpuint (http_auth_credential_cache_clear_partition (cache, "ephemeral:3:https://b.com"), ==, 0);

  /* A shared partition is its exact key. */
  g_assert_cmpuint (http_auth_credential_cache_clear_partition (cache, "https://a.com"), ==, 1);
  g_assert_cmpuint (http_auth_credential_cache_clear_partition (cache, "ephemeral:31:"), ==, 1);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 3);
  g_clear_pointer (&kept, http_auth_credential_unref);
  kept = http_auth_credential_cache_lookup (cache, shared_sub);
  g_assert_nonnull (kept);
}

static void
test_path_ties (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthProtectionSpace) a = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "a");
  g_autoptr(HttpAuthProtectionSpace) b = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "b");
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(HttpAuthCredential) used = NULL;
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;

  g_test_summary ("Issue 16: two realms of one origin that cover the same prefix: the most recently "
                  "used wins, as with the linear scan the index replaced");

  http_auth_credential_cache_add (cache, a, NULL, c);
  http_auth_credential_cache_add (cache, b, NULL, c);
  g_assert_true (lookup_path (cache, NULL, "h", "/x", &r1));
  g_assert_cmpstr (r1, ==, "b");

  used = http_auth_credential_cache_lookup (cache, a);
  g_assert_nonnull (used);
  g_assert_true (lookup_path (cache, NULL, "h", "/x", &r2));
  g_assert_cmpstr (r2, ==, "a");
}

static const struct {
  const char *prefix;
  const char *path;
  gboolean    covers;
} boundary_cases[] = {
  { "/docs", "/docs", TRUE },
  { "/docs", "/docs/", TRUE },
  { "/docs", "/docs/a/b", TRUE },
  { "/docs", "/docs?q=1", TRUE },
  { "/docs", "/docsx", FALSE },
  { "/docs", "/doc", FALSE },
  { "/docs/", "/docs/", TRUE },
  { "/docs/", "/docs/x", TRUE },
  { "/docs/", "/docs", FALSE },
  { "/a?b", "/a?b", TRUE },
  { "/a?b/", "/a?b/c", TRUE },
  { "/a?", "/a?b", FALSE },
  { "", "/anything", TRUE },
  { "/", "/", TRUE },
  { "/", "", FALSE },
  { "/d%C3%A9j%C3%A0/", "/d%C3%A9j%C3%A0/x", TRUE },
  { "/Docs/", "/docs/x", FALSE },
};

static void
test_path_boundaries (void)
{
  g_test_summary ("Issue 16: the prefix index finds exactly the prefixes the old scan matched: a "
                  "prefix covers the path itself, what lies below a \"/\", and its query");

  for (guint i = 0; i < G_N_ELEMENTS (boundary_cases); i++)
    {
      g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
      g_autoptr(HttpAuthProtectionSpace) s = space (NULL, HTTP_AUTH_TARGET_SERVER, "h", 443, "r");
      g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
      const char *prefixes[] = { boundary_cases[i].prefix, NULL };
      g_autofree char *realm = NULL;

      g_test_message ("%s covers %s: %d", boundary_cases[i].prefix, boundary_cases[i].path, boundary_cases[i].covers);
      http_auth_credential_cache_add (cache, s, prefixes, c);
      g_assert_cmpint (lookup_path (cache, NULL, "h", boundary_cases[i].path, &realm), ==, boundary_cases[i].covers);
    }
}

static void
test_origin_key (void)
{
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthProtectionSpace) server = space ("https://site", HTTP_AUTH_TARGET_SERVER, "Example.COM", 443, "r");
  g_autoptr(HttpAuthProtectionSpace) proxy = space ("https://site", HTTP_AUTH_TARGET_PROXY, "example.com", 443, "p");
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(HttpAuthProtectionSpace) found = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  g_test_summary ("Issue 16: the origin index compares scheme and host without case, the partition "
                  "exactly, and keeps proxy entries apart (never partitioned)");

  http_auth_credential_cache_add (cache, server, NULL, c);
  http_auth_credential_cache_add (cache, proxy, NULL, c);

  g_assert_true (http_auth_credential_cache_lookup_by_path (cache, "https://site", HTTP_AUTH_TARGET_SERVER, "HTTPS",
                                                            "EXAMPLE.com", 443, "/", &found, &credential));
  g_assert_true (http_auth_protection_space_equal (found, server));
  g_clear_pointer (&found, http_auth_protection_space_unref);
  g_clear_pointer (&credential, http_auth_credential_unref);

  g_assert_false (http_auth_credential_cache_lookup_by_path (cache, "https://Site", HTTP_AUTH_TARGET_SERVER, "https",
                                                             "example.com", 443, "/", NULL, NULL));
  g_assert_false (http_auth_credential_cache_lookup_by_path (cache, NULL, HTTP_AUTH_TARGET_SERVER, "https",
                                                             "example.com", 443, "/", NULL, NULL));
  g_assert_false (http_auth_credential_cache_lookup_by_path (cache, "https://site", HTTP_AUTH_TARGET_SERVER, "http",
                                                             "example.com", 443, "/", NULL, NULL));

  /* A proxy's lookup ignores the partition it is given. */
  g_assert_true (http_auth_credential_cache_lookup_by_path (cache, "https://other", HTTP_AUTH_TARGET_PROXY, "https",
                                                            "example.com", 443, "/", &found, NULL));
  g_assert_true (http_auth_protection_space_equal (found, proxy));
  g_assert_null (http_auth_protection_space_get_partition (found));

  /* The spaces handed out are equal to those added, most recent first. */
  spaces = http_auth_credential_cache_list_spaces (cache);
  g_assert_cmpuint (spaces->len, ==, 2);
  g_assert_true (http_auth_protection_space_equal (g_ptr_array_index (spaces, 0), proxy));
  g_assert_true (http_auth_protection_space_equal (g_ptr_array_index (spaces, 1), server));
}

static void
test_many_origins (void)
{
  const guint bound = 1000;
  const guint n = 5000;
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (bound);
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(GPtrArray) spaces = NULL;

  g_test_summary ("Issue 16: thousands of origins, several realms each, through the indexes: the "
                  "bound, eviction of the least recently used, lookups, removal, clearing");

  /* Realm i % 3 on host i / 3: three realms per origin. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *host = g_strdup_printf ("h%u.example", i / 3);
      g_autofree char *realm = g_strdup_printf ("r%u", i % 3);
      g_autofree char *dir = g_strdup_printf ("/d%u/", i);
      g_autoptr(HttpAuthProtectionSpace) s = space (i % 2 ? "https://site" : NULL, HTTP_AUTH_TARGET_SERVER, host, 443,
                                                    realm);
      const char *prefixes[] = { dir, NULL };

      http_auth_credential_cache_add (cache, s, prefixes, c);
      g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, MIN (i + 1, bound));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *host = g_strdup_printf ("h%u.example", i / 3);
      g_autofree char *realm = g_strdup_printf ("r%u", i % 3);
      g_autofree char *path = g_strdup_printf ("/d%u/page", i);
      g_autoptr(HttpAuthProtectionSpace) s = space (i % 2 ? "https://site" : NULL, HTTP_AUTH_TARGET_SERVER, host, 443,
                                                    realm);
      g_autoptr(HttpAuthCredential) got = NULL;
      g_autoptr(HttpAuthProtectionSpace) found = NULL;
      gboolean kept = i >= n - bound;

      got = http_auth_credential_cache_lookup (cache, s);
      g_assert_cmpint (got != NULL, ==, kept);
      g_assert_cmpint (http_auth_credential_cache_lookup_by_path (cache, i % 2 ? "https://site" : NULL,
                                                                  HTTP_AUTH_TARGET_SERVER, "https", host, 443, path,
                                                                  &found, NULL), ==, kept);
      if (kept)
        g_assert_true (http_auth_protection_space_equal (found, s));
    }

  spaces = http_auth_credential_cache_list_spaces (cache);
  g_assert_cmpuint (spaces->len, ==, bound);
  for (guint i = 0; i < spaces->len; i += 4)
    g_assert_true (http_auth_credential_cache_remove (cache, g_ptr_array_index (spaces, i)));
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, bound - bound / 4);

  /* Every other entry is partitioned (the most recent, removed above,
   * among them), and every entry is on the site "example" (its hosts are
   * subdomains of it). */
  g_assert_cmpuint (http_auth_credential_cache_clear_partition (cache, "https://site"), ==, bound / 4);
  g_assert_cmpuint (http_auth_credential_cache_clear_site (cache, "h1666.example"), ==, 1);
  g_assert_cmpuint (http_auth_credential_cache_clear_site (cache, "example"), ==, bound / 2 - 1);
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 0);
  http_auth_credential_cache_clear_all (cache);
  g_assert_false (http_auth_credential_cache_remove (cache, g_ptr_array_index (spaces, 1)));
}

static const struct {
  const char *partition;
  const char *scheme;
  const char *host;
  const char *site;
  gboolean    of_site;
} site_cases[] = {
  /* A site is a host and its subdomains, whatever the scheme and port. */
  { NULL, "https", "example.com", "example.com", TRUE },
  { NULL, "http", "example.com", "https://example.com", TRUE },
  { NULL, "https", "www.example.com", "example.com", TRUE },
  { NULL, "https", "a.b.example.com", "https://EXAMPLE.com:8443/some/path", TRUE },
  { NULL, "https", "Example.COM", "example.com", TRUE },
  { NULL, "https", "example.com", "www.example.com", FALSE },
  { NULL, "https", "notexample.com", "example.com", FALSE },
  { NULL, "https", "example.com.evil", "example.com", FALSE },
  /* Partitioned under the site, the tab's prefix for ephemeral contexts
   * included. */
  { "https://example.com", "https", "cdn.other", "example.com", TRUE },
  { "https://www.example.com", "https", "cdn.other", "https://example.com", TRUE },
  { "ephemeral:7:https://example.com", "https", "x.other", "example.com", TRUE },
  { "ephemeral:7:", "https", "x.other", "example.com", FALSE },
  { "https://other.org", "https", "cdn.other", "example.com", FALSE },
  /* IP addresses match only themselves. */
  { NULL, "http", "127.0.0.1", "127.0.0.1", TRUE },
  { NULL, "http", "127.0.0.1", "http://127.0.0.1:8080/", TRUE },
  { NULL, "http", "127.0.0.1", "0.0.1", FALSE },
  { NULL, "http", "::1", "[::1]", TRUE },
  { NULL, "http", "::1", "http://[::1]:8080", TRUE },
  /* No host, nothing. */
  { NULL, "http", "example.com", "", FALSE },
  { NULL, "http", "example.com", "https://", FALSE },
};

static void
test_site (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (16);
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("u", "p");
  g_autoptr(HttpAuthProtectionSpace) s =
    http_auth_protection_space_new (site_cases[i].partition, HTTP_AUTH_TARGET_SERVER, site_cases[i].scheme,
                                    site_cases[i].host, 443, "r", "basic");

  g_test_summary ("Finding 13 (issue 17): one definition of a site, parsed with GUri, for the "
                  "cache's clear-site and the keyring's forget");

  g_assert_cmpint (http_auth_protection_space_is_of_site (s, site_cases[i].site), ==, site_cases[i].of_site);
  http_auth_credential_cache_add (cache, s, NULL, c);
  g_assert_cmpuint (http_auth_credential_cache_clear_site (cache, site_cases[i].site), ==,
                    site_cases[i].of_site ? 1 : 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/ProtectionSpace/key", test_space_key);
  g_test_add_func ("/HttpAuth/ProtectionSpace/no-realm-is-not-empty-realm", test_space_no_realm);
  g_test_add_func ("/HttpAuth/ProtectionSpace/string-injective", test_space_string_injective);
  g_test_add_func ("/HttpAuth/CredentialCache/longest-prefix", test_longest_prefix);
  g_test_add_func ("/HttpAuth/CredentialCache/lru-bound", test_lru_bound);
  g_test_add_func ("/HttpAuth/CredentialCache/state-and-replace", test_state_and_replace);
  g_test_add_func ("/HttpAuth/CredentialCache/clear-site", test_clear_site);
  g_test_add_func ("/HttpAuth/CredentialCache/prefix-bound", test_prefix_bound);
  g_test_add_func ("/HttpAuth/CredentialCache/clear-partition", test_clear_partition);
  g_test_add_func ("/HttpAuth/CredentialCache/path-ties", test_path_ties);
  g_test_add_func ("/HttpAuth/CredentialCache/path-boundaries", test_path_boundaries);
  g_test_add_func ("/HttpAuth/CredentialCache/origin-key", test_origin_key);
  g_test_add_func ("/HttpAuth/CredentialCache/many-origins", test_many_origins);
  for (guint i = 0; i < G_N_ELEMENTS (site_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/HttpAuth/ProtectionSpace/site/%u", i);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_site);
    }

  return g_test_run ();
}
