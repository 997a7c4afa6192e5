/* test-gtk-prompt.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "http-auth-gtk.h"
#include "http-auth-gtk-private.h"
#include "http-auth-demo-server.h"
#include "http-auth-test-fetch.h"
#include "http-auth-test-gtk.h"

/* Real GTK widgets under Xvfb, driven through their actions: the prompt bar
 * in the tab that asked, the engine behind it, the demo server behind that.
 * Each state is saved as a PNG under the build dir for review. */

#define USER     "alice"
#define PASSWORD "wonderland"

typedef struct
{
  GtkWidget             *area;     /* where bars appear */
  GtkWidget             *entry;    /* the tab's URL entry */
  GtkWidget             *content;  /* the tab's page */
  HttpAuthPromptContext *context;
} Tab;

typedef struct
{
  HttpAuthDemoServer  *server;
  HttpAuthSession     *session;
  HttpAuthGtkPrompter *prompter;
  GtkWidget           *window;
  GtkWidget           *notebook;
  Tab                  tabs[2];
  guint                n_prompts;
} Fixture;

typedef HttpAuthTestResult Result;

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  /* Let layout and drawing settle. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  http_auth_test_save_widget_png (widget, path, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s (%dx%d)", path, width, height);
}

static void
prompt_cb (HttpAuthSession *session,
           HttpAuthPrompt  *prompt,
           Fixture         *f)
{
  f->n_prompts++;
}

static GtkWidget *
make_tab (Fixture    *f,
          Tab        *tab,
          const char *title)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  tab->entry = gtk_entry_new ();
  tab->area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  tab->content = gtk_label_new ("(no page yet)");
  gtk_label_set_wrap (GTK_LABEL (tab->content), TRUE);
  gtk_widget_set_vexpand (tab->content, TRUE);
  gtk_box_append (GTK_BOX (page), tab->entry);
  gtk_box_append (GTK_BOX (page), tab->area);
  gtk_box_append (GTK_BOX (page), tab->content);
  gtk_notebook_append_page (GTK_NOTEBOOK (f->notebook), page, gtk_label_new (title));

  tab->context = http_auth_prompt_context_new ("http://127.0.0.1", FALSE);
  http_auth_gtk_prompter_add_tab (f->prompter, tab->context, GTK_BOX (tab->area));

  return page;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = http_auth_demo_server_new (USER, PASSWORD);
  http_auth_demo_server_start_thread (f->server, &error);
  g_assert_no_error (error);

  f->session = http_auth_session_new ();
  f->prompter = http_auth_gtk_prompter_new ();
  http_auth_session_set_prompter (f->session, HTTP_AUTH_PROMPTER (f->prompter));
  g_signal_connect (f->session, "prompt", G_CALLBACK (prompt_cb), f);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 420);
  f->notebook = gtk_notebook_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->notebook);
  make_tab (f, &f->tabs[0], "Tab A");
  make_tab (f, &f->tabs[1], "Tab B");
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < 2; i++)
    {
      http_auth_gtk_prompter_remove_tab (f->prompter, f->tabs[i].context);
      g_assert_finalize_object (g_steal_pointer (&f->tabs[i].context));
    }
  g_assert_finalize_object (g_steal_pointer (&f->session));
  g_assert_finalize_object (g_steal_pointer (&f->prompter));
  g_clear_pointer (&f->server, http_auth_demo_server_free);
}

static void
start (Fixture    *f,
       Tab        *tab,
       const char *path,
       Result     *r)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->server, path);
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", url);

  gtk_editable_set_text (GTK_EDITABLE (tab->entry), url);
  http_auth_request_set_prompt_context (request, tab->context);
  http_auth_test_send (f->session, request, NULL, r);
}

static HttpAuthGtkPromptBar *
wait_for_bar (Fixture *f,
              Tab     *tab)
{
  while (http_auth_gtk_prompter_get_bar (f->prompter, tab->context) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return http_auth_gtk_prompter_get_bar (f->prompter, tab->context);
}

/* Shows the response in the tab, as a browser renders any response. */
static void
render (Tab    *tab,
        Result *r)
{
  g_autofree char *text = g_strdup_printf ("%u %s\n\n%.*s", http_auth_response_get_status (r->response),
                                           http_auth_response_get_reason_phrase (r->response),
                                           (int) g_bytes_get_size (r->body),
                                           (const char *) g_bytes_get_data (r->body, NULL));

  gtk_label_set_text (GTK_LABEL (tab->content), text);
}

