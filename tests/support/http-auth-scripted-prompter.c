/* http-auth-scripted-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-scripted-prompter.h"

#include <string.h>

/* HttpAuthScriptedPrompter: test instrumentation, not part of the
 * installed library.
 *
 * A headless prompter that answers from a script and records every prompt
 * it is asked, for the tests.
 *
 * Each prompt takes the next scripted step (credentials, or a cancel);
 * with the script used up, a prompt is cancelled. With
 * http_auth_scripted_prompter_set_hold(), prompts stay open until
 * http_auth_scripted_prompter_release(), as a user who has not
 * answered yet.
 */

typedef struct
{
  HttpAuthPromptResult  result;
  HttpAuthCredential   *credential;
  gboolean              remember;
} Step;

struct _HttpAuthScriptedPrompter
{
  HttpAuthPrompter parent_instance;
  GQueue           script;    /* of Step */
  GPtrArray       *prompts;   /* every prompt asked, in order */
  GQueue           pending;   /* of GTask, while held */
  gboolean         hold;
};

G_DEFINE_FINAL_TYPE (HttpAuthScriptedPrompter, http_auth_scripted_prompter, HTTP_AUTH_TYPE_PROMPTER)

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->credential, http_auth_credential_unref);
  g_free (step);
}

static Step *
step_new (HttpAuthPromptResult  result,
          HttpAuthCredential   *credential,
          gboolean              remember)
{
  Step *step = g_new0 (Step, 1);

  step->result = result;
  step->credential = credential ? http_auth_credential_ref (credential) : NULL;
  step->remember = remember;

  return step;
}

static void
push_step (HttpAuthScriptedPrompter *self,
           HttpAuthPromptResult      result,
           HttpAuthCredential       *credential,
           gboolean                  remember)
{
  g_queue_push_tail (&self->script, step_new (result, credential, remember));
}


static void
answer_from_script (HttpAuthScriptedPrompter *self,
                    GTask                    *task)
{
  Step *step = g_queue_pop_head (&self->script);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&step, step_free);
      return;
    }

  if (step == NULL)
    g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_CANCELLED);
  else
    {
      HttpAuthPrompt *prompt = g_object_get_data (G_OBJECT (task), "http-auth-prompt");

      if (step->result == HTTP_AUTH_PROMPT_RESULT_ANSWERED)
        {
          http_auth_prompt_set_credential (prompt, step->credential);
          http_auth_prompt_set_password_save (prompt, step->remember ? G_PASSWORD_SAVE_PERMANENTLY
                                                                     : G_PASSWORD_SAVE_NEVER);
        }
      g_task_return_int (task, step->result);
    }
  g_clear_pointer (&step, step_free);
}

static void
disconnect_held (GTask *task)
{
  gulong id = GPOINTER_TO_SIZE (g_task_get_task_data (task));

  if (id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), id);
  g_task_set_task_data (task, NULL, NULL);
}

static void
pending_free (gpointer data)
{
  disconnect_held (data);
  g_object_unref (data);
}

static void
held_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  HttpAuthScriptedPrompter *self = g_task_get_source_object (task);

  /* The tab closed or nobody waits: the prompt goes away unanswered. */
  if (g_queue_remove (&self->pending, task))
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
}

static gboolean
answer_idle_cb (gpointer data)
{
  GTask *task = data;

  answer_from_script (g_task_get_source_object (task), task);
  return G_SOURCE_REMOVE;
}

static void
http_auth_scripted_prompter_ask_async (HttpAuthPrompter    *prompter,
                                       HttpAuthPrompt      *prompt,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  HttpAuthScriptedPrompter *self = HTTP_AUTH_SCRIPTED_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, http_auth_scripted_prompter_ask_async);
  g_object_set_data_full (G_OBJECT (task), "http-auth-prompt", g_object_ref (prompt), g_object_unref);
  g_ptr_array_add (self->prompts, g_object_ref (prompt));

  if (self->hold)
    {
      GTask *held = g_steal_pointer (&task);

      g_queue_push_tail (&self->pending, held);
      if (cancellable != NULL)
        {
          gulong id = g_cancellable_connect (cancellable, G_CALLBACK (held_cancelled_cb), held, NULL);
          g_task_set_task_data (held, GSIZE_TO_POINTER (id), NULL);
        }
      return;
    }

  /* Answer from the main loop, never from inside the call. */
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_idle_cb, g_steal_pointer (&task), g_object_unref);
}

