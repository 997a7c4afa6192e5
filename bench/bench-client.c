/* bench-client.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* One load generator, four clients, so that every peer runs the same
 * driver: the URLs of --urls (cycled to --count requests) are fetched
 * with --concurrency requests in flight, and the figures are printed as
 * "key: value" lines for bench/run.
 *
 *   --peer=httpauth  HttpAuthSession (public API) on a SoupSession, with a
 *                    fixed-answer prompter that counts its questions
 *   --peer=soup      a plain SoupSession: libsoup's SoupAuthManager,
 *                    answered from the `authenticate` signal
 *   --peer=preset    the floor: SoupSession without an auth manager, a
 *                    precomputed `Authorization: Basic` on every request
 *   --peer=libcurl   libcurl's multi interface, one reused easy handle per
 *                    slot (CURLAUTH_ANY, or Basic/Digest by path with
 *                    --named)
 *
 * The first --warmup requests are sent before the clock starts (and,
 * under callgrind with --collect-atstart=no, before instructions are
 * counted), so the timed part is the steady state: connections open and
 * the login known. Every request, warm-up included, counts towards
 * --count. Exchanges and 401s are counted by bench/run from the servers'
 * access logs, not here; what is counted here is what only the client
 * can see: questions asked, requests that went out with credentials
 * before the first success (the verification requests), and the time
 * from the first answer to the last request released with credentials. */

#include "config.h"

#include <http-auth.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <valgrind/callgrind.h>

#ifdef HAVE_LIBCURL
# include <curl/curl.h>
#endif

typedef enum
{
  PEER_HTTPAUTH,
  PEER_SOUP,
  PEER_PRESET,
  PEER_LIBCURL,
} Peer;

typedef struct
{
  Peer          peer;
  GStrv         urls;
  guint         n_urls;
  guint         count;
  guint         concurrency;
  guint         conns;
  guint         warmup;
  guint         answer_delay_ms;
  gboolean      named;
  char         *username;
  char         *password;
  char         *preset;
  char         *userpwd;

  GMainLoop    *loop;
  guint         next;
  guint         in_flight;
  guint         done;
  guint         ok;
  guint         failed;
  gint64        t_start;
  gint64        t_end;
  gboolean      timing;

  /* What only the client sees. */
  guint         prompts;
  gint64        t_answer;
  gint64        t_last_release;
  gint64        t_first_ok;
  gint64        t_last_queued;
  guint         queued_after_answer;
  gboolean      seen_ok;
  guint         verification_requests;

  SoupSession      *soup;
  HttpAuthSession  *session;
  HttpAuthPromptContext *context;
} Bench;

static void start_next (Bench *b);

/* ---- A prompter with a fixed answer, like an application's keyring or
 * a user who types quickly; it counts the questions. ---- */

#define BENCH_TYPE_PROMPTER (bench_prompter_get_type ())
G_DECLARE_FINAL_TYPE (BenchPrompter, bench_prompter, BENCH, PROMPTER, HttpAuthPrompter)

struct _BenchPrompter
{
  HttpAuthPrompter  parent_instance;
  Bench            *bench;
};

G_DEFINE_FINAL_TYPE (BenchPrompter, bench_prompter, HTTP_AUTH_TYPE_PROMPTER)

typedef struct
{
  GTask          *task;
  HttpAuthPrompt *prompt;
  Bench          *bench;
} Answer;

