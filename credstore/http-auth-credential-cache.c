/* http-auth-credential-cache.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-credential-cache"

#include "config.h"

#include "http-auth-credential-cache.h"
#include "http-auth-credential-cache-private.h"

#include <string.h>

/**
 * HttpAuthCredentialCache:
 *
 * The in-memory authentication entries of a session.
 *
 * Each entry is a [struct@HttpAuth.ProtectionSpace] with the credential
 * the server accepted for it, the path prefixes it covers (the directory
 * of each URI that succeeded, or Digest's `domain` list; the longest match
 * wins), and an opaque state object that the engine keeps with it (the
 * scheme, so that Digest can send preemptively with the next nonce count).
 *
 * The cache is bounded: past its maximum the least recently used entry is
 * dropped, and each entry keeps at most
 * %HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES path prefixes, the least
 * recently used going first. Entries can be cleared per site, per
 * partition (a closed ephemeral tab) or all at once. The cache holds
 * only what it is given: the engine adds an entry after the server has
 * accepted the credential.
 */

typedef struct
{
  HttpAuthProtectionSpace *space;
  HttpAuthCredential      *credential;
  GObject                 *state;
  /* Path prefixes (owned strings), least recently used first; at most
   * HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES. */
  GPtrArray               *prefixes;
  GList                    link;   /* in the LRU queue; data points to the entry */
} Entry;

struct _HttpAuthCredentialCache
{
  GObject     parent_instance;
  /* HttpAuthProtectionSpace -> Entry; main thread. */
  GHashTable *entries;
  /* Most recently used first. */
  GQueue      lru;
  guint       max_entries;
};

G_DEFINE_FINAL_TYPE (HttpAuthCredentialCache, http_auth_credential_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_ENTRIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  http_auth_protection_space_unref (entry->space);
  http_auth_credential_unref (entry->credential);
  g_clear_object (&entry->state);
  g_ptr_array_unref (entry->prefixes);
  g_free (entry);
}

static void
remove_entry (HttpAuthCredentialCache *self,
              Entry                   *entry)
{
  g_queue_unlink (&self->lru, &entry->link);
  /* The table owns the entry: removing it frees it. */
  g_hash_table_remove (self->entries, entry->space);
}

static void
touch (HttpAuthCredentialCache *self,
       Entry                   *entry)
{
  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);
}

static void
http_auth_credential_cache_finalize (GObject *object)
{
  HttpAuthCredentialCache *self = HTTP_AUTH_CREDENTIAL_CACHE (object);

  g_queue_init (&self->lru);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (http_auth_credential_cache_parent_class)->finalize (object);
}

