/* http-auth-prompt-broker.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-prompt-broker"

#include "config.h"

#include "http-auth-prompt-context-private.h"
#include "http-auth-prompt-broker.h"
#include "http-auth-prompt-broker-private.h"
#include "http-auth-prompt-private.h"

#include <libsoup/soup.h>

/**
 * HttpAuthPromptBroker:
 *
 * Turns "this tab needs credentials for this protection space" into at
 * most one question to the user, for every network stack HttpAuth serves:
 * the engine ([class@HttpAuth.Session]) and the WebKitGTK adapter both ask
 * through a broker.
 *
 * For a (tab, protection space), [method@HttpAuth.PromptBroker.ask_async]:
 *
 * 1. joins the question already open for it, if any: every caller gets the
 *    same answer;
 * 2. answers "unanswered" at once when the tab suppresses the site
 *    (suppress-on-cancel, the abuse limit: [class@HttpAuth.PromptContext]);
 * 3. looks for a saved login in the [class@HttpAuth.Keyring], once per
 *    protection space, never in an ephemeral tab, without unlocking the
 *    keyring; with [property@HttpAuth.PromptBroker:unlock-to-prompt] a
 *    locked keyring may ask to be unlocked right before the user would be
 *    asked anyway;
 * 4. asks the [class@HttpAuth.Prompter] and records how the prompt ended in
 *    the tab.
 *
 * When the server accepted an answer, [method@HttpAuth.PromptBroker.report_accepted]
 * records the success in the tab and saves the login if the user asked to.
 */

typedef struct _HttpAuthPromptBroker HttpAuthPromptBroker;

/* One question open for a (tab, protection space). */
typedef struct
{
  HttpAuthPromptBroker    *self;        /* a reference */
  char                    *key;
  char                    *site;
  HttpAuthPromptContext   *context;
  HttpAuthProtectionSpace *space;
  char                    *url;
  gboolean                 retrying;
  gboolean                 unlocking;   /* the lookup running may unlock */
  HttpAuthPrompt          *prompt;      /* while the prompter asks; its answer */
  GList                   *tasks;       /* GTask, one per caller */
  GCancellable            *cancellable; /* cancelled when no caller is left */
  gulong                   closed_id;   /* on the context's cancellable */
} Question;

/* Per caller: its task data. */
typedef struct
{
  Question *question;                   /* NULL once answered or gone */
  gulong    cancelled_id;
  guint     idle_id;
} Caller;

typedef struct
{
  HttpAuthPromptResult  result;
  HttpAuthCredential   *credential;
  GPasswordSave         save;
  gboolean              saved;
} Answer;

struct _HttpAuthPromptBroker
{
  GObject           parent_instance;
  HttpAuthPrompter *prompter;
  HttpAuthKeyring  *keyring;
  gboolean          unlock_to_prompt;
  /* "context|space" -> Question; main thread. */
  GHashTable       *questions;
  /* Protection spaces looked up in the keyring already. */
  GHashTable       *looked_up;
};

G_DEFINE_FINAL_TYPE (HttpAuthPromptBroker, http_auth_prompt_broker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROMPTER,
  PROP_KEYRING,
  PROP_UNLOCK_TO_PROMPT,
  N_PROPS
};

enum {
  PROMPT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Answers ---- */

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->credential, http_auth_credential_unref);
  g_free (answer);
}

static void
caller_free (Caller *caller)
{
  g_free (caller);
}

static void
question_free (Question *q)
{
  GCancellable *closing = _http_auth_prompt_context_get_cancellable (q->context);

  /* Not from inside the context's own "cancelled" emission (that would
   * wait forever): once cancelled, it never calls the handler again. */
  if (q->closed_id != 0 && !g_cancellable_is_cancelled (closing))
    g_cancellable_disconnect (closing, q->closed_id);
  g_free (q->key);
  g_free (q->site);
  g_free (q->url);
  g_clear_object (&q->prompt);
  g_object_unref (q->context);
  http_auth_protection_space_unref (q->space);
  g_clear_object (&q->cancellable);
  g_object_unref (q->self);
  g_free (q);
}

