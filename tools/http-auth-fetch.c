/* http-auth-fetch.c: `http-auth fetch`
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-tool.h"
#include "http-auth-file-prompter.h"
#include "http-auth-tty-prompter.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Every URL goes through one HttpAuthSession and one prompt context (the
 * CLI is one "tab"), so the cache and the prompt broker are observable:
 * concurrent URLs of one realm share one prompt. */

/* Routes each prompt by who asks: a proxy's to the --proxy-user prompter,
 * an origin's (and a proxy's when there is no --proxy-user) to the prompter
 * chosen for origins. Each of those decides for itself which origins it
 * answers. */
#define TOOL_TYPE_ROUTER_PROMPTER (tool_router_prompter_get_type ())
G_DECLARE_FINAL_TYPE (ToolRouterPrompter, tool_router_prompter, TOOL, ROUTER_PROMPTER, HttpAuthPrompter)

struct _ToolRouterPrompter
{
  HttpAuthPrompter  parent_instance;
  HttpAuthPrompter *server;  /* owned, nullable: asked for origins */
  HttpAuthPrompter *proxy;   /* owned, nullable: asked for the proxy */
};

G_DEFINE_FINAL_TYPE (ToolRouterPrompter, tool_router_prompter, HTTP_AUTH_TYPE_PROMPTER)

static void
router_answered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  HttpAuthPromptResult res;

  /* The answer is already on the prompt, which both prompters share. */
  res = http_auth_prompter_ask_finish (HTTP_AUTH_PROMPTER (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, res);
}

static void
tool_router_prompter_ask_async (HttpAuthPrompter    *prompter,
                                HttpAuthPrompt      *prompt,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ToolRouterPrompter *self = TOOL_ROUTER_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  HttpAuthPrompter *to = self->server;

  g_task_set_source_tag (task, tool_router_prompter_ask_async);
  if (http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY && self->proxy != NULL)
    to = self->proxy;

  if (to == NULL)
    {
      g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
      return;
    }
  http_auth_prompter_ask_async (to, prompt, cancellable, router_answered_cb, g_steal_pointer (&task));
}

static void
tool_router_prompter_dispose (GObject *object)
{
  ToolRouterPrompter *self = TOOL_ROUTER_PROMPTER (object);

  g_clear_object (&self->server);
  g_clear_object (&self->proxy);

  G_OBJECT_CLASS (tool_router_prompter_parent_class)->dispose (object);
}

static void
tool_router_prompter_class_init (ToolRouterPrompterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tool_router_prompter_dispose;
  HTTP_AUTH_PROMPTER_CLASS (klass)->ask_async = tool_router_prompter_ask_async;
}

static void
tool_router_prompter_init (ToolRouterPrompter *self)
{
}

typedef struct
{
  char             *url;
  HttpAuthResponse *response;
  GBytes           *body;
  GError           *error;
  gboolean          done;
} Item;

typedef struct
{
  HttpAuthSession       *session;
  HttpAuthPromptContext *context;
  GPtrArray             *items;
  char                  *method;
  char                 **headers;  /* borrowed from the options */
  GBytes                *data;
  gboolean               no_follow;
  gboolean               sequential;
  gboolean               verbose;
  guint                  next;
  guint                  pending;
  JsonBuilder           *prompts;
  GMainLoop             *loop;
} Fetch;

static void
item_free (Item *item)
{
  g_free (item->url);
  g_clear_object (&item->response);
  g_clear_pointer (&item->body, g_bytes_unref);
  g_clear_error (&item->error);
  g_free (item);
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_object (&fetch->context);
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->prompts);
  g_clear_pointer (&fetch->items, g_ptr_array_unref);
  g_clear_pointer (&fetch->data, g_bytes_unref);
  g_clear_pointer (&fetch->method, g_free);
  g_clear_pointer (&fetch->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

static void start_next (Fetch *fetch);

typedef struct
{
  Fetch *fetch;
  Item  *item;
} Start;

static void
item_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Start *start = user_data;
  Fetch *fetch = start->fetch;
  Item *item = start->item;

  g_free (start);
  item->response = http_auth_session_send_and_read_finish (fetch->session, result, &item->body, &item->error);
  item->done = TRUE;
  fetch->pending--;

  if (fetch->sequential)
    start_next (fetch);
  if (fetch->pending == 0 && fetch->next >= fetch->items->len)
    g_main_loop_quit (fetch->loop);
}

