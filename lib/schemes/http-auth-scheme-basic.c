/* http-auth-scheme-basic.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-scheme-basic"

#include "config.h"

#include "http-auth-credential-private.h"
#include "http-auth-scheme-basic.h"

#include <string.h>

/**
 * HttpAuthSchemeBasic:
 *
 * The Basic scheme of RFC 7617.
 *
 * The user name and password are always encoded as UTF-8, as browsers do
 * and as `charset="UTF-8"` asks; a `charset` parameter with another value
 * does not change that. A user name containing `:` cannot be sent and is
 * refused with %HTTP_AUTH_ERROR_INVALID_CREDENTIALS, as are control
 * characters (RFC 7617 §2).
 */

struct _HttpAuthSchemeBasic
{
  HttpAuthScheme parent_instance;
};

G_DEFINE_FINAL_TYPE (HttpAuthSchemeBasic, http_auth_scheme_basic, HTTP_AUTH_TYPE_SCHEME)

static gboolean
has_control_chars (const char *str)
{
  for (const guchar *p = (const guchar *) str; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

static gboolean
http_auth_scheme_basic_init_challenge (HttpAuthScheme     *scheme,
                                       HttpAuthChallenge  *challenge,
                                       GError            **error)
{
  if (http_auth_challenge_get_token68 (challenge) != NULL)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "A Basic challenge takes parameters, not a token68");
      return FALSE;
    }

  return TRUE;
}

static guint
http_auth_scheme_basic_get_strength (HttpAuthScheme *scheme)
{
  return 10;
}

static char *
http_auth_scheme_basic_dup_authorization (HttpAuthScheme      *scheme,
                                          HttpAuthCredential  *credential,
                                          const char          *method,
                                          const char          *request_target,
                                          GBytes              *body,
                                          GError             **error)
{
  const char *username = http_auth_credential_get_username (credential);
  const char *password = http_auth_credential_get_password (credential);
  g_autoptr(HttpAuthSecretString) user_pass = NULL;
  g_autoptr(HttpAuthSecretString) encoded = NULL;

  if (strchr (username, ':') != NULL)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CREDENTIALS,
                           "A Basic user name cannot contain “:”");
      return NULL;
    }

  if (!g_utf8_validate (username, -1, NULL) || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CREDENTIALS,
                           "The user name or password is not valid UTF-8");
      return NULL;
    }

  if (has_control_chars (username) || has_control_chars (password))
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CREDENTIALS,
                           "The user name or password contains a control character");
      return NULL;
    }

  user_pass = g_strconcat (username, ":", password, NULL);
  encoded = g_base64_encode ((const guchar *) user_pass, strlen (user_pass));

  return g_strconcat ("Basic ", encoded, NULL);
}

static void
http_auth_scheme_basic_class_init (HttpAuthSchemeBasicClass *klass)
{
  HttpAuthSchemeClass *scheme_class = HTTP_AUTH_SCHEME_CLASS (klass);

  scheme_class->scheme_name = "basic";
  scheme_class->init_challenge = http_auth_scheme_basic_init_challenge;
  scheme_class->get_strength = http_auth_scheme_basic_get_strength;
  scheme_class->dup_authorization = http_auth_scheme_basic_dup_authorization;
}

static void
http_auth_scheme_basic_init (HttpAuthSchemeBasic *self)
{
}
