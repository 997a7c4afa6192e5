/* test-leak-matrix.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-test-fetch.h"
#include "http-auth-test-raw-server.h"
#include "http-auth-test-socks.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The credential-leak matrix (issue 15): where a credential goes when a
 * request that carries it is redirected, for every (destination × where the
 * credential came from × route × method). Every peer is real and on
 * loopback: origins and a forwarding proxy are raw servers
 * (tests/support/http-auth-test-raw-server.c; https:// ones speak TLS with
 * a certificate made here), SOCKS is tests/support/http-auth-test-socks.c.
 * The cases assert on what each peer RECEIVED, never on what the engine
 * says it did:
 *
 *  - alice's login reaches only its home origin (scheme, host, port of the
 *    first URL); eve's (the userinfo of a redirect target) only that
 *    target's origin; no other Authorization reaches anyone;
 *  - Proxy-Authorization reaches only the proxy whose login it is: never an
 *    origin (directly, after a [proxy, direct] fallback, through SOCKS or
 *    inside a CONNECT tunnel), never the other proxy; a CONNECT never
 *    carries an origin's Authorization;
 *  - and, so that a case cannot pass by doing nothing: the route was really
 *    taken (the proxy or the SOCKS server saw the traffic, or did not), a
 *    same-origin redirect still gets alice's login (200), and a
 *    cross-origin one ends in the destination's 401.
 *
 * Every origin challenges with the same realm and scheme, so that nothing
 * but the origin separates the spaces. Each case has a fresh session and
 * fresh records; the peers live for the whole run.
 *
 * Combinations that cannot occur are not generated (see case_is_possible()).
 */

#define USER            "alice"
#define PASSWORD        "wonderland"
#define EVE             "eve"
#define EVE_PASSWORD    "evepass"
#define PROXY_USER      "px"
#define PROXY_PASSWORD  "pxpass"
#define FALLBACK_USER   "px2"
#define FALLBACK_PASS   "px2pass"
#define REALM           "matrix"
#define KEYRING_SECRET  "leak-matrix"
#define POST_BODY       "name=value&more=data"

typedef enum
{
  DEST_SAME_ORIGIN,
  DEST_OTHER_PORT,
  DEST_OTHER_HOST,
  DEST_HTTP_TO_HTTPS,
  DEST_HTTPS_TO_HTTP,
  DEST_USERINFO,
  N_DESTS
} Dest;

typedef enum
{
  SOURCE_CACHED,
  SOURCE_DIGEST_DOMAIN,
  SOURCE_CALLER_HEADER,
  SOURCE_URL,
  SOURCE_CLI,
  SOURCE_KEYRING,
  N_SOURCES
} Source;

typedef enum
{
  ROUTE_DIRECT,
  ROUTE_HTTP_PROXY,
  ROUTE_CONNECT,
  ROUTE_FALLBACK,
  ROUTE_SOCKS,
  N_ROUTES
} Route;

typedef enum
{
  METHOD_GET,
  METHOD_POST_307,
  METHOD_POST_308,
  METHOD_POST_303,
  N_METHODS
} Method;

static const char *dest_names[] = { "same-origin", "other-port", "other-host", "http-to-https", "https-to-http",
                                    "userinfo" };
static const char *source_names[] = { "cached", "digest-domain", "caller-authorization", "url-credentials",
                                      "cli-user", "keyring" };
static const char *route_names[] = { "direct", "http-proxy", "connect", "proxy-then-direct", "socks" };
static const char *method_names[] = { "get-302", "post-307", "post-308", "post-303" };
static const guint method_status[] = { 302, 307, 308, 303 };

typedef struct
{
  Dest   dest;
  Source source;
  Route  route;
  Method method;
} Case;

/* The peers, alive for the whole run. */
typedef struct
{
  const char        *name;
  HttpAuthRawServer *server;
  gboolean           tls;
} Origin;

typedef struct
{
  char *expected;               /* the Proxy-Authorization it accepts */
} ProxyScript;

static struct
{
  char              *tmpdir;
  char              *cert_file;
  char              *body_file;
  GTlsCertificate   *certificate;
  GTlsDatabase      *trust;
  Origin             a, b, a_tls, b_tls, w;
  HttpAuthRawServer *proxy;
  ProxyScript        proxy_script;
  ProxyScript        fallback_script;
  HttpAuthTestSocks *socks;
  HttpAuthKeyring   *keyring;

  /* What the origins do in the current case, read from their threads. */
  GMutex             lock;
  gboolean           digest;
  char              *home;      /* "scheme://host:port" alice's login is for */
  char              *eve_home;  /* the same for eve's, or NULL */
  char              *domain;    /* Digest domain= of the home's challenge, or NULL */
} world;

