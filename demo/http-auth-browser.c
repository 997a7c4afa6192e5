/* http-auth-browser.c: a small web browser whose logins are HttpAuth's
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-browser"

#include "config.h"

#include "http-auth-demo-server.h"
#include "http-auth-test-gtk.h"
#include "http-auth-webkit.h"
#include "http-auth-webkit-adapter-private.h"

/* A WebKitGTK browser with tabs. Each tab's web view gets an
 * HttpAuthWebKitAdapter, so 401s are answered through the login bar above
 * the page instead of WebKit's own dialog. It starts the demo server
 * in-process and opens its start page. Normal windows share one persistent
 * network session and the keyring; private windows get an ephemeral
 * session each and never save a login. A "Saved logins" tab lists and
 * forgets what the keyring holds. */

typedef struct _Browser Browser;
typedef struct _Window  Window;

typedef struct
{
  Window                *window;     /* NULL once the window is gone */
  HttpAuthWebKitAdapter *adapter;    /* NULL once dropped */
  HttpAuthGtkPrompter   *prompter;   /* the window's */
  WebKitWebView         *view;
  GtkWidget             *page;
  GtkWidget             *title;
  GtkWidget             *entry;
  GtkWidget             *back;
  GtkWidget             *forward;
  GtkWidget             *reload;
  GtkWidget             *bar_area;   /* a reference, valid while the page is torn down */
} Tab;

/* Reference-counted (GRcBox): keyring calls in flight hold it, and find
 * the widgets gone (NULL) if the tab closed meanwhile. */
typedef struct
{
  Window    *window;
  GtkWidget *page;
  GtkWidget *list;
  GtkWidget *status;
  gboolean   listing;
  gboolean   list_again;
} LoginsPage;

struct _Window
{
  Browser              *browser;
  GtkWidget            *window;
  GtkWidget            *notebook;
  HttpAuthGtkPrompter  *prompter;
  WebKitNetworkSession *session;
  gboolean              is_private;
  gboolean              closing;
  GPtrArray            *tabs;        /* Tab, owned by their pages */
  LoginsPage           *logins;      /* owned by its page, or NULL */
};

struct _Browser
{
  GtkApplication       *application;
  HttpAuthDemoServer   *server;
  HttpAuthKeyring      *keyring;     /* NULL with --no-keyring */
  WebKitNetworkSession *session;     /* persistent, for normal windows */
  GPtrArray            *windows;     /* Window, owned by their GtkWindows */
  char                 *start_url;
  char                **uris;
  char                 *screenshot;
  gboolean              no_keyring;
  Tab                  *screenshot_tab;
  guint                 screenshot_id;
  guint                 screenshot_tries;
  guint                 give_up_id;
  int                   status;
};

static Tab    *tab_new     (Window     *window,
                            const char *uri,
                            gboolean    select);
static Window *window_new  (Browser    *browser,
                            gboolean    is_private);
static void    browser_quit (Browser   *browser);

/* What the user typed, as something WebKit can load. */
static char *
normalize_uri (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *scheme;

  if (*stripped == '\0')
    return NULL;

  /* "localhost:8080" has a scheme as far as RFC 3986 goes; not here. */
  scheme = g_uri_peek_scheme (stripped);
  if (scheme != NULL && (g_str_has_prefix (stripped + strlen (scheme), "://") ||
                         g_str_equal (scheme, "about") || g_str_equal (scheme, "data")))
    return g_steal_pointer (&stripped);
  if (g_path_is_absolute (stripped))
    return g_filename_to_uri (stripped, NULL, NULL);

  return g_strconcat ("http://", stripped, NULL);
}

/* ---- Keyring saves outlive their tab ---- */

static void
keyring_flushed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  if (!http_auth_keyring_flush_finish (HTTP_AUTH_KEYRING (object), result, &error))
    g_warning ("Could not save a login: %s", error->message);

  g_application_release (application);
}

/* The tab is going away: its prompts end now. A login being saved still
 * reaches the keyring: see browser_quit(). */
static void
tab_drop_adapter (Tab *tab)
{
  HttpAuthWebKitAdapter *adapter = g_steal_pointer (&tab->adapter);

  if (adapter == NULL)
    return;

  http_auth_gtk_prompter_remove_tab (tab->prompter, http_auth_webkit_adapter_get_prompt_context (adapter));
  g_object_unref (adapter);
}

/* ---- Tabs ---- */

