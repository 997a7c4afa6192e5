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

/* How the cache is laid out (all of it used on the owner's thread only).
 *
 * An entry is keyed by its origin (partition, target, scheme, host,
 * port) and, within it, by its auth scheme and realm. Three intrusive
 * hash tables index it, none of which walks the cache:
 *
 * - `origins`: one Origin per (partition, target, scheme, host, port)
 *   that has entries, holding those strings once for all of its realms;
 * - `entries`: (origin, auth scheme, realm) -> Entry, for exact lookups,
 *   hashed over the whole key so that they need no probe of `origins`;
 * - `prefixes`: (origin, path prefix) -> Prefix, the per-origin prefix
 *   index. A lookup by path probes it once for each prefix of the path
 *   that could cover it (each `/` boundary, the whole path, the part
 *   before `?`), so it costs the same whatever the number of entries.
 *
 * An entry is one allocation holding its strings; it keeps no
 * HttpAuthProtectionSpace: the spaces that lookups and listings hand out
 * are made from the entry's fields (lookups by path keep the last few
 * they made, in a fixed array of slots, to hand them out again). The credential is held by reference:
 * HttpAuthCredential stays the only owner of a password, and wipes it
 * when the last reference goes, whoever drops it last.
 */

typedef struct _Node   Node;
typedef struct _Origin Origin;
typedef struct _Entry  Entry;
typedef struct _Prefix Prefix;

/* The first field of every indexed structure: its link in a bucket. */
struct _Node
{
  Node *next;
};

typedef guint32 (*NodeHashFunc) (Node *node);

/* A chained hash table whose nodes are the indexed structures
 * themselves: one pointer per bucket, no allocation per item. */
typedef struct
{
  Node   **buckets;
  /* With filters, one 32-bit summary per bucket of the hashes in it (bit
   * hash >> 27 of each): a probe for a key that is not there mostly
   * stops there, without reading a node. */
  guint32 *filters;
  gboolean filtered;
  guint    mask;      /* number of buckets - 1 */
  guint    n_items;
  NodeHashFunc hash;  /* recomputes a node's hash when the table grows */
} Table;

struct _Origin
{
  Node     node;           /* in self->origins */
  guint32  hash;           /* origin_hash() */
  guint32  n_entries;      /* the origin goes with its last entry */
  /* Which prefix lengths its entries have, or had: bit n for length n
   * below 31, bit 31 for the longer ones. A lookup by path probes only
   * those lengths. */
  guint32  prefix_lengths;
  guint16  port;
  guint8   target;
  guint8   has_partition : 1;
  guint8   marked : 1;     /* chosen by a clear_site / clear_partition */
  char     key[];          /* scheme NUL host NUL [partition NUL], lowercased but the partition */
};

struct _Entry
{
  Node                node;        /* in self->entries */
  Entry              *newer;       /* the LRU list, most recent at self->newest */
  Entry              *older;
  Origin             *origin;
  Prefix             *prefixes;    /* most recently used first */
  HttpAuthCredential *credential;  /* a reference; the credential wipes itself */
  GObject            *state;       /* the engine's scheme object, or NULL */
  guint64             used;        /* self->clock at the last use: ties between realms */
  guint32             hash;        /* its hash in self->entries */
  guint8              n_prefixes;
  guint8              has_realm;
  char                key[];       /* auth scheme NUL [realm NUL] */
};

struct _Prefix
{
  Node     node;          /* in self->prefixes */
  Prefix  *sibling;       /* the entry's next prefix, less recently used */
  Entry   *entry;
  guint32  len;
  char     path[];
};

/* The spaces lookups by path handed out last, one slot per entry (by its
 * address): a page's requests ask for the same few spaces again and
 * again, and each would otherwise make a new HttpAuthProtectionSpace. */
#define N_SPACE_SLOTS 64

typedef struct
{
  Entry                   *entry;
  HttpAuthProtectionSpace *space;
} SpaceSlot;

struct _HttpAuthCredentialCache
{
  GObject  parent_instance;

  /* The three indexes described above; the owner's thread. */
  Table    origins;
  Table    entries;
  Table    prefixes;

  /* The LRU list of entries. */
  Entry   *newest;
  Entry   *oldest;
  guint64  clock;

  guint    max_entries;