static void
start_next (Fetch *fetch)
{
  Item *item;
  g_autoptr(HttpAuthRequest) request = NULL;
  Start *start;

  if (fetch->next >= fetch->items->len)
    return;

  item = g_ptr_array_index (fetch->items, fetch->next++);
  request = http_auth_request_new (fetch->method, item->url);
  g_assert (request != NULL);

  for (guint i = 0; fetch->headers != NULL && fetch->headers[i] != NULL; i++)
    {
      const char *colon = strchr (fetch->headers[i], ':');
      g_autofree char *name = g_strstrip (g_strndup (fetch->headers[i], colon - fetch->headers[i]));
      g_autofree char *value = g_strstrip (g_strdup (colon + 1));

      soup_message_headers_append (http_auth_request_get_headers (request), name, value);
    }
  if (fetch->data != NULL)
    http_auth_request_set_body (request, "application/octet-stream", fetch->data);
  if (fetch->no_follow)
    http_auth_request_set_redirect_mode (request, HTTP_AUTH_REDIRECT_MODE_MANUAL);
  http_auth_request_set_prompt_context (request, fetch->context);

  start = g_new0 (Start, 1);
  start->fetch = fetch;
  start->item = item;
  fetch->pending++;
  http_auth_session_send_and_read_async (fetch->session, request, NULL, item_done_cb, start);
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  http_auth_session_flush_finish (HTTP_AUTH_SESSION (object), result, NULL);
  g_main_loop_quit (user_data);
}

static void
prompt_cb (HttpAuthSession *session,
           HttpAuthPrompt  *prompt,
           gpointer         user_data)
{
  Fetch *fetch = user_data;
  const char *realm = http_auth_prompt_get_realm (prompt);
  g_autofree char *realm_utf8 = realm ? tool_bytes_to_utf8 (realm) : NULL;

  json_builder_begin_object (fetch->prompts);
  json_builder_set_member_name (fetch->prompts, "origin");
  json_builder_add_string_value (fetch->prompts, http_auth_prompt_get_origin (prompt));
  json_builder_set_member_name (fetch->prompts, "realm");
  if (realm_utf8 != NULL)
    json_builder_add_string_value (fetch->prompts, realm_utf8);
  else
    json_builder_add_null_value (fetch->prompts);
  json_builder_set_member_name (fetch->prompts, "scheme");
  json_builder_add_string_value (fetch->prompts, http_auth_prompt_get_auth_scheme (prompt));
  json_builder_set_member_name (fetch->prompts, "target");
  json_builder_add_string_value (fetch->prompts,
                                 http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY ? "proxy" : "server");
  json_builder_set_member_name (fetch->prompts, "retrying");
  json_builder_add_boolean_value (fetch->prompts, http_auth_prompt_get_retrying (prompt));
  json_builder_end_object (fetch->prompts);

  /* The terminal gets the realm as the terminal prompter shows it: a
   * server's escape sequences or bidi overrides must not reach it. */
  if (fetch->verbose)
    {
      g_autofree char *shown = http_auth_tty_sanitize (realm, 0);

      fprintf (stderr, "  ? prompt: %s, realm “%s” (%s)%s\n", http_auth_prompt_get_origin (prompt), shown,
               http_auth_prompt_get_auth_scheme (prompt), http_auth_prompt_get_retrying (prompt) ? ", retrying" : "");
    }
}