static void
test_bar_contents (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *bar = http_auth_gtk_prompt_bar_new ();
  g_autoptr(HttpAuthPrompt) basic = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "http://127.0.0.1:8080",
                                                           "Members \x01 area", "basic",
                                                           "http://127.0.0.1:8080/x", FALSE, TRUE);
  g_autoptr(HttpAuthPrompt) retry = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "https://example.com:443",
                                                           "Digest realm", "digest",
                                                           "https://example.com/x", TRUE, FALSE);
  g_autoptr(HttpAuthPrompt) proxy = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_PROXY, "proxy.example:3128",
                                                           "squid", "basic", "http://example.com/", FALSE, TRUE);
  g_autoptr(GString) long_realm = g_string_new (NULL);
  g_autoptr(HttpAuthPrompt) spoof = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint i = 0; i < 30; i++)
    g_string_append (long_realm, "Bank login ");
  spoof = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "http://evil.example:80", long_realm->str,
                                 "basic", "http://evil.example/", FALSE, TRUE);

  gtk_window_set_default_size (GTK_WINDOW (window), 560, -1);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &bar);
  gtk_window_present (GTK_WINDOW (window));

  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), basic);
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_title (HTTP_AUTH_GTK_PROMPT_BAR (bar)), ==,
                   "Log in to http://127.0.0.1:8080");
  /* The realm is quoted, its control character made harmless. */
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_message (HTTP_AUTH_GTK_PROMPT_BAR (bar)), ==,
                   "The site says: “Members   area”");
  http_auth_gtk_prompt_bar_set_username (HTTP_AUTH_GTK_PROMPT_BAR (bar), USER);
  http_auth_gtk_prompt_bar_set_password (HTTP_AUTH_GTK_PROMPT_BAR (bar), PASSWORD);
  screenshot (window, "bar-basic-over-http.png");

  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), retry);
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_title (HTTP_AUTH_GTK_PROMPT_BAR (bar)), ==,
                   "Log in to https://example.com:443");
  screenshot (window, "bar-retry-wrong-password.png");

  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), proxy);
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_title (HTTP_AUTH_GTK_PROMPT_BAR (bar)), ==,
                   "The proxy proxy.example:3128 asks for a login");
  screenshot (window, "bar-proxy.png");

  /* A long realm is cut: it cannot push the origin out of view. */
  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), spoof);
  g_assert_cmpint (g_utf8_strlen (http_auth_gtk_prompt_bar_get_message (HTTP_AUTH_GTK_PROMPT_BAR (bar)), -1), <=,
                   strlen ("The site says: “”") + 80);
  screenshot (window, "bar-long-realm.png");

  gtk_window_destroy (GTK_WINDOW (window));
  while (bar != NULL)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  const char *realm;
  const char *expected;
} RealmCase;

/* Each hostile character sits between two words: controls and separators
 * become a space, format characters vanish. */
static const RealmCase hostile_realms[] = {
  { "Bank\xe2\x80\xa8login", "Bank login" },          /* U+2028 LINE SEPARATOR */
  { "Bank\xe2\x80\xa9login", "Bank login" },          /* U+2029 PARAGRAPH SEPARATOR */
  { "Bank\xe2\x80\xaalogin", "Banklogin" },           /* U+202A LRE */
  { "Bank\xe2\x80\xablogin", "Banklogin" },           /* U+202B RLE */
  { "Bank\xe2\x80\xaclogin", "Banklogin" },           /* U+202C PDF */
  { "Bank\xe2\x80\xadlogin", "Banklogin" },           /* U+202D LRO */
  { "Bank\xe2\x80\xaelogin", "Banklogin" },           /* U+202E RLO */
  { "Bank\xe2\x81\xa6login", "Banklogin" },           /* U+2066 LRI */
  { "Bank\xe2\x81\xa7login", "Banklogin" },           /* U+2067 RLI */
  { "Bank\xe2\x81\xa8login", "Banklogin" },           /* U+2068 FSI */
  { "Bank\xe2\x81\xa9login", "Banklogin" },           /* U+2069 PDI */
  { "Bank\xe2\x80\x8elogin", "Banklogin" },           /* U+200E LRM */
  { "Bank\xe2\x80\x8flogin", "Banklogin" },           /* U+200F RLM */
  { "Bank\xd8\x9clogin", "Banklogin" },                /* U+061C ARABIC LETTER MARK */
  { "Bank\xe2\x80\x8blogin", "Banklogin" },           /* U+200B ZERO WIDTH SPACE */
  { "Bank\xef\xbb\xbflogin", "Banklogin" },           /* U+FEFF BOM */
  { "Bank\xc2\xadlogin", "Banklogin" },                /* U+00AD SOFT HYPHEN */
  { "Bank\xf3\xa0\x80\x81login", "Banklogin" },      /* U+E0001 LANGUAGE TAG */
  { "Bank\xc2\x9blogin", "Bank login" },               /* U+009B CSI (C1) */
  { "Bank\xc2\x85login", "Bank login" },               /* U+0085 NEL (C1) */
  { "Bank\x1b[2Jlogin", "Bank [2Jlogin" },             /* ESC */
  { "Bank\r\nlogin", "Bank  login" },
  { "Bank\tlogin\x7f", "Bank login " },
  { "Bank\xfflogin", "Bank\xef\xbf\xbdlogin" },        /* not UTF-8: U+FFFD */
  { "Bank\xc2login", "Bank\xef\xbf\xbdlogin" },        /* a cut sequence */
  { "\xe2\x80\xaemoc.elgoog", "moc.elgoog" },         /* the classic reversal */
};

