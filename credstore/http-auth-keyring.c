/* http-auth-keyring.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-keyring"

#include "config.h"

#include "http-auth-keyring.h"
#include "http-auth-keyring-private.h"
#include "http-auth-credential-private.h"
#include "http-auth-keyring-schema-private.h"

#include <string.h>

/**
 * HttpAuthKeyring:
 *
 * Persistent credentials in the system keyring, through libsecret.
 *
 * Every call is asynchronous; nothing here ever blocks the main loop: the
 * libsecret work runs on the keyring's own worker thread, one operation at
 * a time, and the results come back to the caller's main context.
 * Items use a schema of HttpAuth's own (`org.gnome.HttpAuth.Credential`)
 * whose attributes identify the protection space: target, scheme, host,
 * port, realm, auth scheme and partition (empty when not partitioned), plus
 * the user name. Logins saved by GNOME Web and other WebKitGTK
 * applications (`org.gnome.keyring.NetworkPassword`) are read too, never
 * written. A lookup matches the auth scheme exactly in both schemas, so
 * a login saved for Digest is never sent for a Basic challenge.
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
  GObject      parent_instance;
  /* The one exclusive thread that runs libsecret's blocking calls, a Job
   * at a time; owned, freed in finalize. */
  GThreadPool *worker;
  /* Statistics for tests and the CLI; main thread. */
  guint        n_lookups;
  guint        n_stores;
  gboolean     warned;
  /* Saves not completed yet, and flush tasks waiting for them; main
   * thread. */
  guint        stores_in_flight;
  GQueue       flushes;
};

G_DEFINE_FINAL_TYPE (HttpAuthKeyring, http_auth_keyring, G_TYPE_OBJECT)

/**
 * http_auth_keyring_get_schema:
 * @self: a #HttpAuthKeyring
 *
 * The libsecret schema of the items this keyring saves, for an
 * application that lists or removes them with libsecret itself.
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
http_auth_keyring_get_schema (HttpAuthKeyring *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_KEYRING (self), NULL);

  return _http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
}

/* libsecret work runs on the keyring's worker, with libsecret's blocking
 * calls, one operation at a time: its Diffie-Hellman session setup, the
 * file backend's encryption and the D-Bus round trips then cost the main
 * loop nothing. (The async libsecret API would run that CPU work on the
 * main thread.) The worker is a GThreadPool of one exclusive thread owned
 * by the keyring, so a slow or hung Secret Service never holds a thread of
 * GTask's shared pool. Results and errors come back to the caller's main
 * context through the GTask. */

/* A worker job: the task (owned) and what to run for it. */
typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Job;

/* Only the keyring workers take this lock, around each job: libsecret's
 * file backend is one object per process that must not be used from two
 * threads at once, and two keyrings have two workers. No thread outside
 * them ever waits for it. */
static GMutex libsecret_lock;

/* The keyring whose job the current thread is running, if any. */
static GPrivate running_for = G_PRIVATE_INIT (NULL);

/* The worker thread: runs one job. Dropping the job's task may drop the
 * last reference to the keyring, whose finalize then runs here. */
static void
worker_run_cb (gpointer data,
               gpointer user_data)
{
  Job *job = data;
  g_autoptr(GTask) task = g_steal_pointer (&job->task);
  GTaskThreadFunc func = job->func;

  g_free (job);
  g_private_set (&running_for, user_data);

  /* Nothing to do for a caller that gave up while the job was queued. */
  if (!g_task_return_error_if_cancelled (task))
    {
      g_mutex_lock (&libsecret_lock);
      func (task, g_task_get_source_object (task), g_task_get_task_data (task), g_task_get_cancellable (task));
      g_mutex_unlock (&libsecret_lock);
    }

  g_clear_object (&task);
  g_private_set (&running_for, NULL);
}

/* Queues @task (transfer full) on the keyring's worker. */
static void
worker_push (HttpAuthKeyring *self,
             GTask           *task,
             GTaskThreadFunc  func)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (g_task_get_source_object (task) == self);

  job->task = task;
  job->func = func;
  /* An exclusive pool's thread already runs: pushing cannot fail. */
  g_thread_pool_push (self->worker, job, &error);
  g_assert_no_error (error);
}

