/* http-auth-session.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-session"

#include "config.h"

#include "http-auth-challenge.h"
#include "http-auth-credential-private.h"
#include "http-auth-prompt-broker.h"
#include "http-auth-prompter-private.h"
#include "http-auth-request-private.h"
#include "http-auth-response-private.h"
#include "http-auth-scheme-basic.h"
#include "http-auth-session.h"
#include "http-auth-soup-digest-private.h"
#include "http-auth-uri-private.h"

#include <string.h>

/**
 * HttpAuthSession:
 *
 * The fetch engine: sends requests over a #SoupSession and answers `401`
 * the way a browser's network stack does (WHATWG Fetch, "HTTP-network-or-
 * cache fetch").
 *
 * One call, [method@HttpAuth.Session.send_async], takes a
 * [class@HttpAuth.Request] through every authentication and redirect step
 * and returns the final [class@HttpAuth.Response]. Credentials come from
 * the URL (once, after a challenge), from the session's
 * [class@HttpAuth.CredentialCache], or from the
 * [class@HttpAuth.Prompter], asked at most once per tab and protection
 * space however many requests wait.
 *
 * libsoup's own `SoupAuthManager` is disabled on every message the engine
 * sends, and libsoup never follows a redirect for it: the engine adds
 * `Authorization` itself, replays bodies itself and follows redirects
 * itself, so that authentication and redirects compose as Fetch says. See
 * `docs/architecture.md` for the state table.
 */

/* ---- The per-request state machine ---- */

typedef enum
{
  STATE_IDLE,
  STATE_SENDING,
  STATE_READING_CHALLENGE,
  STATE_REDIRECTING,
  STATE_PROMPTING,
  STATE_WAITING,
  STATE_DONE,
} ControllerState;

static const char *state_names[] = {
  "idle", "sending", "reading-challenge", "redirecting", "prompting", "waiting", "done",
};

/* The declared edges of docs/architecture.md; any other is a bug. */
static const struct { ControllerState from, to; } edges[] = {
  { STATE_IDLE, STATE_SENDING },
  { STATE_SENDING, STATE_READING_CHALLENGE },
  { STATE_SENDING, STATE_REDIRECTING },
  { STATE_SENDING, STATE_DONE },
  { STATE_REDIRECTING, STATE_SENDING },
  { STATE_REDIRECTING, STATE_DONE },
  { STATE_READING_CHALLENGE, STATE_SENDING },
  { STATE_READING_CHALLENGE, STATE_PROMPTING },
  { STATE_READING_CHALLENGE, STATE_WAITING },
  { STATE_READING_CHALLENGE, STATE_DONE },
  { STATE_PROMPTING, STATE_SENDING },
  { STATE_PROMPTING, STATE_DONE },
  { STATE_WAITING, STATE_SENDING },
  { STATE_WAITING, STATE_DONE },
};

typedef struct _PendingPrompt PendingPrompt;

/* What a request knows of one side of its authentication: the origin's
 * (401, Authorization) or the proxy's (407, Proxy-Authorization). Both
 * sides follow the same rules; only where credentials come from and what
 * a refusal ends in differ. */
typedef struct
{
  HttpAuthScheme          *scheme;
  HttpAuthProtectionSpace *space;
  HttpAuthCredential      *credential;  /* the one being tried */
  HttpAuthCredential      *refused;     /* the last one refused */
  char                    *sent;        /* the header value sent last */
  guint                    failures;
  gboolean                 stale_retried;
} AuthSide;

/* What a challenge answering a sent header says. */
typedef enum
{
  AUTH_SIDE_NEW_CHALLENGE,  /* nothing was sent, or the challenge changed */
  AUTH_SIDE_STALE,          /* the Digest nonce was stale: send again, once */
  AUTH_SIDE_REFUSED,        /* the same challenge: the credential was refused */
} AuthSideVerdict;

static void
auth_side_reset (AuthSide *side)
{
  g_clear_object (&side->scheme);
  g_clear_pointer (&side->space, http_auth_protection_space_unref);
  g_clear_pointer (&side->credential, http_auth_credential_unref);
  g_clear_pointer (&side->refused, http_auth_credential_unref);
  g_clear_pointer (&side->sent, _http_auth_secure_free);
  side->failures = 0;
  side->stale_retried = FALSE;
}

/* Starts over with a new challenge's scheme and protection space. */
static void
auth_side_start (AuthSide                *side,
                 HttpAuthScheme          *scheme,
                 HttpAuthProtectionSpace *space)
{
  g_set_object (&side->scheme, scheme);
  g_clear_pointer (&side->space, http_auth_protection_space_unref);
  side->space = space;
  g_clear_pointer (&side->credential, http_auth_credential_unref);
  side->stale_retried = FALSE;
}

static void
auth_side_use (AuthSide           *side,
               HttpAuthCredential *credential)
{
  if (credential == side->credential)
    return;
  g_clear_pointer (&side->credential, http_auth_credential_unref);
  side->credential = credential ? http_auth_credential_ref (credential) : NULL;
}

/* The credential being tried was refused: it is never offered again, by
 * this request or (through @cache) any other. Returns whether another
 * may still be tried. */
static gboolean
auth_side_refuse (AuthSide                *side,
                  HttpAuthCredentialCache *cache)
{
  g_autoptr(HttpAuthCredential) cached = NULL;

  side->failures++;
  g_clear_pointer (&side->refused, http_auth_credential_unref);
  side->refused = g_steal_pointer (&side->credential);

  if (side->refused != NULL && side->space != NULL)
    {
      cached = http_auth_credential_cache_lookup (cache, side->space, NULL);
      if (cached != NULL && http_auth_credential_equal (cached, side->refused))
        http_auth_credential_cache_remove (cache, side->space);
    }

  return side->failures < HTTP_AUTH_SESSION_MAX_FAILURES;
}

/* Whether @credential may be offered: anything but the one refused. */
static gboolean
auth_side_may_offer (AuthSide           *side,
                     HttpAuthCredential *credential)
{
  return credential != NULL && (side->refused == NULL || !http_auth_credential_equal (credential, side->refused));
}

/* Reads the challenges that answered the header sent last. */
static AuthSideVerdict
auth_side_judge (AuthSide  *side,
                 GPtrArray *challenges)
{
  if (side->scheme == NULL || side->sent == NULL)
    return AUTH_SIDE_NEW_CHALLENGE;

  for (guint i = 0; i < challenges->len; i++)
    {
      HttpAuthChallenge *ch = g_ptr_array_index (challenges, i);
      gboolean stale = FALSE;

      if (g_strcmp0 (http_auth_challenge_get_scheme (ch), http_auth_scheme_get_scheme_name (side->scheme)) != 0 ||
          g_strcmp0 (http_auth_challenge_lookup_param (ch, "realm"), http_auth_scheme_get_realm (side->scheme)) != 0 ||
          !http_auth_scheme_update (side->scheme, ch, &stale, NULL))
        continue;

      if (stale && !side->stale_retried)
        {
          /* RFC 7616: the digest was right, the nonce old. Once, without
           * asking. */
          side->stale_retried = TRUE;
          return AUTH_SIDE_STALE;
        }

      return AUTH_SIDE_REFUSED;
    }

  /* The server changed its challenge: start over with it. */
  g_clear_object (&side->scheme);
  g_clear_pointer (&side->credential, http_auth_credential_unref);
  return AUTH_SIDE_NEW_CHALLENGE;
}

/* After a new challenge: the strongest usable scheme among @challenges,
 * for a new protection space of @server. FALSE when none is usable. */
static gboolean
auth_side_choose (AuthSide               *side,
                  HttpAuthSchemeRegistry *registry,
                  GPtrArray              *challenges,
                  const char             *partition,
                  HttpAuthTarget          target,
                  GUri                   *server,
                  guint                   port)
{
  g_autoptr(HttpAuthScheme) scheme = http_auth_scheme_registry_choose (registry, challenges, target, NULL);

  if (scheme == NULL)
    return FALSE;

  auth_side_start (side, scheme,
                   http_auth_protection_space_new (partition, target, g_uri_get_scheme (server),
                                                   g_uri_get_host (server), port,
                                                   http_auth_scheme_get_realm (scheme),
                                                   http_auth_scheme_get_scheme_name (scheme)));
  return TRUE;
}

/* A credential the cache holds for a space @path lies in, sent without
 * waiting for a challenge (path prefix, Digest domain, the proxy). */
