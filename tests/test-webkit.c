/* test-webkit.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-webkit.h"
#include "http-auth-gtk-private.h"
#include "http-auth-keyring-private.h"
#include "http-auth-webkit-adapter-private.h"
#include "http-auth-demo-server.h"
#include "http-auth-test-gtk.h"
#include "http-auth-test-keyring.h"
#include "http-auth-test-squid.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

/* Real WebKitGTK pages, under xvfb-run and a private dbus-run-session with
 * a gnome-keyring this test starts: two tabs side by side in a window,
 * each a bar area above a WebKitWebView with its HttpAuthWebKitAdapter,
 * against the demo server. Screenshots of each state are saved under
 * tests/screenshots/ in the build directory. */

#define USER     "alice"
#define PASSWORD "wonderland"
#define KEYRING_PASSWORD "test-keyring-password"
#define BASIC_AUTHORIZATION "Basic YWxpY2U6d29uZGVybGFuZA=="

static char *tmpdir;
static char *server_url;   /* the parent's server, for the subprocess */

typedef struct
{
  GtkBox                *area;
  WebKitWebView         *view;
  HttpAuthWebKitAdapter *adapter;
} Tab;

typedef struct
{
  HttpAuthDemoServer   *server;
  HttpAuthGtkPrompter  *prompter;
  HttpAuthKeyring      *keyring;
  WebKitNetworkSession *network;
  GtkWindow            *window;
  Tab                   tabs[2];
  HttpAuthTestSquid     squid;
} Fixture;

/* ---- Waiting ---- */

typedef gboolean (*Condition) (gpointer data);

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @cond holds; FALSE after 20 s. */
static gboolean
try_wait_until (Condition cond,
                gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static void
wait_until (Condition    cond,
            gpointer     data,
            const char  *what)
{
  if (!try_wait_until (cond, data))
    g_error ("Timed out waiting for %s", what);
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static HttpAuthGtkPromptBar *
bar_of (Fixture *f,
        Tab     *tab)
{
  return http_auth_gtk_prompter_get_bar (f->prompter, http_auth_webkit_adapter_get_prompt_context (tab->adapter));
}

/* How many of the tab's requests WebKit itself cancelled (counted on
 * the view: a request may outlive the fixture). */
static guint
n_cancelled (Tab *tab)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab->view), "n-cancelled"));
}

typedef struct
{
  Fixture *f;
  Tab     *tab;
} TabRef;

static gboolean
has_bar (gpointer data)
{
  TabRef *ref = data;
  HttpAuthGtkPromptBar *bar = bar_of (ref->f, ref->tab);

  return bar != NULL && gtk_widget_get_mapped (GTK_WIDGET (bar));
}

/* A bar is up, and WebKit announced the tab's load (the view's "started",
 * set by count_starts_cb(), cleared by load()). A request the network
 * process raised before the web process announced the load is ended by
 * WebKit as the load starts: cancelled (the adapter then starts the load
 * again, and the bar goes), or let go of as authenticated against the
 * page before (the adapter ends it with the load, the bar stays for the
 * user). Either is settled once the start is announced (seen in CI on busy
 * machines: a test submitted into a bar that went more than 150 ms after
 * it came). */
static gboolean
has_own_bar (gpointer data)
{
  TabRef *ref = data;

  return has_bar (ref) && g_object_get_data (G_OBJECT (ref->tab->view), "started") != NULL;
}

/* Waits until @tab shows a bar for its load (has_own_bar()) and returns
 * it, laid out. WebKit may cancel its request (and with it the bar) and
 * raise a new one for the same login: the bar returned is one still there
 * a frame later. */
static HttpAuthGtkPromptBar *
wait_for_bar (Fixture *f,
              Tab     *tab)
{
  TabRef ref = { f, tab };

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      if (!try_wait_until (has_own_bar, &ref))
        break;
      /* One frame, so that screenshots show it laid out. */
      settle (150);
      if (has_own_bar (&ref))
        return bar_of (f, tab);
      g_test_message ("The bar went before it was laid out (%u requests, %u cancelled by WebKit); waiting again",
                      _http_auth_webkit_adapter_get_n_requests (tab->adapter), n_cancelled (tab));
    }

  g_error ("Timed out waiting for a prompt bar: %u authenticate requests (%u cancelled by WebKit), %u prompts, "
           "%u keyring lookups, page %s %s", _http_auth_webkit_adapter_get_n_requests (tab->adapter),
           n_cancelled (tab), _http_auth_webkit_adapter_get_n_prompts (tab->adapter),
           _http_auth_keyring_get_n_lookups (f->keyring), webkit_web_view_get_uri (tab->view),
           webkit_web_view_is_loading (tab->view) ? "loading" : "loaded");
}

/* The prompt of the bar @tab shows now. */
static HttpAuthPrompt *
shown_prompt (Fixture *f,
              Tab     *tab)
{
  HttpAuthGtkPromptBar *bar = bar_of (f, tab);

  if (bar == NULL)
    g_error ("No bar in the tab: %u authenticate requests (%u cancelled by WebKit), %u prompts",
             _http_auth_webkit_adapter_get_n_requests (tab->adapter), n_cancelled (tab),
             _http_auth_webkit_adapter_get_n_prompts (tab->adapter));

  return http_auth_gtk_prompt_bar_get_prompt (bar);
}

static gboolean
view_loaded (gpointer data)
{
  return !webkit_web_view_is_loading (data);
}

static void
wait_loaded (Tab *tab)
{
  wait_until (view_loaded, tab->view, "the page to load");
}

/* ---- JavaScript and screenshots ---- */

typedef struct
{
  char     *value;
  gboolean  done;
} JsResult;

static void
js_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  JsResult *r = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  g_assert_no_error (error);
  r->value = jsc_value_to_string (value);
  r->done = TRUE;
}

static gboolean
js_done (gpointer data)
{
  return ((JsResult *) data)->done;
}

/* Evaluates @script in the page; returns its value as a string. */
static char *
eval_js (Tab        *tab,
         const char *script)
{
  JsResult r = { NULL, FALSE };

  webkit_web_view_evaluate_javascript (tab->view, script, -1, NULL, NULL, NULL, js_cb, &r);
  wait_until (js_done, &r, script);

  return r.value;
}

typedef struct
{
  Tab        *tab;
  const char *expected;
  char       *last;
} TitleWait;

static gboolean
title_is (gpointer data)
{
  TitleWait *w = data;

  g_free (w->last);
  w->last = eval_js (w->tab, "document.title");
  return g_strcmp0 (w->last, w->expected) == 0;
}