static Tab *
tab_for_page (GtkWidget *page)
{
  return page != NULL ? g_object_get_data (G_OBJECT (page), "http-auth-browser-tab") : NULL;
}

/* The window's title names its current page. */
static void
window_update_title (Window    *window,
                     GtkWidget *page)
{
  Tab *tab = tab_for_page (page);
  const char *what = NULL;
  g_autofree char *title = NULL;

  if (tab != NULL)
    what = gtk_label_get_text (GTK_LABEL (tab->title));
  else if (page != NULL && window->logins != NULL && page == window->logins->page)
    what = "Saved logins";

  title = g_strdup_printf ("%s%sHttpAuth Browser%s", what ? what : "", what ? " — " : "",
                           window->is_private ? " (private)" : "");
  gtk_window_set_title (GTK_WINDOW (window->window), title);
}

static gboolean
window_is_current (Window    *window,
                   GtkWidget *page)
{
  GtkNotebook *notebook = GTK_NOTEBOOK (window->notebook);
  int current = gtk_notebook_get_current_page (notebook);

  return current >= 0 && gtk_notebook_get_nth_page (notebook, current) == page;
}

static void
tab_update_title (Tab *tab)
{
  const char *title = webkit_web_view_get_title (tab->view);
  const char *uri = webkit_web_view_get_uri (tab->view);
  const char *text = title != NULL && *title != '\0' ? title
                     : uri != NULL && *uri != '\0' ? uri : "New tab";

  gtk_label_set_text (GTK_LABEL (tab->title), text);
  gtk_widget_set_tooltip_text (tab->title, text);
  if (tab->window != NULL && window_is_current (tab->window, tab->page))
    window_update_title (tab->window, tab->page);
}

static void
tab_update_buttons (Tab *tab)
{
  gtk_widget_set_sensitive (tab->back, webkit_web_view_can_go_back (tab->view));
  gtk_widget_set_sensitive (tab->forward, webkit_web_view_can_go_forward (tab->view));
}

static void
view_title_cb (WebKitWebView *view,
               GParamSpec    *pspec,
               Tab           *tab)
{
  tab_update_title (tab);
}

static void
view_uri_cb (WebKitWebView *view,
             GParamSpec    *pspec,
             Tab           *tab)
{
  const char *uri = webkit_web_view_get_uri (view);

  /* A load stopped before anything was shown leaves no URI: keep what
   * the user typed. */
  if (uri != NULL && *uri != '\0')
    gtk_editable_set_text (GTK_EDITABLE (tab->entry), uri);
  tab_update_title (tab);
  tab_update_buttons (tab);
}

static void
view_load_changed_cb (WebKitWebView   *view,
                      WebKitLoadEvent  event,
                      Tab             *tab)
{
  tab_update_buttons (tab);
}

/* WebKitGTK shows a blank page for a failed load: say what went wrong. */
static gboolean
view_load_failed_cb (WebKitWebView   *view,
                     WebKitLoadEvent  event,
                     const char      *uri,
                     GError          *error,
                     Tab             *tab)
{
  g_autofree char *html = NULL;

  /* Stopped, replaced by another load, or turned into a download. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  html = g_markup_printf_escaped ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                  "<title>Cannot open %s</title></head>\n"
                                  "<body style=\"font-family: sans-serif; margin: 2em\">"
                                  "<h1>Cannot open this page</h1>\n<p><code>%s</code></p>\n<p>%s</p>\n"
                                  "</body></html>\n",
                                  uri, uri, error->message);
  webkit_web_view_load_alternate_html (view, html, uri, NULL);

  return TRUE;
}

/* target="_blank" links open in a new tab of the same window. */
static gboolean
view_decide_policy_cb (WebKitWebView            *view,
                       WebKitPolicyDecision     *decision,
                       WebKitPolicyDecisionType  type,
                       Tab                      *tab)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION || tab->window == NULL)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  webkit_policy_decision_ignore (decision);
  if (uri != NULL)
    tab_new (tab->window, uri, TRUE);

  return TRUE;
}