/* ---- Peers ---- */

static char *
basic (const char *user,
       const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strdup_printf ("Basic %s", encoded);
}

/* The user name an Authorization field names: Basic's decoded user, or
 * Digest's username parameter; "?" when it names none. */
static char *
authorization_user (const char *authorization)
{
  if (g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      gsize size = 0;
      g_autofree guchar *decoded = g_base64_decode (authorization + 6, &size);
      g_autofree char *text = g_strndup ((const char *) decoded, size);
      char *colon = strchr (text, ':');

      return colon ? g_strndup (text, colon - text) : g_strdup ("?");
    }
  if (g_ascii_strncasecmp (authorization, "Digest ", 7) == 0)
    {
      const char *start = strstr (authorization, "username=\"");
      const char *end;

      if (start != NULL && (end = strchr (start + 10, '"')) != NULL)
        return g_strndup (start + 10, end - start - 10);
    }
  return g_strdup ("?");
}

/* Whether @authorization may be received by @origin in this case. */
static gboolean
authorization_allowed (const char *origin,
                       const char *authorization)
{
  g_autofree char *user = authorization_user (authorization);
  gboolean allowed;

  g_mutex_lock (&world.lock);
  allowed = (g_strcmp0 (origin, world.home) == 0 && g_str_equal (user, USER)) ||
            (g_strcmp0 (origin, world.eve_home) == 0 && g_str_equal (user, EVE));
  g_mutex_unlock (&world.lock);
  return allowed;
}

static void
add_challenge (HttpAuthRawResponse *response,
               const char          *origin,
               guint                index)
{
  g_mutex_lock (&world.lock);
  if (world.digest)
    {
      g_autofree char *domain = NULL;

      if (world.domain != NULL && g_strcmp0 (origin, world.home) == 0)
        domain = g_strdup_printf (", domain=\"%s\"", world.domain);
      http_auth_raw_response_add_header (response,
                                         "WWW-Authenticate: Digest realm=\"" REALM "\", qop=\"auth\", "
                                         "algorithm=SHA-256, nonce=\"%08x%u\"%s",
                                         g_random_int (), index, domain ? domain : "");
    }
  else
    http_auth_raw_response_add_header (response, "WWW-Authenticate: Basic realm=\"" REALM "\"");
  g_mutex_unlock (&world.lock);
}

/* Every origin: /open is open; /start redirects alice (and only her, at
 * her home) as the query says; anything else wants a login this origin
 * accepts, with the same realm and scheme everywhere. */
static void
origin_handler (const HttpAuthRawRequest *request,
                HttpAuthRawResponse      *response,
                gpointer                  user_data)
{
  Origin *self = user_data;
  g_autofree char *origin = g_strdup_printf ("%s://%s", self->tls ? "https" : "http",
                                             request->host ? request->host : "");
  gboolean accepted = request->authorization != NULL && authorization_allowed (origin, request->authorization);

  if (g_str_has_prefix (request->target, "/open"))
    {
      response->body = g_bytes_new_static ("open\n", 5);
      return;
    }
  if (!accepted)
    {
      response->status = 401;
      add_challenge (response, origin, request->index);
      response->body = g_bytes_new_static ("members only\n", 13);
      return;
    }
  if (g_str_has_prefix (request->target, "/start?"))
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (strchr (request->target, '?') + 1, -1, "&",
                                                         G_URI_PARAMS_NONE, NULL);

      response->status = (guint) g_ascii_strtoull (g_hash_table_lookup (params, "status"), NULL, 10);
      http_auth_raw_response_add_header (response, "Location: %s", (char *) g_hash_table_lookup (params, "to"));
      return;
    }
  response->body = g_bytes_new_static ("ok\n", 3);
}

/* A forwarding proxy with one login: anything else gets a 407. */
static void
proxy_handler (const HttpAuthRawRequest *request,
               HttpAuthRawResponse      *response,
               gpointer                  user_data)
{
  ProxyScript *script = user_data;

  if (g_strcmp0 (request->proxy_authorization, script->expected) == 0)
    {
      response->forward = TRUE;
      return;
    }
  response->status = 407;
  http_auth_raw_response_add_header (response, "Proxy-Authenticate: Basic realm=\"proxy\"");
  response->body = g_bytes_new_static ("proxy says no\n", 14);
}

static char *
origin_url (Origin     *origin,
            const char *host,
            const char *userinfo,
            const char *path)
{
  return g_strdup_printf ("%s://%s%s%s:%u%s", origin->tls ? "https" : "http", userinfo ? userinfo : "",
                          userinfo ? "@" : "", host, http_auth_raw_server_get_port (origin->server), path);
}

