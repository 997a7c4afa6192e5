/* http-auth-types.h
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

G_BEGIN_DECLS

/**
 * HttpAuthCredentialsMode:
 * @HTTP_AUTH_CREDENTIALS_MODE_OMIT: never send or ask for credentials
 * @HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN: only to the initiator's origin
 * @HTTP_AUTH_CREDENTIALS_MODE_INCLUDE: always (navigations)
 *
 * A request's credentials mode (Fetch).
 */
typedef enum
{
  HTTP_AUTH_CREDENTIALS_MODE_OMIT,
  HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN,
  HTTP_AUTH_CREDENTIALS_MODE_INCLUDE,
} HttpAuthCredentialsMode;

/**
 * HttpAuthRequestMode:
 * @HTTP_AUTH_REQUEST_MODE_NAVIGATE: a navigation
 * @HTTP_AUTH_REQUEST_MODE_SAME_ORIGIN: a same-origin request
 * @HTTP_AUTH_REQUEST_MODE_NO_CORS: a no-cors subresource request
 * @HTTP_AUTH_REQUEST_MODE_CORS: a CORS request; its response tainting is
 *   "cors", so a 401 never prompts (Fetch)
 *
 * A request's mode (Fetch).
 */
typedef enum
{
  HTTP_AUTH_REQUEST_MODE_NAVIGATE,
  HTTP_AUTH_REQUEST_MODE_SAME_ORIGIN,
  HTTP_AUTH_REQUEST_MODE_NO_CORS,
  HTTP_AUTH_REQUEST_MODE_CORS,
} HttpAuthRequestMode;

/**
 * HttpAuthRedirectMode:
 * @HTTP_AUTH_REDIRECT_MODE_FOLLOW: the engine follows redirects
 * @HTTP_AUTH_REDIRECT_MODE_ERROR: a redirect is a network error
 * @HTTP_AUTH_REDIRECT_MODE_MANUAL: the redirect response is returned
 *
 * A request's redirect mode (Fetch).
 */
typedef enum
{
  HTTP_AUTH_REDIRECT_MODE_FOLLOW,
  HTTP_AUTH_REDIRECT_MODE_ERROR,
  HTTP_AUTH_REDIRECT_MODE_MANUAL,
} HttpAuthRedirectMode;

/**
 * HttpAuthDestination:
 * @HTTP_AUTH_DESTINATION_DOCUMENT: a top-level document
 * @HTTP_AUTH_DESTINATION_SUBRESOURCE: an image, script, XHR/fetch, …
 *
 * What the response is for. A cross-origin subresource never prompts.
 */
typedef enum
{
  HTTP_AUTH_DESTINATION_DOCUMENT,
  HTTP_AUTH_DESTINATION_SUBRESOURCE,
} HttpAuthDestination;

/**
 * HttpAuthPromptResult:
 * @HTTP_AUTH_PROMPT_RESULT_ANSWERED: the user gave credentials
 * @HTTP_AUTH_PROMPT_RESULT_CANCELLED: the user cancelled the prompt
 * @HTTP_AUTH_PROMPT_RESULT_UNANSWERED: the prompt went away unanswered (its
 *   tab closed, the prompter could not show it)
 *
 * How a prompt ended. None of these is an error.
 */
typedef enum
{
  HTTP_AUTH_PROMPT_RESULT_ANSWERED,
  HTTP_AUTH_PROMPT_RESULT_CANCELLED,
  HTTP_AUTH_PROMPT_RESULT_UNANSWERED,
} HttpAuthPromptResult;

G_END_DECLS
