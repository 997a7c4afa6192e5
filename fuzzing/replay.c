/* replay.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>

/* The standalone driver: runs a fuzz target's LLVMFuzzerTestOneInput over
 * files and directories of inputs, without libFuzzer, so that any
 * compiler builds the targets and `meson test` replays every corpus file
 * (under ASan, UBSan or valgrind when the build has them). Each input is
 * copied into a buffer of exactly its size, so that a read past its end
 * is caught as it would be under libFuzzer. Prints TAP. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      printf ("Bail out! %s\n", error->message);
      exit (1);
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-DIRECTORY…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_names);

  printf ("1..%u\n", files->len);
  if (files->len == 0)
    printf ("# no input found\n");
  fflush (stdout);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree uint8_t *exact = NULL;
      gsize length;

      if (!g_file_get_contents (file, &contents, &length, &error))
        {
          printf ("not ok %u %s # %s\n", i + 1, file, error->message);
          continue;
        }
      /* libFuzzer never passes NULL, even for an empty input. */
      exact = g_malloc (MAX (length, 1));
      memcpy (exact, contents, length);
      /* A crash ends the program here: the file named above is the one. */
      printf ("# replaying %s (%" G_GSIZE_FORMAT " bytes)\n", file, length);
      fflush (stdout);
      LLVMFuzzerTestOneInput (exact, length);
      printf ("ok %u %s\n", i + 1, file);
      fflush (stdout);
    }

  return 0;
}