/* Ends @task with @answer's contents (shared by every caller). */
static void
task_return_answer (GTask                *task,
                    HttpAuthPromptResult  result,
                    HttpAuthCredential   *credential,
                    GPasswordSave         save,
                    gboolean              saved)
{
  Caller *caller = g_task_get_task_data (task);
  Answer *answer = g_new0 (Answer, 1);

  if (caller->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), caller->cancelled_id);
  caller->cancelled_id = 0;
  g_clear_handle_id (&caller->idle_id, g_source_remove);
  caller->question = NULL;

  answer->result = result;
  answer->credential = credential ? http_auth_credential_ref (credential) : NULL;
  answer->save = save;
  answer->saved = saved;
  g_task_return_pointer (task, answer, (GDestroyNotify) answer_free);
}

/* The question is over: every caller still there gets the answer. */
static void
question_answer (Question             *q,
                 HttpAuthPromptResult  result,
                 HttpAuthCredential   *credential,
                 GPasswordSave         save,
                 gboolean              saved)
{
  GList *tasks = g_steal_pointer (&q->tasks);

  if (g_hash_table_lookup (q->self->questions, q->key) == q)
    g_hash_table_steal (q->self->questions, q->key);

  for (GList *l = tasks; l != NULL; l = l->next)
    {
      GTask *task = l->data;

      task_return_answer (task, result, credential, save, saved);
      g_object_unref (task);
    }
  g_list_free (tasks);
  question_free (q);
}

/* ---- Callers that leave ---- */

static gboolean
caller_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Caller *caller = g_task_get_task_data (task);
  Question *q = caller->question;

  caller->idle_id = 0;
  if (q == NULL)
    return G_SOURCE_REMOVE;

  /* This caller leaves at once; the question stays for the others. */
  q->tasks = g_list_remove (q->tasks, task);
  g_cancellable_disconnect (g_task_get_cancellable (task), caller->cancelled_id);
  caller->cancelled_id = 0;
  caller->question = NULL;
  g_task_return_error_if_cancelled (task);

  /* Nobody left: the question ends, its bar goes. */
  if (q->tasks == NULL)
    {
      if (g_hash_table_lookup (q->self->questions, q->key) == q)
        g_hash_table_steal (q->self->questions, q->key);
      g_cancellable_cancel (q->cancellable);
    }

  g_object_unref (task);   /* the question's reference */
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  Caller *caller = g_task_get_task_data (task);

  /* Outside the cancellable's emission, where it can be disconnected. */
  if (caller->idle_id == 0)
    caller->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, caller_cancelled_idle_cb,
                                       g_object_ref (task), g_object_unref);
}

static void
context_closed_cb (GCancellable *cancellable,
                   Question     *q)
{
  /* The tab closed: the question ends (the prompter drops its prompt). */
  g_cancellable_cancel (q->cancellable);
}

/* ---- Asking ---- */

/* Cancels every question of (@context, @site) but @except: each ends
 * through its own callback (the prompter or the keyring answers it as
 * dismissed), so none is freed under a running callback. */
static void
end_site_questions (HttpAuthPromptBroker  *self,
                    HttpAuthPromptContext *context,
                    const char            *site,
                    Question              *except)
{
  g_autoptr(GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  Question *q;

  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &q))
    if (q != except && q->context == context && g_str_equal (q->site, site))
      g_ptr_array_add (cancellables, g_object_ref (q->cancellable));

  for (guint i = 0; i < cancellables->len; i++)
    g_cancellable_cancel (g_ptr_array_index (cancellables, i));
}

static void
prompt_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Question *q = user_data;
  g_autoptr(HttpAuthPrompt) prompt = g_steal_pointer (&q->prompt);
  g_autoptr(GError) error = NULL;
  HttpAuthCredential *credential;
  HttpAuthPromptResult res;

  res = http_auth_prompter_ask_finish (HTTP_AUTH_PROMPTER (object), result, &error);
  credential = http_auth_prompt_get_credential (prompt);
  if (res == HTTP_AUTH_PROMPT_RESULT_ANSWERED && credential == NULL)
    {
      g_warning ("The prompter answered without setting a credential on the prompt");
      res = HTTP_AUTH_PROMPT_RESULT_UNANSWERED;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("No tab to ask in: %s", error->message);
  else if (error != NULL)
    g_warning ("The prompter failed: %s", error->message);

  /* A cancel suppresses the site in the tab; prompts left unanswered
   * (dismissed, or every caller gave up) count toward the abuse limit. */
  if (g_cancellable_is_cancelled (q->cancellable))
    res = HTTP_AUTH_PROMPT_RESULT_UNANSWERED;
  _http_auth_prompt_context_note_result (q->context, q->site, res);

  /* A cancel (or the abuse limit just reached) ends every other question
   * open for the site in this tab too: the ones already queued behind
   * this prompt are never shown. */
  if (res != HTTP_AUTH_PROMPT_RESULT_ANSWERED && http_auth_prompt_context_is_suppressed (q->context, q->site))
    end_site_questions (q->self, q->context, q->site, q);

  question_answer (q, res, res == HTTP_AUTH_PROMPT_RESULT_ANSWERED ? credential : NULL,
                   http_auth_prompt_get_password_save (prompt), FALSE);
}