static void
auth_side_preempt (AuthSide                *side,
                   HttpAuthCredentialCache *cache,
                   const char              *partition,
                   HttpAuthTarget           target,
                   GUri                    *server,
                   guint                    port,
                   const char              *path)
{
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GObject) state = NULL;

  if (side->credential != NULL ||
      !http_auth_credential_cache_lookup_by_path (cache, partition, target, g_uri_get_scheme (server),
                                                  g_uri_get_host (server), port, path,
                                                  &space, &credential, &state) ||
      !HTTP_AUTH_IS_SCHEME (state))
    return;

  auth_side_start (side, HTTP_AUTH_SCHEME (state), g_steal_pointer (&space));
  side->credential = g_steal_pointer (&credential);
}

/* The header value to send for @request_target, in side->sent: none
 * until there is a credential to try. */
static gboolean
auth_side_authorize (AuthSide    *side,
                     const char  *method,
                     const char  *request_target,
                     GBytes      *body,
                     GError     **error)
{
  g_clear_pointer (&side->sent, _http_auth_secure_free);
  if (side->scheme == NULL || side->credential == NULL)
    return TRUE;

  side->sent = http_auth_scheme_get_authorization (side->scheme, side->credential, method,
                                                   request_target, body, error);
  return side->sent != NULL;
}

typedef struct
{
  HttpAuthSession         *session;
  GTask                   *task;
  HttpAuthRequest         *request;
  GCancellable            *cancellable;
  ControllerState          state;

  /* What is sent next. */
  char                    *method;
  GUri                    *uri;
  SoupMessageHeaders      *headers;
  GBytes                  *body;
  GInputStream            *stream;
  gssize                   stream_length;
  gboolean                 stream_sent;
  gboolean                 caller_authorization;
  HttpAuthCredential      *url_credential;
  char                    *partition;
  guint                    redirects;
  GPtrArray               *exchanges;
  SoupMessage             *msg;

  /* Origin authentication. */
  AuthSide                 origin;
  gboolean                 remember;
  PendingPrompt           *prompt;
  GBytes                  *challenge_body;

  /* While waiting on another request's prompt. */
  gulong                   cancelled_id;
  guint                    cancel_idle_id;

  /* Proxy authentication: http:// through the proxy (the engine answers
   * the 407), and https:// (libsoup's manager answers the CONNECT's 407,
   * asking us through the message's "authenticate" signal). */
  GUri                    *proxy_uri;
  gboolean                 proxy_resolved;
  AuthSide                 proxy;
  gulong                   authenticate_id;
} Controller;

struct _PendingPrompt
{
  char                    *key;
  HttpAuthPromptContext   *context;
  HttpAuthProtectionSpace *space;
  Controller              *verifier;
  GQueue                   waiters;
};

struct _HttpAuthSession
{
  GObject                  parent_instance;
  SoupSession             *soup;
  HttpAuthSchemeRegistry  *registry;
  HttpAuthCredentialCache *cache;
  /* Asks the user (or the keyring) for origin credentials; holds the
   * session's prompter and keyring. */
  HttpAuthPromptBroker    *broker;
  /* proxy space -> credential the user gave, not yet accepted by the
   * proxy: later requests use it instead of asking again. */
  GHashTable              *proxy_answers;
  /* origin -> proxy URI ("direct://" for none), as the resolver said. */
  GHashTable              *proxy_for_origin;
  /* origin -> GPtrArray of Controller waiting for the lookup in flight. */
  GHashTable              *proxy_lookups;
  /* "proxy space" -> ProxyPrompt: one prompt per proxy protection space. */
  GHashTable              *proxy_prompts;
  gsize                    max_field_size;
  /* "context|space" -> PendingPrompt; main thread. */
  GHashTable              *prompts;
};

G_DEFINE_FINAL_TYPE (HttpAuthSession, http_auth_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOUP_SESSION,
  PROP_PROMPTER,
  PROP_KEYRING,
  PROP_MAX_FIELD_SIZE,
  N_PROPS
};

enum {
  PROMPT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void controller_send (Controller *c);
static void controller_obtain_credentials (Controller *c, gboolean retrying);
static void broker_finish (HttpAuthSession *self, PendingPrompt *p, gboolean success);

static void
controller_set_state (Controller      *c,
                      ControllerState  state)
{
  gboolean declared = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    if (edges[i].from == c->state && edges[i].to == state)
      declared = TRUE;

  if (!declared)
    g_critical ("Undeclared transition %s -> %s", state_names[c->state], state_names[state]);

  g_debug ("%p: %s -> %s", c, state_names[c->state], state_names[state]);
  c->state = state;
}

static void
controller_drop_message (Controller *c)
{
  if (c->msg != NULL && c->authenticate_id != 0)
    g_signal_handler_disconnect (c->msg, c->authenticate_id);
  c->authenticate_id = 0;
  g_clear_object (&c->msg);
}

static void
controller_free (Controller *c)
{
  controller_drop_message (c);
  g_clear_object (&c->session);
  g_clear_object (&c->request);
  g_clear_object (&c->cancellable);
  g_clear_pointer (&c->method, g_free);
  g_clear_pointer (&c->uri, g_uri_unref);
  g_clear_pointer (&c->headers, soup_message_headers_unref);
  g_clear_pointer (&c->body, g_bytes_unref);
  g_clear_object (&c->stream);
  g_clear_pointer (&c->url_credential, http_auth_credential_unref);
  g_clear_pointer (&c->partition, g_free);
  g_clear_pointer (&c->exchanges, g_ptr_array_unref);
  auth_side_reset (&c->origin);
  g_clear_pointer (&c->challenge_body, g_bytes_unref);
  g_clear_pointer (&c->proxy_uri, g_uri_unref);
  auth_side_reset (&c->proxy);
  g_free (c);
}

/* Completes the request with an error. The controller is freed. */
static void
controller_fail (Controller *c,
                 GError     *error)
{
  GTask *task = g_steal_pointer (&c->task);

  controller_set_state (c, STATE_DONE);
  if (c->prompt != NULL && c->prompt->verifier == c)
    broker_finish (c->session, c->prompt, FALSE);
  controller_free (c);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Completes the request with the current message as its response. */
static void
controller_return (Controller   *c,
                   GInputStream *body)
{
  GTask *task = g_steal_pointer (&c->task);
  HttpAuthResponse *response = _http_auth_response_new (c->msg, body, c->exchanges);

  controller_set_state (c, STATE_DONE);
  if (c->prompt != NULL && c->prompt->verifier == c)
    broker_finish (c->session, c->prompt, FALSE);
  controller_free (c);
  g_task_return_pointer (task, response, g_object_unref);
  g_object_unref (task);
}

/* Returns the 401 just read, body included, as the final response. */
static void
controller_return_challenge (Controller *c)
{
  g_autoptr(GInputStream) body = g_memory_input_stream_new_from_bytes (c->challenge_body);

  controller_return (c, body);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  g_autofree char *oa = _http_auth_uri_origin (a);
  g_autofree char *ob = _http_auth_uri_origin (b);

  return g_ascii_strcasecmp (oa, ob) == 0;
}

static gboolean
initiator_is_same_origin (Controller *c)
{
  const char *initiator = http_auth_request_get_initiator (c->request);
  g_autoptr(GUri) uri = NULL;

  if (initiator == NULL)
    return TRUE;
  uri = g_uri_parse (initiator, SOUP_HTTP_URI_FLAGS, NULL);

  return uri != NULL && same_origin (uri, c->uri);
}

/* Fetch: may this request carry (or be answered with) credentials? */
static gboolean
credentials_allowed (Controller *c)
{
  switch (http_auth_request_get_credentials_mode (c->request))
    {
    case HTTP_AUTH_CREDENTIALS_MODE_INCLUDE:
      return TRUE;
    case HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN:
      return initiator_is_same_origin (c);
    case HTTP_AUTH_CREDENTIALS_MODE_OMIT:
    default:
      return FALSE;
    }
}

/* May a 401 to this request be answered from the tab: by a prompt, or by
 * a login saved in the keyring? (Whether a prompter exists is separate.) */
static gboolean
prompt_allowed (Controller *c)
{
  HttpAuthPromptContext *context = http_auth_request_get_prompt_context (c->request);

  if (context == NULL || http_auth_prompt_context_is_closed (context))
    return FALSE;
  /* A CORS-tainted response never prompts. */
  if (http_auth_request_get_mode (c->request) == HTTP_AUTH_REQUEST_MODE_CORS)
    return FALSE;
  /* Cross-origin subresources (images, scripts, XHR) get their 401 as is. */
  if (http_auth_request_get_destination (c->request) == HTTP_AUTH_DESTINATION_SUBRESOURCE &&
      !initiator_is_same_origin (c))
    return FALSE;

  return TRUE;
}

static void
record_exchange (Controller *c,
                 const char *authorization)
{
  HttpAuthExchange *e = g_new0 (HttpAuthExchange, 1);

  e->method = g_strdup (c->method);
  e->url = g_uri_to_string_partial (c->uri, G_URI_HIDE_USERINFO);
  if (authorization != NULL)
    e->auth_scheme_sent = g_ascii_strdown (authorization, strcspn (authorization, " "));
  g_ptr_array_add (c->exchanges, e);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data);

/* Decides the Authorization of the next send: the caller's, the one being
 * verified or retried, or a preemptive one from the cache. */
static gboolean
controller_authorize (Controller  *c,
                      GError     **error)
{
  g_autofree char *target = NULL;

  g_clear_pointer (&c->origin.sent, _http_auth_secure_free);

  if (c->caller_authorization || !credentials_allowed (c))
    return TRUE;

  /* Preemptive: the URI lies in a protection space the server already
   * accepted credentials for (path prefix or Digest domain). */
  auth_side_preempt (&c->origin, c->session->cache, c->partition, HTTP_AUTH_TARGET_SERVER, c->uri,
                     _http_auth_uri_port (c->uri), g_uri_get_path (c->uri));

  target = _http_auth_uri_request_target (c->uri);
  return auth_side_authorize (&c->origin, c->method, target, c->body, error);
}

static void controller_do_send (Controller *c);
static void controller_collect_body (Controller *c, GInputStream *stream, GAsyncReadyCallback callback);
static gboolean authenticate_cb (SoupMessage *msg, SoupAuth *auth, gboolean retrying, gpointer user_data);

static void
controller_set_proxy (Controller *c,
                      const char *proxy)
{
  c->proxy_resolved = TRUE;
  g_clear_pointer (&c->proxy_uri, g_uri_unref);
  if (proxy != NULL && !g_str_equal (proxy, "direct://"))
    c->proxy_uri = g_uri_parse (proxy, G_URI_FLAGS_NONE, NULL);
}

typedef struct
{
  HttpAuthSession *session;
  char            *origin;
} ProxyLookup;

static void
proxy_resolved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ProxyLookup *lookup = user_data;
  HttpAuthSession *self = lookup->session;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, NULL);
  const char *proxy = proxies != NULL && proxies[0] != NULL ? proxies[0] : "direct://";
  g_autoptr(GPtrArray) waiting = NULL;
  gpointer key = NULL;

