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
  /* The deadline: past it, what came is kept and the rest never read (a
   * body dripped a byte at a time would otherwise hold the request until
   * the limit). The reads use their own cancellable, cancelled by the
   * caller's or by the deadline. */
  GCancellable *reads;
  GCancellable *caller;
  gulong        caller_id;
  guint         deadline_id;
  gboolean      deadline_passed;
} BodyRead;

static void
body_read_free (BodyRead *br)
{
  if (br->caller_id != 0)
    g_cancellable_disconnect (br->caller, br->caller_id);
  g_clear_object (&br->caller);
  g_clear_handle_id (&br->deadline_id, g_source_remove);
  g_clear_object (&br->reads);
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

  if (chunk == NULL && br->deadline_passed && !g_cancellable_is_cancelled (br->caller))
    {
      /* What came before the deadline is what is kept. */
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&br->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
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
                                   br->reads, read_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  BodyRead *br = user_data;

  br->deadline_id = 0;
  br->deadline_passed = TRUE;
  g_cancellable_cancel (br->reads);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *reads)
{
  g_cancellable_cancel (reads);
}

void
_http_auth_body_read_async (GInputStream        *stream,
                            gsize                limit,
                            guint                deadline_ms,
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
  br->reads = g_cancellable_new ();
  if (cancellable != NULL)
    {
      br->caller = g_object_ref (cancellable);
      br->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), br->reads, NULL);
    }
  if (deadline_ms > 0)
    br->deadline_id = g_timeout_add (deadline_ms, deadline_cb, br);
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