static char *
proxy_uri (HttpAuthRawServer *proxy)
{
  return g_strdup_printf ("http://127.0.0.1:%u", http_auth_raw_server_get_port (proxy));
}

/* ---- A prompter that answers only where a login belongs ---- */

#define MATRIX_TYPE_PROMPTER (matrix_prompter_get_type ())
G_DECLARE_FINAL_TYPE (MatrixPrompter, matrix_prompter, MATRIX, PROMPTER, HttpAuthPrompter)

struct _MatrixPrompter
{
  HttpAuthPrompter  parent_instance;
  char             *home;         /* the origin alice answers, or NULL */
  gboolean          remember;
  GHashTable       *proxies;      /* "127.0.0.1:port" -> HttpAuthCredential */
  guint             n_prompts;
};

G_DEFINE_FINAL_TYPE (MatrixPrompter, matrix_prompter, HTTP_AUTH_TYPE_PROMPTER)

static gboolean
complete_cb (gpointer data)
{
  GTask *task = data;

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_int (task, GPOINTER_TO_INT (g_task_get_task_data (task)));
  return G_SOURCE_REMOVE;
}

static void
matrix_prompter_ask_async (HttpAuthPrompter    *prompter,
                           HttpAuthPrompt      *prompt,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  MatrixPrompter *self = MATRIX_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  HttpAuthPromptResult result = HTTP_AUTH_PROMPT_RESULT_CANCELLED;
  HttpAuthCredential *credential = NULL;

  self->n_prompts++;
  if (http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY)
    credential = g_hash_table_lookup (self->proxies, http_auth_prompt_get_origin (prompt));
  else if (self->home != NULL && g_strcmp0 (http_auth_prompt_get_origin (prompt), self->home) == 0)
    credential = g_object_get_data (G_OBJECT (self), "alice");

  if (credential != NULL)
    {
      http_auth_prompt_set_credential (prompt, credential);
      http_auth_prompt_set_password_save (prompt, self->remember ? G_PASSWORD_SAVE_PERMANENTLY
                                                                 : G_PASSWORD_SAVE_NEVER);
      result = HTTP_AUTH_PROMPT_RESULT_ANSWERED;
    }
  /* Answered from the main loop, as a real prompter is. */
  g_task_set_task_data (task, GINT_TO_POINTER (result), NULL);
  g_idle_add_full (G_PRIORITY_DEFAULT, complete_cb, g_steal_pointer (&task), g_object_unref);
}

static void
matrix_prompter_finalize (GObject *object)
{
  MatrixPrompter *self = MATRIX_PROMPTER (object);

  g_free (self->home);
  g_hash_table_unref (self->proxies);
  G_OBJECT_CLASS (matrix_prompter_parent_class)->finalize (object);
}

static void
matrix_prompter_class_init (MatrixPrompterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = matrix_prompter_finalize;
  HTTP_AUTH_PROMPTER_CLASS (klass)->ask_async = matrix_prompter_ask_async;
}

static void
matrix_prompter_init (MatrixPrompter *self)
{
  self->proxies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) http_auth_credential_unref);
  g_object_set_data_full (G_OBJECT (self), "alice", http_auth_credential_new (USER, PASSWORD),
                          (GDestroyNotify) http_auth_credential_unref);
}

static void
matrix_prompter_add_proxy (MatrixPrompter    *self,
                           HttpAuthRawServer *proxy,
                           const char        *user,
                           const char        *password)
{
  g_hash_table_replace (self->proxies, g_strdup_printf ("127.0.0.1:%u", http_auth_raw_server_get_port (proxy)),
                        http_auth_credential_new (user, password));
}

/* ---- One case ---- */

typedef struct
{
  const Case        *c;
  Origin            *home;        /* the first URL's origin */
  char              *dest_url;
  char              *start_url;
  HttpAuthRawServer *fallback;    /* this case's proxy for [proxy, direct], or NULL */
  GPtrArray         *origins;     /* Origin *, every origin */
} Run;

static gboolean
home_is_https (const Case *c)
{
  return c->route == ROUTE_CONNECT || c->dest == DEST_HTTPS_TO_HTTP;
}

/* Which combinations exist. A case is generated only when it can occur:
 *
 *  - "connect" is the http proxy reached for an https:// first URL (a
 *    CONNECT tunnel); "http-proxy" is the same proxy for an http:// first
 *    URL (absolute-form requests). So http→https belongs to "http-proxy"
 *    (its first hop is absolute-form, then a CONNECT) and https→http to
 *    "connect"; neither exists under the other name.
 *  - The CLI takes one --proxy URI, not a resolver's list: it has no
 *    [proxy, direct] fallback.
 *
 * Every other combination is generated: 648 cases. */
