/* http-auth-test-fetch.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-fetch.h"

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HttpAuthTestResult *r = user_data;

  r->response = http_auth_session_send_and_read_finish (HTTP_AUTH_SESSION (object), result, &r->body, &r->error);
  r->done = TRUE;
}

/* Sends @request and reads its body; @result is filled in when done. */
void
http_auth_test_send (HttpAuthSession    *session,
                     HttpAuthRequest    *request,
                     GCancellable       *cancellable,
                     HttpAuthTestResult *result)
{
  http_auth_session_send_and_read_async (session, request, cancellable, sent_cb, result);
}

/* Runs the main loop until @result is done. */
void
http_auth_test_wait (HttpAuthTestResult *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
}

void
http_auth_test_result_clear (HttpAuthTestResult *result)
{
  g_clear_object (&result->response);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_error (&result->error);
  result->done = FALSE;
}