static void
add_error (JsonBuilder  *b,
           const GError *error)
{
  if (error == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, g_quark_to_string (error->domain));
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, error->code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  json_builder_end_object (b);
}

static JsonNode *
report (Fetch *fetch)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < fetch->items->len; i++)
    {
      Item *item = g_ptr_array_index (fetch->items, i);
      GPtrArray *exchanges = item->response ? http_auth_response_get_exchanges (item->response) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, item->url);
      json_builder_set_member_name (b, "final_url");
      if (item->response != NULL)
        {
          g_autofree char *final = g_uri_to_string_partial (http_auth_response_get_uri (item->response),
                                                            G_URI_HIDE_USERINFO);
          json_builder_add_string_value (b, final);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "status");
      if (item->response != NULL)
        json_builder_add_int_value (b, http_auth_response_get_status (item->response));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "error");
      add_error (b, item->error);
      json_builder_set_member_name (b, "body_bytes");
      json_builder_add_int_value (b, item->body ? (gint64) g_bytes_get_size (item->body) : 0);
      /* Who the final request signed in as, and whether the server proved
       * who it is (a Negotiate server's final token, checked by GSS-API). */
      json_builder_set_member_name (b, "auth_scheme");
      if (item->response != NULL && http_auth_response_get_auth_scheme (item->response) != NULL)
        json_builder_add_string_value (b, http_auth_response_get_auth_scheme (item->response));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "principal");
      if (item->response != NULL && http_auth_response_get_principal (item->response) != NULL)
        {
          g_autofree char *principal = tool_bytes_to_utf8 (http_auth_response_get_principal (item->response));

          json_builder_add_string_value (b, principal);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "mutually_authenticated");
      json_builder_add_boolean_value (b, item->response != NULL &&
                                         http_auth_response_get_mutually_authenticated (item->response));
      json_builder_set_member_name (b, "exchanges");
      json_builder_begin_array (b);
      for (guint j = 0; exchanges != NULL && j < exchanges->len; j++)
        {
          HttpAuthExchange *e = g_ptr_array_index (exchanges, j);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "method");
          json_builder_add_string_value (b, http_auth_exchange_get_method (e));
          json_builder_set_member_name (b, "url");
          json_builder_add_string_value (b, http_auth_exchange_get_url (e));
          json_builder_set_member_name (b, "status");
          json_builder_add_int_value (b, http_auth_exchange_get_status (e));
          json_builder_set_member_name (b, "auth_scheme_sent");
          if (http_auth_exchange_get_auth_scheme (e) != NULL)
            json_builder_add_string_value (b, http_auth_exchange_get_auth_scheme (e));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "proxy_auth_scheme_sent");
          if (http_auth_exchange_get_proxy_auth_scheme (e) != NULL)
            json_builder_add_string_value (b, http_auth_exchange_get_proxy_auth_scheme (e));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_array (fetch->prompts);
  json_builder_set_member_name (b, "prompts");
  json_builder_add_value (b, json_builder_get_root (fetch->prompts));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
print_exchanges (Item *item)
{
  GPtrArray *exchanges = item->response ? http_auth_response_get_exchanges (item->response) : NULL;

  fprintf (stderr, "%s\n", item->url);
  for (guint j = 0; exchanges != NULL && j < exchanges->len; j++)
    {
      HttpAuthExchange *e = g_ptr_array_index (exchanges, j);

      const char *proxy_scheme = http_auth_exchange_get_proxy_auth_scheme (e);

      fprintf (stderr, "  %s %s  Authorization: %s%s%s  ->  %u %s\n", http_auth_exchange_get_method (e),
               http_auth_exchange_get_url (e),
               http_auth_exchange_get_auth_scheme (e) ? http_auth_exchange_get_auth_scheme (e) : "none",
               proxy_scheme ? "  Proxy-Authorization: " : "", proxy_scheme ? proxy_scheme : "",
               http_auth_exchange_get_status (e), soup_status_get_phrase (http_auth_exchange_get_status (e)));
    }
  if (item->response != NULL &&
      g_strcmp0 (http_auth_response_get_auth_scheme (item->response), "negotiate") == 0)
    {
      const char *principal = http_auth_response_get_principal (item->response);
      g_autofree char *who = principal ? tool_bytes_to_utf8 (principal) : g_strdup ("an unknown principal");

      /* Without a final token the server may have been anyone holding the
       * 200: say so rather than imply it was checked. */
      fprintf (stderr, "  signed in with Kerberos as %s (%s)\n", who,
               http_auth_response_get_mutually_authenticated (item->response)
                 ? "server verified" : "server not verified: it sent no final token");
    }
  if (item->error != NULL)
    fprintf (stderr, "  network error: %s\n", item->error->message);
}

