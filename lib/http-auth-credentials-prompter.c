/* http-auth-credentials-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-credentials-prompter"

#include "config.h"

#include "http-auth-credentials-prompter.h"

#include <string.h>

/**
 * HttpAuthCredentialsPrompter:
 *
 * A headless prompter that answers with the same credentials (the CLI's
 * `--user`/`--password`), but only the origins it was given.
 *
 * A prompter made with [ctor@HttpAuth.CredentialsPrompter.new] answers the
 * prompts of the origins added with
 * [method@HttpAuth.CredentialsPrompter.add_origin] and no others: a
 * redirect to another origin gets no credentials, as curl sends `-u` only
 * to the host it was given (CVE-2018-1000007).
 * [method@HttpAuth.CredentialsPrompter.set_any_origin] lifts that, as
 * curl's `--location-trusted` does. It never answers a proxy.
 *
 * A prompter made with [ctor@HttpAuth.CredentialsPrompter.new_for_proxy]
 * answers only the prompts of that proxy, never an origin's.
 *
 * Any other prompt goes away unanswered
 * (%HTTP_AUTH_PROMPT_RESULT_UNANSWERED).
 */

struct _HttpAuthCredentialsPrompter
{
  HttpAuthPrompter    parent_instance;

  /* The answer, owned; wiped with its last reference. */
  HttpAuthCredential *credential;
  GPasswordSave       password_save;

  /* Whom it answers: origins (server prompts) or one proxy. */
  HttpAuthTarget      target;
  GHashTable         *origins;     /* owned keys from origin_key() */
  gboolean            any_origin;
  char               *proxy_host;  /* lowercased, without brackets */
  guint16             proxy_port;  /* 0: any port of proxy_host */
};

G_DEFINE_FINAL_TYPE (HttpAuthCredentialsPrompter, http_auth_credentials_prompter, HTTP_AUTH_TYPE_PROMPTER)

static guint16
default_port (const char *scheme)
{
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return 443;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return 80;
  return 0;
}

/* One spelling per origin, whether it comes from a URL given by the caller
 * or from a prompt: `scheme://host:port`, lowercased, the port always
 * written, an IPv6 host without brackets. NULL unless @uri is http(s) with
 * a host. */
static char *
origin_key (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  int port;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (parsed), -1);
  if (default_port (scheme) == 0)
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (parsed), -1);
  port = g_uri_get_port (parsed);
  if (port <= 0)
    port = default_port (scheme);

  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

/* A proxy prompt names the proxy as `host:port` (an IPv6 host possibly in
 * brackets); a proxy URI names it with a scheme. Either way, the host
 * lowercased without brackets, and the port or 0. */
static gboolean
proxy_host_port (const char  *who,
                 char       **host,
                 guint16     *port)
{
  const char *colon;
  g_autofree char *bare = NULL;
  guint64 n = 0;

  if (strstr (who, "://") != NULL)
    {
      g_autoptr(GUri) parsed = g_uri_parse (who, G_URI_FLAGS_NONE, NULL);

      if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
        return FALSE;
      *host = g_ascii_strdown (g_uri_get_host (parsed), -1);
      *port = MAX (g_uri_get_port (parsed), 0);
      return TRUE;
    }

  colon = strrchr (who, ':');
  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT16, &n, NULL))
    return FALSE;
  bare = g_strndup (who, colon - who);
  if (bare[0] == '[' && g_str_has_suffix (bare, "]"))
    {
      char *inner = g_strndup (bare + 1, strlen (bare) - 2);

      g_free (bare);
      bare = inner;
    }
  if (*bare == '\0')
    return FALSE;

  *host = g_ascii_strdown (bare, -1);
  *port = n;
  return TRUE;
}

static gboolean
credentials_prompter_may_answer (HttpAuthCredentialsPrompter *self,
                                 HttpAuthPrompt              *prompt)
{
  const char *who = http_auth_prompt_get_origin (prompt);

  if (who == NULL || http_auth_prompt_get_target (prompt) != self->target)
    return FALSE;

  if (self->target == HTTP_AUTH_TARGET_PROXY)
    {
      g_autofree char *host = NULL;
      guint16 port = 0;

      return proxy_host_port (who, &host, &port) &&
             g_str_equal (host, self->proxy_host) &&
             (self->proxy_port == 0 || port == self->proxy_port);
    }
  else
    {
      g_autofree char *key = NULL;

      if (self->any_origin)
        return TRUE;
      key = origin_key (who);
      return key != NULL && g_hash_table_contains (self->origins, key);
    }
}

static void
http_auth_credentials_prompter_ask_async (HttpAuthPrompter    *prompter,
                                          HttpAuthPrompt      *prompt,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  HttpAuthCredentialsPrompter *self = HTTP_AUTH_CREDENTIALS_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, http_auth_credentials_prompter_ask_async);

  /* Credentials given for one origin never go to another one (a redirect
   * target) nor to a proxy, and a proxy's never to an origin. */
  if (!credentials_prompter_may_answer (self, prompt))
    {
      g_debug ("Not answering the %s prompt of %s: its credentials are not for it",
               http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY ? "proxy" : "server",
               http_auth_prompt_get_origin (prompt));
      g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
      return;
    }

  http_auth_prompt_set_credential (prompt, self->credential);
  http_auth_prompt_set_password_save (prompt, self->password_save);
  g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
}

