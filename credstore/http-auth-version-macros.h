/* http-auth-version-macros.h
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

/* The bottom layer owns the visibility macros so that every layer above
 * can tag its symbols without including anything but credstore/.
 */
#ifndef _HTTP_AUTH_EXTERN
# define _HTTP_AUTH_EXTERN __attribute__((visibility ("default"))) extern
#endif

/* Versioning, as GLib and libdex do it: every symbol says in which
 * version it appeared (HTTP_AUTH_AVAILABLE_IN_x_y) and, later, in which one
 * it was deprecated (HTTP_AUTH_DEPRECATED_IN_x_y[_FOR]). An application
 * sets HTTP_AUTH_VERSION_MIN_REQUIRED to be warned about what is deprecated
 * since then, and HTTP_AUTH_VERSION_MAX_ALLOWED to be warned about what
 * appeared after. */
#define HTTP_AUTH_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

/* The current stable API, and the one before it. */
#define HTTP_AUTH_VERSION_CUR_STABLE  HTTP_AUTH_VERSION_1_0
#define HTTP_AUTH_VERSION_PREV_STABLE HTTP_AUTH_VERSION_1_0

#ifndef HTTP_AUTH_VERSION_MIN_REQUIRED
# define HTTP_AUTH_VERSION_MIN_REQUIRED HTTP_AUTH_VERSION_CUR_STABLE
#endif

#ifndef HTTP_AUTH_VERSION_MAX_ALLOWED
# if HTTP_AUTH_VERSION_MIN_REQUIRED > HTTP_AUTH_VERSION_PREV_STABLE
#  define HTTP_AUTH_VERSION_MAX_ALLOWED HTTP_AUTH_VERSION_MIN_REQUIRED
# else
#  define HTTP_AUTH_VERSION_MAX_ALLOWED HTTP_AUTH_VERSION_CUR_STABLE
# endif
#endif

#if HTTP_AUTH_VERSION_MAX_ALLOWED < HTTP_AUTH_VERSION_MIN_REQUIRED
# error "HTTP_AUTH_VERSION_MAX_ALLOWED must be >= HTTP_AUTH_VERSION_MIN_REQUIRED"
#endif
#if HTTP_AUTH_VERSION_MIN_REQUIRED < HTTP_AUTH_VERSION_1_0
# error "HTTP_AUTH_VERSION_MIN_REQUIRED must be >= HTTP_AUTH_VERSION_1_0"
#endif

#define HTTP_AUTH_DEPRECATED             _HTTP_AUTH_EXTERN G_DEPRECATED
/**
 * HTTP_AUTH_DEPRECATED_FOR:
 * @f: the name of the symbol to use instead
 *
 * Marks a HttpAuth symbol as deprecated in favour of @f.
 *
 * Compiling a call to the symbol then warns and names @f.
 */
#define HTTP_AUTH_DEPRECATED_FOR(f)      _HTTP_AUTH_EXTERN G_DEPRECATED_FOR (f)
/**
 * HTTP_AUTH_UNAVAILABLE:
 * @maj: the major version the symbol appeared in
 * @min: the minor version the symbol appeared in
 *
 * Marks a HttpAuth symbol that is newer than `HTTP_AUTH_VERSION_MAX_ALLOWED`.
 *
 * Compiling a call to the symbol then warns that it needs @maj.@min.
 */
#define HTTP_AUTH_UNAVAILABLE(maj, min)  _HTTP_AUTH_EXTERN G_UNAVAILABLE (maj, min)

/**
 * HTTP_AUTH_DEPRECATED_IN_1_0_FOR:
 * @f: the name of the symbol to use instead
 *
 * Marks a HttpAuth symbol as deprecated since 1.0 in favour of @f.
 *
 * The warning appears only when `HTTP_AUTH_VERSION_MIN_REQUIRED` is 1.0 or later.
 */
#if HTTP_AUTH_VERSION_MIN_REQUIRED >= HTTP_AUTH_VERSION_1_0
# define HTTP_AUTH_DEPRECATED_IN_1_0        HTTP_AUTH_DEPRECATED
# define HTTP_AUTH_DEPRECATED_IN_1_0_FOR(f) HTTP_AUTH_DEPRECATED_FOR (f)
#else
# define HTTP_AUTH_DEPRECATED_IN_1_0        _HTTP_AUTH_EXTERN
# define HTTP_AUTH_DEPRECATED_IN_1_0_FOR(f) _HTTP_AUTH_EXTERN
#endif

#if HTTP_AUTH_VERSION_MAX_ALLOWED < HTTP_AUTH_VERSION_1_0
# define HTTP_AUTH_AVAILABLE_IN_1_0 HTTP_AUTH_UNAVAILABLE (1, 0)
#else
# define HTTP_AUTH_AVAILABLE_IN_1_0 _HTTP_AUTH_EXTERN
#endif
