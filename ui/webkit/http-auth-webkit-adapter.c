/* http-auth-webkit-adapter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-webkit"

#include "config.h"

#include "http-auth-webkit-adapter-private.h"

#include <libsoup/soup.h>
#include <string.h>

/**
 * HttpAuthWebKitAdapter:
 *
 * Gives one `WebKitWebView` (one tab) HttpAuth's prompts, policy and
 * keyring.
 *
 * WebKitGTK's network process answers 401 and 407 itself and asks the
 * application through [signal@WebKit.WebView::authenticate]. The adapter
 * answers that signal asynchronously through the tab's
 * [class@HttpAuth.PromptBroker], as the engine does: it keeps the request,
 * looks for a saved login in the [class@HttpAuth.Keyring] (never unlocking
 * it in the background), and otherwise asks through the tab's
 * [class@HttpAuthGtk.PromptBar] via the [class@HttpAuthGtk.Prompter]:
 *
 * - one bar per (tab, protection space); requests that WebKit raises for a
 *   space already being asked about wait for that answer;
 * - a second realm waits in the prompter's queue;
 * - a retry (the server refused the answer) shows "wrong password";
 * - cancel answers WebKit with no credential, so the page shows the
 *   server's 401 body, never a blank page; further prompts for the site are
 *   suppressed in this tab until the user navigates
 *   ([method@HttpAuthWebKit.Adapter.load_uri], a link the user clicked), and
 *   prompts left unanswered count toward the abuse limit
 *   ([class@HttpAuth.PromptContext]);
 * - a cross-origin subresource or frame (an image from another protected
 *   host), or one in a page with no origin (about:blank), never prompts:
 *   it gets its 401;
 * - a request WebKit cancels (the user stopped the load) ends its bar;
 *   when WebKit cancels a page's own request because it learnt of that
 *   page's load start only after the network process asked (a race between
 *   WebKit's processes on a busy machine), the page would stay blank: the
 *   adapter loads it again instead;
 * - proxy prompts name the proxy.
 *
 * Negotiate (Kerberos single sign-on) never reaches the adapter: WebKit's
 * network process does it with libsoup, which never asks the application
 * about it, and only for a network session that is not ephemeral and for
 * an origin listed in `SOUP_GSSAPI_TRUSTED_URIS` (https:// origins when
 * that variable is unset), read when the network process starts. A
 * Negotiate-only page therefore never shows a bar; where libsoup falls
 * back to Basic (no ticket), the adapter asks as for any Basic login.
 * `docs/webkit-negotiate.md` has the measured behaviour.
 *
 * A login is saved only when "Remember" was ticked and the server accepted
 * it: WebKit's `authenticated` signal says so for a page; for a `fetch()`
 * the adapter watches the resources that were loading when WebKit asked,
 * and takes the login as accepted once all of them got a response other
 * than 401 (407 for a proxy). WebKit's own credential storage is
 * turned off ([func@HttpAuthWebKit.prepare_network_session]); logins that
 * WebKitGTK saved earlier (`org.gnome.keyring.NetworkPassword`) are still
 * found through the keyring. Views of an ephemeral network session (private
 * windows) never touch the keyring.
 *
 * The adapter can be made with g_object_new() or from a `GtkBuilder` file
 * as well as with [ctor@HttpAuthWebKit.Adapter.new]: it needs
 * [property@HttpAuthWebKit.Adapter:web-view],
 * [property@HttpAuthWebKit.Adapter:prompter] and
 * [property@HttpAuthWebKit.Adapter:bar-area];
 * [property@HttpAuthWebKit.Adapter:keyring] is optional.
 */

typedef struct _HttpAuthWebKitAdapter HttpAuthWebKitAdapter;

/* One authenticate request of WebKit, while the broker answers it. */
typedef struct
{
  HttpAuthWebKitAdapter       *self;       /* NULL once the adapter let go */
  WebKitAuthenticationRequest *request;
  GCancellable                *cancellable;
  char                        *key;
  HttpAuthProtectionSpace     *space;
  GPtrArray                   *resources;  /* WebKitWebResource that may wait on it */
  /* WebKit let go of the request (below) and will never cancel it. */
  gboolean                     orphan;
} Ask;

/* An answer given to WebKit, not yet known to be accepted or refused. */
typedef struct
{
  char                    *key;
  HttpAuthProtectionSpace *space;
  HttpAuthCredential      *credential;
  GPasswordSave            save;
  /* Resources that were waiting when WebKit asked, not finished yet. */
  GPtrArray               *resources;
  gboolean                 doubtful;   /* one of them got a 401 (407) */
} Verification;

