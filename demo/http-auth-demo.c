/* http-auth-demo.c: a small desktop client that needs HTTP logins
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-demo-server.h"
#include "http-auth-test-gtk.h"
#include "http-auth-gtk.h"

/* Tabs with a URL entry and a view of the response (text, or images as
 * images), all fetched through one HttpAuthSession whose prompter is the
 * GTK prompt bar. It starts the demo server in-process and opens tabs on
 * its protected pages; one tab fires 50 background fetches at a realm so
 * that coalescing and suppress-on-cancel can be seen; a last tab lists the
 * saved logins. */

typedef struct _App App;

typedef struct
{
  App                   *app;
  HttpAuthPromptContext *context;
  GtkWidget             *page;
  GtkWidget             *entry;
  GtkWidget             *bar_area;
  GtkWidget             *stack;
  GtkWidget             *text;
  GtkWidget             *picture;
  GtkWidget             *status;
  guint                  pending;
  guint                  ok;
  guint                  denied;
} Tab;

struct _App
{
  GtkApplication      *application;
  GtkWidget           *window;
  GtkWidget           *notebook;
  GtkWidget           *logins_list;
  HttpAuthDemoServer  *server;
  HttpAuthSession     *session;
  HttpAuthGtkPrompter *prompter;
  GPtrArray           *tabs;
  char                *screenshot;
  gboolean             no_keyring;
};

typedef struct
{
  Tab     *tab;
  gboolean background;
} Load;

static void
tab_free (Tab *tab)
{
  g_clear_object (&tab->context);
  g_free (tab);
}

static char *
site_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

static void
show_response (Tab              *tab,
               HttpAuthResponse *response,
               GBytes           *body)
{
  const char *type = soup_message_headers_get_content_type (http_auth_response_get_headers (response), NULL);
  g_autofree char *status = g_strdup_printf ("HTTP %u %s — %zu bytes — %u exchange(s)",
                                             http_auth_response_get_status (response),
                                             http_auth_response_get_reason_phrase (response),
                                             g_bytes_get_size (body),
                                             http_auth_response_get_exchanges (response)->len);

  gtk_label_set_text (GTK_LABEL (tab->status), status);

  if (type != NULL && g_str_has_prefix (type, "image/"))
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (body, NULL);

      if (texture != NULL)
        {
          gtk_picture_set_paintable (GTK_PICTURE (tab->picture), GDK_PAINTABLE (texture));
          gtk_stack_set_visible_child (GTK_STACK (tab->stack), tab->picture);
          return;
        }
    }

  {
    /* Whatever the status, the body is shown: a 401 without a usable
     * challenge, or after a cancel, is a page like any other. */
    g_autofree char *text = g_utf8_make_valid (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (tab->text)), text, -1);
    gtk_stack_set_visible_child (GTK_STACK (tab->stack), tab->text);
  }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  Tab *tab = load->tab;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(HttpAuthResponse) response = NULL;

  response = http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (object), result, &body, &error);
  tab->pending--;

  if (load->background)
    {
      g_autofree char *status = NULL;

      if (response != NULL && http_auth_response_get_status (response) == 200)
        tab->ok++;
      else
        tab->denied++;
      status = g_strdup_printf ("Background fetches: %u waiting, %u × 200, %u × 401 or error",
                                tab->pending, tab->ok, tab->denied);
      gtk_label_set_text (GTK_LABEL (tab->status), status);
    }
  else if (response == NULL)
    {
      g_autofree char *status = g_strdup_printf ("Network error: %s", error->message);
      gtk_label_set_text (GTK_LABEL (tab->status), status);
    }
  else
    show_response (tab, response, body);

  g_free (load);
}