  SpaceSlot space_slots[N_SPACE_SLOTS];
};

G_DEFINE_FINAL_TYPE (HttpAuthCredentialCache, http_auth_credential_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_ENTRIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Hashing ---- */

/* The last step of every hash, down to the 32 bits a table uses. */
static inline guint32
finish_hash (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return (guint32) h;
}

static inline guint64
hash_word (guint64 h,
           guint64 w)
{
  h = (h ^ w) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 29);
}

/* Hashes @s eight bytes at a time; the length goes in too, so that
 * ("ab", "c") and ("a", "bc") differ. */
static guint64
hash_string (guint64     h,
             const char *s)
{
  gsize len = strlen (s);
  guint64 w = len;

  for (; len >= 8; s += 8, len -= 8)
    {
      guint64 word;

      memcpy (&word, s, 8);
      h = hash_word (h, w ^ word);
      w = 0;
    }
  for (gsize i = 0; i < len; i++)
    w ^= (guint64) (guchar) s[i] << (8 * i + 8);

  return hash_word (h, w);
}

/* Origins are keyed by lowercase scheme and host (as spaces hold them;
 * lookups by path lowercase theirs first). The scheme is left out of
 * the hash (the port nearly always tells "http" from "https"); it is
 * compared all the same. */
static guint32
origin_hash (const char     *partition,
             HttpAuthTarget  target,
             const char     *host,
             guint16         port)
{
  guint64 h = G_GUINT64_CONSTANT (0x243f6a8885a308d3);

  h = hash_string (h, host);
  h = hash_word (h, ((guint64) port << 8) | (guint64) target << 1 | (partition != NULL));
  if (partition != NULL)
    h = hash_string (h, partition);

  return finish_hash (h);
}

/* The auth scheme is compared, not hashed: realms tell entries apart. */
static guint32
entry_hash (guint32     oh,
            const char *realm)
{
  guint64 h = oh;

  /* No realm and realm="" are two spaces. */
  h = realm != NULL ? hash_string (h, realm) : hash_word (h, 1);

  return finish_hash (h);
}

/* The hash of a prefix continues the origin's over the prefix bytes, one
 * at a time, so that a lookup by path hashes the path once, left to
 * right, and probes the table at each length that may match. */
static inline guint64
prefix_hash_start (Origin *origin)
{
  return origin->hash;
}

static inline guint64
prefix_hash_step (guint64 h,
                  guchar  c)
{
  return h * 33 + c;
}

static guint32
prefix_hash (Origin     *origin,
             const char *path,
             gsize       len)
{
  guint64 h = prefix_hash_start (origin);

  for (gsize i = 0; i < len; i++)
    h = prefix_hash_step (h, path[i]);

  return finish_hash (h);
}

/* ---- The tables ---- */

static void
table_init (Table        *table,
            NodeHashFunc  hash,
            gboolean      filtered)
{
  table->buckets = NULL;
  table->filters = NULL;
  table->filtered = filtered;
  table->mask = 0;
  table->n_items = 0;
  table->hash = hash;
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->buckets, g_free);
  g_clear_pointer (&table->filters, g_free);
  table->mask = 0;
  table->n_items = 0;
}

static inline guint32
filter_bit (guint32 hash)
{
  return 1u << (hash >> 27);
}

static inline Node *
table_first (Table   *table,
             guint32  hash)
{
  guint32 b = hash & table->mask;

  if (table->buckets == NULL)
    return NULL;
  if (table->filters != NULL && (table->filters[b] & filter_bit (hash)) == 0)
    return NULL;
  return table->buckets[b];
}

/* Keeps at most one item per bucket on average. */
static void
table_grow (Table *table)
{
  guint n_buckets = table->buckets != NULL ? (table->mask + 1) * 2 : 8;
  Node **buckets = g_new0 (Node *, n_buckets);
  guint32 *filters = table->filtered ? g_new0 (guint32, n_buckets) : NULL;

  for (guint i = 0; table->buckets != NULL && i <= table->mask; i++)
    {
      Node *node = table->buckets[i];

      while (node != NULL)
        {
          Node *next = node->next;
          guint32 hash = table->hash (node);
          guint32 b = hash & (n_buckets - 1);

          node->next = buckets[b];
          buckets[b] = node;
          if (filters != NULL)
            filters[b] |= filter_bit (hash);
          node = next;
        }
    }

  g_free (table->buckets);
  table->buckets = buckets;
  g_free (table->filters);
  table->filters = filters;
  table->mask = n_buckets - 1;
}