struct _HttpAuthWebKitAdapter
{
  GObject                parent_instance;
  /* Given at construction; main thread. */
  WebKitWebView         *web_view;      /* weak; NULL once the view is gone */
  HttpAuthGtkPrompter   *prompter;
  GtkBox                *bar_area;      /* weak pointer */
  HttpAuthKeyring       *keyring;       /* as given, even for an ephemeral view */
  HttpAuthPromptBroker  *broker;
  HttpAuthPromptContext *context;
  /* Ask of the requests being answered; main thread. */
  GPtrArray             *asks;
  /* space string -> Verification. */
  GHashTable            *verifying;
  /* Resources of the page still loading (WebKitWebResource, ref'd). */
  GPtrArray             *resources;
  guint                  n_prompts;
  guint                  n_requests;
  /* WebKit cancels the request it asked last when a page load starts. The
   * network process can ask about a page before the web process has told
   * that the page's load started: WebKit then cancels that page's own
   * request, and its load fails as cancelled (a blank page). Such a load
   * is started again, at most MAX_RESTARTS times until a page commits. */
  guint                  cancelled_idle;  /* a request was cancelled just now */
  char                  *restart_uri;     /* the load that started right then */
  guint                  restart_idle;
  char                  *restarting_uri;
  guint                  n_restarts;      /* since the last commit */
  guint                  n_reloads;       /* in all */
};

#define MAX_RESTARTS 2

G_DEFINE_FINAL_TYPE (HttpAuthWebKitAdapter, http_auth_webkit_adapter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WEB_VIEW,
  PROP_PROMPTER,
  PROP_BAR_AREA,
  PROP_KEYRING,
  PROP_PROMPT_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROMPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Origins and sites ---- */

static guint
default_port (const char *scheme)
{
  return g_strcmp0 (scheme, "https") == 0 ? 443 : 80;
}

static char *
origin_string (const char *scheme,
               const char *host,
               guint       port)
{
  return g_strdup_printf ("%s://%s:%u", scheme, host, port != 0 ? port : default_port (scheme));
}

/* The view's top-level origin, as scheme://host:port, or NULL. */
static char *
view_origin (WebKitWebView *view)
{
  const char *uri = view ? webkit_web_view_get_uri (view) : NULL;
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;

  return origin_string (g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                        g_uri_get_port (parsed) > 0 ? (guint) g_uri_get_port (parsed) : 0);
}

static char *
site_of (const char *scheme,
         const char *host)
{
  const char *base = soup_tld_get_base_domain (host, NULL);

  return g_strdup_printf ("%s://%s", scheme, base ? base : host);
}

static char *
uri_origin (const char *uri)
{
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;

  return origin_string (g_uri_get_scheme (parsed), g_uri_get_host (parsed),
                        g_uri_get_port (parsed) > 0 ? (guint) g_uri_get_port (parsed) : 0);
}

static const char *
scheme_name (WebKitAuthenticationScheme scheme)
{
  switch (scheme)
    {
    case WEBKIT_AUTHENTICATION_SCHEME_HTTP_BASIC:
      return "Basic";
    case WEBKIT_AUTHENTICATION_SCHEME_HTTP_DIGEST:
      return "Digest";
    case WEBKIT_AUTHENTICATION_SCHEME_NTLM:
      return "NTLM";
    case WEBKIT_AUTHENTICATION_SCHEME_DEFAULT:
    case WEBKIT_AUTHENTICATION_SCHEME_HTML_FORM:
    case WEBKIT_AUTHENTICATION_SCHEME_NEGOTIATE:
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_REQUESTED:
    case WEBKIT_AUTHENTICATION_SCHEME_SERVER_TRUST_EVALUATION_REQUESTED:
    case WEBKIT_AUTHENTICATION_SCHEME_CLIENT_CERTIFICATE_PIN_REQUESTED:
    case WEBKIT_AUTHENTICATION_SCHEME_UNKNOWN:
    default:
      return NULL;
    }
}

/* ---- Answers to WebKit ---- */

static void request_cancelled_cb (WebKitAuthenticationRequest *request,
                                  Ask                         *ask);

static void
answer_request (WebKitAuthenticationRequest *request,
                HttpAuthCredential          *credential)
{
  WebKitCredential *wk = NULL;

  /* No credential: WebKit shows the server's 401 (or 407) body. The
   * password is held by WebKit's own credential only for the session: our
   * keyring, not WebKit's, keeps saved logins. */
  if (credential != NULL)
    wk = webkit_credential_new (http_auth_credential_get_username (credential),
                                http_auth_credential_get_password (credential),
                                WEBKIT_CREDENTIAL_PERSISTENCE_FOR_SESSION);
  webkit_authentication_request_authenticate (request, wk);
  g_clear_pointer (&wk, webkit_credential_free);
}

static void
ask_free (Ask *ask)
{
  g_signal_handlers_disconnect_by_func (ask->request, request_cancelled_cb, ask);
  g_object_unref (ask->request);
  g_object_unref (ask->cancellable);
  g_free (ask->key);
  http_auth_protection_space_unref (ask->space);
  g_ptr_array_unref (ask->resources);
  g_free (ask);
}

static void
verification_free (Verification *v)
{
  g_free (v->key);
  http_auth_protection_space_unref (v->space);
  g_clear_pointer (&v->credential, http_auth_credential_unref);
  g_ptr_array_unref (v->resources);
  g_free (v);
}

/* ---- Was the answer accepted? ---- */

/* The server accepted @v's credential: the broker records it in the tab
 * and saves it if the user asked. */
static void
verification_accepted (HttpAuthWebKitAdapter *self,
                       Verification          *v)
{
  g_debug ("The server accepted the login for %s", v->key);
  http_auth_prompt_broker_report_accepted (self->broker, self->context, v->space, v->credential, v->save);
  g_hash_table_remove (self->verifying, v->key);
}

static void
authenticated_cb (WebKitAuthenticationRequest *request,
                  WebKitCredential            *credential,
                  HttpAuthWebKitAdapter       *self)
{
  const char *key = g_object_get_data (G_OBJECT (request), "http-auth-space");
  Verification *v = key ? g_hash_table_lookup (self->verifying, key) : NULL;

  if (v != NULL)
    verification_accepted (self, v);
}

/* @ask's request got @credential: watch whether the server takes it. */
static void
verify (HttpAuthWebKitAdapter *self,
        Ask                   *ask,
        HttpAuthCredential    *credential,
        GPasswordSave          save)
{
  Verification *v = g_hash_table_lookup (self->verifying, ask->key);

  if (v == NULL || !http_auth_credential_equal (v->credential, credential))
    {
      v = g_new0 (Verification, 1);
      v->key = g_strdup (ask->key);
      v->space = http_auth_protection_space_ref (ask->space);
      v->credential = http_auth_credential_ref (credential);
      v->resources = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_replace (self->verifying, v->key, v);
    }
  v->save = MAX (v->save, save);
  for (guint i = 0; i < ask->resources->len; i++)
    {
      WebKitWebResource *resource = g_ptr_array_index (ask->resources, i);

      if (!g_ptr_array_find (v->resources, resource, NULL))
        g_ptr_array_add (v->resources, g_object_ref (resource));
    }

  /* WebKit tells when a page's login went through (not for fetch()). */
  g_object_set_data_full (G_OBJECT (ask->request), "http-auth-space", g_strdup (ask->key), g_free);
  g_signal_connect_object (ask->request, "authenticated", G_CALLBACK (authenticated_cb), self, 0);
}

/* @resource finished. While a request is being answered, a resource that
 * finishes was not waiting on it. Once answered, the resources that were
 * waiting prove the login when every one of them got something other than
 * 401 (407): the one that asked is among them. One 401 leaves it unproven,
 * and unsaved. */
static void
resource_done (HttpAuthWebKitAdapter *self,
               WebKitWebResource     *resource)
{
  WebKitURIResponse *response = webkit_web_resource_get_response (resource);
  guint status = response ? webkit_uri_response_get_status_code (response) : 0;
  g_autoptr(GPtrArray) settled = g_ptr_array_new ();
  GHashTableIter iter;
  Verification *v;

  for (guint i = 0; i < self->asks->len; i++)
    g_ptr_array_remove (((Ask *) g_ptr_array_index (self->asks, i))->resources, resource);

  g_hash_table_iter_init (&iter, self->verifying);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &v))
    {
      guint refused = http_auth_protection_space_get_target (v->space) == HTTP_AUTH_TARGET_PROXY ? 407 : 401;

      if (!g_ptr_array_remove (v->resources, resource))
        continue;
      if (status == 0 || status == refused)
        v->doubtful = TRUE;
      if (v->resources->len == 0)
        g_ptr_array_add (settled, v);
    }
  for (guint i = 0; i < settled->len; i++)
    {
      v = g_ptr_array_index (settled, i);
      if (v->doubtful)
        g_hash_table_remove (self->verifying, v->key);
      else
        verification_accepted (self, v);
    }

  g_signal_handlers_disconnect_by_data (resource, self);
  g_ptr_array_remove_fast (self->resources, resource);
}