static void
tab_fetch (Tab        *tab,
           const char *url,
           gboolean    background)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);
  Load *load;

  if (request == NULL)
    {
      gtk_label_set_text (GTK_LABEL (tab->status), "Not an http(s) URL");
      return;
    }

  if (background)
    {
      /* What a page's script does: fetch() calls from the page's origin. */
      g_autoptr(GUri) page = g_uri_parse (gtk_editable_get_text (GTK_EDITABLE (tab->entry)), G_URI_FLAGS_NONE, NULL);
      g_autofree char *initiator = page ? g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (page),
                                                           g_uri_get_host (page), g_uri_get_port (page))
                                        : NULL;

      http_auth_request_set_destination (request, HTTP_AUTH_DESTINATION_SUBRESOURCE);
      http_auth_request_set_mode (request, HTTP_AUTH_REQUEST_MODE_SAME_ORIGIN);
      http_auth_request_set_initiator (request, initiator);
    }

  http_auth_request_set_prompt_context (request, tab->context);
  load = g_new0 (Load, 1);
  load->tab = tab;
  load->background = background;
  tab->pending++;
  http_auth_session_send_and_read_async (tab->app->session, request, NULL, loaded_cb, load);
}

/* A navigation typed by the user: it lifts suppressed prompts. */
static void
tab_navigate (Tab        *tab,
              const char *url)
{
  g_autofree char *site = site_of (url);

  gtk_editable_set_text (GTK_EDITABLE (tab->entry), url);
  http_auth_prompt_context_set_top_level_site (tab->context, site);
  http_auth_prompt_context_user_navigated (tab->context);
  gtk_label_set_text (GTK_LABEL (tab->status), "Loading…");
  tab_fetch (tab, url, FALSE);
}

static void
entry_activate_cb (GtkEntry *entry,
                   Tab      *tab)
{
  tab_navigate (tab, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
fire_fifty_cb (GtkButton *button,
               Tab       *tab)
{
  tab->ok = tab->denied = 0;
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *url = http_auth_demo_server_get_url (tab->app->server, "/digest/sha-256/");
      g_autofree char *item = g_strdup_printf ("%sitem-%u.json", url, i);
      tab_fetch (tab, item, TRUE);
    }
}

static Tab *
add_tab (App        *app,
         const char *title,
         const char *path,
         gboolean    fifty_button)
{
  Tab *tab = g_new0 (Tab, 1);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autofree char *url = http_auth_demo_server_get_url (app->server, path);

  tab->app = app;
  tab->context = http_auth_prompt_context_new (NULL, FALSE);
  tab->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  tab->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (tab->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tab->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Address", -1);
  g_signal_connect (tab->entry, "activate", G_CALLBACK (entry_activate_cb), tab);
  gtk_box_append (GTK_BOX (toolbar), tab->entry);
  if (fifty_button)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic ("_Fire 50 background fetches");
      g_signal_connect (button, "clicked", G_CALLBACK (fire_fifty_cb), tab);
      gtk_box_append (GTK_BOX (toolbar), button);
    }
  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);

  tab->bar_area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  tab->text = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (tab->text), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (tab->text), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (tab->text), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (tab->text), 12);
  tab->picture = gtk_picture_new ();
  tab->stack = gtk_stack_new ();
  gtk_stack_add_child (GTK_STACK (tab->stack), tab->text);
  gtk_stack_add_child (GTK_STACK (tab->stack), tab->picture);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), tab->stack);
  gtk_widget_set_vexpand (scroller, TRUE);
  tab->status = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (tab->status), 0);
  gtk_widget_set_margin_start (tab->status, 6);
  gtk_widget_set_margin_bottom (tab->status, 4);

  gtk_box_append (GTK_BOX (tab->page), toolbar);
  gtk_box_append (GTK_BOX (tab->page), tab->bar_area);
  gtk_box_append (GTK_BOX (tab->page), scroller);
  gtk_box_append (GTK_BOX (tab->page), tab->status);
  gtk_notebook_append_page (GTK_NOTEBOOK (app->notebook), tab->page, gtk_label_new (title));

  http_auth_gtk_prompter_add_tab (app->prompter, tab->context, GTK_BOX (tab->bar_area));
  g_ptr_array_add (app->tabs, tab);

  if (fifty_button)
    {
      g_autofree char *site = site_of (url);
      gtk_editable_set_text (GTK_EDITABLE (tab->entry), url);
      http_auth_prompt_context_set_top_level_site (tab->context, site);
      gtk_label_set_text (GTK_LABEL (tab->status), "Press the button: 50 fetches, one login bar.");
    }
  else
    tab_navigate (tab, url);

  return tab;
}