/* What the command line asked for. */
typedef struct
{
  char     *method;
  char     *data_file;
  char     *output;
  char     *user;
  char     *password;
  char     *credentials_file;
  char     *json_path;
  char     *proxy;
  char     *proxy_user;
  char     *proxy_password;
  char     *cacert;
  char    **headers;
  char    **urls;
  char    **negotiate;
  char    **negotiate_delegate;
  gboolean  negotiate_include_port;
  gboolean  no_follow;
  gboolean  sequential;
  gboolean  verbose;
  gboolean  use_keyring;
  gboolean  remember;
  gboolean  location_trusted;
} Options;

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
options_clear (Options *o)
{
  g_clear_pointer (&o->method, g_free);
  g_clear_pointer (&o->data_file, g_free);
  g_clear_pointer (&o->output, g_free);
  g_clear_pointer (&o->user, g_free);
  g_clear_pointer (&o->password, wipe_free);
  g_clear_pointer (&o->credentials_file, g_free);
  g_clear_pointer (&o->json_path, g_free);
  g_clear_pointer (&o->proxy, g_free);
  g_clear_pointer (&o->proxy_user, g_free);
  g_clear_pointer (&o->proxy_password, wipe_free);
  g_clear_pointer (&o->cacert, g_free);
  g_clear_pointer (&o->headers, g_strfreev);
  g_clear_pointer (&o->urls, g_strfreev);
  g_clear_pointer (&o->negotiate, g_strfreev);
  g_clear_pointer (&o->negotiate_delegate, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Parses and checks the command line. Returns TOOL_EXIT_OK, or
 * TOOL_EXIT_USAGE once it has said why on standard error. */
static int
options_parse (Options  *o,
               int       argc,
               char    **argv)
{
  const GOptionEntry entries[] = {
    { "method", 'X', 0, G_OPTION_ARG_STRING, &o->method, "Request method (default GET)", "METHOD" },
    { "data-file", 0, 0, G_OPTION_ARG_FILENAME, &o->data_file, "Request body, replayed on a retry", "FILE" },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &o->headers, "Request header (repeatable)", "'NAME: VALUE'" },
    { "no-follow", 0, 0, G_OPTION_ARG_NONE, &o->no_follow, "Return redirects instead of following them", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      "Write the single URL's body into FILE (opened and truncated, never replaced)", "FILE" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &o->user,
      "User name for the prompts of the URLs' own origins", "USER" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &o->password,
      "Password for the prompts of the URLs' own origins", "PASS" },
    { "location-trusted", 0, 0, G_OPTION_ARG_NONE, &o->location_trusted,
      "Let --user answer any origin, redirect targets included", NULL },
    { "credentials-file", 0, 0, G_OPTION_ARG_FILENAME, &o->credentials_file,
      "Answer prompts in order from {\"credentials\":[{\"user\":…,\"password\":…}]}", "FILE" },
    { "sequential", 0, 0, G_OPTION_ARG_NONE, &o->sequential, "Fetch the URLs one after another", NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &o->json_path, "Write a JSON report (- for standard output)", "FILE" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose, "Print each exchange and prompt on standard error", NULL },
    { "keyring", 0, 0, G_OPTION_ARG_NONE, &o->use_keyring,
      "Look saved logins up in the system keyring before prompting", NULL },
    { "remember", 0, 0, G_OPTION_ARG_NONE, &o->remember,
      "Save logins the server accepted (implies --keyring)", NULL },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &o->proxy, "Send every request through this proxy", "URI" },
    { "proxy-user", 0, 0, G_OPTION_ARG_STRING, &o->proxy_user,
      "User name for the prompts of --proxy (never an origin's)", "USER" },
    { "proxy-password", 0, 0, G_OPTION_ARG_STRING, &o->proxy_password,
      "Password for the prompts of --proxy (never an origin's)", "PASS" },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &o->cacert, "Trust this PEM certificate for https:// origins", "FILE" },
    { "negotiate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->negotiate,
      "Sign in with Kerberos (Negotiate) to these hosts and proxies (comma-separated patterns)", "HOSTS" },
    { "negotiate-delegate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->negotiate_delegate,
      "Delegate the Kerberos ticket to these hosts (comma-separated patterns)", "HOSTS" },
    { "negotiate-include-port", 0, 0, G_OPTION_ARG_NONE, &o->negotiate_include_port,
      "Ask for HTTP@host:port rather than HTTP@host when the port is not the default", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->urls, NULL, "URL…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— fetch through HttpAuth");
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
    "Fetches each URL through one HttpAuthSession (shared cache and prompts),\n"
    "concurrently unless --sequential. Exits 0 when every URL got an HTTP response\n"
    "(any status), 1 when one ended in a network error, 2 on usage errors.\n"
    "\n"
    "--user/--password answer only the prompts of the origins (scheme, host and\n"
    "port) of the URLs given here, not those of a redirect to another origin,\n"
    "unless --location-trusted; they never answer a proxy. --proxy-user and\n"
    "--proxy-password answer only the prompts of --proxy.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "http-auth fetch: %s\n", error->message);
      return TOOL_EXIT_USAGE;
    }

  if (o->urls == NULL || o->urls[0] == NULL)
    {
      fprintf (stderr, "http-auth fetch: no URL given\n");
      return TOOL_EXIT_USAGE;
    }
  if (o->output != NULL && o->urls[1] != NULL)
    {
      fprintf (stderr, "http-auth fetch: --output takes a single URL\n");
      return TOOL_EXIT_USAGE;
    }
  if (o->password != NULL && o->user == NULL)
    {
      fprintf (stderr, "http-auth fetch: --password needs --user\n");
      return TOOL_EXIT_USAGE;
    }
  if ((o->proxy_user == NULL) != (o->proxy_password == NULL) || (o->proxy_user != NULL && o->proxy == NULL))
    {
      fprintf (stderr, "http-auth fetch: --proxy-user and --proxy-password go together, with --proxy\n");
      return TOOL_EXIT_USAGE;
    }
  if (o->credentials_file != NULL && o->user != NULL)
    {
      fprintf (stderr, "http-auth fetch: use --user or --credentials-file, not both\n");
      return TOOL_EXIT_USAGE;
    }
  for (guint i = 0; o->headers != NULL && o->headers[i] != NULL; i++)
    if (strchr (o->headers[i], ':') == NULL || o->headers[i][0] == ':')
      {
        fprintf (stderr, "http-auth fetch: a header is 'Name: value', not “%s”\n", o->headers[i]);
        return TOOL_EXIT_USAGE;
      }
  for (guint i = 0; o->urls[i] != NULL; i++)
    {
      g_autoptr(HttpAuthRequest) probe = http_auth_request_new ("GET", o->urls[i]);

      if (probe == NULL)
        {
          fprintf (stderr, "http-auth fetch: not an http(s) URL: %s\n", o->urls[i]);
          return TOOL_EXIT_USAGE;
        }
    }

  return TOOL_EXIT_OK;
}

