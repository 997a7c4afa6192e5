/* bench-keyring.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Keyring calls and the main loop. The same work is done three ways on a
 * real Secret Service: HttpAuthKeyring (its calls run on a worker thread,
 * the answers come back on the main context), libsecret's asynchronous
 * password API, and libsecret's blocking API called on the main thread,
 * as an application that wants the password "right now" would. The work:
 * N stores one after the other, N lookups one after the other, then N
 * lookups started at once. Per client: the median time of one call, the
 * time for the N lookups at once, the longest stretch the main thread ran
 * without returning to poll() (what freezes a window), and the longest
 * gap between the ticks of a 1 ms timer (that stretch plus the machine's
 * scheduling). Each figure is the median of three rounds, the clients
 * interleaved, after a round of warm-up.
 *
 * It needs a session bus of its own: bench/run starts it under
 * dbus-run-session with XDG_DATA_HOME in a temp dir, and this program
 * starts a gnome-keyring-daemon there, unlocked with a throwaway
 * password, and stops it at the end. One `key: value` line per figure. */

#include "config.h"

#include "http-auth-keyring.h"
#include "http-auth-test-keyring.h"
#include "http-auth-test-mainloop.h"

#include <libsecret/secret.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_SPACES 50

static const char *password_text = "bench-password";

/* ---- Measuring the main thread ---- */

/* The longest stretch without polling: http-auth-test-mainloop.c, the
 * tests' own measure. The gaps between the ticks of a 1 ms timer are
 * measured here. */
static gint64 last_tick;
static gint64 max_gap;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > max_gap)
    max_gap = now - last_tick;
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
measure_reset (void)
{
  http_auth_test_busy_reset ();
  max_gap = 0;
  last_tick = 0;
}

/* A blocking call never returns to poll(): the stretch since the last
 * poll ends when the main loop polls again, so let it. */
static void
measure_settle (void)
{
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, FALSE);
}

static int
cmp_gint64 (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
median_us (gint64 *values,
           guint   n)
{
  qsort (values, n, sizeof (gint64), cmp_gint64);
  return values[n / 2];
}

/* ---- The Secret Service ---- */

/* gnome-keyring-daemon, started and stopped by the tests' own helper
 * (http-auth-test-keyring.c), which needs the session bus of
 * dbus-run-session. */
static gboolean
have_session_bus (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  return bus != NULL;
}

/* ---- The three clients ---- */

typedef struct
{
  guint    pending;
  gboolean failed;
} Wait;

static void
wait_for (Wait *w)
{
  while (w->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static char *
realm_of (guint i)
{
  return g_strdup_printf ("Bench realm %u", i);
}

/* HttpAuthKeyring. */

static HttpAuthProtectionSpace *
space_of (guint i)
{
  g_autofree char *realm = realm_of (i);

  return http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_SERVER, "https", "keyring.bench.example", 443,
                                         realm, "basic");
}

static void
httpauth_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Wait *w = user_data;

  if (!http_auth_keyring_store_finish (HTTP_AUTH_KEYRING (object), result, NULL))
    w->failed = TRUE;
  w->pending--;
}

static void
httpauth_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Wait *w = user_data;
  g_autoptr(HttpAuthCredential) credential = http_auth_keyring_lookup_finish (HTTP_AUTH_KEYRING (object), result,
                                                                               NULL, NULL);

  if (credential == NULL)
    w->failed = TRUE;
  w->pending--;
}

static void
httpauth_forgot_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Wait *w = user_data;

  if (!http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, NULL))
    w->failed = TRUE;
  w->pending--;
}

static void
httpauth_store (gpointer keyring,
                guint    i,
                Wait    *w)
{
  g_autoptr(HttpAuthProtectionSpace) space = space_of (i);
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("alice", password_text);

  w->pending++;
  http_auth_keyring_store_async (keyring, space, credential, NULL, httpauth_stored_cb, w);
}

static void
httpauth_lookup (gpointer keyring,
                 guint    i,
                 Wait    *w)
{
  g_autoptr(HttpAuthProtectionSpace) space = space_of (i);

  w->pending++;
  http_auth_keyring_lookup_async (keyring, space, FALSE, NULL, httpauth_found_cb, w);
}

static void
httpauth_clear (gpointer keyring)
{
  Wait w = { 1, FALSE };

  http_auth_keyring_forget_async (keyring, NULL, NULL, httpauth_forgot_cb, &w);
  wait_for (&w);
}

/* libsecret, asynchronous and blocking, with a schema of its own. */