static void
resource_finished_cb (WebKitWebResource     *resource,
                      HttpAuthWebKitAdapter *self)
{
  resource_done (self, resource);
}

static void
resource_failed_cb (WebKitWebResource     *resource,
                    GError                *error,
                    HttpAuthWebKitAdapter *self)
{
  resource_done (self, resource);
}

/* The origin @space's login is for, as origin_string() writes it; NULL
 * for a proxy's (a page of any origin may wait on it). */
static char *
space_origin (HttpAuthProtectionSpace *space)
{
  if (http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY)
    return NULL;
  return origin_string (http_auth_protection_space_get_scheme (space), http_auth_protection_space_get_host (space),
                        http_auth_protection_space_get_port (space));
}

/* Whether @resources is empty and waits for a page of @origin. */
static gboolean
waits_for_page (GPtrArray               *resources,
                HttpAuthProtectionSpace *space,
                const char              *origin)
{
  g_autofree char *wanted = NULL;

  if (resources->len > 0)
    return FALSE;
  wanted = space_origin (space);
  return wanted == NULL || g_strcmp0 (wanted, origin) == 0;
}

static void
resource_load_started_cb (WebKitWebView         *view,
                          WebKitWebResource     *resource,
                          WebKitURIRequest      *request,
                          HttpAuthWebKitAdapter *self)
{
  g_ptr_array_add (self->resources, g_object_ref (resource));
  g_signal_connect (resource, "finished", G_CALLBACK (resource_finished_cb), self);
  g_signal_connect (resource, "failed", G_CALLBACK (resource_failed_cb), self);

  /* The network process may ask about a page before WebKit announces the
   * page's own resource: a question, or an answer, with nothing to watch
   * yet takes the page of its origin that starts now, whose response then
   * proves the login (or not). Without it a login typed for such a page
   * was never known to be accepted, and never saved (seen in CI). */
  if (resource == webkit_web_view_get_main_resource (view))
    {
      g_autofree char *origin = uri_origin (webkit_web_resource_get_uri (resource));
      GHashTableIter iter;
      Verification *v;

      for (guint i = 0; i < self->asks->len; i++)
        {
          Ask *ask = g_ptr_array_index (self->asks, i);

          if (waits_for_page (ask->resources, ask->space, origin))
            g_ptr_array_add (ask->resources, g_object_ref (resource));
        }
      g_hash_table_iter_init (&iter, self->verifying);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &v))
        if (waits_for_page (v->resources, v->space, origin))
          g_ptr_array_add (v->resources, g_object_ref (resource));
    }
}