static void
http_auth_keyring_finalize (GObject *object)
{
  HttpAuthKeyring *self = HTTP_AUTH_KEYRING (object);

  /* Every job holds a task, which holds the keyring: none is queued. When
   * the worker itself dropped the last reference, it cannot wait for
   * itself; the pool goes when its thread is done. */
  g_thread_pool_free (self->worker, FALSE, g_private_get (&running_for) != self);

  G_OBJECT_CLASS (http_auth_keyring_parent_class)->finalize (object);
}

static void
http_auth_keyring_class_init (HttpAuthKeyringClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = http_auth_keyring_finalize;
}

static void
http_auth_keyring_init (HttpAuthKeyring *self)
{
  g_autoptr(GError) error = NULL;

  g_queue_init (&self->flushes);
  self->worker = g_thread_pool_new (worker_run_cb, self, 1, TRUE, &error);
  if (self->worker == NULL)
    g_error ("Could not start the keyring's worker thread: %s", error->message);
}

static void
complete_flushes (HttpAuthKeyring *self)
{
  GTask *task;

  if (self->stores_in_flight > 0)
    return;
  while ((task = g_queue_pop_head (&self->flushes)) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

/* A save's task completed (its callback has run): main thread. */
static void
store_completed_cb (GTask           *task,
                    GParamSpec      *pspec,
                    HttpAuthKeyring *self)
{
  self->stores_in_flight--;
  complete_flushes (self);
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

/* Turns a libsecret failure into KEYRING_UNAVAILABLE, warning once per
 * outage so that a missing service is reported clearly but not on every
 * request. Main thread. */
static GError *
unavailable (HttpAuthKeyring *self,
             GError          *error)
{
  GError *ret;

  if (g_error_matches (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_KEYRING_UNAVAILABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

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

/* Ends a worker whose only result is success or @error. */
static void
worker_return_done (GTask  *task,
                    GError *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

/* Propagates a worker's result, reporting the keyring's state. */
static gpointer
finish_pointer (HttpAuthKeyring  *self,
                GAsyncResult     *result,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer ret = g_task_propagate_pointer (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, unavailable (self, g_steal_pointer (&local_error)));
      return NULL;
    }

  available (self);
  return ret;
}

/* ---- lookup ---- */

typedef struct
{
  HttpAuthProtectionSpace *space;
  SecretSearchFlags        flags;
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
  g_free (lookup);
}

static void
lookup_result_free (LookupResult *result)
{
  g_clear_pointer (&result->credential, http_auth_credential_unref);
  g_free (result);
}

/* Worker thread: finds the first matching item and reads its secret. */
static gboolean
search_one (const SecretSchema  *search_schema,
            GHashTable          *attributes,
            SecretSearchFlags    flags,
            GCancellable        *cancellable,
            LookupResult        *result,
            GError             **error)
{
  GList *items = secret_password_searchv_sync (search_schema, attributes, flags, cancellable, error);
  g_autoptr(GHashTable) item_attributes = NULL;
  g_autoptr(GError) secret_error = NULL;
  SecretValue *value;
  const char *user;

  if (items == NULL)
    return FALSE;

  item_attributes = secret_retrievable_get_attributes (items->data);
  user = g_hash_table_lookup (item_attributes, "user");
  value = secret_retrievable_retrieve_secret_sync (items->data, cancellable, &secret_error);
  g_list_free_full (items, g_object_unref);

  if (value == NULL || secret_value_get_text (value) == NULL)
    {
      /* The item is there but its secret cannot be read: locked. */
      g_clear_pointer (&value, secret_value_unref);
      result->locked = TRUE;
      return TRUE;
    }

  result->credential = http_auth_credential_new (user ? user : "", secret_value_get_text (value));
  secret_value_unref (value);

  return TRUE;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  LookupResult *result = g_new0 (LookupResult, 1);
  g_autoptr(GHashTable) ours = _http_auth_keyring_schema_attributes (lookup->space, NULL);
  g_autoptr(GError) error = NULL;
  gboolean found;

  found = search_one (_http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH), ours, lookup->flags, cancellable, result, &error);
  /* Nothing of ours: a login WebKitGTK saved may be there. */
  if (!found && error == NULL && http_auth_protection_space_get_target (lookup->space) == HTTP_AUTH_TARGET_SERVER)
    {
      g_autoptr(GHashTable) webkit = _http_auth_keyring_schema_webkit_attributes (lookup->space);

      if (webkit != NULL)
        search_one (_http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT), webkit,
                    lookup->flags, cancellable, result, &error);
    }

  if (error != NULL)
    {
      lookup_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) lookup_result_free);
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
  worker_push (self, g_steal_pointer (&task), lookup_thread);
}

/**
 * http_auth_keyring_lookup_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @locked: (out) (optional): set to %TRUE when a matching item exists but
 *   is locked (look up again with `unlock` to read it)
 * @error: return location for a #GError
 *
 * Finishes an operation started with [method@HttpAuth.Keyring.lookup_async].
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

  r = finish_pointer (self, result, error);
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
  GHashTable *match;
  GHashTable *attributes;
  char       *label;
  char       *password;
} Store;

static void
store_free (Store *store)
{
  g_hash_table_unref (store->match);
  g_hash_table_unref (store->attributes);
  g_free (store->label);
  _http_auth_secure_free (store->password);
  g_free (store);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const SecretSchema *schema = _http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  Store *store = task_data;
  g_autoptr(GError) error = NULL;

  /* The old login of the space goes, then the new one is stored. */
  secret_password_clearv_sync (schema, store->match, cancellable, &error);
  if (error == NULL)
    secret_password_storev_sync (schema, store->attributes, SECRET_COLLECTION_DEFAULT, store->label,
                                 store->password, cancellable, &error);

  worker_return_done (task, g_steal_pointer (&error));
}

static void
store_report_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!http_auth_keyring_store_finish (HTTP_AUTH_KEYRING (object), result, &error))
    g_debug ("Keyring store failed: %s", error->message);
}

