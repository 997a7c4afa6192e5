/* http-auth-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-prompter"

#include "config.h"

#include "http-auth-prompter.h"

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

/* The default ask_async: a prompter that cannot ask says so at once. */
static void
http_auth_prompter_real_ask_async (HttpAuthPrompter    *self,
                                   HttpAuthPrompt      *prompt,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, http_auth_prompter_real_ask_async);
  g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
}

/* The default ask_finish: the task returned an #HttpAuthPromptResult with
 * g_task_return_int(), or an error. Cancellation and a closed tab are not
 * errors: the prompt went unanswered. */
static HttpAuthPromptResult
http_auth_prompter_real_ask_finish (HttpAuthPrompter  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize ret;

  g_return_val_if_fail (g_task_is_valid (result, self), HTTP_AUTH_PROMPT_RESULT_UNANSWERED);

  ret = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return HTTP_AUTH_PROMPT_RESULT_UNANSWERED;
    }
  if (ret < HTTP_AUTH_PROMPT_RESULT_ANSWERED || ret > HTTP_AUTH_PROMPT_RESULT_UNANSWERED)
    return HTTP_AUTH_PROMPT_RESULT_UNANSWERED;

  return ret;
}

static void
http_auth_prompter_class_init (HttpAuthPrompterClass *klass)
{
  klass->ask_async = http_auth_prompter_real_ask_async;
  klass->ask_finish = http_auth_prompter_real_ask_finish;
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
  HTTP_AUTH_PROMPTER_GET_CLASS (self)->ask_async (self, prompt, cancellable, callback, user_data);
}

/**
 * http_auth_prompter_ask_finish:
 * @self: a #HttpAuthPrompter
 * @result: the result given to the callback
 * @error: return location for a #GError (a failure of the prompter itself;
 *   a cancelled or dismissed prompt is %HTTP_AUTH_PROMPT_RESULT_UNANSWERED)
 *
 * Completes [method@HttpAuth.Prompter.ask_async]. On
 * %HTTP_AUTH_PROMPT_RESULT_ANSWERED the answer is on the prompt:
 * [method@HttpAuth.Prompt.get_credential] and
 * [method@HttpAuth.Prompt.get_password_save].
 *
 * Returns: how the prompt ended
 */
HttpAuthPromptResult
http_auth_prompter_ask_finish (HttpAuthPrompter  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPTER (self), HTTP_AUTH_PROMPT_RESULT_UNANSWERED);

  return HTTP_AUTH_PROMPTER_GET_CLASS (self)->ask_finish (self, result, error);
}
