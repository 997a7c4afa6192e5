/* http-auth-credential-cache.h
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

#include "http-auth-credential.h"
#include "http-auth-protection-space.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_CREDENTIAL_CACHE (http_auth_credential_cache_get_type ())

/**
 * HTTP_AUTH_CREDENTIAL_CACHE_DEFAULT_MAX_ENTRIES:
 *
 * The default bound of a [class@HttpAuth.CredentialCache].
 */
#define HTTP_AUTH_CREDENTIAL_CACHE_DEFAULT_MAX_ENTRIES 256

/**
 * HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES:
 *
 * How many path prefixes an entry of a [class@HttpAuth.CredentialCache]
 * keeps; past it, the least recently used goes.
 */
#define HTTP_AUTH_CREDENTIAL_CACHE_MAX_PATH_PREFIXES 32

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (HttpAuthCredentialCache, http_auth_credential_cache, HTTP_AUTH, CREDENTIAL_CACHE, GObject)

HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredentialCache *http_auth_credential_cache_new            (guint                     max_entries) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_credential_cache_add            (HttpAuthCredentialCache  *self,
                                                                    HttpAuthProtectionSpace  *space,
                                                                    const char * const       *path_prefixes,
                                                                    HttpAuthCredential       *credential);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthCredential      *http_auth_credential_cache_lookup         (HttpAuthCredentialCache  *self,
                                                                    HttpAuthProtectionSpace  *space);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                 http_auth_credential_cache_lookup_by_path (HttpAuthCredentialCache  *self,
                                                                    const char               *partition,
                                                                    HttpAuthTarget            target,
                                                                    const char               *scheme,
                                                                    const char               *host,
                                                                    guint16                   port,
                                                                    const char               *path,
                                                                    HttpAuthProtectionSpace **space,
                                                                    HttpAuthCredential      **credential);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                 http_auth_credential_cache_remove         (HttpAuthCredentialCache  *self,
                                                                    HttpAuthProtectionSpace  *space);
HTTP_AUTH_AVAILABLE_IN_1_0
guint                    http_auth_credential_cache_clear_site     (HttpAuthCredentialCache  *self,
                                                                    const char               *site);
HTTP_AUTH_AVAILABLE_IN_1_0
guint                    http_auth_credential_cache_clear_partition (HttpAuthCredentialCache *self,
                                                                     const char              *partition);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_credential_cache_clear_all      (HttpAuthCredentialCache  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint                    http_auth_credential_cache_get_n_entries  (HttpAuthCredentialCache  *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint                    http_auth_credential_cache_get_max_entries (HttpAuthCredentialCache *self);
HTTP_AUTH_AVAILABLE_IN_1_0
GPtrArray               *http_auth_credential_cache_list_spaces    (HttpAuthCredentialCache  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