static gboolean
answer_cb (gpointer user_data)
{
  Answer *a = user_data;
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new (a->bench->username, a->bench->password);

  http_auth_prompt_set_credential (a->prompt, credential);
  if (a->bench->t_answer == 0)
    a->bench->t_answer = g_get_monotonic_time ();
  g_task_return_int (a->task, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
  g_object_unref (a->task);
  g_object_unref (a->prompt);
  g_free (a);

  return G_SOURCE_REMOVE;
}

static void
bench_prompter_ask_async (HttpAuthPrompter    *prompter,
                          HttpAuthPrompt      *prompt,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  BenchPrompter *self = BENCH_PROMPTER (prompter);
  Answer *a = g_new0 (Answer, 1);

  self->bench->prompts++;
  a->task = g_task_new (self, cancellable, callback, user_data);
  a->prompt = g_object_ref (prompt);
  a->bench = self->bench;
  if (self->bench->answer_delay_ms > 0)
    g_timeout_add (self->bench->answer_delay_ms, answer_cb, a);
  else
    g_idle_add (answer_cb, a);
}

static HttpAuthPromptResult
bench_prompter_ask_finish (HttpAuthPrompter  *prompter,
                           GAsyncResult      *result,
                           GError           **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static void
bench_prompter_class_init (BenchPrompterClass *klass)
{
  HttpAuthPrompterClass *prompter_class = HTTP_AUTH_PROMPTER_CLASS (klass);

  prompter_class->ask_async = bench_prompter_ask_async;
  prompter_class->ask_finish = bench_prompter_ask_finish;
}

static void
bench_prompter_init (BenchPrompter *self)
{
}

/* ---- The driver ---- */

static void
finished (Bench *b,
          guint  status)
{
  b->in_flight--;
  b->done++;
  if (status >= 200 && status < 300)
    b->ok++;
  else
    b->failed++;

  if (b->done == b->warmup && !b->timing)
    {
      /* The warm-up is over once all of it came back: only then does the
       * clock (and callgrind) start, with nothing in flight. */
      b->timing = TRUE;
      CALLGRIND_TOGGLE_COLLECT;
      b->t_start = g_get_monotonic_time ();
    }

  if (b->done == b->count)
    {
      b->t_end = g_get_monotonic_time ();
      if (b->timing)
        CALLGRIND_TOGGLE_COLLECT;
      g_main_loop_quit (b->loop);
      return;
    }

  while (b->in_flight < b->concurrency && b->next < b->count &&
         (b->timing || b->next < b->warmup))
    start_next (b);
}

/* Every message that leaves the SoupSession, whoever made it, watched on
 * the wire: the ones written with credentials before the first 2xx came
 * back are the verification requests, and the last one written with them
 * is the last release. */
static void
wrote_headers_cb (SoupMessage *msg,
                  Bench       *b)
{
  if (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization") == NULL)
    return;
  if (!b->seen_ok)
    b->verification_requests++;
  b->t_last_release = g_get_monotonic_time ();
}

static void
got_headers_cb (SoupMessage *msg,
                Bench       *b)
{
  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) && !b->seen_ok)
    {
      b->seen_ok = TRUE;
      b->t_first_ok = g_get_monotonic_time ();
    }
}

/* The release measured apart from the wire: the engine holds the
 * requests that wait on a question before libsoup sees them, and hands
 * them to the SoupSession once the answer was accepted; the last one
 * queued after the answer ends the release. (libsoup's own manager
 * queues every message at once: nothing to see there.) */
static void
request_queued_cb (SoupSession *session,
                   SoupMessage *msg,
                   Bench       *b)
{
  if (b->t_answer != 0)
    {
      b->t_last_queued = g_get_monotonic_time ();
      b->queued_after_answer++;
    }
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), b);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), b);
}

static gboolean
soup_authenticate_cb (SoupMessage *msg,
                      SoupAuth    *auth,
                      gboolean     retrying,
                      Bench       *b)
{
  b->prompts++;
  if (retrying)
    return FALSE;
  soup_auth_authenticate (auth, b->username, b->password);
  if (b->t_answer == 0)
    b->t_answer = g_get_monotonic_time ();
  return TRUE;
}

static void
soup_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bench *b = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  status = body != NULL ? soup_message_get_status (msg) : 0;
  if (error != NULL)
    g_printerr ("bench-client: %s\n", error->message);
  g_object_unref (msg);
  finished (b, status);
}

static void
httpauth_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Bench *b = user_data;
  g_autoptr(HttpAuthResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  response = http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (source), result, &body, &error);
  if (error != NULL)
    g_printerr ("bench-client: %s\n", error->message);
  finished (b, response != NULL ? http_auth_response_get_status (response) : 0);
}

static void
start_next (Bench *b)
{
  const char *url = b->urls[b->next % b->n_urls];

  b->next++;
  b->in_flight++;

  switch (b->peer)
    {
    case PEER_HTTPAUTH:
      {
        g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

        http_auth_request_set_prompt_context (request, b->context);
        http_auth_session_send_and_read_async (b->session, request, NULL, httpauth_done_cb, b);
      }
      break;

    case PEER_SOUP:
    case PEER_PRESET:
      {
        SoupMessage *msg = soup_message_new ("GET", url);

        if (b->peer == PEER_PRESET)
          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", b->preset);
        else
          {
            g_signal_connect (msg, "authenticate", G_CALLBACK (soup_authenticate_cb), b);
          }
        soup_session_send_and_read_async (b->soup, msg, G_PRIORITY_DEFAULT, NULL, soup_done_cb, b);
      }
      break;

    case PEER_LIBCURL:
    default:
      g_assert_not_reached ();
    }
}

/* ---- libcurl's multi interface, driven on its own (no main loop) ---- */

#ifdef HAVE_LIBCURL
static size_t
discard_cb (char   *ptr,
            size_t  size,
            size_t  nmemb,
            void   *data)
{
  return size * nmemb;
}

