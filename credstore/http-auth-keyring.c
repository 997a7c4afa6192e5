/* http-auth-keyring.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-keyring"

#include "config.h"

#include "http-auth-keyring.h"

#include <string.h>

/**
 * HttpAuthKeyring:
 *
 * Persistent credentials in the system keyring, through libsecret.
 *
 * Every call is asynchronous; nothing here ever blocks the main loop.
 * Items use a schema of HttpAuth's own (`org.gnome.HttpAuth.Credential`)
 * whose attributes identify the protection space: target, scheme, host,
 * port, realm, auth scheme and partition (empty when not partitioned), plus
 * the user name. Logins saved by GNOME Web and other WebKitGTK
 * applications (`org.gnome.keyring.NetworkPassword`) are read too, never
 * written.
 *
 * A lookup without `unlock` never triggers the keyring's unlock dialog:
 * a locked item is reported as locked, so the caller can unlock only when
 * it is about to prompt the user anyway. When no Secret Service is
 * reachable, the first failure logs one warning and later calls fail
 * quietly with %HTTP_AUTH_ERROR_KEYRING_UNAVAILABLE until one succeeds
 * again.
 */

struct _HttpAuthKeyring
{
  GObject  parent_instance;
  /* Statistics for tests and the CLI; main thread. */
  guint    n_lookups;
  guint    n_stores;
  gboolean warned;
};

