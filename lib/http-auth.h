/* http-auth.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#define HTTP_AUTH_INSIDE
# include "http-auth-credential.h"
# include "http-auth-credential-cache.h"
# include "http-auth-credstore-enums.h"
# include "http-auth-error.h"
# include "http-auth-keyring.h"
# include "http-auth-protection-space.h"
# include "http-auth-saved-login.h"
# include "http-auth-version-macros.h"
# include "http-auth-version.h"
# include "http-auth-types.h"
# include "http-auth-enums.h"
# include "http-auth-parse-error.h"
# include "http-auth-challenge.h"
# include "http-auth-prompt-context.h"
# include "http-auth-prompt.h"
# include "http-auth-prompter.h"
# include "http-auth-prompt-broker.h"
# include "http-auth-request.h"
# include "http-auth-response.h"
# include "http-auth-scheme.h"
# include "http-auth-scheme-basic.h"
# include "http-auth-scheme-digest.h"
# include "http-auth-scheme-negotiate.h"
# include "http-auth-scheme-registry.h"
# include "http-auth-credentials-prompter.h"
# include "http-auth-exchange.h"
# include "http-auth-session.h"
#undef HTTP_AUTH_INSIDE