static void
table_insert (Table   *table,
              Node    *node,
              guint32  hash)
{
  guint32 b;

  if (table->buckets == NULL || table->n_items >= table->mask + 1)
    table_grow (table);

  b = hash & table->mask;
  node->next = table->buckets[b];
  table->buckets[b] = node;
  if (table->filters != NULL)
    table->filters[b] |= filter_bit (hash);
  table->n_items++;
}

static void
table_remove (Table   *table,
              Node    *node,
              guint32  hash)
{
  guint32 b = hash & table->mask;
  Node **link = &table->buckets[b];

  while (*link != node)
    {
      g_assert (*link != NULL);
      link = &(*link)->next;
    }
  *link = node->next;
  table->n_items--;

  /* The bucket's summary is remade from what stays in it. */
  if (table->filters != NULL)
    {
      table->filters[b] = 0;
      for (Node *n = table->buckets[b]; n != NULL; n = n->next)
        table->filters[b] |= filter_bit (table->hash (n));
    }
}

/* ---- Origins ---- */

static inline const char *
origin_get_scheme (Origin *origin)
{
  return origin->key;
}

static inline const char *
origin_get_host (Origin *origin)
{
  return origin->key + strlen (origin->key) + 1;
}

static inline const char *
origin_get_partition (Origin *origin)
{
  const char *host;

  if (!origin->has_partition)
    return NULL;
  host = origin_get_host (origin);
  return host + strlen (host) + 1;
}

static guint32
origin_node_hash (Node *node)
{
  return ((Origin *) node)->hash;
}

/* Is @origin the one of these fields (scheme and host lowercase)? */
static inline gboolean
origin_equal (Origin         *origin,
              const char     *partition,
              HttpAuthTarget  target,
              const char     *scheme,
              const char     *host,
              guint16         port)
{
  const char *origin_host;

  if (origin->port != port || origin->target != target || origin->has_partition != (partition != NULL) ||
      strcmp (origin->key, scheme) != 0)
    return FALSE;

  origin_host = origin->key + strlen (origin->key) + 1;
  if (strcmp (origin_host, host) != 0)
    return FALSE;

  return partition == NULL || strcmp (origin_host + strlen (origin_host) + 1, partition) == 0;
}

static Origin *
origin_find (HttpAuthCredentialCache *self,
             guint32                  hash,
             const char              *partition,
             HttpAuthTarget           target,
             const char              *scheme,
             const char              *host,
             guint16                  port)
{
  for (Node *node = table_first (&self->origins, hash); node != NULL; node = node->next)
    {
      Origin *origin = (Origin *) node;

      if (origin->hash == hash && origin_equal (origin, partition, target, scheme, host, port))
        return origin;
    }

  return NULL;
}

static Origin *
origin_find_for_space (HttpAuthCredentialCache *self,
                       HttpAuthProtectionSpace *space,
                       guint32                 *hash)
{
  const char *partition = http_auth_protection_space_get_partition (space);
  HttpAuthTarget target = http_auth_protection_space_get_target (space);
  const char *scheme = http_auth_protection_space_get_scheme (space);
  const char *host = http_auth_protection_space_get_host (space);
  guint16 port = http_auth_protection_space_get_port (space);

  *hash = origin_hash (partition, target, host, port);
  return origin_find (self, *hash, partition, target, scheme, host, port);
}

static Origin *
origin_insert_for_space (HttpAuthCredentialCache *self,
                         HttpAuthProtectionSpace *space,
                         guint32                  hash)
{
  const char *partition = http_auth_protection_space_get_partition (space);
  const char *scheme = http_auth_protection_space_get_scheme (space);
  const char *host = http_auth_protection_space_get_host (space);
  gsize scheme_len = strlen (scheme) + 1;
  gsize host_len = strlen (host) + 1;
  gsize partition_len = partition != NULL ? strlen (partition) + 1 : 0;
  Origin *origin;

  origin = g_malloc (G_STRUCT_OFFSET (Origin, key) + scheme_len + host_len + partition_len);
  origin->hash = hash;
  origin->n_entries = 0;
  origin->prefix_lengths = 0;
  origin->port = http_auth_protection_space_get_port (space);
  origin->target = http_auth_protection_space_get_target (space);
  origin->has_partition = partition != NULL;
  origin->marked = FALSE;
  /* The space lowercased scheme and host already. */
  memcpy (origin->key, scheme, scheme_len);
  memcpy (origin->key + scheme_len, host, host_len);
  if (partition != NULL)
    memcpy (origin->key + scheme_len + host_len, partition, partition_len);

  table_insert (&self->origins, &origin->node, hash);

  return origin;
}

