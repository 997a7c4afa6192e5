/* http-auth-challenge.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <glib-object.h>

#include "http-auth-parse-error.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_CHALLENGE   (http_auth_challenge_get_type ())

typedef struct _HttpAuthChallenge HttpAuthChallenge;


HTTP_AUTH_AVAILABLE_IN_1_0
GType               http_auth_challenge_get_type             (void) G_GNUC_CONST;
HTTP_AUTH_AVAILABLE_IN_1_0
GPtrArray          *http_auth_challenge_parse_list           (const char * const *field_values,
                                                              GPtrArray         **errors) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
GPtrArray          *http_auth_challenge_parse                (const char         *field_value,
                                                              GPtrArray         **errors) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthChallenge  *http_auth_challenge_ref                  (HttpAuthChallenge  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                http_auth_challenge_unref                (HttpAuthChallenge  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_challenge_get_scheme           (HttpAuthChallenge  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_challenge_get_token68          (HttpAuthChallenge  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint               http_auth_challenge_get_n_params         (HttpAuthChallenge  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_challenge_get_param_name       (HttpAuthChallenge  *self,
                                                              guint               index_);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_challenge_get_param_value      (HttpAuthChallenge  *self,
                                                              guint               index_);
HTTP_AUTH_AVAILABLE_IN_1_0
const char         *http_auth_challenge_lookup_param         (HttpAuthChallenge  *self,
                                                              const char         *name);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean            http_auth_challenge_has_duplicate_params (HttpAuthChallenge  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
gsize               http_auth_challenge_get_offset           (HttpAuthChallenge  *self);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthChallenge, http_auth_challenge_unref)

G_END_DECLS