static void
question_prompt (Question *q)
{
  HttpAuthPromptBroker *self = q->self;
  g_autoptr(HttpAuthPrompt) prompt = NULL;

  /* Suppression is checked again right before the prompter: the site may
   * have been suppressed while the keyring was looked up. */
  if (self->prompter == NULL || http_auth_prompt_context_is_closed (q->context) ||
      http_auth_prompt_context_is_suppressed (q->context, q->site))
    {
      /* Nobody to ask: the saved logins were all there was. */
      question_answer (q, HTTP_AUTH_PROMPT_RESULT_UNANSWERED, NULL, G_PASSWORD_SAVE_NEVER, FALSE);
      return;
    }

  prompt = _http_auth_prompt_new_for_space (q->context, q->space, q->url, q->retrying);
  g_signal_emit (self, signals[PROMPT], 0, prompt);
  q->prompt = g_object_ref (prompt);
  http_auth_prompter_ask_async (self->prompter, prompt, q->cancellable, prompt_cb, q);
}

static gboolean
is_basic_over_http (HttpAuthProtectionSpace *space)
{
  return g_ascii_strcasecmp (http_auth_protection_space_get_auth_scheme (space), "basic") == 0 &&
         g_strcmp0 (http_auth_protection_space_get_scheme (space), "http") == 0;
}

static void question_look_up (Question        *q,
                              HttpAuthKeyring *keyring,
                              gboolean         unlock);

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Question *q = user_data;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  gboolean locked = FALSE;
  gboolean unlocking = q->unlocking;

  credential = http_auth_keyring_lookup_finish (HTTP_AUTH_KEYRING (object), result, &locked, &error);
  if (g_cancellable_is_cancelled (q->cancellable))
    {
      /* A lookup cut short does not count: the next question looks again. */
      g_hash_table_remove (q->self->looked_up, q->space);
      question_answer (q, HTTP_AUTH_PROMPT_RESULT_UNANSWERED, NULL, G_PASSWORD_SAVE_NEVER, FALSE);
      return;
    }
  if (error != NULL)
    g_debug ("Keyring lookup failed: %s", error->message);

  /* A saved login never goes out as Basic over plain http:// unasked: a
   * network attacker could have turned the server's challenge into Basic
   * to read it. The user is asked instead. */
  if (credential != NULL && is_basic_over_http (q->space))
    {
      g_debug ("A saved login for %s is not sent as Basic over http:// without asking", q->key);
      g_clear_pointer (&credential, http_auth_credential_unref);
    }

  if (credential != NULL)
    {
      /* A saved login answers like the user would, and is not saved again. */
      question_answer (q, HTTP_AUTH_PROMPT_RESULT_ANSWERED, credential, G_PASSWORD_SAVE_NEVER, TRUE);
      return;
    }

  /* A locked item: unlocked only now that the user is about to be asked
   * anyway, and only when the application allows it. */
  if (locked && !unlocking && q->self->unlock_to_prompt && q->self->prompter != NULL)
    {
      /* The keyring that answered, even if the application changed it
       * meanwhile. */
      question_look_up (q, HTTP_AUTH_KEYRING (object), TRUE);
      return;
    }

  question_prompt (q);
}

static void
question_look_up (Question        *q,
                  HttpAuthKeyring *keyring,
                  gboolean         unlock)
{
  q->unlocking = unlock;
  http_auth_keyring_lookup_async (keyring, q->space, unlock, q->cancellable, lookup_cb, q);
  if (unlock)
    g_debug ("Looking up %s again, unlocking the keyring", q->key);
}

/**
 * http_auth_prompt_broker_ask_async:
 * @self: a #HttpAuthPromptBroker
 * @context: the tab that needs credentials
 * @space: the protection space they are for
 * @url: (nullable): the URL being fetched, without userinfo, to show
 * @retrying: %TRUE when the previous answer for @space was refused (the
 *   prompt says so)
 * @cancellable: (nullable): cancels this caller's wait; the question ends
 *   when no caller is left
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Gets credentials for @space in the tab @context: from the question
 * already open for them, a saved login, or the user.
 */