static void
assert_displayable (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      g_assert_cmpint (type, !=, G_UNICODE_CONTROL);
      g_assert_cmpint (type, !=, G_UNICODE_FORMAT);
      g_assert_cmpint (type, !=, G_UNICODE_LINE_SEPARATOR);
      g_assert_cmpint (type, !=, G_UNICODE_PARAGRAPH_SEPARATOR);
    }
}

static void
test_bar_hostile_realm (void)
{
  GtkWidget *bar = g_object_ref_sink (http_auth_gtk_prompt_bar_new ());
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(HttpAuthPrompt) everything = NULL;
  g_autoptr(HttpAuthPrompt) long_one = NULL;
  g_autoptr(HttpAuthPrompt) bidi_origin = NULL;
  const char *message;

  g_test_summary ("Finding 12 (issue 17): the prompt bar shows a realm without controls, "
                  "line or paragraph separators or bidi and other format characters, as "
                  "valid UTF-8, at most 80 characters");

  for (guint i = 0; i < G_N_ELEMENTS (hostile_realms); i++)
    {
      g_autoptr(HttpAuthPrompt) prompt = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "https://bank.example:443",
                                                               hostile_realms[i].realm, "basic",
                                                               "https://bank.example/", FALSE, FALSE);
      g_autofree char *expected = g_strdup_printf ("The site says: “%s”", hostile_realms[i].expected);

      http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), prompt);
      message = http_auth_gtk_prompt_bar_get_message (HTTP_AUTH_GTK_PROMPT_BAR (bar));
      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, expected);
      assert_displayable (message);
      g_string_append (all, hostile_realms[i].realm);
    }

  /* All of them at once, and again as a proxy's words. */
  everything = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_PROXY, "proxy.example:3128", all->str, "basic",
                                     "http://example.com/", FALSE, TRUE);
  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), everything);
  assert_displayable (http_auth_gtk_prompt_bar_get_message (HTTP_AUTH_GTK_PROMPT_BAR (bar)));
  assert_displayable (http_auth_gtk_prompt_bar_get_title (HTTP_AUTH_GTK_PROMPT_BAR (bar)));

  /* A huge realm is cut to 80 characters, the last an ellipsis, and
   * format characters do not count towards the 80. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (huge, "x\xe2\x80\xae");
  long_one = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "https://bank.example:443", huge->str, "basic",
                                   "https://bank.example/", FALSE, FALSE);
  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), long_one);
  message = http_auth_gtk_prompt_bar_get_message (HTTP_AUTH_GTK_PROMPT_BAR (bar));
  assert_displayable (message);
  {
    g_autofree char *x79 = g_strnfill (79, 'x');
    g_autofree char *expected = g_strdup_printf ("The site says: “%s…”", x79);

    g_assert_cmpstr (message, ==, expected);
  }

  /* The origin in the title is cleaned too, but never cut. */
  bidi_origin = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "https://\xe2\x80\xae" "example.com:443",
                                      "r", "basic", "https://example.com/", FALSE, FALSE);
  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), bidi_origin);
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_title (HTTP_AUTH_GTK_PROMPT_BAR (bar)), ==,
                   "Log in to https://example.com:443");

  http_auth_gtk_prompt_bar_set_prompt (HTTP_AUTH_GTK_PROMPT_BAR (bar), NULL);
  g_assert_finalize_object (bar);
}

