/* bench-cache.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Micro-benchmark of HttpAuthCredentialCache: exact lookups (hit and
 * miss), lookups by path, and the heap each entry costs, at 1,000, 10,000
 * and 100,000 protection spaces. Each figure is the median of several
 * repetitions; the output is one `key: value` line per figure, which
 * bench/run reads.
 *
 * The spaces are what a browser session collects: one origin per space
 * (`https://hN.example.com:443`, Basic, realm "Staff N"), partitioned
 * under a top-level site for half of them, covering `/` and `/docs/N/`.
 * Lookups go in a fixed pseudo-random order over the whole cache, with
 * query spaces that are equal to the stored ones but other objects, as
 * the engine makes them from a challenge; lookups by path ask for the
 * space, the credential and the state, as the engine's preemptive path
 * does (path_hot: the same 8 spaces over and over, as a page's
 * requests). Bytes per entry are the heap in use (mallinfo2: arena plus mmap)
 * after adding 100,000 entries whose spaces nobody else holds, divided by
 * 100,000; one credential is shared, as when one login covers many
 * spaces. Time is the thread's CPU time, so that other processes on a
 * busy machine do not count. */

#include "config.h"

#include "http-auth-credential-cache.h"
#include "http-auth-credential-cache-private.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define REPETITIONS 7

static const guint sizes[] = { 1000, 10000, 100000 };

static HttpAuthProtectionSpace *
make_space (guint i,
            gboolean miss)
{
  g_autofree char *host = g_strdup_printf ("%s%u.example.com", miss ? "miss" : "h", i);
  g_autofree char *realm = g_strdup_printf ("Staff %u", i);
  g_autofree char *partition = g_strdup_printf ("https://site%u.example", i % 97);

  return http_auth_protection_space_new (i % 2 ? partition : NULL, HTTP_AUTH_TARGET_SERVER, "https", host, 443,
                                         realm, "basic");
}

/* The thread's CPU time, in nanoseconds. */
static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static HttpAuthCredentialCache *
make_cache (guint               n,
            HttpAuthCredential *credential)
{
  HttpAuthCredentialCache *cache = http_auth_credential_cache_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HttpAuthProtectionSpace) space = make_space (i, FALSE);
      g_autofree char *docs = g_strdup_printf ("/docs/%u/", i);
      const char *prefixes[] = { "/", docs, NULL };

      http_auth_credential_cache_add (cache, space, prefixes, credential);
    }

  return cache;
}

/* A fixed pseudo-random order (xorshift32), the same in every run. */
static guint *
make_order (guint n,
            guint count)
{
  guint *order = g_new (guint, count);
  guint32 x = 2463534242u;

  for (guint i = 0; i < count; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      order[i] = x % n;
    }

  return order;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

typedef enum {
  EXACT_HIT,
  EXACT_MISS,
  PATH_HIT,
  PATH_MISS,
  PATH_HOT,
} Kind;

/* Nanoseconds per lookup of one kind, over at least 50 ms (and at least
 * 64 lookups, for the slow cases). */
static double
measure (HttpAuthCredentialCache  *cache,
         HttpAuthProtectionSpace **queries,
         char                    **hosts,
         char                    **paths,
         guint                     n_order,
         Kind                      kind)
{
  guint done = 0;
  gint64 start = now_ns ();
  gint64 elapsed;

  do
    {
      for (guint k = 0; k < 64; k++, done++)
        {
          /* PATH_HOT: a page's requests, to the same 8 spaces. */
          guint i = kind == PATH_HOT ? done % 8 : done % n_order;

          switch (kind)
            {
            case EXACT_HIT:
            case EXACT_MISS:
              {
                HttpAuthCredential *c = http_auth_credential_cache_lookup (cache, queries[i]);

                if ((c != NULL) != (kind == EXACT_HIT))
                  g_error ("unexpected exact lookup result for %u", i);
                if (c != NULL)
                  http_auth_credential_unref (c);
              }
              break;

            case PATH_HIT:
            case PATH_MISS:
            case PATH_HOT:
              {
                HttpAuthProtectionSpace *space = NULL;
                HttpAuthCredential *c = NULL;
                GObject *state = NULL;
                gboolean found;

                found = _http_auth_credential_cache_lookup_by_path_with_state (
                  cache, http_auth_protection_space_get_partition (queries[i]), HTTP_AUTH_TARGET_SERVER, "https",
                  hosts[i], 443, paths[i], &space, &c, &state);
                if (found != (kind != PATH_MISS))
                  g_error ("unexpected path lookup result for %u", i);
                if (found)
                  {
                    http_auth_protection_space_unref (space);
                    http_auth_credential_unref (c);
                    g_clear_object (&state);
                  }
              }
              break;

            default:
              g_assert_not_reached ();
            }
        }
      elapsed = now_ns () - start;
    }
  while (elapsed < 50000000);

  return (double) elapsed / done;
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static double
bytes_per_entry (HttpAuthCredential *credential)
{
  const guint n = 100000;
  HttpAuthCredentialCache *cache;
  gsize before;
  gsize after;

  malloc_trim (0);
  before = heap_in_use ();
  cache = http_auth_credential_cache_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HttpAuthProtectionSpace) space = make_space (i, FALSE);

      http_auth_credential_cache_add (cache, space, NULL, credential);
    }
  after = heap_in_use ();
  g_object_unref (cache);

  return (double) (after - before) / n;
}