/* ---- Entries ---- */

static inline const char *
entry_get_auth_scheme (Entry *entry)
{
  return entry->key;
}

static inline const char *
entry_get_realm (Entry *entry)
{
  return entry->has_realm ? entry->key + strlen (entry->key) + 1 : NULL;
}

static guint32
entry_node_hash (Node *node)
{
  return ((Entry *) node)->hash;
}

static inline gboolean
entry_has_key (Entry      *entry,
               const char *auth_scheme,
               const char *realm)
{
  return entry->has_realm == (realm != NULL) && strcmp (entry_get_auth_scheme (entry), auth_scheme) == 0 &&
         (realm == NULL || strcmp (entry_get_realm (entry), realm) == 0);
}

/* The entry of (@origin, @auth_scheme, @realm), or %NULL. */
static Entry *
entry_find (HttpAuthCredentialCache *self,
            Origin                  *origin,
            const char              *auth_scheme,
            const char              *realm,
            guint32                  hash)
{
  for (Node *node = table_first (&self->entries, hash); node != NULL; node = node->next)
    {
      Entry *entry = (Entry *) node;

      if (entry->hash == hash && entry->origin == origin && entry_has_key (entry, auth_scheme, realm))
        return entry;
    }

  return NULL;
}

/* The entry of @space, or %NULL. An exact lookup goes to the entry
 * directly, without the origins table: the hash of the whole key picks
 * the bucket, and the entry's origin is compared field by field. */
static Entry *
entry_find_for_space (HttpAuthCredentialCache *self,
                      HttpAuthProtectionSpace *space)
{
  const char *partition = http_auth_protection_space_get_partition (space);
  HttpAuthTarget target = http_auth_protection_space_get_target (space);
  const char *scheme = http_auth_protection_space_get_scheme (space);
  const char *host = http_auth_protection_space_get_host (space);
  guint16 port = http_auth_protection_space_get_port (space);
  const char *auth_scheme = http_auth_protection_space_get_auth_scheme (space);
  const char *realm = http_auth_protection_space_get_realm (space);
  guint32 oh = origin_hash (partition, target, host, port);
  guint32 hash = entry_hash (oh, realm);

  for (Node *node = table_first (&self->entries, hash); node != NULL; node = node->next)
    {
      Entry *entry = (Entry *) node;

      if (entry->hash == hash && entry->origin->hash == oh && entry_has_key (entry, auth_scheme, realm) &&
          origin_equal (entry->origin, partition, target, scheme, host, port))
        return entry;
    }

  return NULL;
}

static HttpAuthProtectionSpace *
entry_dup_space (Entry *entry)
{
  Origin *origin = entry->origin;

  return http_auth_protection_space_new (origin_get_partition (origin), origin->target, origin_get_scheme (origin),
                                         origin_get_host (origin), origin->port, entry_get_realm (entry),
                                         entry_get_auth_scheme (entry));
}

static inline SpaceSlot *
space_slot (HttpAuthCredentialCache *self,
            Entry                   *entry)
{
  return &self->space_slots[(GPOINTER_TO_SIZE (entry) >> 4) % N_SPACE_SLOTS];
}

/* A space equal to @entry's, shared with the previous lookup that found
 * it while it stays in its slot. */
static HttpAuthProtectionSpace *
entry_ref_space (HttpAuthCredentialCache *self,
                 Entry                   *entry)
{
  SpaceSlot *slot = space_slot (self, entry);

  if (slot->entry != entry)
    {
      g_clear_pointer (&slot->space, http_auth_protection_space_unref);
      slot->entry = entry;
      slot->space = entry_dup_space (entry);
    }

  return http_auth_protection_space_ref (slot->space);
}