static void
http_auth_credential_cache_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  HttpAuthCredentialCache *self = HTTP_AUTH_CREDENTIAL_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_ENTRIES:
      g_value_set_uint (value, self->max_entries);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_credential_cache_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  HttpAuthCredentialCache *self = HTTP_AUTH_CREDENTIAL_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_ENTRIES:
      self->max_entries = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_credential_cache_class_init (HttpAuthCredentialCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = http_auth_credential_cache_finalize;
  object_class->get_property = http_auth_credential_cache_get_property;
  object_class->set_property = http_auth_credential_cache_set_property;

  /**
   * HttpAuthCredentialCache:max-entries:
   *
   * How many protection spaces the cache keeps; the least recently used
   * goes first.
   */
  properties[PROP_MAX_ENTRIES] =
    g_param_spec_uint ("max-entries", NULL, NULL,
                       1, G_MAXUINT, HTTP_AUTH_CREDENTIAL_CACHE_DEFAULT_MAX_ENTRIES,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
http_auth_credential_cache_init (HttpAuthCredentialCache *self)
{
  self->entries = g_hash_table_new_full (http_auth_protection_space_hash,
                                         http_auth_protection_space_equal,
                                         NULL, entry_free);
  g_queue_init (&self->lru);
}

/**
 * http_auth_credential_cache_new:
 * @max_entries: the bound, at least 1
 *
 * Creates a credential cache.
 *
 * Returns: (transfer full): a new, empty cache
 */
HttpAuthCredentialCache *
http_auth_credential_cache_new (guint max_entries)
{
  g_return_val_if_fail (max_entries > 0, NULL);

  return g_object_new (HTTP_AUTH_TYPE_CREDENTIAL_CACHE, "max-entries", max_entries, NULL);
}

/* Makes the prefix at @index the most recently used of its entry. */
static void
touch_prefix (Entry *entry,
              guint  index)
{
  char *prefix;

  g_assert (index < entry->prefixes->len);

  prefix = g_ptr_array_steal_index (entry->prefixes, index);
  g_ptr_array_add (entry->prefixes, prefix);
}

/* Adds @prefix as the most recently used, dropping the least recently
 * used past the bound: a server that varies its Digest `domain` list, or
 * a site with many directories, cannot grow an entry without end. */
static void
add_prefix (Entry      *entry,
            const char *prefix)
{
  for (guint i = 0; i < entry->prefixes->len; i++)
    if (g_str_equal (g_ptr_array_index (entry->prefixes, i), prefix))
      {
        touch_prefix (entry, i);
        return;
      }

  g_ptr_array_add (entry->prefixes, g_strdup (prefix));
  if (entry->prefixes->len > HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES)
    g_ptr_array_remove_index (entry->prefixes, 0);
}

/* The engine's variant of http_auth_credential_cache_add(): @state is an
 * object kept with the entry (the scheme the credential was accepted with,
 * for preemptive Digest). */
void
_http_auth_credential_cache_add_with_state (HttpAuthCredentialCache *self,
                                            HttpAuthProtectionSpace *space,
                                            const char * const      *path_prefixes,
                                            HttpAuthCredential      *credential,
                                            GObject                 *state)
{
  Entry *entry;

  g_return_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self));
  g_return_if_fail (space != NULL);
  g_return_if_fail (credential != NULL);
  g_return_if_fail (state == NULL || G_IS_OBJECT (state));

  entry = g_hash_table_lookup (self->entries, space);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->space = http_auth_protection_space_ref (space);
      entry->prefixes = g_ptr_array_new_with_free_func (g_free);
      entry->link.data = entry;
      g_hash_table_insert (self->entries, entry->space, entry);
      g_queue_push_head_link (&self->lru, &entry->link);
    }
  else
    touch (self, entry);

  if (entry->credential != credential)
    {
      g_clear_pointer (&entry->credential, http_auth_credential_unref);
      entry->credential = http_auth_credential_ref (credential);
    }
  g_set_object (&entry->state, state);

  if (path_prefixes == NULL || path_prefixes[0] == NULL)
    add_prefix (entry, "/");
  for (guint i = 0; path_prefixes != NULL && path_prefixes[i] != NULL; i++)
    add_prefix (entry, path_prefixes[i]);

  while (g_queue_get_length (&self->lru) > self->max_entries)
    remove_entry (self, g_queue_peek_tail (&self->lru));
}

/* The engine's variant of http_auth_credential_cache_lookup(), also
 * giving the entry's state object. */
HttpAuthCredential *
_http_auth_credential_cache_lookup_with_state (HttpAuthCredentialCache  *self,
                                               HttpAuthProtectionSpace  *space,
                                               GObject                 **state)
{
  Entry *entry;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), NULL);
  g_return_val_if_fail (space != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, space);
  if (entry == NULL)
    return NULL;

  touch (self, entry);
  if (state != NULL)
    *state = entry->state ? g_object_ref (entry->state) : NULL;

  return http_auth_credential_ref (entry->credential);
}

static gboolean
prefix_matches (const char *prefix,
                const char *path)
{
  gsize len = strlen (prefix);

  if (strncmp (path, prefix, len) != 0)
    return FALSE;
  /* "/docs" covers "/docs" and "/docs/x", not "/docsx". */
  return len == 0 || prefix[len - 1] == '/' || path[len] == '\0' || path[len] == '/' ||
         path[len] == '?';
}

/* The engine's variant of http_auth_credential_cache_lookup_by_path(),
 * also giving the entry's state object. */