static gboolean
case_is_possible (const Case *c)
{
  if (c->route == ROUTE_HTTP_PROXY && c->dest == DEST_HTTPS_TO_HTTP)
    return FALSE;
  if (c->route == ROUTE_CONNECT && c->dest == DEST_HTTP_TO_HTTPS)
    return FALSE;
  if (c->source == SOURCE_CLI && c->route == ROUTE_FALLBACK)
    return FALSE;
  return TRUE;
}

static void
run_init (Run        *run,
          const Case *c)
{
  Origin *other;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  const char *userinfo = NULL;

  run->c = c;
  run->home = home_is_https (c) ? &world.a_tls : &world.a;
  other = run->home->tls ? &world.b_tls : &world.b;

  switch (c->dest)
    {
    case DEST_SAME_ORIGIN:
      run->dest_url = origin_url (run->home, "127.0.0.1", NULL, "/dest");
      break;
    case DEST_OTHER_PORT:
      run->dest_url = origin_url (other, "127.0.0.1", NULL, "/dest");
      break;
    case DEST_OTHER_HOST:
      run->dest_url = origin_url (run->home, "localhost", NULL, "/dest");
      break;
    case DEST_HTTP_TO_HTTPS:
      run->dest_url = origin_url (&world.a_tls, "127.0.0.1", NULL, "/dest");
      break;
    case DEST_HTTPS_TO_HTTP:
      run->dest_url = origin_url (&world.a, "127.0.0.1", NULL, "/dest");
      break;
    case DEST_USERINFO:
      run->dest_url = origin_url (other, "127.0.0.1", EVE ":" EVE_PASSWORD, "/dest");
      break;
    case N_DESTS:
    default:
      g_assert_not_reached ();
    }

  escaped = g_uri_escape_string (run->dest_url, NULL, FALSE);
  path = g_strdup_printf ("/start?status=%u&to=%s", method_status[c->method], escaped);
  if (c->source == SOURCE_URL)
    userinfo = USER ":" PASSWORD;
  run->start_url = origin_url (run->home, "127.0.0.1", userinfo, path);

  g_mutex_lock (&world.lock);
  g_clear_pointer (&world.home, g_free);
  g_clear_pointer (&world.eve_home, g_free);
  g_clear_pointer (&world.domain, g_free);
  world.home = origin_url (run->home, "127.0.0.1", NULL, "");
  if (c->dest == DEST_USERINFO)
    world.eve_home = origin_url (other, "127.0.0.1", NULL, "");
  world.digest = c->source == SOURCE_DIGEST_DOMAIN || c->source == SOURCE_KEYRING;
  if (c->source == SOURCE_DIGEST_DOMAIN)
    {
      /* The home's challenge claims the destination too, with and without
       * its path: a login may be widened only within its own origin. */
      g_autoptr(GUri) dest = g_uri_parse (run->dest_url, G_URI_FLAGS_NONE, NULL);
      g_autofree char *dest_origin = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (dest), g_uri_get_host (dest),
                                                      g_uri_get_port (dest));

      world.domain = g_strdup_printf ("/ %s/ %s/dest", dest_origin, dest_origin);
    }
  g_mutex_unlock (&world.lock);

  run->origins = g_ptr_array_new ();
  g_ptr_array_add (run->origins, &world.a);
  g_ptr_array_add (run->origins, &world.b);
  g_ptr_array_add (run->origins, &world.a_tls);
  g_ptr_array_add (run->origins, &world.b_tls);
  g_ptr_array_add (run->origins, &world.w);
  for (guint i = 0; i < run->origins->len; i++)
    http_auth_raw_server_clear_requests (((Origin *) g_ptr_array_index (run->origins, i))->server);
  http_auth_raw_server_clear_requests (world.proxy);
  http_auth_test_socks_clear (world.socks);

  if (c->route == ROUTE_FALLBACK)
    run->fallback = http_auth_raw_server_new (proxy_handler, &world.fallback_script);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->fallback, http_auth_raw_server_free);
  g_clear_pointer (&run->origins, g_ptr_array_unref);
  g_clear_pointer (&run->dest_url, g_free);
  g_clear_pointer (&run->start_url, g_free);
}

/* The route of the matrix origins, and of W (where the proxy login is
 * made before the case). */