  /* Remembered per origin for the session, so that a burst of requests
   * makes one lookup, not one each. */
  g_hash_table_replace (self->proxy_for_origin, g_strdup (lookup->origin), g_strdup (proxy));
  if (g_hash_table_steal_extended (self->proxy_lookups, lookup->origin, &key, (gpointer *) &waiting))
    g_free (key);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      Controller *c = g_ptr_array_index (waiting, i);

      controller_set_proxy (c, proxy);
      controller_do_send (c);
    }

  g_object_unref (lookup->session);
  g_free (lookup->origin);
  g_free (lookup);
}

static void
controller_send (Controller *c)
{
  GProxyResolver *resolver = soup_session_get_proxy_resolver (c->session->soup);

  controller_set_state (c, STATE_SENDING);

  /* Which proxy (if any) libsoup will use for this URI: the engine must
   * know, to tell a proxy's 407 from anyone else's. */
  if (!c->proxy_resolved && resolver != NULL)
    {
      g_autofree char *origin = _http_auth_uri_origin (c->uri);
      const char *known = g_hash_table_lookup (c->session->proxy_for_origin, origin);
      g_autofree char *uri = NULL;

      if (known != NULL)
        {
          controller_set_proxy (c, known);
          controller_do_send (c);
          return;
        }

      {
        GPtrArray *waiting = g_hash_table_lookup (c->session->proxy_lookups, origin);
        ProxyLookup *lookup;

        if (waiting != NULL)
          {
            /* A lookup for this origin is under way: wait for its answer. */
            g_ptr_array_add (waiting, c);
            return;
          }

        waiting = g_ptr_array_new ();
        g_ptr_array_add (waiting, c);
        g_hash_table_insert (c->session->proxy_lookups, g_strdup (origin), waiting);

        lookup = g_new0 (ProxyLookup, 1);
        lookup->session = g_object_ref (c->session);
        lookup->origin = g_strdup (origin);
        uri = g_uri_to_string_partial (c->uri, G_URI_HIDE_USERINFO);
        g_proxy_resolver_lookup_async (resolver, uri, NULL, proxy_resolved_cb, lookup);
      }
      return;
    }

  c->proxy_resolved = TRUE;
  controller_do_send (c);
}

static guint16
proxy_port (GUri *proxy)
{
  int port = g_uri_get_port (proxy);

  return port > 0 ? port : 3128;
}

/* Proxy-Authorization for http:// through the proxy: the credential being
 * tried, or a preemptive one for this proxy from the cache. */
static gboolean
controller_authorize_proxy (Controller  *c,
                            GError     **error)
{
  g_autofree char *target = NULL;

  g_clear_pointer (&c->proxy.sent, _http_auth_secure_free);

  if (c->proxy_uri == NULL || !g_str_equal (g_uri_get_scheme (c->uri), "http"))
    return TRUE;

  auth_side_preempt (&c->proxy, c->session->cache, NULL, HTTP_AUTH_TARGET_PROXY, c->proxy_uri,
                     proxy_port (c->proxy_uri), "/");

  /* A request to a proxy carries the absolute URI as its request-target. */
  target = g_uri_to_string_partial (c->uri, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
  return auth_side_authorize (&c->proxy, c->method, target, c->body, error);
}

static void
controller_do_send (Controller *c)
{
  g_autoptr(GError) error = NULL;
  const char *content_type = _http_auth_request_get_content_type (c->request);

  controller_drop_message (c);
  c->msg = soup_message_new_from_uri (c->method, c->uri);
  /* The engine answers 401 itself: libsoup's manager must never add,
   * replace or cache origin credentials, nor re-send the body. */
  soup_message_disable_feature (c->msg, SOUP_TYPE_AUTH_MANAGER);
  soup_message_add_flags (c->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_foreach (c->headers, copy_header_cb, soup_message_get_request_headers (c->msg));

  if (c->body != NULL)
    soup_message_set_request_body_from_bytes (c->msg, content_type, c->body);
  else if (c->stream != NULL && !c->stream_sent)
    {
      soup_message_set_request_body (c->msg, content_type, c->stream, c->stream_length);
      c->stream_sent = TRUE;
    }

  if (!controller_authorize (c, &error))
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  if (c->origin.sent != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (c->msg), "Authorization",
                                  c->origin.sent);

  /* Proxy-Authorization is the engine's alone: it goes only to the proxy,
   * never into a tunnel, never to an origin. */
  soup_message_headers_remove (soup_message_get_request_headers (c->msg), "Proxy-Authorization");
  if (!controller_authorize_proxy (c, &error))
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }
  if (c->proxy.sent != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (c->msg), "Proxy-Authorization",
                                  c->proxy.sent);
  if (c->proxy_uri != NULL && g_str_equal (g_uri_get_scheme (c->uri), "https"))
    c->authenticate_id = g_signal_connect (c->msg, "authenticate", G_CALLBACK (authenticate_cb), c);

  record_exchange (c, soup_message_headers_get_one (soup_message_get_request_headers (c->msg),
                                                    "Authorization"));

  soup_session_send_async (c->session->soup, c->msg, G_PRIORITY_DEFAULT, c->cancellable,
                           send_cb, c);
}

typedef struct
{
  const char *name;
  GPtrArray  *values;
} Collect;

static void
collect_challenge_cb (const char *name,
                      const char *value,
                      gpointer    user_data)
{
  Collect *collect = user_data;

  if (g_ascii_strcasecmp (name, collect->name) == 0)
    g_ptr_array_add (collect->values, (gpointer) value);
}

/* Parses every @field (WWW-Authenticate or Proxy-Authenticate) of the
 * response, after checking their size; *n_fields says how many there were. */
static GPtrArray *
parse_challenges (Controller  *c,
                  const char  *field,
                  guint       *n_fields,
                  GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  Collect collect = { field, values };
  gsize total = 0;

  soup_message_headers_foreach (soup_message_get_response_headers (c->msg), collect_challenge_cb, &collect);
  for (guint i = 0; i < values->len; i++)
    total += strlen (g_ptr_array_index (values, i)) + 2;
  if (n_fields != NULL)
    *n_fields = values->len;

  /* Size policy lives here, before the parser sees anything. */
  if (total > c->session->max_field_size)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_HEADER_TOO_LARGE,
                   "The %s fields are %" G_GSIZE_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT,
                   field, total, c->session->max_field_size);
      return NULL;
    }

  g_ptr_array_add (values, NULL);
  return http_auth_challenge_parse_list ((const char * const *) values->pdata, NULL);
}