/* ---- Asking ---- */

static void
broker_prompt_cb (HttpAuthWebKitAdapter *self,
                  HttpAuthPrompt        *prompt)
{
  self->n_prompts++;
  g_signal_emit (self, signals[PROMPT], 0, prompt);
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Ask *ask = user_data;
  HttpAuthWebKitAdapter *self = ask->self;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  GPasswordSave save = G_PASSWORD_SAVE_NEVER;
  HttpAuthPromptResult res;

  res = http_auth_prompt_broker_ask_finish (HTTP_AUTH_PROMPT_BROKER (object), result, &credential, &save,
                                            NULL, &error);

  /* The adapter let go (and answered it already), or WebKit gave up on
   * the request. */
  if (self != NULL)
    g_ptr_array_remove (self->asks, ask);
  if (self == NULL || error != NULL)
    {
      ask_free (ask);
      return;
    }

  if (res == HTTP_AUTH_PROMPT_RESULT_ANSWERED)
    verify (self, ask, credential, save);
  answer_request (ask->request, res == HTTP_AUTH_PROMPT_RESULT_ANSWERED ? credential : NULL);
  ask_free (ask);
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  HttpAuthWebKitAdapter *self = user_data;

  self->cancelled_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
request_cancelled_cb (WebKitAuthenticationRequest *request,
                      Ask                         *ask)
{
  HttpAuthWebKitAdapter *self = ask->self;

  /* The load was stopped or the view went away: this request leaves the
   * broker's question, which ends (and its bar goes) when none is left. */
  g_cancellable_cancel (ask->cancellable);

  /* WebKit cancels in the same dispatch as it announces a load start:
   * load_changed_cb() sees this mark only then. */
  if (self != NULL && self->cancelled_idle == 0)
    self->cancelled_idle = g_idle_add_full (G_PRIORITY_HIGH, cancelled_idle_cb, self, NULL);
}

/* @resource may be waiting on @ask's answer if it is still loading, has no
 * response yet, and is of the origin that asks (any, for a proxy). */
static void
add_candidate (Ask               *ask,
               const char        *origin,
               WebKitWebResource *resource,
               char             **url)
{
  const char *uri = webkit_web_resource_get_uri (resource);
  g_autofree char *resource_origin = uri_origin (uri);

  if (webkit_web_resource_get_response (resource) != NULL || g_ptr_array_find (ask->resources, resource, NULL))
    return;
  if (origin != NULL && g_strcmp0 (resource_origin, origin) != 0)
    return;

  g_ptr_array_add (ask->resources, g_object_ref (resource));
  if (*url == NULL)
    *url = g_strdup (uri);
}

static gboolean
authenticate_cb (WebKitWebView               *view,
                 WebKitAuthenticationRequest *request,
                 HttpAuthWebKitAdapter       *self)
{
  const char *auth_scheme = scheme_name (webkit_authentication_request_get_scheme (request));
  gboolean for_proxy = webkit_authentication_request_is_for_proxy (request);
  gboolean retry = webkit_authentication_request_is_retry (request);
  const char *host = webkit_authentication_request_get_host (request);
  guint port = webkit_authentication_request_get_port (request);
  WebKitSecurityOrigin *security_origin = webkit_authentication_request_get_security_origin (request);
  g_autofree char *scheme = g_strdup (security_origin ? webkit_security_origin_get_protocol (security_origin) : "http");
  g_autofree char *origin = NULL;
  g_autofree char *top = NULL;
  g_autofree char *partition = NULL;
  g_autofree char *url = NULL;
  WebKitWebResource *main_resource;
  Ask *ask;

  self->n_requests++;
  /* The load that started is alive: it asks. */
  g_clear_pointer (&self->restart_uri, g_free);
  g_clear_pointer (&security_origin, webkit_security_origin_unref);
  g_debug ("authenticate: %s:%u realm \"%s\"%s%s", host, port,
           webkit_authentication_request_get_realm (request), for_proxy ? " (proxy)" : "",
           retry ? " (retry)" : "");

  if (auth_scheme == NULL || host == NULL)
    {
      /* Certificates and the like: not a login HttpAuth asks for. WebKit
       * continues without credentials. (Negotiate is not seen here with
       * WebKitGTK 2.50: libsoup does it, or not, without asking; were it
       * ever raised, no credential lets WebKit go on without a bar.) */
      webkit_authentication_request_authenticate (request, NULL);
      return TRUE;
    }

  if (!for_proxy)
    {
      /* Fetch: a cross-origin subresource or frame (an image from another
       * protected host), or one inside a page with no origin of its own
       * (about:blank, data:), gets its 401, never a prompt. */
      origin = origin_string (scheme, host, port);
      top = view_origin (view);
      if (top == NULL || !g_str_equal (top, origin))
        {
          g_debug ("No prompt for %s inside a page of %s", origin, top ? top : "no origin");
          webkit_authentication_request_authenticate (request, NULL);
          return TRUE;
        }
    }

  ask = g_new0 (Ask, 1);
  ask->self = self;
  ask->request = g_object_ref (request);
  ask->cancellable = g_cancellable_new ();
  ask->resources = g_ptr_array_new_with_free_func (g_object_unref);
  partition = http_auth_prompt_context_dup_partition (self->context);
  ask->space = http_auth_protection_space_new (for_proxy ? NULL : partition,
                                               for_proxy ? HTTP_AUTH_TARGET_PROXY : HTTP_AUTH_TARGET_SERVER,
                                               for_proxy ? "http" : scheme, host,
                                               port != 0 ? port : default_port (scheme),
                                               webkit_authentication_request_get_realm (request), auth_scheme);
  ask->key = http_auth_protection_space_to_string (ask->space);

  /* A retry: the answer given was refused; it is not saved. */
  if (retry)
    g_hash_table_remove (self->verifying, ask->key);

  /* The resources that may wait on this answer; the page's own may not
   * have been announced yet. */
  main_resource = webkit_web_view_get_main_resource (view);
  if (main_resource != NULL)
    add_candidate (ask, origin, main_resource, &url);
  for (guint i = 0; i < self->resources->len; i++)
    add_candidate (ask, origin, g_ptr_array_index (self->resources, i), &url);
  if (url == NULL && top != NULL && webkit_web_view_is_loading (view))
    url = g_strdup (webkit_web_view_get_uri (view));

  /* One question per (tab, space), whatever WebKit raises: the broker. */
  g_ptr_array_add (self->asks, ask);
  g_signal_connect (request, "cancelled", G_CALLBACK (request_cancelled_cb), ask);
  http_auth_prompt_broker_ask_async (self->broker, self->context, ask->space, url, retry, ask->cancellable,
                                     ask_cb, ask);
  return TRUE;
}

/* ---- Navigation ---- */

static gboolean
decide_policy_cb (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  HttpAuthWebKitAdapter    *self)
{
  WebKitNavigationAction *action;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    return FALSE;

  /* A link the user clicked in this tab: a user navigation. */
  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  if (webkit_navigation_action_is_user_gesture (action))
    http_auth_prompt_context_user_navigated (self->context);

  return FALSE;
}

/* Answers whose proof never came (a fetch() without resources to watch)
 * are dropped when a new page starts: unsaved, their password wiped. */
static void
drop_unproven (HttpAuthWebKitAdapter *self)
{
  GHashTableIter iter;
  Verification *v;

  g_hash_table_iter_init (&iter, self->verifying);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &v))
    if (v->resources->len == 0)
      g_hash_table_iter_remove (&iter);
}