static void
wait_for_title (Tab        *tab,
                const char *expected)
{
  TitleWait w = { tab, expected, NULL };

  wait_until (title_is, &w, expected);
  g_free (w.last);
}

typedef struct
{
  Tab        *tab;
  const char *expected;
} TextWait;

static gboolean
text_is (gpointer data)
{
  TextWait *w = data;
  g_autofree char *text = eval_js (w->tab, "document.body ? document.body.innerText.trim() : ''");

  return g_strcmp0 (text, w->expected) == 0;
}

static void
wait_for_body_text (Tab        *tab,
                     const char *expected)
{
  TextWait w = { tab, expected };

  wait_until (text_is, &w, expected);
}

static char *
screenshot_path (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strdup_printf ("webkit-%s.png", name);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, file, NULL);
}

/* The whole window, bars and pages as the user sees them. */
static void
save_window (Fixture    *f,
             const char *name)
{
  g_autofree char *path = screenshot_path (name);
  g_autoptr(GError) error = NULL;

  /* A frame first: a widget changed in this iteration draws nothing yet
   * (a busy machine may need a few). */
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      g_clear_error (&error);
      settle (200);
      if (http_auth_test_save_widget_png (GTK_WIDGET (f->window), path, &error))
        break;
      g_test_message ("screenshot %s not taken yet: %s", name, error->message);
    }
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

typedef struct
{
  GdkTexture *texture;
  gboolean    done;
} SnapshotResult;

static void
snapshot_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SnapshotResult *r = user_data;
  g_autoptr(GError) error = NULL;

  r->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

static gboolean
snapshot_done (gpointer data)
{
  return ((SnapshotResult *) data)->done;
}

/* WebKit's own rendering of the page. */
static void
save_page (Tab        *tab,
           const char *name)
{
  g_autofree char *path = screenshot_path (name);
  SnapshotResult r = { NULL, FALSE };

  webkit_web_view_get_snapshot (tab->view, WEBKIT_SNAPSHOT_REGION_VISIBLE, WEBKIT_SNAPSHOT_OPTIONS_NONE,
                                NULL, snapshot_cb, &r);
  wait_until (snapshot_done, &r, "a snapshot");
  g_assert_cmpint (gdk_texture_get_width (r.texture), >, 0);
  g_assert_true (gdk_texture_save_to_png (r.texture, path));
  g_object_unref (r.texture);
  g_test_message ("page snapshot: %s", path);
}

/* ---- The bar ---- */

static void
submit (Fixture    *f,
        Tab        *tab,
        const char *username,
        const char *password,
        gboolean    remember)
{
  HttpAuthGtkPromptBar *bar = bar_of (f, tab);

  g_assert_nonnull (bar);
  http_auth_gtk_prompt_bar_set_username (bar, username);
  http_auth_gtk_prompt_bar_set_password (bar, password);
  http_auth_gtk_prompt_bar_set_remember (bar, remember);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.submit", NULL));
}

static void
cancel (Fixture *f,
        Tab     *tab)
{
  HttpAuthGtkPromptBar *bar = bar_of (f, tab);

  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "prompt-bar.cancel", NULL));
}

/* ---- Fixture ---- */

static void
load (Fixture    *f,
      Tab        *tab,
      const char *path)
{
  g_autofree char *url = server_url ? g_strconcat (server_url, path, NULL)
                                    : http_auth_demo_server_get_url (f->server, path);

  /* wait_for_bar() waits for WebKit to announce this load
   * (count_starts_cb()). */
  g_object_set_data (G_OBJECT (tab->view), "started", NULL);
  http_auth_webkit_adapter_load_uri (tab->adapter, url);
}

static void
request_cancelled_cb (WebKitAuthenticationRequest *request,
                      WebKitWebView               *view)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "n-cancelled"));

  g_test_message ("WebKit cancelled its authenticate request for %s", webkit_web_view_get_uri (view));

  g_object_set_data (G_OBJECT (view), "n-cancelled", GUINT_TO_POINTER (n + 1));
}

/* What a failure report needs: how WebKit ended a load. */
static gboolean
load_failed_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                gpointer         unused)
{
  g_test_message ("load-failed %s: %s", uri, error->message);
  return FALSE;
}

static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           unused)
{
  g_test_message ("the web process ended (reason %d)", reason);
}

static gboolean
count_cancels_cb (WebKitWebView               *view,
                  WebKitAuthenticationRequest *request,
                  gpointer                     unused)
{
  g_signal_connect_object (request, "cancelled", G_CALLBACK (request_cancelled_cb), view, 0);
  return FALSE;
}

static void
count_starts_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         unused)
{
  if (event == WEBKIT_LOAD_STARTED)
    g_object_set_data (G_OBJECT (view), "started", GUINT_TO_POINTER (TRUE));
}

