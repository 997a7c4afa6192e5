/* http-auth-webkit-adapter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-webkit"

#include "config.h"

#include "http-auth-webkit-adapter.h"

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
 * answers that signal asynchronously: it keeps the request, looks for a
 * saved login in the [class@HttpAuth.Keyring] (never unlocking it in the
 * background), and otherwise asks through the tab's
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
 * - proxy prompts name the proxy.
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
 */

typedef struct _HttpAuthWebKitAdapter HttpAuthWebKitAdapter;

/* One question in flight for a protection space of this tab. */
typedef struct
{
  HttpAuthWebKitAdapter   *self;       /* NULL once the adapter is gone */
  char                    *key;
  char                    *site;
  HttpAuthProtectionSpace *space;
  char                    *origin;     /* shown: the origin, or the proxy's host:port */
  const char              *auth_scheme;
  char                    *url;
  gboolean                 retrying;
  gboolean                 insecure;
  GPtrArray               *requests;   /* WebKitAuthenticationRequest, waiting */
  GPtrArray               *resources;  /* WebKitWebResource that may wait on it */
  GCancellable            *cancellable;
} Pending;

/* An answer given to WebKit, not yet known to be accepted or refused. */
typedef struct
{
  char                    *key;
  char                    *site;
  HttpAuthProtectionSpace *space;
  HttpAuthCredential      *credential;
  gboolean                 remember;
  /* Resources that were waiting when WebKit asked, not finished yet. */
  GPtrArray               *resources;
  gboolean                 had_resources;
  gboolean                 doubtful;   /* one of them got a 401 (407) */
} Verification;

struct _HttpAuthWebKitAdapter
{
  GObject                parent_instance;
  WebKitWebView         *web_view;      /* weak */
  HttpAuthGtkPrompter   *prompter;
  HttpAuthKeyring       *keyring;       /* NULL for ephemeral sessions */
  HttpAuthPromptContext *context;
  /* space string -> Pending / Verification; main thread. */
  GHashTable            *pending;
  GHashTable            *verifying;
  /* Spaces already looked up in the keyring by this tab. */
  GHashTable            *keyring_checked;
  /* Resources of the page still loading (WebKitWebResource, ref'd). */
  GPtrArray             *resources;
  guint                  n_prompts;
  guint                  n_requests;
};

G_DEFINE_FINAL_TYPE (HttpAuthWebKitAdapter, http_auth_webkit_adapter, G_TYPE_OBJECT)

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
                                  Pending                     *p);

