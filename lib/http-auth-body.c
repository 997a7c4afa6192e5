/* http-auth-body.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-body"

#include "config.h"

#include "http-auth-body-private.h"

/* Reads at most @limit bytes of a body the engine must look at (a 401 kept
 * for display, a 407 drained, an auth-int body checked), never more: a
 * hostile server's endless or huge body costs a bounded amount of memory
 * and time. Past the limit the stream is dropped unread, which makes
 * libsoup close that connection instead of draining it. */

#define CHUNK (16 * 1024)

typedef struct
{
  GInputStream *stream;
  GByteArray   *data;
  gsize         limit;
  gboolean      complete;
} BodyRead;

static void
body_read_free (BodyRead *br)
{
  g_clear_object (&br->stream);
  g_clear_pointer (&br->data, g_byte_array_unref);
  g_free (br);
}

static void read_chunk (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BodyRead *br = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      br->complete = TRUE;
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&br->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  g_byte_array_append (br->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_chunk (g_steal_pointer (&task));
}

static void
read_chunk (GTask *task)
{
  BodyRead *br = g_task_get_task_data (task);
  if (br->data->len > br->limit)
    {
      /* Over the limit: what was read is kept, the rest is never read. */
      g_byte_array_set_size (br->data, br->limit);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&br->data)),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  g_input_stream_read_bytes_async (br->stream, MIN (br->limit + 1 - br->data->len, CHUNK), G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

void
_http_auth_body_read_async (GInputStream        *stream,
                            gsize                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  BodyRead *br = g_new0 (BodyRead, 1);

  g_task_set_source_tag (task, _http_auth_body_read_async);
  br->stream = g_object_ref (stream);
  br->data = g_byte_array_new ();
  br->limit = limit;
  g_task_set_task_data (task, br, (GDestroyNotify) body_read_free);
  read_chunk (task);
}

/* Returns the bytes read (at most the limit, plus less than one chunk);
 * *complete says whether the body ended within it. */
GBytes *
_http_auth_body_read_finish (GAsyncResult  *result,
                             gboolean      *complete,
                             GError       **error)
{
  BodyRead *br = g_task_get_task_data (G_TASK (result));

  if (complete != NULL)
    *complete = br->complete;
  return g_task_propagate_pointer (G_TASK (result), error);
}
