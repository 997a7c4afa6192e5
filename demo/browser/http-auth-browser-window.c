/* http-auth-browser-window.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-browser-window"

#include "config.h"

#include "http-auth-browser-window.h"

#include "http-auth-browser-logins-page.h"

/**
 * HttpAuthBrowserWindow:
 *
 * A browser window: a notebook of [class@HttpAuthBrowser.Tab]s and,
 * when asked, one [class@HttpAuthBrowser.LoginsPage].
 *
 * The window owns the [class@HttpAuthGtk.Prompter] its tabs share, so
 * that each login bar shows in the tab that asked. Normal windows share
 * the application's persistent network session and keyring; a private
 * window has an ephemeral session of its own and never saves a login.
 * The window closes with its last page.
 */

struct _HttpAuthBrowserWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template children, main thread. */
  GtkNotebook          *notebook;

  /* Owned: one prompter for the window's tabs. */
  HttpAuthGtkPrompter  *prompter;

  /* Owned, made with the first tab: the application's persistent session,
   * or an ephemeral one for a private window. */
  WebKitNetworkSession *network_session;

  guint                 is_private : 1;

  /* Set once the window is closing: its pages being removed then must
   * not close it again or refresh anything. */
  guint                 closing : 1;
};

G_DEFINE_FINAL_TYPE (HttpAuthBrowserWindow, http_auth_browser_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PRIVATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static HttpAuthBrowserApplication *
get_application (HttpAuthBrowserWindow *self)
{
  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  return HTTP_AUTH_BROWSER_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static WebKitNetworkSession *
get_network_session (HttpAuthBrowserWindow *self)
{
  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  if (self->network_session == NULL)
    {
      if (self->is_private)
        {
          self->network_session = webkit_network_session_new_ephemeral ();
          http_auth_webkit_prepare_network_session (self->network_session);
        }
      else
        self->network_session =
          g_object_ref (http_auth_browser_application_get_network_session (get_application (self)));
    }

  return self->network_session;
}

static HttpAuthBrowserLoginsPage *
find_logins_page (HttpAuthBrowserWindow *self)
{
  int n_pages = gtk_notebook_get_n_pages (self->notebook);

  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  for (int i = 0; i < n_pages; i++)
    {
      GtkWidget *page = gtk_notebook_get_nth_page (self->notebook, i);

      if (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (page))
        return HTTP_AUTH_BROWSER_LOGINS_PAGE (page);
    }

  return NULL;
}

static gboolean
is_current (HttpAuthBrowserWindow *self,
            GtkWidget             *page)
{
  int current = gtk_notebook_get_current_page (self->notebook);

  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  return current >= 0 && gtk_notebook_get_nth_page (self->notebook, current) == page;
}

/* The window's title names @page, which is or is becoming current. */
static void
update_title (HttpAuthBrowserWindow *self,
              GtkWidget             *page)
{
  const char *what = NULL;
  g_autofree char *title = NULL;

  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  if (HTTP_AUTH_IS_BROWSER_TAB (page))
    what = http_auth_browser_tab_get_title (HTTP_AUTH_BROWSER_TAB (page));
  else if (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (page))
    what = "Saved logins";

  title = g_strdup_printf ("%s%sHttpAuth Browser%s", what ? what : "", what ? " — " : "",
                           self->is_private ? " (private)" : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
tab_notify_title_cb (HttpAuthBrowserWindow *self,
                     GParamSpec            *pspec,
                     HttpAuthBrowserTab    *tab)
{
  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  if (is_current (self, GTK_WIDGET (tab)))
    update_title (self, GTK_WIDGET (tab));
}

static void
tab_open_in_new_tab_cb (HttpAuthBrowserWindow *self,
                        const char            *uri,
                        HttpAuthBrowserTab    *tab)
{
  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  if (!self->closing)
    http_auth_browser_window_open_uri (self, uri, TRUE);
}

static void
notebook_switch_page_cb (GtkNotebook           *notebook,
                         GtkWidget             *page,
                         guint                  n,
                         HttpAuthBrowserWindow *self)
{
  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  if (self->closing)
    return;

  /* Emitted before the notebook's current page changes. */
  update_title (self, page);
  if (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (page))
    http_auth_browser_logins_page_refresh (HTTP_AUTH_BROWSER_LOGINS_PAGE (page));
}

static void
notebook_page_removed_cb (GtkNotebook           *notebook,
                          GtkWidget             *page,
                          guint                  n,
                          HttpAuthBrowserWindow *self)
{
  g_assert (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  /* The last tab closed: so does the window. */
  if (!self->closing && gtk_notebook_get_n_pages (notebook) == 0)
    {
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
new_tab_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  HttpAuthBrowserWindow *self = HTTP_AUTH_BROWSER_WINDOW (widget);

  http_auth_browser_window_open_uri (self, http_auth_browser_application_get_start_url (get_application (self)),
                                     TRUE);
}

static void
new_private_window_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  HttpAuthBrowserApplication *application = get_application (HTTP_AUTH_BROWSER_WINDOW (widget));
  HttpAuthBrowserWindow *window = http_auth_browser_window_new (application, TRUE);

  gtk_window_present (GTK_WINDOW (window));
  http_auth_browser_window_open_uri (window, http_auth_browser_application_get_start_url (application), TRUE);
}

static void
show_logins_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  http_auth_browser_window_show_logins (HTTP_AUTH_BROWSER_WINDOW (widget));
}

static gboolean
http_auth_browser_window_close_request (GtkWindow *window)
{
  HttpAuthBrowserWindow *self = (HttpAuthBrowserWindow *)window;

  http_auth_browser_window_end_prompts (self);

  return GTK_WINDOW_CLASS (http_auth_browser_window_parent_class)->close_request (window);
}

static void
http_auth_browser_window_dispose (GObject *object)
{
  HttpAuthBrowserWindow *self = (HttpAuthBrowserWindow *)object;

  self->closing = TRUE;

  /* GtkWindow forgets its child only through set_child(); GTK 4.8's
   * dispose_template() would unparent the notebook behind its back. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HTTP_AUTH_TYPE_BROWSER_WINDOW);

  g_clear_object (&self->prompter);
  g_clear_object (&self->network_session);

  G_OBJECT_CLASS (http_auth_browser_window_parent_class)->dispose (object);
}

static void
http_auth_browser_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  HttpAuthBrowserWindow *self = HTTP_AUTH_BROWSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRIVATE:
      g_value_set_boolean (value, self->is_private);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_browser_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  HttpAuthBrowserWindow *self = HTTP_AUTH_BROWSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRIVATE:
      self->is_private = g_value_get_boolean (value);
      if (self->is_private)
        gtk_window_set_title (GTK_WINDOW (self), "HttpAuth Browser (private)");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_browser_window_class_init (HttpAuthBrowserWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = http_auth_browser_window_dispose;
  object_class->get_property = http_auth_browser_window_get_property;
  object_class->set_property = http_auth_browser_window_set_property;

  window_class->close_request = http_auth_browser_window_close_request;

  /**
   * HttpAuthBrowserWindow:private:
   *
   * Whether the window is private: an ephemeral network session of its
   * own, and no login saved.
   */
  properties[PROP_PRIVATE] =
    g_param_spec_boolean ("private", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gnome/HttpAuth/Browser/http-auth-browser-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserWindow, notebook);
  gtk_widget_class_bind_template_callback (widget_class, notebook_switch_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, notebook_page_removed_cb);

  gtk_widget_class_install_action (widget_class, "browser.new-tab", NULL, new_tab_action);
  gtk_widget_class_install_action (widget_class, "browser.new-private-window", NULL,
                                   new_private_window_action);
  gtk_widget_class_install_action (widget_class, "browser.show-logins", NULL, show_logins_action);
}

static void
http_auth_browser_window_init (HttpAuthBrowserWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->prompter = http_auth_gtk_prompter_new ();
}

/**
 * http_auth_browser_window_new:
 * @application: the browser
 * @is_private: whether the window is private
 *
 * Returns: (transfer none): a new window without pages, owned by GTK
 *   until it is destroyed
 */
HttpAuthBrowserWindow *
http_auth_browser_window_new (HttpAuthBrowserApplication *application,
                              gboolean                    is_private)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_APPLICATION (application), NULL);

  return g_object_new (HTTP_AUTH_TYPE_BROWSER_WINDOW,
                       "application", application,
                       "private", is_private,
                       NULL);
}

gboolean
http_auth_browser_window_get_private (HttpAuthBrowserWindow *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_WINDOW (self), FALSE);

  return self->is_private;
}

/**
 * http_auth_browser_window_open_uri:
 * @uri: (nullable): what the new tab loads
 * @select: whether the new tab becomes the current page
 *
 * Opens a new tab, last in the window, and loads @uri in it.
 *
 * Returns: (transfer none): the new tab
 */
HttpAuthBrowserTab *
http_auth_browser_window_open_uri (HttpAuthBrowserWindow *self,
                                   const char            *uri,
                                   gboolean               select)
{
  HttpAuthKeyring *keyring;
  HttpAuthBrowserTab *tab;
  int n;

  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_WINDOW (self), NULL);

  keyring = self->is_private ? NULL : http_auth_browser_application_get_keyring (get_application (self));
  tab = http_auth_browser_tab_new (get_network_session (self), self->prompter, keyring);
  g_signal_connect_object (tab, "notify::title", G_CALLBACK (tab_notify_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tab, "open-in-new-tab", G_CALLBACK (tab_open_in_new_tab_cb), self,
                           G_CONNECT_SWAPPED);

  n = gtk_notebook_append_page (self->notebook, GTK_WIDGET (tab), http_auth_browser_tab_get_tab_label (tab));
  gtk_notebook_set_tab_reorderable (self->notebook, GTK_WIDGET (tab), TRUE);
  if (select)
    gtk_notebook_set_current_page (self->notebook, n);

  http_auth_browser_tab_load_uri (tab, uri);

  return tab;
}

/**
 * http_auth_browser_window_show_logins:
 *
 * Shows the "Saved logins" page, opening it if needed, and reads the
 * keyring again.
 */
void
http_auth_browser_window_show_logins (HttpAuthBrowserWindow *self)
{
  HttpAuthBrowserLoginsPage *page;
  int n;

  g_return_if_fail (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  page = find_logins_page (self);
  if (page == NULL)
    {
      page = http_auth_browser_logins_page_new (http_auth_browser_application_get_keyring (get_application (self)),
                                                self->is_private);
      n = gtk_notebook_append_page (self->notebook, GTK_WIDGET (page),
                                    http_auth_browser_logins_page_get_tab_label (page));
      gtk_notebook_set_tab_reorderable (self->notebook, GTK_WIDGET (page), TRUE);
    }
  else
    n = gtk_notebook_page_num (self->notebook, GTK_WIDGET (page));

  /* Switching to the page refreshes it. */
  if (is_current (self, GTK_WIDGET (page)))
    http_auth_browser_logins_page_refresh (page);
  else
    gtk_notebook_set_current_page (self->notebook, n);
}

/**
 * http_auth_browser_window_end_prompts:
 *
 * The window is closing: the prompts of all its tabs end now, before
 * the window and its views go. Logins being saved still reach the
 * keyring.
 */
void
http_auth_browser_window_end_prompts (HttpAuthBrowserWindow *self)
{
  int n_pages;

  g_return_if_fail (HTTP_AUTH_IS_BROWSER_WINDOW (self));

  self->closing = TRUE;
  if (self->notebook == NULL)
    return;

  n_pages = gtk_notebook_get_n_pages (self->notebook);
  for (int i = 0; i < n_pages; i++)
    {
      GtkWidget *page = gtk_notebook_get_nth_page (self->notebook, i);

      if (HTTP_AUTH_IS_BROWSER_TAB (page))
        http_auth_browser_tab_end_prompts (HTTP_AUTH_BROWSER_TAB (page));
    }
}
