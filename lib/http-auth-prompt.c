/* http-auth-prompt.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-prompt"

#include "config.h"

#include "http-auth-prompt.h"
#include "http-auth-prompt-private.h"

/**
 * HttpAuthPrompt:
 *
 * What a prompt asks: which origin (or proxy) and realm want credentials,
 * for which tab, and whether this is a retry after wrong credentials.
 *
 * The realm is text chosen by the server: show it quoted, as the site's
 * words, never as its identity; the origin is what identifies the site.
 * [method@HttpAuth.Prompt.get_insecure] is %TRUE when the credentials
 * would cross the network readable (Basic over `http:`).
 */


struct _HttpAuthPrompt
{
  GObject                parent_instance;
  HttpAuthPromptContext *context;
  HttpAuthTarget         target;
  char                  *origin;
  char                  *realm;
  char                  *auth_scheme;
  char                  *url;
  gboolean               retrying;
  gboolean               insecure;

  /* The answer, set by the prompter (as GTlsPassword carries its value). */
  HttpAuthCredential    *credential;
  GPasswordSave          password_save;
};

G_DEFINE_FINAL_TYPE (HttpAuthPrompt, http_auth_prompt, G_TYPE_OBJECT)

static void
http_auth_prompt_finalize (GObject *object)
{
  HttpAuthPrompt *self = HTTP_AUTH_PROMPT (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->realm, g_free);
  g_clear_pointer (&self->auth_scheme, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->credential, http_auth_credential_unref);

  G_OBJECT_CLASS (http_auth_prompt_parent_class)->finalize (object);
}

static void
http_auth_prompt_class_init (HttpAuthPromptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = http_auth_prompt_finalize;
}

static void
http_auth_prompt_init (HttpAuthPrompt *self)
{
}

/**
 * http_auth_prompt_new:
 * @context: (nullable): the tab asking, or %NULL
 * @target: whether an origin server or a proxy asks
 * @origin: the origin (or, for a proxy, "host:port") that asks
 * @realm: (nullable): the realm the server gave, untrusted text
 * @auth_scheme: the authentication scheme's name, e.g. "Basic"
 * @url: (nullable): the URL being fetched, without userinfo
 * @retrying: %TRUE when the previous answer was refused
 * @insecure: %TRUE when the password would cross the network readable
 *   (Basic over http://)
 *
 * Creates the description of one question to the user. The engine makes
 * these itself; adapters for other network stacks (the WebKitGTK adapter)
 * make their own so that every prompter shows them alike.
 *
 * Returns: (transfer full): a new #HttpAuthPrompt
 */
HttpAuthPrompt *
http_auth_prompt_new (HttpAuthPromptContext *context,
                      HttpAuthTarget         target,
                      const char            *origin,
                      const char            *realm,
                      const char            *auth_scheme,
                      const char            *url,
                      gboolean               retrying,
                      gboolean               insecure)
{
  HttpAuthPrompt *self = g_object_new (HTTP_AUTH_TYPE_PROMPT, NULL);

  self->context = context ? g_object_ref (context) : NULL;
  self->target = target;
  self->origin = g_strdup (origin);
  self->realm = g_strdup (realm);
  self->auth_scheme = g_strdup (auth_scheme);
  self->url = g_strdup (url);
  self->retrying = retrying;
  self->insecure = insecure;

  return self;
}

HttpAuthPrompt *
_http_auth_prompt_new_for_space (HttpAuthPromptContext   *context,
                                 HttpAuthProtectionSpace *space,
                                 const char              *url,
                                 gboolean                 retrying)
{
  HttpAuthTarget target = http_auth_protection_space_get_target (space);
  const char *auth_scheme = http_auth_protection_space_get_auth_scheme (space);
  g_autofree char *who = NULL;

  if (target == HTTP_AUTH_TARGET_PROXY)
    who = g_strdup_printf ("%s:%u", http_auth_protection_space_get_host (space),
                           http_auth_protection_space_get_port (space));
  else
    who = http_auth_protection_space_dup_origin (space);

  return http_auth_prompt_new (context, target, who, http_auth_protection_space_get_realm (space), auth_scheme,
                               url, retrying,
                               g_ascii_strcasecmp (auth_scheme, "basic") == 0 &&
                               g_str_equal (http_auth_protection_space_get_scheme (space), "http"));
}

/**
 * http_auth_prompt_get_context:
 * @self: a #HttpAuthPrompt
 *
 * Gets the prompt context of the request that asked.
 *
 * Returns: (transfer none): the tab that asked
 */