/* Makes @entry the most recently used. */
static void
touch (HttpAuthCredentialCache *self,
       Entry                   *entry)
{
  entry->used = ++self->clock;
  if (self->newest == entry)
    return;

  /* Unlink (it is not the newest, so it has a newer one)... */
  if (entry->newer != NULL)
    {
      entry->newer->older = entry->older;
      if (entry->older != NULL)
        entry->older->newer = entry->newer;
      else
        self->oldest = entry->newer;
    }

  /* ... and put it first. */
  entry->newer = NULL;
  entry->older = self->newest;
  if (self->newest != NULL)
    self->newest->newer = entry;
  self->newest = entry;
  if (self->oldest == NULL)
    self->oldest = entry;
}

static guint32
prefix_node_hash (Node *node)
{
  Prefix *prefix = (Prefix *) node;

  return prefix_hash (prefix->entry->origin, prefix->path, prefix->len);
}

static void
prefix_free (HttpAuthCredentialCache *self,
             Prefix                  *prefix)
{
  table_remove (&self->prefixes, &prefix->node, prefix_node_hash (&prefix->node));
  g_free (prefix);
}

/* Removes @entry from every index and frees it. */
static void
remove_entry (HttpAuthCredentialCache *self,
              Entry                   *entry)
{
  Origin *origin = entry->origin;
  HttpAuthCredential *credential = entry->credential;
  GObject *state = entry->state;
  SpaceSlot *slot = space_slot (self, entry);
  HttpAuthProtectionSpace *space = NULL;

  if (slot->entry == entry)
    {
      space = g_steal_pointer (&slot->space);
      slot->entry = NULL;
    }

  if (entry->newer != NULL)
    entry->newer->older = entry->older;
  else
    self->newest = entry->older;
  if (entry->older != NULL)
    entry->older->newer = entry->newer;
  else
    self->oldest = entry->newer;

  while (entry->prefixes != NULL)
    {
      Prefix *prefix = entry->prefixes;

      entry->prefixes = prefix->sibling;
      prefix_free (self, prefix);
    }
  table_remove (&self->entries, &entry->node, entry_node_hash (&entry->node));
  g_free (entry);

  if (--origin->n_entries == 0)
    {
      table_remove (&self->origins, &origin->node, origin->hash);
      g_free (origin);
    }

  /* Last, once the cache is consistent again: the state's finalizer may
   * be arbitrary code. */
  http_auth_credential_unref (credential);
  g_clear_object (&state);
  g_clear_pointer (&space, http_auth_protection_space_unref);
}

static void
remove_all (HttpAuthCredentialCache *self)
{
  while (self->oldest != NULL)
    remove_entry (self, self->oldest);

  table_clear (&self->origins);
  table_clear (&self->entries);
  table_clear (&self->prefixes);
}