static GProxyResolver *
make_resolver (Run *run)
{
  GProxyResolver *resolver = http_auth_test_resolver_new ();
  g_autofree char *proxy = proxy_uri (world.proxy);
  g_autofree char *fallback = run->fallback ? proxy_uri (run->fallback) : NULL;
  g_autofree char *socks = http_auth_test_socks_get_uri (world.socks);
  const char *direct[] = { "direct://", NULL };
  const char *proxied[] = { proxy, NULL };
  const char *fallback_first[] = { fallback, "direct://", NULL };
  const char *fallback_only[] = { fallback, NULL };
  const char *socks_only[] = { socks, NULL };
  const char * const *route = NULL;

  switch (run->c->route)
    {
    case ROUTE_DIRECT:
      route = direct;
      break;
    case ROUTE_HTTP_PROXY:
    case ROUTE_CONNECT:
      route = proxied;
      break;
    case ROUTE_FALLBACK:
      route = fallback_first;
      break;
    case ROUTE_SOCKS:
      route = socks_only;
      break;
    case N_ROUTES:
    default:
      g_assert_not_reached ();
    }
  for (guint i = 0; i < run->origins->len; i++)
    {
      Origin *origin = g_ptr_array_index (run->origins, i);

      http_auth_test_resolver_set (resolver, http_auth_raw_server_get_port (origin->server),
                                   origin == &world.w ? (run->fallback ? fallback_only : proxied) : route);
    }
  return resolver;
}

static void
fetch (HttpAuthSession       *session,
       HttpAuthPromptContext *context,
       const char            *method,
       const char            *url,
       const char            *authorization,
       HttpAuthTestResult    *r)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new (method, url);

  http_auth_request_set_prompt_context (request, context);
  if (authorization != NULL)
    soup_message_headers_replace (http_auth_request_get_headers (request), "Authorization", authorization);
  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GBytes) body = g_bytes_new_static (POST_BODY, strlen (POST_BODY));

      http_auth_request_set_body (request, "application/x-www-form-urlencoded", body);
    }
  http_auth_test_send (session, request, NULL, r);
  http_auth_test_wait (r);
}

static void seed_keyring (Origin *home);

/* The case through an HttpAuthSession of its own; returns the final
 * status (0 for a network error). */