static void
entry_activate_cb (GtkEntry *entry,
                   Tab      *tab)
{
  g_autofree char *uri = normalize_uri (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (uri == NULL || tab->adapter == NULL)
    return;

  http_auth_webkit_adapter_load_uri (tab->adapter, uri);
  gtk_widget_grab_focus (GTK_WIDGET (tab->view));
}

static void
back_clicked_cb (GtkButton *button,
                 Tab       *tab)
{
  if (tab->adapter != NULL)
    http_auth_webkit_adapter_user_navigated (tab->adapter);
  webkit_web_view_go_back (tab->view);
}

static void
forward_clicked_cb (GtkButton *button,
                    Tab       *tab)
{
  if (tab->adapter != NULL)
    http_auth_webkit_adapter_user_navigated (tab->adapter);
  webkit_web_view_go_forward (tab->view);
}

static void
reload_clicked_cb (GtkButton *button,
                   Tab       *tab)
{
  if (tab->adapter != NULL)
    http_auth_webkit_adapter_user_navigated (tab->adapter);
  webkit_web_view_reload (tab->view);
}

/* Removing the page destroys it, and the tab with it. */
static void
close_page (Window    *window,
            GtkWidget *page)
{
  int n = gtk_notebook_page_num (GTK_NOTEBOOK (window->notebook), page);

  if (n >= 0)
    gtk_notebook_remove_page (GTK_NOTEBOOK (window->notebook), n);
}

static void
tab_close_clicked_cb (GtkButton *button,
                      Tab       *tab)
{
  tab_drop_adapter (tab);
  if (tab->window != NULL)
    close_page (tab->window, tab->page);
}

static void
tab_destroy_cb (GtkWidget *page,
                Tab       *tab)
{
  tab_drop_adapter (tab);
  g_signal_handlers_disconnect_by_data (tab->view, tab);
  g_clear_object (&tab->view);
  g_clear_object (&tab->bar_area);
  g_clear_object (&tab->prompter);
  if (tab->window != NULL)
    {
      g_ptr_array_remove (tab->window->tabs, tab);
      if (tab->window->browser->screenshot_tab == tab)
        tab->window->browser->screenshot_tab = NULL;
    }
  g_free (tab);
}

static GtkWidget *
tab_label_new (GtkWidget  *title,
               GCallback   close_cb,
               gpointer    data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *close_button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (title), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_button_set_has_frame (GTK_BUTTON (close_button), FALSE);
  gtk_widget_set_tooltip_text (close_button, "Close tab");
  gtk_accessible_update_property (GTK_ACCESSIBLE (close_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Close tab", -1);
  g_signal_connect (close_button, "clicked", close_cb, data);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), close_button);

  return box;
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return button;
}

static Tab *
tab_new (Window     *window,
         const char *uri,
         gboolean    select)
{
  Tab *tab = g_new0 (Tab, 1);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  int n;

  tab->window = window;
  tab->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_set_data (G_OBJECT (tab->page), "http-auth-browser-tab", tab);

  tab->back = icon_button_new ("go-previous-symbolic", "Back");
  tab->forward = icon_button_new ("go-next-symbolic", "Forward");
  tab->reload = icon_button_new ("view-refresh-symbolic", "Reload");
  gtk_widget_set_sensitive (tab->back, FALSE);
  gtk_widget_set_sensitive (tab->forward, FALSE);
  g_signal_connect (tab->back, "clicked", G_CALLBACK (back_clicked_cb), tab);
  g_signal_connect (tab->forward, "clicked", G_CALLBACK (forward_clicked_cb), tab);
  g_signal_connect (tab->reload, "clicked", G_CALLBACK (reload_clicked_cb), tab);

  tab->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (tab->entry, TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (tab->entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (tab->entry), "Address");
  gtk_accessible_update_property (GTK_ACCESSIBLE (tab->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Address", -1);
  g_signal_connect (tab->entry, "activate", G_CALLBACK (entry_activate_cb), tab);

  gtk_box_append (GTK_BOX (toolbar), tab->back);
  gtk_box_append (GTK_BOX (toolbar), tab->forward);
  gtk_box_append (GTK_BOX (toolbar), tab->reload);
  gtk_box_append (GTK_BOX (toolbar), tab->entry);
  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);

  /* The login bar goes here, between the toolbar and the page. */
  tab->bar_area = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));

  tab->view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", window->session, NULL));
  gtk_widget_set_vexpand (GTK_WIDGET (tab->view), TRUE);
  g_signal_connect (tab->view, "notify::title", G_CALLBACK (view_title_cb), tab);
  g_signal_connect (tab->view, "notify::uri", G_CALLBACK (view_uri_cb), tab);
  g_signal_connect (tab->view, "load-changed", G_CALLBACK (view_load_changed_cb), tab);
  g_signal_connect (tab->view, "load-failed", G_CALLBACK (view_load_failed_cb), tab);
  g_signal_connect (tab->view, "decide-policy", G_CALLBACK (view_decide_policy_cb), tab);

  gtk_box_append (GTK_BOX (tab->page), toolbar);
  gtk_box_append (GTK_BOX (tab->page), tab->bar_area);
  gtk_box_append (GTK_BOX (tab->page), GTK_WIDGET (tab->view));
  g_signal_connect (tab->page, "destroy", G_CALLBACK (tab_destroy_cb), tab);

  tab->prompter = g_object_ref (window->prompter);
  tab->adapter = http_auth_webkit_adapter_new (tab->view, window->prompter, GTK_BOX (tab->bar_area),
                                               window->is_private ? NULL : window->browser->keyring);

  tab->title = gtk_label_new ("New tab");
  n = gtk_notebook_append_page (GTK_NOTEBOOK (window->notebook), tab->page,
                                tab_label_new (tab->title, G_CALLBACK (tab_close_clicked_cb), tab));
  gtk_notebook_set_tab_reorderable (GTK_NOTEBOOK (window->notebook), tab->page, TRUE);
  g_ptr_array_add (window->tabs, tab);
  if (select)
    gtk_notebook_set_current_page (GTK_NOTEBOOK (window->notebook), n);

  if (uri != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (tab->entry), uri);
      http_auth_webkit_adapter_load_uri (tab->adapter, uri);
      gtk_widget_grab_focus (GTK_WIDGET (tab->view));
    }
  else
    gtk_widget_grab_focus (tab->entry);

  return tab;
}

