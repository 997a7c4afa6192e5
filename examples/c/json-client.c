/* json-client.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* A GTK 4 window that fetches one protected resource through an
 * HttpAuthSession and shows it: pretty-printed when it is JSON, as text
 * otherwise. A 401 puts HttpAuthGtk's login bar above the content (no
 * dialog); a login the user asks to remember goes to the keyring, which
 * answers the next run without a bar.
 *
 *   json-client URL
 *   json-client --self-test [--screenshot FILE] URL
 *
 * --self-test answers the bar itself (JSON_CLIENT_USER and
 * JSON_CLIENT_PASSWORD, by default the demo server's alice/wonderland),
 * prints "status: N", "bars: N" and "saved: N", and exits 0 after a 200
 * that took exactly one bar. The Python twin is examples/python/json-client.py.
 */

#include <http-auth.h>
#include <http-auth-gtk.h>
#include <json-glib/json-glib.h>

#include <stdio.h>
#include <stdlib.h>

#define SELF_TEST_TIMEOUT_SECONDS 60

typedef struct
{
  /* Command line. */
  char                  *url;
  char                  *origin;
  char                  *screenshot;
  gboolean               self_test;

  /* Owned here, used on the main thread only. */
  GtkApplication        *app;
  HttpAuthSession       *session;
  HttpAuthKeyring       *keyring;
  HttpAuthGtkPrompter   *prompter;
  HttpAuthPromptContext *context;

  /* Widgets, owned by the window. */
  GtkWindow             *window;
  GtkLabel              *status_label;
  GtkTextBuffer         *buffer;
  GtkButton             *reload_button;

  /* Self-test bookkeeping. */
  HttpAuthGtkPromptBar  *last_bar;
  guint                  bars_seen;
  guint                  status;
  guint                  watch_id;
  guint                  timeout_id;
  int                    exit_status;
} Client;

static void fetch (Client *client);

static void
client_quit (Client *client,
             int     exit_status)
{
  client->exit_status = exit_status;
  g_clear_handle_id (&client->watch_id, g_source_remove);
  g_clear_handle_id (&client->timeout_id, g_source_remove);
  if (client->window != NULL)
    gtk_window_destroy (client->window);
}

/* JSON is shown indented; anything else as it came. */
static void
show_body (Client *client,
           GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (json_parser_load_from_data (parser, data, size, NULL))
    {
      g_autofree char *pretty = json_to_string (json_parser_get_root (parser), TRUE);

      gtk_text_buffer_set_text (client->buffer, pretty, -1);
    }
  else if (g_utf8_validate (data, size, NULL))
    {
      gtk_text_buffer_set_text (client->buffer, data, size);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of binary data)", size);

      gtk_text_buffer_set_text (client->buffer, text, -1);
    }
}

static void
screenshot_save (Client *client)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (client->window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (client->window));
  int height = gtk_widget_get_height (GTK_WIDGET (client->window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("json-client: nothing drawn for the screenshot\n");
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (client->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, client->screenshot))
    g_printerr ("json-client: could not write %s\n", client->screenshot);
  else
    printf ("screenshot: %s\n", client->screenshot);
}

static gboolean
self_test_finish_cb (gpointer user_data)
{
  Client *client = user_data;

  /* Once only: the window is gone after the first time. */
  if (client->window == NULL)
    return G_SOURCE_REMOVE;
  if (client->screenshot != NULL)
    screenshot_save (client);
  printf ("status: %u\nbars: %u\n", client->status, client->bars_seen);
  fflush (stdout);
  client_quit (client, client->status == SOUP_STATUS_OK && client->bars_seen == 1 ? EXIT_SUCCESS
                                                                                : EXIT_FAILURE);

  return G_SOURCE_REMOVE;
}

