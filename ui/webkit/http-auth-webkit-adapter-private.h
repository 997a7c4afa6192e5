/* http-auth-webkit-adapter-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-webkit-adapter.h"

G_BEGIN_DECLS

/* Counters for the tests and the demo's screenshot harness. They are not
 * part of the installed ABI: untagged, so hidden in the shared library,
 * and reached through the static convenience library. */
guint _http_auth_webkit_adapter_get_n_prompts  (HttpAuthWebKitAdapter *self);
guint _http_auth_webkit_adapter_get_n_requests (HttpAuthWebKitAdapter *self);
guint _http_auth_webkit_adapter_get_n_reloads  (HttpAuthWebKitAdapter *self);

G_END_DECLS