static guint
run_in_process (Run *run)
{
  const Case *c = run->c;
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(HttpAuthSession) session = NULL;
  g_autoptr(MatrixPrompter) prompter = g_object_new (MATRIX_TYPE_PROMPTER, NULL);
  g_autoptr(HttpAuthPromptContext) context = http_auth_prompt_context_new (NULL, FALSE);
  g_autoptr(GProxyResolver) resolver = make_resolver (run);
  g_autofree char *warm = NULL;
  g_autofree char *caller = NULL;
  HttpAuthTestResult r = { 0 };
  guint status;

  soup_session_set_tls_database (soup, world.trust);
  session = http_auth_session_new_for_soup_session (soup);
  http_auth_session_set_proxy_resolver (session, resolver);
  http_auth_session_set_prompter (session, HTTP_AUTH_PROMPTER (prompter));
  matrix_prompter_add_proxy (prompter, world.proxy, PROXY_USER, PROXY_PASSWORD);
  if (run->fallback != NULL)
    matrix_prompter_add_proxy (prompter, run->fallback, FALLBACK_USER, FALLBACK_PASS);
  if (c->source == SOURCE_KEYRING)
    {
      seed_keyring (run->home);
      http_auth_session_set_keyring (session, world.keyring);
    }

  /* A proxy login the session holds, for the case to leak: made through
   * W. With [proxy, direct] the proxy then goes down, and the case's
   * requests fall back to DIRECT. */
  {
    g_autofree char *open = origin_url (&world.w, "127.0.0.1", NULL, "/open");

    fetch (session, context, "GET", open, NULL, &r);
    g_assert_no_error (r.error);
    g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
    http_auth_test_result_clear (&r);
    if (run->fallback != NULL)
      http_auth_raw_server_stop (run->fallback);
  }

  /* Where alice's login comes from. */
  switch (c->source)
    {
    case SOURCE_CACHED:
    case SOURCE_DIGEST_DOMAIN:
      prompter->home = origin_url (run->home, "127.0.0.1", NULL, "");
      warm = origin_url (run->home, "127.0.0.1", NULL, "/warm");
      fetch (session, context, "GET", warm, NULL, &r);
      g_assert_no_error (r.error);
      g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
      http_auth_test_result_clear (&r);
      g_clear_pointer (&prompter->home, g_free);
      break;
    case SOURCE_CALLER_HEADER:
      caller = basic (USER, PASSWORD);
      break;
    case SOURCE_URL:
    case SOURCE_KEYRING:
      break;
    case SOURCE_CLI:
    case N_SOURCES:
    default:
      g_assert_not_reached ();
    }

  fetch (session, context, c->method == METHOD_GET ? "GET" : "POST", run->start_url, caller, &r);
  if (r.error != NULL)
    g_test_message ("network error: %s", r.error->message);
  status = r.response ? http_auth_response_get_status (r.response) : 0;
  http_auth_test_result_clear (&r);
  return status;
}

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The case through `http-auth fetch -u alice --password …`. */
static guint
run_cli (Run *run)
{
  const Case *c = run->c;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  JsonObject *answer;

  g_ptr_array_add (argv, g_strdup (g_getenv ("HTTP_AUTH_TOOL")));
  g_ptr_array_add (argv, g_strdup ("fetch"));
  g_ptr_array_add (argv, g_strdup ("--json=-"));
  g_ptr_array_add (argv, g_strdup ("-u"));
  g_ptr_array_add (argv, g_strdup (USER));
  g_ptr_array_add (argv, g_strdup ("--password"));
  g_ptr_array_add (argv, g_strdup (PASSWORD));
  g_ptr_array_add (argv, g_strdup ("--cacert"));
  g_ptr_array_add (argv, g_strdup (world.cert_file));
  if (c->method != METHOD_GET)
    {
      g_ptr_array_add (argv, g_strdup ("-X"));
      g_ptr_array_add (argv, g_strdup ("POST"));
      g_ptr_array_add (argv, g_strdup ("--data-file"));
      g_ptr_array_add (argv, g_strdup (world.body_file));
    }
  if (c->route == ROUTE_HTTP_PROXY || c->route == ROUTE_CONNECT)
    {
      g_ptr_array_add (argv, g_strdup ("--proxy"));
      g_ptr_array_add (argv, proxy_uri (world.proxy));
      g_ptr_array_add (argv, g_strdup ("--proxy-user"));
      g_ptr_array_add (argv, g_strdup (PROXY_USER));
      g_ptr_array_add (argv, g_strdup ("--proxy-password"));
      g_ptr_array_add (argv, g_strdup (PROXY_PASSWORD));
    }
  else if (c->route == ROUTE_SOCKS)
    {
      g_ptr_array_add (argv, g_strdup ("--proxy"));
      g_ptr_array_add (argv, http_auth_test_socks_get_uri (world.socks));
    }
  g_ptr_array_add (argv, g_strdup (run->start_url));
  g_ptr_array_add (argv, NULL);

  /* No proxy from the environment: the route is the case's. LeakSanitizer's
   * tracer crashes at the exit of a TLS-using child (see test-proxy.c):
   * leaks are checked in-process. */
  for (const char *const *name = (const char *[]) { "http_proxy", "https_proxy", "all_proxy", "no_proxy",
                                                    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", NULL };
       *name != NULL; name++)
    envp = g_environ_unsetenv (envp, *name);
  envp = g_environ_unsetenv (envp, "G_MESSAGES_DEBUG");
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  envp = g_environ_setenv (envp, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  /* The peers accept their connections from this thread's main context:
   * it goes on while the CLI runs. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_test_message ("http-auth fetch said: %s", err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  answer = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results"), 0);
  return json_object_has_member (answer, "status") ? (guint) json_object_get_int_member (answer, "status") : 0;
}

static guint n_leaks;

static void
leak (const Run  *run,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
leak (const Run  *run,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  n_leaks++;
  g_test_fail_printf ("LEAK (%s → %s): %s", run->start_url, run->dest_url, text);
}

static char *
target_origin (const char *target)
{
  g_autoptr(GUri) uri = g_uri_parse (target, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup ("?");
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_port (uri));
}

/* What every peer received, against who may receive what. */
static void
check_records (Run *run)
{
  g_autofree char *proxy_login = basic (PROXY_USER, PROXY_PASSWORD);
  g_autofree char *fallback_login = basic (FALLBACK_USER, FALLBACK_PASS);

  for (guint i = 0; i < run->origins->len; i++)
    {
      Origin *origin = g_ptr_array_index (run->origins, i);
      g_autoptr(GPtrArray) requests = http_auth_raw_server_dup_requests (origin->server);

      for (guint j = 0; j < requests->len; j++)
        {
          HttpAuthRawRequest *request = g_ptr_array_index (requests, j);
          g_autofree char *at = g_strdup_printf ("%s://%s", origin->tls ? "https" : "http", request->host);

          if (request->proxy_authorization != NULL)
            leak (run, "origin %s received Proxy-Authorization '%s' (%s %s)", at, request->proxy_authorization,
                  request->method, request->target);
          if (request->authorization != NULL && !authorization_allowed (at, request->authorization))
            leak (run, "origin %s received Authorization '%s' (%s %s)", at, request->authorization,
                  request->method, request->target);
        }
    }

  for (guint k = 0; k < 2; k++)
    {
      HttpAuthRawServer *proxy = k == 0 ? world.proxy : run->fallback;
      const char *own = k == 0 ? proxy_login : fallback_login;
      g_autoptr(GPtrArray) requests = NULL;

      if (proxy == NULL)
        continue;
      requests = http_auth_raw_server_dup_requests (proxy);
      for (guint j = 0; j < requests->len; j++)
        {
          HttpAuthRawRequest *request = g_ptr_array_index (requests, j);

          if (request->proxy_authorization != NULL && g_strcmp0 (request->proxy_authorization, own) != 0)
            leak (run, "proxy %u received another's Proxy-Authorization '%s' (%s %s)", k,
                  request->proxy_authorization, request->method, request->target);
          if (request->authorization == NULL)
            continue;
          if (g_str_equal (request->method, "CONNECT"))
            leak (run, "proxy %u received Authorization '%s' on CONNECT %s", k, request->authorization,
                  request->target);
          else
            {
              g_autofree char *to = target_origin (request->target);

              if (!authorization_allowed (to, request->authorization))
                leak (run, "proxy %u relayed Authorization '%s' to %s (%s %s)", k, request->authorization, to,
                      request->method, request->target);
            }
        }
    }
}

/* Requests the proxy carried to the matrix origins (not W's). */
static guint
n_proxied (void)
{
  g_autoptr(GPtrArray) requests = http_auth_raw_server_dup_requests (world.proxy);
  g_autofree char *w_port = g_strdup_printf (":%u", http_auth_raw_server_get_port (world.w.server));
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    if (!g_str_has_suffix (((HttpAuthRawRequest *) g_ptr_array_index (requests, i))->target, w_port) &&
        strstr (((HttpAuthRawRequest *) g_ptr_array_index (requests, i))->target, w_port) == NULL)
      n++;
  return n;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  Run run = { 0 };
  guint status;
  guint leaks_before = n_leaks;

  run_init (&run, c);
  status = c->source == SOURCE_CLI ? run_cli (&run) : run_in_process (&run);
  check_records (&run);

  /* The route was the case's. */
  switch (c->route)
    {
    case ROUTE_HTTP_PROXY:
    case ROUTE_CONNECT:
      g_assert_cmpuint (n_proxied (), >, 0);
      break;
    case ROUTE_SOCKS:
      {
        g_autoptr(GPtrArray) targets = http_auth_test_socks_dup_targets (world.socks);

        g_assert_cmpuint (targets->len, >, 0);
        g_assert_cmpuint (n_proxied (), ==, 0);
      }
      break;
    case ROUTE_DIRECT:
    case ROUTE_FALLBACK:
      g_assert_cmpuint (n_proxied (), ==, 0);
      break;
    case N_ROUTES:
    default:
      g_assert_not_reached ();
    }

  /* And the case did something: a same-origin redirect keeps alice's
   * login, a cross-origin one meets the destination's challenge. */
  if (n_leaks == leaks_before)
    {
      if (c->dest == DEST_SAME_ORIGIN)
        g_assert_cmpuint (status, ==, 200);
      else if (c->dest != DEST_USERINFO)
        g_assert_cmpuint (status, ==, 401);
    }
  run_clear (&run);
}

/* ---- Set-up ---- */

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  http_auth_keyring_store_finish (HTTP_AUTH_KEYRING (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
forgot_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* alice's Digest login, saved in the (file-backed) keyring for the home
 * only, as a user who ticked "remember" there would have. */
static void
seed_keyring (Origin *home)
{
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new (USER, PASSWORD);
  gboolean done = FALSE;

  http_auth_keyring_forget_async (world.keyring, NULL, NULL, forgot_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  done = FALSE;
  space = http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_SERVER, home->tls ? "https" : "http",
                                          "127.0.0.1", http_auth_raw_server_get_port (home->server), REALM, "digest");
  http_auth_keyring_store_async (world.keyring, space, credential, NULL, stored_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
make_certificate (void)
{
  g_autofree char *key = g_build_filename (world.tmpdir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                         "-nodes", "-keyout", key, "-out", NULL, "-days", "2", "-subj", "/CN=127.0.0.1",
                         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL };
  int status = 0;

  world.cert_file = g_build_filename (world.tmpdir, "cert.pem", NULL);
  argv[11] = world.cert_file;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  world.certificate = g_tls_certificate_new_from_files (world.cert_file, key, &error);
  g_assert_no_error (error);
  world.trust = g_tls_file_database_new (world.cert_file, &error);
  g_assert_no_error (error);
}

static void
start_origin (Origin     *origin,
              const char *name,
              gboolean    tls)
{
  origin->name = name;
  origin->tls = tls;
  origin->server = http_auth_raw_server_new_tls (origin_handler, origin, tls ? world.certificate : NULL);
}

static void
world_start (void)
{
  g_autofree char *keyring_file = NULL;
  g_autofree char *runtime = NULL;

  world.tmpdir = g_dir_make_tmp ("http-auth-leak-matrix-XXXXXX", NULL);
  g_assert_nonnull (world.tmpdir);

  /* A keyring in a file of this run only, before libsecret first runs. */
  runtime = g_build_filename (world.tmpdir, "run", NULL);
  g_mkdir_with_parents (runtime, 0700);
  keyring_file = g_build_filename (world.tmpdir, "keyrings", "matrix.keyring", NULL);
  g_setenv ("HOME", world.tmpdir, TRUE);
  g_setenv ("XDG_DATA_HOME", world.tmpdir, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_file, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", KEYRING_SECRET, TRUE);

  world.body_file = g_build_filename (world.tmpdir, "body", NULL);
  g_assert_true (g_file_set_contents (world.body_file, POST_BODY, -1, NULL));
  make_certificate ();

  g_mutex_init (&world.lock);
  start_origin (&world.a, "A", FALSE);
  start_origin (&world.b, "B", FALSE);
  start_origin (&world.a_tls, "A-tls", TRUE);
  start_origin (&world.b_tls, "B-tls", TRUE);
  start_origin (&world.w, "W", FALSE);
  world.proxy_script.expected = basic (PROXY_USER, PROXY_PASSWORD);
  world.fallback_script.expected = basic (FALLBACK_USER, FALLBACK_PASS);
  world.proxy = http_auth_raw_server_new (proxy_handler, &world.proxy_script);
  world.socks = http_auth_test_socks_new ();
  world.keyring = http_auth_keyring_new ();
}

static void
world_stop (void)
{
  g_clear_object (&world.keyring);
  g_clear_pointer (&world.socks, http_auth_test_socks_free);
  g_clear_pointer (&world.proxy, http_auth_raw_server_free);
  g_clear_pointer (&world.a.server, http_auth_raw_server_free);
  g_clear_pointer (&world.b.server, http_auth_raw_server_free);
  g_clear_pointer (&world.a_tls.server, http_auth_raw_server_free);
  g_clear_pointer (&world.b_tls.server, http_auth_raw_server_free);
  g_clear_pointer (&world.w.server, http_auth_raw_server_free);
  g_clear_pointer (&world.proxy_script.expected, g_free);
  g_clear_pointer (&world.fallback_script.expected, g_free);
  g_clear_object (&world.trust);
  g_clear_object (&world.certificate);
  g_clear_pointer (&world.home, g_free);
  g_clear_pointer (&world.eve_home, g_free);
  g_clear_pointer (&world.domain, g_free);
  g_mutex_clear (&world.lock);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", world.tmpdir);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_clear_pointer (&world.tmpdir, g_free);
  g_clear_pointer (&world.cert_file, g_free);
  g_clear_pointer (&world.body_file, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  const char *only;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* meson runs one process per source (HTTP_AUTH_LEAK_MATRIX_SOURCE), in
   * parallel; without it, every case runs. */
  only = g_getenv ("HTTP_AUTH_LEAK_MATRIX_SOURCE");
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  world_start ();

  for (Dest dest = 0; dest < N_DESTS; dest++)
    for (Source source = 0; source < N_SOURCES; source++)
      for (Route route = 0; route < N_ROUTES; route++)
        for (Method method = 0; method < N_METHODS; method++)
          {
            Case *c = g_new0 (Case, 1);
            g_autofree char *path = NULL;

            *c = (Case) { dest, source, route, method };
            if (!case_is_possible (c) || (only != NULL && !g_str_equal (only, source_names[source])))
              {
                g_free (c);
                continue;
              }
            path = g_strdup_printf ("/leak-matrix/%s/%s/%s/%s", dest_names[dest], source_names[source],
                                    route_names[route], method_names[method]);
            g_test_add_data_func (path, c, test_case);
            g_ptr_array_add (cases, c);
          }
  g_test_message ("%u cases", cases->len);

  ret = g_test_run ();
  world_stop ();
  return ret;
}
