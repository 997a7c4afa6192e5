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

#define HTTP_AUTH_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

#define HTTP_AUTH_AVAILABLE_IN_ALL _HTTP_AUTH_EXTERN
#define HTTP_AUTH_AVAILABLE_IN_1_0 _HTTP_AUTH_EXTERN
