/* http-auth-private-tabs.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-private-tabs"

#include "config.h"

#include "http-auth-private-tabs-private.h"

/* Each private tab is watched through a weak reference (the session must
 * not keep a tab alive) and its "closed" signal; either one drops the
 * tab's partition from the cache. */

typedef struct
{
  HttpAuthPrivateTabs   *owner;       /* unowned: the owner frees its tabs */
  HttpAuthPromptContext *context;     /* weak */
  char                  *partition;
  gulong                 closed_id;
} Tab;

struct _HttpAuthPrivateTabs
{
  HttpAuthCredentialCache *cache;     /* a reference */
  GHashTable              *tabs;      /* partition -> Tab */
};

static void tab_gone_cb (gpointer data, GObject *where_the_object_was);

static void
tab_free (Tab *tab)
{
  if (tab->context != NULL)
    {
      g_clear_signal_handler (&tab->closed_id, tab->context);
      g_object_weak_unref (G_OBJECT (tab->context), tab_gone_cb, tab);
    }
  g_free (tab->partition);
  g_free (tab);
}

/* Drops the tab's logins, and the tab (which frees @partition's owner). */
static void
forget (HttpAuthPrivateTabs *self,
        const char          *partition)
{
  http_auth_credential_cache_clear_partition (self->cache, partition);
  g_hash_table_remove (self->tabs, partition);
}

static void
tab_gone_cb (gpointer  data,
             GObject  *where_the_object_was)
{
  Tab *tab = data;

  tab->context = NULL;
  forget (tab->owner, tab->partition);
}

static void
tab_closed_cb (HttpAuthPromptContext *context,
               Tab                   *tab)
{
  forget (tab->owner, tab->partition);
}

HttpAuthPrivateTabs *
_http_auth_private_tabs_new (HttpAuthCredentialCache *cache)
{
  HttpAuthPrivateTabs *self = g_new0 (HttpAuthPrivateTabs, 1);

  self->cache = g_object_ref (cache);
  self->tabs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) tab_free);
  return self;
}

void
_http_auth_private_tabs_free (HttpAuthPrivateTabs *self)
{
  g_hash_table_unref (self->tabs);
  g_object_unref (self->cache);
  g_free (self);
}

void
_http_auth_private_tabs_watch (HttpAuthPrivateTabs   *self,
                               HttpAuthPromptContext *context)
{
  g_autofree char *partition = NULL;
  Tab *tab;

  if (context == NULL || !http_auth_prompt_context_get_ephemeral (context))
    return;
  partition = http_auth_prompt_context_dup_partition (context);
  if (g_hash_table_contains (self->tabs, partition))
    return;
  if (http_auth_prompt_context_is_closed (context))
    {
      http_auth_credential_cache_clear_partition (self->cache, partition);
      return;
    }

  tab = g_new0 (Tab, 1);
  tab->owner = self;
  tab->context = context;
  tab->partition = g_steal_pointer (&partition);
  g_object_weak_ref (G_OBJECT (context), tab_gone_cb, tab);
  tab->closed_id = g_signal_connect (context, "closed", G_CALLBACK (tab_closed_cb), tab);
  g_hash_table_insert (self->tabs, tab->partition, tab);
}
