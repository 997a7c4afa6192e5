/* http-auth-browser-application.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-browser-application"

#include "config.h"

#include "http-auth-browser-application.h"

#include "http-auth-browser-private.h"
#include "http-auth-browser-tab.h"
#include "http-auth-browser-window.h"
#include "http-auth-demo-server.h"
#include "http-auth-test-gtk.h"
#include "http-auth-webkit-adapter-private.h"

/**
 * HttpAuthBrowserApplication:
 *
 * The browser: its command line, the demo server it starts in-process,
 * the keyring and the persistent network session its normal windows
 * share.
 *
 * With `--screenshot FILE` it opens the demo server's 50-fetch() page,
 * saves a PNG of the window once the login bar shows (through the test
 * support's http_auth_test_save_widget_png()), and quits; the exit
 * status says whether a bar was shown.
 */

struct _HttpAuthBrowserApplication
{
  GtkApplication        parent_instance;

  /* Owned; set at startup, main thread. The server answers on a thread
   * of its own; keyring is NULL with --no-keyring. */
  HttpAuthDemoServer   *server;
  HttpAuthKeyring      *keyring;
  char                 *start_url;

  /* Owned, made when the first normal window needs it. */
  WebKitNetworkSession *network_session;

  /* Owned; filled by GApplication's parsing of the command line. */
  char                **uris;
  char                 *screenshot;
  gboolean              no_keyring;

  /* The screenshot harness: a weak pointer to the tab it watches, and
   * its timeouts. */
  HttpAuthBrowserTab   *screenshot_tab;
  guint                 screenshot_id;
  guint                 screenshot_tries;
  guint                 give_up_id;

  int                   exit_status;
};

G_DEFINE_FINAL_TYPE (HttpAuthBrowserApplication, http_auth_browser_application, GTK_TYPE_APPLICATION)

static void
keyring_flush_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_APPLICATION (application));

  if (!http_auth_keyring_flush_finish (HTTP_AUTH_KEYRING (object), result, &error))
    g_warning ("Could not save a login: %s", error->message);

  g_application_release (application);
}

/* Closes every window; the application stays until the logins being
 * saved are saved. */
static void
quit (HttpAuthBrowserApplication *self)
{
  g_autoptr(GList) windows = NULL;

  g_assert (HTTP_AUTH_IS_BROWSER_APPLICATION (self));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  g_clear_handle_id (&self->screenshot_id, g_source_remove);
  g_clear_handle_id (&self->give_up_id, g_source_remove);
  g_clear_weak_pointer (&self->screenshot_tab);

  /* The prompts end first, so that the saves they leave pending are in
   * the keyring's queue before it is flushed and the windows release
   * the application. */
  for (const GList *l = windows; l != NULL; l = l->next)
    if (HTTP_AUTH_IS_BROWSER_WINDOW (l->data))
      http_auth_browser_window_end_prompts (l->data);

  if (self->keyring != NULL)
    {
      g_application_hold (G_APPLICATION (self));
      http_auth_keyring_flush_async (self->keyring, NULL, keyring_flush_cb, g_object_ref (self));
    }

  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
}

/* Runs 300 ms after the first prompt (or after the page loaded without
 * one), and every 300 ms after that until the picture is taken. */
static gboolean
screenshot_cb (gpointer user_data)
{
  HttpAuthBrowserApplication *self = user_data;
  HttpAuthBrowserTab *tab = self->screenshot_tab;
  HttpAuthWebKitAdapter *adapter = tab != NULL ? http_auth_browser_tab_get_adapter (tab) : NULL;
  GtkRoot *window = tab != NULL ? gtk_widget_get_root (GTK_WIDGET (tab)) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean prompted;
  gboolean bar;

  g_assert (HTTP_AUTH_IS_BROWSER_APPLICATION (self));

  if (window == NULL || adapter == NULL)
    {
      self->screenshot_id = 0;
      return G_SOURCE_REMOVE;
    }

  prompted = _http_auth_webkit_adapter_get_n_prompts (adapter) > 0;
  bar = http_auth_browser_tab_get_showing_login_bar (tab);
  self->screenshot_tries++;

  /* The bar shows right after the "prompt" signal; give it a frame. */
  if (prompted && !bar && self->screenshot_tries < 50)
    return G_SOURCE_CONTINUE;

  /* The window must have been drawn for its snapshot to have content. */
  if (!http_auth_test_save_widget_png (GTK_WIDGET (window), self->screenshot, &error))
    {
      if (self->screenshot_tries < 50)
        return G_SOURCE_CONTINUE;
      g_printerr ("Could not save %s: %s\n", self->screenshot, error->message);
      self->exit_status = 1;
    }
  else if (bar)
    g_print ("Screenshot of the browser with the login bar: %s\n", self->screenshot);
  else
    {
      g_print ("Screenshot of the browser: %s\n", self->screenshot);
      g_printerr ("No login bar was shown (a saved login, or no challenge?)\n");
      self->exit_status = 1;
    }

  self->screenshot_id = 0;
  quit (self);

  return G_SOURCE_REMOVE;
}