/* The load WebKit's forgotten requests belonged to failed or was stopped:
 * their questions end, and their bars go, as WebKit ends the request it
 * keeps. (A load that finishes keeps them: the network process still
 * holds that login's later 401s behind the open question, as a page that
 * reloads itself over its bar shows.) */
static void
end_orphans (HttpAuthWebKitAdapter *self)
{
  g_autoptr(GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);

  /* Collected first: a cancel may end a question, and with it asks and
   * their entries in self->asks. */
  for (guint i = 0; i < self->asks->len; i++)
    {
      Ask *ask = g_ptr_array_index (self->asks, i);

      if (ask->orphan)
        g_ptr_array_add (cancellables, g_object_ref (ask->cancellable));
    }
  for (guint i = 0; i < cancellables->len; i++)
    g_cancellable_cancel (g_ptr_array_index (cancellables, i));
}

static void
load_changed_cb (WebKitWebView         *view,
                 WebKitLoadEvent        event,
                 HttpAuthWebKitAdapter *self)
{
  const char *uri = webkit_web_view_get_uri (view);
  g_autoptr(GUri) parsed = NULL;

  switch (event)
    {
    case WEBKIT_LOAD_STARTED:
      /* WebKit keeps only the request it raised last, and as a load
       * starts it ends that one: it cancels it, or, when the page it
       * replaces had a response other than 401, takes it as
       * authenticated against that page and lets go of it without a
       * word. A request still open here is such a one (or an older one
       * WebKit let go of before): WebKit will not end it if this load
       * fails, so the adapter does (end_orphans()). */
      for (guint i = 0; i < self->asks->len; i++)
        {
          Ask *ask = g_ptr_array_index (self->asks, i);

          if (!g_cancellable_is_cancelled (ask->cancellable))
            ask->orphan = TRUE;
        }
      drop_unproven (self);
      g_clear_pointer (&self->restart_uri, g_free);
      if (self->cancelled_idle != 0)
        {
          /* WebKit cancelled a request as this load started: if it was
           * this load's own, the load now fails (load_failed_cb()). */
          g_clear_handle_id (&self->cancelled_idle, g_source_remove);
          self->restart_uri = g_strdup (uri);
        }
      break;

    case WEBKIT_LOAD_COMMITTED:
      g_clear_pointer (&self->restart_uri, g_free);
      self->n_restarts = 0;
      break;

    case WEBKIT_LOAD_FINISHED:
      g_clear_pointer (&self->restart_uri, g_free);
      return;

    case WEBKIT_LOAD_REDIRECTED:
    default:
      break;
    }
  if (uri == NULL)
    return;

  /* The top-level site partitions the saved logins of this tab. It is the
   * page being loaded from the start: the page's own 401 comes before it
   * commits. */
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed != NULL && g_uri_get_host (parsed) != NULL)
    {
      g_autofree char *site = site_of (g_uri_get_scheme (parsed), g_uri_get_host (parsed));

      if (g_strcmp0 (site, http_auth_prompt_context_get_top_level_site (self->context)) != 0)
        http_auth_prompt_context_set_top_level_site (self->context, site);
    }
}