static void
curl_start (Bench *b,
            CURLM *multi,
            CURL  *easy)
{
  const char *url = b->urls[b->next % b->n_urls];
  long auth = CURLAUTH_ANY;

  if (b->named)
    auth = strstr (url, "/d") != NULL ? CURLAUTH_DIGEST : CURLAUTH_BASIC;
  b->next++;
  b->in_flight++;
  /* A handle keeps the Digest state of its last transfer, and a stale one
   * for another realm makes libcurl give up on the first 401: each
   * request starts from a reset handle, as with a fresh easy handle per
   * transfer (connections stay in the multi handle's pool). */
  curl_easy_reset (easy);
  curl_easy_setopt (easy, CURLOPT_USERPWD, b->userpwd);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, discard_cb);
  curl_easy_setopt (easy, CURLOPT_URL, url);
  curl_easy_setopt (easy, CURLOPT_HTTPAUTH, auth);
  curl_multi_add_handle (multi, easy);
}

static void
run_libcurl (Bench *b)
{
  CURLM *multi = curl_multi_init ();
  g_autoptr(GPtrArray) idle = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  b->userpwd = g_strdup_printf ("%s:%s", b->username, b->password);
  curl_multi_setopt (multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) b->conns);
  for (guint i = 0; i < b->concurrency; i++)
    {
      CURL *easy = curl_easy_init ();

      g_ptr_array_add (idle, easy);
      g_ptr_array_add (all, easy);
    }

  while (b->done < b->count)
    {
      CURLMsg *m;
      int running = 0;
      int left = 0;
      gboolean progressed = FALSE;

      while (idle->len > 0 && b->next < b->count && (b->timing || b->next < b->warmup))
        curl_start (b, multi, g_ptr_array_steal_index_fast (idle, idle->len - 1));

      curl_multi_perform (multi, &running);
      while ((m = curl_multi_info_read (multi, &left)) != NULL)
        {
          long status = 0;

          if (m->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
          progressed = TRUE;
          curl_multi_remove_handle (multi, m->easy_handle);
          g_ptr_array_add (idle, m->easy_handle);
          b->in_flight--;
          b->done++;
          if (status >= 200 && status < 300)
            b->ok++;
          else
            b->failed++;
          if (b->done == b->warmup && !b->timing)
            {
              b->timing = TRUE;
              CALLGRIND_TOGGLE_COLLECT;
              b->t_start = g_get_monotonic_time ();
            }
        }
      /* A finished transfer frees a slot: start the next one at once. */
      if (b->done < b->count && !progressed)
        curl_multi_poll (multi, NULL, 0, 100, NULL);
    }
  b->t_end = g_get_monotonic_time ();
  if (b->timing)
    CALLGRIND_TOGGLE_COLLECT;

  for (guint i = 0; i < all->len; i++)
    curl_easy_cleanup (g_ptr_array_index (all, i));
  curl_multi_cleanup (multi);
}
#endif

/* ---- main ---- */

