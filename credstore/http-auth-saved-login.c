/* http-auth-saved-login.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-saved-login"

#include "config.h"

#include "http-auth-saved-login-private.h"

/**
 * HttpAuthSavedLogin:
 *
 * A login saved in the keyring, without its password.
 *
 * [method@HttpAuth.Keyring.list_async] returns these so that an
 * application can show what is saved (a "saved logins" page, the CLI's
 * `credentials list`) without reading or unlocking a single secret. A
 * saved login is the protection space it was saved for, the user name and
 * the [enum@HttpAuth.SavedLoginSource] it was found in. It is immutable
 * and reference counted, so it can be shared between threads.
 */

struct _HttpAuthSavedLogin
{
  gatomicrefcount           ref_count;
  /* What the login is for; owned, immutable. */
  HttpAuthProtectionSpace  *space;
  /* Owned; "" when the item names no user. */
  char                     *username;
  HttpAuthSavedLoginSource  source;
};

G_DEFINE_BOXED_TYPE (HttpAuthSavedLogin, http_auth_saved_login,
                     http_auth_saved_login_ref, http_auth_saved_login_unref)

/* @username: (nullable): as the item names it, %NULL when it names none. */
HttpAuthSavedLogin *
_http_auth_saved_login_new (HttpAuthProtectionSpace  *space,
                            const char               *username,
                            HttpAuthSavedLoginSource  source)
{
  HttpAuthSavedLogin *self;

  g_return_val_if_fail (space != NULL, NULL);

  self = g_new0 (HttpAuthSavedLogin, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->space = http_auth_protection_space_ref (space);
  self->username = g_strdup (username != NULL ? username : "");
  self->source = source;

  return self;
}

/**
 * http_auth_saved_login_ref:
 * @self: a #HttpAuthSavedLogin
 *
 * Takes a reference on the saved login.
 *
 * Returns: (transfer full): @self
 */
HttpAuthSavedLogin *
http_auth_saved_login_ref (HttpAuthSavedLogin *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * http_auth_saved_login_unref:
 * @self: (transfer full): a #HttpAuthSavedLogin
 *
 * Releases a reference.
 */
void
http_auth_saved_login_unref (HttpAuthSavedLogin *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  http_auth_protection_space_unref (self->space);
  g_free (self->username);
  g_free (self);
}

/**
 * http_auth_saved_login_get_space:
 * @self: a #HttpAuthSavedLogin
 *
 * Gets the protection space of the saved login.
 *
 * Returns: (transfer none): the protection space the login was saved for
 */
HttpAuthProtectionSpace *
http_auth_saved_login_get_space (HttpAuthSavedLogin *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->space;
}

/**
 * http_auth_saved_login_get_username:
 * @self: a #HttpAuthSavedLogin
 *
 * Gets the user name of the saved login.
 *
 * Returns: the user name; empty (never %NULL) when the keyring item names
 *   none
 */
const char *
http_auth_saved_login_get_username (HttpAuthSavedLogin *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->username;
}

/**
 * http_auth_saved_login_get_source:
 * @self: a #HttpAuthSavedLogin
 *
 * Tells which schema the login was found in. Only logins of
 * %HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH can be forgotten through
 * [method@HttpAuth.Keyring.forget_async].
 *
 * Returns: where the login comes from
 */
HttpAuthSavedLoginSource
http_auth_saved_login_get_source (HttpAuthSavedLogin *self)
{
  g_return_val_if_fail (self != NULL, HTTP_AUTH_SAVED_LOGIN_SOURCE_HTTP_AUTH);

  return self->source;
}

/**
 * http_auth_saved_login_hash:
 * @self: (type HttpAuthSavedLogin): a #HttpAuthSavedLogin
 *
 * Hashes a saved login.
 *
 * Returns: a hash of @self, for a #GHashTable
 */
guint
http_auth_saved_login_hash (gconstpointer self)
{
  const HttpAuthSavedLogin *login = self;

  g_return_val_if_fail (login != NULL, 0);

  return (http_auth_protection_space_hash (login->space) * 31 + g_str_hash (login->username)) * 31 +
         (guint) login->source;
}

/**
 * http_auth_saved_login_equal:
 * @a: (type HttpAuthSavedLogin): a #HttpAuthSavedLogin
 * @b: (type HttpAuthSavedLogin): another #HttpAuthSavedLogin
 *
 * Compares two saved logins.
 *
 * Returns: %TRUE if @a and @b are the same login: same protection space,
 *   user name and source
 */
gboolean
http_auth_saved_login_equal (gconstpointer a,
                             gconstpointer b)
{
  const HttpAuthSavedLogin *la = a;
  const HttpAuthSavedLogin *lb = b;

  g_return_val_if_fail (la != NULL, FALSE);
  g_return_val_if_fail (lb != NULL, FALSE);

  return la->source == lb->source &&
         g_str_equal (la->username, lb->username) &&
         http_auth_protection_space_equal (la->space, lb->space);
}
