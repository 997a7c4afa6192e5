/* http-auth-webkit.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <http-auth-gtk.h>
#include <webkit/webkit.h>

#define HTTP_AUTH_WEBKIT_INSIDE
# include "http-auth-webkit-version-macros.h"
# include "http-auth-webkit-adapter.h"
#undef HTTP_AUTH_WEBKIT_INSIDE
