/* http-auth-request.h
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

#include "http-auth-prompt-context.h"
#include "http-auth-types.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_REQUEST (http_auth_request_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthRequest, http_auth_request, HTTP_AUTH, REQUEST, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthRequest         *http_auth_request_new                  (const char              *method,
                                                                 const char              *uri) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_request_get_method           (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
GUri                    *http_auth_request_get_uri              (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
SoupMessageHeaders      *http_auth_request_get_headers          (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_body             (HttpAuthRequest         *self,
                                                                 const char              *content_type,
                                                                 GBytes                  *body);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_body_stream      (HttpAuthRequest         *self,
                                                                 const char              *content_type,
                                                                 GInputStream            *stream,
                                                                 gssize                   length);
HTTP_AUTH_AVAILABLE_IN_1_0
GBytes                  *http_auth_request_get_body             (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_credentials_mode (HttpAuthRequest         *self,
                                                                 HttpAuthCredentialsMode  mode);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredentialsMode  http_auth_request_get_credentials_mode (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_mode             (HttpAuthRequest         *self,
                                                                 HttpAuthRequestMode      mode);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthRequestMode      http_auth_request_get_mode             (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_redirect_mode    (HttpAuthRequest         *self,
                                                                 HttpAuthRedirectMode     mode);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthRedirectMode     http_auth_request_get_redirect_mode    (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_destination      (HttpAuthRequest         *self,
                                                                 HttpAuthDestination      destination);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthDestination      http_auth_request_get_destination      (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_initiator        (HttpAuthRequest         *self,
                                                                 const char              *origin);
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_request_get_initiator        (HttpAuthRequest         *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_request_set_prompt_context   (HttpAuthRequest         *self,
                                                                 HttpAuthPromptContext   *context);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPromptContext   *http_auth_request_get_prompt_context   (HttpAuthRequest         *self);

G_END_DECLS