static void
http_auth_credentials_prompter_finalize (GObject *object)
{
  HttpAuthCredentialsPrompter *self = HTTP_AUTH_CREDENTIALS_PROMPTER (object);

  g_clear_pointer (&self->credential, http_auth_credential_unref);
  g_clear_pointer (&self->origins, g_hash_table_unref);
  g_clear_pointer (&self->proxy_host, g_free);

  G_OBJECT_CLASS (http_auth_credentials_prompter_parent_class)->finalize (object);
}

static void
http_auth_credentials_prompter_class_init (HttpAuthCredentialsPrompterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HttpAuthPrompterClass *prompter_class = HTTP_AUTH_PROMPTER_CLASS (klass);

  object_class->finalize = http_auth_credentials_prompter_finalize;
  prompter_class->ask_async = http_auth_credentials_prompter_ask_async;
}

static void
http_auth_credentials_prompter_init (HttpAuthCredentialsPrompter *self)
{
  self->target = HTTP_AUTH_TARGET_SERVER;
  self->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * http_auth_credentials_prompter_new:
 * @username: the user name to answer
 * @password: the password to answer
 *
 * Creates a prompter that answers the prompts of the origins given with
 * [method@HttpAuth.CredentialsPrompter.add_origin] with these
 * credentials. It answers none until an origin is added, and never a
 * proxy's prompt.
 *
 * Returns: (transfer full): a new #HttpAuthCredentialsPrompter
 */
HttpAuthCredentialsPrompter *
http_auth_credentials_prompter_new (const char *username,
                                    const char *password)
{
  HttpAuthCredentialsPrompter *self;

  g_return_val_if_fail (username != NULL && password != NULL, NULL);

  self = g_object_new (HTTP_AUTH_TYPE_CREDENTIALS_PROMPTER, NULL);
  self->credential = http_auth_credential_new (username, password);

  return self;
}

/**
 * http_auth_credentials_prompter_new_for_proxy:
 * @username: the user name to answer
 * @password: the password to answer
 * @proxy_uri: the proxy, such as `http://proxy:3128`
 *
 * Creates a prompter that answers only the prompts of the proxy at
 * @proxy_uri's host (and port, when @proxy_uri gives one), never an
 * origin's.
 *
 * Returns: (transfer full) (nullable): a new #HttpAuthCredentialsPrompter,
 *   or %NULL when @proxy_uri names no host
 */
HttpAuthCredentialsPrompter *
http_auth_credentials_prompter_new_for_proxy (const char *username,
                                              const char *password,
                                              const char *proxy_uri)
{
  g_autoptr(HttpAuthCredentialsPrompter) self = NULL;
  g_autofree char *host = NULL;
  guint16 port = 0;

  g_return_val_if_fail (username != NULL && password != NULL, NULL);
  g_return_val_if_fail (proxy_uri != NULL, NULL);

  if (!proxy_host_port (proxy_uri, &host, &port))
    return NULL;

  self = http_auth_credentials_prompter_new (username, password);
  self->target = HTTP_AUTH_TARGET_PROXY;
  self->proxy_host = g_steal_pointer (&host);
  self->proxy_port = port;

  return g_steal_pointer (&self);
}

/**
 * http_auth_credentials_prompter_add_origin:
 * @self: a #HttpAuthCredentialsPrompter made for origins
 * @uri: a URL of the origin, or the origin itself (`https://host:port`)
 *
 * Lets @self answer the prompts of @uri's origin: its scheme, host and
 * port (the scheme's default port when @uri gives none). Paths and
 * user information are ignored.
 *
 * Returns: %TRUE, or %FALSE when @uri names no http(s) origin
 */
gboolean
http_auth_credentials_prompter_add_origin (HttpAuthCredentialsPrompter *self,
                                           const char                  *uri)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIALS_PROMPTER (self), FALSE);
  g_return_val_if_fail (self->target == HTTP_AUTH_TARGET_SERVER, FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  key = origin_key (uri);
  if (key == NULL)
    return FALSE;

  g_hash_table_add (self->origins, g_steal_pointer (&key));
  return TRUE;
}

/**
 * http_auth_credentials_prompter_set_any_origin:
 * @self: a #HttpAuthCredentialsPrompter made for origins
 * @any_origin: whether to answer every origin
 *
 * Lets @self answer the prompts of every origin, redirect targets
 * included, as curl's `--location-trusted`. Only for credentials meant
 * for every site the requests may reach. A proxy is still never answered.
 */
void
http_auth_credentials_prompter_set_any_origin (HttpAuthCredentialsPrompter *self,
                                               gboolean                     any_origin)
{
  g_return_if_fail (HTTP_AUTH_IS_CREDENTIALS_PROMPTER (self));
  g_return_if_fail (self->target == HTTP_AUTH_TARGET_SERVER);

  self->any_origin = !!any_origin;
}

/**
 * http_auth_credentials_prompter_set_password_save:
 * @self: a #HttpAuthCredentialsPrompter
 * @save: what its answers ask for: %G_PASSWORD_SAVE_PERMANENTLY saves the
 *   login in the keyring once the server accepted it
 *
 * Sets whether its answers ask to remember the login.
 */
void
http_auth_credentials_prompter_set_password_save (HttpAuthCredentialsPrompter *self,
                                                  GPasswordSave                save)
{
  g_return_if_fail (HTTP_AUTH_IS_CREDENTIALS_PROMPTER (self));

  self->password_save = save;
}
