/* http-auth-challenge-private.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-challenge.h"

G_BEGIN_DECLS

HttpAuthChallenge *_http_auth_challenge_new         (const char  *scheme,
                                                     const char  *token68);
void               _http_auth_challenge_add_param   (HttpAuthChallenge *self,
                                                     const char  *name,
                                                     const char  *value);
HttpAuthChallenge *_http_auth_parse_auth_param_list (const char  *value,
                                                     GError     **error);
gboolean           _http_auth_is_token              (const char  *str);
void               _http_auth_append_quoted         (GString     *out,
                                                     const char  *value);
HttpAuthParseError *_http_auth_parse_error_new      (gsize        offset,
                                                     const char  *message);

G_END_DECLS
