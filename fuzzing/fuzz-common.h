/* fuzz-common.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <string.h>

G_BEGIN_DECLS

/* The entry point every target defines, and libFuzzer or replay.c calls. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Inputs are lines: each target reads its fields in order, one per line
 * ("\n"-separated), so a seed is a readable text file. A NUL byte ends a
 * field early, as it would end a C string taken from a header. Missing
 * fields are empty. */
typedef struct
{
  char  **fields;
  guint   n_fields;
} FuzzFields;

static inline void
fuzz_fields_init (FuzzFields    *f,
                  const uint8_t *data,
                  size_t         size)
{
  g_autofree char *copy = g_malloc (size + 1);

  memcpy (copy, data, size);
  copy[size] = '\0';
  f->fields = g_strsplit (copy, "\n", -1);
  f->n_fields = g_strv_length (f->fields);
}

static inline const char *
fuzz_fields_get (FuzzFields *f,
                 guint       index)
{
  return index < f->n_fields ? f->fields[index] : "";
}

static inline void
fuzz_fields_clear (FuzzFields *f)
{
  g_clear_pointer (&f->fields, g_strfreev);
  f->n_fields = 0;
}

/* A fuzz target must never make the library complain: a critical or a
 * warning on any input is a bug, so both abort (and become a crash the
 * fuzzer reports). Debug output is dropped, for speed. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s\n", g_log_writer_format_fields (log_level, fields, n_fields, FALSE));
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* What an HTTP field value may hold (RFC 9110 §5.5): no CR, LF, NUL or
 * other control but HTAB. A value built from hostile input that breaks
 * this would split the request's header. */
static inline void
fuzz_assert_field_value (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
      {
        g_printerr ("control byte 0x%02x at offset %u of a built field value\n", *p,
                    (guint) (p - (const guchar *) value));
        abort ();
      }
}

G_END_DECLS