static void
controller_use_credential (Controller         *c,
                           HttpAuthCredential *credential)
{
  auth_side_use (&c->origin, credential);
  controller_send (c);
}

static void
controller_handle_401 (Controller *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) challenges = NULL;

  /* Fetch step 2: a caller-set Authorization wins, and its 401 is final. */
  if (c->caller_authorization || !credentials_allowed (c))
    {
      controller_return_challenge (c);
      return;
    }

  challenges = parse_challenges (c, "WWW-Authenticate", NULL, &error);
  if (challenges == NULL)
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  switch (auth_side_judge (&c->origin, challenges))
    {
    case AUTH_SIDE_STALE:
      controller_send (c);
      return;

    case AUTH_SIDE_REFUSED:
      /* Asked again, naming the failure; after three, the 401 is the
       * response. */
      if (auth_side_refuse (&c->origin, c->session->cache))
        controller_obtain_credentials (c, TRUE);
      else
        controller_return_challenge (c);
      return;

    case AUTH_SIDE_NEW_CHALLENGE:
    default:
      break;
    }

  if (!auth_side_choose (&c->origin, c->session->registry, challenges, c->partition, HTTP_AUTH_TARGET_SERVER,
                         c->uri, _http_auth_uri_port (c->uri)))
    {
      /* No usable challenge: the 401 is a response like any other. */
      controller_return_challenge (c);
      return;
    }

  controller_obtain_credentials (c, FALSE);
}

static void broker_request (Controller *c, gboolean retrying);
static gboolean keyring_allowed (Controller *c);

static void
controller_obtain_credentials (Controller *c,
                               gboolean    retrying)
{
  g_autoptr(HttpAuthCredential) cached = NULL;

  /* Fetch step 3: a body that cannot be sent again ends here. */
  if (c->stream_sent)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE,
                                               "The server asked for credentials, but the request "
                                               "body was a stream that cannot be sent again"));
      return;
    }

  /* URL credentials: once, and only after a challenge. */
  if (c->url_credential != NULL)
    {
      g_autoptr(HttpAuthCredential) url_credential = g_steal_pointer (&c->url_credential);

      controller_use_credential (c, url_credential);
      return;
    }

  /* Another request may have proven credentials for this space meanwhile. */
  cached = http_auth_credential_cache_lookup (c->session->cache, c->origin.space, NULL);
  if (auth_side_may_offer (&c->origin, cached))
    {
      controller_use_credential (c, cached);
      return;
    }

  if (!prompt_allowed (c) || (http_auth_prompt_broker_get_prompter (c->session->broker) == NULL && !keyring_allowed (c)))
    {
      controller_return_challenge (c);
      return;
    }

  broker_request (c, retrying);
}

/* ---- The prompt broker: one prompt per (tab, protection space) ---- */

static char *
prompt_key (HttpAuthPromptContext   *context,
            HttpAuthProtectionSpace *space)
{
  g_autofree char *s = http_auth_protection_space_to_string (space);

  return g_strdup_printf ("%p|%s", (void *) context, s);
}

static void
pending_prompt_free (PendingPrompt *p)
{
  g_free (p->key);
  g_clear_object (&p->context);
  http_auth_protection_space_unref (p->space);
  g_queue_clear (&p->waiters);
  g_free (p);
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data);

/* Private (ephemeral) contexts never touch the keyring. */
static gboolean
keyring_allowed (Controller *c)
{
  HttpAuthPromptContext *context = http_auth_request_get_prompt_context (c->request);

  return http_auth_prompt_broker_get_keyring (c->session->broker) != NULL && context != NULL && !http_auth_prompt_context_get_ephemeral (context);
}

static void
waiter_stop_watching (Controller *c)
{
  if (c->cancelled_id != 0)
    g_cancellable_disconnect (c->cancellable, c->cancelled_id);
  c->cancelled_id = 0;
  g_clear_handle_id (&c->cancel_idle_id, g_source_remove);
}

static gboolean
waiter_cancel_idle_cb (gpointer user_data)
{
  Controller *c = user_data;
  GError *error = NULL;

  /* Outside the cancellable's emission now, so it can be disconnected. */
  c->cancel_idle_id = 0;
  waiter_stop_watching (c);
  g_queue_remove (&c->prompt->waiters, c);
  c->prompt = NULL;
  g_cancellable_set_error_if_cancelled (c->cancellable, &error);
  controller_fail (c, error);

  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Controller *c = user_data;

  /* A cancelled waiter leaves the queue at once; the prompt stays for
   * the others. */
  if (c->cancel_idle_id == 0)
    c->cancel_idle_id = g_idle_add (waiter_cancel_idle_cb, c);
}

static void
broker_request (Controller *c,
                gboolean    retrying)
{
  HttpAuthSession *self = c->session;
  HttpAuthPromptContext *context = http_auth_request_get_prompt_context (c->request);
  g_autofree char *key = prompt_key (context, c->origin.space);
  g_autofree char *url = NULL;
  PendingPrompt *p = g_hash_table_lookup (self->prompts, key);

  if (p != NULL && p->verifier != c)
    {
      /* Someone already asks for this space in this tab: wait for the
       * answer to be verified, then use it from the cache. */
      controller_set_state (c, STATE_WAITING);
      g_queue_push_tail (&p->waiters, c);
      c->prompt = p;
      if (c->cancellable != NULL)
        c->cancelled_id = g_cancellable_connect (c->cancellable, G_CALLBACK (waiter_cancelled_cb), c, NULL);
      return;
    }

  if (p == NULL)
    {
      p = g_new0 (PendingPrompt, 1);
      p->key = g_steal_pointer (&key);
      p->context = g_object_ref (context);
      p->space = http_auth_protection_space_ref (c->origin.space);
      p->verifier = c;
      g_queue_init (&p->waiters);
      g_hash_table_insert (self->prompts, p->key, p);
      c->prompt = p;
    }

  /* The broker: suppression per (tab, site), a saved login (looked up once
   * per space, unlocking only right before a prompt), else the user. */
  controller_set_state (c, STATE_PROMPTING);
  url = g_uri_to_string_partial (c->uri, G_URI_HIDE_USERINFO);
  http_auth_prompt_broker_ask_async (self->broker, context, c->origin.space, url, retrying, NULL, ask_cb, c);
}

/* The prompt's story is over: the verifier succeeded (waiters use the
 * cache), or it ended without success (waiters get their 401). */
static void
broker_finish (HttpAuthSession *self,
               PendingPrompt   *p,
               gboolean         success)
{
  GQueue waiters = p->waiters;

  g_queue_init (&p->waiters);
  if (p->verifier != NULL)
    p->verifier->prompt = NULL;
  g_hash_table_steal (self->prompts, p->key);

  for (GList *l = waiters.head; l != NULL; l = l->next)
    {
      Controller *w = l->data;

      waiter_stop_watching (w);
      w->prompt = NULL;
      if (g_cancellable_is_cancelled (w->cancellable))
        {
          GError *error = NULL;
          g_cancellable_set_error_if_cancelled (w->cancellable, &error);
          controller_fail (w, error);
        }
      else if (success)
        controller_obtain_credentials (w, FALSE);
      else
        controller_return_challenge (w);
    }
  g_queue_clear (&waiters);

  pending_prompt_free (p);
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Controller *c = user_data;
  g_autoptr(HttpAuthCredential) credential = NULL;
  gboolean remember = FALSE;
  HttpAuthPromptResult res;

  res = http_auth_prompt_broker_ask_finish (HTTP_AUTH_PROMPT_BROKER (object), result, &credential, &remember,
                                            NULL, NULL);
  if (res != HTTP_AUTH_PROMPT_RESULT_ANSWERED)
    {
      /* Cancelled, suppressed or nobody to ask: every waiting request gets
       * its 401 body, as the user would see it. */
      controller_return_challenge (c);
      return;
    }

  c->remember = remember;
  controller_use_credential (c, credential);
}

/* ---- Proxies ---- */

typedef void (*ProxyAnswerFunc) (HttpAuthCredential *credential,
                                 gpointer            data);

typedef struct
{
  ProxyAnswerFunc func;
  gpointer        data;
} ProxyWaiter;

typedef struct
{
  HttpAuthSession *session;
  char            *key;
  GArray          *waiters;
} ProxyPrompt;