G_DEFINE_FINAL_TYPE (HttpAuthKeyring, http_auth_keyring, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (HttpAuthSavedLogin, http_auth_saved_login, http_auth_saved_login_copy, http_auth_saved_login_free)

static const SecretSchema schema = {
  "org.gnome.HttpAuth.Credential", SECRET_SCHEMA_NONE,
  {
    { "target", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "scheme", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { "realm", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "auth-scheme", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "partition", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/**
 * http_auth_saved_login_copy:
 * @self: a #HttpAuthSavedLogin
 *
 * Returns: (transfer full): a copy
 */
HttpAuthSavedLogin *
http_auth_saved_login_copy (const HttpAuthSavedLogin *self)
{
  HttpAuthSavedLogin *copy = g_new0 (HttpAuthSavedLogin, 1);

  copy->space = http_auth_protection_space_ref (self->space);
  copy->username = g_strdup (self->username);
  copy->webkit = self->webkit;

  return copy;
}

/**
 * http_auth_saved_login_free:
 * @self: (transfer full): a #HttpAuthSavedLogin
 *
 * Frees @self.
 */
void
http_auth_saved_login_free (HttpAuthSavedLogin *self)
{
  if (self == NULL)
    return;

  http_auth_protection_space_unref (self->space);
  g_free (self->username);
  g_free (self);
}

/**
 * http_auth_keyring_get_schema:
 *
 * Returns: (transfer none): the libsecret schema of HttpAuth's items
 */
const SecretSchema *
http_auth_keyring_get_schema (void)
{
  return &schema;
}

static void
http_auth_keyring_class_init (HttpAuthKeyringClass *klass)
{
}

static void
http_auth_keyring_init (HttpAuthKeyring *self)
{
}

/**
 * http_auth_keyring_new:
 *
 * Creates a keyring for the default Secret Service (or libsecret's file
 * backend, as `SECRET_BACKEND=file` selects).
 *
 * Returns: (transfer full): a new #HttpAuthKeyring
 */
HttpAuthKeyring *
http_auth_keyring_new (void)
{
  return g_object_new (HTTP_AUTH_TYPE_KEYRING, NULL);
}

/* Attributes of a space in our schema (without the user name). */
static GHashTable *
space_attributes (HttpAuthProtectionSpace *space)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *partition = http_auth_protection_space_get_partition (space);
  const char *realm = http_auth_protection_space_get_realm (space);

  g_hash_table_insert (attributes, (gpointer) "target",
                       g_strdup (http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY
                                 ? "proxy" : "server"));
  g_hash_table_insert (attributes, (gpointer) "scheme", g_strdup (http_auth_protection_space_get_scheme (space)));
  g_hash_table_insert (attributes, (gpointer) "host", g_strdup (http_auth_protection_space_get_host (space)));
  g_hash_table_insert (attributes, (gpointer) "port",
                       g_strdup_printf ("%u", http_auth_protection_space_get_port (space)));
  g_hash_table_insert (attributes, (gpointer) "realm", g_strdup (realm ? realm : ""));
  g_hash_table_insert (attributes, (gpointer) "auth-scheme",
                       g_strdup (http_auth_protection_space_get_auth_scheme (space)));
  g_hash_table_insert (attributes, (gpointer) "partition", g_strdup (partition ? partition : ""));

  return attributes;
}

/* WebKitGTK's items: server, port, protocol, realm in "domain". */
static GHashTable *
webkit_attributes (HttpAuthProtectionSpace *space)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *realm = http_auth_protection_space_get_realm (space);

  g_hash_table_insert (attributes, (gpointer) "server", g_strdup (http_auth_protection_space_get_host (space)));
  g_hash_table_insert (attributes, (gpointer) "port",
                       g_strdup_printf ("%u", http_auth_protection_space_get_port (space)));
  g_hash_table_insert (attributes, (gpointer) "protocol", g_strdup (http_auth_protection_space_get_scheme (space)));
  g_hash_table_insert (attributes, (gpointer) "domain", g_strdup (realm ? realm : ""));

  return attributes;
}

/* Turns a libsecret failure into KEYRING_UNAVAILABLE, warning once per
 * outage so that a missing service is reported clearly but not on every
 * request. */
static GError *
unavailable (HttpAuthKeyring *self,
             GError          *error)
{
  GError *ret;

  if (!self->warned)
    {
      g_warning ("The system keyring is not available (%s); logins stay in memory only",
                 error->message);
      self->warned = TRUE;
    }

  ret = g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_KEYRING_UNAVAILABLE,
                     "The system keyring is not available: %s", error->message);
  g_error_free (error);

  /* libsecret keeps its connection (and session) to the service it first
   * reached; drop it so that a restarted service is found again. */
  secret_service_disconnect ();

  return ret;
}

static void
available (HttpAuthKeyring *self)
{
  if (self->warned)
    g_message ("The system keyring is available again");
  self->warned = FALSE;
}

/* ---- lookup ---- */

typedef struct
{
  HttpAuthProtectionSpace *space;
  SecretSearchFlags        flags;
  gboolean                 webkit;   /* searching WebKit's schema now */
  gboolean                 locked;
  char                    *username;
} Lookup;

typedef struct
{
  HttpAuthCredential *credential;
  gboolean            locked;
} LookupResult;

static void
lookup_free (Lookup *lookup)
{
  http_auth_protection_space_unref (lookup->space);
  g_free (lookup->username);
  g_free (lookup);
}

static void
lookup_result_free (LookupResult *result)
{
  g_clear_pointer (&result->credential, http_auth_credential_unref);
  g_free (result);
}

static void
lookup_return (GTask              *task,
               HttpAuthCredential *credential,
               gboolean            locked)
{
  LookupResult *result = g_new0 (LookupResult, 1);

  result->credential = credential;
  result->locked = locked;
  g_task_return_pointer (task, result, (GDestroyNotify) lookup_result_free);
}

static void lookup_search (GTask *task);

static void
retrieve_cb (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), res, &error);
  if (value == NULL || secret_value_get_text (value) == NULL)
    {
      /* The item is there but its secret cannot be read: locked. */
      g_clear_pointer (&value, secret_value_unref);
      lookup_return (task, NULL, TRUE);
      return;
    }

  lookup_return (task, http_auth_credential_new (lookup->username, secret_value_get_text (value)), FALSE);
  secret_value_unref (value);
}