static void
fixture_setup_with (Fixture  *f,
                    gboolean  persistent,
                    gboolean  proxy)
{
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (server_url == NULL)
    {
      g_autoptr(GError) error = NULL;

      f->server = http_auth_demo_server_new (USER, PASSWORD);
      http_auth_demo_server_start_thread (f->server, &error);
      g_assert_no_error (error);
    }

  /* Each test starts from an empty keyring (the new process of
   * /remember reads what its parent saved). */
  if (!g_test_subprocess ())
    http_auth_test_keyring_forget_all ();
  f->keyring = http_auth_keyring_new ();
  f->prompter = http_auth_gtk_prompter_new ();
  if (persistent)
    {
      g_autofree char *data = g_build_filename (tmpdir, "webkit-data", NULL);
      g_autofree char *cache = g_build_filename (tmpdir, "webkit-cache", NULL);

      f->network = webkit_network_session_new (data, cache);
    }
  else
    {
      f->network = webkit_network_session_new_ephemeral ();
    }
  http_auth_webkit_prepare_network_session (f->network);
  if (proxy)
    {
      g_autofree char *uri = NULL;
      const char *no_bypass[] = { NULL };
      WebKitNetworkProxySettings *settings;

      http_auth_test_squid_start (&f->squid, "squidtest", USER, "secret");
      uri = http_auth_test_squid_uri (&f->squid);
      settings = webkit_network_proxy_settings_new (uri, no_bypass);
      webkit_network_session_set_proxy_settings (f->network, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, settings);
      webkit_network_proxy_settings_free (settings);
    }

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 560);
  gtk_window_set_child (f->window, paned);
  for (guint i = 0; i < G_N_ELEMENTS (f->tabs); i++)
    {
      Tab *tab = &f->tabs[i];
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      tab->area = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
      tab->view = WEBKIT_WEB_VIEW (g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", f->network, NULL));
      gtk_widget_set_vexpand (GTK_WIDGET (tab->view), TRUE);
      gtk_widget_set_hexpand (column, TRUE);
      gtk_box_append (GTK_BOX (column), GTK_WIDGET (tab->area));
      gtk_box_append (GTK_BOX (column), GTK_WIDGET (tab->view));
      gtk_box_append (GTK_BOX (paned), column);
      /* Ahead of the adapter's handler: counts what WebKit cancels. */
      g_signal_connect (tab->view, "authenticate", G_CALLBACK (count_cancels_cb), NULL);
      g_signal_connect (tab->view, "load-failed", G_CALLBACK (load_failed_cb), NULL);
      g_signal_connect (tab->view, "load-changed", G_CALLBACK (count_starts_cb), NULL);
      g_signal_connect (tab->view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), NULL);
      tab->adapter = http_auth_webkit_adapter_new (tab->view, f->prompter, tab->area, f->keyring);
    }
  gtk_window_present (f->window);

  /* Each tab opens an open page of the server first, so that the test's
   * loads run in a web process already up: a fresh one can announce a
   * load start after the network process asked about that load, and
   * WebKit then cancels the request (see load-start-race). Through a
   * proxy, squid would ask for its login: a page of no origin instead
   * (CI once saw the proxy's request cancelled that way and not raised
   * again). */
  for (guint i = 0; i < G_N_ELEMENTS (f->tabs); i++)
    {
      if (proxy)
        {
          webkit_web_view_load_html (f->tabs[i].view, "<title>warm-up</title><p>warm-up</p>", NULL);
          wait_for_title (&f->tabs[i], "warm-up");
        }
      else
        {
          load (f, &f->tabs[i], "/open/warm-up");
          wait_for_body_text (&f->tabs[i], "Open page /open/warm-up: no login needed.");
        }
      wait_loaded (&f->tabs[i]);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, FALSE, FALSE);
}

static void
fixture_setup_persistent (Fixture       *f,
                          gconstpointer  data)
{
  fixture_setup_with (f, TRUE, FALSE);
}

static void
fixture_setup_proxy (Fixture       *f,
                     gconstpointer  data)
{
  fixture_setup_with (f, FALSE, TRUE);
}

static gboolean
flushed (gpointer data)
{
  return *(gboolean *) data;
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_assert_true (http_auth_keyring_flush_finish (HTTP_AUTH_KEYRING (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

static void
flush (Fixture *f)
{
  gboolean done = FALSE;

  http_auth_keyring_flush_async (f->keyring, NULL, flush_cb, &done);
  wait_until (flushed, &done, "keyring saves");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  for (guint i = 0; i < G_N_ELEMENTS (f->tabs); i++)
    g_clear_object (&f->tabs[i].adapter);
  /* Let WebKit and the prompter finish what the closed tabs left. */
  settle (100);
  g_clear_object (&f->network);
  g_clear_object (&f->prompter);
  g_clear_object (&f->keyring);
  g_clear_pointer (&f->server, http_auth_demo_server_free);
  http_auth_test_squid_stop (&f->squid);
}

/* ---- What the server saw ---- */

static guint
count_exchanges (Fixture    *f,
                 const char *path_prefix,
                 guint       status,
                 const char *authorization)
{
  g_autoptr(GPtrArray) exchanges = http_auth_demo_server_get_exchanges (f->server);
  guint n = 0;

  for (guint i = 0; i < exchanges->len; i++)
    {
      HttpAuthDemoExchange *e = g_ptr_array_index (exchanges, i);

      if (g_str_has_prefix (e->path, path_prefix) && e->status == status &&
          g_strcmp0 (e->authorization, authorization) == 0)
        n++;
    }

  return n;
}

/* Exchanges of @path_prefix with @status that carried a Digest login. */
static guint
count_digest_exchanges (Fixture    *f,
                        const char *path_prefix,
                        guint       status)
{
  g_autoptr(GPtrArray) exchanges = http_auth_demo_server_get_exchanges (f->server);
  guint n = 0;

  for (guint i = 0; i < exchanges->len; i++)
    {
      HttpAuthDemoExchange *e = g_ptr_array_index (exchanges, i);

      if (g_str_has_prefix (e->path, path_prefix) && e->status == status &&
          e->authorization != NULL && g_str_has_prefix (e->authorization, "Digest "))
        n++;
    }

  return n;
}

/* ---- Tests ---- */

/* WebKit may cancel a page's own login request as it announces the page's
 * load start (a race between its processes, see load-start-race): the
 * adapter loads the page again, which costs one more 401, request, and
 * prompt or keyring lookup. A count is exact when that did not happen. */
#define assert_count(tab, n, expected) \
  G_STMT_START { \
    guint n_ = (n); \
    guint reloads_ = _http_auth_webkit_adapter_get_n_reloads ((tab)->adapter); \
    if (reloads_ != 0) \
      g_test_message ("%u page(s) loaded again after WebKit's load-start race", reloads_); \
    g_assert_cmpuint (n_, >=, (expected)); \
    g_assert_cmpuint (n_, <=, (expected) + reloads_); \
  } G_STMT_END

static void
test_basic_page (Fixture       *f,
                 gconstpointer  data)
{
  Tab *a = &f->tabs[0], *b = &f->tabs[1];
  HttpAuthGtkPromptBar *bar;
  g_autofree char *text = NULL;

  load (f, a, "/basic/page.html");
  bar = wait_for_bar (f, a);
  g_assert_cmpstr (http_auth_prompt_get_realm (http_auth_gtk_prompt_bar_get_prompt (bar)), ==, "HttpAuth Basic");
  g_assert_true (http_auth_prompt_get_insecure (http_auth_gtk_prompt_bar_get_prompt (bar)));
  g_assert_true (g_str_has_suffix (http_auth_prompt_get_url (http_auth_gtk_prompt_bar_get_prompt (bar)),
                                   "/basic/page.html"));

  /* The other tab has no bar and stays usable meanwhile. */
  g_assert_null (bar_of (f, b));
  load (f, b, "/site/");
  wait_loaded (b);
  wait_for_title (b, "HttpAuth demo site");
  g_assert_null (bar_of (f, b));
  g_assert_nonnull (bar_of (f, a));
  save_window (f, "basic-bar");

  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Basic");
  text = eval_js (a, "document.getElementById('text').textContent");
  g_assert_cmpstr (text, ==, "Hello alice: /basic/page.html accepted your Basic login.");
  g_assert_null (bar_of (f, a));
  settle (150);
  save_window (f, "basic-signed-in");
  save_page (a, "basic-signed-in-page");

  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 1);
  assert_count (b, _http_auth_webkit_adapter_get_n_prompts (b->adapter), 0);
  assert_count (a, count_exchanges (f, "/basic/page.html", 401, NULL), 1);
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 200, BASIC_AUTHORIZATION), ==, 1);
  /* Ephemeral session: the keyring is never asked. */
  assert_count (a, _http_auth_keyring_get_n_lookups (f->keyring), 0);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  HttpAuthPrompt *prompt;

  load (f, a, "/digest/md5/page.html");
  wait_for_bar (f, a);
  prompt = shown_prompt (f, a);
  g_assert_cmpstr (http_auth_prompt_get_auth_scheme (prompt), ==, "digest");
  g_assert_false (http_auth_prompt_get_retrying (prompt));
  g_assert_false (http_auth_prompt_get_insecure (prompt));
  submit (f, a, USER, "not the password", FALSE);

  /* WebKit comes back with is_retry: the bar says the password was wrong. */
  wait_for_bar (f, a);
  prompt = shown_prompt (f, a);
  g_assert_true (http_auth_prompt_get_retrying (prompt));
  save_window (f, "digest-wrong-password");
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Digest MD5");
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);
  assert_count (a, count_exchanges (f, "/digest/md5/page.html", 401, NULL), 1);
}