static gboolean
restart_idle_cb (gpointer user_data)
{
  HttpAuthWebKitAdapter *self = user_data;
  g_autofree char *uri = g_steal_pointer (&self->restarting_uri);

  self->restart_idle = 0;
  if (self->web_view != NULL)
    webkit_web_view_load_uri (self->web_view, uri);

  return G_SOURCE_REMOVE;
}

static gboolean
load_failed_cb (WebKitWebView         *view,
                WebKitLoadEvent        event,
                const char            *failing_uri,
                GError                *error,
                HttpAuthWebKitAdapter *self)
{
  g_autofree char *uri = g_steal_pointer (&self->restart_uri);

  end_orphans (self);

  /* The load whose own request WebKit cancelled as it started (any other
   * start, commit or request since clears @uri): the user asked for that
   * page, redirected or not, not for a blank one. Started again from an
   * idle, once WebKit is done reporting this failure. */
  if (uri != NULL && self->restart_idle == 0 &&
      self->n_restarts < MAX_RESTARTS &&
      g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    {
      self->n_restarts++;
      self->n_reloads++;
      g_debug ("WebKit cancelled the login of %s as its load started: loading it again", uri);
      self->restarting_uri = g_steal_pointer (&uri);
      self->restart_idle = g_idle_add (restart_idle_cb, self);
    }

  return FALSE;
}

/* ---- GObject ---- */

/* The adapter lets go of the view and of the requests being answered:
 * WebKit gets no credential for them (the 401 body); their questions end
 * and their bars go with the tab. */
static void
adapter_detach (HttpAuthWebKitAdapter *self)
{
  g_autoptr(GPtrArray) asks = g_steal_pointer (&self->asks);

  self->asks = g_ptr_array_new ();
  for (guint i = 0; i < asks->len; i++)
    {
      Ask *ask = g_ptr_array_index (asks, i);

      /* Freed when the broker returns it. */
      ask->self = NULL;
      g_signal_handlers_disconnect_by_func (ask->request, request_cancelled_cb, ask);
      answer_request (ask->request, NULL);
      g_cancellable_cancel (ask->cancellable);
    }

  for (guint i = 0; i < self->resources->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->resources, i), self);
  g_ptr_array_set_size (self->resources, 0);
  g_clear_handle_id (&self->cancelled_idle, g_source_remove);
  g_clear_handle_id (&self->restart_idle, g_source_remove);
  g_clear_pointer (&self->restart_uri, g_free);
  g_clear_pointer (&self->restarting_uri, g_free);
  g_hash_table_remove_all (self->verifying);

  http_auth_prompt_context_close (self->context);
  http_auth_gtk_prompter_remove_tab (self->prompter, self->context);
}

/* The tab closed: its prompts go away, its requests die with the view. */
static void
web_view_gone_cb (gpointer  data,
                  GObject  *where_the_view_was)
{
  HttpAuthWebKitAdapter *self = data;

  self->web_view = NULL;
  adapter_detach (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEB_VIEW]);
}

/* Called from constructed(), once every construct property is set: the
 * adapter starts answering the view's `authenticate`. */
static void
adapter_attach (HttpAuthWebKitAdapter *self)
{
  WebKitNetworkSession *session;
  gboolean ephemeral;

  g_assert (WEBKIT_IS_WEB_VIEW (self->web_view));
  g_assert (HTTP_AUTH_GTK_IS_PROMPTER (self->prompter));
  g_assert (GTK_IS_BOX (self->bar_area));

  session = webkit_web_view_get_network_session (self->web_view);
  ephemeral = session == NULL || webkit_network_session_is_ephemeral (session);
  if (session != NULL)
    http_auth_webkit_prepare_network_session (session);

  g_object_weak_ref (G_OBJECT (self->web_view), web_view_gone_cb, self);
  self->context = http_auth_prompt_context_new (NULL, ephemeral);
  /* The tab's broker: saved logins are looked up once per space in this
   * tab, and a locked keyring is never asked to unlock before the bar. */
  self->broker = http_auth_prompt_broker_new ();
  http_auth_prompt_broker_set_prompter (self->broker, HTTP_AUTH_PROMPTER (self->prompter));
  http_auth_prompt_broker_set_keyring (self->broker, ephemeral ? NULL : self->keyring);
  g_signal_connect_swapped (self->broker, "prompt", G_CALLBACK (broker_prompt_cb), self);
  http_auth_gtk_prompter_add_tab (self->prompter, self->context, self->bar_area);

  g_signal_connect (self->web_view, "authenticate", G_CALLBACK (authenticate_cb), self);
  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->web_view, "resource-load-started",
                    G_CALLBACK (resource_load_started_cb), self);
}