static void
screenshot_load_changed_cb (WebKitWebView              *web_view,
                            WebKitLoadEvent             event,
                            HttpAuthBrowserApplication *self)
{
  HttpAuthBrowserTab *tab = self->screenshot_tab;
  HttpAuthWebKitAdapter *adapter = tab != NULL ? http_auth_browser_tab_get_adapter (tab) : NULL;

  g_assert (HTTP_AUTH_IS_BROWSER_APPLICATION (self));

  /* Loaded without a prompt: take the picture all the same. */
  if (event == WEBKIT_LOAD_FINISHED && adapter != NULL &&
      http_auth_browser_tab_get_web_view (tab) == web_view &&
      _http_auth_webkit_adapter_get_n_prompts (adapter) == 0 && self->screenshot_id == 0)
    self->screenshot_id = g_timeout_add (300, screenshot_cb, self);
}

static void
screenshot_prompt_cb (HttpAuthWebKitAdapter      *adapter,
                      HttpAuthPrompt             *prompt,
                      HttpAuthBrowserApplication *self)
{
  g_assert (HTTP_AUTH_IS_BROWSER_APPLICATION (self));

  /* Also when the page had loaded and a subresource asks: wait anew. */
  g_signal_handlers_disconnect_by_func (adapter, screenshot_prompt_cb, self);
  g_clear_handle_id (&self->screenshot_id, g_source_remove);
  self->screenshot_id = g_timeout_add (300, screenshot_cb, self);
}

static gboolean
give_up_cb (gpointer user_data)
{
  HttpAuthBrowserApplication *self = user_data;

  g_assert (HTTP_AUTH_IS_BROWSER_APPLICATION (self));

  self->give_up_id = 0;
  g_printerr ("No login bar after 30 s; no screenshot taken\n");
  self->exit_status = 1;
  quit (self);

  return G_SOURCE_REMOVE;
}

static void
watch_for_screenshot (HttpAuthBrowserApplication *self,
                      HttpAuthBrowserTab         *tab)
{
  g_assert (HTTP_AUTH_IS_BROWSER_APPLICATION (self));
  g_assert (HTTP_AUTH_IS_BROWSER_TAB (tab));

  g_set_weak_pointer (&self->screenshot_tab, tab);
  g_signal_connect_object (http_auth_browser_tab_get_adapter (tab), "prompt",
                           G_CALLBACK (screenshot_prompt_cb), self, 0);
  g_signal_connect_object (http_auth_browser_tab_get_web_view (tab), "load-changed",
                           G_CALLBACK (screenshot_load_changed_cb), self, 0);
  self->give_up_id = g_timeout_add_seconds (30, give_up_cb, self);
}

static void
http_auth_browser_application_startup (GApplication *application)
{
  HttpAuthBrowserApplication *self = (HttpAuthBrowserApplication *)application;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (http_auth_browser_application_parent_class)->startup (application);

  http_auth_gtk_init ();

  self->server = http_auth_demo_server_new ("alice", "wonderland");
  if (http_auth_demo_server_start_thread (self->server, &error))
    self->start_url = http_auth_demo_server_get_url (self->server, "/site/");
  else
    {
      g_printerr ("Cannot start the demo server: %s\n", error->message);
      g_clear_pointer (&self->server, http_auth_demo_server_free);
      self->start_url = g_strdup ("about:blank");
    }

  if (!self->no_keyring)
    self->keyring = http_auth_keyring_new ();
}

static void
http_auth_browser_application_activate (GApplication *application)
{
  HttpAuthBrowserApplication *self = (HttpAuthBrowserApplication *)application;
  HttpAuthBrowserWindow *window = http_auth_browser_window_new (self, FALSE);
  HttpAuthBrowserTab *first = NULL;

  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; self->uris != NULL && self->uris[i] != NULL; i++)
    {
      g_autofree char *uri = _http_auth_browser_normalize_uri (self->uris[i]);

      if (uri != NULL)
        {
          HttpAuthBrowserTab *tab = http_auth_browser_window_open_uri (window, uri, first == NULL);

          if (first == NULL)
            first = tab;
        }
    }

  if (first == NULL && self->screenshot != NULL && self->server != NULL)
    {
      g_autofree char *uri = http_auth_demo_server_get_url (self->server, "/site/fetch50.html");

      first = http_auth_browser_window_open_uri (window, uri, TRUE);
    }
  if (first == NULL)
    first = http_auth_browser_window_open_uri (window, self->start_url, TRUE);

  if (self->screenshot != NULL)
    watch_for_screenshot (self, first);
}