static void
test_cancel_shows_body (Fixture       *f,
                        gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;

  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  cancel (f, a);

  /* The server's 401 page, never a blank view. */
  wait_for_title (a, "401 Unauthorized");
  text = eval_js (a, "document.getElementById('text').textContent");
  g_assert_cmpstr (text, ==, "401: /basic/page.html needs a Basic login.");
  uri = eval_js (a, "location.pathname");
  g_assert_cmpstr (uri, ==, "/basic/page.html");
  g_assert_null (bar_of (f, a));
  settle (150);
  save_window (f, "cancel-401-body");
  save_page (a, "cancel-401-body-page");
  assert_count (a, count_exchanges (f, "/basic/page.html", 401, NULL), 1);
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 200, BASIC_AUTHORIZATION), ==, 0);
}

static void
test_fetch50 (Fixture       *f,
              gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autofree char *again = NULL;
  guint n_requests;

  load (f, a, "/site/fetch50.html");
  wait_for_bar (f, a);
  /* All 50 are held by WebKit behind the one question; give stragglers a
   * moment to come in as further authenticate requests. */
  settle (500);
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 1);
  g_assert_cmpuint (_http_auth_gtk_prompter_get_n_queued (f->prompter, http_auth_webkit_adapter_get_prompt_context (a->adapter)), ==, 0);
  save_window (f, "fetch50-one-bar");
  cancel (f, a);

  /* The script sees 401s, and no further bar comes up. */
  wait_for_title (a, "done: 0 ok, 50 unauthorized, 0 other");
  g_test_message ("fetch50: %u authenticate requests for 50 fetch() calls, 1 bar",
                  _http_auth_webkit_adapter_get_n_requests (a->adapter));

  /* The script tries again: WebKit asks again, suppressed: no bar, 401s
   * at once. */
  n_requests = _http_auth_webkit_adapter_get_n_requests (a->adapter);
  again = eval_js (a, "document.title = 'again'; run(); 'started'");
  g_assert_cmpstr (again, ==, "started");
  wait_for_title (a, "done: 0 ok, 50 unauthorized, 0 other");
  g_assert_null (bar_of (f, a));
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), >, n_requests);
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 1);
  settle (150);
  save_window (f, "fetch50-cancelled");

  /* A user navigation in the tab lifts the suppression. */
  load (f, a, "/site/fetch50.html");
  wait_for_bar (f, a);
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "done: 50 ok, 0 unauthorized, 0 other");
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);
  g_assert_cmpuint (count_exchanges (f, "/realm-b/data-", 200, BASIC_AUTHORIZATION), ==, 50);
}

static void
test_two_realms_queued (Fixture       *f,
                        gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  HttpAuthPromptContext *context = http_auth_webkit_adapter_get_prompt_context (a->adapter);
  g_autofree char *started = NULL;
  g_autofree char *first = NULL;

  load (f, a, "/site/");
  wait_for_title (a, "HttpAuth demo site");
  started = eval_js (a, "Promise.all([fetch('/realm-a/one'), fetch('/realm-b/two')])"
                        "  .then(rs => { document.title = rs.map(r => r.status).join(' '); });"
                        "'started'");
  g_assert_cmpstr (started, ==, "started");

  /* One bar; the other realm waits behind it in the same tab. */
  wait_for_bar (f, a);
  settle (300);
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);
  g_assert_cmpuint (_http_auth_gtk_prompter_get_n_queued (f->prompter, context), ==, 1);
  /* The order is WebKit's: whichever 401 it read first. */
  first = g_strdup (http_auth_prompt_get_realm (shown_prompt (f, a)));
  g_assert_true (g_str_equal (first, "Realm A") || g_str_equal (first, "Realm B"));
  save_window (f, "two-realms-first");
  submit (f, a, USER, PASSWORD, FALSE);

  wait_for_bar (f, a);
  g_assert_cmpstr (http_auth_prompt_get_realm (shown_prompt (f, a)), ==,
                   g_str_equal (first, "Realm A") ? "Realm B" : "Realm A");
  g_assert_cmpuint (_http_auth_gtk_prompter_get_n_queued (f->prompter, context), ==, 0);
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "200 200");
  g_assert_cmpuint (count_exchanges (f, "/realm-a/one", 200, BASIC_AUTHORIZATION), ==, 1);
  g_assert_cmpuint (count_exchanges (f, "/realm-b/two", 200, BASIC_AUTHORIZATION), ==, 1);
}

static void
test_cross_origin_image (Fixture       *f,
                         gconstpointer  data)
{
  Tab *a = &f->tabs[0];

  load (f, a, "/site/image.html");
  wait_for_title (a, "image refused");
  g_assert_null (bar_of (f, a));
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_prompts (a->adapter), ==, 0);
  /* WebKitGTK 2.50 does not even raise authenticate for a cross-origin
   * image; if it does (other versions), the adapter answers with no
   * credential. Either way: one 401, no login sent. */
  g_test_message ("cross-origin image: %u authenticate requests",
                  _http_auth_webkit_adapter_get_n_requests (a->adapter));
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), <=, 1);
  g_assert_cmpuint (count_exchanges (f, "/basic/picture.png", 401, NULL), ==, 1);
  g_assert_cmpuint (count_exchanges (f, "/basic/picture.png", 200, BASIC_AUTHORIZATION), ==, 0);
  settle (150);
  save_window (f, "cross-origin-image");
}

