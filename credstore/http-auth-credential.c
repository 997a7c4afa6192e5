/* http-auth-credential.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-credential-private.h"

#include <string.h>

/**
 * HttpAuthCredential:
 *
 * A user name and a password, held so that the password can be wiped.
 *
 * `HttpAuthCredential` is the only type in HttpAuth that owns a password.
 * Its memory is overwritten before it is released, so a freed credential
 * does not linger in the heap. It is immutable and reference counted; pass
 * it around instead of copying the password.
 */

struct _HttpAuthCredential
{
  gatomicrefcount ref_count;
  /* Both strings are owned and wiped on finalize; any thread. */
  char *username;
  char *password;
};

G_DEFINE_BOXED_TYPE (HttpAuthCredential, http_auth_credential,
                     http_auth_credential_ref, http_auth_credential_unref)

/*
 * _http_auth_secure_wipe:
 *
 * Overwrites @data so that the compiler cannot elide the store, in the
 * manner of C23's memset_explicit(). glibc's explicit_bzero() is exactly
 * that guarantee.
 */
void
_http_auth_secure_wipe (void  *data,
                        gsize  len)
{
  if (data != NULL && len > 0)
    explicit_bzero (data, len);
}

/*
 * _http_auth_secure_free:
 *
 * Wipes a NUL-terminated string that holds a secret, then frees it.
 */
void
_http_auth_secure_free (char *str)
{
  if (str == NULL)
    return;

  _http_auth_secure_wipe (str, strlen (str));
  g_free (str);
}

/**
 * http_auth_credential_new:
 * @username: the user name, UTF-8
 * @password: the password, UTF-8
 *
 * Creates a credential. Both strings are copied; the caller should wipe
 * its own copy of @password when it no longer needs it.
 *
 * Returns: (transfer full): a new #HttpAuthCredential
 */
HttpAuthCredential *
http_auth_credential_new (const char *username,
                          const char *password)
{
  HttpAuthCredential *self;

  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_new0 (HttpAuthCredential, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->username = g_strdup (username);
  self->password = g_strdup (password);

  return self;
}

/**
 * http_auth_credential_ref:
 * @self: a #HttpAuthCredential
 *
 * Acquires a reference on @self.
 *
 * Returns: (transfer full): @self
 */
HttpAuthCredential *
http_auth_credential_ref (HttpAuthCredential *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * http_auth_credential_unref:
 * @self: (transfer full): a #HttpAuthCredential
 *
 * Releases a reference on @self. When the last one goes, the user name and
 * the password are wiped before the memory is freed.
 */
void
http_auth_credential_unref (HttpAuthCredential *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->username, _http_auth_secure_free);
  g_clear_pointer (&self->password, _http_auth_secure_free);
  g_free (self);
}

/**
 * http_auth_credential_get_username:
 * @self: a #HttpAuthCredential
 *
 * Gets the user name of the credential.
 *
 * Returns: the user name
 */
const char *
http_auth_credential_get_username (HttpAuthCredential *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->username;
}

/**
 * http_auth_credential_get_password:
 * @self: a #HttpAuthCredential
 *
 * Gets the password. The string belongs to @self and is wiped when @self is
 * freed: do not keep it, and never log it.
 *
 * Returns: the password
 */
const char *
http_auth_credential_get_password (HttpAuthCredential *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->password;
}

/**
 * http_auth_credential_equal:
 * @a: a #HttpAuthCredential
 * @b: a #HttpAuthCredential
 *
 * Compares user names and passwords.
 *
 * Returns: %TRUE if @a and @b hold the same user name and password
 */
gboolean
http_auth_credential_equal (HttpAuthCredential *a,
                            HttpAuthCredential *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_str_equal (a->username, b->username) &&
         g_str_equal (a->password, b->password);
}