/* ---- Saved logins ---- */

static void logins_refresh (LoginsPage *lp);

static void
logins_page_release (LoginsPage *lp)
{
  g_rc_box_release (lp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoginsPage, logins_page_release)

static void
logins_forgot_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoginsPage) lp = user_data;
  g_autoptr(GError) error = NULL;

  if (!http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, &error))
    g_warning ("Could not forget the logins: %s", error->message);

  if (lp->list != NULL)
    logins_refresh (lp);
}

static void
logins_forget (LoginsPage *lp,
               const char *site)
{
  Browser *browser = lp->window ? lp->window->browser : NULL;

  if (browser == NULL || browser->keyring == NULL)
    return;

  gtk_label_set_text (GTK_LABEL (lp->status), "Forgetting…");
  http_auth_keyring_forget_async (browser->keyring, site, NULL, logins_forgot_cb, g_rc_box_acquire (lp));
}

static void
forget_clicked_cb (GtkButton  *button,
                   LoginsPage *lp)
{
  logins_forget (lp, g_object_get_data (G_OBJECT (button), "site"));
}

static void
forget_all_clicked_cb (GtkButton  *button,
                       LoginsPage *lp)
{
  logins_forget (lp, NULL);
}

static void
refresh_clicked_cb (GtkButton  *button,
                    LoginsPage *lp)
{
  logins_refresh (lp);
}

static void
logins_add_row (LoginsPage         *lp,
                HttpAuthSavedLogin *login)
{
  HttpAuthProtectionSpace *space = http_auth_saved_login_get_space (login);
  const char *username = http_auth_saved_login_get_username (login);
  gboolean webkit = http_auth_saved_login_get_source (login) == HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT;
  const char *realm = http_auth_protection_space_get_realm (space);
  const char *partition = http_auth_protection_space_get_partition (space);
  g_autofree char *origin = http_auth_protection_space_dup_origin (space);
  g_autofree char *text = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *button = gtk_button_new_with_label ("Forget");

  text = g_strdup_printf ("%s%s — realm “%s” (%s) — user %s%s%s%s",
                          http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY ? "proxy " : "",
                          origin, realm ? realm : "", http_auth_protection_space_get_auth_scheme (space),
                          *username != '\0' ? username : "?",
                          partition != NULL && *partition != '\0' ? " — inside " : "",
                          partition != NULL ? partition : "",
                          webkit ? " (WebKitGTK)" : "");
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  g_object_set_data_full (G_OBJECT (button), "site", g_strdup (http_auth_protection_space_get_host (space)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (forget_clicked_cb), lp);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (webkit)
    {
      /* HttpAuth reads WebKitGTK's items but never removes them. */
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, "Saved by WebKitGTK; remove it with Passwords and Keys");
    }

  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_list_box_append (GTK_LIST_BOX (lp->list), row);
}

static void
logins_clear (LoginsPage *lp)
{
  /* GTK 4.8 has no gtk_list_box_remove_all(). */
  for (GtkWidget *child = gtk_widget_get_first_child (lp->list); child != NULL;
       child = gtk_widget_get_first_child (lp->list))
    gtk_list_box_remove (GTK_LIST_BOX (lp->list), child);
}