static gboolean
area_empty (gpointer data)
{
  return gtk_widget_get_first_child (GTK_WIDGET (data)) == NULL;
}

static void
test_cross_origin_frame (Fixture       *f,
                         gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autofree char *text = NULL;

  /* WebKit does ask for a frame's login: the adapter answers with none. */
  load (f, a, "/site/iframe.html");
  wait_for_title (a, "A cross-origin protected frame");
  wait_loaded (a);
  settle (300);
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), >=, 1);
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_prompts (a->adapter), ==, 0);
  g_assert_null (bar_of (f, a));
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 401, NULL), ==, 1);
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 200, BASIC_AUTHORIZATION), ==, 0);
  save_window (f, "cross-origin-frame");
}

static void
test_no_origin_page (Fixture       *f,
                     gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autofree char *url = http_auth_demo_server_get_url (f->server, "/basic/page.html");
  g_autofree char *html = g_strdup_printf ("<title>blank</title><iframe src=\"%s\"></iframe>", url);

  /* A page with no origin of its own (about:blank) gets no bar either. */
  webkit_web_view_load_html (a->view, html, NULL);
  wait_for_title (a, "blank");
  wait_loaded (a);
  settle (300);
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), >=, 1);
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_prompts (a->adapter), ==, 0);
  g_assert_null (bar_of (f, a));
}

static void
test_stop_ends_bar (Fixture       *f,
                    gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  HttpAuthPromptContext *context = http_auth_webkit_adapter_get_prompt_context (a->adapter);
  g_autofree char *site = NULL;
  guint n_401, n_requests;

  /* The user stops the load: WebKit cancels the request (or the adapter
   * ends the one WebKit let go of), the bar goes. The bar is the load's
   * own (wait_for_bar()): for a request raised before the load start the
   * adapter starts the load again when it fails, a stop included (the
   * documented false positive; a person cannot press Stop inside that
   * window, a test can: seen once in CI on a busy machine, where the bar
   * never went). */
  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  n_401 = count_exchanges (f, "/basic/page.html", 401, NULL);
  n_requests = _http_auth_webkit_adapter_get_n_requests (a->adapter);
  if (n_requests > 1)
    g_test_message ("WebKit asked before it announced the load start: %u requests", n_requests);
  webkit_web_view_stop_loading (a->view);
  if (!try_wait_until (area_empty, a->area))
    g_error ("The bar stayed after the stop: %u authenticate requests (%u cancelled by WebKit), %u prompts, "
             "page %s %s", _http_auth_webkit_adapter_get_n_requests (a->adapter), n_cancelled (a),
             _http_auth_webkit_adapter_get_n_prompts (a->adapter), webkit_web_view_get_uri (a->view),
             webkit_web_view_is_loading (a->view) ? "loading" : "loaded");
  site = g_strdup ("http://127.0.0.1");
  g_assert_false (http_auth_prompt_context_is_suppressed (context, site));
  /* A stop is not a load start: the page is not loaded again. */
  wait_loaded (a);
  settle (500);
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 401, NULL), ==, n_401);
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), ==, n_requests);

  /* A new load asks afresh, and its answer works. */
  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Basic");
}

typedef struct
{
  Fixture *f;
  guint    n;
} LoadsWait;

static gboolean
enough_loads (gpointer data)
{
  LoadsWait *w = data;

  return count_exchanges (w->f, "/site/reload-loop.html", 200, NULL) >= w->n;
}

static void
test_reload_loop (Fixture       *f,
                  gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  LoadsWait w = { f, 4 };

  /* The page reloads itself every second over its bar, each time asking
   * realm B again: still one bar (WebKit holds the later 401s behind the
   * question that is open). */
  load (f, a, "/site/reload-loop.html");
  wait_until (enough_loads, &w, "the page to reload itself");
  g_assert_nonnull (bar_of (f, a));
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 1);
  g_assert_cmpuint (count_exchanges (f, "/realm-b/loop", 401, NULL), >=, 3);
  save_window (f, "reload-loop-one-bar");

  /* Cancelled: the loop goes on, and no bar comes back. */
  cancel (f, a);
  w.n = count_exchanges (f, "/site/reload-loop.html", 200, NULL) + 3;
  wait_until (enough_loads, &w, "more reloads");
  g_assert_null (bar_of (f, a));
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 1);
  g_test_message ("reload loop: %u page loads, %u authenticate requests, 1 bar",
                  count_exchanges (f, "/site/reload-loop.html", 200, NULL),
                  _http_auth_webkit_adapter_get_n_requests (a->adapter));

  /* The page is left (not by the user: still suppressed), then the user
   * navigates: the site may ask again. */
  {
    g_autofree char *open = http_auth_demo_server_get_url (f->server, "/open/after-loop");

    webkit_web_view_load_uri (a->view, open);
    wait_for_body_text (a, "Open page /open/after-loop: no login needed.");
  }
  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);
  g_assert_cmpstr (http_auth_prompt_get_realm (shown_prompt (f, a)), ==,
                   "HttpAuth Basic");
}

static void
test_drop_adapter (Fixture       *f,
                   gconstpointer  data)
{
  Tab *b = &f->tabs[1];

  /* The application drops the adapter while its bar is up: the bar goes,
   * WebKit gets no credential and shows the 401 page. (The bar is the
   * load's own, wait_for_bar(): a request raised before the load start
   * is cancelled as the load starts, and with no adapter left to start
   * the load again the page would stay blank.) */
  load (f, b, "/basic/page.html");
  wait_for_bar (f, b);
  g_clear_object (&b->adapter);
  wait_until (area_empty, b->area, "the bar to go");
  wait_for_title (b, "401 Unauthorized");
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 200, BASIC_AUTHORIZATION), ==, 0);
}

/* WebKit cancels the request it asked last when a load starts, and the
 * network process may ask about a page before the web process has said
 * that the page's load started (seen in CI on a busy machine: the bar
 * went, the page stayed blank). The race is made here on purpose, with
 * real WebKit: the first request is cancelled and a load start announced
 * in one dispatch, as WebKit does; WebKit then fails the load itself. */
static gboolean
race_idle_cb (gpointer user_data)
{
  g_autoptr(WebKitAuthenticationRequest) request = user_data;
  WebKitWebView *view = g_object_get_data (G_OBJECT (request), "test-view");

  webkit_authentication_request_cancel (request);
  g_signal_emit_by_name (view, "load-changed", WEBKIT_LOAD_STARTED);

  return G_SOURCE_REMOVE;
}

