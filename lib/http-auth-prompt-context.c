/* http-auth-prompt-context.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-prompt-context"

#include "config.h"

#include "http-auth-prompt-context.h"
#include "http-auth-prompt-context-private.h"

/**
 * HttpAuthPromptContext:
 *
 * Where a prompt may appear: one tab (or window) of the application.
 *
 * This is Fetch's "traversable for user prompts". A request without a
 * prompt context never prompts (a worker, a background job). The context
 * carries the tab's top-level site, which partitions the credential cache,
 * and whether the tab is ephemeral (private browsing: memory only, never
 * the keyring, isolated from every other context).
 *
 * It also remembers, per site, whether prompts are suppressed in this tab:
 * after the user cancels a prompt, or after two prompts in a row went
 * unanswered, further prompts for that site are cancelled automatically
 * (the 401 body is delivered) until the user navigates the tab
 * ([method@HttpAuth.PromptContext.user_navigated]) or logs in there.
 */

#define ABUSE_LIMIT 2

typedef struct
{
  gboolean cancelled;
  guint    unanswered;
} SiteState;

struct _HttpAuthPromptContext
{
  GObject       parent_instance;
  char         *top_level_site;
  gboolean      ephemeral;
  /* A number unique to this context, isolating ephemeral partitions. */
  guint         serial;
  /* site -> SiteState; main thread. */
  GHashTable   *sites;
  /* Cancelled when the tab closes: prompts of this context go away. */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (HttpAuthPromptContext, http_auth_prompt_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOP_LEVEL_SITE,
  PROP_EPHEMERAL,
  PROP_CLOSED,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
http_auth_prompt_context_dispose (GObject *object)
{
  HttpAuthPromptContext *self = HTTP_AUTH_PROMPT_CONTEXT (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (http_auth_prompt_context_parent_class)->dispose (object);
}

static void
http_auth_prompt_context_finalize (GObject *object)
{
  HttpAuthPromptContext *self = HTTP_AUTH_PROMPT_CONTEXT (object);

  g_clear_pointer (&self->top_level_site, g_free);
  g_clear_pointer (&self->sites, g_hash_table_unref);

  G_OBJECT_CLASS (http_auth_prompt_context_parent_class)->finalize (object);
}

static void
http_auth_prompt_context_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  HttpAuthPromptContext *self = HTTP_AUTH_PROMPT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_TOP_LEVEL_SITE:
      g_value_set_string (value, self->top_level_site);
      break;

    case PROP_EPHEMERAL:
      g_value_set_boolean (value, self->ephemeral);
      break;

    case PROP_CLOSED:
      g_value_set_boolean (value, http_auth_prompt_context_is_closed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_prompt_context_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  HttpAuthPromptContext *self = HTTP_AUTH_PROMPT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_TOP_LEVEL_SITE:
      http_auth_prompt_context_set_top_level_site (self, g_value_get_string (value));
      break;

    case PROP_EPHEMERAL:
      self->ephemeral = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_prompt_context_class_init (HttpAuthPromptContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = http_auth_prompt_context_dispose;
  object_class->finalize = http_auth_prompt_context_finalize;
  object_class->get_property = http_auth_prompt_context_get_property;
  object_class->set_property = http_auth_prompt_context_set_property;

  /**
   * HttpAuthPromptContext:top-level-site:
   *
   * The site shown in the tab (`https://example.com`): the partition of
   * the credentials its requests use. %NULL turns partitioning off.
   */
  properties[PROP_TOP_LEVEL_SITE] =
    g_param_spec_string ("top-level-site", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthPromptContext:ephemeral:
   *
   * Whether the tab is private: its credentials live in memory only, in a
   * partition no other context shares.
   */
  properties[PROP_EPHEMERAL] =
    g_param_spec_boolean ("ephemeral", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthPromptContext:closed:
   *
   * Whether [method@HttpAuth.PromptContext.close] was called: the tab went
   * away, its prompts ended and no new one appears.
   */
  properties[PROP_CLOSED] =
    g_param_spec_boolean ("closed", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HttpAuthPromptContext::closed:
   * @self: the context
   *
   * Emitted once, when the context is closed: a prompter drops the
   * context's prompts.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
http_auth_prompt_context_init (HttpAuthPromptContext *self)
{
  static int last_serial;

  /* Contexts may be made on any thread (a worker's own session): the
   * serial is drawn atomically, or two ephemeral contexts could share a
   * partition. */
  self->serial = (guint) g_atomic_int_add (&last_serial, 1) + 1;
  self->sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * http_auth_prompt_context_new:
 * @top_level_site: (nullable): the tab's top-level site
 * @ephemeral: whether the tab is private
 *
 * Creates a prompt context for one tab.
 *
 * Returns: (transfer full): a new prompt context
 */
HttpAuthPromptContext *
http_auth_prompt_context_new (const char *top_level_site,
                              gboolean    ephemeral)
{
  return g_object_new (HTTP_AUTH_TYPE_PROMPT_CONTEXT,
                       "top-level-site", top_level_site,
                       "ephemeral", ephemeral,
                       NULL);
}

/**
 * http_auth_prompt_context_get_top_level_site:
 * @self: a #HttpAuthPromptContext
 *
 * Gets the top-level site of the tab.
 *
 * Returns: (nullable): the top-level site
 */
const char *
http_auth_prompt_context_get_top_level_site (HttpAuthPromptContext *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self), NULL);

  return self->top_level_site;
}

/**
 * http_auth_prompt_context_set_top_level_site:
 * @self: a #HttpAuthPromptContext
 * @top_level_site: (nullable): the new top-level site
 *
 * Sets the top-level site, when the tab navigates to another site.
 */
void
http_auth_prompt_context_set_top_level_site (HttpAuthPromptContext *self,
                                             const char            *top_level_site)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self));

  if (g_strcmp0 (self->top_level_site, top_level_site) == 0)
    return;

  g_free (self->top_level_site);
  self->top_level_site = g_strdup (top_level_site);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP_LEVEL_SITE]);
}

/**
 * http_auth_prompt_context_get_ephemeral:
 * @self: a #HttpAuthPromptContext
 *
 * Gets whether the context belongs to a private tab.
 *
 * Returns: whether the context is private
 */
gboolean
http_auth_prompt_context_get_ephemeral (HttpAuthPromptContext *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self), FALSE);