static void
http_auth_webkit_adapter_constructed (GObject *object)
{
  HttpAuthWebKitAdapter *self = HTTP_AUTH_WEBKIT_ADAPTER (object);

  G_OBJECT_CLASS (http_auth_webkit_adapter_parent_class)->constructed (object);

  if (self->web_view != NULL && self->prompter != NULL && self->bar_area != NULL)
    {
      adapter_attach (self);
      return;
    }

  /* g_object_new() cannot fail: an adapter built without what it needs is
   * a programmer mistake. It stays inert (attached to nothing) with a
   * prompt context of its own, so that its API still works. */
  g_critical ("HttpAuthWebKitAdapter needs \"web-view\", \"prompter\" and \"bar-area\"");
  self->web_view = NULL;
  self->context = http_auth_prompt_context_new (NULL, TRUE);
}

static void
http_auth_webkit_adapter_dispose (GObject *object)
{
  HttpAuthWebKitAdapter *self = HTTP_AUTH_WEBKIT_ADAPTER (object);

  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      g_object_weak_unref (G_OBJECT (self->web_view), web_view_gone_cb, self);
      self->web_view = NULL;
      adapter_detach (self);
    }
  if (self->broker != NULL)
    g_signal_handlers_disconnect_by_data (self->broker, self);
  g_clear_weak_pointer (&self->bar_area);

  G_OBJECT_CLASS (http_auth_webkit_adapter_parent_class)->dispose (object);
}

static void
http_auth_webkit_adapter_finalize (GObject *object)
{
  HttpAuthWebKitAdapter *self = HTTP_AUTH_WEBKIT_ADAPTER (object);

  g_clear_pointer (&self->asks, g_ptr_array_unref);
  g_clear_pointer (&self->verifying, g_hash_table_unref);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
  g_clear_object (&self->broker);
  g_clear_object (&self->prompter);
  g_clear_object (&self->keyring);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (http_auth_webkit_adapter_parent_class)->finalize (object);
}