static void
search_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HttpAuthKeyring *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;
  SecretRetrievable *item;
  g_autoptr(GHashTable) attributes = NULL;
  const char *user;

  items = secret_password_search_finish (res, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable (self, g_steal_pointer (&error)));
      return;
    }
  available (self);

  if (items == NULL)
    {
      if (!lookup->webkit && http_auth_protection_space_get_target (lookup->space) == HTTP_AUTH_TARGET_SERVER)
        {
          /* Nothing of ours: a login WebKitGTK saved may be there. */
          lookup->webkit = TRUE;
          lookup_search (g_steal_pointer (&task));
          return;
        }
      lookup_return (task, NULL, FALSE);
      return;
    }

  item = items->data;
  attributes = secret_retrievable_get_attributes (item);
  user = g_hash_table_lookup (attributes, "user");
  lookup->username = g_strdup (user ? user : "");
  secret_retrievable_retrieve_secret (item, g_task_get_cancellable (task), retrieve_cb, g_object_ref (task));
  g_list_free_full (items, g_object_unref);
}

static void
lookup_search (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = lookup->webkit ? webkit_attributes (lookup->space)
                                                    : space_attributes (lookup->space);
  GCancellable *cancellable = g_task_get_cancellable (task);

  secret_password_searchv (lookup->webkit ? SECRET_SCHEMA_COMPAT_NETWORK : &schema, attributes,
                           lookup->flags, cancellable, search_cb, task);
}

/**
 * http_auth_keyring_lookup_async:
 * @self: a #HttpAuthKeyring
 * @space: the protection space
 * @unlock: whether a locked keyring may be unlocked (this can show the
 *   keyring's own unlock dialog: only do it when about to prompt anyway)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Looks up a saved login for @space: HttpAuth's own items first, then
 * WebKitGTK's for origin servers.
 */
void
http_auth_keyring_lookup_async (HttpAuthKeyring         *self,
                                HttpAuthProtectionSpace *space,
                                gboolean                 unlock,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));
  g_return_if_fail (space != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_lookup_async);
  g_task_set_name (task, "[http-auth] keyring lookup");

  lookup = g_new0 (Lookup, 1);
  lookup->space = http_auth_protection_space_ref (space);
  lookup->flags = SECRET_SEARCH_LOAD_SECRETS | (unlock ? SECRET_SEARCH_UNLOCK : 0);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  self->n_lookups++;
  lookup_search (g_steal_pointer (&task));
}

/**
 * http_auth_keyring_lookup_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @locked: (out) (optional): set to %TRUE when a matching item exists but
 *   is locked (look up again with `unlock` to read it)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the saved credential; %NULL when
 *   none (or locked), or with %HTTP_AUTH_ERROR_KEYRING_UNAVAILABLE
 */
HttpAuthCredential *
http_auth_keyring_lookup_finish (HttpAuthKeyring  *self,
                                 GAsyncResult     *result,
                                 gboolean         *locked,
                                 GError          **error)
{
  LookupResult *r;
  HttpAuthCredential *credential;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (locked != NULL)
    *locked = FALSE;

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;

  if (locked != NULL)
    *locked = r->locked;
  credential = g_steal_pointer (&r->credential);
  lookup_result_free (r);

  return credential;
}

/* ---- store ---- */

typedef struct
{
  GHashTable *attributes;
  char       *label;
  char       *password;
} Store;

static void
store_free (Store *store)
{
  g_hash_table_unref (store->attributes);
  g_free (store->label);
  if (store->password != NULL)
    {
      explicit_bzero (store->password, strlen (store->password));
      g_free (store->password);
    }
  g_free (store);
}

static void
store_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HttpAuthKeyring *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (res, &error))
    {
      g_task_return_error (task, unavailable (self, g_steal_pointer (&error)));
      return;
    }

  available (self);
  g_task_return_boolean (task, TRUE);
}

static void
store_clear_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HttpAuthKeyring *self = g_task_get_source_object (task);
  Store *store = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable (self, g_steal_pointer (&error)));
      return;
    }

  /* The old login of the space is gone: store the new one. */
  cancellable = g_task_get_cancellable (task);
  secret_password_storev (&schema, store->attributes, SECRET_COLLECTION_DEFAULT, store->label,
                          store->password, cancellable, store_cb, g_steal_pointer (&task));
}