static void
proxy_prompt_free (ProxyPrompt *pp)
{
  g_free (pp->key);
  g_array_unref (pp->waiters);
  g_free (pp);
}

static void
proxy_ask_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ProxyPrompt *pp = user_data;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remember = FALSE;
  HttpAuthPromptResult res;

  res = http_auth_prompter_ask_finish (HTTP_AUTH_PROMPTER (object), result, &credential, &remember, &error);
  if (error != NULL)
    g_warning ("The prompter failed: %s", error->message);
  if (res != HTTP_AUTH_PROMPT_RESULT_ANSWERED)
    g_clear_pointer (&credential, http_auth_credential_unref);

  g_hash_table_steal (pp->session->proxy_prompts, pp->key);
  /* Every request that waits for this proxy gets the same answer. */
  for (guint i = 0; i < pp->waiters->len; i++)
    {
      ProxyWaiter *w = &g_array_index (pp->waiters, ProxyWaiter, i);
      w->func (credential, w->data);
    }
  proxy_prompt_free (pp);
}

/* One prompt per proxy protection space in the session, naming the proxy;
 * http:// requests and CONNECTs for the same proxy share it. */
static void
proxy_prompt (Controller              *c,
              HttpAuthProtectionSpace *space,
              gboolean                 retrying,
              ProxyAnswerFunc          func,
              gpointer                 data)
{
  HttpAuthSession *self = c->session;
  HttpAuthPromptContext *context = http_auth_request_get_prompt_context (c->request);
  g_autofree char *key = http_auth_protection_space_to_string (space);
  ProxyPrompt *pp = g_hash_table_lookup (self->proxy_prompts, key);
  ProxyWaiter waiter = { func, data };
  g_autoptr(HttpAuthPrompt) prompt = NULL;
  g_autofree char *url = NULL;

  if (pp != NULL)
    {
      g_array_append_val (pp->waiters, waiter);
      return;
    }

  pp = g_new0 (ProxyPrompt, 1);
  pp->session = self;
  pp->key = g_steal_pointer (&key);
  pp->waiters = g_array_new (FALSE, FALSE, sizeof (ProxyWaiter));
  g_array_append_val (pp->waiters, waiter);
  g_hash_table_insert (self->proxy_prompts, pp->key, pp);

  url = g_uri_to_string_partial (c->uri, G_URI_HIDE_USERINFO);
  prompt = _http_auth_prompt_new_for_space (context, space, url, retrying);
  g_signal_emit (self, signals[PROMPT], 0, prompt);
  http_auth_prompter_ask_async (http_auth_prompt_broker_get_prompter (self->broker), prompt,
                                http_auth_prompt_context_get_cancellable (context), proxy_ask_cb, pp);
}

/* The proxy credential to try: the accepted one from the cache, else one
 * the user just gave that is being verified; never the one refused. */
static HttpAuthCredential *
proxy_known_credential (Controller *c)
{
  g_autoptr(HttpAuthCredential) cached = http_auth_credential_cache_lookup (c->session->cache, c->proxy.space, NULL);
  HttpAuthCredential *answered;

  if (auth_side_may_offer (&c->proxy, cached))
    return g_steal_pointer (&cached);

  answered = g_hash_table_lookup (c->session->proxy_answers, c->proxy.space);
  if (auth_side_may_offer (&c->proxy, answered))
    return http_auth_credential_ref (answered);

  return NULL;
}

/* The proxy refused the credential being tried: no request offers it
 * again, neither from the cache nor from the answers given. Returns
 * whether another may still be tried. */
static gboolean
proxy_refuse (Controller *c)
{
  gboolean again = auth_side_refuse (&c->proxy, c->session->cache);
  HttpAuthCredential *answered;

  if (c->proxy.refused == NULL || c->proxy.space == NULL)
    return again;

  answered = g_hash_table_lookup (c->session->proxy_answers, c->proxy.space);
  if (answered != NULL && http_auth_credential_equal (answered, c->proxy.refused))
    g_hash_table_remove (c->session->proxy_answers, c->proxy.space);

  return again;
}

static gboolean
proxy_prompt_allowed (Controller *c)
{
  HttpAuthPromptContext *context = http_auth_request_get_prompt_context (c->request);

  /* Fetch: a 407 with no prompt context is a network error. */
  return http_auth_prompt_broker_get_prompter (c->session->broker) != NULL && context != NULL && !http_auth_prompt_context_is_closed (context);
}

static void
proxy_http_answer_cb (HttpAuthCredential *credential,
                      gpointer            data)
{
  Controller *c = data;

  if (credential == NULL)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                               "The proxy login was cancelled"));
      return;
    }

  g_hash_table_replace (c->session->proxy_answers, http_auth_protection_space_ref (c->proxy.space),
                        http_auth_credential_ref (credential));
  auth_side_use (&c->proxy, credential);
  controller_send (c);
}

static void
controller_obtain_proxy_credentials (Controller *c,
                                     gboolean    retrying)
{
  g_autoptr(HttpAuthCredential) cached = NULL;

  if (c->stream_sent)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE,
                                               "The proxy asked for credentials, but the request "
                                               "body was a stream that cannot be sent again"));
      return;
    }

  cached = proxy_known_credential (c);
  if (cached != NULL)
    {
      auth_side_use (&c->proxy, cached);
      controller_send (c);
      return;
    }

  if (!proxy_prompt_allowed (c))
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                               "The proxy needs a login and nobody can be asked"));
      return;
    }

  controller_set_state (c, STATE_PROMPTING);
  proxy_prompt (c, c->proxy.space, retrying, proxy_http_answer_cb, c);
}

/* A 407 to an http:// request sent through our proxy. */
static void
controller_handle_407 (Controller *c)
{
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GError) error = NULL;
  guint n_fields = 0;

  challenges = parse_challenges (c, "Proxy-Authenticate", &n_fields, &error);
  if (n_fields == 0)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                               "The proxy answered 407 without Proxy-Authenticate"));
      return;
    }
  if (challenges == NULL)
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  switch (auth_side_judge (&c->proxy, challenges))
    {
    case AUTH_SIDE_STALE:
      controller_send (c);
      return;

    case AUTH_SIDE_REFUSED:
      /* Asked again, naming the failure; after three, a network error. */
      if (proxy_refuse (c))
        controller_obtain_proxy_credentials (c, TRUE);
      else
        controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                                 "The proxy refused the credentials"));
      return;

    case AUTH_SIDE_NEW_CHALLENGE:
    default:
      break;
    }

  if (!auth_side_choose (&c->proxy, c->session->registry, challenges, NULL, HTTP_AUTH_TARGET_PROXY,
                         c->proxy_uri, proxy_port (c->proxy_uri)))
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                               "The proxy sent no usable challenge"));
      return;
    }

  controller_obtain_proxy_credentials (c, FALSE);
}

static void
read_proxy_challenge_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Controller *c = user_data;
  g_autoptr(GError) error = NULL;

  /* The proxy's body is read and dropped: it is never shown. */
  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  controller_handle_407 (c);
}

typedef struct
{
  Controller *c;
  SoupAuth   *auth;
} ConnectAuth;

static void
connect_answer_cb (HttpAuthCredential *credential,
                   gpointer            data)
{
  ConnectAuth *ca = data;

  if (credential != NULL)
    {
      g_hash_table_replace (ca->c->session->proxy_answers, http_auth_protection_space_ref (ca->c->proxy.space),
                            http_auth_credential_ref (credential));
      auth_side_use (&ca->c->proxy, credential);
      soup_auth_authenticate (ca->auth, http_auth_credential_get_username (credential),
                              http_auth_credential_get_password (credential));
    }
  else
    soup_auth_cancel (ca->auth);

  g_object_unref (ca->auth);
  g_free (ca);
}

/* libsoup keeps the CONNECT of an https:// request to itself; its auth
 * manager answers the proxy's 407 and asks here. Origin auth never comes
 * this way: the manager is disabled on the engine's messages. */