/**
 * http_auth_keyring_store_async:
 * @self: a #HttpAuthKeyring
 * @space: the protection space the server accepted @credential for
 * @credential: the credential
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when done, or %NULL
 * @user_data: data for @callback
 *
 * Saves @credential for @space, replacing any login saved for it before.
 * Call it only after the server accepted the credential and the user
 * asked to remember it. A failure is reported (once per outage) by the
 * keyring itself, so callers that have nothing else to do pass no
 * @callback; [method@HttpAuth.Keyring.flush_async] waits for the save.
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
  const char *username;
  Store *store;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));
  g_return_if_fail (space != NULL);
  g_return_if_fail (credential != NULL);

  /* No callback: the result is still read, so that a failure is reported. */
  if (callback == NULL)
    callback = store_report_cb;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_store_async);
  g_task_set_name (task, "[http-auth] keyring store");

  username = http_auth_credential_get_username (credential);
  store = g_new0 (Store, 1);
  store->match = _http_auth_keyring_schema_attributes (space, NULL);
  store->attributes = _http_auth_keyring_schema_attributes (space, username);
  store->label = _http_auth_keyring_schema_label (space, username);
  store->password = g_strdup (http_auth_credential_get_password (credential));
  g_task_set_task_data (task, store, (GDestroyNotify) store_free);

  self->n_stores++;
  self->stores_in_flight++;
  /* The task holds the keyring until it completes. */
  g_signal_connect (task, "notify::completed", G_CALLBACK (store_completed_cb), self);
  worker_push (self, g_steal_pointer (&task), store_thread);
}

/**
 * http_auth_keyring_store_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with [method@HttpAuth.Keyring.store_async].
 *
 * Returns: %TRUE if the login was saved
 */
gboolean
http_auth_keyring_store_finish (HttpAuthKeyring  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return finish_pointer (self, result, error) != NULL;
}

/* ---- list ---- */

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  static const HttpAuthSavedLoginSource sources[] = {
    HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH,
    HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT,
  };
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_saved_login_unref);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sources) && error == NULL; i++)
    {
      /* Listing reads attributes only: no secret is loaded, nothing unlocked. */
      GList *items = secret_password_searchv_sync (_http_auth_keyring_schema_get (sources[i]), none,
                                                   SECRET_SEARCH_ALL, cancellable, &error);

      for (GList *l = items; l != NULL; l = l->next)
        {
          g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
          HttpAuthSavedLogin *login = _http_auth_keyring_schema_login_from_item (attributes, sources[i]);

          if (login != NULL)
            g_ptr_array_add (logins, login);
        }
      g_list_free_full (items, g_object_unref);
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&logins), (GDestroyNotify) g_ptr_array_unref);
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

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_list_async);
  g_task_set_name (task, "[http-auth] keyring list");
  worker_push (self, g_steal_pointer (&task), list_thread);
}

