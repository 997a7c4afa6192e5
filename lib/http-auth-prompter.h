/* http-auth-prompter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(HTTP_AUTH_INSIDE) && !defined(HTTP_AUTH_COMPILATION)
# error "Only <http-auth.h> can be included directly."
#endif

#include <gio/gio.h>

#include "http-auth-credential.h"
#include "http-auth-error.h"
#include "http-auth-prompt-context.h"
#include "http-auth-prompt.h"
#include "http-auth-types.h"
#include "http-auth-version-macros.h"

G_BEGIN_DECLS

#define HTTP_AUTH_TYPE_PROMPTER (http_auth_prompter_get_type ())

HTTP_AUTH_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (HttpAuthPrompter, http_auth_prompter, HTTP_AUTH, PROMPTER, GObject)

/**
 * HttpAuthPrompterClass:
 * @parent_class: the parent class
 * @ask_async: shows @prompt and returns at once; the answer comes later.
 *   Must never block nor run a nested main loop. Before completing with
 *   %HTTP_AUTH_PROMPT_RESULT_ANSWERED, it sets the answer on the prompt
 *   ([method@HttpAuth.Prompt.set_credential],
 *   [method@HttpAuth.Prompt.set_password_save]). The default answers
 *   %HTTP_AUTH_PROMPT_RESULT_UNANSWERED at once.
 * @ask_finish: completes @ask_async. The default reads a #GTask that
 *   returned the #HttpAuthPromptResult with g_task_return_int().
 *
 * The delegate that asks the user for credentials, in the manner of
 * #GTlsInteraction: the engine calls it, the application decides how the
 * question is shown.
 */
struct _HttpAuthPrompterClass
{
  GObjectClass parent_class;

  void                 (*ask_async)  (HttpAuthPrompter     *self,
                                      HttpAuthPrompt       *prompt,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  HttpAuthPromptResult (*ask_finish) (HttpAuthPrompter     *self,
                                      GAsyncResult         *result,
                                      GError              **error);

  /*< private >*/
  gpointer _reserved[8];
};

HTTP_AUTH_AVAILABLE_IN_1_0
void                   http_auth_prompter_ask_async     (HttpAuthPrompter     *self,
                                                         HttpAuthPrompt       *prompt,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
HTTP_AUTH_AVAILABLE_IN_1_0
HttpAuthPromptResult   http_auth_prompter_ask_finish    (HttpAuthPrompter     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
