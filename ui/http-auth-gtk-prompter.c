/* http-auth-gtk-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-gtk-prompter"

#include "config.h"

#include "http-auth-gtk-prompter.h"

#include "http-auth-gtk-private.h"

/**
 * HttpAuthGtkPrompter:
 *
 * The [class@HttpAuth.Prompter] of GTK applications: it shows each prompt
 * as a [class@HttpAuthGtk.PromptBar] inside the tab that asked.
 *
 * The application registers each tab with
 * [method@HttpAuthGtk.Prompter.add_tab]: its [class@HttpAuth.PromptContext]
 * and the box, inside the tab, where bars appear (above the content). A
 * tab shows one bar at a time; a prompt for a second protection space
 * waits behind the first. Closing the tab
 * ([method@HttpAuth.PromptContext.close], or removing the tab) ends its
 * prompts unanswered. No dialog, nothing modal: the rest of the window
 * stays usable.
 */

typedef struct
{
  HttpAuthGtkPrompter   *prompter;   /* unowned: the prompter owns the tab */
  HttpAuthPromptContext *context;
  GtkBox                *area;       /* weak */
  HttpAuthGtkPromptBar  *bar;        /* shown in the area; a reference */
  GTask                 *current;
  GQueue                 queue;      /* of GTask */
  gulong                 closed_id;  /* the context's "closed" */
} Tab;

struct _HttpAuthGtkPrompter
{
  HttpAuthPrompter  parent_instance;
  /* HttpAuthPromptContext -> Tab; main thread. */
  GHashTable       *tabs;
};

G_DEFINE_FINAL_TYPE (HttpAuthGtkPrompter, http_auth_gtk_prompter, HTTP_AUTH_TYPE_PROMPTER)

static void tab_show_next (Tab *tab);

/* A question's task data: the prompt, and the caller's cancellable, which
 * ends the question (its bar too) when cancelled. */
typedef struct
{
  HttpAuthGtkPrompter *prompter;      /* unowned */
  GTask               *task;          /* unowned: owns this */
  HttpAuthPrompt      *prompt;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  guint                idle_id;
} Ask;

static void
ask_free (Ask *ask)
{
  /* The task is being finalized: not inside the cancellable's emission. */
  if (ask->cancelled_id != 0)
    g_cancellable_disconnect (ask->cancellable, ask->cancelled_id);
  g_clear_object (&ask->cancellable);
  g_clear_object (&ask->prompt);
  g_free (ask);
}

static void
tab_remove_bar (Tab *tab)
{
  if (tab->bar == NULL)
    return;

  g_signal_handlers_disconnect_by_data (tab->bar, tab);
  if (tab->area != NULL && gtk_widget_get_parent (GTK_WIDGET (tab->bar)) == GTK_WIDGET (tab->area))
    gtk_box_remove (tab->area, GTK_WIDGET (tab->bar));
  /* The area may have gone with its window first: the reference keeps the
   * bar valid until here. */
  g_clear_object (&tab->bar);
}

/* The answer goes out last: its callback may end the tab itself. */
static void
bar_submit_cb (HttpAuthGtkPromptBar *bar,
               HttpAuthCredential   *credential,
               GPasswordSave         save,
               Tab                  *tab)
{
  g_autoptr(GTask) task = g_steal_pointer (&tab->current);
  HttpAuthPrompt *prompt = ((Ask *) g_task_get_task_data (task))->prompt;

  http_auth_prompt_set_credential (prompt, credential);
  http_auth_prompt_set_password_save (prompt, save);
  tab_remove_bar (tab);
  tab_show_next (tab);
  g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
}

static void
bar_cancel_cb (HttpAuthGtkPromptBar *bar,
               Tab                  *tab)
{
  g_autoptr(GTask) task = g_steal_pointer (&tab->current);

  tab_remove_bar (tab);
  tab_show_next (tab);
  g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_CANCELLED);
}