static void
http_auth_credential_cache_finalize (GObject *object)
{
  HttpAuthCredentialCache *self = HTTP_AUTH_CREDENTIAL_CACHE (object);

  remove_all (self);

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
  /* Only exact lookups miss often enough to pay for filters; the
   * others are small next to what a lookup by path costs. */
  table_init (&self->origins, origin_node_hash, FALSE);
  table_init (&self->entries, entry_node_hash, TRUE);
  table_init (&self->prefixes, prefix_node_hash, FALSE);
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

/* Makes @prefix, which @previous precedes in its entry's list (or %NULL
 * when it is first), the entry's most recently used prefix. */
static void
touch_prefix (Entry  *entry,
              Prefix *prefix,
              Prefix *previous)
{
  if (previous == NULL)
    return;

  previous->sibling = prefix->sibling;
  prefix->sibling = entry->prefixes;
  entry->prefixes = prefix;
}

static inline guint32
length_bit (gsize len)
{
  return 1u << MIN (len, 31);
}

/* Adds @path as the entry's most recently used prefix, dropping the least
 * recently used past the bound: a server that varies its Digest `domain`
 * list, or a site with many directories, cannot grow an entry without
 * end. */
static void
add_prefix (HttpAuthCredentialCache *self,
            Entry                   *entry,
            const char              *path)
{
  gsize len = strlen (path);
  Prefix *previous = NULL;
  Prefix *prefix;

  for (prefix = entry->prefixes; prefix != NULL; previous = prefix, prefix = prefix->sibling)
    if (prefix->len == len && memcmp (prefix->path, path, len) == 0)
      {
        touch_prefix (entry, prefix, previous);
        return;
      }

  entry->origin->prefix_lengths |= length_bit (len);
  prefix = g_malloc (G_STRUCT_OFFSET (Prefix, path) + len + 1);
  prefix->entry = entry;
  prefix->len = len;
  memcpy (prefix->path, path, len + 1);
  prefix->sibling = entry->prefixes;
  entry->prefixes = prefix;
  table_insert (&self->prefixes, &prefix->node, prefix_hash (entry->origin, path, len));

  if (++entry->n_prefixes > HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES)
    {
      Prefix **last = &entry->prefixes;

      while ((*last)->sibling != NULL)
        last = &(*last)->sibling;
      prefix_free (self, g_steal_pointer (last));
      entry->n_prefixes--;
    }
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
  const char *auth_scheme;
  const char *realm;
  guint32 oh;
  guint32 hash;
  Origin *origin;
  Entry *entry;

  g_return_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self));
  g_return_if_fail (space != NULL);
  g_return_if_fail (credential != NULL);
  g_return_if_fail (state == NULL || G_IS_OBJECT (state));

  auth_scheme = http_auth_protection_space_get_auth_scheme (space);
  realm = http_auth_protection_space_get_realm (space);

  origin = origin_find_for_space (self, space, &oh);
  if (origin == NULL)
    origin = origin_insert_for_space (self, space, oh);

  hash = entry_hash (oh, realm);
  entry = entry_find (self, origin, auth_scheme, realm, hash);
  if (entry == NULL)
    {
      gsize auth_len = strlen (auth_scheme) + 1;
      gsize realm_len = realm != NULL ? strlen (realm) + 1 : 0;

      entry = g_malloc0 (G_STRUCT_OFFSET (Entry, key) + auth_len + realm_len);
      entry->origin = origin;
      entry->hash = hash;
      entry->has_realm = realm != NULL;
      memcpy (entry->key, auth_scheme, auth_len);
      if (realm != NULL)
        memcpy (entry->key + auth_len, realm, realm_len);
      origin->n_entries++;
      table_insert (&self->entries, &entry->node, hash);
    }
  touch (self, entry);

  if (entry->credential != credential)
    {
      HttpAuthCredential *old = g_steal_pointer (&entry->credential);

      entry->credential = http_auth_credential_ref (credential);
      g_clear_pointer (&old, http_auth_credential_unref);
    }
  g_set_object (&entry->state, state);

  if (path_prefixes == NULL || path_prefixes[0] == NULL)
    add_prefix (self, entry, "/");
  for (guint i = 0; path_prefixes != NULL && path_prefixes[i] != NULL; i++)
    add_prefix (self, entry, path_prefixes[i]);

  while (self->entries.n_items > self->max_entries)
    remove_entry (self, self->oldest);
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

  entry = entry_find_for_space (self, space);
  if (entry == NULL)
    return NULL;

  touch (self, entry);
  if (state != NULL)
    *state = entry->state ? g_object_ref (entry->state) : NULL;

  return http_auth_credential_ref (entry->credential);
}

/* @s lowercased, in @buf when it fits, else in a new string stored in
 * @heap. */