static gboolean
race_first_request_cb (WebKitWebView               *view,
                       WebKitAuthenticationRequest *request,
                       guint                       *n_seen)
{
  if ((*n_seen)++ == 0)
    {
      g_object_set_data (G_OBJECT (request), "test-view", view);
      g_idle_add_full (G_PRIORITY_HIGH, race_idle_cb, g_object_ref (request), NULL);
    }

  return FALSE;
}

static gboolean
second_request (gpointer data)
{
  return _http_auth_webkit_adapter_get_n_requests (data) >= 2;
}

static void
test_load_start_race (Fixture       *f,
                      gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  guint n_seen = 0;
  gulong id = g_signal_connect (a->view, "authenticate", G_CALLBACK (race_first_request_cb), &n_seen);

  /* The adapter hooks in after the fixture's handlers: move it last. */
  g_clear_object (&a->adapter);
  a->adapter = http_auth_webkit_adapter_new (a->view, f->prompter, a->area, f->keyring);

  load (f, a, "/basic/page.html");
  /* The page is loaded again and asks again: a bar, not a blank page. */
  wait_until (second_request, a->adapter, "the page to ask again");
  wait_for_bar (f, a);
  g_assert_cmpuint (n_cancelled (a), ==, 1);
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), ==, 2);
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 401, NULL), ==, 2);
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Basic");
  g_assert_cmpuint (count_exchanges (f, "/basic/page.html", 200, BASIC_AUTHORIZATION), ==, 1);
  g_signal_handler_disconnect (a->view, id);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static void
test_g_object_new (Fixture       *f,
                   gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autoptr(WebKitWebView) view = NULL;
  g_autoptr(HttpAuthWebKitAdapter) alone = NULL;
  g_autoptr(WebKitWebView) view_read = NULL;
  g_autoptr(HttpAuthGtkPrompter) prompter_read = NULL;
  g_autoptr(GtkBox) area_read = NULL;
  g_autoptr(HttpAuthKeyring) keyring_read = NULL;
  g_autoptr(HttpAuthPromptContext) context_read = NULL;
  guint n_web_view = 0;
  gboolean closed = FALSE;

  g_test_summary ("An adapter made with g_object_new() from its properties, as GtkBuilder "
                  "and bindings make it, answers its view's logins; its web-view property "
                  "goes NULL, notified, when the view is destroyed");

  g_clear_object (&a->adapter);
  a->adapter = g_object_new (HTTP_AUTH_WEBKIT_TYPE_ADAPTER,
                             "web-view", a->view,
                             "prompter", f->prompter,
                             "bar-area", a->area,
                             "keyring", f->keyring,
                             NULL);
  g_object_get (a->adapter,
                "web-view", &view_read,
                "prompter", &prompter_read,
                "bar-area", &area_read,
                "keyring", &keyring_read,
                "prompt-context", &context_read,
                NULL);
  g_assert_true (view_read == a->view);
  g_assert_true (prompter_read == f->prompter);
  g_assert_true (area_read == a->area);
  g_assert_true (keyring_read == f->keyring);
  g_assert_true (context_read == http_auth_webkit_adapter_get_prompt_context (a->adapter));
  /* The fixture's network session is ephemeral: so is the tab. */
  g_assert_true (http_auth_prompt_context_get_ephemeral (context_read));

  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Basic");
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 1);

  /* A view of its own, never shown: the adapter does not keep it alive. */
  view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", f->network, NULL));
  alone = g_object_new (HTTP_AUTH_WEBKIT_TYPE_ADAPTER,
                        "web-view", view,
                        "prompter", f->prompter,
                        "bar-area", a->area,
                        NULL);
  g_signal_connect (alone, "notify::web-view", G_CALLBACK (count_notify_cb), &n_web_view);
  g_assert_true (http_auth_webkit_adapter_get_web_view (alone) == view);
  g_clear_object (&view);
  g_assert_cmpuint (n_web_view, ==, 1);
  g_assert_null (http_auth_webkit_adapter_get_web_view (alone));
  g_object_get (http_auth_webkit_adapter_get_prompt_context (alone), "closed", &closed, NULL);
  g_assert_true (closed);
}

static void
test_no_challenge (Fixture       *f,
                   gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autofree char *text = NULL;

  load (f, a, "/no-challenge/");
  wait_for_title (a, "Members only");
  text = eval_js (a, "document.getElementById('text').textContent");
  g_assert_cmpstr (text, ==, "This 401 has no challenge.");
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_requests (a->adapter), ==, 0);
  g_assert_null (bar_of (f, a));
}

static gboolean
one_store (gpointer data)
{
  return _http_auth_keyring_get_n_stores (data) >= 1;
}

static void
test_remember (Fixture       *f,
               gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autofree char *url = NULL;

  if (g_test_subprocess ())
    {
      /* A new process, a new WebKit: the login the parent saved is found
       * in the keyring and the page loads without a bar (Digest: a login
       * saved for Basic over http:// is only ever offered in the bar). */
      load (f, a, "/digest/md5/page.html");
      wait_for_title (a, "Signed in: Digest MD5");
      g_assert_null (bar_of (f, a));
      assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 0);
      assert_count (a, _http_auth_webkit_adapter_get_n_requests (a->adapter), 1);
      assert_count (a, _http_auth_keyring_get_n_lookups (f->keyring), 1);
      settle (150);
      save_window (f, "remembered-new-process");
      return;
    }

  load (f, a, "/digest/md5/page.html");
  wait_for_bar (f, a);
  save_window (f, "remember-bar");
  submit (f, a, USER, PASSWORD, TRUE);
  wait_for_title (a, "Signed in: Digest MD5");
  /* Saved once WebKit reports the page's 200. */
  wait_until (one_store, f->keyring, "the login to be saved");
  flush (f);
  g_assert_cmpuint (_http_auth_keyring_get_n_stores (f->keyring), ==, 1);

  url = http_auth_demo_server_get_url (f->server, "");
  g_setenv ("HTTP_AUTH_TEST_SERVER", url, TRUE);
  http_auth_demo_server_clear_exchanges (f->server);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("HTTP_AUTH_TEST_SERVER");
  g_test_trap_assert_passed ();
  /* The new process sent the saved login after WebKit's 401, no prompt. */
  assert_count (a, count_exchanges (f, "/digest/md5/page.html", 401, NULL), 1);
  g_assert_cmpuint (count_digest_exchanges (f, "/digest/md5/page.html", 200), ==, 1);
}

/* Part of the race of test_remember_late_page(): the page's own resource
 * reaches the adapter only after WebKit asked about the page. */