gboolean
_http_auth_credential_cache_lookup_by_path_with_state (HttpAuthCredentialCache  *self,
                                                       const char               *partition,
                                                       HttpAuthTarget            target,
                                                       const char               *scheme,
                                                       const char               *host,
                                                       guint16                   port,
                                                       const char               *path,
                                                       HttpAuthProtectionSpace **space,
                                                       HttpAuthCredential      **credential,
                                                       GObject                 **state)
{
  Entry *best = NULL;
  guint best_prefix = 0;
  gsize best_len = 0;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), FALSE);
  g_return_val_if_fail (scheme != NULL && host != NULL && path != NULL, FALSE);

  if (target == HTTP_AUTH_TARGET_PROXY)
    partition = NULL;

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Entry *entry = l->data;
      HttpAuthProtectionSpace *s = entry->space;

      if (http_auth_protection_space_get_target (s) != target ||
          http_auth_protection_space_get_port (s) != port ||
          g_ascii_strcasecmp (http_auth_protection_space_get_scheme (s), scheme) != 0 ||
          g_ascii_strcasecmp (http_auth_protection_space_get_host (s), host) != 0 ||
          g_strcmp0 (http_auth_protection_space_get_partition (s), partition) != 0)
        continue;

      for (guint i = 0; i < entry->prefixes->len; i++)
        {
          const char *prefix = g_ptr_array_index (entry->prefixes, i);
          gsize len = strlen (prefix);

          if (prefix_matches (prefix, path) && (best == NULL || len > best_len))
            {
              best = entry;
              best_prefix = i;
              best_len = len;
            }
        }
    }

  if (best == NULL)
    return FALSE;

  touch (self, best);
  touch_prefix (best, best_prefix);
  if (space != NULL)
    *space = http_auth_protection_space_ref (best->space);
  if (credential != NULL)
    *credential = http_auth_credential_ref (best->credential);
  if (state != NULL)
    *state = best->state ? g_object_ref (best->state) : NULL;

  return TRUE;
}

/**
 * http_auth_credential_cache_remove:
 * @self: a #HttpAuthCredentialCache
 * @space: a protection space
 *
 * Drops the entry for @space (after the server refused its credential).
 *
 * Returns: %TRUE if there was one
 */
gboolean
http_auth_credential_cache_remove (HttpAuthCredentialCache *self,
                                   HttpAuthProtectionSpace *space)
{
  Entry *entry;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), FALSE);
  g_return_val_if_fail (space != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, space);
  if (entry == NULL)
    return FALSE;

  remove_entry (self, entry);
  return TRUE;
}

/**
 * http_auth_credential_cache_clear_site:
 * @self: a #HttpAuthCredentialCache
 * @site: a site (`https://example.com`) or a host (`example.com`)
 *
 * Clears what the site's data holds, as "clear site data" does: the
 * entries whose space is of @site, as
 * [method@HttpAuth.ProtectionSpace.is_of_site] defines it (origins on the
 * site's host or its subdomains, whatever their scheme and port, and
 * entries partitioned under it). [method@HttpAuth.Keyring.forget_async]
 * forgets the same logins from the keyring.
 *
 * Returns: the number of entries removed
 */
guint
http_auth_credential_cache_clear_site (HttpAuthCredentialCache *self,
                                       const char              *site)
{
  guint removed = 0;
  GList *l;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), 0);
  g_return_val_if_fail (site != NULL, 0);

  l = self->lru.head;
  while (l != NULL)
    {
      Entry *entry = l->data;

      l = l->next;
      if (http_auth_protection_space_is_of_site (entry->space, site))
        {
          remove_entry (self, entry);
          removed++;
        }
    }

  return removed;
}

/* The part of a partition key that names its context: `ephemeral:N:` for
 * an ephemeral context (whose tab may have shown several top-level sites),
 * %NULL for a shared partition, which is named by the whole key. */
static char *
partition_context (const char *partition)
{
  const char *p;

  if (!g_str_has_prefix (partition, "ephemeral:"))
    return NULL;

  p = partition + strlen ("ephemeral:");
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != ':')
    return NULL;

  return g_strndup (partition, p + 1 - partition);
}

/**
 * http_auth_credential_cache_clear_partition:
 * @self: a #HttpAuthCredentialCache
 * @partition: a partition key, as
 *   [method@HttpAuth.PromptContext.dup_partition] returns it
 *
 * Removes the entries of @partition, for example when an ephemeral tab
 * closes: what it proved must not outlive it. For an ephemeral context's
 * key (`ephemeral:N:site`), the entries of every partition of that context
 * go, whatever top-level site the tab showed when they were added; other
 * ephemeral contexts keep theirs. A shared key (a site, with no
 * `ephemeral:` prefix) removes only the entries partitioned under exactly
 * that key.
 *
 * Returns: the number of entries removed
 */
guint
http_auth_credential_cache_clear_partition (HttpAuthCredentialCache *self,
                                            const char              *partition)
{
  g_autofree char *context = NULL;
  guint removed = 0;
  GList *l;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), 0);
  g_return_val_if_fail (partition != NULL, 0);

  context = partition_context (partition);

  l = self->lru.head;
  while (l != NULL)
    {
      Entry *entry = l->data;
      const char *entry_partition = http_auth_protection_space_get_partition (entry->space);

      l = l->next;
      if (entry_partition == NULL)
        continue;
      if (context != NULL ? g_str_has_prefix (entry_partition, context) : g_str_equal (entry_partition, partition))
        {
          remove_entry (self, entry);
          removed++;
        }
    }

  return removed;
}

