/* http-auth-scheme.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <gio/gio.h>

#include "http-auth-challenge.h"
#include "http-auth-credential.h"
#include "http-auth-error.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SCHEME (http_auth_scheme_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (HttpAuthScheme, http_auth_scheme, HTTP_AUTH, SCHEME, GObject)

/**
 * HttpAuthSchemeClass:
 * @parent_class: the parent class
 * @scheme_name: the auth-scheme this class implements, lowercased
 *   (`"basic"`); set it in class_init. A subclass written in Python or
 *   JavaScript leaves it %NULL and names its scheme through
 *   [method@HttpAuth.SchemeRegistry.register_for_name] and
 *   [property@HttpAuth.Scheme:scheme-name]
 * @init_challenge: reads the first challenge; returns %FALSE with an error
 *   when the challenge cannot be used (missing or unknown parameters)
 * @update: reads a later challenge for the same protection space, after
 *   credentials were sent; sets *@stale when the same credentials should be
 *   retried without asking the user
 * @get_strength: how strong the scheme is, as used for choosing among
 *   challenges; higher is stronger
 * @dup_path_prefixes: the paths, on the request's origin, that the
 *   credentials apply to
 * @dup_authorization: computes the `Authorization` (or
 *   `Proxy-Authorization`) field value for one request
 * @check_authentication_info: checks an `Authentication-Info` (or
 *   `Proxy-Authentication-Info`) field of the response to a request that
 *   carried @sent_authorization; the default accepts anything
 *
 * The virtual functions of an HTTP authentication scheme. A scheme object
 * holds the state of one protection space (its last challenge, nonce and
 * counters); it never holds the password, which is passed in for each
 * request.
 */
struct _HttpAuthSchemeClass
{
  GObjectClass parent_class;

  const char *scheme_name;

  gboolean  (*init_challenge)            (HttpAuthScheme      *self,
                                          HttpAuthChallenge   *challenge,
                                          GError             **error);
  gboolean  (*update)                    (HttpAuthScheme      *self,
                                          HttpAuthChallenge   *challenge,
                                          gboolean            *stale,
                                          GError             **error);
  guint     (*get_strength)              (HttpAuthScheme      *self);
  char    **(*dup_path_prefixes)      (HttpAuthScheme      *self,
                                          GUri                *request_uri);
  char     *(*dup_authorization)         (HttpAuthScheme      *self,
                                          HttpAuthCredential  *credential,
                                          const char          *method,
                                          const char          *request_target,
                                          GBytes              *body,
                                          GError             **error);
  gboolean  (*check_authentication_info) (HttpAuthScheme      *self,
                                          HttpAuthCredential  *credential,
                                          const char          *sent_authorization,
                                          const char          *authentication_info,
                                          GBytes              *response_body,
                                          GError             **error);

  /*< private >*/
  gpointer _reserved[12];
};

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthScheme  *http_auth_scheme_new_for_challenge        (GType                 scheme_type,
                                                            HttpAuthChallenge    *challenge,
                                                            HttpAuthTarget        target,
                                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
const char      *http_auth_scheme_get_scheme_name          (HttpAuthScheme       *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthTarget   http_auth_scheme_get_target               (HttpAuthScheme       *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char      *http_auth_scheme_get_realm                (HttpAuthScheme       *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint            http_auth_scheme_get_strength             (HttpAuthScheme       *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean         http_auth_scheme_update                   (HttpAuthScheme       *self,
                                                            HttpAuthChallenge    *challenge,
                                                            gboolean             *stale,
                                                            GError              **error);
HTTP_AUTH_AVAILABLE_IN_1_0
char           **http_auth_scheme_dup_path_prefixes     (HttpAuthScheme       *self,
                                                            GUri                 *request_uri);
HTTP_AUTH_AVAILABLE_IN_1_0
char            *http_auth_scheme_dup_authorization        (HttpAuthScheme       *self,
                                                            HttpAuthCredential   *credential,
                                                            const char           *method,
                                                            const char           *request_target,
                                                            GBytes               *body,
                                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean         http_auth_scheme_check_authentication_info (HttpAuthScheme      *self,
                                                            HttpAuthCredential   *credential,
                                                            const char           *sent_authorization,
                                                            const char           *authentication_info,
                                                            GBytes               *response_body,
                                                            GError              **error);

G_END_DECLS