static void
tab_show_next (Tab *tab)
{
  GTask *task;

  while (tab->current == NULL && (task = g_queue_pop_head (&tab->queue)) != NULL)
    {
      HttpAuthPrompt *prompt = ((Ask *) g_task_get_task_data (task))->prompt;

      if (g_task_return_error_if_cancelled (task) || tab->area == NULL)
        {
          if (!g_task_had_error (task))
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The tab is gone");
          g_object_unref (task);
          continue;
        }

      tab->current = task;
      tab->bar = HTTP_AUTH_GTK_PROMPT_BAR (g_object_ref_sink (http_auth_gtk_prompt_bar_new ()));
      http_auth_gtk_prompt_bar_set_prompt (tab->bar, prompt);
      g_signal_connect (tab->bar, "submit", G_CALLBACK (bar_submit_cb), tab);
      g_signal_connect (tab->bar, "cancel", G_CALLBACK (bar_cancel_cb), tab);
      gtk_box_prepend (tab->area, GTK_WIDGET (tab->bar));
      gtk_widget_grab_focus (GTK_WIDGET (tab->bar));
      gtk_widget_child_focus (GTK_WIDGET (tab->bar), GTK_DIR_TAB_FORWARD);
    }
}

/* Ends every prompt of the tab unanswered (closed tab, cancelled wait). */
static void
tab_end_all (Tab *tab)
{
  GTask *task;

  tab_remove_bar (tab);
  if (tab->current != NULL)
    {
      GTask *current = g_steal_pointer (&tab->current);
      g_task_return_new_error (current, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The prompt was closed");
      g_object_unref (current);
    }
  while ((task = g_queue_pop_head (&tab->queue)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The prompt was closed");
      g_object_unref (task);
    }
}

static void
tab_free (Tab *tab)
{
  tab_end_all (tab);
  if (tab->area != NULL)
    g_object_remove_weak_pointer (G_OBJECT (tab->area), (gpointer *) &tab->area);
  g_clear_signal_handler (&tab->closed_id, tab->context);
  g_object_set_data (G_OBJECT (tab->context), "http-auth-gtk-prompter", NULL);
  g_clear_object (&tab->context);
  g_free (tab);
}

static gboolean
end_tab_idle_cb (gpointer user_data)
{
  g_autoptr(HttpAuthPromptContext) context = user_data;
  HttpAuthGtkPrompter *self = g_object_get_data (G_OBJECT (context), "http-auth-gtk-prompter");
  Tab *tab = self ? g_hash_table_lookup (self->tabs, context) : NULL;

  if (tab != NULL)
    tab_end_all (tab);

  return G_SOURCE_REMOVE;
}

/* The caller cancelled a question: its bar goes (the next one shows), or
 * it leaves the queue. Runs from an idle, outside the cancellable's
 * emission. */
static gboolean
ask_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Ask *ask = g_task_get_task_data (task);
  HttpAuthPromptContext *context = http_auth_prompt_get_context (ask->prompt);
  Tab *tab = context && ask->prompter->tabs ? g_hash_table_lookup (ask->prompter->tabs, context) : NULL;

  ask->idle_id = 0;
  if (tab == NULL)
    return G_SOURCE_REMOVE;

  if (tab->current == task)
    {
      g_autoptr(GTask) current = g_steal_pointer (&tab->current);

      tab_remove_bar (tab);
      tab_show_next (tab);
      g_task_return_error_if_cancelled (current);
    }
  else if (g_queue_remove (&tab->queue, task))
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

static void
ask_cancelled_cb (GCancellable *cancellable,
                  Ask          *ask)
{
  if (ask->idle_id == 0)
    ask->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, ask_cancelled_idle_cb, g_object_ref (ask->task),
                                    g_object_unref);
}

static void
http_auth_gtk_prompter_ask_async (HttpAuthPrompter    *prompter,
                                  HttpAuthPrompt      *prompt,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  HttpAuthGtkPrompter *self = HTTP_AUTH_GTK_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  HttpAuthPromptContext *context = http_auth_prompt_get_context (prompt);
  Tab *tab = context ? g_hash_table_lookup (self->tabs, context) : NULL;

  Ask *ask = g_new0 (Ask, 1);

  g_task_set_source_tag (task, http_auth_gtk_prompter_ask_async);
  ask->prompter = self;
  ask->task = task;
  ask->prompt = g_object_ref (prompt);
  g_task_set_task_data (task, ask, (GDestroyNotify) ask_free);

  if (tab == NULL || tab->area == NULL || http_auth_prompt_context_is_closed (context))
    {
      /* No tab to show it in: unanswered, never a window-modal fallback. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No tab for this prompt");
      return;
    }

  if (cancellable != NULL)
    {
      ask->cancellable = g_object_ref (cancellable);
      ask->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (ask_cancelled_cb), ask, NULL);
    }
  g_queue_push_tail (&tab->queue, g_steal_pointer (&task));
  tab_show_next (tab);
}

static void
http_auth_gtk_prompter_dispose (GObject *object)
{
  HttpAuthGtkPrompter *self = HTTP_AUTH_GTK_PROMPTER (object);

  g_clear_pointer (&self->tabs, g_hash_table_unref);

  G_OBJECT_CLASS (http_auth_gtk_prompter_parent_class)->dispose (object);
}

static void
http_auth_gtk_prompter_class_init (HttpAuthGtkPrompterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HttpAuthPrompterClass *prompter_class = HTTP_AUTH_PROMPTER_CLASS (klass);

  object_class->dispose = http_auth_gtk_prompter_dispose;
  prompter_class->ask_async = http_auth_gtk_prompter_ask_async;
}

static void
http_auth_gtk_prompter_init (HttpAuthGtkPrompter *self)
{
  self->tabs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tab_free);
}

/**
 * http_auth_gtk_prompter_new:
 *
 * Creates a GTK prompter.
 *
 * Returns: (transfer full): a new prompter with no tab
 */
HttpAuthGtkPrompter *
http_auth_gtk_prompter_new (void)
{
  return g_object_new (HTTP_AUTH_GTK_TYPE_PROMPTER, NULL);
}

static void
context_closed_cb (HttpAuthPromptContext *context,
                   gpointer               user_data)
{
  /* Finish the prompts from an idle, outside the context's emission. */
  g_idle_add (end_tab_idle_cb, g_object_ref (context));
}

/**
 * http_auth_gtk_prompter_add_tab:
 * @self: a #HttpAuthGtkPrompter
 * @context: the tab's prompt context
 * @bar_area: the box in the tab where bars appear, above its content
 *
 * Registers a tab. Its prompts appear in @bar_area, one at a time.
 */
void
http_auth_gtk_prompter_add_tab (HttpAuthGtkPrompter   *self,
                                HttpAuthPromptContext *context,
                                GtkBox                *bar_area)
{
  Tab *tab;

  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (self));
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (context));
  g_return_if_fail (GTK_IS_BOX (bar_area));

  tab = g_new0 (Tab, 1);
  tab->prompter = self;
  tab->context = g_object_ref (context);
  tab->area = bar_area;
  g_object_add_weak_pointer (G_OBJECT (bar_area), (gpointer *) &tab->area);
  g_queue_init (&tab->queue);
  g_hash_table_replace (self->tabs, context, tab);

  g_object_set_data (G_OBJECT (context), "http-auth-gtk-prompter", self);
  tab->closed_id = g_signal_connect (context, "closed", G_CALLBACK (context_closed_cb), NULL);
  if (http_auth_prompt_context_is_closed (context))
    context_closed_cb (context, NULL);
}

/**
 * http_auth_gtk_prompter_remove_tab:
 * @self: a #HttpAuthGtkPrompter
 * @context: the tab's prompt context
 *
 * Forgets a tab: its prompts end unanswered.
 */
void
http_auth_gtk_prompter_remove_tab (HttpAuthGtkPrompter   *self,
                                   HttpAuthPromptContext *context)
{
  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (self));

  g_hash_table_remove (self->tabs, context);
}

/**
 * http_auth_gtk_prompter_get_bar:
 * @self: a #HttpAuthGtkPrompter
 * @context: a tab's prompt context
 *
 * Gets the bar a tab shows now.
 *
 * Returns: (transfer none) (nullable): the bar the tab shows now
 */
HttpAuthGtkPromptBar *
http_auth_gtk_prompter_get_bar (HttpAuthGtkPrompter   *self,
                                HttpAuthPromptContext *context)
{
  Tab *tab;

  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (self), NULL);

  tab = g_hash_table_lookup (self->tabs, context);
  return tab ? tab->bar : NULL;
}

/* How many prompts of @context's tab wait behind the one shown; for the
 * tests (http-auth-gtk-private.h). */
guint
_http_auth_gtk_prompter_get_n_queued (HttpAuthGtkPrompter   *self,
                                      HttpAuthPromptContext *context)
{
  Tab *tab;

  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPTER (self), 0);

  tab = g_hash_table_lookup (self->tabs, context);
  return tab ? g_queue_get_length (&tab->queue) : 0;
}