static void
http_auth_webkit_adapter_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  HttpAuthWebKitAdapter *self = HTTP_AUTH_WEBKIT_ADAPTER (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      g_value_set_object (value, self->web_view);
      break;

    case PROP_PROMPTER:
      g_value_set_object (value, self->prompter);
      break;

    case PROP_BAR_AREA:
      g_value_set_object (value, self->bar_area);
      break;

    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_PROMPT_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_webkit_adapter_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  HttpAuthWebKitAdapter *self = HTTP_AUTH_WEBKIT_ADAPTER (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      /* Construct-only: constructed() takes the weak reference, while
       * g_object_new() still holds the view. */
      self->web_view = g_value_get_object (value);
      break;

    case PROP_PROMPTER:
      g_set_object (&self->prompter, g_value_get_object (value));
      break;

    case PROP_BAR_AREA:
      g_set_weak_pointer (&self->bar_area, g_value_get_object (value));
      break;

    case PROP_KEYRING:
      g_set_object (&self->keyring, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_webkit_adapter_class_init (HttpAuthWebKitAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = http_auth_webkit_adapter_constructed;
  object_class->dispose = http_auth_webkit_adapter_dispose;
  object_class->finalize = http_auth_webkit_adapter_finalize;
  object_class->get_property = http_auth_webkit_adapter_get_property;
  object_class->set_property = http_auth_webkit_adapter_set_property;

  /**
   * HttpAuthWebKitAdapter:web-view:
   *
   * The tab's web view, whose `authenticate` requests the adapter answers.
   * The adapter does not keep it alive: the property becomes %NULL (and is
   * notified) when the view is destroyed.
   */
  properties[PROP_WEB_VIEW] =
    g_param_spec_object ("web-view", NULL, NULL,
                         WEBKIT_TYPE_WEB_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthWebKitAdapter:prompter:
   *
   * The window's GTK prompter, which shows the tab's prompt bar.
   */
  properties[PROP_PROMPTER] =
    g_param_spec_object ("prompter", NULL, NULL,
                         HTTP_AUTH_GTK_TYPE_PROMPTER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthWebKitAdapter:bar-area:
   *
   * The box above the page where the tab's prompt bar goes. The adapter
   * does not keep it alive.
   */
  properties[PROP_BAR_AREA] =
    g_param_spec_object ("bar-area", NULL, NULL,
                         GTK_TYPE_BOX,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthWebKitAdapter:keyring:
   *
   * The keyring for saved logins, or %NULL for none. It is not used when
   * the view's network session is ephemeral (a private window).
   */
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         HTTP_AUTH_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthWebKitAdapter:prompt-context:
   *
   * The tab's [class@HttpAuth.PromptContext], made by the adapter:
   * ephemeral when the view's network session is.
   */
  properties[PROP_PROMPT_CONTEXT] =
    g_param_spec_object ("prompt-context", NULL, NULL,
                         HTTP_AUTH_TYPE_PROMPT_CONTEXT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HttpAuthWebKitAdapter::prompt:
   * @self: the adapter
   * @prompt: what the user is about to be asked
   *
   * Emitted right before the prompter is asked, for logging and tests.
   */
  signals[PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HTTP_AUTH_TYPE_PROMPT);
}

static void
http_auth_webkit_adapter_init (HttpAuthWebKitAdapter *self)
{
  self->asks = g_ptr_array_new ();
  self->verifying = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) verification_free);
  self->resources = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * http_auth_webkit_prepare_network_session:
 * @session: a `WebKitNetworkSession`
 *
 * Turns WebKit's own credential storage off on @session, so that saved
 * logins are HttpAuth's to look up and save: WebKit would otherwise ask the
 * Secret Service before emitting `authenticate`, and a locked keyring
 * makes that load hang behind an unlock dialog. Call it before creating
 * views on @session; [ctor@HttpAuthWebKit.Adapter.new] calls it too.
 */
void
http_auth_webkit_prepare_network_session (WebKitNetworkSession *session)
{
  g_return_if_fail (WEBKIT_IS_NETWORK_SESSION (session));

  if (webkit_network_session_get_persistent_credential_storage_enabled (session))
    webkit_network_session_set_persistent_credential_storage_enabled (session, FALSE);
}

/**
 * http_auth_webkit_adapter_new:
 * @web_view: the tab's web view
 * @prompter: the window's GTK prompter
 * @bar_area: the box above the page where the tab's prompt bar goes
 * @keyring: (nullable): the keyring for saved logins, or %NULL for none
 *
 * Attaches HttpAuth to @web_view: its `authenticate` requests are answered
 * by HttpAuth from now on. The tab's [class@HttpAuth.PromptContext] is
 * ephemeral (no keyring) when the view's network session is.
 *
 * Returns: (transfer full): a new adapter; drop it when the tab closes
 */
HttpAuthWebKitAdapter *
http_auth_webkit_adapter_new (WebKitWebView       *web_view,
                              HttpAuthGtkPrompter *prompter,
                              GtkBox              *bar_area,
                              HttpAuthKeyring     *keyring)
{
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), NULL);
  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (prompter), NULL);
  g_return_val_if_fail (GTK_IS_BOX (bar_area), NULL);
  g_return_val_if_fail (keyring == NULL || HTTP_AUTH_IS_KEYRING (keyring), NULL);

  return g_object_new (HTTP_AUTH_WEBKIT_TYPE_ADAPTER,
                       "web-view", web_view,
                       "prompter", prompter,
                       "bar-area", bar_area,
                       "keyring", keyring,
                       NULL);
}

/**
 * http_auth_webkit_adapter_get_web_view:
 * @self: a #HttpAuthWebKitAdapter
 *
 * Gets the web view the adapter serves.
 *
 * Returns: (transfer none) (nullable): the view, or %NULL once destroyed
 */
WebKitWebView *
http_auth_webkit_adapter_get_web_view (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), NULL);

  return self->web_view;
}

/**
 * http_auth_webkit_adapter_get_prompt_context:
 * @self: a #HttpAuthWebKitAdapter
 *
 * Gets the prompt context of the adapter's tab.
 *
 * Returns: (transfer none): the tab's prompt context
 */
HttpAuthPromptContext *
http_auth_webkit_adapter_get_prompt_context (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), NULL);

  return self->context;
}

/**
 * http_auth_webkit_adapter_user_navigated:
 * @self: a #HttpAuthWebKitAdapter
 *
 * Tells the adapter that the user navigated this tab (the URL bar, back,
 * forward, reload): prompts suppressed by a cancel may show again.
 * Links the user clicks are noticed by the adapter itself.
 */
void
http_auth_webkit_adapter_user_navigated (HttpAuthWebKitAdapter *self)
{
  g_return_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self));

  http_auth_prompt_context_user_navigated (self->context);
}

/**
 * http_auth_webkit_adapter_load_uri:
 * @self: a #HttpAuthWebKitAdapter
 * @uri: the URI the user asked for
 *
 * Loads @uri in the view as a user navigation (from the URL bar).
 */
void
http_auth_webkit_adapter_load_uri (HttpAuthWebKitAdapter *self,
                                   const char            *uri)
{
  g_return_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self));
  g_return_if_fail (uri != NULL);

  http_auth_prompt_context_user_navigated (self->context);
  if (self->web_view != NULL)
    webkit_web_view_load_uri (self->web_view, uri);
}

/* ---- Test instrumentation (http-auth-webkit-adapter-private.h) ---- */

/* How many prompts the adapter asked in this tab. */
guint
_http_auth_webkit_adapter_get_n_prompts (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), 0);

  return self->n_prompts;
}

/* How many `authenticate` requests WebKit raised in this tab. */
guint
_http_auth_webkit_adapter_get_n_requests (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), 0);

  return self->n_requests;
}

/* How many pages the adapter loaded again because WebKit cancelled their
 * login request as their load started (see load_failed_cb()). */
guint
_http_auth_webkit_adapter_get_n_reloads (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), 0);

  return self->n_reloads;
}
