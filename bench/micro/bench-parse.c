/* bench-parse.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Micro-benchmark of the challenge parser against libsoup's header
 * parsing on the same input. The input is 10,000 `WWW-Authenticate`
 * values made deterministically (a fixed xorshift seed), shaped like what
 * servers send: Basic, Digest with many parameters, Bearer with an
 * error_description, Negotiate tokens, several challenges in one field,
 * and 3 % of values of 4 KiB or more (Negotiate tokens, long
 * descriptions, Digest nonces and opaques). Each value is parsed as the
 * engine does (`http_auth_challenge_parse_list()`, no error list).
 *
 * The peer does what libsoup 3's SoupAuthManager does with the same
 * field: `soup_header_parse_list()` splits it, the items are regrouped
 * into challenges (an item whose first space comes before any `=`, or
 * without `=`, starts one), each challenge is joined back with ", " and
 * its part after the scheme goes through `soup_header_parse_param_list()`.
 *
 * Throughput is input bytes over the thread's CPU time (other processes
 * on a busy machine do not count), the median of several runs of at
 * least 200 ms each; runs of the two alternate. Figures are printed
 * as `key: value` lines for bench/run. */

#include "config.h"

#include "http-auth-challenge.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_HEADERS   10000
#define REPETITIONS 7

static guint32 rng_state = 0x9e3779b9u;

