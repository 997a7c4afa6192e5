/* http-auth-credentials.c: `http-auth credentials list|forget`
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-tool.h"

#include <stdio.h>
#include <string.h>

typedef struct
{
  GMainLoop *loop;
  GPtrArray *logins;
  gboolean   ok;
  GError    *error;
} Wait;

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->logins = http_auth_keyring_list_finish (HTTP_AUTH_KEYRING (object), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
forgot_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, &w->error);
  g_main_loop_quit (w->loop);
}

/* Whether @site names a host as the keyring's forget reads it: with GUri,
 * a bare host (`example.com`) being taken as `http://example.com`. Any
 * other text would forget nothing and still succeed. */
static gboolean
site_has_host (const char *site)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;

  if (strstr (site, "://") == NULL)
    site = url = g_strconcat ("http://", site, NULL);
  uri = g_uri_parse (site, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* The `source` member of a login in `list --json`. */
static const char *
source_name (HttpAuthSavedLoginSource source)
{
  switch (source)
    {
    case HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT:
      return "webkitgtk";
    case HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH:
    default:
      return "http-auth";
    }
}

static void
print_logins (GPtrArray *logins,
              gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!json)
    {
      for (guint i = 0; i < logins->len; i++)
        {
          HttpAuthSavedLogin *login = g_ptr_array_index (logins, i);
          g_autofree char *space = http_auth_protection_space_to_string (http_auth_saved_login_get_space (login));

          printf ("%s  user=%s%s\n", space, http_auth_saved_login_get_username (login),
                  http_auth_saved_login_get_source (login) == HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT
                  ? "  (saved by WebKitGTK, read-only)" : "");
        }
      if (logins->len == 0)
        printf ("No saved logins.\n");
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "logins");
  json_builder_begin_array (b);
  for (guint i = 0; i < logins->len; i++)
    {
      HttpAuthSavedLogin *login = g_ptr_array_index (logins, i);
      HttpAuthProtectionSpace *s = http_auth_saved_login_get_space (login);
      g_autofree char *origin = http_auth_protection_space_dup_origin (s);
      const char *realm = http_auth_protection_space_get_realm (s);
      const char *partition = http_auth_protection_space_get_partition (s);
      g_autofree char *realm_utf8 = realm ? tool_bytes_to_utf8 (realm) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, http_auth_protection_space_get_target (s) == HTTP_AUTH_TARGET_PROXY
                                        ? "proxy" : "server");
      json_builder_set_member_name (b, "origin");
      json_builder_add_string_value (b, origin);
      json_builder_set_member_name (b, "realm");
      if (realm_utf8 != NULL)
        json_builder_add_string_value (b, realm_utf8);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "scheme");
      json_builder_add_string_value (b, http_auth_protection_space_get_auth_scheme (s));
      json_builder_set_member_name (b, "partition");
      if (partition != NULL)
        json_builder_add_string_value (b, partition);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "user");
      json_builder_add_string_value (b, http_auth_saved_login_get_username (login));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, source_name (http_auth_saved_login_get_source (login)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  tool_print_json (root, FALSE);
}

int
tool_credentials (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  g_autofree char *site = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "list: print JSON", NULL },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, "forget: the logins of this site", "SITE" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "forget: every HttpAuth login", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("list|forget — saved logins in the keyring");
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthKeyring) keyring = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Wait w = { 0 };

  g_option_context_set_summary (context,
    "list [--json]         the saved logins (protection spaces and user names, never a password)\n"
    "forget --site S|--all forget HttpAuth's saved logins of a site, or all of them");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "http-auth credentials: %s\n", error->message);
      return TOOL_EXIT_USAGE;
    }

  if (argc != 2 || (!g_str_equal (argv[1], "list") && !g_str_equal (argv[1], "forget")))
    {
      fprintf (stderr, "http-auth credentials: say “list” or “forget”\n");
      return TOOL_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "forget") && (site == NULL) == !all)
    {
      fprintf (stderr, "http-auth credentials forget: give --site SITE or --all\n");
      return TOOL_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "forget") && site != NULL && !site_has_host (site))
    {
      fprintf (stderr, "http-auth credentials forget: --site takes a URL or a host name\n");
      return TOOL_EXIT_USAGE;
    }

  keyring = http_auth_keyring_new ();
  w.loop = loop = g_main_loop_new (NULL, FALSE);

  if (g_str_equal (argv[1], "list"))
    {
      http_auth_keyring_list_async (keyring, NULL, listed_cb, &w);
      g_main_loop_run (loop);
      if (w.logins == NULL)
        {
          fprintf (stderr, "http-auth credentials: %s\n", w.error->message);
          g_clear_error (&w.error);
          return TOOL_EXIT_FAILURE;
        }
      print_logins (w.logins, json);
      g_ptr_array_unref (w.logins);
      return TOOL_EXIT_OK;
    }

  http_auth_keyring_forget_async (keyring, all ? NULL : site, NULL, forgot_cb, &w);
  g_main_loop_run (loop);
  if (!w.ok)
    {
      fprintf (stderr, "http-auth credentials: %s\n", w.error->message);
      g_clear_error (&w.error);
      return TOOL_EXIT_FAILURE;
    }

  return TOOL_EXIT_OK;
}