/**
 * http_auth_keyring_store_async:
 * @self: a #HttpAuthKeyring
 * @space: the protection space the server accepted @credential for
 * @credential: the credential
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Saves @credential for @space, replacing any login saved for it before.
 * Call it only after the server accepted the credential and the user
 * asked to remember it.
 */
void
http_auth_keyring_store_async (HttpAuthKeyring         *self,
                               HttpAuthProtectionSpace *space,
                               HttpAuthCredential      *credential,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) match = NULL;
  g_autofree char *origin = NULL;
  Store *store;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));
  g_return_if_fail (space != NULL);
  g_return_if_fail (credential != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_store_async);
  g_task_set_name (task, "[http-auth] keyring store");

  origin = http_auth_protection_space_get_origin (space);
  store = g_new0 (Store, 1);
  store->attributes = space_attributes (space);
  g_hash_table_insert (store->attributes, (gpointer) "user",
                       g_strdup (http_auth_credential_get_username (credential)));
  store->label = g_strdup_printf ("%s@%s (%s)", http_auth_credential_get_username (credential), origin,
                                  http_auth_protection_space_get_realm (space)
                                  ? http_auth_protection_space_get_realm (space) : "");
  store->password = g_strdup (http_auth_credential_get_password (credential));
  g_task_set_task_data (task, store, (GDestroyNotify) store_free);

  self->n_stores++;
  match = space_attributes (space);
  secret_password_clearv (&schema, match, cancellable, store_clear_cb, g_steal_pointer (&task));
}

/**
 * http_auth_keyring_store_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the login was saved
 */
gboolean
http_auth_keyring_store_finish (HttpAuthKeyring  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- list ---- */

typedef struct
{
  GPtrArray *logins;
  gboolean   webkit;
} List;

static void
list_free (List *list)
{
  g_ptr_array_unref (list->logins);
  g_free (list);
}

static void list_search (GTask *task);

static HttpAuthSavedLogin *
login_from_attributes (GHashTable *a,
                       gboolean    webkit)
{
  HttpAuthSavedLogin *login;
  const char *scheme = g_hash_table_lookup (a, webkit ? "protocol" : "scheme");
  const char *host = g_hash_table_lookup (a, webkit ? "server" : "host");
  const char *port = g_hash_table_lookup (a, "port");
  const char *realm = g_hash_table_lookup (a, webkit ? "domain" : "realm");
  const char *auth_scheme = g_hash_table_lookup (a, webkit ? "authtype" : "auth-scheme");
  const char *target = g_hash_table_lookup (a, "target");
  const char *partition = g_hash_table_lookup (a, "partition");

  if (scheme == NULL || host == NULL)
    return NULL;

  login = g_new0 (HttpAuthSavedLogin, 1);
  login->space = http_auth_protection_space_new (partition && *partition ? partition : NULL,
                                                 g_strcmp0 (target, "proxy") == 0 ? HTTP_AUTH_TARGET_PROXY
                                                                                   : HTTP_AUTH_TARGET_SERVER,
                                                 scheme, host, port ? (guint16) g_ascii_strtoull (port, NULL, 10) : 0,
                                                 realm, auth_scheme ? auth_scheme : "basic");
  login->username = g_strdup (g_hash_table_lookup (a, "user"));
  login->webkit = webkit;

  return login;
}

static void
list_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HttpAuthKeyring *self = g_task_get_source_object (task);
  List *list = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (res, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable (self, g_steal_pointer (&error)));
      return;
    }
  available (self);

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      HttpAuthSavedLogin *login = login_from_attributes (attributes, list->webkit);

      if (login != NULL)
        g_ptr_array_add (list->logins, login);
    }
  g_list_free_full (items, g_object_unref);

  if (!list->webkit)
    {
      list->webkit = TRUE;
      list_search (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (list->logins), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_search (GTask *task)
{
  List *list = g_task_get_task_data (task);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* Listing reads attributes only: no secret is loaded, nothing unlocked. */
  secret_password_searchv (list->webkit ? SECRET_SCHEMA_COMPAT_NETWORK : &schema, none,
                           SECRET_SEARCH_ALL, cancellable, list_cb, task);
}

/**
 * http_auth_keyring_list_async:
 * @self: a #HttpAuthKeyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Lists the saved logins (protection spaces and user names, never a
 * password), HttpAuth's first, then WebKitGTK's.
 */
void
http_auth_keyring_list_async (HttpAuthKeyring     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  List *list;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_list_async);
  list = g_new0 (List, 1);
  list->logins = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_saved_login_free);
  g_task_set_task_data (task, list, (GDestroyNotify) list_free);
  list_search (g_steal_pointer (&task));
}

