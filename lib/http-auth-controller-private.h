/* http-auth-controller-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-credential-cache.h"
#include "http-auth-scheme-registry.h"
#include "http-auth-scheme.h"

G_BEGIN_DECLS

/* What one logical request knows of one target's authentication: the
 * origin's (401, Authorization) or a proxy's (407, Proxy-Authorization).
 * Both targets follow the same rules; only where credentials come from and
 * what exhaustion ends in differ (docs/architecture.md). Main thread only;
 * owned by the transaction. */
typedef struct
{
  HttpAuthTarget           target;
  HttpAuthScheme          *scheme;      /* the chosen challenge's state */
  HttpAuthProtectionSpace *space;
  HttpAuthCredential      *credential;  /* the one being tried */
  HttpAuthCredential      *refused;     /* the last one refused */
  char                    *sent;        /* the header value sent last (wiped) */
  gboolean                 offered;     /* the credential went out */
  guint                    failures;
  gboolean                 stale_retried;
  gboolean                 preemptive;  /* the credential came from the cache, before a challenge */
} HttpAuthController;

/* What a challenge answering an offered credential says. */
typedef enum
{
  HTTP_AUTH_VERDICT_NEW_CHALLENGE,  /* nothing was offered, or the challenge changed */
  HTTP_AUTH_VERDICT_STALE,          /* the Digest nonce was stale: offer again, once */
  HTTP_AUTH_VERDICT_REFUSED,        /* the same challenge: the credential was refused */
} HttpAuthVerdict;

void            _http_auth_controller_init      (HttpAuthController       *self,
                                                 HttpAuthTarget            target);
void            _http_auth_controller_clear     (HttpAuthController       *self);
void            _http_auth_controller_start     (HttpAuthController       *self,
                                                 HttpAuthScheme           *scheme,
                                                 HttpAuthProtectionSpace  *space);
void            _http_auth_controller_use       (HttpAuthController       *self,
                                                 HttpAuthCredential       *credential);
gboolean        _http_auth_controller_refuse    (HttpAuthController       *self,
                                                 HttpAuthCredentialCache  *cache);
gboolean        _http_auth_controller_may_offer (HttpAuthController       *self,
                                                 HttpAuthCredential       *credential);
gboolean        _http_auth_controller_may_reuse (HttpAuthController       *self,
                                                 GObject                  *state);
HttpAuthVerdict _http_auth_controller_judge     (HttpAuthController       *self,
                                                 GPtrArray                *challenges);
gboolean        _http_auth_controller_choose    (HttpAuthController       *self,
                                                 HttpAuthSchemeRegistry   *registry,
                                                 GPtrArray                *challenges,
                                                 const char               *partition,
                                                 GUri                     *server,
                                                 guint16                   port);
gboolean        _http_auth_controller_preempt   (HttpAuthController       *self,
                                                 HttpAuthCredentialCache  *cache,
                                                 const char               *partition,
                                                 GUri                     *server,
                                                 guint16                   port,
                                                 const char               *path);
gboolean        _http_auth_controller_authorize (HttpAuthController       *self,
                                                 const char               *method,
                                                 const char               *request_target,
                                                 GBytes                   *body,
                                                 GError                  **error);

G_END_DECLS
