/* fuzz_engine.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-challenge-private.h"
#include "http-auth-digest-private.h"
#include "http-auth-scripted-prompter.h"
#include "http-auth-test-raw-server.h"

#include "fuzz-common.h"

/* The engine, stateful: one logical request through a real
 * HttpAuthSession (and libsoup) against a scripted hostile server on
 * 127.0.0.1, with the scripted prompter answering. Three raw servers live
 * for the whole process: origin A (where the request starts), origin B
 * (another port: another origin) and P (an HTTP proxy, used with flag
 * 'x'). Every request any of them reads takes the next response of the
 * script; when the script is used up they answer 200. The input's lines:
 *
 *   0  flags: 'x' through proxy P, 'y' requests to A through P and
 *      the others direct, 'u' credentials in the URL (meant for
 *      A), 'a' the caller sets its own Authorization (meant for A),
 *      'P' a POST with a body, 'e' an ephemeral prompt context, 'n' no
 *      prompt context, 'o' credentials mode omit, 's' same-origin,
 *      'c' CORS request mode, 'm' redirect mode manual, 'E' error
 *   1  the prompter's script: 'a' answer, 'c' cancel, 'd' dismiss, one a
 *      prompt (at most 8; then every prompt is cancelled). Answer i is
 *      user "u<i>", password "p<i>".
 *   2… the responses, one a line: STATUS then "|"-separated header
 *      fields, then optionally "#" and the body ("#*N": N bytes of
 *      filler, at most 300000); a leading "!" closes the connection
 *      after it. In fields and bodies $A, $B and $P are the URLs
 *      (http://127.0.0.1:port) of A, B and P. A status below 200
 *      (an interim answer, after which libsoup waits for the final
 *      one) or above 999 is read as 200.
 *      Content-Length, Transfer-Encoding and Connection fields are
 *      dropped (the server frames its bodies itself).
 *
 * What must hold: the request completes (a response or an error) within
 * a bounded time and at most 10 round trips + 20 redirects + 1 requests;
 * every credential any server received was meant for it: an answer only
 * where it was asked (the prompt's origin, or the proxy for a proxy
 * prompt), the URL's and the caller's credentials only at A;
 * Proxy-Authorization only ever at P (in the proxy's name, and never
 * inside a request to an origin), Authorization only for the origin the
 * request is for. */

#define MAX_STEPS      32
#define MAX_ANSWERS    8
#define MAX_FILLER     300000
#define MAX_REQUESTS   (10 + 20 + 1)
#define WALL_LIMIT_US  (15 * G_USEC_PER_SEC)

typedef struct
{
  guint     status;
  GPtrArray *headers;
  GBytes    *body;
  guint64    filler;
  gboolean   close;
} Step;

typedef struct
{
  guint  port;         /* the server that received it */
  char  *target;
  char  *authorization;
  char  *proxy_authorization;
} Seen;

typedef struct
{
  HttpAuthRawServer *server;
  guint              port;
} Peer;

static GMutex     script_lock;
static GPtrArray *steps;       /* Step, under script_lock */
static guint      next_step;   /* under script_lock */
static GPtrArray *seen;        /* Seen, under script_lock */
static gboolean   accepting;   /* under script_lock */

static Peer peer_a, peer_b, peer_p;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->headers);
  g_clear_pointer (&step->body, g_bytes_unref);
  g_free (step);
}

static void
seen_free (gpointer data)
{
  Seen *s = data;

  g_free (s->target);
  g_free (s->authorization);
  g_free (s->proxy_authorization);
  g_free (s);
}

