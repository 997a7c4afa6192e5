/* http-auth-error.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-error.h"

/**
 * http_auth_error_quark:
 *
 * Gets the quark of the [error@HttpAuth.Error] domain.
 *
 * Returns: the quark that %HTTP_AUTH_ERROR stands for
 */
G_DEFINE_QUARK (http-auth-error-quark, http_auth_error)
