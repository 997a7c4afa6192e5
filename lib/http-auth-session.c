/* http-auth-session.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-session"

#include "config.h"

#include "http-auth-prompt-context-private.h"
#include "http-auth-private-tabs-private.h"
#include "http-auth-session-private.h"
#include "http-auth-transaction-private.h"

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
 * itself, so that authentication and redirects compose as Fetch says.
 *
 * A proxy's `407` counts only when libsoup really sent the request through
 * that HTTP proxy (the route is read from the connection, not predicted
 * from the resolver), and `Proxy-Authorization` only ever goes to the
 * proxy it is for, CONNECTs of `https://` requests included. See
 * `docs/architecture.md` for the rooms of the engine and its state table.
 */

struct _HttpAuthSession
{
  GObject                  parent_instance;
  SoupSession             *soup;
  HttpAuthSchemeRegistry  *registry;
  HttpAuthCredentialCache *cache;
  /* The question layer: one question per (tab, protection space), origin
   * and proxy alike; holds the session's prompter and keyring. */
  HttpAuthPromptBroker    *broker;
  /* Verify-then-release of answers, per (tab, protection space). */
  HttpAuthVerifyGates     *gates;
  /* Proxy logins given and not yet accepted; the CONNECT bridge. */
  HttpAuthProxyLogins     *proxy_logins;
  gsize                    max_field_size;
  /* Private tabs seen: their logins leave the cache when they close. */
  HttpAuthPrivateTabs     *private_tabs;
  /* Which hosts get Kerberos tokens, and the origins that took one. */
  HttpAuthNegotiatePolicy *negotiate;
  /* First sends held while another request of the same origin and
   * directory asks: "partition\norigin/dir/" -> GPtrArray of GTask. */
  GHashTable              *waves;
  /* The directories whose probe got no 401 (bounded). */
  GHashTable              *open_dirs;
};


G_DEFINE_FINAL_TYPE (HttpAuthSession, http_auth_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOUP_SESSION,
  PROP_PROMPTER,
  PROP_KEYRING,
  PROP_MAX_FIELD_SIZE,
  PROP_PROXY_RESOLVER,
  PROP_NEGOTIATE_ALLOWLIST,
  PROP_NEGOTIATE_DELEGATION_ALLOWLIST,
  PROP_NEGOTIATE_INCLUDE_PORT,
  PROP_NEGOTIATE_TIMEOUT,
  N_PROPS
};

