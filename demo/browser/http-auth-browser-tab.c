/* http-auth-browser-tab.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-browser-tab"

#include "config.h"

#include "http-auth-browser-tab.h"

#include "http-auth-browser-private.h"

/**
 * HttpAuthBrowserTab:
 *
 * One page of the browser: its toolbar, the area where login bars show,
 * and a [class@WebKit.WebView].
 *
 * The web view gets an [class@HttpAuthWebKit.Adapter], so that its 401s
 * are answered through the window's [class@HttpAuthGtk.Prompter] in the
 * bar above the page instead of WebKit's own dialog. The tab also owns
 * the label the notebook shows for it.
 */

struct _HttpAuthBrowserTab
{
  GtkWidget              parent_instance;

  /* Template children, main thread. tab_label is not our child: the
   * notebook shows it, the template keeps a reference until dispose. */
  GtkEntry              *address_entry;
  GtkBox                *bar_area;
  GtkWidget             *tab_label;
  GtkLabel              *title_label;

  /* Owned; set at construction. keyring is NULL in private windows and
   * with --no-keyring; prompter is the window's, shared by its tabs. */
  WebKitNetworkSession  *network_session;
  HttpAuthGtkPrompter   *prompter;
  HttpAuthKeyring       *keyring;

  /* Our last child, made in constructed() because its network session is
   * a construct-only property; unparented in dispose. */
  WebKitWebView         *web_view;

  /* Owned until the tab's prompts end (http_auth_browser_tab_end_prompts()). */
  HttpAuthWebKitAdapter *adapter;

  /* Owned: what the tab's label and the window's title say. */
  char                  *title;
};

G_DEFINE_FINAL_TYPE (HttpAuthBrowserTab, http_auth_browser_tab, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK_SESSION,
  PROP_PROMPTER,
  PROP_KEYRING,
  PROP_TITLE,
  N_PROPS
};

enum {
  OPEN_IN_NEW_TAB,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_title (HttpAuthBrowserTab *self)
{
  const char *title = webkit_web_view_get_title (self->web_view);
  const char *uri = webkit_web_view_get_uri (self->web_view);
  const char *text = title != NULL && *title != '\0' ? title
                     : uri != NULL && *uri != '\0' ? uri : "New tab";

  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  gtk_label_set_text (self->title_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), text);