static void
handler (const HttpAuthRawRequest *request,
         HttpAuthRawResponse      *response,
         gpointer                  user_data)
{
  Peer *peer = user_data;
  Seen *s = g_new0 (Seen, 1);

  s->port = peer->port;
  s->target = g_strdup (request->target);
  s->authorization = g_strdup (request->authorization);
  s->proxy_authorization = g_strdup (request->proxy_authorization);

  g_mutex_lock (&script_lock);
  if (!accepting)
    {
      /* A connection left over from an earlier input: not this one's. */
      g_mutex_unlock (&script_lock);
      seen_free (s);
      response->status = 503;
      response->close = TRUE;
      return;
    }
  g_ptr_array_add (seen, s);
  if (next_step < steps->len)
    {
      Step *step = g_ptr_array_index (steps, next_step++);

      response->status = step->status;
      for (guint i = 0; i < step->headers->len; i++)
        g_ptr_array_add (response->headers, g_strdup (g_ptr_array_index (step->headers, i)));
      response->body = step->body != NULL ? g_bytes_ref (step->body) : NULL;
      response->filler = step->filler;
      response->close = step->close;
    }
  else
    {
      response->status = 200;
      response->body = g_bytes_new_static ("end\n", 4);
    }
  g_mutex_unlock (&script_lock);
}

static char *
url_of (Peer *peer)
{
  return g_strdup_printf ("http://127.0.0.1:%u", peer->port);
}

