/* http-auth-scheme-registry.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include "http-auth-scheme.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_SCHEME_REGISTRY (http_auth_scheme_registry_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthSchemeRegistry, http_auth_scheme_registry, HTTP_AUTH, SCHEME_REGISTRY, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSchemeRegistry *http_auth_scheme_registry_new         (void) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthSchemeRegistry *http_auth_scheme_registry_new_empty   (void) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
void                    http_auth_scheme_registry_register    (HttpAuthSchemeRegistry  *self,
                                                               GType                    scheme_type);
HTTP_AUTH_AVAILABLE_IN_1_0
void                    http_auth_scheme_registry_register_for_name (HttpAuthSchemeRegistry *self,
                                                                     const char             *scheme_name,
                                                                     GType                   scheme_type);
HTTP_AUTH_AVAILABLE_IN_1_0
void                    http_auth_scheme_registry_unregister  (HttpAuthSchemeRegistry  *self,
                                                               const char              *scheme_name);
HTTP_AUTH_AVAILABLE_IN_1_0
GType                   http_auth_scheme_registry_lookup      (HttpAuthSchemeRegistry  *self,
                                                               const char              *scheme_name);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthScheme         *http_auth_scheme_registry_choose      (HttpAuthSchemeRegistry  *self,
                                                               GPtrArray               *challenges,
                                                               HttpAuthTarget           target,
                                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