static void
test_right_tab_then_submit (Fixture       *f,
                            gconstpointer  data)
{
  Result r = { 0 };
  HttpAuthGtkPromptBar *bar;

  start (f, &f->tabs[0], "/basic/index.html", &r);
  bar = wait_for_bar (f, &f->tabs[0]);

  /* In tab A only; tab B has no bar and stays usable; nothing is modal. */
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (bar)) == f->tabs[0].area);
  g_assert_null (gtk_widget_get_first_child (f->tabs[1].area));
  g_assert_null (http_auth_gtk_prompter_get_bar (f->prompter, f->tabs[1].context));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_is_sensitive (f->tabs[1].entry));
  gtk_notebook_set_current_page (GTK_NOTEBOOK (f->notebook), 1);
  gtk_editable_set_text (GTK_EDITABLE (f->tabs[1].entry), "typing in tab B while A asks");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->tabs[1].entry)), ==, "typing in tab B while A asks");
  screenshot (f->window, "tab-b-usable-while-a-asks.png");
  gtk_notebook_set_current_page (GTK_NOTEBOOK (f->notebook), 0);

  http_auth_gtk_prompt_bar_set_username (bar, USER);
  http_auth_gtk_prompt_bar_set_password (bar, PASSWORD);
  screenshot (f->window, "tab-a-prompt.png");
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &bar);
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);

  http_auth_test_wait (&r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  render (&f->tabs[0], &r);
  /* The bar went away and was freed. */
  while (bar != NULL)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (gtk_widget_get_first_child (f->tabs[0].area));
  screenshot (f->window, "tab-a-after-login.png");
  http_auth_test_result_clear (&r);
}

static void
test_cancel_shows_401_body (Fixture       *f,
                            gconstpointer  data)
{
  Result r = { 0 };
  HttpAuthGtkPromptBar *bar;

  start (f, &f->tabs[0], "/basic/secret.txt", &r);
  bar = wait_for_bar (f, &f->tabs[0]);
  /* Escape cancels. */
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.cancel", NULL);
  http_auth_test_wait (&r);

  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  g_assert_cmpstr (g_bytes_get_data (r.body, NULL), ==, "401: /basic/secret.txt needs a Basic login.\n");
  render (&f->tabs[0], &r);
  screenshot (f->window, "tab-a-cancelled-401-body.png");
  http_auth_test_result_clear (&r);
}

static void
test_fifty_background (Fixture       *f,
                       gconstpointer  data)
{
  Result results[50] = { { 0 } };
  Result later[10] = { { 0 } };
  Result after_navigation = { 0 };
  HttpAuthGtkPromptBar *bar;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *path = g_strdup_printf ("/digest/sha-256/bg-%u", i);
      start (f, &f->tabs[0], path, &results[i]);
    }

  bar = wait_for_bar (f, &f->tabs[0]);
  /* Let every request reach its 401 and queue behind the one prompt. */
  for (guint i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->n_prompts, ==, 1);
  g_assert_cmpuint (_http_auth_gtk_prompter_get_n_queued (f->prompter, f->tabs[0].context), ==, 0);
  screenshot (f->window, "fifty-requests-one-bar.png");

  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.cancel", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      http_auth_test_wait (&results[i]);
      g_assert_cmpuint (http_auth_response_get_status (results[i].response), ==, 401);
      http_auth_test_result_clear (&results[i]);
    }

  /* The page keeps asking: no bar comes back. */
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      g_autofree char *path = g_strdup_printf ("/digest/sha-256/again-%u", i);
      start (f, &f->tabs[0], path, &later[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      http_auth_test_wait (&later[i]);
      g_assert_cmpuint (http_auth_response_get_status (later[i].response), ==, 401);
      http_auth_test_result_clear (&later[i]);
    }
  g_assert_null (http_auth_gtk_prompter_get_bar (f->prompter, f->tabs[0].context));
  g_assert_cmpuint (f->n_prompts, ==, 1);

  /* Until the user navigates the tab. */
  http_auth_prompt_context_user_navigated (f->tabs[0].context);
  start (f, &f->tabs[0], "/digest/sha-256/after", &after_navigation);
  bar = wait_for_bar (f, &f->tabs[0]);
  g_assert_cmpuint (f->n_prompts, ==, 2);
  http_auth_gtk_prompt_bar_set_username (bar, USER);
  http_auth_gtk_prompt_bar_set_password (bar, PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);
  http_auth_test_wait (&after_navigation);
  g_assert_cmpuint (http_auth_response_get_status (after_navigation.response), ==, 200);
  http_auth_test_result_clear (&after_navigation);
}

