/* http-auth-webkit-version-macros.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_WEBKIT_INSIDE) && !defined(HTTP_AUTH_WEBKIT_COMPILATION)
# error "Only <http-auth-webkit.h> can be included directly."
#endif

#define HTTP_AUTH_WEBKIT_AVAILABLE_IN_ALL __attribute__((visibility ("default"))) extern