static void
logins_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoginsPage) lp = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) logins = http_auth_keyring_list_finish (HTTP_AUTH_KEYRING (object), result, &error);
  g_autofree char *status = NULL;

  lp->listing = FALSE;
  if (lp->list == NULL)
    return;
  if (lp->list_again)
    {
      logins_refresh (lp);
      return;
    }

  logins_clear (lp);
  if (logins == NULL)
    {
      status = g_strdup_printf ("Cannot read the keyring: %s", error->message);
      gtk_label_set_text (GTK_LABEL (lp->status), status);
      return;
    }

  for (guint i = 0; i < logins->len; i++)
    logins_add_row (lp, g_ptr_array_index (logins, i));

  if (logins->len == 0)
    status = g_strdup ("No saved logins.");
  else
    status = g_strdup_printf ("%u saved login%s.", logins->len, logins->len == 1 ? "" : "s");
  gtk_label_set_text (GTK_LABEL (lp->status), status);
}

static void
logins_refresh (LoginsPage *lp)
{
  Browser *browser = lp->window ? lp->window->browser : NULL;

  if (lp->list == NULL)
    return;

  if (browser == NULL || browser->keyring == NULL)
    {
      logins_clear (lp);
      gtk_label_set_text (GTK_LABEL (lp->status), "No keyring (--no-keyring): logins are kept for this run only.");
      return;
    }

  /* One listing at a time; a refresh asked meanwhile starts another. */
  if (lp->listing)
    {
      lp->list_again = TRUE;
      return;
    }
  lp->listing = TRUE;
  lp->list_again = FALSE;
  gtk_label_set_text (GTK_LABEL (lp->status), "Reading the keyring…");
  http_auth_keyring_list_async (browser->keyring, NULL, logins_listed_cb, g_rc_box_acquire (lp));
}

static void
logins_destroy_cb (GtkWidget  *page,
                   LoginsPage *lp)
{
  if (lp->window != NULL && lp->window->logins == lp)
    lp->window->logins = NULL;
  lp->window = NULL;
  lp->page = lp->list = lp->status = NULL;
  g_rc_box_release (lp);
}

static void
logins_close_clicked_cb (GtkButton  *button,
                         LoginsPage *lp)
{
  if (lp->window != NULL)
    close_page (lp->window, lp->page);
}

static void
window_show_logins (Window *window)
{
  LoginsPage *lp = window->logins;
  GtkWidget *buttons;
  GtkWidget *refresh;
  GtkWidget *forget_all;
  GtkWidget *scroller;
  int n;

  if (lp != NULL)
    {
      n = gtk_notebook_page_num (GTK_NOTEBOOK (window->notebook), lp->page);
      if (window_is_current (window, lp->page))
        logins_refresh (lp);
      else
        gtk_notebook_set_current_page (GTK_NOTEBOOK (window->notebook), n);   /* refreshes */
      return;
    }

  lp = g_rc_box_new0 (LoginsPage);
  lp->window = window;
  window->logins = lp;

  lp->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  refresh = gtk_button_new_with_mnemonic ("_Refresh");
  forget_all = gtk_button_new_with_mnemonic ("Forget _all");
  g_signal_connect (refresh, "clicked", G_CALLBACK (refresh_clicked_cb), lp);
  g_signal_connect (forget_all, "clicked", G_CALLBACK (forget_all_clicked_cb), lp);
  gtk_widget_add_css_class (forget_all, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), refresh);
  gtk_box_append (GTK_BOX (buttons), forget_all);
  gtk_widget_set_margin_start (buttons, 12);
  gtk_widget_set_margin_top (buttons, 12);

  lp->status = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (lp->status), 0);
  gtk_widget_set_margin_start (lp->status, 12);

  lp->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (lp->list), GTK_SELECTION_NONE);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), lp->list);
  gtk_widget_set_vexpand (scroller, TRUE);

  gtk_box_append (GTK_BOX (lp->page), buttons);
  if (window->is_private)
    {
      GtkWidget *note = gtk_label_new ("This is a private window: its logins are never saved.");

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_set_margin_start (note, 12);
      gtk_box_append (GTK_BOX (lp->page), note);
    }
  gtk_box_append (GTK_BOX (lp->page), lp->status);
  gtk_box_append (GTK_BOX (lp->page), scroller);
  g_signal_connect (lp->page, "destroy", G_CALLBACK (logins_destroy_cb), lp);

  n = gtk_notebook_append_page (GTK_NOTEBOOK (window->notebook), lp->page,
                                tab_label_new (gtk_label_new ("Saved logins"),
                                               G_CALLBACK (logins_close_clicked_cb), lp));
  gtk_notebook_set_tab_reorderable (GTK_NOTEBOOK (window->notebook), lp->page, TRUE);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (window->notebook), n);   /* refreshes */
}