static gboolean
authenticate_cb (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  Controller *c = user_data;
  g_autoptr(HttpAuthCredential) cached = NULL;
  g_autofree char *auth_scheme = NULL;
  ConnectAuth *ca;

  if (!soup_auth_is_for_proxy (auth) || c->proxy_uri == NULL)
    return FALSE;

  auth_scheme = g_ascii_strdown (soup_auth_get_scheme_name (auth), -1);
  g_clear_pointer (&c->proxy.space, http_auth_protection_space_unref);
  c->proxy.space = http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_PROXY, g_uri_get_scheme (c->proxy_uri),
                                                   g_uri_get_host (c->proxy_uri), proxy_port (c->proxy_uri),
                                                   soup_auth_get_realm (auth), auth_scheme);

  /* The engine's limit, not libsoup's 20 tries. */
  if (retrying && !proxy_refuse (c))
    return FALSE;

  cached = proxy_known_credential (c);
  if (cached != NULL)
    {
      auth_side_use (&c->proxy, cached);
      soup_auth_authenticate (auth, http_auth_credential_get_username (cached),
                              http_auth_credential_get_password (cached));
      return TRUE;
    }

  if (!proxy_prompt_allowed (c))
    return FALSE;

  ca = g_new0 (ConnectAuth, 1);
  ca->c = c;
  ca->auth = g_object_ref (auth);
  proxy_prompt (c, c->proxy.space, retrying, connect_answer_cb, ca);

  return TRUE;
}

/* A 407 reached the engine: the proxy's (http://), the CONNECT's that
 * libsoup gave up on (https://, no headers), or nobody's business. */
static void
controller_got_407 (Controller   *c,
                    GInputStream *stream)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (c->msg);
  gboolean has_challenge = soup_message_headers_get_one (headers, "Proxy-Authenticate") != NULL;

  if (c->proxy_uri == NULL)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH,
                                               "An origin server answered 407, but no proxy is used"));
      return;
    }

  if (g_str_equal (g_uri_get_scheme (c->uri), "https"))
    {
      if (has_challenge)
        controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH,
                                                 "A 407 came from inside the TLS tunnel"));
      else
        controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
                                                 "The proxy refused the tunnel: no accepted login"));
      return;
    }

  controller_set_state (c, STATE_READING_CHALLENGE);
  controller_collect_body (c, stream, read_proxy_challenge_cb);
}

/* ---- Responses ---- */

static void
controller_succeeded (Controller *c)
{
  /* The proxy accepted its credential: an entry for the proxy (with the
   * scheme for http://, preemptive next time; bare for CONNECT). */
  if (c->proxy.credential != NULL && c->proxy.space != NULL &&
      (c->proxy.sent != NULL || c->authenticate_id != 0))
    {
      http_auth_credential_cache_add (c->session->cache, c->proxy.space, NULL, c->proxy.credential,
                                      c->proxy.sent != NULL && c->proxy.scheme ? G_OBJECT (c->proxy.scheme) : NULL);
      g_hash_table_remove (c->session->proxy_answers, c->proxy.space);
    }

  /* Credentials become an authentication entry only once the server
   * accepted them (Fetch step 7). */
  if (c->origin.credential != NULL && c->origin.space != NULL && c->origin.scheme != NULL && c->origin.sent != NULL)
    {
      g_auto(GStrv) prefixes = http_auth_scheme_get_protection_space (c->origin.scheme, c->uri);

      http_auth_credential_cache_add (c->session->cache, c->origin.space, (const char * const *) prefixes,
                                      c->origin.credential, G_OBJECT (c->origin.scheme));

      /* The answer to a prompt (or a saved login) went through: the
       * broker records it in the tab and saves it if the user asked. */
      if (c->prompt != NULL && c->prompt->verifier == c)
        {
          http_auth_prompt_broker_accepted (c->session->broker, c->prompt->context, c->origin.space, c->origin.credential,
                                            c->remember);
          broker_finish (c->session, c->prompt, TRUE);
        }
      c->remember = FALSE;
    }
}

static void
read_challenge_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Controller *c = user_data;
  GOutputStream *out = G_OUTPUT_STREAM (object);
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (out, result, &error) < 0)
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  g_clear_pointer (&c->challenge_body, g_bytes_unref);
  c->challenge_body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  controller_handle_401 (c);
}

/* Reads a whole body into memory; @callback gets the memory stream. */
static void
controller_collect_body (Controller          *c,
                         GInputStream        *stream,
                         GAsyncReadyCallback  callback)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, c->cancellable, callback, c);
}

static void
controller_read_challenge (Controller   *c,
                           GInputStream *stream)
{
  controller_set_state (c, STATE_READING_CHALLENGE);
  /* The 401 body is kept: it is what the user sees if no login follows. */
  controller_collect_body (c, stream, read_challenge_cb);
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
controller_follow_redirect (Controller   *c,
                            GInputStream *stream)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (c->msg), "Location");
  guint status = soup_message_get_status (c->msg);
  g_autoptr(GUri) next = NULL;

  controller_set_state (c, STATE_REDIRECTING);
  g_input_stream_close (stream, NULL, NULL);

  if (http_auth_request_get_redirect_mode (c->request) == HTTP_AUTH_REDIRECT_MODE_ERROR)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
                                               "The request does not allow redirects"));
      return;
    }

  next = g_uri_parse_relative (c->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL ||
      (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 && g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
    {
      controller_fail (c, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
                                       "Invalid redirect location “%s”", location));
      return;
    }

  if (++c->redirects > 20)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TOO_MANY_REDIRECTS,
                                               "More than 20 redirects"));
      return;
    }

  /* Fetch "HTTP-redirect fetch": 303, and 301/302 after POST, become GET
   * without a body; 307/308 replay the body, which a stream cannot. */
  if (status == 303 ? !g_str_equal (c->method, "HEAD")
                    : ((status == 301 || status == 302) && g_str_equal (c->method, "POST")))
    {
      g_free (c->method);
      c->method = g_strdup ("GET");
      g_clear_pointer (&c->body, g_bytes_unref);
      g_clear_object (&c->stream);
      c->stream_sent = FALSE;
      soup_message_headers_remove (c->headers, "Content-Type");
    }
  else if (c->stream_sent)
    {
      controller_fail (c, g_error_new_literal (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
                                               "The redirect would need the request body again, "
                                               "but it was a stream"));
      return;
    }

  /* A redirect answering credentials means they were accepted. */
  controller_succeeded (c);

  if (!same_origin (c->uri, next))
    {
      /* Cross-origin: Authorization goes, caller-set or not, and nothing
       * of the old origin's credentials follows. */
      soup_message_headers_remove (c->headers, "Authorization");
      c->caller_authorization = FALSE;
      g_clear_pointer (&c->url_credential, http_auth_credential_unref);
    }

  /* The engine's own credentials are chosen again for the new URI: the
   * cache attaches them preemptively where the URI lies in a known space
   * (same origin only, since spaces are per origin). */
  auth_side_reset (&c->origin);

  /* The next hop may use another proxy: its credentials are chosen again
   * (Proxy-Authorization never follows a change of proxy). */
  c->proxy_resolved = FALSE;
  auth_side_reset (&c->proxy);

  g_uri_unref (c->uri);
  c->uri = g_steal_pointer (&next);
  controller_send (c);
}

static void
verify_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Controller *c = user_data;
  GOutputStream *out = G_OUTPUT_STREAM (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GInputStream) replay = NULL;
  const char *info;

  if (g_output_stream_splice_finish (out, result, &error) < 0)
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  info = soup_message_headers_get_one (soup_message_get_response_headers (c->msg), "Authentication-Info");
  if (!http_auth_scheme_check_authentication_info (c->origin.scheme, c->origin.credential, c->origin.sent, info,
                                                   body, &error))
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  controller_succeeded (c);
  replay = g_memory_input_stream_new_from_bytes (body);
  controller_return (c, replay);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Controller *c = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  HttpAuthExchange *exchange;
  guint status;
  const char *info;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      controller_fail (c, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (c->msg);
  exchange = g_ptr_array_index (c->exchanges, c->exchanges->len - 1);
  exchange->status = status;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      controller_read_challenge (c, stream);
      return;
    }

  if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    {
      controller_got_407 (c, stream);
      return;
    }

  if (is_redirect (status) &&
      http_auth_request_get_redirect_mode (c->request) != HTTP_AUTH_REDIRECT_MODE_MANUAL &&
      soup_message_headers_get_one (soup_message_get_response_headers (c->msg), "Location") != NULL)
    {
      controller_follow_redirect (c, stream);
      return;
    }

  /* Authentication-Info proves the server knows the password (rspauth);
   * a wrong proof fails the request. auth-int covers the body. */
  info = soup_message_headers_get_one (soup_message_get_response_headers (c->msg), "Authentication-Info");
  if (info != NULL && c->origin.sent != NULL && c->origin.scheme != NULL)
    {
      if (strstr (c->origin.sent, "qop=auth-int") != NULL)
        {
          controller_collect_body (c, stream, verify_info_cb);
          return;
        }

      if (!http_auth_scheme_check_authentication_info (c->origin.scheme, c->origin.credential, c->origin.sent,
                                                       info, NULL, &error))
        {
          controller_fail (c, g_steal_pointer (&error));
          return;
        }
    }

  controller_succeeded (c);
  controller_return (c, stream);
}