/**
 * http_auth_credential_cache_clear_all:
 * @self: a #HttpAuthCredentialCache
 *
 * Removes every entry.
 */
void
http_auth_credential_cache_clear_all (HttpAuthCredentialCache *self)
{
  g_return_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self));

  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->entries);
}

/**
 * http_auth_credential_cache_get_n_entries:
 * @self: a #HttpAuthCredentialCache
 *
 * Counts the entries the cache holds now.
 *
 * Returns: the number of entries
 */
guint
http_auth_credential_cache_get_n_entries (HttpAuthCredentialCache *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), 0);

  return g_hash_table_size (self->entries);
}

/**
 * http_auth_credential_cache_get_max_entries:
 * @self: a #HttpAuthCredentialCache
 *
 * Gets the number of entries the cache keeps at most.
 *
 * Returns: the bound
 */
guint
http_auth_credential_cache_get_max_entries (HttpAuthCredentialCache *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), 0);

  return self->max_entries;
}

/**
 * http_auth_credential_cache_list_spaces:
 * @self: a #HttpAuthCredentialCache
 *
 * Lists the protection spaces the cache holds a credential for.
 *
 * Returns: (transfer container) (element-type HttpAuthProtectionSpace): the
 *   protection spaces, most recently used first
 */
GPtrArray *
http_auth_credential_cache_list_spaces (HttpAuthCredentialCache *self)
{
  GPtrArray *spaces;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), NULL);

  spaces = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_protection_space_unref);
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    g_ptr_array_add (spaces, http_auth_protection_space_ref (((Entry *) l->data)->space));

  return spaces;
}

/**
 * http_auth_credential_cache_add:
 * @self: a #HttpAuthCredentialCache
 * @space: the protection space the server accepted @credential for
 * @path_prefixes: (array zero-terminated=1) (nullable): the paths it covers
 *   (`/` when %NULL)
 * @credential: the accepted credential
 *
 * Adds or updates the entry for @space and makes it the most recently
 * used. Path prefixes accumulate, up to
 * %HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES per entry (the least
 * recently added or matched goes first); the credential is replaced.
 */
void
http_auth_credential_cache_add (HttpAuthCredentialCache *self,
                                HttpAuthProtectionSpace *space,
                                const char * const      *path_prefixes,
                                HttpAuthCredential      *credential)
{
  _http_auth_credential_cache_add_with_state (self, space, path_prefixes, credential, NULL);
}

/**
 * http_auth_credential_cache_lookup:
 * @self: a #HttpAuthCredentialCache
 * @space: a protection space
 *
 * Finds the credential stored for exactly one protection space.
 *
 * Returns: (transfer full) (nullable): the credential for @space
 */
HttpAuthCredential *
http_auth_credential_cache_lookup (HttpAuthCredentialCache *self,
                                   HttpAuthProtectionSpace *space)
{
  return _http_auth_credential_cache_lookup_with_state (self, space, NULL);
}

/**
 * http_auth_credential_cache_lookup_by_path:
 * @self: a #HttpAuthCredentialCache
 * @partition: (nullable): the partition key
 * @target: server or proxy
 * @scheme: the URI scheme
 * @host: the host
 * @port: the port
 * @path: the request path
 * @space: (out) (optional) (transfer full): the matching protection space
 * @credential: (out) (optional) (transfer full): its credential
 *
 * Finds the entry of the same partition, target and origin whose path
 * prefix is the longest match for @path, for sending credentials before
 * the server asks (RFC 9110 §11.5).
 *
 * Returns: %TRUE if an entry matched
 */
gboolean
http_auth_credential_cache_lookup_by_path (HttpAuthCredentialCache  *self,
                                           const char               *partition,
                                           HttpAuthTarget            target,
                                           const char               *scheme,
                                           const char               *host,
                                           guint16                   port,
                                           const char               *path,
                                           HttpAuthProtectionSpace **space,
                                           HttpAuthCredential      **credential)
{
  return _http_auth_credential_cache_lookup_by_path_with_state (self, partition, target, scheme, host, port, path,
                                                                space, credential, NULL);
}
