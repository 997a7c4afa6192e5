/* http-auth-error.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <glib.h>

#include "http-auth-version-macros.h"

G_BEGIN_DECLS

/**
 * HTTP_AUTH_ERROR:
 *
 * The error domain of HttpAuth. Errors in this domain are from the
 * [error@HttpAuth.Error] enumeration.
 */
#define HTTP_AUTH_ERROR (http_auth_error_quark ())

/**
 * HttpAuthError:
 * @HTTP_AUTH_ERROR_FAILED: a failure that has no more specific code
 * @HTTP_AUTH_ERROR_INVALID_CHALLENGE: a challenge is malformed, lacks a
 *   required parameter or repeats one (RFC 9110 §11.2)
 * @HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME: no scheme class is registered for
 *   the challenge's auth-scheme
 * @HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER: a challenge asks for an algorithm,
 *   qop or charset that the scheme does not implement
 * @HTTP_AUTH_ERROR_HEADER_TOO_LARGE: a header field or parameter is over the
 *   configured size limit and was not parsed
 * @HTTP_AUTH_ERROR_INVALID_CREDENTIALS: the credentials cannot be encoded for
 *   this scheme (for example a Basic user name containing `:`)
 * @HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED: the server's proof of knowing the
 *   credentials (Digest `rspauth`) is wrong, or a Negotiate server's final
 *   token (its Kerberos AP-REP) does not verify
 * @HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO: an `Authentication-Info`
 *   field is malformed or contradicts the request
 * @HTTP_AUTH_ERROR_KEYRING_UNAVAILABLE: the system keyring cannot be reached
 * @HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE: a 401 or 407 asked for credentials
 *   but the request body was a one-shot stream that was already sent (a
 *   network error in Fetch terms)
 * @HTTP_AUTH_ERROR_TOO_MANY_REDIRECTS: more than 20 redirects
 * @HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED: a redirect answered a request whose
 *   redirect mode is "error", or would replay a one-shot body
 * @HTTP_AUTH_ERROR_PROXY_AUTH_FAILED: the proxy asked for credentials and
 *   none were accepted (cancelled, refused three times, nobody to ask, no
 *   usable `Proxy-Authenticate`): a network error, the proxy's body is never
 *   shown
 * @HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH: a 407 that did not come from the
 *   configured proxy (an origin server, or inside a TLS tunnel)
 * @HTTP_AUTH_ERROR_TIMED_OUT: a step that may wait on a third party (the
 *   Kerberos KDC a Negotiate token needs) did not end within its bound
 *
 * Error codes in the %HTTP_AUTH_ERROR domain. New codes are only ever
 * appended.
 */
typedef enum
{
  HTTP_AUTH_ERROR_FAILED,
  HTTP_AUTH_ERROR_INVALID_CHALLENGE,
  HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME,
  HTTP_AUTH_ERROR_UNSUPPORTED_PARAMETER,
  HTTP_AUTH_ERROR_HEADER_TOO_LARGE,
  HTTP_AUTH_ERROR_INVALID_CREDENTIALS,
  HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED,
  HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
  HTTP_AUTH_ERROR_KEYRING_UNAVAILABLE,
  HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE,
  HTTP_AUTH_ERROR_TOO_MANY_REDIRECTS,
  HTTP_AUTH_ERROR_REDIRECT_NOT_ALLOWED,
  HTTP_AUTH_ERROR_PROXY_AUTH_FAILED,
  HTTP_AUTH_ERROR_UNEXPECTED_PROXY_AUTH,
  HTTP_AUTH_ERROR_TIMED_OUT,
} HttpAuthError;

/**
 * HttpAuthTarget:
 * @HTTP_AUTH_TARGET_SERVER: the origin server (401, `WWW-Authenticate`,
 *   `Authorization`)
 * @HTTP_AUTH_TARGET_PROXY: a proxy (407, `Proxy-Authenticate`,
 *   `Proxy-Authorization`)
 *
 * Who asked for credentials. The two are never mixed: a credential proven
 * for one target is never sent to the other.
 */
typedef enum
{
  HTTP_AUTH_TARGET_SERVER,
  HTTP_AUTH_TARGET_PROXY,
} HttpAuthTarget;

HTTP_AUTH_AVAILABLE_IN_1_0
GQuark http_auth_error_quark (void);

G_END_DECLS