typedef struct
{
  WebKitWebResource *resource;
  WebKitURIRequest  *request;
  gboolean           delay;
  gboolean           replaying;
} LatePage;

static void
late_page_started_cb (WebKitWebView     *view,
                      WebKitWebResource *resource,
                      WebKitURIRequest  *request,
                      LatePage          *late)
{
  if (!late->delay || late->replaying || late->resource != NULL ||
      resource != webkit_web_view_get_main_resource (view))
    return;
  /* Held back from the handlers after this one (the adapter's). */
  late->resource = g_object_ref (resource);
  late->request = g_object_ref (request);
  g_signal_stop_emission_by_name (view, "resource-load-started");
}

static gboolean
late_page_replay_cb (gpointer user_data)
{
  LatePage *late = user_data;
  WebKitWebView *view = g_object_get_data (G_OBJECT (late->resource), "test-view");

  late->replaying = TRUE;
  g_signal_emit_by_name (view, "resource-load-started", late->resource, late->request);
  late->replaying = FALSE;

  return G_SOURCE_REMOVE;
}

static void
late_page_silence_cb (WebKitAuthenticationRequest *request,
                      WebKitCredential            *credential,
                      gpointer                     unused)
{
  g_signal_stop_emission_by_name (request, "authenticated");
}

static gboolean
late_page_authenticate_cb (WebKitWebView               *view,
                           WebKitAuthenticationRequest *request,
                           LatePage                    *late)
{
  /* A request raised before the load start is completed by WebKit as the
   * load starts (against the previous page's response), so its
   * "authenticated" never reaches the adapter: only the page can prove
   * the login. Connected before the adapter's own handler. */
  g_signal_connect (request, "authenticated", G_CALLBACK (late_page_silence_cb), NULL);
  /* The page is announced once the adapter took the question. */
  if (late->delay && late->resource != NULL)
    {
      late->delay = FALSE;
      g_object_set_data (G_OBJECT (late->resource), "test-view", view);
      g_idle_add (late_page_replay_cb, late);
    }
  return FALSE;
}

static void
test_remember_late_page (Fixture       *f,
                         gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  LatePage late = { NULL, NULL, TRUE, FALSE };
  gulong started_id, authenticate_id;

  g_test_summary ("A login is saved once the page's own response proves it when WebKit's authenticated "
                  "signal never comes and the page reaches the adapter only after the question (both "
                  "happen when the network process asks before the load start: WebKit then completes "
                  "the request against the previous page; seen in CI, where the login was never saved). "
                  "WebKit's main resource cannot be hidden from the outside, so this does not recreate "
                  "the whole race: the adapter's taking of a late page is exercised, not forced");

  /* Ahead of the adapter's handlers: a new adapter, made after them. The
   * page is replayed from an idle, once the adapter took the question. */
  g_clear_object (&a->adapter);
  started_id = g_signal_connect (a->view, "resource-load-started", G_CALLBACK (late_page_started_cb), &late);
  authenticate_id = g_signal_connect (a->view, "authenticate", G_CALLBACK (late_page_authenticate_cb), &late);
  a->adapter = http_auth_webkit_adapter_new (a->view, f->prompter, a->area, f->keyring);

  load (f, a, "/digest/md5/page.html");
  wait_for_bar (f, a);
  g_assert_nonnull (late.resource);
  submit (f, a, USER, PASSWORD, TRUE);
  wait_for_title (a, "Signed in: Digest MD5");
  wait_until (one_store, f->keyring, "the login to be saved");
  g_assert_cmpuint (_http_auth_keyring_get_n_stores (f->keyring), ==, 1);

  g_signal_handler_disconnect (a->view, started_id);
  g_signal_handler_disconnect (a->view, authenticate_id);
  g_clear_object (&late.resource);
  g_clear_object (&late.request);
}