/* ---- Windows ---- */

static void
new_tab_clicked_cb (GtkButton *button,
                    Window    *window)
{
  tab_new (window, window->browser->start_url, TRUE);
}

static void
private_window_clicked_cb (GtkButton *button,
                           Window    *window)
{
  Window *private_window = window_new (window->browser, TRUE);

  tab_new (private_window, window->browser->start_url, TRUE);
}

static void
logins_clicked_cb (GtkButton *button,
                   Window    *window)
{
  window_show_logins (window);
}

static void
switch_page_cb (GtkNotebook *notebook,
                GtkWidget   *page,
                guint        n,
                Window      *window)
{
  if (window->closing)
    return;

  /* Emitted before the notebook's current page changes. */
  window_update_title (window, page);
  if (window->logins != NULL && page == window->logins->page)
    logins_refresh (window->logins);
}

static void
page_removed_cb (GtkNotebook *notebook,
                 GtkWidget   *page,
                 guint        n,
                 Window      *window)
{
  /* The last tab closed: so does the window. */
  if (!window->closing && gtk_notebook_get_n_pages (notebook) == 0)
    {
      window->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (window->window));
    }
}

/* Prompts end and logins being saved are flushed before the window and
 * its views go. */
static void
window_drop_adapters (Window *window)
{
  window->closing = TRUE;
  for (guint i = 0; i < window->tabs->len; i++)
    tab_drop_adapter (g_ptr_array_index (window->tabs, i));
}

static gboolean
close_request_cb (GtkWindow *gtk_window,
                  Window    *window)
{
  window_drop_adapters (window);

  return FALSE;
}

static void
window_gone_cb (gpointer  data,
                GObject  *where_the_window_was)
{
  Window *window = data;

  /* Pages still alive somewhere must not reach back to this window. */
  for (guint i = 0; i < window->tabs->len; i++)
    ((Tab *) g_ptr_array_index (window->tabs, i))->window = NULL;
  if (window->logins != NULL)
    window->logins->window = NULL;

  g_ptr_array_remove (window->browser->windows, window);
  g_ptr_array_unref (window->tabs);
  g_clear_object (&window->prompter);
  g_clear_object (&window->session);
  g_free (window);
}

static WebKitNetworkSession *
browser_get_session (Browser *browser)
{
  if (browser->session == NULL)
    {
      g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "http-auth-browser", NULL);
      g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "http-auth-browser", NULL);

      browser->session = webkit_network_session_new (data_dir, cache_dir);
      http_auth_webkit_prepare_network_session (browser->session);
    }

  return browser->session;
}

static Window *
window_new (Browser  *browser,
            gboolean  is_private)
{
  Window *window = g_new0 (Window, 1);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *private_button = gtk_button_new_with_mnemonic ("New _private window");
  GtkWidget *logins_button = gtk_button_new_with_mnemonic ("Saved _logins");
  GtkWidget *new_tab = icon_button_new ("tab-new-symbolic", "New tab");

  window->browser = browser;
  window->is_private = is_private;
  window->tabs = g_ptr_array_new ();
  window->prompter = http_auth_gtk_prompter_new ();
  if (is_private)
    {
      window->session = webkit_network_session_new_ephemeral ();
      http_auth_webkit_prepare_network_session (window->session);
    }
  else
    window->session = g_object_ref (browser_get_session (browser));

  window->window = gtk_application_window_new (browser->application);
  gtk_window_set_title (GTK_WINDOW (window->window), is_private ? "HttpAuth Browser (private)" : "HttpAuth Browser");
  if (browser->screenshot != NULL)
    gtk_window_set_default_size (GTK_WINDOW (window->window), 1000, 700);
  else
    gtk_window_set_default_size (GTK_WINDOW (window->window), 1100, 800);

  g_signal_connect (private_button, "clicked", G_CALLBACK (private_window_clicked_cb), window);
  g_signal_connect (logins_button, "clicked", G_CALLBACK (logins_clicked_cb), window);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), private_button);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), logins_button);
  gtk_window_set_titlebar (GTK_WINDOW (window->window), header);

  window->notebook = gtk_notebook_new ();
  gtk_notebook_set_scrollable (GTK_NOTEBOOK (window->notebook), TRUE);
  gtk_button_set_has_frame (GTK_BUTTON (new_tab), FALSE);
  g_signal_connect (new_tab, "clicked", G_CALLBACK (new_tab_clicked_cb), window);
  gtk_notebook_set_action_widget (GTK_NOTEBOOK (window->notebook), new_tab, GTK_PACK_END);
  g_signal_connect (window->notebook, "switch-page", G_CALLBACK (switch_page_cb), window);
  g_signal_connect (window->notebook, "page-removed", G_CALLBACK (page_removed_cb), window);
  gtk_window_set_child (GTK_WINDOW (window->window), window->notebook);

  g_signal_connect (window->window, "close-request", G_CALLBACK (close_request_cb), window);
  g_object_weak_ref (G_OBJECT (window->window), window_gone_cb, window);
  g_ptr_array_add (browser->windows, window);

  gtk_window_present (GTK_WINDOW (window->window));

  return window;
}

