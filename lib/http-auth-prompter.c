/* http-auth-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-prompter"

#include "config.h"

#include "http-auth-prompter.h"
#include "http-auth-prompter-private.h"

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
};

G_DEFINE_FINAL_TYPE (HttpAuthPrompt, http_auth_prompt, G_TYPE_OBJECT)

/**
 * HttpAuthPrompter:
 *
 * The abstract delegate that asks the user for credentials.
 *
 * The engine calls [method@HttpAuth.Prompter.ask_async] at most once at a
 * time per tab and protection space, however many requests wait. A
 * subclass shows the question (an in-tab bar, a terminal prompt, a
 * scripted answer) and completes without ever blocking the main loop.
 */

G_DEFINE_ABSTRACT_TYPE (HttpAuthPrompter, http_auth_prompter, G_TYPE_OBJECT)

static void
http_auth_prompt_finalize (GObject *object)
{
  HttpAuthPrompt *self = HTTP_AUTH_PROMPT (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->realm, g_free);
  g_clear_pointer (&self->auth_scheme, g_free);
  g_clear_pointer (&self->url, g_free);

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
    who = http_auth_protection_space_get_origin (space);

  return http_auth_prompt_new (context, target, who, http_auth_protection_space_get_realm (space), auth_scheme,
                               url, retrying,
                               g_ascii_strcasecmp (auth_scheme, "basic") == 0 &&
                               g_str_equal (http_auth_protection_space_get_scheme (space), "http"));
}

/**
 * http_auth_prompt_get_context:
 * @self: a #HttpAuthPrompt
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
 * Returns: %TRUE when the password would be sent readable (Basic over
 *   plain HTTP)
 */
gboolean
http_auth_prompt_get_insecure (HttpAuthPrompt *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT (self), FALSE);
  return self->insecure;
}

/* What a prompter's task returns through http_auth_prompter_return_answer(). */
typedef struct
{
  HttpAuthPromptResult  result;
  HttpAuthCredential   *credential;
  gboolean              remember;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->credential, http_auth_credential_unref);
  g_free (answer);
}

/* The default ask_finish: reads what http_auth_prompter_return_answer()
 * returned. A prompt withdrawn (cancelled wait, closed tab) is
 * "unanswered", not an error. */
static HttpAuthPromptResult
http_auth_prompter_real_ask_finish (HttpAuthPrompter    *self,
                                    GAsyncResult        *result,
                                    HttpAuthCredential **credential,
                                    gboolean            *remember,
                                    GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  Answer *answer;
  HttpAuthPromptResult ret;

  g_return_val_if_fail (g_task_is_valid (result, self), HTTP_AUTH_PROMPT_RESULT_UNANSWERED);

  answer = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (answer == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return HTTP_AUTH_PROMPT_RESULT_UNANSWERED;
    }

  ret = answer->result;
  if (ret == HTTP_AUTH_PROMPT_RESULT_ANSWERED)
    {
      *credential = g_steal_pointer (&answer->credential);
      *remember = answer->remember;
    }
  answer_free (answer);

  return ret;
}

static void
http_auth_prompter_class_init (HttpAuthPrompterClass *klass)
{
  klass->ask_finish = http_auth_prompter_real_ask_finish;
}

/**
 * http_auth_prompter_return_answer:
 * @task: the #GTask of an [vfunc@HttpAuth.Prompter.ask_async], whose source
 *   object is the prompter
 * @result: how the prompt ended
 * @credential: (nullable): the credential, for
 *   %HTTP_AUTH_PROMPT_RESULT_ANSWERED
 * @remember: whether the user asked to remember it
 *
 * Completes @task for the default [vfunc@HttpAuth.Prompter.ask_finish], so
 * that a prompter subclass need not write its own. Errors are returned on
 * @task as usual; %G_IO_ERROR_CANCELLED and %G_IO_ERROR_CLOSED read as
 * unanswered.
 */
void
http_auth_prompter_return_answer (GTask                *task,
                                  HttpAuthPromptResult  result,
                                  HttpAuthCredential   *credential,
                                  gboolean              remember)
{
  Answer *answer;

  g_return_if_fail (G_IS_TASK (task));

  answer = g_new0 (Answer, 1);
  answer->result = result;
  answer->credential = credential ? http_auth_credential_ref (credential) : NULL;
  answer->remember = remember;
  g_task_return_pointer (task, answer, (GDestroyNotify) answer_free);
}

static void
http_auth_prompter_init (HttpAuthPrompter *self)
{
}

/**
 * http_auth_prompter_ask_async:
 * @self: a #HttpAuthPrompter
 * @prompt: what to ask
 * @cancellable: (nullable): cancelled when no request waits any more
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Asks the user for credentials.
 */
void
http_auth_prompter_ask_async (HttpAuthPrompter    *self,
                              HttpAuthPrompt      *prompt,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPTER (self));
  g_return_if_fail (HTTP_AUTH_IS_PROMPT (prompt));
  g_return_if_fail (HTTP_AUTH_PROMPTER_GET_CLASS (self)->ask_async != NULL);

  HTTP_AUTH_PROMPTER_GET_CLASS (self)->ask_async (self, prompt, cancellable, callback, user_data);
}

/**
 * http_auth_prompter_ask_finish:
 * @self: a #HttpAuthPrompter
 * @result: the #GAsyncResult
 * @credential: (out) (transfer full) (optional) (nullable): the answer
 * @remember: (out) (optional): whether the user asked to remember it
 * @error: return location for a #GError
 *
 * Completes [method@HttpAuth.Prompter.ask_async]. A cancelled prompt is a
 * result, not an error; an error means the prompter failed and counts as
 * unanswered.
 *
 * Returns: how the prompt ended
 */
HttpAuthPromptResult
http_auth_prompter_ask_finish (HttpAuthPrompter    *self,
                               GAsyncResult        *result,
                               HttpAuthCredential **credential,
                               gboolean            *remember,
                               GError             **error)
{
  HttpAuthCredential *dummy_credential = NULL;
  gboolean dummy_remember = FALSE;
  HttpAuthPromptResult ret;

  g_return_val_if_fail (HTTP_AUTH_IS_PROMPTER (self), HTTP_AUTH_PROMPT_RESULT_UNANSWERED);

  ret = HTTP_AUTH_PROMPTER_GET_CLASS (self)->ask_finish (self, result,
                                                         credential ? credential : &dummy_credential,
                                                         remember ? remember : &dummy_remember,
                                                         error);
  g_clear_pointer (&dummy_credential, http_auth_credential_unref);

  return ret;
}