/* ---- GObject ---- */

static void
http_auth_session_dispose (GObject *object)
{
  HttpAuthSession *self = HTTP_AUTH_SESSION (object);

  if (self->broker != NULL)
    {
      http_auth_prompt_broker_set_prompter (self->broker, NULL);
      http_auth_prompt_broker_set_keyring (self->broker, NULL);
    }
  g_clear_object (&self->soup);
  g_clear_object (&self->registry);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (http_auth_session_parent_class)->dispose (object);
}

static void
http_auth_session_finalize (GObject *object)
{
  HttpAuthSession *self = HTTP_AUTH_SESSION (object);

  g_clear_pointer (&self->prompts, g_hash_table_unref);
  g_clear_pointer (&self->proxy_prompts, g_hash_table_unref);
  g_clear_pointer (&self->proxy_for_origin, g_hash_table_unref);
  g_clear_pointer (&self->proxy_lookups, g_hash_table_unref);
  g_clear_pointer (&self->proxy_answers, g_hash_table_unref);
  if (self->broker != NULL)
    g_signal_handlers_disconnect_by_data (self->broker, self);
  g_clear_object (&self->broker);

  G_OBJECT_CLASS (http_auth_session_parent_class)->finalize (object);
}

static void
http_auth_session_constructed (GObject *object)
{
  HttpAuthSession *self = HTTP_AUTH_SESSION (object);

  G_OBJECT_CLASS (http_auth_session_parent_class)->constructed (object);

  if (self->soup == NULL)
    self->soup = soup_session_new ();

  /* For the one 407 libsoup keeps to itself (a CONNECT), its manager
   * computes Digest with HttpAuth's code: SHA-256 and SHA-512-256 too. */
  if (!soup_session_has_feature (self->soup, HTTP_AUTH_TYPE_SOUP_DIGEST))
    soup_session_add_feature_by_type (self->soup, HTTP_AUTH_TYPE_SOUP_DIGEST);
}

static void
http_auth_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HttpAuthSession *self = HTTP_AUTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_SOUP_SESSION:
      g_value_set_object (value, self->soup);
      break;

    case PROP_PROMPTER:
      g_value_set_object (value, http_auth_prompt_broker_get_prompter (self->broker));
      break;

    case PROP_KEYRING:
      g_value_set_object (value, http_auth_prompt_broker_get_keyring (self->broker));
      break;

    case PROP_MAX_FIELD_SIZE:
      g_value_set_uint64 (value, self->max_field_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_session_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HttpAuthSession *self = HTTP_AUTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_SOUP_SESSION:
      self->soup = g_value_dup_object (value);
      break;

    case PROP_PROMPTER:
      http_auth_session_set_prompter (self, g_value_get_object (value));
      break;

    case PROP_KEYRING:
      http_auth_session_set_keyring (self, g_value_get_object (value));
      break;

    case PROP_MAX_FIELD_SIZE:
      http_auth_session_set_max_field_size (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_session_class_init (HttpAuthSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = http_auth_session_constructed;
  object_class->dispose = http_auth_session_dispose;
  object_class->finalize = http_auth_session_finalize;
  object_class->get_property = http_auth_session_get_property;
  object_class->set_property = http_auth_session_set_property;

  /**
   * HttpAuthSession:soup-session:
   *
   * The #SoupSession requests go through.
   */
  properties[PROP_SOUP_SESSION] =
    g_param_spec_object ("soup-session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:prompter:
   *
   * The delegate that asks the user; %NULL means no prompt ever appears.
   */
  properties[PROP_PROMPTER] =
    g_param_spec_object ("prompter", NULL, NULL,
                         HTTP_AUTH_TYPE_PROMPTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:keyring:
   *
   * The system keyring, or %NULL to keep logins in memory only. Saved
   * logins are looked up (at most once per protection space and session)
   * before a prompt is shown, and a login the server accepted is saved when
   * the user asked to remember it. Ephemeral prompt contexts never use it.
   */
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         HTTP_AUTH_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:max-field-size:
   *
   * The largest `WWW-Authenticate` fields (all lines of one response
   * together) the engine parses; larger ones fail the request with
   * %HTTP_AUTH_ERROR_HEADER_TOO_LARGE.
   */
  properties[PROP_MAX_FIELD_SIZE] =
    g_param_spec_uint64 ("max-field-size", NULL, NULL,
                         16, G_MAXUINT32, HTTP_AUTH_SESSION_DEFAULT_MAX_FIELD_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HttpAuthSession::prompt:
   * @self: the session
   * @prompt: the prompt being shown
   *
   * Emitted each time the prompter is asked, once per coalesced prompt.
   */
  signals[PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HTTP_AUTH_TYPE_PROMPT);
}

static void
broker_prompt_cb (HttpAuthSession *self,
                  HttpAuthPrompt  *prompt)
{
  g_signal_emit (self, signals[PROMPT], 0, prompt);
}

static void
http_auth_session_init (HttpAuthSession *self)
{
  self->registry = http_auth_scheme_registry_new ();
  self->cache = http_auth_credential_cache_new (HTTP_AUTH_CREDENTIAL_CACHE_DEFAULT_MAX_ENTRIES);
  self->max_field_size = HTTP_AUTH_SESSION_DEFAULT_MAX_FIELD_SIZE;
  self->prompts = g_hash_table_new (g_str_hash, g_str_equal);
  self->proxy_prompts = g_hash_table_new (g_str_hash, g_str_equal);
  self->proxy_for_origin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->proxy_lookups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->proxy_answers = g_hash_table_new_full (http_auth_protection_space_hash, http_auth_protection_space_equal,
                                               (GDestroyNotify) http_auth_protection_space_unref,
                                               (GDestroyNotify) http_auth_credential_unref);
  self->broker = http_auth_prompt_broker_new ();
  http_auth_prompt_broker_set_unlock_to_prompt (self->broker, TRUE);
  g_signal_connect_swapped (self->broker, "prompt", G_CALLBACK (broker_prompt_cb), self);
}

/**
 * http_auth_session_new:
 *
 * Creates a session with its own #SoupSession.
 *
 * Returns: (transfer full): a new session
 */
HttpAuthSession *
http_auth_session_new (void)
{
  return g_object_new (HTTP_AUTH_TYPE_SESSION, NULL);
}

/**
 * http_auth_session_new_for_soup_session:
 * @soup_session: the #SoupSession to send through
 *
 * Creates a session over an existing #SoupSession. Its auth manager may
 * stay: the engine disables it on each message it sends.
 *
 * Returns: (transfer full): a new session
 */
HttpAuthSession *
http_auth_session_new_for_soup_session (SoupSession *soup_session)
{
  g_return_val_if_fail (SOUP_IS_SESSION (soup_session), NULL);

  return g_object_new (HTTP_AUTH_TYPE_SESSION, "soup-session", soup_session, NULL);
}

/**
 * http_auth_session_get_soup_session:
 * @self: a #HttpAuthSession
 *
 * Returns: (transfer none): the #SoupSession
 */
SoupSession *
http_auth_session_get_soup_session (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);
  return self->soup;
}

/**
 * http_auth_session_get_credential_cache:
 * @self: a #HttpAuthSession
 *
 * Returns: (transfer none): the in-memory credential cache
 */
HttpAuthCredentialCache *
http_auth_session_get_credential_cache (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);
  return self->cache;
}

/**
 * http_auth_session_get_scheme_registry:
 * @self: a #HttpAuthSession
 *
 * Returns: (transfer none): the scheme registry, where an application adds
 *   its own schemes
 */
HttpAuthSchemeRegistry *
http_auth_session_get_scheme_registry (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);
  return self->registry;
}

/**
 * http_auth_session_get_prompter:
 * @self: a #HttpAuthSession
 *
 * Returns: (transfer none) (nullable): the prompter
 */
HttpAuthPrompter *
http_auth_session_get_prompter (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);
  return http_auth_prompt_broker_get_prompter (self->broker);
}

/**
 * http_auth_session_set_prompter:
 * @self: a #HttpAuthSession
 * @prompter: (nullable): the prompter
 *
 * Sets [property@HttpAuth.Session:prompter].
 */
void
http_auth_session_set_prompter (HttpAuthSession  *self,
                                HttpAuthPrompter *prompter)
{
  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));
  g_return_if_fail (prompter == NULL || HTTP_AUTH_IS_PROMPTER (prompter));

  if (http_auth_prompt_broker_get_prompter (self->broker) != prompter)
    {
      http_auth_prompt_broker_set_prompter (self->broker, prompter);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPTER]);
    }
}