static void
keyring_list_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) logins = http_auth_keyring_list_finish (HTTP_AUTH_KEYRING (source), result, &error);
  guint saved = 0;

  if (logins == NULL)
    g_printerr ("json-client: keyring: %s\n", error->message);
  for (guint i = 0; logins != NULL && i < logins->len; i++)
    {
      g_autofree char *origin =
        http_auth_protection_space_dup_origin (http_auth_saved_login_get_space (g_ptr_array_index (logins, i)));

      if (g_strcmp0 (origin, client->origin) == 0)
        saved++;
    }
  printf ("saved: %u\n", saved);

  /* Give the window a moment to lay out the body before the screenshot. */
  g_timeout_add (300, self_test_finish_cb, client);
}

static void
session_flush_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  /* The login the bar asked to remember is in the keyring once this ends. */
  if (!http_auth_session_flush_finish (HTTP_AUTH_SESSION (source), result, &error))
    g_printerr ("json-client: saving the login: %s\n", error->message);
  http_auth_keyring_list_async (client->keyring, NULL, keyring_list_cb, client);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(HttpAuthResponse) response = NULL;
  g_autofree char *status_text = NULL;

  response = http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (source), result, &body, &error);
  if (client->window == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (client->reload_button), TRUE);
  if (response == NULL)
    {
      status_text = g_strdup_printf ("Failed: %s", error->message);
      gtk_label_set_text (client->status_label, status_text);
      if (client->self_test)
        self_test_finish_cb (client);
      return;
    }

  client->status = http_auth_response_get_status (response);
  status_text = g_strdup_printf ("%u %s", client->status, http_auth_response_get_reason_phrase (response));
  gtk_label_set_text (client->status_label, status_text);
  show_body (client, body);

  if (client->self_test)
    http_auth_session_flush_async (client->session, NULL, session_flush_cb, client);
}

static void
fetch (Client *client)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", client->url);

  /* Only a request with a prompt context may prompt: it names the tab
   * (here the window) whose bar area shows the login bar. */
  http_auth_request_set_prompt_context (request, client->context);
  gtk_label_set_text (client->status_label, "Loading…");
  gtk_widget_set_sensitive (GTK_WIDGET (client->reload_button), FALSE);
  http_auth_session_send_and_read_async (client->session, request, NULL, fetch_cb, client);
}

static void
reload_clicked_cb (GtkButton *button,
                   Client    *client)
{
  fetch (client);
}

/* The self-test plays the user: each new bar gets a name, a password and
 * "Remember", then its submit action, as a click on "Log in" would. */
static gboolean
watch_bar_cb (gpointer user_data)
{
  Client *client = user_data;
  HttpAuthGtkPromptBar *bar = http_auth_gtk_prompter_get_bar (client->prompter, client->context);
  const char *user = g_getenv ("JSON_CLIENT_USER");
  const char *password = g_getenv ("JSON_CLIENT_PASSWORD");

  if (bar != NULL && bar != client->last_bar)
    {
      client->bars_seen++;
      http_auth_gtk_prompt_bar_set_username (bar, user ? user : "alice");
      http_auth_gtk_prompt_bar_set_password (bar, password ? password : "wonderland");
      http_auth_gtk_prompt_bar_set_remember (bar, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);
    }
  client->last_bar = bar;

  return G_SOURCE_CONTINUE;
}

static gboolean
self_test_timeout_cb (gpointer user_data)
{
  Client *client = user_data;

  client->timeout_id = 0;
  g_printerr ("json-client: no response after %d s\n", SELF_TEST_TIMEOUT_SECONDS);
  self_test_finish_cb (client);

  return G_SOURCE_REMOVE;
}

static void
window_destroy_cb (GtkWidget *window,
                   Client    *client)
{
  g_clear_handle_id (&client->watch_id, g_source_remove);
  g_clear_handle_id (&client->timeout_id, g_source_remove);
  http_auth_gtk_prompter_remove_tab (client->prompter, client->context);
  client->window = NULL;
}