  return self->ephemeral;
}

/**
 * http_auth_prompt_context_dup_partition:
 * @self: a #HttpAuthPromptContext
 *
 * Gets the cache partition key of the context's requests: the top-level
 * site, prefixed by a key unique to this context when it is ephemeral.
 *
 * Returns: (transfer full) (nullable): the partition key
 */
char *
http_auth_prompt_context_dup_partition (HttpAuthPromptContext *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self), NULL);

  if (self->ephemeral)
    return g_strdup_printf ("ephemeral:%u:%s", self->serial,
                            self->top_level_site ? self->top_level_site : "");

  return g_strdup (self->top_level_site);
}

/**
 * http_auth_prompt_context_user_navigated:
 * @self: a #HttpAuthPromptContext
 *
 * Tells the context that the user navigated the tab (typed a URL,
 * followed a link, reloaded): suppressed prompts may appear again.
 */
void
http_auth_prompt_context_user_navigated (HttpAuthPromptContext *self)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self));

  g_hash_table_remove_all (self->sites);
}

/**
 * http_auth_prompt_context_is_suppressed:
 * @self: a #HttpAuthPromptContext
 * @site: a site
 *
 * Tells whether prompts for a site are suppressed in this context.
 *
 * Returns: %TRUE if prompts for @site are cancelled automatically
 */
gboolean
http_auth_prompt_context_is_suppressed (HttpAuthPromptContext *self,
                                        const char            *site)
{
  SiteState *state;

  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self), FALSE);
  g_return_val_if_fail (site != NULL, FALSE);

  state = g_hash_table_lookup (self->sites, site);

  return state != NULL && (state->cancelled || state->unanswered >= ABUSE_LIMIT);
}

/**
 * http_auth_prompt_context_close:
 * @self: a #HttpAuthPromptContext
 *
 * Closes the context (the tab went away): its open prompts end
 * unanswered and no new prompt appears.
 */
void
http_auth_prompt_context_close (HttpAuthPromptContext *self)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self));

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  g_signal_emit (self, signals[CLOSED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
}

/**
 * http_auth_prompt_context_is_closed:
 * @self: a #HttpAuthPromptContext
 *
 * Tells whether the context was closed.
 *
 * Returns: whether [method@HttpAuth.PromptContext.close] was called
 */
gboolean
http_auth_prompt_context_is_closed (HttpAuthPromptContext *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self), TRUE);

  return g_cancellable_is_cancelled (self->cancellable);
}

/*
 * _http_auth_prompt_context_get_cancellable:
 * @self: a #HttpAuthPromptContext
 *
 * Returns: (transfer none): a cancellable that is cancelled when the
 *   context closes; prompters watch it
 */
GCancellable *
_http_auth_prompt_context_get_cancellable (HttpAuthPromptContext *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self), NULL);

  return self->cancellable;
}

/*
 * _http_auth_prompt_context_note_result:
 * @self: a #HttpAuthPromptContext
 * @site: the site (scheme and host) whose prompt ended
 * @result: how it ended
 *
 * Records how a prompt for @site ended in this tab, for suppress-on-cancel
 * and the abuse limit: a cancel suppresses further prompts for @site until
 * the user navigates; prompts left unanswered twice in a row do too.
 * Called by whoever brokers prompts: the engine, or an adapter such as the
 * WebKitGTK one.
 */
void
_http_auth_prompt_context_note_result (HttpAuthPromptContext *self,
                                      const char            *site,
                                      HttpAuthPromptResult   result)
{
  SiteState *state;

  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self));
  g_return_if_fail (site != NULL);

  state = g_hash_table_lookup (self->sites, site);

  if (state == NULL)
    {
      state = g_new0 (SiteState, 1);
      g_hash_table_insert (self->sites, g_strdup (site), state);
    }

  switch (result)
    {
    case HTTP_AUTH_PROMPT_RESULT_CANCELLED:
      state->cancelled = TRUE;
      break;

    case HTTP_AUTH_PROMPT_RESULT_UNANSWERED:
      state->unanswered++;
      break;

    case HTTP_AUTH_PROMPT_RESULT_ANSWERED:
    default:
      state->unanswered = 0;
      break;
    }
}

/*
 * _http_auth_prompt_context_note_success:
 * @self: a #HttpAuthPromptContext
 * @site: the site whose credentials the server accepted
 *
 * Records that the server accepted the answer to a prompt for @site: the
 * site's unanswered count starts again from zero.
 */
void
_http_auth_prompt_context_note_success (HttpAuthPromptContext *self,
                                       const char            *site)
{
  g_return_if_fail (HTTP_AUTH_IS_PROMPT_CONTEXT (self));
  g_return_if_fail (site != NULL);

  g_hash_table_remove (self->sites, site);
}