/* ---- Screenshots for headless runs ---- */

/* Runs 300 ms after the first prompt (or after the page loaded without
 * one), and every 300 ms after that until the picture is taken. */
static gboolean
screenshot_cb (gpointer user_data)
{
  Browser *browser = user_data;
  Tab *tab = browser->screenshot_tab;
  Window *window = tab ? tab->window : NULL;
  HttpAuthPromptContext *context = tab && tab->adapter ? http_auth_webkit_adapter_get_prompt_context (tab->adapter)
                                                       : NULL;
  g_autoptr(GError) error = NULL;
  gboolean prompted;
  gboolean bar;

  if (window == NULL || context == NULL)
    {
      browser->screenshot_id = 0;
      return G_SOURCE_REMOVE;
    }

  prompted = _http_auth_webkit_adapter_get_n_prompts (tab->adapter) > 0;
  bar = http_auth_gtk_prompter_get_bar (window->prompter, context) != NULL;
  browser->screenshot_tries++;

  /* The bar shows right after the "prompt" signal; give it a frame. */
  if (prompted && !bar && browser->screenshot_tries < 50)
    return G_SOURCE_CONTINUE;
  /* The window must have been drawn for its snapshot to have content. */
  if (!http_auth_test_save_widget_png (window->window, browser->screenshot, &error))
    {
      if (browser->screenshot_tries < 50)
        return G_SOURCE_CONTINUE;
      g_printerr ("Could not save %s: %s\n", browser->screenshot, error->message);
      browser->status = 1;
    }
  else if (bar)
    g_print ("Screenshot of the browser with the login bar: %s\n", browser->screenshot);
  else
    {
      g_print ("Screenshot of the browser: %s\n", browser->screenshot);
      g_printerr ("No login bar was shown (a saved login, or no challenge?)\n");
      browser->status = 1;
    }

  browser->screenshot_id = 0;
  browser_quit (browser);

  return G_SOURCE_REMOVE;
}

static void
screenshot_load_changed_cb (WebKitWebView   *view,
                            WebKitLoadEvent  event,
                            Browser         *browser)
{
  Tab *tab = browser->screenshot_tab;

  /* Loaded without a prompt: take the picture all the same. */
  if (event == WEBKIT_LOAD_FINISHED && tab != NULL && tab->view == view && tab->adapter != NULL &&
      _http_auth_webkit_adapter_get_n_prompts (tab->adapter) == 0 && browser->screenshot_id == 0)
    browser->screenshot_id = g_timeout_add (300, screenshot_cb, browser);
}

static void
screenshot_prompt_cb (HttpAuthWebKitAdapter *adapter,
                      HttpAuthPrompt        *prompt,
                      Browser               *browser)
{
  /* Also when the page had loaded and a subresource asks: wait anew. */
  g_signal_handlers_disconnect_by_func (adapter, screenshot_prompt_cb, browser);
  g_clear_handle_id (&browser->screenshot_id, g_source_remove);
  browser->screenshot_id = g_timeout_add (300, screenshot_cb, browser);
}

static gboolean
give_up_cb (gpointer user_data)
{
  Browser *browser = user_data;

  browser->give_up_id = 0;
  g_printerr ("No login bar after 30 s; no screenshot taken\n");
  browser->status = 1;
  browser_quit (browser);

  return G_SOURCE_REMOVE;
}

/* ---- Application ---- */