static void
test_refused_not_saved (Fixture       *f,
                        gconstpointer  data)
{
  Tab *a = &f->tabs[0];

  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  submit (f, a, USER, "guess", TRUE);
  wait_for_bar (f, a);
  g_assert_true (http_auth_prompt_get_retrying (shown_prompt (f, a)));
  cancel (f, a);
  wait_for_title (a, "401 Unauthorized");
  wait_loaded (a);
  settle (300);
  flush (f);
  /* The refused login was never saved. */
  g_assert_cmpuint (_http_auth_keyring_get_n_stores (f->keyring), ==, 0);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_assert_true (http_auth_keyring_store_finish (HTTP_AUTH_KEYRING (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

static HttpAuthProtectionSpace *
basic_space (Fixture *f)
{
  return http_auth_protection_space_new ("http://127.0.0.1", HTTP_AUTH_TARGET_SERVER, "http", "127.0.0.1",
                                         http_auth_demo_server_get_port (f->server), "HttpAuth Basic", "Basic");
}

static void
test_locked_keyring (Fixture       *f,
                     gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  g_autoptr(HttpAuthProtectionSpace) space = basic_space (f);
  g_autoptr(HttpAuthCredential) saved = http_auth_credential_new (USER, PASSWORD);
  gboolean stored = FALSE;
  gint64 start;

  /* A saved login, behind a locked keyring. */
  http_auth_keyring_store_async (f->keyring, space, saved, NULL, store_cb, &stored);
  wait_until (flushed, &stored, "the saved login");
  http_auth_test_keyring_lock ();

  /* The load is not blocked: the bar appears (no unlock dialog). */
  start = g_get_monotonic_time ();
  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  g_test_message ("locked keyring: bar shown %.0f ms after the load started",
                  (g_get_monotonic_time () - start) / 1000.0 - 150);
  assert_count (a, _http_auth_keyring_get_n_lookups (f->keyring), 1);
  save_window (f, "locked-keyring-bar");
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Basic");
  flush (f);
  g_assert_cmpuint (_http_auth_keyring_get_n_stores (f->keyring), ==, 1);   /* the setup's own */
}

static void
test_private_never_touches (Fixture       *f,
                            gconstpointer  data)
{
  Tab *a = &f->tabs[0];

  /* Ephemeral session (the fixture's default): remember is ignored. */
  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  submit (f, a, USER, PASSWORD, TRUE);
  wait_for_title (a, "Signed in: Basic");
  flush (f);
  g_assert_true (http_auth_prompt_context_get_ephemeral (http_auth_webkit_adapter_get_prompt_context (a->adapter)));
  assert_count (a, _http_auth_keyring_get_n_lookups (f->keyring), 0);
  g_assert_cmpuint (_http_auth_keyring_get_n_stores (f->keyring), ==, 0);
}

static const SecretSchema *
webkit_schema (void)
{
  static const SecretSchema schema = {
    "org.gnome.keyring.NetworkPassword", SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "domain", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "protocol", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "authtype", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static void
webkit_store_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (secret_password_store_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_webkit_item (Fixture       *f,
                  gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  gboolean stored = FALSE;

  /* A login that WebKitGTK itself saved earlier, as it stores them. */
  secret_password_store (webkit_schema (), SECRET_COLLECTION_DEFAULT, "WebKitGTK password", PASSWORD, NULL,
                         webkit_store_cb, &stored,
                         "user", USER, "domain", "HttpAuth Digest", "server", "127.0.0.1", "protocol", "http",
                         "authtype", "Digest", "port", (int) http_auth_demo_server_get_port (f->server), NULL);
  wait_until (flushed, &stored, "the WebKitGTK item");

  load (f, a, "/digest/md5/page.html");
  wait_for_title (a, "Signed in: Digest MD5");
  g_assert_cmpuint (_http_auth_webkit_adapter_get_n_prompts (a->adapter), ==, 0);
  g_assert_cmpuint (count_digest_exchanges (f, "/digest/md5/page.html", 200), ==, 1);
}

static void
test_proxy (Fixture       *f,
            gconstpointer  data)
{
  Tab *a = &f->tabs[0];
  HttpAuthGtkPromptBar *bar;
  HttpAuthPrompt *prompt;
  g_autofree char *title = NULL;
  g_autofree char *expected = g_strdup_printf ("The proxy 127.0.0.1:%u asks for a login", f->squid.port);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) exchanges = NULL;

  /* squid asks first: the bar names the proxy, not the site. */
  load (f, a, "/open/via-proxy");
  bar = wait_for_bar (f, a);
  prompt = http_auth_gtk_prompt_bar_get_prompt (bar);
  g_assert_cmpint (http_auth_prompt_get_target (prompt), ==, HTTP_AUTH_TARGET_PROXY);
  g_assert_cmpstr (http_auth_prompt_get_realm (prompt), ==, "squidtest");
  /* Basic to a proxy over http://: the password crosses readable. */
  g_assert_true (http_auth_prompt_get_insecure (prompt));
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_title (bar), ==, expected);
  g_assert_cmpstr (http_auth_gtk_prompt_bar_get_message (bar), ==, "The proxy says: “squidtest”");
  save_window (f, "proxy-bar");
  submit (f, a, USER, "secret", FALSE);
  wait_loaded (a);
  text = eval_js (a, "document.body.innerText.trim()");
  g_assert_cmpstr (text, ==, "Open page /open/via-proxy: no login needed.");

  /* Then the origin's own login, in its own bar; the proxy's is kept. */
  load (f, a, "/basic/page.html");
  wait_for_bar (f, a);
  prompt = shown_prompt (f, a);
  g_assert_cmpint (http_auth_prompt_get_target (prompt), ==, HTTP_AUTH_TARGET_SERVER);
  submit (f, a, USER, PASSWORD, FALSE);
  wait_for_title (a, "Signed in: Basic");
  assert_count (a, _http_auth_webkit_adapter_get_n_prompts (a->adapter), 2);

  /* Everything went through squid; the origin never saw the proxy login. */
  exchanges = http_auth_demo_server_get_exchanges (f->server);
  g_assert_cmpuint (exchanges->len, >=, 3);
  for (guint i = 0; i < exchanges->len; i++)
    {
      HttpAuthDemoExchange *e = g_ptr_array_index (exchanges, i);

      g_assert_null (e->proxy_authorization);
      g_assert_true (e->authorization == NULL || g_str_equal (e->authorization, BASIC_AUTHORIZATION));
    }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  http_auth_gtk_init ();

  server_url = g_strdup (g_getenv ("HTTP_AUTH_TEST_SERVER"));
  if (!g_test_subprocess ())
    {
      g_autofree char *runtime = NULL;

      tmpdir = g_dir_make_tmp ("http-auth-webkit-XXXXXX", NULL);
      runtime = g_build_filename (tmpdir, "run", NULL);
      g_mkdir_with_parents (runtime, 0700);
      g_setenv ("HOME", tmpdir, TRUE);
      g_setenv ("XDG_DATA_HOME", tmpdir, TRUE);
      g_setenv ("XDG_CONFIG_HOME", tmpdir, TRUE);
      g_setenv ("XDG_CACHE_HOME", tmpdir, TRUE);
      g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
      g_unsetenv ("SECRET_BACKEND");
      http_auth_test_keyring_start (KEYRING_PASSWORD);
    }
  else
    {
      tmpdir = g_strdup (g_get_home_dir ());
    }

#define ADD(path, setup, func) g_test_add ("/HttpAuth/WebKit/" path, Fixture, NULL, setup, func, fixture_teardown)
  ADD ("basic-page", fixture_setup, test_basic_page);
  ADD ("wrong-password", fixture_setup, test_wrong_password);
  ADD ("cancel-shows-401-body", fixture_setup, test_cancel_shows_body);
  ADD ("fetch50", fixture_setup, test_fetch50);
  ADD ("two-realms-queued", fixture_setup, test_two_realms_queued);
  ADD ("cross-origin-image", fixture_setup, test_cross_origin_image);
  ADD ("cross-origin-frame", fixture_setup, test_cross_origin_frame);
  ADD ("no-origin-page", fixture_setup, test_no_origin_page);
  ADD ("stop-ends-bar", fixture_setup, test_stop_ends_bar);
  ADD ("drop-adapter", fixture_setup, test_drop_adapter);
  ADD ("reload-loop", fixture_setup, test_reload_loop);
  ADD ("load-start-race", fixture_setup, test_load_start_race);
  ADD ("g-object-new", fixture_setup, test_g_object_new);
  ADD ("no-challenge", fixture_setup, test_no_challenge);
  ADD ("private-never-touches", fixture_setup, test_private_never_touches);
  ADD ("remember", fixture_setup_persistent, test_remember);
  ADD ("remember-late-page", fixture_setup_persistent, test_remember_late_page);
  ADD ("refused-not-saved", fixture_setup_persistent, test_refused_not_saved);
  ADD ("webkit-item", fixture_setup_persistent, test_webkit_item);
  ADD ("locked-keyring", fixture_setup_persistent, test_locked_keyring);
  ADD ("proxy", fixture_setup_proxy, test_proxy);
#undef ADD

  ret = g_test_run ();

  if (!g_test_subprocess ())
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

      http_auth_test_keyring_stop ();
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_free (tmpdir);
  g_free (server_url);

  return ret;
}