/* ---- Saved logins ---- */

static void refresh_logins (App *app);

static void
forgot_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  App *app = user_data;

  http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, NULL);
  refresh_logins (app);
}

static void
forget_clicked_cb (GtkButton *button,
                   App       *app)
{
  const char *host = g_object_get_data (G_OBJECT (button), "host");
  HttpAuthKeyring *keyring = http_auth_session_get_keyring (app->session);

  http_auth_credential_cache_clear_site (http_auth_session_get_credential_cache (app->session), host);
  if (keyring != NULL)
    http_auth_keyring_forget_async (keyring, host, NULL, forgot_cb, app);
  else
    refresh_logins (app);
}

static void
add_login_row (App                     *app,
               HttpAuthProtectionSpace *space,
               const char              *user,
               const char              *where)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *origin = http_auth_protection_space_dup_origin (space);
  g_autofree char *text = g_strdup_printf ("%s — “%s” (%s)%s%s — %s", origin,
                                           http_auth_protection_space_get_realm (space)
                                           ? http_auth_protection_space_get_realm (space) : "",
                                           http_auth_protection_space_get_auth_scheme (space),
                                           user ? " — user " : "", user ? user : "", where);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_with_label ("Forget");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  g_object_set_data_full (G_OBJECT (button), "host", g_strdup (http_auth_protection_space_get_host (space)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (forget_clicked_cb), app);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_list_box_append (GTK_LIST_BOX (app->logins_list), row);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GPtrArray) logins = http_auth_keyring_list_finish (HTTP_AUTH_KEYRING (object), result, NULL);

  for (guint i = 0; logins != NULL && i < logins->len; i++)
    {
      HttpAuthSavedLogin *login = g_ptr_array_index (logins, i);
      gboolean webkit = http_auth_saved_login_get_source (login) == HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT;

      add_login_row (app, http_auth_saved_login_get_space (login), http_auth_saved_login_get_username (login),
                     webkit ? "keyring (WebKitGTK)" : "keyring");
    }
}

static void
refresh_logins (App *app)
{
  g_autoptr(GPtrArray) spaces = http_auth_credential_cache_list_spaces (http_auth_session_get_credential_cache (app->session));
  HttpAuthKeyring *keyring = http_auth_session_get_keyring (app->session);

  /* GTK 4.8 has no gtk_list_box_remove_all(). */
  for (GtkWidget *child = gtk_widget_get_first_child (app->logins_list); child != NULL;
       child = gtk_widget_get_first_child (app->logins_list))
    gtk_list_box_remove (GTK_LIST_BOX (app->logins_list), child);
  for (guint i = 0; i < spaces->len; i++)
    add_login_row (app, g_ptr_array_index (spaces, i), NULL, "this session (memory)");
  if (keyring != NULL)
    http_auth_keyring_list_async (keyring, NULL, listed_cb, app);
}

static void
refresh_clicked_cb (GtkButton *button,
                    App       *app)
{
  refresh_logins (app);
}

static void
add_logins_page (App *app)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *refresh = gtk_button_new_with_mnemonic ("_Refresh");
  GtkWidget *scroller = gtk_scrolled_window_new ();

  app->logins_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (app->logins_list), GTK_SELECTION_NONE);
  g_signal_connect (refresh, "clicked", G_CALLBACK (refresh_clicked_cb), app);
  gtk_widget_set_halign (refresh, GTK_ALIGN_START);
  gtk_widget_set_margin_start (refresh, 12);
  gtk_widget_set_margin_top (refresh, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), app->logins_list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (page), refresh);
  gtk_box_append (GTK_BOX (page), scroller);
  gtk_notebook_append_page (GTK_NOTEBOOK (app->notebook), page, gtk_label_new ("Saved logins"));
}

/* ---- Screenshots for headless runs ---- */