HttpAuthPromptContext *
http_auth_prompt_get_context (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), NULL);
  return self->context;
}

/**
 * http_auth_prompt_get_target:
 * @self: a #HttpAuthPrompt
 *
 * Tells whether a server or a proxy asks.
 *
 * Returns: server or proxy
 */
HttpAuthTarget
http_auth_prompt_get_target (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), HTTP_AUTH_TARGET_SERVER);
  return self->target;
}

/**
 * http_auth_prompt_get_origin:
 * @self: a #HttpAuthPrompt
 *
 * Gets the origin or proxy that asks for credentials.
 *
 * Returns: `scheme://host:port` of the origin, or `host:port` of the proxy
 */
const char *
http_auth_prompt_get_origin (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), NULL);
  return self->origin;
}

/**
 * http_auth_prompt_get_realm:
 * @self: a #HttpAuthPrompt
 *
 * Gets the realm the server named.
 *
 * Returns: (nullable): the realm, untrusted text
 */
const char *
http_auth_prompt_get_realm (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), NULL);
  return self->realm;
}

/**
 * http_auth_prompt_get_auth_scheme:
 * @self: a #HttpAuthPrompt
 *
 * Gets the auth scheme the credentials are asked for.
 *
 * Returns: the auth scheme (`basic`, `digest`, …)
 */
const char *
http_auth_prompt_get_auth_scheme (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), NULL);
  return self->auth_scheme;
}

/**
 * http_auth_prompt_get_url:
 * @self: a #HttpAuthPrompt
 *
 * Gets the URL of the request that asked first.
 *
 * Returns: the URL of the request that asked first
 */
const char *
http_auth_prompt_get_url (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), NULL);
  return self->url;
}

/**
 * http_auth_prompt_get_retrying:
 * @self: a #HttpAuthPrompt
 *
 * Tells whether this prompt follows refused credentials.
 *
 * Returns: %TRUE when the previous credentials were refused ("wrong user
 *   name or password")
 */
gboolean
http_auth_prompt_get_retrying (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), FALSE);
  return self->retrying;
}

/**
 * http_auth_prompt_get_insecure:
 * @self: a #HttpAuthPrompt
 *
 * Tells whether the password would travel unprotected.
 *
 * Returns: %TRUE when the password would be sent readable (Basic over
 *   plain HTTP)
 */
gboolean
http_auth_prompt_get_insecure (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), FALSE);
  return self->insecure;
}

/**
 * http_auth_prompt_set_credential:
 * @self: a #HttpAuthPrompt
 * @credential: (nullable): the user's answer
 *
 * Called by a prompter before it completes with
 * %HTTP_AUTH_PROMPT_RESULT_ANSWERED: the answer travels on the prompt, as a
 * #GTlsPassword's value does with #GTlsInteraction.
 */
void
http_auth_prompt_set_credential (HttpAuthPrompt     *self,
                                 HttpAuthCredential *credential)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT (self));

  if (credential == self->credential)
    return;
  g_clear_pointer (&self->credential, http_auth_credential_unref);
  self->credential = credential ? http_auth_credential_ref (credential) : NULL;
}

/**
 * http_auth_prompt_get_credential:
 * @self: a #HttpAuthPrompt
 *
 * Gets the credential the prompter answered with.
 *
 * Returns: (transfer none) (nullable): the answer, once the prompter set it
 */
HttpAuthCredential *
http_auth_prompt_get_credential (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), NULL);
  return self->credential;
}

/**
 * http_auth_prompt_set_password_save:
 * @self: a #HttpAuthPrompt
 * @save: whether the user asked to remember the login
 *
 * %G_PASSWORD_SAVE_PERMANENTLY saves it in the keyring once the server
 * accepted it; %G_PASSWORD_SAVE_FOR_SESSION and %G_PASSWORD_SAVE_NEVER keep
 * it in memory only.
 */
void
http_auth_prompt_set_password_save (HttpAuthPrompt *self,
                                    GPasswordSave   save)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT (self));
  self->password_save = save;
}

/**
 * http_auth_prompt_get_password_save:
 * @self: a #HttpAuthPrompt
 *
 * Gets whether the user asked to remember the login.
 *
 * Returns: whether the user asked to remember the login
 */
GPasswordSave
http_auth_prompt_get_password_save (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), G_PASSWORD_SAVE_NEVER);
  return self->password_save;
}