static void
activate_cb (GtkApplication *app,
             Client         *client)
{
  GtkWidget *header;
  GtkWidget *box;
  GtkWidget *bar_area;
  GtkWidget *scrolled;
  GtkWidget *view;

  if (client->window != NULL)
    {
      gtk_window_present (client->window);
      return;
    }

  client->window = GTK_WINDOW (gtk_application_window_new (app));
  gtk_window_set_title (client->window, "JSON client");
  gtk_window_set_default_size (client->window, 640, 420);
  g_signal_connect (client->window, "destroy", G_CALLBACK (window_destroy_cb), client);

  header = gtk_header_bar_new ();
  client->reload_button = GTK_BUTTON (gtk_button_new_from_icon_name ("view-refresh-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (client->reload_button), "Reload");
  g_signal_connect (client->reload_button, "clicked", G_CALLBACK (reload_clicked_cb), client);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), GTK_WIDGET (client->reload_button));
  gtk_window_set_titlebar (client->window, header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (client->window, box);

  /* The login bar appears here, above the content, never as a dialog. */
  bar_area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), bar_area);
  http_auth_gtk_prompter_add_tab (client->prompter, client->context, GTK_BOX (bar_area));

  client->status_label = GTK_LABEL (gtk_label_new (client->url));
  gtk_label_set_xalign (client->status_label, 0);
  gtk_label_set_ellipsize (client->status_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (GTK_WIDGET (client->status_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (client->status_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (client->status_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (client->status_label), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (client->status_label));

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  client->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_window_present (client->window);

  if (client->self_test)
    {
      client->watch_id = g_timeout_add (20, watch_bar_cb, client);
      client->timeout_id = g_timeout_add_seconds (SELF_TEST_TIMEOUT_SECONDS, self_test_timeout_cb, client);
    }
  fetch (client);
}

static void
startup_cb (GApplication *app,
            Client       *client)
{
  g_autoptr(GUri) uri = g_uri_parse (client->url, G_URI_FLAGS_NONE, NULL);

  http_auth_gtk_init ();

  client->origin = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                               g_uri_get_port (uri), "", NULL, NULL);
  client->session = http_auth_session_new ();
  client->keyring = http_auth_keyring_new ();
  client->prompter = http_auth_gtk_prompter_new ();
  http_auth_session_set_keyring (client->session, client->keyring);
  http_auth_session_set_prompter (client->session, HTTP_AUTH_PROMPTER (client->prompter));
  /* One window, one "tab": its top-level site is the API's origin. */
  client->context = http_auth_prompt_context_new (client->origin, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) urls = NULL;
  Client client = { 0 };
  char *app_argv[] = { argv[0], NULL };
  GOptionEntry entries[] = {
    { "self-test", 0, 0, G_OPTION_ARG_NONE, &client.self_test,
      "Answer the login bar, print the status and exit", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &client.screenshot,
      "With --self-test, save the window as a PNG", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &urls, NULL, "URL" },
    { NULL }
  };

  option_context = g_option_context_new ("URL — show a protected JSON resource");
  g_option_context_add_main_entries (option_context, entries, NULL);
  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("json-client: %s\n", error->message);
      return 2;
    }
  if (urls == NULL || g_strv_length (urls) != 1 ||
      (uri = g_uri_parse (urls[0], G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_uri_get_host (uri) == NULL)
    {
      g_printerr ("Usage: json-client [--self-test [--screenshot FILE]] URL\n");
      return 2;
    }
  if (client.screenshot != NULL)
    client.self_test = TRUE;
  client.url = g_strdup (urls[0]);

  client.app = gtk_application_new ("org.gnome.HttpAuth.Examples.JsonClient", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (client.app, "startup", G_CALLBACK (startup_cb), &client);
  g_signal_connect (client.app, "activate", G_CALLBACK (activate_cb), &client);
  g_application_run (G_APPLICATION (client.app), 1, app_argv);

  g_clear_object (&client.app);
  g_clear_object (&client.context);
  g_clear_object (&client.prompter);
  g_clear_object (&client.keyring);
  g_clear_object (&client.session);
  g_free (client.origin);
  g_free (client.url);
  g_free (client.screenshot);

  return client.exit_status;
}
