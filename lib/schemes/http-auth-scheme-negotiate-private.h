/* http-auth-scheme-negotiate-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-scheme-negotiate.h"

G_BEGIN_DECLS

/* The largest gssapi-data accepted from a server (base64 text). A Kerberos
 * AP-REP is a few hundred bytes; a PAC-carrying one stays well under this. */
#define HTTP_AUTH_NEGOTIATE_MAX_TOKEN (64 * 1024)

/* What one GSS-API step left the security context in. */
typedef enum
{
  HTTP_AUTH_NEGOTIATE_CONTINUE,  /* a token to send; the peer answers with the next */
  HTTP_AUTH_NEGOTIATE_COMPLETE,  /* established (and, with a server token, verified) */
} HttpAuthNegotiateStatus;

void      _http_auth_scheme_negotiate_configure   (HttpAuthSchemeNegotiate  *self,
                                                   const char               *host,
                                                   guint16                   port,
                                                   gboolean                  delegate);
HttpAuthSchemeNegotiate *
          _http_auth_scheme_negotiate_new_preemptive (HttpAuthTarget         target);
void      _http_auth_scheme_negotiate_step_async  (HttpAuthSchemeNegotiate  *self,
                                                   const char               *server_token,
                                                   guint                     timeout_ms,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean  _http_auth_scheme_negotiate_step_finish (HttpAuthSchemeNegotiate  *self,
                                                   GAsyncResult             *result,
                                                   HttpAuthNegotiateStatus  *status,
                                                   char                    **header_value,
                                                   GError                  **error);
gboolean  _http_auth_scheme_negotiate_is_established (HttpAuthSchemeNegotiate *self);

G_END_DECLS