void
http_auth_prompt_broker_ask_async (HttpAuthPromptBroker    *self,
                                   HttpAuthPromptContext   *context,
                                   HttpAuthProtectionSpace *space,
                                   const char              *url,
                                   gboolean                 retrying,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *space_string = NULL;
  g_autofree char *key = NULL;
  Caller *caller;
  Question *q;

  g_return_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self));
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (context));
  g_return_if_fail (space != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_prompt_broker_ask_async);
  caller = g_new0 (Caller, 1);
  g_task_set_task_data (task, caller, (GDestroyNotify) caller_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  space_string = http_auth_protection_space_to_string (space);
  key = g_strdup_printf ("%p|%s", (void *) context, space_string);

  q = g_hash_table_lookup (self->questions, key);
  if (q == NULL)
    {
      g_autofree char *site = _http_auth_prompt_broker_dup_site (space);

      /* Suppress-on-cancel and the abuse limit: no question at all. */
      if (http_auth_prompt_context_is_suppressed (context, site))
        {
          task_return_answer (task, HTTP_AUTH_PROMPT_RESULT_UNANSWERED, NULL, G_PASSWORD_SAVE_NEVER, FALSE);
          return;
        }

      q = g_new0 (Question, 1);
      q->self = g_object_ref (self);
      q->key = g_steal_pointer (&key);
      q->site = g_steal_pointer (&site);
      q->context = g_object_ref (context);
      q->space = http_auth_protection_space_ref (space);
      q->url = g_strdup (url);
      q->retrying = retrying;
      q->cancellable = g_cancellable_new ();
      q->closed_id = g_cancellable_connect (_http_auth_prompt_context_get_cancellable (context),
                                            G_CALLBACK (context_closed_cb), q, NULL);
      g_hash_table_insert (self->questions, q->key, q);
    }

  caller->question = q;
  if (cancellable != NULL)
    caller->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), task, NULL);
  q->tasks = g_list_append (q->tasks, g_object_ref (task));
  if (q->tasks->next != NULL)
    return;   /* joined */

  /* Once per protection space (a retry too: a saved login may follow
   * refused URL credentials; a refused saved login is not offered again). */
  if (self->keyring != NULL && !http_auth_prompt_context_get_ephemeral (context) &&
      g_hash_table_add (self->looked_up, http_auth_protection_space_ref (space)))
    {
      question_look_up (q, self->keyring, FALSE);
      return;
    }

  question_prompt (q);
}

/**
 * http_auth_prompt_broker_ask_finish:
 * @self: a #HttpAuthPromptBroker
 * @result: the result given to the callback
 * @credential: (out) (transfer full) (optional): the credential, when
 *   answered
 * @save: (out) (optional): whether the user asked to remember it
 * @saved: (out) (optional): %TRUE when it came from the keyring
 * @error: return location for a #GError (only %G_IO_ERROR_CANCELLED, for a
 *   caller that cancelled)
 *
 * Finishes a question started with [method@HttpAuth.PromptBroker.ask_async].
 *
 * Returns: how the question ended: %HTTP_AUTH_PROMPT_RESULT_ANSWERED with a
 *   credential, cancelled by the user, or unanswered (suppressed, nobody
 *   to ask, dismissed)
 */
HttpAuthPromptResult
http_auth_prompt_broker_ask_finish (HttpAuthPromptBroker  *self,
                                    GAsyncResult          *result,
                                    HttpAuthCredential   **credential,
                                    GPasswordSave         *save,
                                    gboolean              *saved,
                                    GError               **error)
{
  Answer *answer;
  HttpAuthPromptResult ret;

  g_return_val_if_fail (g_task_is_valid (result, self), HTTP_AUTH_PROMPT_RESULT_UNANSWERED);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return HTTP_AUTH_PROMPT_RESULT_UNANSWERED;

  ret = answer->result;
  if (credential != NULL)
    *credential = g_steal_pointer (&answer->credential);
  if (save != NULL)
    *save = answer->save;
  if (saved != NULL)
    *saved = answer->saved;
  answer_free (answer);

  return ret;
}