/**
 * http_auth_keyring_list_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HttpAuthSavedLogin): the logins
 */
GPtrArray *
http_auth_keyring_list_finish (HttpAuthKeyring  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- forget ---- */

typedef struct
{
  GPtrArray *queries;   /* of GHashTable, cleared one after another */
  guint      next;
} Forget;

static void
forget_free (Forget *forget)
{
  g_ptr_array_unref (forget->queries);
  g_free (forget);
}

static void
forget_next (GTask *task);

static void
forget_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HttpAuthKeyring *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    {
      g_task_return_error (task, unavailable (self, g_steal_pointer (&error)));
      return;
    }

  forget_next (g_steal_pointer (&task));
}

static void
forget_next (GTask *task)
{
  Forget *forget = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (forget->next >= forget->queries->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  secret_password_clearv (&schema, g_ptr_array_index (forget->queries, forget->next++), cancellable,
                          forget_cb, task);
}

/**
 * http_auth_keyring_forget_async:
 * @self: a #HttpAuthKeyring
 * @site: (nullable): a host (`example.com`) or site (`https://example.com`);
 *   %NULL forgets every HttpAuth login
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Forgets HttpAuth's saved logins for a site's origins and those
 * partitioned under it, or all of them. WebKitGTK's items are left alone.
 */
void
http_auth_keyring_forget_async (HttpAuthKeyring     *self,
                                const char          *site,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Forget *forget;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_forget_async);
  forget = g_new0 (Forget, 1);
  forget->queries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  if (site == NULL)
    g_ptr_array_add (forget->queries, g_hash_table_new (g_str_hash, g_str_equal));
  else
    {
      const char *sep = strstr (site, "://");
      g_autofree char *host = g_ascii_strdown (sep ? sep + 3 : site, -1);
      GHashTable *by_host = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      GHashTable *by_partition = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

      host[strcspn (host, ":/")] = '\0';
      g_hash_table_insert (by_host, (gpointer) "host", g_strdup (host));
      g_hash_table_insert (by_partition, (gpointer) "partition", g_strdup (site));
      g_ptr_array_add (forget->queries, by_host);
      g_ptr_array_add (forget->queries, by_partition);
    }

  g_task_set_task_data (task, forget, (GDestroyNotify) forget_free);
  forget_next (g_steal_pointer (&task));
}

/**
 * http_auth_keyring_forget_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
http_auth_keyring_forget_finish (HttpAuthKeyring  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * http_auth_keyring_get_n_lookups:
 * @self: a #HttpAuthKeyring
 *
 * Returns: how many lookups were started (each may make up to two Secret
 *   Service searches: ours, then WebKitGTK's)
 */
guint
http_auth_keyring_get_n_lookups (HttpAuthKeyring *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_KEYRING (self), 0);
  return self->n_lookups;
}

/**
 * http_auth_keyring_get_n_stores:
 * @self: a #HttpAuthKeyring
 *
 * Returns: how many stores were started
 */
guint
http_auth_keyring_get_n_stores (HttpAuthKeyring *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_KEYRING (self), 0);
  return self->n_stores;
}