static char *
expand (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '$' && (p[1] == 'A' || p[1] == 'B' || p[1] == 'P'))
        {
          Peer *peer = p[1] == 'B' ? &peer_b : p[1] == 'P' ? &peer_p : &peer_a;

          g_string_append_printf (out, "http://127.0.0.1:%u", peer->port);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static Step *
step_parse (const char *line)
{
  Step *step = g_new0 (Step, 1);
  g_autofree char *copy = NULL;
  g_auto(GStrv) fields = NULL;
  char *body;

  step->headers = g_ptr_array_new_with_free_func (g_free);
  if (*line == '!')
    {
      step->close = TRUE;
      line++;
    }
  copy = g_strdup (line);
  body = strchr (copy, '#');
  if (body != NULL)
    {
      *body++ = '\0';
      if (*body == '*')
        step->filler = MIN (g_ascii_strtoull (body + 1, NULL, 10), MAX_FILLER);
      else
        {
          g_autofree char *expanded = expand (body);
          gsize len = strlen (expanded);

          step->body = g_bytes_new_take (g_steal_pointer (&expanded), len);
        }
    }

  fields = g_strsplit (copy, "|", -1);
  step->status = (guint) g_ascii_strtoull (fields[0] != NULL ? fields[0] : "", NULL, 10);
  /* What a status line can carry (the raw server prints it with %u). */
  if (step->status < 200 || step->status > 999)
    step->status = 200;
  for (guint i = 1; fields[0] != NULL && fields[i] != NULL; i++)
    {
      g_autofree char *field = expand (fields[i]);
      const char *colon = strchr (field, ':');

      if (colon == NULL || colon == field)
        continue;
      if (g_ascii_strncasecmp (field, "Content-Length", colon - field) == 0 ||
          g_ascii_strncasecmp (field, "Transfer-Encoding", colon - field) == 0 ||
          g_ascii_strncasecmp (field, "Connection", colon - field) == 0)
        continue;
      g_ptr_array_add (step->headers, g_steal_pointer (&field));
    }
  return step;
}

static void
peer_start (Peer *peer)
{
  peer->server = http_auth_raw_server_new (handler, peer);
  peer->port = http_auth_raw_server_get_port (peer->server);
}

static void
init_once (void)
{
  static gsize initialized = 0;

  fuzz_init_once ();
  if (g_once_init_enter (&initialized))
    {
      g_mutex_init (&script_lock);
      peer_start (&peer_a);
      peer_start (&peer_b);
      peer_start (&peer_p);
      g_once_init_leave (&initialized, 1);
    }
}

/* ---- What a credential is for ---- */

/* The user name in an Authorization or Proxy-Authorization value, or
 * NULL when there is none to read. */
static char *
credential_user (const char *value)
{
  g_autoptr(GPtrArray) parsed = http_auth_challenge_parse (value, NULL);
  HttpAuthChallenge *credentials;
  const char *scheme;

  if (parsed->len != 1)
    return NULL;
  credentials = g_ptr_array_index (parsed, 0);
  scheme = http_auth_challenge_get_scheme (credentials);

  if (g_ascii_strcasecmp (scheme, "Basic") == 0 && http_auth_challenge_get_token68 (credentials) != NULL)
    {
      gsize len = 0;
      g_autofree guchar *decoded = g_base64_decode (http_auth_challenge_get_token68 (credentials), &len);
      const guchar *colon = decoded != NULL ? memchr (decoded, ':', len) : NULL;

      return colon != NULL ? g_strndup ((const char *) decoded, colon - decoded) : NULL;
    }

  if (g_ascii_strcasecmp (scheme, "Digest") == 0)
    {
      const char *username = http_auth_challenge_lookup_param (credentials, "username");
      const char *ext = http_auth_challenge_lookup_param (credentials, "username*");
      const char *userhash = http_auth_challenge_lookup_param (credentials, "userhash");

      if (ext != NULL)
        return _http_auth_rfc8187_decode (ext);
      if (username == NULL)
        return NULL;
      if (g_strcmp0 (userhash, "true") == 0)
        {
          const char *realm = http_auth_challenge_lookup_param (credentials, "realm");
          HttpAuthDigestAlgorithm algorithm;
          static const char *candidates[] = { "url", "caller", "u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7" };

          if (realm == NULL ||
              !_http_auth_digest_algorithm_parse (http_auth_challenge_lookup_param (credentials, "algorithm"),
                                                  &algorithm))
            return NULL;
          for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
            {
              g_autofree char *hashed = _http_auth_digest_compute_userhash (algorithm.hash, candidates[i], realm);

              if (g_strcmp0 (hashed, username) == 0)
                return g_strdup (candidates[i]);
            }
          return g_strdup (username);
        }
      return g_strdup (username);
    }

  return NULL;
}

/* host:port of an absolute-form request-target, or NULL. */
static char *
target_authority (const char *target)
{
  g_autofree char *host = NULL;
  gint port = -1;

  /* Only the authority: the path is whatever the engine sent, which may
   * hold escapes that do not decode to UTF-8 (a Location of "/x%EF"
   * followed to the same origin); decoding it would find no origin
   * where there is one. */
  if (!g_uri_split_network (target, G_URI_FLAGS_ENCODED, NULL, &host, &port, NULL) || host == NULL)
    return NULL;
  return g_strdup_printf ("%s:%d", host, port > 0 ? port : 80);
}

/* Where a credential for @user may go: "127.0.0.1:port", the origin (or
 * the proxy) it was given for. */
static char *
destination_of (const char *user,
                GPtrArray  *prompts,
                gboolean   *for_proxy)
{
  *for_proxy = FALSE;
  if (g_strcmp0 (user, "url") == 0 || g_strcmp0 (user, "caller") == 0)
    return g_strdup_printf ("127.0.0.1:%u", peer_a.port);

  if (user != NULL && user[0] == 'u' && g_ascii_isdigit (user[1]) && user[2] == '\0')
    {
      guint index = user[1] - '0';
      HttpAuthPrompt *prompt;
      const char *origin;
      const char *authority;

      g_assert_cmpuint (index, <, prompts->len);
      prompt = g_ptr_array_index (prompts, index);
      *for_proxy = http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY;
      origin = http_auth_prompt_get_origin (prompt);
      authority = strstr (origin, "://");
      return g_strdup (authority != NULL ? authority + 3 : origin);
    }

  return NULL;
}

static void
fail (const char *what,
      Seen       *s,
      const char *value)
{
  g_printerr ("credential leak: %s (server port %u, target %s, value %s; A=%u B=%u P=%u)\n", what, s->port,
              s->target, value, peer_a.port, peer_b.port, peer_p.port);
  abort ();
}

static void
check_seen (Seen      *s,
            GPtrArray *prompts)
{
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", s->port);
  g_autofree char *origin = NULL;
  gboolean proxied;
  gboolean to_proxy;

  /* A request through P names its origin in absolute form; any other is
   * for the server that received it (P too, when a redirect names it). */
  proxied = s->port == peer_p.port && g_str_has_prefix (s->target, "http://");
  origin = proxied ? target_authority (s->target) : g_strdup (server);

  if (s->proxy_authorization != NULL)
    {
      g_autofree char *user = credential_user (s->proxy_authorization);
      g_autofree char *meant = destination_of (user, prompts, &to_proxy);

      if (!proxied)
        fail ("Proxy-Authorization at an origin", s, s->proxy_authorization);
      if (meant == NULL || !to_proxy || g_strcmp0 (meant, server) != 0)
        fail ("Proxy-Authorization not meant for this proxy", s, s->proxy_authorization);
    }

  if (s->authorization != NULL)
    {
      g_autofree char *user = credential_user (s->authorization);
      g_autofree char *meant = destination_of (user, prompts, &to_proxy);

      /* Host names compare without case (the prompt names the origin in
       * lower case, the request-target keeps the redirect's spelling). */
      if (meant == NULL || to_proxy || origin == NULL || g_ascii_strcasecmp (meant, origin) != 0)
        {
          g_printerr ("meant for %s, sent to %s\n", meant ? meant : "(nobody)", origin ? origin : "(no origin)");
          fail ("Authorization not meant for this origin", s, s->authorization);
        }
    }
}

/* ---- One input ---- */

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(HttpAuthResponse) response =
    http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (object), result, &body, &error);

  g_assert_true ((response == NULL) != (error == NULL));
  if (response != NULL)
    {
      GPtrArray *exchanges = http_auth_response_get_exchanges (response);

      g_assert_nonnull (body);
      g_assert_cmpuint (exchanges->len, <=, MAX_REQUESTS);
    }
  *done = TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzFields fields;
  const char *flags;
  const char *answers;
  g_autoptr(HttpAuthSession) session = NULL;
  g_autoptr(HttpAuthScriptedPrompter) prompter = NULL;
  g_autoptr(HttpAuthPromptContext) context = NULL;
  g_autoptr(HttpAuthRequest) request = NULL;
  g_autofree char *url = NULL;
  g_autofree char *proxy = NULL;
  GPtrArray *prompts;
  gboolean via_proxy;
  gboolean done = FALSE;
  gint64 deadline;
  guint n_answers = 0;

  init_once ();
  fuzz_fields_init (&fields, data, size);
  flags = fuzz_fields_get (&fields, 0);
  answers = fuzz_fields_get (&fields, 1);
  via_proxy = strchr (flags, 'x') != NULL;

  g_mutex_lock (&script_lock);
  steps = g_ptr_array_new_with_free_func (step_free);
  seen = g_ptr_array_new_with_free_func (seen_free);
  next_step = 0;
  for (guint i = 2; i < fields.n_fields && steps->len < MAX_STEPS; i++)
    g_ptr_array_add (steps, step_parse (fields.fields[i]));
  accepting = TRUE;
  g_mutex_unlock (&script_lock);

  /* A fresh session: nothing cached, no proxy login, no controller
   * survives from the previous input. */
  session = http_auth_session_new ();
  g_object_set (http_auth_session_get_soup_session (session), "timeout", 3, "idle-timeout", 3, NULL);
  prompter = http_auth_scripted_prompter_new ();
  for (const char *p = answers; *p != '\0' && n_answers < MAX_ANSWERS; p++)
    {
      char user[4], password[4];

      g_snprintf (user, sizeof user, "u%u", n_answers);
      g_snprintf (password, sizeof password, "p%u", n_answers);
      if (*p == 'a')
        http_auth_scripted_prompter_add_answer (prompter, user, password, FALSE);
      else if (*p == 'c')
        http_auth_scripted_prompter_add_cancel (prompter);
      else if (*p == 'd')
        http_auth_scripted_prompter_add_dismiss (prompter);
      else
        continue;
      n_answers++;
    }
  http_auth_session_set_prompter (session, HTTP_AUTH_PROMPTER (prompter));
  if (via_proxy)
    {
      proxy = url_of (&peer_p);
      http_auth_session_set_proxy_uri (session, proxy);
    }
  else if (strchr (flags, 'y') != NULL)
    {
      /* A through P, B (and P) direct: P's login must never reach B. */
      g_autoptr(GProxyResolver) resolver = http_auth_test_resolver_new ();
      const char *route[] = { NULL, NULL };

      proxy = url_of (&peer_p);
      route[0] = proxy;
      http_auth_test_resolver_set (resolver, peer_a.port, route);
      http_auth_session_set_proxy_resolver (session, resolver);
    }
  else
    {
      /* Direct, without asking the system (libproxy) each time. */
      g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

      http_auth_session_set_proxy_resolver (session, direct);
    }

  if (strchr (flags, 'u') != NULL)
    url = g_strdup_printf ("http://url:urlpw@127.0.0.1:%u/start", peer_a.port);
  else
    url = g_strdup_printf ("http://127.0.0.1:%u/start", peer_a.port);
  request = http_auth_request_new (strchr (flags, 'P') != NULL ? "POST" : "GET", url);
  if (strchr (flags, 'P') != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("form=1", 6);

      http_auth_request_set_body (request, "application/x-www-form-urlencoded", body);
    }
  if (strchr (flags, 'a') != NULL)
    /* "caller:pw" */
    soup_message_headers_replace (http_auth_request_get_headers (request), "Authorization", "Basic Y2FsbGVyOnB3");
  if (strchr (flags, 'n') == NULL)
    {
      context = http_auth_prompt_context_new ("http://127.0.0.1", strchr (flags, 'e') != NULL);
      http_auth_request_set_prompt_context (request, context);
    }
  if (strchr (flags, 'o') != NULL)
    http_auth_request_set_credentials_mode (request, HTTP_AUTH_CREDENTIALS_MODE_OMIT);
  else if (strchr (flags, 's') != NULL)
    http_auth_request_set_credentials_mode (request, HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN);
  if (strchr (flags, 'c') != NULL)
    http_auth_request_set_mode (request, HTTP_AUTH_REQUEST_MODE_CORS);
  if (strchr (flags, 'm') != NULL)
    http_auth_request_set_redirect_mode (request, HTTP_AUTH_REDIRECT_MODE_MANUAL);
  else if (strchr (flags, 'E') != NULL)
    http_auth_request_set_redirect_mode (request, HTTP_AUTH_REDIRECT_MODE_ERROR);

  http_auth_session_send_and_read_async (session, request, NULL, sent_cb, &done);
  deadline = g_get_monotonic_time () + WALL_LIMIT_US;
  while (!done)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("the request did not complete within %d s\n", (int) (WALL_LIMIT_US / G_USEC_PER_SEC));
          abort ();
        }
      g_main_context_iteration (NULL, TRUE);
    }

  /* Nothing more reaches the servers for this input. */
  g_mutex_lock (&script_lock);
  accepting = FALSE;
  g_mutex_unlock (&script_lock);

  prompts = http_auth_scripted_prompter_get_prompts (prompter);
  g_assert_cmpuint (seen->len, <=, MAX_REQUESTS);
  for (guint i = 0; i < seen->len; i++)
    {
      Seen *s = g_ptr_array_index (seen, i);

      /* FUZZ_ENGINE_VERBOSE=1: what each server received, to read a seed. */
      if (g_getenv ("FUZZ_ENGINE_VERBOSE") != NULL)
        g_printerr ("%s %u %s | Authorization: %s | Proxy-Authorization: %s\n",
                    s->port == peer_a.port ? "A" : s->port == peer_b.port ? "B" : "P", i, s->target,
                    s->authorization, s->proxy_authorization);
      check_seen (s, prompts);
    }

  g_clear_object (&request);
  g_clear_object (&session);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_mutex_lock (&script_lock);
  g_clear_pointer (&steps, g_ptr_array_unref);
  g_clear_pointer (&seen, g_ptr_array_unref);
  g_mutex_unlock (&script_lock);

  fuzz_fields_clear (&fields);
  return 0;
}