  if (g_strcmp0 (text, self->title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
update_actions (HttpAuthBrowserTab *self)
{
  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.back",
                                 webkit_web_view_can_go_back (self->web_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.forward",
                                 webkit_web_view_can_go_forward (self->web_view));
}

static void
web_view_notify_title_cb (HttpAuthBrowserTab *self,
                          GParamSpec         *pspec,
                          WebKitWebView      *web_view)
{
  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  update_title (self);
}

static void
web_view_notify_uri_cb (HttpAuthBrowserTab *self,
                        GParamSpec         *pspec,
                        WebKitWebView      *web_view)
{
  const char *uri = webkit_web_view_get_uri (web_view);

  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  /* A load stopped before anything was shown leaves no URI: keep what
   * the user typed. */
  if (uri != NULL && *uri != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
  update_title (self);
  update_actions (self);
}

static void
web_view_load_changed_cb (HttpAuthBrowserTab *self,
                          WebKitLoadEvent     event,
                          WebKitWebView      *web_view)
{
  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  update_actions (self);
}

/* WebKitGTK shows a blank page for a failed load: say what went wrong. */
static gboolean
web_view_load_failed_cb (HttpAuthBrowserTab *self,
                         WebKitLoadEvent     event,
                         const char         *uri,
                         GError             *error,
                         WebKitWebView      *web_view)
{
  g_autofree char *html = NULL;

  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  /* Stopped, replaced by another load, or turned into a download. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  html = g_markup_printf_escaped ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                  "<title>Cannot open %s</title></head>\n"
                                  "<body style=\"font-family: sans-serif; margin: 2em\">"
                                  "<h1>Cannot open this page</h1>\n<p><code>%s</code></p>\n<p>%s</p>\n"
                                  "</body></html>\n",
                                  uri, uri, error->message);
  webkit_web_view_load_alternate_html (web_view, html, uri, NULL);

  return TRUE;
}

/* target="_blank" links open in a new tab: the window decides where. */
static gboolean
web_view_decide_policy_cb (HttpAuthBrowserTab       *self,
                           WebKitPolicyDecision     *decision,
                           WebKitPolicyDecisionType  type,
                           WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  const char *uri;

  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  if (type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  webkit_policy_decision_ignore (decision);
  if (uri != NULL)
    g_signal_emit (self, signals[OPEN_IN_NEW_TAB], 0, uri);

  return TRUE;
}

static void
address_activate_cb (GtkEntry           *entry,
                     HttpAuthBrowserTab *self)
{
  g_autofree char *uri = _http_auth_browser_normalize_uri (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  if (uri == NULL || self->adapter == NULL)
    return;

  http_auth_webkit_adapter_load_uri (self->adapter, uri);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

/* Removing the page from its notebook destroys it. */
static void
close_clicked_cb (GtkButton          *button,
                  HttpAuthBrowserTab *self)
{
  GtkWidget *notebook;

  g_assert (HTTP_AUTH_IS_BROWSER_TAB (self));

  http_auth_browser_tab_end_prompts (self);

  notebook = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_NOTEBOOK);
  if (notebook != NULL)
    gtk_notebook_remove_page (GTK_NOTEBOOK (notebook),
                              gtk_notebook_page_num (GTK_NOTEBOOK (notebook), GTK_WIDGET (self)));
}

/* Back, forward and reload are the user's own navigation: the adapter
 * lets prompts that a cancel suppressed show again. */
static void
navigate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  HttpAuthBrowserTab *self = HTTP_AUTH_BROWSER_TAB (widget);

  if (self->adapter != NULL)
    http_auth_webkit_adapter_user_navigated (self->adapter);

  if (g_str_equal (action_name, "tab.back"))
    webkit_web_view_go_back (self->web_view);
  else if (g_str_equal (action_name, "tab.forward"))
    webkit_web_view_go_forward (self->web_view);
  else
    webkit_web_view_reload (self->web_view);
}

static void
http_auth_browser_tab_constructed (GObject *object)
{
  HttpAuthBrowserTab *self = (HttpAuthBrowserTab *)object;

  G_OBJECT_CLASS (http_auth_browser_tab_parent_class)->constructed (object);

  g_return_if_fail (WEBKIT_IS_NETWORK_SESSION (self->network_session));
  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (self->prompter));

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", self->network_session,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  g_signal_connect_object (self->web_view, "notify::title",
                           G_CALLBACK (web_view_notify_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::uri",
                           G_CALLBACK (web_view_notify_uri_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (web_view_load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed",
                           G_CALLBACK (web_view_load_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (web_view_decide_policy_cb), self, G_CONNECT_SWAPPED);

  self->adapter = http_auth_webkit_adapter_new (self->web_view, self->prompter, self->bar_area,
                                                self->keyring);
}

static void
http_auth_browser_tab_dispose (GObject *object)
{
  HttpAuthBrowserTab *self = (HttpAuthBrowserTab *)object;
  GtkWidget *child;

  /* The prompts end before the view goes; a login being saved still
   * reaches the keyring (the application flushes it before it quits). */
  http_auth_browser_tab_end_prompts (self);

  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HTTP_AUTH_TYPE_BROWSER_TAB);

  /* Only bound template children are unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->network_session);
  g_clear_object (&self->prompter);
  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (http_auth_browser_tab_parent_class)->dispose (object);
}

static void
http_auth_browser_tab_finalize (GObject *object)
{
  HttpAuthBrowserTab *self = (HttpAuthBrowserTab *)object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (http_auth_browser_tab_parent_class)->finalize (object);
}

static void
http_auth_browser_tab_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HttpAuthBrowserTab *self = HTTP_AUTH_BROWSER_TAB (object);

  switch (prop_id)
    {
    case PROP_NETWORK_SESSION:
      g_value_set_object (value, self->network_session);
      break;

    case PROP_PROMPTER:
      g_value_set_object (value, self->prompter);
      break;

    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_TITLE:
      g_value_set_string (value, http_auth_browser_tab_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_browser_tab_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HttpAuthBrowserTab *self = HTTP_AUTH_BROWSER_TAB (object);

  switch (prop_id)
    {
    case PROP_NETWORK_SESSION:
      self->network_session = g_value_dup_object (value);
      break;

    case PROP_PROMPTER:
      self->prompter = g_value_dup_object (value);
      break;

    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_browser_tab_class_init (HttpAuthBrowserTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = http_auth_browser_tab_constructed;
  object_class->dispose = http_auth_browser_tab_dispose;
  object_class->finalize = http_auth_browser_tab_finalize;
  object_class->get_property = http_auth_browser_tab_get_property;
  object_class->set_property = http_auth_browser_tab_set_property;

  /**
   * HttpAuthBrowserTab:network-session:
   *
   * The network session of the tab's web view: the window's.
   */
  properties[PROP_NETWORK_SESSION] =
    g_param_spec_object ("network-session", NULL, NULL,
                         WEBKIT_TYPE_NETWORK_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthBrowserTab:prompter:
   *
   * The window's prompter, which shows the tab's login bars.
   */
  properties[PROP_PROMPTER] =
    g_param_spec_object ("prompter", NULL, NULL,
                         HTTP_AUTH_GTK_TYPE_PROMPTER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthBrowserTab:keyring:
   *
   * Where logins the user asks to remember are saved, or %NULL to save
   * none (private windows, --no-keyring).
   */
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         HTTP_AUTH_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthBrowserTab:title:
   *
   * The page's title, else its URI, else "New tab".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "New tab",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HttpAuthBrowserTab::open-in-new-tab:
   * @self: a #HttpAuthBrowserTab
   * @uri: what the page asked to open in a new window
   *
   * A link with target="_blank" was followed.
   */
  signals[OPEN_IN_NEW_TAB] =
    g_signal_new ("open-in-new-tab",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gnome/HttpAuth/Browser/http-auth-browser-tab.ui");
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserTab, address_entry);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserTab, bar_area);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserTab, tab_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserTab, title_label);
  gtk_widget_class_bind_template_callback (widget_class, address_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "tab.back", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "tab.forward", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "tab.reload", NULL, navigate_action);
}

static void
http_auth_browser_tab_init (HttpAuthBrowserTab *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.back", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.forward", FALSE);
}

/**
 * http_auth_browser_tab_new:
 * @network_session: the window's network session
 * @prompter: the window's prompter
 * @keyring: (nullable): where remembered logins go, or %NULL
 *
 * Returns: (transfer floating): a new, empty tab
 */
HttpAuthBrowserTab *
http_auth_browser_tab_new (WebKitNetworkSession *network_session,
                           HttpAuthGtkPrompter  *prompter,
                           HttpAuthKeyring      *keyring)
{
  g_return_val_if_fail (WEBKIT_IS_NETWORK_SESSION (network_session), NULL);
  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (prompter), NULL);
  g_return_val_if_fail (keyring == NULL || HTTP_AUTH_IS_KEYRING (keyring), NULL);

  return g_object_new (HTTP_AUTH_TYPE_BROWSER_TAB,
                       "network-session", network_session,
                       "prompter", prompter,
                       "keyring", keyring,
                       NULL);
}

const char *
http_auth_browser_tab_get_title (HttpAuthBrowserTab *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self), NULL);

  return self->title != NULL ? self->title : "New tab";
}

/**
 * http_auth_browser_tab_get_tab_label:
 *
 * Returns: (transfer none): the widget a notebook shows as this tab's
 *   label: its title and a close button
 */
GtkWidget *
http_auth_browser_tab_get_tab_label (HttpAuthBrowserTab *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self), NULL);

  return self->tab_label;
}

/**
 * http_auth_browser_tab_get_web_view:
 *
 * Returns: (transfer none) (nullable): the tab's web view, %NULL once
 *   the tab is disposed
 */
WebKitWebView *
http_auth_browser_tab_get_web_view (HttpAuthBrowserTab *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self), NULL);

  return self->web_view;
}