static gboolean
screenshot_when_prompted_cb (gpointer user_data)
{
  App *app = user_data;
  Tab *first = g_ptr_array_index (app->tabs, 0);
  g_autoptr(GError) error = NULL;
  static guint waited;

  /* Wait for the first tab's login bar (or give up after 10 s). */
  if (http_auth_gtk_prompter_get_bar (app->prompter, first->context) == NULL && ++waited < 100)
    return G_SOURCE_CONTINUE;

  if (http_auth_test_save_widget_png (app->window, app->screenshot, &error))
    g_print ("Screenshot of the demo, login bar in the first tab: %s\n", app->screenshot);
  else
    g_printerr ("Could not save %s: %s\n", app->screenshot, error->message);
  g_application_quit (G_APPLICATION (app->application));

  return G_SOURCE_REMOVE;
}

/* A picture for the protected image page, drawn by GTK itself. */
static GBytes *
make_picture (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA colors[3] = { { 0.21, 0.52, 0.89, 1 }, { 0.2, 0.82, 0.48, 1 }, { 0.96, 0.83, 0.18, 1 } };

  for (guint i = 0; i < 3; i++)
    gtk_snapshot_append_color (snapshot, &colors[i], &GRAPHENE_RECT_INIT (i * 80, 0, 80, 120));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, 240, 120));

  return gdk_texture_save_to_png_bytes (texture);
}

static void
activate_cb (GtkApplication *application,
             App            *app)
{
  g_autoptr(GError) error = NULL;

  http_auth_gtk_init ();

  app->server = http_auth_demo_server_new ("alice", "wonderland");
  if (!http_auth_demo_server_start_thread (app->server, &error))
    {
      g_printerr ("Cannot start the demo server: %s\n", error->message);
      return;
    }

  app->session = http_auth_session_new ();
  app->prompter = http_auth_gtk_prompter_new ();
  http_auth_session_set_prompter (app->session, HTTP_AUTH_PROMPTER (app->prompter));
  if (!app->no_keyring)
    {
      g_autoptr(HttpAuthKeyring) keyring = http_auth_keyring_new ();
      http_auth_session_set_keyring (app->session, keyring);
    }
  app->tabs = g_ptr_array_new_with_free_func ((GDestroyNotify) tab_free);

  app->window = gtk_application_window_new (application);
  gtk_window_set_title (GTK_WINDOW (app->window), "HttpAuth demo — user alice, password wonderland");
  gtk_window_set_default_size (GTK_WINDOW (app->window), 900, 600);
  app->notebook = gtk_notebook_new ();
  gtk_notebook_set_scrollable (GTK_NOTEBOOK (app->notebook), TRUE);
  gtk_window_set_child (GTK_WINDOW (app->window), app->notebook);
  gtk_window_present (GTK_WINDOW (app->window));

  {
    g_autoptr(GBytes) picture = make_picture (app->window);
    http_auth_demo_server_add_resource (app->server, "/basic/picture.png", "image/png", picture);
  }

  add_tab (app, "Basic", "/basic/index.html", FALSE);
  add_tab (app, "Digest", "/digest/all/report.txt", FALSE);
  add_tab (app, "Picture", "/basic/picture.png", FALSE);
  add_tab (app, "No challenge", "/no-challenge/", FALSE);
  add_tab (app, "50 fetches", "/fifty.html", TRUE);
  add_logins_page (app);

  if (app->screenshot != NULL)
    g_timeout_add (100, screenshot_when_prompted_cb, app);
}

int
main (int    argc,
      char **argv)
{
  App app = { 0 };
  GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &app.screenshot,
      "Save a PNG of the window once the first login bar shows, then quit", "FILE" },
    { "no-keyring", 0, 0, G_OPTION_ARG_NONE, &app.no_keyring, "Keep logins in memory only", NULL },
    { NULL }
  };
  int status;

  app.application = gtk_application_new ("org.gnome.HttpAuth.Demo", G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (app.application), entries);
  g_signal_connect (app.application, "activate", G_CALLBACK (activate_cb), &app);
  status = g_application_run (G_APPLICATION (app.application), argc, argv);

  g_clear_pointer (&app.tabs, g_ptr_array_unref);
  g_clear_object (&app.session);
  g_clear_object (&app.prompter);
  g_clear_pointer (&app.server, http_auth_demo_server_free);
  g_clear_object (&app.application);
  g_free (app.screenshot);

  return status;
}
