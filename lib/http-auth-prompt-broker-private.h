/* http-auth-prompt-broker-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-prompt-broker.h"

G_BEGIN_DECLS

char *_http_auth_prompt_broker_dup_site (HttpAuthProtectionSpace *space) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