static void
answer_request (WebKitAuthenticationRequest *request,
                HttpAuthCredential          *credential)
{
  WebKitCredential *wk = NULL;

  g_signal_handlers_disconnect_matched (request, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, request_cancelled_cb, NULL);
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
pending_free (Pending *p)
{
  g_free (p->key);
  g_free (p->site);
  g_free (p->origin);
  g_free (p->url);
  http_auth_protection_space_unref (p->space);
  g_ptr_array_unref (p->requests);
  g_ptr_array_unref (p->resources);
  g_clear_object (&p->cancellable);
  g_free (p);
}

static void
verification_free (Verification *v)
{
  g_free (v->key);
  g_free (v->site);
  http_auth_protection_space_unref (v->space);
  g_clear_pointer (&v->credential, http_auth_credential_unref);
  g_ptr_array_unref (v->resources);
  g_free (v);
}

/* @p leaves the table of open questions (if it is still there). */
static void
pending_detach (Pending *p)
{
  if (p->self != NULL && g_hash_table_lookup (p->self->pending, p->key) == p)
    g_hash_table_remove (p->self->pending, p->key);
}

static void authenticated_cb (WebKitAuthenticationRequest *request,
                              WebKitCredential            *credential,
                              HttpAuthWebKitAdapter       *self);

/* Ends @p: every request waiting on it gets @credential (NULL: its 401).
 * An answer is then watched until the server accepts or refuses it. */
static void
pending_answer (Pending            *p,
                HttpAuthCredential *credential,
                gboolean            remember)
{
  HttpAuthWebKitAdapter *self = p->self;

  pending_detach (p);

  if (credential != NULL && p->requests->len > 0)
    {
      Verification *v = g_new0 (Verification, 1);

      v->key = g_strdup (p->key);
      v->site = g_strdup (p->site);
      v->space = http_auth_protection_space_ref (p->space);
      v->credential = http_auth_credential_ref (credential);
      v->remember = remember;
      v->resources = g_ptr_array_ref (p->resources);
      v->had_resources = p->resources->len > 0;
      g_hash_table_replace (self->verifying, v->key, v);

      /* WebKit tells when a page's login went through (not for fetch()). */
      for (guint i = 0; i < p->requests->len; i++)
        {
          WebKitAuthenticationRequest *request = g_ptr_array_index (p->requests, i);

          g_object_set_data_full (G_OBJECT (request), "http-auth-space", g_strdup (p->key), g_free);
          g_signal_connect_object (request, "authenticated", G_CALLBACK (authenticated_cb), self, 0);
        }
    }

  for (guint i = 0; i < p->requests->len; i++)
    answer_request (g_ptr_array_index (p->requests, i), credential);

  pending_free (p);
}

/* ---- Was the answer accepted? ---- */

/* The server accepted @v's credential: saved if asked, and the site's
 * unanswered count starts again. */
static void
verification_accepted (HttpAuthWebKitAdapter *self,
                       Verification          *v)
{
  g_debug ("The server accepted the login for %s", v->key);
  http_auth_prompt_context_note_success (self->context, v->site);
  if (v->remember && self->keyring != NULL)
    http_auth_keyring_store_async (self->keyring, v->space, v->credential, NULL, NULL, NULL);
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

/* @resource finished. While a question is open, a resource that finishes
 * was not waiting on it. Once answered, the question's resources prove the
 * login when every one of them got something other than 401 (407): the one
 * that asked is among them. One 401 leaves it unproven, and unsaved. */
static void
resource_done (HttpAuthWebKitAdapter *self,
               WebKitWebResource     *resource)
{
  WebKitURIResponse *response = webkit_web_resource_get_response (resource);
  guint status = response ? webkit_uri_response_get_status_code (response) : 0;
  g_autoptr(GPtrArray) settled = g_ptr_array_new ();
  GHashTableIter iter;
  Verification *v;
  Pending *p;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &p))
    g_ptr_array_remove (p->resources, resource);

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

static void
resource_load_started_cb (WebKitWebView         *view,
                          WebKitWebResource     *resource,
                          WebKitURIRequest      *request,
                          HttpAuthWebKitAdapter *self)
{
  g_ptr_array_add (self->resources, g_object_ref (resource));
  g_signal_connect (resource, "finished", G_CALLBACK (resource_finished_cb), self);
  g_signal_connect (resource, "failed", G_CALLBACK (resource_failed_cb), self);
}

/* ---- Prompts ---- */

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remember = FALSE;
  HttpAuthPromptResult res;

  res = http_auth_prompter_ask_finish (HTTP_AUTH_PROMPTER (object), result, &credential, &remember, &error);
  /* No tab any more (closed while WebKit still asked): no credential. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("No tab to ask in: %s", error->message);
  else if (error != NULL)
    g_warning ("The prompter failed: %s", error->message);

  /* The adapter went away. */
  if (p->self == NULL)
    {
      pending_free (p);
      return;
    }

  /* WebKit gave up on every request (Stop, or the page went away): the
   * prompt ended unanswered, which counts toward the abuse limit (a page
   * that keeps reloading itself over its bar is silenced after two). */
  if (g_cancellable_is_cancelled (p->cancellable))
    {
      http_auth_prompt_context_note_result (p->self->context, p->site, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
      pending_detach (p);
      pending_free (p);
      return;
    }

  /* Suppress-on-cancel and the abuse limit, per (tab, site). */
  http_auth_prompt_context_note_result (p->self->context, p->site, res);
  pending_answer (p, res == HTTP_AUTH_PROMPT_RESULT_ANSWERED ? credential : NULL, remember);
}

static void
pending_ask (Pending *p)
{
  HttpAuthWebKitAdapter *self = p->self;
  g_autoptr(HttpAuthPrompt) prompt = NULL;

  prompt = http_auth_prompt_new (self->context, http_auth_protection_space_get_target (p->space), p->origin,
                                 http_auth_protection_space_get_realm (p->space),
                                 p->auth_scheme, p->url, p->retrying, p->insecure);
  self->n_prompts++;
  g_signal_emit (self, signals[PROMPT], 0, prompt);
  http_auth_prompter_ask_async (HTTP_AUTH_PROMPTER (self->prompter), prompt, p->cancellable, ask_cb, p);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  gboolean locked = FALSE;

  credential = http_auth_keyring_lookup_finish (HTTP_AUTH_KEYRING (object), result, &locked, &error);
  if (p->self == NULL || g_cancellable_is_cancelled (p->cancellable))
    {
      pending_detach (p);
      pending_free (p);
      return;
    }
  if (error != NULL)
    g_debug ("Keyring lookup failed: %s", error->message);

  /* Looked up once per space and tab: a lookup cut short is not. */
  g_hash_table_add (p->self->keyring_checked, g_strdup (p->key));

  if (credential != NULL)
    {
      /* Already saved: verified like any answer, never saved again. */
      pending_answer (p, credential, FALSE);
      return;
    }

  /* Nothing saved, or the keyring is locked: the bar appears at once. A
   * locked keyring is unlocked only if the user ticks "Remember" and the
   * server accepts the login, when it is saved. */
  if (locked)
    g_debug ("The keyring is locked: asking without unlocking it");
  pending_ask (p);
}

static void
request_cancelled_cb (WebKitAuthenticationRequest *request,
                      Pending                     *p)
{
  /* The load was stopped or the view went away. When no request is left,
   * the question ends: its bar goes, and a new request asks afresh. */
  g_signal_handlers_disconnect_by_func (request, request_cancelled_cb, p);
  g_ptr_array_remove (p->requests, request);
  if (p->requests->len == 0)
    {
      pending_detach (p);
      g_cancellable_cancel (p->cancellable);
    }
}

/* @resource may be waiting on @p's answer if it is still loading, has no
 * response yet, and is of the origin that asks (any, for a proxy). */
static void
add_candidate (Pending           *p,
               WebKitWebResource *resource,
               gboolean           for_proxy)
{
  const char *uri = webkit_web_resource_get_uri (resource);
  g_autofree char *resource_origin = uri_origin (uri);
  WebKitWebView *view = p->self->web_view;

  if (webkit_web_resource_get_response (resource) != NULL || g_ptr_array_find (p->resources, resource, NULL))
    return;
  if (!for_proxy && g_strcmp0 (resource_origin, p->origin) != 0)
    return;

  g_ptr_array_add (p->resources, g_object_ref (resource));
  if (p->url == NULL || resource == webkit_web_view_get_main_resource (view))
    {
      g_free (p->url);
      p->url = g_strdup (uri);
    }
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
  g_autofree char *key = NULL;
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  WebKitWebResource *main_resource;
  Pending *p;

  self->n_requests++;
  g_clear_pointer (&security_origin, webkit_security_origin_unref);
  g_debug ("authenticate: %s:%u realm \"%s\"%s%s", host, port,
           webkit_authentication_request_get_realm (request), for_proxy ? " (proxy)" : "",
           retry ? " (retry)" : "");

  if (auth_scheme == NULL || host == NULL)
    {
      /* Certificates, Negotiate without a ticket and the like: not a login
       * HttpAuth asks for. WebKit continues without credentials. */
      webkit_authentication_request_authenticate (request, NULL);
      return TRUE;
    }

  origin = for_proxy ? g_strdup_printf ("%s:%u", host, port) : origin_string (scheme, host, port);
  if (!for_proxy)
    {
      /* Fetch: a cross-origin subresource or frame (an image from another
       * protected host), or one inside a page with no origin of its own
       * (about:blank, data:), gets its 401, never a prompt. */
      top = view_origin (view);
      if (top == NULL || !g_str_equal (top, origin))
        {
          g_debug ("No prompt for %s inside a page of %s", origin, top ? top : "no origin");
          webkit_authentication_request_authenticate (request, NULL);
          return TRUE;
        }
    }

  partition = http_auth_prompt_context_dup_partition (self->context);
  space = http_auth_protection_space_new (for_proxy ? NULL : partition,
                                          for_proxy ? HTTP_AUTH_TARGET_PROXY : HTTP_AUTH_TARGET_SERVER,
                                          for_proxy ? "http" : scheme, host, port != 0 ? port : default_port (scheme),
                                          webkit_authentication_request_get_realm (request), auth_scheme);
  key = http_auth_protection_space_to_string (space);

  /* A retry: the answer we gave was refused; it is not saved. */
  if (retry)
    g_hash_table_remove (self->verifying, key);

  /* Someone asks for this space in this tab already: wait for that. */
  p = g_hash_table_lookup (self->pending, key);
  if (p != NULL)
    {
      g_ptr_array_add (p->requests, g_object_ref (request));
      g_signal_connect (request, "cancelled", G_CALLBACK (request_cancelled_cb), p);
      return TRUE;
    }

  p = g_new0 (Pending, 1);
  p->self = self;
  p->key = g_steal_pointer (&key);
  p->site = for_proxy ? g_strdup_printf ("proxy:%s", origin) : site_of (scheme, host);
  p->space = http_auth_protection_space_ref (space);
  p->origin = g_strdup (origin);
  p->auth_scheme = auth_scheme;
  p->retrying = retry;
  p->insecure = !for_proxy && g_str_equal (auth_scheme, "Basic") && g_str_equal (scheme, "http");
  p->requests = g_ptr_array_new_with_free_func (g_object_unref);
  p->resources = g_ptr_array_new_with_free_func (g_object_unref);
  p->cancellable = g_cancellable_new ();
  g_ptr_array_add (p->requests, g_object_ref (request));

  /* The resources that may wait on this answer. The page's own may not
   * have been announced yet. */
  main_resource = webkit_web_view_get_main_resource (view);
  if (main_resource != NULL)
    add_candidate (p, main_resource, for_proxy);
  for (guint i = 0; i < self->resources->len; i++)
    add_candidate (p, g_ptr_array_index (self->resources, i), for_proxy);
  if (p->url == NULL && top != NULL && webkit_web_view_is_loading (view))
    p->url = g_strdup (webkit_web_view_get_uri (view));

  /* Suppress-on-cancel and the abuse limit: the 401 body, no bar. */
  if (http_auth_prompt_context_is_suppressed (self->context, p->site))
    {
      g_debug ("Prompts for %s are suppressed in this tab", p->site);
      pending_answer (p, NULL, FALSE);
      return TRUE;
    }

  g_hash_table_insert (self->pending, p->key, p);
  g_signal_connect (request, "cancelled", G_CALLBACK (request_cancelled_cb), p);

  /* A saved login, looked up once per space and tab, never unlocking. */
  if (self->keyring != NULL && !retry && !g_hash_table_contains (self->keyring_checked, p->key))
    {
      http_auth_keyring_lookup_async (self->keyring, p->space, FALSE, p->cancellable, lookup_cb, p);
      return TRUE;
    }

  pending_ask (p);
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

static void
load_changed_cb (WebKitWebView         *view,
                 WebKitLoadEvent        event,
                 HttpAuthWebKitAdapter *self)
{
  const char *uri = webkit_web_view_get_uri (view);
  g_autoptr(GUri) parsed = NULL;

  if (event == WEBKIT_LOAD_STARTED)
    drop_unproven (self);
  if (event == WEBKIT_LOAD_FINISHED || uri == NULL)
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

/* ---- GObject ---- */

/* The adapter lets go of the view and its open questions: WebKit gets no
 * credential for them (the 401 body), their bars go with the tab. */
static void
adapter_detach (HttpAuthWebKitAdapter *self)
{
  GList *open = g_hash_table_get_values (self->pending);

  g_hash_table_steal_all (self->pending);
  for (GList *l = open; l != NULL; l = l->next)
    {
      Pending *p = l->data;

      /* Freed when its ask or lookup returns. */
      p->self = NULL;
      for (guint j = 0; j < p->requests->len; j++)
        answer_request (g_ptr_array_index (p->requests, j), NULL);
      g_ptr_array_set_size (p->requests, 0);
      g_cancellable_cancel (p->cancellable);
    }
  g_list_free (open);

  for (guint i = 0; i < self->resources->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->resources, i), self);
  g_ptr_array_set_size (self->resources, 0);
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

  G_OBJECT_CLASS (http_auth_webkit_adapter_parent_class)->dispose (object);
}

static void
http_auth_webkit_adapter_finalize (GObject *object)
{
  HttpAuthWebKitAdapter *self = HTTP_AUTH_WEBKIT_ADAPTER (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->verifying, g_hash_table_unref);
  g_clear_pointer (&self->keyring_checked, g_hash_table_unref);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
  g_clear_object (&self->prompter);
  g_clear_object (&self->keyring);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (http_auth_webkit_adapter_parent_class)->finalize (object);
}

static void
http_auth_webkit_adapter_class_init (HttpAuthWebKitAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = http_auth_webkit_adapter_dispose;
  object_class->finalize = http_auth_webkit_adapter_finalize;

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
  self->pending = g_hash_table_new (g_str_hash, g_str_equal);
  self->verifying = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) verification_free);
  self->keyring_checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  HttpAuthWebKitAdapter *self;
  WebKitNetworkSession *session;
  gboolean ephemeral;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), NULL);
  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (prompter), NULL);
  g_return_val_if_fail (GTK_IS_BOX (bar_area), NULL);
  g_return_val_if_fail (keyring == NULL || HTTP_AUTH_IS_KEYRING (keyring), NULL);

  session = webkit_web_view_get_network_session (web_view);
  ephemeral = session == NULL || webkit_network_session_is_ephemeral (session);
  if (session != NULL)
    http_auth_webkit_prepare_network_session (session);

  self = g_object_new (HTTP_AUTH_WEBKIT_TYPE_ADAPTER, NULL);
  self->web_view = web_view;
  g_object_weak_ref (G_OBJECT (web_view), web_view_gone_cb, self);
  self->prompter = g_object_ref (prompter);
  self->keyring = keyring != NULL && !ephemeral ? g_object_ref (keyring) : NULL;
  self->context = http_auth_prompt_context_new (NULL, ephemeral);
  http_auth_gtk_prompter_add_tab (prompter, self->context, bar_area);

  g_signal_connect (web_view, "authenticate", G_CALLBACK (authenticate_cb), self);
  g_signal_connect (web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (web_view, "resource-load-started", G_CALLBACK (resource_load_started_cb), self);

  return self;
}

/**
 * http_auth_webkit_adapter_get_web_view:
 * @self: a #HttpAuthWebKitAdapter
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

/**
 * http_auth_webkit_adapter_get_n_prompts:
 * @self: a #HttpAuthWebKitAdapter
 *
 * Returns: how many prompts the adapter asked in this tab
 */
guint
http_auth_webkit_adapter_get_n_prompts (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), 0);

  return self->n_prompts;
}

/**
 * http_auth_webkit_adapter_get_n_requests:
 * @self: a #HttpAuthWebKitAdapter
 *
 * Returns: how many `authenticate` requests WebKit raised in this tab
 */
guint
http_auth_webkit_adapter_get_n_requests (HttpAuthWebKitAdapter *self)
{
  g_return_val_if_fail (HTTP_AUTH_WEBKIT_IS_ADAPTER (self), 0);

  return self->n_requests;
}
