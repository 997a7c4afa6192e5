/* http-auth-error.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-error.h"

G_DEFINE_QUARK (http-auth-error-quark, http_auth_error)
