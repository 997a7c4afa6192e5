/* http-auth-file-prompter.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth.h"

G_BEGIN_DECLS

#define TOOL_TYPE_FILE_PROMPTER (tool_file_prompter_get_type ())

G_DECLARE_FINAL_TYPE (ToolFilePrompter, tool_file_prompter, TOOL, FILE_PROMPTER, HttpAuthPrompter)

HttpAuthPrompter *tool_file_prompter_new_from_file (const char  *path,
                                                    gboolean     remember,
                                                    GError     **error);

G_END_DECLS