static void
http_auth_scripted_prompter_finalize (GObject *object)
{
  HttpAuthScriptedPrompter *self = HTTP_AUTH_SCRIPTED_PROMPTER (object);

  g_queue_clear_full (&self->script, step_free);
  g_queue_clear_full (&self->pending, pending_free);
  g_clear_pointer (&self->prompts, g_ptr_array_unref);

  G_OBJECT_CLASS (http_auth_scripted_prompter_parent_class)->finalize (object);
}

static void
http_auth_scripted_prompter_class_init (HttpAuthScriptedPrompterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HttpAuthPrompterClass *prompter_class = HTTP_AUTH_PROMPTER_CLASS (klass);

  object_class->finalize = http_auth_scripted_prompter_finalize;
  prompter_class->ask_async = http_auth_scripted_prompter_ask_async;
}

static void
http_auth_scripted_prompter_init (HttpAuthScriptedPrompter *self)
{
  g_queue_init (&self->script);
  g_queue_init (&self->pending);
  self->prompts = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * http_auth_scripted_prompter_new:
 *
 * Returns: (transfer full): a prompter with an empty script (it cancels
 *   every prompt)
 */
HttpAuthScriptedPrompter *
http_auth_scripted_prompter_new (void)
{
  return g_object_new (HTTP_AUTH_TYPE_SCRIPTED_PROMPTER, NULL);
}

/**
 * http_auth_scripted_prompter_add_answer:
 * @self: a #HttpAuthScriptedPrompter
 * @username: the user name to answer
 * @password: the password to answer
 * @remember: whether the answer ticks "remember"
 *
 * Appends an answer to the script.
 */
void
http_auth_scripted_prompter_add_answer (HttpAuthScriptedPrompter *self,
                                        const char               *username,
                                        const char               *password,
                                        gboolean                  remember)
{
  g_autoptr(HttpAuthCredential) credential = NULL;

  g_return_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self));
  g_return_if_fail (username != NULL && password != NULL);

  credential = http_auth_credential_new (username, password);
  push_step (self, HTTP_AUTH_PROMPT_RESULT_ANSWERED, credential, remember);
}

/**
 * http_auth_scripted_prompter_add_cancel:
 * @self: a #HttpAuthScriptedPrompter
 *
 * Appends a cancel (the user dismissed the prompt) to the script.
 */
void
http_auth_scripted_prompter_add_cancel (HttpAuthScriptedPrompter *self)
{
  g_return_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self));

  push_step (self, HTTP_AUTH_PROMPT_RESULT_CANCELLED, NULL, FALSE);
}

/**
 * http_auth_scripted_prompter_add_dismiss:
 * @self: a #HttpAuthScriptedPrompter
 *
 * Appends a prompt that goes away unanswered (neither answered nor
 * cancelled, as when it is closed with its tab) to the script.
 */
void
http_auth_scripted_prompter_add_dismiss (HttpAuthScriptedPrompter *self)
{
  g_return_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self));

  push_step (self, HTTP_AUTH_PROMPT_RESULT_UNANSWERED, NULL, FALSE);
}

/**
 * http_auth_scripted_prompter_set_hold:
 * @self: a #HttpAuthScriptedPrompter
 * @hold: whether prompts wait for [method@HttpAuth.ScriptedPrompter.release]
 *
 * Holds prompts open, as a user who has not answered yet.
 */
void
http_auth_scripted_prompter_set_hold (HttpAuthScriptedPrompter *self,
                                      gboolean                  hold)
{
  g_return_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self));

  self->hold = !!hold;
}

/**
 * http_auth_scripted_prompter_get_n_pending:
 * @self: a #HttpAuthScriptedPrompter
 *
 * Returns: the number of prompts held open
 */
guint
http_auth_scripted_prompter_get_n_pending (HttpAuthScriptedPrompter *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self), 0);

  return g_queue_get_length (&self->pending);
}

/**
 * http_auth_scripted_prompter_release:
 * @self: a #HttpAuthScriptedPrompter
 *
 * Answers the oldest held prompt with the next step of the script.
 */
void
http_auth_scripted_prompter_release (HttpAuthScriptedPrompter *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self));

  task = g_queue_pop_head (&self->pending);
  if (task == NULL)
    return;

  disconnect_held (task);
  answer_from_script (self, task);
}

/**
 * http_auth_scripted_prompter_get_prompts:
 * @self: a #HttpAuthScriptedPrompter
 *
 * Returns: (transfer none) (element-type HttpAuthPrompt): every prompt
 *   asked so far, in order
 */
GPtrArray *
http_auth_scripted_prompter_get_prompts (HttpAuthScriptedPrompter *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCRIPTED_PROMPTER (self), NULL);

  return self->prompts;
}