static void
test_two_realms_queued (Fixture       *f,
                        gconstpointer  data)
{
  Result a = { 0 };
  Result b = { 0 };
  HttpAuthGtkPromptBar *bar;

  start (f, &f->tabs[0], "/realm-a/x", &a);
  bar = wait_for_bar (f, &f->tabs[0]);
  start (f, &f->tabs[0], "/realm-b/x", &b);
  while (_http_auth_gtk_prompter_get_n_queued (f->prompter, f->tabs[0].context) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* One bar at a time, in order: Realm A first, Realm B behind it. */
  g_assert_cmpstr (http_auth_prompt_get_realm (http_auth_gtk_prompt_bar_get_prompt (bar)), ==, "Realm A");
  g_assert_cmpuint (_http_auth_gtk_prompter_get_n_queued (f->prompter, f->tabs[0].context), ==, 1);
  screenshot (f->window, "two-realms-first.png");
  http_auth_gtk_prompt_bar_set_username (bar, USER);
  http_auth_gtk_prompt_bar_set_password (bar, PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);

  bar = wait_for_bar (f, &f->tabs[0]);
  g_assert_cmpstr (http_auth_prompt_get_realm (http_auth_gtk_prompt_bar_get_prompt (bar)), ==, "Realm B");
  screenshot (f->window, "two-realms-second.png");
  http_auth_gtk_prompt_bar_set_username (bar, USER);
  http_auth_gtk_prompt_bar_set_password (bar, PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);

  http_auth_test_wait (&a);
  http_auth_test_wait (&b);
  g_assert_cmpuint (http_auth_response_get_status (a.response), ==, 200);
  g_assert_cmpuint (http_auth_response_get_status (b.response), ==, 200);
  http_auth_test_result_clear (&a);
  http_auth_test_result_clear (&b);
}

static void
test_wrong_password_reprompt (Fixture       *f,
                              gconstpointer  data)
{
  Result r = { 0 };
  HttpAuthGtkPromptBar *bar;

  start (f, &f->tabs[0], "/digest/sha-512-256/x", &r);
  bar = wait_for_bar (f, &f->tabs[0]);
  http_auth_gtk_prompt_bar_set_username (bar, USER);
  http_auth_gtk_prompt_bar_set_password (bar, "guess");
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);

  /* A new bar says the password was wrong. */
  while ((bar = http_auth_gtk_prompter_get_bar (f->prompter, f->tabs[0].context)) == NULL ||
         !http_auth_prompt_get_retrying (http_auth_gtk_prompt_bar_get_prompt (bar)))
    g_main_context_iteration (NULL, TRUE);
  screenshot (f->window, "wrong-password-reprompt.png");
  http_auth_gtk_prompt_bar_set_username (bar, USER);
  http_auth_gtk_prompt_bar_set_password (bar, PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL);
  http_auth_test_wait (&r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 200);
  http_auth_test_result_clear (&r);
}

static void
test_close_tab (Fixture       *f,
                gconstpointer  data)
{
  Result r = { 0 };
  HttpAuthGtkPromptBar *bar;

  start (f, &f->tabs[1], "/basic/x", &r);
  bar = wait_for_bar (f, &f->tabs[1]);
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &bar);

  /* Closing the tab ends its prompt; the request gets its 401. */
  http_auth_prompt_context_close (f->tabs[1].context);
  http_auth_test_wait (&r);
  g_assert_cmpuint (http_auth_response_get_status (r.response), ==, 401);
  while (bar != NULL)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (gtk_widget_get_first_child (f->tabs[1].area));
  http_auth_test_result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  http_auth_gtk_init ();

  g_test_add_func ("/HttpAuthGtk/PromptBar/contents", test_bar_contents);
  g_test_add_func ("/HttpAuthGtk/PromptBar/hostile-realm", test_bar_hostile_realm);
#define ADD(path, func) g_test_add ("/HttpAuthGtk/Prompter/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("right-tab-then-submit", test_right_tab_then_submit);
  ADD ("cancel-shows-401-body", test_cancel_shows_401_body);
  ADD ("fifty-background-one-bar", test_fifty_background);
  ADD ("two-realms-queued", test_two_realms_queued);
  ADD ("wrong-password-reprompt", test_wrong_password_reprompt);
  ADD ("close-tab", test_close_tab);
#undef ADD

  return g_test_run ();
}