/**
 * http_auth_session_get_keyring:
 * @self: a #HttpAuthSession
 *
 * Returns: (transfer none) (nullable): the keyring
 */
HttpAuthKeyring *
http_auth_session_get_keyring (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);
  return http_auth_prompt_broker_get_keyring (self->broker);
}

/**
 * http_auth_session_set_keyring:
 * @self: a #HttpAuthSession
 * @keyring: (nullable): the keyring
 *
 * Sets [property@HttpAuth.Session:keyring].
 */
void
http_auth_session_set_keyring (HttpAuthSession *self,
                               HttpAuthKeyring *keyring)
{
  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));
  g_return_if_fail (keyring == NULL || HTTP_AUTH_IS_KEYRING (keyring));

  if (http_auth_prompt_broker_get_keyring (self->broker) != keyring)
    {
      http_auth_prompt_broker_set_keyring (self->broker, keyring);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING]);
    }
}

/**
 * http_auth_session_set_proxy_resolver:
 * @self: a #HttpAuthSession
 * @resolver: (nullable): the proxy resolver, or %NULL for no proxy
 *
 * Sets the proxies requests go through (on the #SoupSession as well, so
 * that the engine and libsoup agree on which proxy a request uses).
 * libsoup would otherwise keep sending over connections it opened to the
 * previous proxy, so the session's connections are closed, and requests
 * in flight are cancelled: set the proxy before sending.
 */
void
http_auth_session_set_proxy_resolver (HttpAuthSession *self,
                                      GProxyResolver  *resolver)
{
  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  soup_session_set_proxy_resolver (self->soup, resolver);
  soup_session_abort (self->soup);
  g_hash_table_remove_all (self->proxy_for_origin);
}

/**
 * http_auth_session_set_proxy_uri:
 * @self: a #HttpAuthSession
 * @proxy_uri: (nullable): a proxy URI such as `http://proxy:3128`, or %NULL
 *   for no proxy
 *
 * Sends every request through one proxy.
 */
void
http_auth_session_set_proxy_uri (HttpAuthSession *self,
                                 const char      *proxy_uri)
{
  g_autoptr(GProxyResolver) resolver = NULL;

  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));

  if (proxy_uri != NULL)
    resolver = g_simple_proxy_resolver_new (proxy_uri, NULL);
  http_auth_session_set_proxy_resolver (self, resolver);
}

/**
 * http_auth_session_get_max_field_size:
 * @self: a #HttpAuthSession
 *
 * Returns: the limit on `WWW-Authenticate` fields, in bytes
 */
gsize
http_auth_session_get_max_field_size (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), 0);
  return self->max_field_size;
}

/**
 * http_auth_session_set_max_field_size:
 * @self: a #HttpAuthSession
 * @max_field_size: the limit, in bytes
 *
 * Sets [property@HttpAuth.Session:max-field-size].
 */
void
http_auth_session_set_max_field_size (HttpAuthSession *self,
                                      gsize            max_field_size)
{
  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));

  if (self->max_field_size == max_field_size)
    return;
  self->max_field_size = max_field_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_FIELD_SIZE]);
}

/**
 * http_auth_session_send_async:
 * @self: a #HttpAuthSession
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the final response
 * @user_data: data for @callback
 *
 * Sends @request and follows every authentication and redirect step.
 * The callback runs on the thread-default main context of the caller.
 */
void
http_auth_session_send_async (HttpAuthSession     *self,
                              HttpAuthRequest     *request,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Controller *c;
  GUri *uri;
  HttpAuthPromptContext *context;

  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_session_send_async);
  g_task_set_name (task, "[http-auth] send");

  uri = http_auth_request_get_uri (request);
  context = http_auth_request_get_prompt_context (request);

  c = g_new0 (Controller, 1);
  c->session = g_object_ref (self);
  c->task = g_steal_pointer (&task);
  c->request = g_object_ref (request);
  c->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  c->state = STATE_IDLE;
  c->method = g_strdup (http_auth_request_get_method (request));
  /* User information is never sent as is: it is kept as a credential
   * for use after a challenge. */
  c->uri = soup_uri_copy (uri, SOUP_URI_USER, NULL, SOUP_URI_PASSWORD, NULL, SOUP_URI_NONE);
  if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    {
      g_autofree char *user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
      g_autofree char *password = g_uri_get_password (uri)
                                  ? g_uri_unescape_string (g_uri_get_password (uri), NULL)
                                  : g_strdup ("");

      if (user != NULL && password != NULL)
        c->url_credential = http_auth_credential_new (user, password);
    }
  c->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (http_auth_request_get_headers (request), copy_header_cb, c->headers);
  c->caller_authorization = soup_message_headers_get_one (c->headers, "Authorization") != NULL;
  c->body = http_auth_request_get_body (request) ? g_bytes_ref (http_auth_request_get_body (request)) : NULL;
  if (_http_auth_request_has_stream (request))
    c->stream = _http_auth_request_take_stream (request, &c->stream_length);
  c->partition = context ? http_auth_prompt_context_dup_partition (context) : NULL;
  c->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_exchange_free);

  controller_send (c);
}

/**
 * http_auth_session_send_finish:
 * @self: a #HttpAuthSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Completes [method@HttpAuth.Session.send_async]. A 401 that was not
 * answered is a response, not an error; network errors, a one-shot body
 * that cannot be replayed, a wrong `rspauth` and oversized challenges are
 * errors.
 *
 * Returns: (transfer full) (nullable): the final response
 */
HttpAuthResponse *
http_auth_session_send_finish (HttpAuthSession  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  HttpAuthResponse *response;
  GBytes           *body;
} SendAndRead;

static void
send_and_read_free (SendAndRead *sr)
{
  g_clear_object (&sr->response);
  g_clear_pointer (&sr->body, g_bytes_unref);
  g_free (sr);
}

static void
send_and_read_body_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SendAndRead *sr = g_new0 (SendAndRead, 1);

  sr->response = g_object_ref (HTTP_AUTH_RESPONSE (object));
  sr->body = http_auth_response_read_body_finish (sr->response, result, &error);
  if (sr->body == NULL)
    {
      send_and_read_free (sr);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, sr, (GDestroyNotify) send_and_read_free);
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthResponse) response = NULL;
  GCancellable *cancellable;

  response = http_auth_session_send_finish (HTTP_AUTH_SESSION (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  http_auth_response_read_body_async (response, cancellable, send_and_read_body_cb,
                                      g_steal_pointer (&task));
}

/**
 * http_auth_session_send_and_read_async:
 * @self: a #HttpAuthSession
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response and its body
 * @user_data: data for @callback
 *
 * Like [method@HttpAuth.Session.send_async], then reads the whole body.
 */
void
http_auth_session_send_and_read_async (HttpAuthSession     *self,
                                       HttpAuthRequest     *request,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_session_send_and_read_async);
  http_auth_session_send_async (self, request, cancellable, send_and_read_cb, g_steal_pointer (&task));
}

/**
 * http_auth_session_send_and_read_finish:
 * @self: a #HttpAuthSession
 * @result: the #GAsyncResult
 * @body: (out) (transfer full) (optional): the body
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the final response
 */
HttpAuthResponse *
http_auth_session_send_and_read_finish (HttpAuthSession  *self,
                                        GAsyncResult     *result,
                                        GBytes          **body,
                                        GError          **error)
{
  SendAndRead *sr;
  HttpAuthResponse *response;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  sr = g_task_propagate_pointer (G_TASK (result), error);
  if (sr == NULL)
    return NULL;

  response = g_steal_pointer (&sr->response);
  if (body != NULL)
    *body = g_steal_pointer (&sr->body);
  send_and_read_free (sr);

  return response;
}

static void
keyring_flushed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (http_auth_keyring_flush_finish (HTTP_AUTH_KEYRING (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * http_auth_session_flush_async:
 * @self: a #HttpAuthSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when no keyring save is in flight
 * @user_data: data for @callback
 *
 * Waits for the keyring saves started by accepted logins to end, for
 * example before a command-line program exits.
 */
void
http_auth_session_flush_async (HttpAuthSession     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_session_flush_async);
  if (http_auth_prompt_broker_get_keyring (self->broker) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  http_auth_keyring_flush_async (http_auth_prompt_broker_get_keyring (self->broker), cancellable, keyring_flushed_cb, g_steal_pointer (&task));
}

/**
 * http_auth_session_flush_finish:
 * @self: a #HttpAuthSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE
 */
gboolean
http_auth_session_flush_finish (HttpAuthSession  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