enum {
  PROMPT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A private tab's logins live in memory only and die with the tab. */
void
_http_auth_session_watch_context (HttpAuthSession       *self,
                                  HttpAuthPromptContext *context)
{
  _http_auth_private_tabs_watch (self->private_tabs, context);
}

HttpAuthPromptBroker *
_http_auth_session_get_broker (HttpAuthSession *self)
{
  return self->broker;
}

HttpAuthVerifyGates *
_http_auth_session_get_gates (HttpAuthSession *self)
{
  return self->gates;
}

HttpAuthProxyLogins *
_http_auth_session_get_proxy_logins (HttpAuthSession *self)
{
  return self->proxy_logins;
}

HttpAuthNegotiatePolicy *
_http_auth_session_get_negotiate (HttpAuthSession *self)
{
  return self->negotiate;
}

GHashTable *
_http_auth_session_get_waves (HttpAuthSession *self)
{
  return self->waves;
}

/* At most this many directories are remembered as needing no login; past
 * it the table starts over (a directory then has one probe again). */
#define MAX_OPEN_DIRS 4096

gboolean
_http_auth_session_is_open_dir (HttpAuthSession *self,
                                const char      *key)
{
  return g_hash_table_contains (self->open_dirs, key);
}

void
_http_auth_session_add_open_dir (HttpAuthSession *self,
                                 const char      *key)
{
  if (g_hash_table_size (self->open_dirs) >= MAX_OPEN_DIRS)
    g_hash_table_remove_all (self->open_dirs);
  g_hash_table_add (self->open_dirs, g_strdup (key));
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
  if (self->proxy_logins != NULL)
    _http_auth_proxy_logins_detach (self->proxy_logins);
  g_clear_object (&self->soup);
  g_clear_object (&self->registry);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (http_auth_session_parent_class)->dispose (object);
}

static void
http_auth_session_finalize (GObject *object)
{
  HttpAuthSession *self = HTTP_AUTH_SESSION (object);

  /* Every request holds the session: no gate is left by now. */
  g_clear_pointer (&self->gates, _http_auth_gates_free);
  g_clear_pointer (&self->proxy_logins, _http_auth_proxy_logins_unref);
  g_clear_pointer (&self->private_tabs, _http_auth_private_tabs_free);
  g_clear_pointer (&self->negotiate, _http_auth_negotiate_policy_free);
  /* Every request holds the session: no wave is left by now. */
  g_clear_pointer (&self->waves, g_hash_table_unref);
  g_clear_pointer (&self->open_dirs, g_hash_table_unref);
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

  /* The CONNECTs libsoup keeps to itself get their Proxy-Authorization
   * from the engine (and only for the proxy they go to). */
  _http_auth_proxy_logins_attach (self->proxy_logins, self->soup);
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

    case PROP_PROXY_RESOLVER:
      g_value_set_object (value, http_auth_session_get_proxy_resolver (self));
      break;

    case PROP_NEGOTIATE_ALLOWLIST:
      g_value_set_boxed (value, _http_auth_negotiate_policy_get_allowlist (self->negotiate));
      break;

    case PROP_NEGOTIATE_DELEGATION_ALLOWLIST:
      g_value_set_boxed (value, _http_auth_negotiate_policy_get_delegation (self->negotiate));
      break;

    case PROP_NEGOTIATE_INCLUDE_PORT:
      g_value_set_boolean (value, _http_auth_negotiate_policy_get_include_port (self->negotiate));
      break;

    case PROP_NEGOTIATE_TIMEOUT:
      g_value_set_uint (value, _http_auth_negotiate_policy_get_timeout (self->negotiate));
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

    case PROP_PROXY_RESOLVER:
      http_auth_session_set_proxy_resolver (self, g_value_get_object (value));
      break;

    case PROP_NEGOTIATE_ALLOWLIST:
      http_auth_session_set_negotiate_allowlist (self, g_value_get_boxed (value));
      break;

    case PROP_NEGOTIATE_DELEGATION_ALLOWLIST:
      _http_auth_negotiate_policy_set_delegation (self->negotiate, g_value_get_boxed (value));
      break;

    case PROP_NEGOTIATE_INCLUDE_PORT:
      _http_auth_negotiate_policy_set_include_port (self->negotiate, g_value_get_boolean (value));
      break;

    case PROP_NEGOTIATE_TIMEOUT:
      _http_auth_negotiate_policy_set_timeout (self->negotiate, g_value_get_uint (value));
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

  /**
   * HttpAuthSession:proxy-resolver:
   *
   * The proxies requests go through, set on the #SoupSession too; %NULL
   * for none. Which proxy a request really went through is read from its
   * connection, so a resolver's fallback (another proxy, or DIRECT) is
   * seen as it happens.
   */
  properties[PROP_PROXY_RESOLVER] =
    g_param_spec_object ("proxy-resolver", NULL, NULL,
                         G_TYPE_PROXY_RESOLVER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:negotiate-allowlist:
   *
   * The hosts that get a Kerberos token when they answer with a Negotiate
   * challenge (RFC 4559), as browsers' `AuthServerAllowlist`. Each entry is
   * `[scheme://]host[:port]`, or several such separated by commas; host is
   * `*` (every host), `*.example.com` (its subdomains), `*example.com` (any
   * host ending so) or `example.com` (that host and its subdomains). Empty
   * (the default): Negotiate is never used and the next challenge (Basic,
   * Digest) or the 401 is what the user sees. Proxies are matched by their
   * own host and port. Negotiate never prompts and never uses the keyring.
   */
  properties[PROP_NEGOTIATE_ALLOWLIST] =
    g_param_spec_boxed ("negotiate-allowlist", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:negotiate-delegation-allowlist:
   *
   * The hosts (patterns as in
   * [property@HttpAuth.Session:negotiate-allowlist]) that may receive a
   * delegated (forwardable) ticket, as browsers'
   * `AuthNegotiateDelegateAllowlist`. Empty (the default): never.
   */
  properties[PROP_NEGOTIATE_DELEGATION_ALLOWLIST] =
    g_param_spec_boxed ("negotiate-delegation-allowlist", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:negotiate-include-port:
   *
   * Whether the Kerberos service name carries a non-default port
   * (`HTTP@host:8080`) rather than the host alone (`HTTP@host`, the
   * default, as browsers do).
   */
  properties[PROP_NEGOTIATE_INCLUDE_PORT] =
    g_param_spec_boolean ("negotiate-include-port", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthSession:negotiate-timeout:
   *
   * The longest a request waits, in milliseconds, for one GSS-API step (it
   * may need the KDC); past it the request fails with
   * %HTTP_AUTH_ERROR_TIMED_OUT. 0 waits as long as GSS-API does. The step
   * runs on a worker thread either way: the main loop never waits.
   */
  properties[PROP_NEGOTIATE_TIMEOUT] =
    g_param_spec_uint ("negotiate-timeout", NULL, NULL,
                       0, G_MAXUINT, HTTP_AUTH_NEGOTIATE_DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

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
  self->gates = _http_auth_gates_new (_http_auth_transaction_resume, g_object_ref, g_object_unref);
  self->proxy_logins = _http_auth_proxy_logins_new (self->cache);
  self->private_tabs = _http_auth_private_tabs_new (self->cache);
  self->negotiate = _http_auth_negotiate_policy_new ();
  self->waves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->open_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
 * Gets the libsoup session that carries the requests.
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
 * Gets the credential cache of the session.
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
 * Gets the scheme registry of the session.
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
 * Gets the prompter of the session.
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
 * Gets the keyring of the session.
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

  if (soup_session_get_proxy_resolver (self->soup) == resolver)
    return;
  soup_session_set_proxy_resolver (self->soup, resolver);
  soup_session_abort (self->soup);
  _http_auth_proxy_logins_clear (self->proxy_logins);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_RESOLVER]);
}

/**
 * http_auth_session_get_proxy_resolver:
 * @self: a #HttpAuthSession
 *
 * Gets the proxy resolver of the session.
 *
 * Returns: (transfer none) (nullable): the proxy resolver
 */
GProxyResolver *
http_auth_session_get_proxy_resolver (HttpAuthSession *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SESSION (self), NULL);

  return soup_session_get_proxy_resolver (self->soup);
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
 * http_auth_session_set_negotiate_allowlist:
 * @self: a #HttpAuthSession
 * @patterns: (array zero-terminated=1) (nullable): host patterns, or %NULL
 *   for none
 *
 * Sets [property@HttpAuth.Session:negotiate-allowlist]. Origins that took
 * a token before are forgotten.
 */
void
http_auth_session_set_negotiate_allowlist (HttpAuthSession    *self,
                                           const char * const *patterns)
{
  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));

  _http_auth_negotiate_policy_set_allowlist (self->negotiate, patterns);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEGOTIATE_ALLOWLIST]);
}

/**
 * http_auth_session_get_max_field_size:
 * @self: a #HttpAuthSession
 *
 * Gets the largest challenge field the session parses.
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
  g_return_if_fail (HTTP_AUTH_IS_SESSION (self));
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (request));
  g_return_if_fail (http_auth_request_get_uri (request) != NULL);

  _http_auth_transaction_start (self, request, cancellable, callback, user_data);
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
 * Finishes a fetch started with [method@HttpAuth.Session.send_and_read_async].
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
 * Finishes a flush started with [method@HttpAuth.Session.flush_async].
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
