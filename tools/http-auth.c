/* http-auth.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-tool.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "credentials", tool_credentials, "List or forget the logins saved in the keyring" },
  { "fetch", tool_fetch, "Fetch URLs through HttpAuth (prompts, cache, redirects)" },
  { "parse", tool_parse, "Parse WWW-Authenticate / Proxy-Authenticate values to JSON" },
  { "serve", tool_serve, "Run the embedded demo server on 127.0.0.1" },
  { "walkthrough", tool_walkthrough, "Log in to the demo server with Basic and Digest, step by step" },
};

static void
usage (FILE *stream)
{
  fprintf (stream, "Usage: http-auth COMMAND [OPTIONS…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (stream, "\nRun “http-auth COMMAND --help” for a command's options.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      usage (stderr);
      return TOOL_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage (stdout);
      return TOOL_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("http-auth %s\n", PACKAGE_VERSION);
      return TOOL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, "http-auth: unknown command “%s”\n\n", argv[1]);
  usage (stderr);
  return TOOL_EXIT_USAGE;
}