static void
browser_quit (Browser *browser)
{
  g_autoptr(GPtrArray) windows = g_ptr_array_copy (browser->windows, NULL, NULL);

  g_clear_handle_id (&browser->screenshot_id, g_source_remove);
  g_clear_handle_id (&browser->give_up_id, g_source_remove);
  browser->screenshot_tab = NULL;

  /* The adapters go first, so that their pending saves hold the
   * application before the windows release it. */
  for (guint i = 0; i < windows->len; i++)
    window_drop_adapters (g_ptr_array_index (windows, i));
  /* The application stays until the logins being saved are saved. */
  if (browser->keyring != NULL)
    {
      g_application_hold (G_APPLICATION (browser->application));
      http_auth_keyring_flush_async (browser->keyring, NULL, keyring_flushed_cb,
                                     g_object_ref (browser->application));
    }
  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (GTK_WINDOW (((Window *) g_ptr_array_index (windows, i))->window));
}

static void
startup_cb (GtkApplication *application,
            Browser        *browser)
{
  g_autoptr(GError) error = NULL;

  http_auth_gtk_init ();

  browser->server = http_auth_demo_server_new ("alice", "wonderland");
  if (http_auth_demo_server_start_thread (browser->server, &error))
    browser->start_url = http_auth_demo_server_get_url (browser->server, "/site/");
  else
    {
      g_printerr ("Cannot start the demo server: %s\n", error->message);
      g_clear_pointer (&browser->server, http_auth_demo_server_free);
      browser->start_url = g_strdup ("about:blank");
    }

  if (!browser->no_keyring)
    browser->keyring = http_auth_keyring_new ();
}

static void
activate_cb (GtkApplication *application,
             Browser        *browser)
{
  Window *window = window_new (browser, FALSE);
  guint n_uris = browser->uris ? g_strv_length (browser->uris) : 0;
  Tab *first = NULL;

  for (guint i = 0; i < n_uris; i++)
    {
      g_autofree char *uri = normalize_uri (browser->uris[i]);

      if (uri != NULL)
        {
          Tab *tab = tab_new (window, uri, first == NULL);

          if (first == NULL)
            first = tab;
        }
    }

  if (first == NULL && browser->screenshot != NULL && browser->server != NULL)
    {
      g_autofree char *uri = http_auth_demo_server_get_url (browser->server, "/site/fetch50.html");

      first = tab_new (window, uri, TRUE);
    }
  if (first == NULL)
    first = tab_new (window, browser->start_url, TRUE);

  if (browser->screenshot != NULL)
    {
      browser->screenshot_tab = first;
      g_signal_connect (first->adapter, "prompt", G_CALLBACK (screenshot_prompt_cb), browser);
      g_signal_connect (first->view, "load-changed", G_CALLBACK (screenshot_load_changed_cb), browser);
      browser->give_up_id = g_timeout_add_seconds (30, give_up_cb, browser);
    }
}

int
main (int    argc,
      char **argv)
{
  Browser browser = { 0 };
  GOptionEntry entries[] = {
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &browser.no_keyring,
      "Keep logins in memory only", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &browser.screenshot,
      "Open the 50-fetch() page, save a PNG of the window once its login bar shows, then quit", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &browser.uris, NULL, NULL },
    { NULL }
  };
  int status;

  browser.windows = g_ptr_array_new ();
  browser.application = gtk_application_new ("org.gnome.HttpAuth.Browser", G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (browser.application), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (browser.application), "[URL…]");
  g_application_set_option_context_summary (G_APPLICATION (browser.application),
                                            "A web browser whose HTTP logins are asked in a bar above the page.\n"
                                            "Without a URL it opens the demo server's start page "
                                            "(user alice, password wonderland).");
  g_signal_connect (browser.application, "startup", G_CALLBACK (startup_cb), &browser);
  g_signal_connect (browser.application, "activate", G_CALLBACK (activate_cb), &browser);
  status = g_application_run (G_APPLICATION (browser.application), argc, argv);
  if (status == 0)
    status = browser.status;

  g_clear_handle_id (&browser.screenshot_id, g_source_remove);
  g_clear_handle_id (&browser.give_up_id, g_source_remove);
  g_clear_object (&browser.application);
  g_clear_object (&browser.keyring);
  g_clear_object (&browser.session);
  g_clear_pointer (&browser.server, http_auth_demo_server_free);
  g_ptr_array_unref (browser.windows);
  g_strfreev (browser.uris);
  g_free (browser.start_url);
  g_free (browser.screenshot);

  return status;
}
