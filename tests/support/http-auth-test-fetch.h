/* http-auth-test-fetch.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth.h"

G_BEGIN_DECLS

/* One logical request sent by a test through the engine, and its outcome. */
typedef struct
{
  HttpAuthResponse *response;
  GBytes           *body;
  GError           *error;
  gboolean          done;
} HttpAuthTestResult;

void http_auth_test_send         (HttpAuthSession    *session,
                                  HttpAuthRequest    *request,
                                  GCancellable       *cancellable,
                                  HttpAuthTestResult *result);
void http_auth_test_wait         (HttpAuthTestResult *result);
void http_auth_test_result_clear (HttpAuthTestResult *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HttpAuthTestResult, http_auth_test_result_clear)

G_END_DECLS