/* Screenshots are taken at one size, whatever the display. */
static void
http_auth_browser_application_window_added (GtkApplication *application,
                                            GtkWindow      *window)
{
  HttpAuthBrowserApplication *self = (HttpAuthBrowserApplication *)application;

  GTK_APPLICATION_CLASS (http_auth_browser_application_parent_class)->window_added (application, window);

  if (self->screenshot != NULL)
    gtk_window_set_default_size (window, 1000, 700);
}

static void
http_auth_browser_application_dispose (GObject *object)
{
  HttpAuthBrowserApplication *self = (HttpAuthBrowserApplication *)object;

  g_clear_handle_id (&self->screenshot_id, g_source_remove);
  g_clear_handle_id (&self->give_up_id, g_source_remove);
  g_clear_weak_pointer (&self->screenshot_tab);
  g_clear_object (&self->keyring);
  g_clear_object (&self->network_session);
  g_clear_pointer (&self->server, http_auth_demo_server_free);

  G_OBJECT_CLASS (http_auth_browser_application_parent_class)->dispose (object);
}

static void
http_auth_browser_application_finalize (GObject *object)
{
  HttpAuthBrowserApplication *self = (HttpAuthBrowserApplication *)object;

  g_clear_pointer (&self->uris, g_strfreev);
  g_clear_pointer (&self->screenshot, g_free);
  g_clear_pointer (&self->start_url, g_free);

  G_OBJECT_CLASS (http_auth_browser_application_parent_class)->finalize (object);
}

static void
http_auth_browser_application_class_init (HttpAuthBrowserApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_application_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = http_auth_browser_application_dispose;
  object_class->finalize = http_auth_browser_application_finalize;

  application_class->startup = http_auth_browser_application_startup;
  application_class->activate = http_auth_browser_application_activate;

  gtk_application_class->window_added = http_auth_browser_application_window_added;
}

static void
http_auth_browser_application_init (HttpAuthBrowserApplication *self)
{
  /* GApplication copies the entries and fills the fields they point at. */
  const GOptionEntry entries[] = {
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &self->no_keyring,
      "Keep logins in memory only", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &self->screenshot,
      "Open the 50-fetch() page, save a PNG of the window once its login bar shows, then quit", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &self->uris, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "[URL…]");
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            "A web browser whose HTTP logins are asked in a bar above the page.\n"
                                            "Without a URL it opens the demo server's start page "
                                            "(user alice, password wonderland).");
}

HttpAuthBrowserApplication *
http_auth_browser_application_new (void)
{
  return g_object_new (HTTP_AUTH_TYPE_BROWSER_APPLICATION,
                       "application-id", "org.gnome.HttpAuth.Browser",
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

/**
 * http_auth_browser_application_get_keyring:
 *
 * Returns: (transfer none) (nullable): the keyring normal windows save
 *   logins to, or %NULL with --no-keyring (or before startup)
 */
HttpAuthKeyring *
http_auth_browser_application_get_keyring (HttpAuthBrowserApplication *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_APPLICATION (self), NULL);

  return self->keyring;
}

/**
 * http_auth_browser_application_get_network_session:
 *
 * Returns: (transfer none): the persistent network session that normal
 *   windows share, made on first use
 */
WebKitNetworkSession *
http_auth_browser_application_get_network_session (HttpAuthBrowserApplication *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_APPLICATION (self), NULL);

  if (self->network_session == NULL)
    {
      g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "http-auth-browser", NULL);
      g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "http-auth-browser", NULL);

      self->network_session = webkit_network_session_new (data_dir, cache_dir);
      http_auth_webkit_prepare_network_session (self->network_session);
    }

  return self->network_session;
}

/**
 * http_auth_browser_application_get_start_url:
 *
 * Returns: the demo server's start page (about:blank if it did not
 *   start): what new tabs and windows open
 */
const char *
http_auth_browser_application_get_start_url (HttpAuthBrowserApplication *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_APPLICATION (self), NULL);

  return self->start_url;
}

/**
 * http_auth_browser_application_get_exit_status:
 *
 * Returns: 1 if the screenshot harness failed, else 0
 */
int
http_auth_browser_application_get_exit_status (HttpAuthBrowserApplication *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_APPLICATION (self), 1);

  return self->exit_status;
}