int
main (void)
{
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("alice", "secret");
  double samples[REPETITIONS];

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = sizes[s];
      HttpAuthCredentialCache *cache = make_cache (n, credential);
      guint n_order = MAX (n, 65536);
      HttpAuthProtectionSpace **hits = g_new (HttpAuthProtectionSpace *, n_order);
      HttpAuthProtectionSpace **misses = g_new (HttpAuthProtectionSpace *, n_order);
      char **hit_hosts = g_new0 (char *, n_order + 1);
      char **miss_hosts = g_new0 (char *, n_order + 1);
      char **paths = g_new0 (char *, n_order + 1);
      g_autofree guint *order = make_order (n, n_order);
      static const struct {
        Kind        kind;
        const char *key;
      } kinds[] = {
        { EXACT_HIT, "exact_hit_ns" },
        { EXACT_MISS, "exact_miss_ns" },
        { PATH_HIT, "path_ns" },
        { PATH_MISS, "path_miss_ns" },
        { PATH_HOT, "path_hot_ns" },
      };

      /* The queries are made in the order they are asked, as the engine
       * makes each from a fresh challenge: the cache's memory is cold, the
       * query's is not. */
      for (guint k = 0; k < n_order; k++)
        {
          guint i = order[k];

          hits[k] = make_space (i, FALSE);
          misses[k] = make_space (i, TRUE);
          /* As a URI has them: the host's case is the page's. */
          hit_hosts[k] = g_strdup_printf ("H%u.Example.com", i);
          miss_hosts[k] = g_strdup_printf ("miss%u.example.com", i);
          paths[k] = g_strdup_printf ("/docs/%u/reference/api/index.html?q=%u", i, k);
        }

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          HttpAuthProtectionSpace **queries = kinds[k].kind == EXACT_MISS ? misses : hits;
          char **hosts = kinds[k].kind == PATH_MISS ? miss_hosts : hit_hosts;

          for (guint r = 0; r < REPETITIONS; r++)
            samples[r] = measure (cache, queries, hosts, paths, n_order, kinds[k].kind);
          printf ("cache.%s.%u: %.0f\n", kinds[k].key, n, median (samples, REPETITIONS));
          fflush (stdout);
        }

      if (http_auth_credential_cache_get_n_entries (cache) != n)
        g_error ("the cache lost entries");

      for (guint k = 0; k < n_order; k++)
        {
          http_auth_protection_space_unref (hits[k]);
          http_auth_protection_space_unref (misses[k]);
        }
      g_free (hits);
      g_free (misses);
      g_strfreev (hit_hosts);
      g_strfreev (miss_hosts);
      g_strfreev (paths);
      g_object_unref (cache);
    }

  for (guint r = 0; r < 3; r++)
    samples[r] = bytes_per_entry (credential);
  printf ("cache.bytes_per_entry: %.0f\n", median (samples, 3));

  return 0;
}