static SoupSession *
make_soup_session (Bench *b)
{
  /* The same connection budget for every peer: by default as many
   * connections as requests in flight. */
  SoupSession *soup = soup_session_new_with_options ("max-conns", MAX (b->conns, 2),
                                                     "max-conns-per-host", MAX (b->conns, 2),
                                                     "timeout", 60,
                                                     NULL);

  if (b->peer == PEER_PRESET)
    soup_session_remove_feature_by_type (soup, SOUP_TYPE_AUTH_MANAGER);
  g_signal_connect (soup, "request-queued", G_CALLBACK (request_queued_cb), b);

  return soup;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *peer = NULL;
  g_autofree char *urls_file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  int count = 0, concurrency = 1, warmup = 0, answer_delay = 0, conns = 0;
  gboolean named = FALSE;
  char *username = NULL, *password = NULL;
  GOptionEntry entries[] = {
    { "peer", 0, 0, G_OPTION_ARG_STRING, &peer, "httpauth, soup, preset or libcurl", "PEER" },
    { "urls", 0, 0, G_OPTION_ARG_FILENAME, &urls_file, "File of URLs, one a line", "FILE" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Requests in all (default: one per URL)", "N" },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency, "Requests in flight", "N" },
    { "conns", 0, 0, G_OPTION_ARG_INT, &conns, "Connections (default: one per request in flight, at most 64)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &warmup, "Requests before the clock starts", "N" },
    { "answer-delay-ms", 0, 0, G_OPTION_ARG_INT, &answer_delay, "Prompt answer delay", "MS" },
    { "named", 0, 0, G_OPTION_ARG_NONE, &named, "libcurl: Basic or Digest by path, not ANY", NULL },
    { "user", 0, 0, G_OPTION_ARG_STRING, &username, "User name", "NAME" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "Password", "PASSWORD" },
    { NULL }
  };
  Bench b = { 0 };
  struct rusage usage;
  double elapsed;

  option_context = g_option_context_new ("- HttpAuth benchmark client");
  g_option_context_add_main_entries (option_context, entries, NULL);
  if (!g_option_context_parse (option_context, &argc, &argv, &error) || peer == NULL ||
      urls_file == NULL || username == NULL || password == NULL ||
      !g_file_get_contents (urls_file, &contents, NULL, &error))
    {
      g_printerr ("bench-client: %s\n", error ? error->message : "--peer, --urls, --user and --password are needed");
      return 2;
    }

  if (g_str_equal (peer, "httpauth"))
    b.peer = PEER_HTTPAUTH;
  else if (g_str_equal (peer, "soup"))
    b.peer = PEER_SOUP;
  else if (g_str_equal (peer, "preset"))
    b.peer = PEER_PRESET;
  else if (g_str_equal (peer, "libcurl"))
    {
#ifdef HAVE_LIBCURL
      b.peer = PEER_LIBCURL;
#else
      g_printerr ("bench-client: built without libcurl\n");
      return 77;
#endif
    }
  else
    {
      g_printerr ("bench-client: unknown peer %s\n", peer);
      return 2;
    }

  b.urls = g_strsplit (g_strstrip (contents), "\n", -1);
  b.n_urls = g_strv_length (b.urls);
  b.count = count > 0 ? (guint) count : b.n_urls;
  b.concurrency = MAX (concurrency, 1);
  b.conns = conns > 0 ? (guint) conns : MIN (b.concurrency, 64);
  b.warmup = MIN ((guint) MAX (warmup, 0), b.count);
  b.answer_delay_ms = MAX (answer_delay, 0);
  b.named = named;
  b.username = username;
  b.password = password;
  b.loop = g_main_loop_new (NULL, FALSE);

  if (b.peer == PEER_PRESET)
    {
      g_autofree char *user_pass = g_strdup_printf ("%s:%s", username, password);
      g_autofree char *encoded = g_base64_encode ((const guchar *) user_pass, strlen (user_pass));

      b.preset = g_strconcat ("Basic ", encoded, NULL);
    }

  if (b.warmup == 0)
    {
      b.timing = TRUE;
      CALLGRIND_TOGGLE_COLLECT;
      b.t_start = g_get_monotonic_time ();
    }

  if (b.peer == PEER_LIBCURL)
    {
#ifdef HAVE_LIBCURL
      curl_global_init (CURL_GLOBAL_DEFAULT);
      run_libcurl (&b);
      curl_global_cleanup ();
#endif
    }
  else
    {
      b.soup = make_soup_session (&b);
      if (b.peer == PEER_HTTPAUTH)
        {
          g_autoptr(BenchPrompter) prompter = g_object_new (BENCH_TYPE_PROMPTER, NULL);

          prompter->bench = &b;
          b.session = http_auth_session_new_for_soup_session (b.soup);
          http_auth_session_set_prompter (b.session, HTTP_AUTH_PROMPTER (prompter));
          b.context = http_auth_prompt_context_new (NULL, FALSE);
        }

      while (b.in_flight < b.concurrency && b.next < b.count && (b.timing || b.next < b.warmup))
        start_next (&b);
      g_main_loop_run (b.loop);
    }

  elapsed = (b.t_end - b.t_start) / 1e6;
  getrusage (RUSAGE_SELF, &usage);

  g_print ("peer: %s\n", peer);
  g_print ("requests: %u\n", b.count);
  g_print ("timed_requests: %u\n", b.count - b.warmup);
  g_print ("ok: %u\n", b.ok);
  g_print ("failed: %u\n", b.failed);
  g_print ("elapsed_s: %.6f\n", elapsed);
  g_print ("requests_per_s: %.1f\n", elapsed > 0 ? (b.count - b.warmup) / elapsed : 0.0);
  g_print ("prompts: %u\n", b.prompts);
  g_print ("verification_requests: %u\n", b.verification_requests);
  g_print ("answer_to_last_release_ms: %.3f\n",
           b.t_answer > 0 && b.t_last_release > b.t_answer ? (b.t_last_release - b.t_answer) / 1e3 : 0.0);
  g_print ("answer_to_first_ok_ms: %.3f\n",
           b.t_answer > 0 && b.t_first_ok > b.t_answer ? (b.t_first_ok - b.t_answer) / 1e3 : 0.0);
  g_print ("queued_after_answer: %u\n", b.queued_after_answer);
  g_print ("first_ok_to_last_queued_ms: %.3f\n",
           b.t_first_ok > 0 && b.t_last_queued > b.t_first_ok ? (b.t_last_queued - b.t_first_ok) / 1e3 : 0.0);
  g_print ("maxrss_kb: %ld\n", usage.ru_maxrss);

  g_clear_object (&b.session);
  g_clear_object (&b.context);
  g_clear_object (&b.soup);
  g_main_loop_unref (b.loop);
  g_strfreev (b.urls);
  g_free (b.preset);
  g_free (b.userpwd);
  g_free (username);
  g_free (password);

  return b.failed == 0 ? 0 : 1;
}
