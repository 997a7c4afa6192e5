/* http-auth-walkthrough.c: `http-auth walkthrough`
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-demo-server.h"
#include "http-auth-tool.h"

#include <libsoup/soup.h>
#include <stdio.h>

/* Logs in to the embedded demo server step by step, showing what the
 * library does with each challenge. Until the fetch engine exists this
 * drives a plain SoupSession (its auth manager removed) with headers that
 * the library computes. */

static void
collect_field_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  GPtrArray *values = user_data;

  if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0)
    g_ptr_array_add (values, g_strdup (value));
}

static GBytes *
send (SoupSession  *session,
      const char   *url,
      const char   *authorization,
      SoupMessage **msg_out,
      GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *body;

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  printf ("  → GET %s%s\n", url, authorization ? " (with Authorization)" : "");
  body = soup_session_send_and_read (session, msg, NULL, error);
  if (body != NULL)
    printf ("  ← %u %s\n", soup_message_get_status (msg), soup_message_get_reason_phrase (msg));
  *msg_out = g_steal_pointer (&msg);

  return body;
}

static gboolean
login (SoupSession             *session,
       HttpAuthSchemeRegistry  *registry,
       HttpAuthCredential      *credential,
       const char              *title,
       const char              *url)
{
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(SoupMessage) second = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *authorization = NULL;
  const char *info;

  printf ("\n== %s ==\n", title);

  body = send (session, url, NULL, &first, &error);
  if (body == NULL)
    {
      printf ("  network error: %s\n", error->message);
      return FALSE;
    }

  soup_message_headers_foreach (soup_message_get_response_headers (first), collect_field_cb, values);
  for (guint i = 0; i < values->len; i++)
    printf ("    WWW-Authenticate: %s\n", (char *) g_ptr_array_index (values, i));
  g_ptr_array_add (values, NULL);

  challenges = http_auth_challenge_parse_list ((const char * const *) values->pdata, &errors);
  printf ("  parsed (%u challenge%s, %u error%s):\n", challenges->len,
          challenges->len == 1 ? "" : "s", errors->len, errors->len == 1 ? "" : "s");
  json = tool_challenges_to_json (challenges);
  tool_print_json (json, FALSE);

  scheme = http_auth_scheme_registry_choose (registry, challenges, HTTP_AUTH_TARGET_SERVER, &error);
  if (scheme == NULL)
    {
      printf ("  no usable challenge: %s\n", error->message);
      return FALSE;
    }
  if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
    {
      g_autofree char *algorithm = http_auth_scheme_digest_dup_algorithm (HTTP_AUTH_SCHEME_DIGEST (scheme));
      printf ("  chosen: digest, algorithm %s (the strongest offered)\n", algorithm);
    }
  else
    printf ("  chosen: %s\n", http_auth_scheme_get_scheme_name (scheme));

  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET",
                                                      g_uri_get_path (uri), NULL, &error);
  if (authorization == NULL)
    {
      printf ("  cannot answer: %s\n", error->message);
      return FALSE;
    }
  printf ("  computed (demo credentials):\n    Authorization: %s\n", authorization);

  g_clear_pointer (&body, g_bytes_unref);
  body = send (session, url, authorization, &second, &error);
  if (body == NULL)
    {
      printf ("  network error: %s\n", error->message);
      return FALSE;
    }

  info = soup_message_headers_get_one (soup_message_get_response_headers (second),
                                       "Authentication-Info");
  if (info != NULL)
    {
      printf ("    Authentication-Info: %s\n", info);
      if (!http_auth_scheme_check_authentication_info (scheme, credential, authorization, info,
                                                       body, &error))
        {
          printf ("  server proof refused: %s\n", error->message);
          return FALSE;
        }
      printf ("  rspauth verified: the server knows the password too\n");
    }

  printf ("  body: %.*s", (int) g_bytes_get_size (body), (const char *) g_bytes_get_data (body, NULL));

  return soup_message_get_status (second) == SOUP_STATUS_OK;
}

int
tool_walkthrough (int    argc,
                  char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new ("— log in to the demo server");
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpAuthDemoServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("alice", "wonderland");
  g_autofree char *basic_url = NULL;
  g_autofree char *digest_url = NULL;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      fprintf (stderr, "http-auth walkthrough: %s\n", error ? error->message : "unexpected argument");
      return TOOL_EXIT_USAGE;
    }

  server = http_auth_demo_server_new ("alice", "wonderland");
  if (!http_auth_demo_server_start_thread (server, &error))
    {
      fprintf (stderr, "http-auth walkthrough: cannot start the demo server: %s\n", error->message);
      return TOOL_EXIT_FAILURE;
    }

  {
    g_autofree char *root = http_auth_demo_server_get_url (server, "/");
    printf ("Demo server on %s (user alice, password wonderland)\n", root);
  }

  /* The library answers challenges itself: libsoup's manager stays out. */
  session = soup_session_new ();
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);

  basic_url = http_auth_demo_server_get_url (server, "/basic/secret.txt");
  digest_url = http_auth_demo_server_get_url (server, "/digest/all/report.txt");

  ok = login (session, registry, credential, "Basic (RFC 7617)", basic_url);
  ok = login (session, registry, credential, "Digest (RFC 7616), server offers SHA-512-256, SHA-256 and MD5",
              digest_url) && ok;

  printf ("\n%s\n", ok ? "Both logins accepted." : "A login failed.");

  return ok ? TOOL_EXIT_OK : TOOL_EXIT_FAILURE;
}