static guint32
rng (void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static void
append_random (GString    *s,
               const char *alphabet,
               guint       len)
{
  gsize n = strlen (alphabet);

  for (guint i = 0; i < len; i++)
    g_string_append_c (s, alphabet[rng () % n]);
}

#define HEX    "0123456789abcdef"
#define BASE64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
#define WORDS  "abcdefghijklmnopqrstuvwxyz      "

static void
append_basic (GString *s)
{
  static const char *realms[] = { "Staff only", "Restricted Area", "git", "Jenkins", "Admin \\\"panel\\\"",
                                  "Z\xc3\xbcrich intranet" };

  g_string_append_printf (s, "Basic realm=\"%s\"", realms[rng () % G_N_ELEMENTS (realms)]);
  if (rng () % 3 == 0)
    g_string_append (s, ", charset=\"UTF-8\"");
}

static void
append_digest (GString *s,
               guint    big)
{
  static const char *algorithms[] = { "MD5", "SHA-256", "SHA-512-256", "MD5-sess", "SHA-256-sess" };

  g_string_append_printf (s, "Digest realm=\"api-%u@example.com\", qop=\"auth,auth-int\", algorithm=%s, nonce=\"",
                          rng () % 1000, algorithms[rng () % G_N_ELEMENTS (algorithms)]);
  append_random (s, HEX, big ? big : 32 + rng () % 32);
  g_string_append (s, "\", opaque=\"");
  append_random (s, HEX, 32);
  g_string_append (s, "\"");
  if (rng () % 2)
    g_string_append (s, ", domain=\"/api/ /v2/ https://mirror.example.com/api/\"");
  if (rng () % 4 == 0)
    g_string_append (s, ", stale=TRUE");
  if (rng () % 3 == 0)
    g_string_append (s, ", userhash=true, charset=UTF-8");
}

static void
append_bearer (GString *s,
               guint    big)
{
  g_string_append (s, "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"");
  append_random (s, WORDS, big ? big : 20 + rng () % 60);
  g_string_append (s, "\"");
  if (rng () % 2)
    g_string_append (s, ", scope=\"openid profile email\"");
}

static void
append_negotiate (GString *s,
                  guint    big)
{
  g_string_append (s, "Negotiate ");
  append_random (s, BASE64, big ? big : 64 + rng () % 400);
  if (rng () % 2)
    g_string_append (s, "==");
}

static char *
make_header (void)
{
  GString *s = g_string_new (NULL);
  guint kind = rng () % 100;
  guint big = kind < 3 ? 4096 + rng () % 8192 : 0;

  if (kind < 1)
    append_negotiate (s, big);
  else if (kind < 2)
    append_bearer (s, big);
  else if (kind < 3)
    append_digest (s, big);
  else if (kind < 30)
    append_basic (s);
  else if (kind < 60)
    append_digest (s, 0);
  else if (kind < 75)
    append_bearer (s, 0);
  else if (kind < 85)
    append_negotiate (s, 0);
  else
    {
      /* Several challenges in one field, strongest first. */
      if (rng () % 2)
        g_string_append (s, "Negotiate, NTLM, ");
      append_digest (s, 0);
      g_string_append (s, ", ");
      if (rng () % 2)
        {
          append_digest (s, 0);
          g_string_append (s, ", ");
        }
      append_basic (s);
    }

  return g_string_free (s, FALSE);
}

/* What libsoup 3's auth manager does with a field. */
static void
parse_libsoup (const char *value)
{
  GSList *items = soup_header_parse_list (value);
  GSList *l = items;

  while (l != NULL)
    {
      const char *item = l->data;
      GString *challenge = g_string_new (item);
      const char *rest;

      for (l = l->next; l != NULL; l = l->next)
        {
          const char *next = l->data;
          const char *space = strpbrk (next, " \t");
          const char *equals = strchr (next, '=');

          if (equals == NULL || (space != NULL && space < equals))
            break;
          g_string_append (challenge, ", ");
          g_string_append (challenge, next);
        }

      rest = strpbrk (challenge->str, " \t");
      if (rest != NULL)
        {
          GHashTable *params = soup_header_parse_param_list (rest + 1);

          g_hash_table_unref (params);
        }
      g_string_free (challenge, TRUE);
    }

  soup_header_free_list (items);
}

static guint n_challenges;

static void
parse_httpauth (const char *value)
{
  const char *values[2] = { value, NULL };
  GPtrArray *challenges = http_auth_challenge_parse_list (values, NULL);

  n_challenges += challenges->len;
  g_ptr_array_unref (challenges);
}

/* The thread's CPU time, in nanoseconds. */
static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* MB/s (10^6 bytes) of @parse over @headers, for at least 200 ms. */
static double
run (char  **headers,
     guint   n,
     gsize   bytes,
     void  (*parse) (const char *))
{
  gint64 start = now_ns ();
  gint64 elapsed;
  guint rounds = 0;

  do
    {
      for (guint i = 0; i < n; i++)
        parse (headers[i]);
      rounds++;
      elapsed = now_ns () - start;
    }
  while (elapsed < 200000000);

  return (double) bytes * rounds * 1000.0 / elapsed;
}

static void
report (const char *suffix,
        char      **headers,
        guint       n)
{
  double ours[REPETITIONS];
  double peer[REPETITIONS];
  gsize bytes = 0;

  for (guint i = 0; i < n; i++)
    bytes += strlen (headers[i]);

  for (guint r = 0; r < REPETITIONS; r++)
    {
      peer[r] = run (headers, n, bytes, parse_libsoup);
      ours[r] = run (headers, n, bytes, parse_httpauth);
    }
  qsort (ours, REPETITIONS, sizeof (double), compare_double);
  qsort (peer, REPETITIONS, sizeof (double), compare_double);

  printf ("parse.headers%s: %u\n", suffix, n);
  printf ("parse.bytes%s: %" G_GSIZE_FORMAT "\n", suffix, bytes);
  printf ("parse.mb_per_s%s: %.0f\n", suffix, ours[REPETITIONS / 2]);
  printf ("parse.libsoup_mb_per_s%s: %.0f\n", suffix, peer[REPETITIONS / 2]);
  printf ("parse.ratio_to_libsoup%s: %.2f\n", suffix, ours[REPETITIONS / 2] / peer[REPETITIONS / 2]);
  fflush (stdout);
}

int
main (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) large = g_ptr_array_new ();
  g_autoptr(GPtrArray) small = g_ptr_array_new ();

  for (guint i = 0; i < N_HEADERS; i++)
    {
      char *header = make_header ();

      g_ptr_array_add (all, header);
      g_ptr_array_add (strlen (header) >= 4096 ? large : small, header);
    }

  /* The parser must see every challenge: a rejected header would make it
   * look faster than it is. */
  n_challenges = 0;
  for (guint i = 0; i < all->len; i++)
    {
      const char *values[2] = { g_ptr_array_index (all, i), NULL };
      g_autoptr(GPtrArray) errors = NULL;
      g_autoptr(GPtrArray) challenges = http_auth_challenge_parse_list (values, &errors);

      if (errors->len > 0 || challenges->len == 0)
        g_error ("header %u does not parse: %s", i, (const char *) g_ptr_array_index (all, i));
    }

  report ("", (char **) all->pdata, all->len);
  report (".small", (char **) small->pdata, small->len);
  report (".large", (char **) large->pdata, large->len);

  return 0;
}
