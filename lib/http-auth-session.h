/* http-auth-session.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "http-auth-credential-cache.h"
#include "http-auth-keyring.h"
#include "http-auth-prompter.h"
#include "http-auth-request.h"
#include "http-auth-response.h"
#include "http-auth-scheme-registry.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SESSION (http_auth_session_get_type ())

/**
 * HTTP_AUTH_SESSION_DEFAULT_MAX_FIELD_SIZE:
 *
 * The default limit, in bytes, on the `WWW-Authenticate` fields of one
 * response (64 KiB).
 */
#define HTTP_AUTH_SESSION_DEFAULT_MAX_FIELD_SIZE (64 * 1024)

/**
 * HTTP_AUTH_SESSION_MAX_FAILURES:
 *
 * How many refused credentials in a row end the retries: the last 401 is
 * then returned.
 */
#define HTTP_AUTH_SESSION_MAX_FAILURES 3

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthSession, http_auth_session, HTTP_AUTH, SESSION, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSession         *http_auth_session_new                   (void) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSession         *http_auth_session_new_for_soup_session  (SoupSession          *soup_session) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
SoupSession             *http_auth_session_get_soup_session      (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredentialCache *http_auth_session_get_credential_cache  (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSchemeRegistry  *http_auth_session_get_scheme_registry   (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPrompter        *http_auth_session_get_prompter          (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_set_prompter          (HttpAuthSession      *self,
                                                                  HttpAuthPrompter     *prompter);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthKeyring         *http_auth_session_get_keyring           (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_set_keyring           (HttpAuthSession      *self,
                                                                  HttpAuthKeyring      *keyring);
HTTP_AUTH_AVAILABLE_IN_1_0
GProxyResolver          *http_auth_session_get_proxy_resolver    (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_set_proxy_resolver    (HttpAuthSession      *self,
                                                                  GProxyResolver       *resolver);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_set_proxy_uri         (HttpAuthSession      *self,
                                                                  const char           *proxy_uri);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_set_negotiate_allowlist (HttpAuthSession    *self,
                                                                    const char * const *patterns);
HTTP_AUTH_AVAILABLE_IN_1_0
gsize                    http_auth_session_get_max_field_size    (HttpAuthSession      *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_set_max_field_size    (HttpAuthSession      *self,
                                                                  gsize                 max_field_size);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_send_async            (HttpAuthSession      *self,
                                                                  HttpAuthRequest      *request,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthResponse        *http_auth_session_send_finish           (HttpAuthSession      *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_send_and_read_async   (HttpAuthSession      *self,
                                                                  HttpAuthRequest      *request,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthResponse        *http_auth_session_send_and_read_finish  (HttpAuthSession      *self,
                                                                  GAsyncResult         *result,
                                                                  GBytes              **body,
                                                                  GError              **error);

HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_session_flush_async           (HttpAuthSession      *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                 http_auth_session_flush_finish          (HttpAuthSession      *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
