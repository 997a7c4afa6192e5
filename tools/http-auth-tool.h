/* http-auth-tool.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "http-auth.h"

G_BEGIN_DECLS

/* Exit statuses shared by every subcommand. */
#define TOOL_EXIT_OK      0
#define TOOL_EXIT_FAILURE 1
#define TOOL_EXIT_USAGE   2

int   tool_credentials (int          argc,
                        char       **argv);
int   tool_fetch       (int          argc,
                        char       **argv);
int   tool_parse       (int          argc,
                        char       **argv);
int   tool_serve       (int          argc,
                        char       **argv);
int   tool_walkthrough (int          argc,
                        char       **argv);

char     *tool_bytes_to_utf8         (const char  *bytes);
JsonNode *tool_challenges_to_json    (GPtrArray   *challenges);
void      tool_print_json            (JsonNode    *node,
                                      gboolean     pretty);

G_END_DECLS
