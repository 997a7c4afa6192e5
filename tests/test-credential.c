/* test-credential.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-credential-private.h"

#include <string.h>

static void
test_credential_basics (void)
{
  g_autoptr(HttpAuthCredential) a = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "p\xc3\xa4ss");
  g_autoptr(HttpAuthCredential) b = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "p\xc3\xa4ss");
  g_autoptr(HttpAuthCredential) c = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "other");
  HttpAuthCredential *ref;

  g_assert_cmpstr (http_auth_credential_get_username (a), ==, "J\xc3\xa4s\xc3\xb8n");
  g_assert_cmpstr (http_auth_credential_get_password (a), ==, "p\xc3\xa4ss");
  g_assert_true (http_auth_credential_equal (a, b));
  g_assert_false (http_auth_credential_equal (a, c));

  ref = http_auth_credential_ref (a);
  g_assert_true (ref == a);
  http_auth_credential_unref (ref);
  g_assert_cmpstr (http_auth_credential_get_password (a), ==, "p\xc3\xa4ss");
}

static void
test_credential_boxed (void)
{
  g_autoptr(HttpAuthCredential) a = http_auth_credential_new ("u", "p");
  HttpAuthCredential *copy = g_boxed_copy (HTTP_AUTH_TYPE_CREDENTIAL, a);

  /* Boxed copies share the immutable credential. */
  g_assert_true (copy == a);
  g_boxed_free (HTTP_AUTH_TYPE_CREDENTIAL, copy);
  g_assert_cmpstr (http_auth_credential_get_username (a), ==, "u");
}

static void
test_secure_wipe (void)
{
  char buf[32];
  char *heap = g_strdup ("hunter2-secret");
  g_autoptr(HttpAuthSecretString) scoped = g_strdup ("scoped secret");

  memset (buf, 'x', sizeof buf);
  _http_auth_secure_wipe (buf, sizeof buf);
  for (gsize i = 0; i < sizeof buf; i++)
    g_assert_cmpint (buf[i], ==, 0);

  /* A wipe of a zero-length or NULL buffer is a no-op, not a crash. */
  _http_auth_secure_wipe (NULL, 10);
  _http_auth_secure_wipe (buf, 0);

  _http_auth_secure_wipe (heap, strlen (heap));
  g_assert_cmpint (heap[0], ==, 0);
  g_assert_cmpint (heap[13], ==, 0);
  g_free (heap);

  _http_auth_secure_free (NULL);
  g_assert_nonnull (scoped);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/Credential/basics", test_credential_basics);
  g_test_add_func ("/HttpAuth/Credential/boxed", test_credential_boxed);
  g_test_add_func ("/HttpAuth/Credential/secure-wipe", test_secure_wipe);

  return g_test_run ();
}
