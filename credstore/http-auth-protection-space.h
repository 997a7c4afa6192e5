/* http-auth-protection-space.h
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

#include "http-auth-error.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_PROTECTION_SPACE (http_auth_protection_space_get_type ())

typedef struct _HttpAuthProtectionSpace HttpAuthProtectionSpace;

HTTP_AUTH_AVAILABLE_IN_1_0
GType                    http_auth_protection_space_get_type        (void) G_GNUC_CONST;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthProtectionSpace *http_auth_protection_space_new             (const char              *partition,
                                                                     HttpAuthTarget           target,
                                                                     const char              *scheme,
                                                                     const char              *host,
                                                                     guint16                  port,
                                                                     const char              *realm,
                                                                     const char              *auth_scheme) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthProtectionSpace *http_auth_protection_space_ref             (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
void                     http_auth_protection_space_unref           (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_protection_space_get_partition   (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthTarget           http_auth_protection_space_get_target      (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_protection_space_get_scheme      (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_protection_space_get_host        (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
guint16                  http_auth_protection_space_get_port        (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_protection_space_get_realm       (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
const char              *http_auth_protection_space_get_auth_scheme (HttpAuthProtectionSpace *self);
HTTP_AUTH_AVAILABLE_IN_1_0
char                    *http_auth_protection_space_dup_origin      (HttpAuthProtectionSpace *self) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
guint                    http_auth_protection_space_hash            (gconstpointer            self);
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                 http_auth_protection_space_equal           (gconstpointer            a,
                                                                     gconstpointer            b);
HTTP_AUTH_AVAILABLE_IN_1_0
char                    *http_auth_protection_space_to_string       (HttpAuthProtectionSpace *self) G_GNUC_WARN_UNUSED_RESULT;
HTTP_AUTH_AVAILABLE_IN_1_0
gboolean                 http_auth_protection_space_is_of_site      (HttpAuthProtectionSpace *self,
                                                                     const char              *site);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthProtectionSpace, http_auth_protection_space_unref)

G_END_DECLS