/**
 * http_auth_prompt_broker_report_accepted:
 * @self: a #HttpAuthPromptBroker
 * @context: the tab the answer was for
 * @space: the protection space the server accepted @credential for
 * @credential: the credential
 * @save: whether the user asked to remember it: only
 *   %G_PASSWORD_SAVE_PERMANENTLY saves it in the keyring
 *
 * The server accepted an answer of this broker: the tab's count of
 * unanswered prompts for the site starts again, and the login is saved in
 * the keyring when the user asked for it and the tab is not ephemeral
 * (saving never blocks; see [method@HttpAuth.Keyring.flush_async]).
 */
void
http_auth_prompt_broker_report_accepted (HttpAuthPromptBroker    *self,
                                         HttpAuthPromptContext   *context,
                                         HttpAuthProtectionSpace *space,
                                         HttpAuthCredential      *credential,
                                         GPasswordSave            save)
{
  g_autofree char *site = NULL;

  g_return_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self));
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (context));
  g_return_if_fail (space != NULL);
  g_return_if_fail (credential != NULL);

  site = _http_auth_prompt_broker_dup_site (space);
  _http_auth_prompt_context_note_success (context, site);
  if (save == G_PASSWORD_SAVE_PERMANENTLY && self->keyring != NULL &&
      !http_auth_prompt_context_get_ephemeral (context))
    http_auth_keyring_store_async (self->keyring, space, credential, NULL, NULL, NULL);
}

/* Returns the site that suppression counts against for @space: scheme and
 * registrable domain of an origin (`https://example.com` for
 * `https://www.example.com:8443`), or `proxy:host:port` for a proxy.
 */
char *
_http_auth_prompt_broker_dup_site (HttpAuthProtectionSpace *space)
{
  const char *host;
  const char *base;

  g_return_val_if_fail (space != NULL, NULL);

  host = http_auth_protection_space_get_host (space);
  if (http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY)
    return g_strdup_printf ("proxy:%s:%u", host, http_auth_protection_space_get_port (space));

  base = soup_tld_get_base_domain (host, NULL);
  return g_strdup_printf ("%s://%s", http_auth_protection_space_get_scheme (space), base ? base : host);
}

/* ---- GObject ---- */

static void
http_auth_prompt_broker_dispose (GObject *object)
{
  HttpAuthPromptBroker *self = HTTP_AUTH_PROMPT_BROKER (object);

  g_clear_object (&self->prompter);
  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (http_auth_prompt_broker_parent_class)->dispose (object);
}

static void
http_auth_prompt_broker_finalize (GObject *object)
{
  HttpAuthPromptBroker *self = HTTP_AUTH_PROMPT_BROKER (object);

  /* Each open question holds a reference: none is left by now. */
  g_clear_pointer (&self->questions, g_hash_table_unref);
  g_clear_pointer (&self->looked_up, g_hash_table_unref);

  G_OBJECT_CLASS (http_auth_prompt_broker_parent_class)->finalize (object);
}