static const char *
ascii_down (const char  *s,
            char        *buf,
            gsize        size,
            char       **heap)
{
  gsize len = strlen (s);
  char *out = len < size ? buf : (*heap = g_malloc (len + 1));

  for (gsize i = 0; i <= len; i++)
    out[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i];

  return out;
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
  char scheme_buf[32];
  char host_buf[256];
  g_autofree char *scheme_heap = NULL;
  g_autofree char *host_heap = NULL;
  Origin *origin;
  Prefix *best = NULL;
  guint64 h;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), FALSE);
  g_return_val_if_fail (scheme != NULL && host != NULL && path != NULL, FALSE);

  if (target == HTTP_AUTH_TARGET_PROXY)
    partition = NULL;

  /* The URI's scheme and host, lowercased as the spaces hold them. */
  scheme = ascii_down (scheme, scheme_buf, sizeof scheme_buf, &scheme_heap);
  host = ascii_down (host, host_buf, sizeof host_buf, &host_heap);

  origin = origin_find (self, origin_hash (partition, target, host, port), partition, target, scheme,
                        host, port);
  if (origin == NULL)
    return FALSE;

  /* Every prefix that may cover the path, shortest first: a longer match
   * replaces a shorter one. Among entries with the same prefix (realms
   * that all cover "/"), the most recently used wins. */
  h = prefix_hash_start (origin);
  for (gsize i = 0, before = '/';; i++)
    {
      guchar c = path[i];

      /* "/docs" covers "/docs", "/docs/x" and "/docs?q", not "/docsx"; a
       * prefix ending in "/" covers everything below it. */
      if ((before == '/' || c == '\0' || c == '/' || c == '?') &&
          (origin->prefix_lengths & length_bit (i)) != 0)
        {
          Prefix *found = NULL;

          for (Node *node = table_first (&self->prefixes, finish_hash (h)); node != NULL; node = node->next)
            {
              Prefix *prefix = (Prefix *) node;

              if (prefix->len == i && prefix->entry->origin == origin && memcmp (prefix->path, path, i) == 0 &&
                  (found == NULL || prefix->entry->used > found->entry->used))
                found = prefix;
            }
          if (found != NULL)
            best = found;
        }

      if (c == '\0')
        break;
      h = prefix_hash_step (h, c);
      before = c;
    }

  if (best == NULL)
    return FALSE;

  touch (self, best->entry);
  {
    Prefix *previous = NULL;

    for (Prefix *p = best->entry->prefixes; p != best; p = p->sibling)
      previous = p;
    touch_prefix (best->entry, best, previous);
  }

  if (space != NULL)
    *space = entry_ref_space (self, best->entry);
  if (credential != NULL)
    *credential = http_auth_credential_ref (best->entry->credential);
  if (state != NULL)
    *state = best->entry->state ? g_object_ref (best->entry->state) : NULL;

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

  entry = entry_find_for_space (self, space);
  if (entry == NULL)
    return FALSE;

  remove_entry (self, entry);
  return TRUE;
}

/* Removes the entries whose origin is marked; their origins go with them. */
static guint
remove_marked (HttpAuthCredentialCache *self)
{
  guint removed = 0;
  Entry *entry = self->newest;

  while (entry != NULL)
    {
      Entry *older = entry->older;

      if (entry->origin->marked)
        {
          remove_entry (self, entry);
          removed++;
        }
      entry = older;
    }

  return removed;
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
  gboolean any = FALSE;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), 0);
  g_return_val_if_fail (site != NULL, 0);

  /* Being of a site depends on the host and the partition only: one
   * question per origin, in the words of the one definition. */
  for (guint i = 0; self->origins.buckets != NULL && i <= self->origins.mask; i++)
    for (Node *node = self->origins.buckets[i]; node != NULL; node = node->next)
      {
        Origin *origin = (Origin *) node;
        g_autoptr(HttpAuthProtectionSpace) space =
          http_auth_protection_space_new (origin_get_partition (origin), origin->target, origin_get_scheme (origin),
                                          origin_get_host (origin), origin->port, NULL, "none");

        origin->marked = http_auth_protection_space_is_of_site (space, site);
        any |= origin->marked;
      }

  return any ? remove_marked (self) : 0;
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
  gboolean any = FALSE;

  g_return_val_if_fail (HTTP_AUTH_IS_CREDENTIAL_CACHE (self), 0);
  g_return_val_if_fail (partition != NULL, 0);

  context = partition_context (partition);

  for (guint i = 0; self->origins.buckets != NULL && i <= self->origins.mask; i++)
    for (Node *node = self->origins.buckets[i]; node != NULL; node = node->next)
      {
        Origin *origin = (Origin *) node;
        const char *origin_partition = origin_get_partition (origin);

        origin->marked = origin_partition != NULL &&
                         (context != NULL ? g_str_has_prefix (origin_partition, context)
                                          : g_str_equal (origin_partition, partition));
        any |= origin->marked;
      }

  return any ? remove_marked (self) : 0;
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

  remove_all (self);
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

  return self->entries.n_items;
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

  spaces = g_ptr_array_new_full (self->entries.n_items, (GDestroyNotify) http_auth_protection_space_unref);
  for (Entry *entry = self->newest; entry != NULL; entry = entry->older)
    g_ptr_array_add (spaces, entry_dup_space (entry));

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