/* The prompter for the origins' prompts: --credentials-file, --user with
 * --password (bound to the command line's origins), or the terminal. NULL
 * with no error when there is none of them. */
static HttpAuthPrompter *
make_server_prompter (const Options  *o,
                      GError        **error)
{
  g_autoptr(HttpAuthCredentialsPrompter) credentials = NULL;

  if (o->credentials_file != NULL)
    return tool_file_prompter_new_from_file (o->credentials_file, o->remember, error);

  if (o->user == NULL || o->password == NULL)
    return isatty (STDIN_FILENO) ? http_auth_tty_prompter_new (o->user, o->remember) : NULL;

  /* As curl's -u: the login is for the sites named here, not for whatever
   * site a redirect leads to (CVE-2018-1000007). */
  credentials = http_auth_credentials_prompter_new (o->user, o->password);
  http_auth_credentials_prompter_set_password_save (credentials, o->remember ? G_PASSWORD_SAVE_PERMANENTLY
                                                                          : G_PASSWORD_SAVE_NEVER);
  if (o->location_trusted)
    http_auth_credentials_prompter_set_any_origin (credentials, TRUE);
  else
    for (guint i = 0; o->urls[i] != NULL; i++)
      if (!http_auth_credentials_prompter_add_origin (credentials, o->urls[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not an http(s) URL: %s", o->urls[i]);
          return NULL;
        }

  return HTTP_AUTH_PROMPTER (g_steal_pointer (&credentials));
}

static HttpAuthPrompter *
make_prompter (const Options  *o,
               GError        **error)
{
  g_autoptr(HttpAuthPrompter) server = NULL;
  g_autoptr(HttpAuthCredentialsPrompter) proxy = NULL;
  ToolRouterPrompter *router;

  server = make_server_prompter (o, error);
  if (server == NULL && error != NULL && *error != NULL)
    return NULL;
  if (o->proxy_user == NULL)
    return g_steal_pointer (&server);

  proxy = http_auth_credentials_prompter_new_for_proxy (o->proxy_user, o->proxy_password, o->proxy);
  if (proxy == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a proxy URI: %s", o->proxy);
      return NULL;
    }

  router = g_object_new (TOOL_TYPE_ROUTER_PROMPTER, NULL);
  router->server = g_steal_pointer (&server);
  router->proxy = HTTP_AUTH_PROMPTER (g_steal_pointer (&proxy));

  return HTTP_AUTH_PROMPTER (router);
}

/* The session, its prompter, proxy, trust and keyring, and the requests'
 * shared settings. */
static gboolean
fetch_setup (Fetch          *fetch,
             const Options  *o,
             GError        **error)
{
  g_autoptr(HttpAuthPrompter) prompter = NULL;
  g_autoptr(GError) local_error = NULL;

  prompter = make_prompter (o, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (o->data_file != NULL)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (o->data_file, &contents, &len, error))
        return FALSE;
      fetch->data = g_bytes_new_take (g_steal_pointer (&contents), len);
    }

  fetch->session = http_auth_session_new ();
  http_auth_session_set_prompter (fetch->session, prompter);
  http_auth_session_set_negotiate_allowlist (fetch->session, (const char * const *) o->negotiate);
  g_object_set (fetch->session,
                "negotiate-delegation-allowlist", o->negotiate_delegate,
                "negotiate-include-port", o->negotiate_include_port,
                NULL);
  if (o->proxy != NULL)
    http_auth_session_set_proxy_uri (fetch->session, o->proxy);
  if (o->cacert != NULL)
    {
      g_autoptr(GTlsDatabase) trust = g_tls_file_database_new (o->cacert, error);

      if (trust == NULL)
        return FALSE;
      soup_session_set_tls_database (http_auth_session_get_soup_session (fetch->session), trust);
    }
  if (o->use_keyring || o->remember)
    {
      g_autoptr(HttpAuthKeyring) keyring = http_auth_keyring_new ();

      http_auth_session_set_keyring (fetch->session, keyring);
    }

  fetch->context = http_auth_prompt_context_new (NULL, FALSE);
  fetch->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  fetch->method = g_strdup (o->method ? o->method : "GET");
  fetch->headers = o->headers;
  fetch->no_follow = o->no_follow;
  fetch->sequential = o->sequential;
  fetch->verbose = o->verbose;
  fetch->prompts = json_builder_new ();
  json_builder_begin_array (fetch->prompts);
  fetch->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (fetch->session, "prompt", G_CALLBACK (prompt_cb), fetch);

  for (guint i = 0; o->urls[i] != NULL; i++)
    {
      Item *item = g_new0 (Item, 1);

      item->url = g_strdup (o->urls[i]);
      g_ptr_array_add (fetch->items, item);
    }

  return TRUE;
}

/* Sends every request and waits for the last answer, then for the logins
 * being saved to the keyring, so that they are saved before the process
 * exits. */
static void
fetch_run (Fetch *fetch)
{
  if (fetch->sequential)
    start_next (fetch);
  else
    while (fetch->next < fetch->items->len)
      start_next (fetch);
  g_main_loop_run (fetch->loop);

  http_auth_session_flush_async (fetch->session, NULL, flushed_cb, fetch->loop);
  g_main_loop_run (fetch->loop);
}

/* Writes @body to @path as curl's -o does: open (creating it if need be),
 * truncate, write. The file is never replaced, so a device, a FIFO or a
 * symbolic link stays what it is. */
static gboolean
write_output (const char  *path,
              GBytes      *body,
              GError     **error)
{
  const char *data = body ? g_bytes_get_data (body, NULL) : NULL;
  gsize left = body ? g_bytes_get_size (body) : 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  while (left > 0)
    {
      gssize n = write (fd, data, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
      data += n;
      left -= n;
    }

  if (!g_close (fd, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  return TRUE;
}

/* The bodies (to --output or standard output), the errors and the JSON
 * report. Returns the exit status. */
static int
fetch_output (Fetch         *fetch,
              const Options *o)
{
  g_autoptr(GError) error = NULL;
  int status = TOOL_EXIT_OK;

  for (guint i = 0; i < fetch->items->len; i++)
    {
      Item *item = g_ptr_array_index (fetch->items, i);

      if (o->verbose)
        print_exchanges (item);
      if (item->error != NULL)
        {
          fprintf (stderr, "http-auth fetch: %s: %s\n", item->url, item->error->message);
          status = TOOL_EXIT_FAILURE;
          continue;
        }
      if (o->output != NULL)
        {
          if (!write_output (o->output, item->body, &error))
            {
              fprintf (stderr, "http-auth fetch: %s\n", error->message);
              g_clear_error (&error);
              status = TOOL_EXIT_FAILURE;
            }
        }
      else if (g_strcmp0 (o->json_path, "-") != 0 && item->body != NULL)
        fwrite (g_bytes_get_data (item->body, NULL), 1, g_bytes_get_size (item->body), stdout);
    }
  fflush (stdout);

  if (o->json_path != NULL)
    {
      g_autoptr(JsonNode) root = report (fetch);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, root);
      if (g_str_equal (o->json_path, "-"))
        tool_print_json (root, FALSE);
      else if (!json_generator_to_file (generator, o->json_path, &error))
        {
          fprintf (stderr, "http-auth fetch: %s\n", error->message);
          status = TOOL_EXIT_FAILURE;
        }
    }

  return status;
}

int
tool_fetch (int    argc,
            char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Fetch) fetch = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  status = options_parse (&options, argc, argv);
  if (status != TOOL_EXIT_OK)
    return status;

  if (!fetch_setup (&fetch, &options, &error))
    {
      fprintf (stderr, "http-auth fetch: %s\n", error->message);
      return TOOL_EXIT_USAGE;
    }

  fetch_run (&fetch);

  return fetch_output (&fetch, &options);
}