static void
http_auth_prompt_broker_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  HttpAuthPromptBroker *self = HTTP_AUTH_PROMPT_BROKER (object);

  switch (prop_id)
    {
    case PROP_PROMPTER:
      g_value_set_object (value, self->prompter);
      break;

    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_UNLOCK_TO_PROMPT:
      g_value_set_boolean (value, self->unlock_to_prompt);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_prompt_broker_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  HttpAuthPromptBroker *self = HTTP_AUTH_PROMPT_BROKER (object);

  switch (prop_id)
    {
    case PROP_PROMPTER:
      http_auth_prompt_broker_set_prompter (self, g_value_get_object (value));
      break;

    case PROP_KEYRING:
      http_auth_prompt_broker_set_keyring (self, g_value_get_object (value));
      break;

    case PROP_UNLOCK_TO_PROMPT:
      http_auth_prompt_broker_set_unlock_to_prompt (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_prompt_broker_class_init (HttpAuthPromptBrokerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = http_auth_prompt_broker_dispose;
  object_class->finalize = http_auth_prompt_broker_finalize;
  object_class->get_property = http_auth_prompt_broker_get_property;
  object_class->set_property = http_auth_prompt_broker_set_property;

  /**
   * HttpAuthPromptBroker:prompter:
   *
   * Who asks the user; %NULL: nobody (saved logins only).
   */
  properties[PROP_PROMPTER] =
    g_param_spec_object ("prompter", NULL, NULL, HTTP_AUTH_TYPE_PROMPTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthPromptBroker:keyring:
   *
   * Where saved logins are looked up and saved; %NULL: nowhere.
   */
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL, HTTP_AUTH_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthPromptBroker:unlock-to-prompt:
   *
   * Whether a locked keyring holding a login for the space may be asked to
   * unlock right before the user would be prompted. %FALSE (the default):
   * the prompt shows at once, and the keyring unlocks only to save.
   */
  properties[PROP_UNLOCK_TO_PROMPT] =
    g_param_spec_boolean ("unlock-to-prompt", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HttpAuthPromptBroker::prompt:
   * @self: the broker
   * @prompt: what the user is about to be asked
   *
   * Emitted right before the prompter is asked.
   */
  signals[PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HTTP_AUTH_TYPE_PROMPT);
}

static void
http_auth_prompt_broker_init (HttpAuthPromptBroker *self)
{
  self->questions = g_hash_table_new (g_str_hash, g_str_equal);
  self->looked_up = g_hash_table_new_full (http_auth_protection_space_hash, http_auth_protection_space_equal,
                                           (GDestroyNotify) http_auth_protection_space_unref, NULL);
}

/**
 * http_auth_prompt_broker_new:
 *
 * Creates a prompt broker.
 *
 * Returns: (transfer full): a new broker with no prompter and no keyring
 */
HttpAuthPromptBroker *
http_auth_prompt_broker_new (void)
{
  return g_object_new (HTTP_AUTH_TYPE_PROMPT_BROKER, NULL);
}

/**
 * http_auth_prompt_broker_get_prompter:
 * @self: a #HttpAuthPromptBroker
 *
 * Gets the prompter the broker asks.
 *
 * Returns: (transfer none) (nullable): the prompter
 */
HttpAuthPrompter *
http_auth_prompt_broker_get_prompter (HttpAuthPromptBroker *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self), NULL);

  return self->prompter;
}

/**
 * http_auth_prompt_broker_set_prompter:
 * @self: a #HttpAuthPromptBroker
 * @prompter: (nullable): the prompter
 *
 * Sets who asks the user.
 */
void
http_auth_prompt_broker_set_prompter (HttpAuthPromptBroker *self,
                                      HttpAuthPrompter     *prompter)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self));
  g_return_if_fail (prompter == NULL || HTTP_AUTH_IS_PROMPTER (prompter));

  if (g_set_object (&self->prompter, prompter))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPTER]);
}

/**
 * http_auth_prompt_broker_get_keyring:
 * @self: a #HttpAuthPromptBroker
 *
 * Gets the keyring the broker reads saved logins from.
 *
 * Returns: (transfer none) (nullable): the keyring
 */
HttpAuthKeyring *
http_auth_prompt_broker_get_keyring (HttpAuthPromptBroker *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self), NULL);

  return self->keyring;
}

/**
 * http_auth_prompt_broker_set_keyring:
 * @self: a #HttpAuthPromptBroker
 * @keyring: (nullable): the keyring
 *
 * Sets where saved logins are looked up and saved. Spaces are looked up
 * again in a new keyring.
 */
void
http_auth_prompt_broker_set_keyring (HttpAuthPromptBroker *self,
                                     HttpAuthKeyring      *keyring)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self));
  g_return_if_fail (keyring == NULL || HTTP_AUTH_IS_KEYRING (keyring));

  if (g_set_object (&self->keyring, keyring))
    {
      g_hash_table_remove_all (self->looked_up);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING]);
    }
}

/**
 * http_auth_prompt_broker_get_unlock_to_prompt:
 * @self: a #HttpAuthPromptBroker
 *
 * Gets whether a locked keyring is unlocked before prompting.
 *
 * Returns: whether a locked keyring may ask to be unlocked before a prompt
 */
gboolean
http_auth_prompt_broker_get_unlock_to_prompt (HttpAuthPromptBroker *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self), FALSE);

  return self->unlock_to_prompt;
}

/**
 * http_auth_prompt_broker_set_unlock_to_prompt:
 * @self: a #HttpAuthPromptBroker
 * @unlock: whether a locked keyring may ask to be unlocked right before
 *   the user would be prompted
 *
 * The engine allows it (the user is about to be interrupted anyway); the
 * WebKitGTK adapter does not (the bar shows at once).
 */
void
http_auth_prompt_broker_set_unlock_to_prompt (HttpAuthPromptBroker *self,
                                              gboolean              unlock)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_BROKER (self));

  unlock = !!unlock;
  if (self->unlock_to_prompt != unlock)
    {
      self->unlock_to_prompt = unlock;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCK_TO_PROMPT]);
    }
}