/**
 * http_auth_keyring_list_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with [method@HttpAuth.Keyring.list_async].
 *
 * Returns: (transfer container) (element-type HttpAuthSavedLogin): the logins
 */
GPtrArray *
http_auth_keyring_list_finish (HttpAuthKeyring  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return finish_pointer (self, result, error);
}

/* ---- forget ---- */

static void
forget_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const SecretSchema *schema = _http_auth_keyring_schema_get (HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);
  const char *site = task_data;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GError) error = NULL;

  if (site == NULL)
    g_ptr_array_add (matches, g_hash_table_new (g_str_hash, g_str_equal));
  else
    {
      g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
      /* A site is not one attribute value (subdomains and partitions are
       * of it too): the items are listed, without their secrets, and those
       * of the site are deleted one by one. */
      GList *items = secret_password_searchv_sync (schema, none, SECRET_SEARCH_ALL, cancellable, &error);

      for (GList *l = items; l != NULL; l = l->next)
        {
          g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
          g_autoptr(HttpAuthSavedLogin) login =
            _http_auth_keyring_schema_login_from_item (attributes, HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);

          if (login != NULL && http_auth_protection_space_is_of_site (http_auth_saved_login_get_space (login), site))
            g_ptr_array_add (matches, _http_auth_keyring_schema_item_match (attributes));
        }
      g_list_free_full (items, g_object_unref);
    }

  for (guint i = 0; i < matches->len && error == NULL; i++)
    secret_password_clearv_sync (schema, g_ptr_array_index (matches, i), cancellable, &error);

  worker_return_done (task, g_steal_pointer (&error));
}

/**
 * http_auth_keyring_forget_async:
 * @self: a #HttpAuthKeyring
 * @site: (nullable): a site (`https://example.com`) or a host
 *   (`example.com`); %NULL forgets every HttpAuth login
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Forgets HttpAuth's saved logins of a site, or all of them. A login is of
 * @site as [method@HttpAuth.ProtectionSpace.is_of_site] defines it: its
 * origin is on the site's host or one of its subdomains (whatever the
 * scheme and port), or it was saved in a tab partitioned under it. This is
 * what [method@HttpAuth.CredentialCache.clear_site] clears from memory.
 * WebKitGTK's items are left alone.
 */
void
http_auth_keyring_forget_async (HttpAuthKeyring     *self,
                                const char          *site,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_forget_async);
  g_task_set_name (task, "[http-auth] keyring forget");
  g_task_set_task_data (task, g_strdup (site), g_free);
  worker_push (self, g_steal_pointer (&task), forget_thread);
}

/**
 * http_auth_keyring_forget_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with [method@HttpAuth.Keyring.forget_async].
 *
 * Returns: %TRUE on success
 */
gboolean
http_auth_keyring_forget_finish (HttpAuthKeyring  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return finish_pointer (self, result, error) != NULL;
}

/*
 * _http_auth_keyring_get_n_lookups:
 * @self: a #HttpAuthKeyring
 *
 * Returns: how many lookups were started (each may make up to two Secret
 *   Service searches: ours, then WebKitGTK's)
 */
guint
_http_auth_keyring_get_n_lookups (HttpAuthKeyring *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_KEYRING (self), 0);
  return self->n_lookups;
}

/*
 * _http_auth_keyring_get_n_stores:
 * @self: a #HttpAuthKeyring
 *
 * Returns: how many stores were started
 */
guint
_http_auth_keyring_get_n_stores (HttpAuthKeyring *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_KEYRING (self), 0);
  return self->n_stores;
}

/**
 * http_auth_keyring_flush_async:
 * @self: a #HttpAuthKeyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when no save is in flight
 * @user_data: data for @callback
 *
 * Waits for the saves started with [method@HttpAuth.Keyring.store_async]
 * to end, for example before a program exits.
 */
void
http_auth_keyring_flush_async (HttpAuthKeyring     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HTTP_AUTH_IS_KEYRING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_keyring_flush_async);
  g_queue_push_tail (&self->flushes, task);
  complete_flushes (self);
}

/**
 * http_auth_keyring_flush_finish:
 * @self: a #HttpAuthKeyring
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with [method@HttpAuth.Keyring.flush_async].
 *
 * Returns: %TRUE once no save is in flight
 */
gboolean
http_auth_keyring_flush_finish (HttpAuthKeyring  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