/**
 * http_auth_browser_tab_get_adapter:
 *
 * Returns: (transfer none) (nullable): the tab's adapter, %NULL once
 *   its prompts ended
 */
HttpAuthWebKitAdapter *
http_auth_browser_tab_get_adapter (HttpAuthBrowserTab *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self), NULL);

  return self->adapter;
}

/**
 * http_auth_browser_tab_get_showing_login_bar:
 *
 * Returns: whether a login bar shows above the page now
 */
gboolean
http_auth_browser_tab_get_showing_login_bar (HttpAuthBrowserTab *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self), FALSE);

  if (self->adapter == NULL)
    return FALSE;

  return http_auth_gtk_prompter_get_bar (self->prompter,
                                         http_auth_webkit_adapter_get_prompt_context (self->adapter)) != NULL;
}

/**
 * http_auth_browser_tab_load_uri:
 * @uri: (nullable): what to load, or %NULL to leave the tab empty
 *
 * Shows @uri in the address bar and loads it, with the focus on the
 * page; without a URI the focus goes to the address bar.
 */
void
http_auth_browser_tab_load_uri (HttpAuthBrowserTab *self,
                                const char         *uri)
{
  g_return_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self));

  if (uri == NULL || self->adapter == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
  http_auth_webkit_adapter_load_uri (self->adapter, uri);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

/**
 * http_auth_browser_tab_end_prompts:
 *
 * The tab is going away: its prompts end now and its adapter goes. A
 * login being saved still reaches the keyring. Safe to call again.
 */
void
http_auth_browser_tab_end_prompts (HttpAuthBrowserTab *self)
{
  g_autoptr(HttpAuthWebKitAdapter) adapter = NULL;

  g_return_if_fail (HTTP_AUTH_IS_BROWSER_TAB (self));

  adapter = g_steal_pointer (&self->adapter);
  if (adapter == NULL)
    return;

  http_auth_gtk_prompter_remove_tab (self->prompter, http_auth_webkit_adapter_get_prompt_context (adapter));
}