static const SecretSchema bench_schema = {
  "org.httpauth.Bench", SECRET_SCHEMA_NONE,
  {
    { "realm", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Wait *w = user_data;

  if (!secret_password_store_finish (result, NULL))
    w->failed = TRUE;
  w->pending--;
}

static void
secret_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *w = user_data;
  char *password = secret_password_lookup_finish (result, NULL);

  if (password == NULL)
    w->failed = TRUE;
  secret_password_free (password);
  w->pending--;
}

static void
secret_async_store (gpointer unused,
                    guint    i,
                    Wait    *w)
{
  g_autofree char *realm = realm_of (i);

  w->pending++;
  secret_password_store (&bench_schema, SECRET_COLLECTION_DEFAULT, realm, password_text, NULL, secret_stored_cb, w,
                         "realm", realm, NULL);
}

static void
secret_async_lookup (gpointer unused,
                     guint    i,
                     Wait    *w)
{
  g_autofree char *realm = realm_of (i);

  w->pending++;
  secret_password_lookup (&bench_schema, NULL, secret_found_cb, w, "realm", realm, NULL);
}

static void
secret_sync_store (gpointer unused,
                   guint    i,
                   Wait    *w)
{
  g_autofree char *realm = realm_of (i);

  if (!secret_password_store_sync (&bench_schema, SECRET_COLLECTION_DEFAULT, realm, password_text, NULL, NULL,
                                   "realm", realm, NULL))
    w->failed = TRUE;
}

static void
secret_sync_lookup (gpointer unused,
                    guint    i,
                    Wait    *w)
{
  g_autofree char *realm = realm_of (i);
  char *password = secret_password_lookup_sync (&bench_schema, NULL, NULL, "realm", realm, NULL);

  if (password == NULL)
    w->failed = TRUE;
  secret_password_free (password);
}

static void
secret_clear (gpointer unused)
{
  for (guint i = 0; i < N_SPACES; i++)
    {
      g_autofree char *realm = realm_of (i);

      secret_password_clear_sync (&bench_schema, NULL, NULL, "realm", realm, NULL);
    }
}

typedef struct
{
  const char *name;
  void      (*store)  (gpointer data, guint i, Wait *w);
  void      (*lookup) (gpointer data, guint i, Wait *w);
  void      (*clear)  (gpointer data);
} Client;

typedef struct
{
  gint64   store_us;
  gint64   lookup_us;
  gint64   at_once_us;
  gint64   busy_us;
  gint64   gap_us;
  gboolean failed;
} Figures;

static Figures
run_client (const Client *client,
            gpointer      data)
{
  gint64 store_us[N_SPACES], lookup_us[N_SPACES];
  Figures figures = { 0 };
  Wait w = { 0, FALSE };
  gint64 t0;
  guint tick;

  client->clear (data);
  measure_reset ();
  tick = g_timeout_add (1, tick_cb, NULL);

  for (guint i = 0; i < N_SPACES; i++)
    {
      t0 = g_get_monotonic_time ();
      client->store (data, i, &w);
      wait_for (&w);
      store_us[i] = g_get_monotonic_time () - t0;
      measure_settle ();
    }
  for (guint i = 0; i < N_SPACES; i++)
    {
      t0 = g_get_monotonic_time ();
      client->lookup (data, i, &w);
      wait_for (&w);
      lookup_us[i] = g_get_monotonic_time () - t0;
      measure_settle ();
    }
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_SPACES; i++)
    client->lookup (data, i, &w);
  wait_for (&w);
  figures.at_once_us = g_get_monotonic_time () - t0;
  measure_settle ();

  figures.busy_us = http_auth_test_busy_reset ();
  figures.gap_us = max_gap;
  g_source_remove (tick);
  client->clear (data);

  figures.store_us = median_us (store_us, N_SPACES);
  figures.lookup_us = median_us (lookup_us, N_SPACES);
  figures.failed = w.failed;

  return figures;
}

#define ROUNDS 3

/* The median over the rounds of the figure at @offset in #Figures. */
static gint64
median_of (const Figures *rounds,
           gsize          offset)
{
  gint64 values[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    values[r] = G_STRUCT_MEMBER (gint64, &rounds[r], offset);
  return median_us (values, ROUNDS);
}

#define MEDIAN_MS(rounds, field) (median_of ((rounds), G_STRUCT_OFFSET (Figures, field)) / 1000.0)

int
main (int    argc,
      char **argv)
{
  static const Client clients[] = {
    { "httpauth", httpauth_store, httpauth_lookup, httpauth_clear },
    { "libsecret_async", secret_async_store, secret_async_lookup, secret_clear },
    { "libsecret_sync", secret_sync_store, secret_sync_lookup, secret_clear },
  };
  g_autoptr(HttpAuthKeyring) keyring = NULL;
  Figures figures[3][ROUNDS];
  gboolean ok = TRUE;

  if (!have_session_bus ())
    {
      fprintf (stderr, "bench-keyring: no session bus (run it under dbus-run-session, as bench/run does)\n");
      return 1;
    }
  http_auth_test_keyring_start (password_text);

  keyring = http_auth_keyring_new ();
  http_auth_test_busy_start ();

  /* A first round warms the daemon and the D-Bus connections up; then
   * ROUNDS rounds, the clients interleaved, and each figure is the
   * median of its rounds. */
  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    ok &= !run_client (&clients[c], keyring).failed;
  for (guint round = 0; round < ROUNDS; round++)
    for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
      {
        figures[c][round] = run_client (&clients[c], keyring);
        ok &= !figures[c][round].failed;
      }

  printf ("keyring.spaces: %u\n", N_SPACES);
  printf ("keyring.rounds: %u\n", ROUNDS);
  for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
    {
      const char *name = clients[c].name;
      gboolean failed = FALSE;

      for (guint r = 0; r < ROUNDS; r++)
        failed |= figures[c][r].failed;

      printf ("keyring.%s.store_ms: %.3f\n", name, MEDIAN_MS (figures[c], store_us));
      printf ("keyring.%s.lookup_ms: %.3f\n", name, MEDIAN_MS (figures[c], lookup_us));
      printf ("keyring.%s.lookups_at_once_ms: %.3f\n", name, MEDIAN_MS (figures[c], at_once_us));
      printf ("keyring.%s.main_thread_busy_max_ms: %.3f\n", name, MEDIAN_MS (figures[c], busy_us));
      printf ("keyring.%s.tick_gap_max_ms: %.3f\n", name, MEDIAN_MS (figures[c], gap_us));
      printf ("keyring.%s.failed: %u\n", name, failed ? 1 : 0);
    }

  http_auth_test_busy_stop ();
  g_clear_object (&keyring);
  http_auth_test_keyring_stop ();

  return ok ? 0 : 1;
}
