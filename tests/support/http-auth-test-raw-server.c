/* http-auth-test-raw-server.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-raw-server.h"

#include <stdarg.h>
#include <string.h>

/* Written by hand rather than on SoupServer: a test needs to answer what no
 * well-behaved server would (a 407 from an origin, a CONNECT refused on a
 * chosen proxy, a 100 MiB 401 streamed), and to see header fields exactly
 * as they arrived. */

#define MAX_HEADER_BLOCK (256 * 1024)

struct _HttpAuthRawServer
{
  GSocketService     *service;
  guint               port;
  HttpAuthRawHandler  handler;
  gpointer            user_data;
  GMutex              lock;
  GCond               idle;
  guint               active;       /* connection threads running, under lock */
  GPtrArray          *requests;     /* HttpAuthRawRequest, under lock */
  GCancellable       *stopping;
};

void
http_auth_raw_request_free (HttpAuthRawRequest *request)
{
  g_free (request->method);
  g_free (request->target);
  g_free (request->authorization);
  g_free (request->proxy_authorization);
  g_free (request);
}

static HttpAuthRawRequest *
request_copy (const HttpAuthRawRequest *request)
{
  HttpAuthRawRequest *copy = g_new0 (HttpAuthRawRequest, 1);

  copy->index = request->index;
  copy->method = g_strdup (request->method);
  copy->target = g_strdup (request->target);
  copy->authorization = g_strdup (request->authorization);
  copy->proxy_authorization = g_strdup (request->proxy_authorization);
  return copy;
}

void
http_auth_raw_response_add_header (HttpAuthRawResponse *response,
                                   const char          *format,
                                   ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (response->headers, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Reads one request head; FALSE at the end of the connection. */
static gboolean
read_head (GDataInputStream   *in,
           GCancellable       *cancellable,
           HttpAuthRawRequest *request,
           guint64            *content_length)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) parts = NULL;
  gsize total = 0;

  line = g_data_input_stream_read_line (in, NULL, cancellable, NULL);
  if (line == NULL)
    return FALSE;
  g_strchomp (line);
  parts = g_strsplit (line, " ", 3);
  if (g_strv_length (parts) < 2)
    return FALSE;
  request->method = g_strdup (parts[0]);
  request->target = g_strdup (parts[1]);

  for (;;)
    {
      g_autofree char *header = g_data_input_stream_read_line (in, NULL, cancellable, NULL);
      char *colon;

      if (header == NULL)
        return FALSE;
      g_strchomp (header);
      if (*header == '\0')
        return TRUE;
      if ((total += strlen (header)) > MAX_HEADER_BLOCK || (colon = strchr (header, ':')) == NULL)
        return FALSE;
      *colon = '\0';
      if (g_ascii_strcasecmp (header, "Authorization") == 0)
        request->authorization = g_strdup (g_strstrip (colon + 1));
      else if (g_ascii_strcasecmp (header, "Proxy-Authorization") == 0)
        request->proxy_authorization = g_strdup (g_strstrip (colon + 1));
      else if (g_ascii_strcasecmp (header, "Content-Length") == 0)
        *content_length = g_ascii_strtoull (colon + 1, NULL, 10);
    }
}

static gboolean
write_response (GOutputStream       *out,
                GCancellable        *cancellable,
                HttpAuthRawResponse *response)
{
  g_autoptr(GString) head = g_string_new (NULL);
  gsize body_size = response->body ? g_bytes_get_size (response->body) : 0;
  char filler[16 * 1024];
  guint64 left = response->filler;

  g_string_append_printf (head, "HTTP/1.1 %u Raw\r\n", response->status);
  for (guint i = 0; i < response->headers->len; i++)
    g_string_append_printf (head, "%s\r\n", (char *) g_ptr_array_index (response->headers, i));
  g_string_append_printf (head, "Content-Length: %" G_GUINT64_FORMAT "\r\n",
                          body_size + response->filler + (response->stall ? 1 : 0));
  if (response->close)
    g_string_append (head, "Connection: close\r\n");
  g_string_append (head, "\r\n");

  if (!g_output_stream_write_all (out, head->str, head->len, NULL, cancellable, NULL))
    return FALSE;
  if (body_size > 0 &&
      !g_output_stream_write_all (out, g_bytes_get_data (response->body, NULL), body_size, NULL, cancellable, NULL))
    return FALSE;

  memset (filler, 'x', sizeof filler);
  while (left > 0)
    {
      gsize n = MIN (left, sizeof filler);

      if (!g_output_stream_write_all (out, filler, n, NULL, cancellable, NULL))
        return FALSE;
      left -= n;
    }

  /* A slow-loris peer: the rest of the body never comes. */
  while (response->stall && !g_cancellable_is_cancelled (cancellable))
    g_usleep (10 * 1000);
  return !response->stall;
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        HttpAuthRawServer      *self)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_mutex_lock (&self->lock);
  self->active++;
  g_mutex_unlock (&self->lock);

  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  for (;;)
    {
      HttpAuthRawRequest request = { 0 };
      HttpAuthRawResponse response = { 0 };
      guint64 content_length = 0;
      gboolean ok;

      if (!read_head (in, self->stopping, &request, &content_length))
        {
          g_free (request.method);
          g_free (request.target);
          g_free (request.authorization);
          g_free (request.proxy_authorization);
          break;
        }
      if (content_length > 0)
        g_input_stream_skip (G_INPUT_STREAM (in), content_length, self->stopping, NULL);

      g_mutex_lock (&self->lock);
      request.index = self->requests->len;
      g_ptr_array_add (self->requests, request_copy (&request));
      g_mutex_unlock (&self->lock);

      response.status = 200;
      response.headers = g_ptr_array_new_with_free_func (g_free);
      self->handler (&request, &response, self->user_data);
      ok = write_response (out, self->stopping, &response);

      g_free (request.method);
      g_free (request.target);
      g_free (request.authorization);
      g_free (request.proxy_authorization);
      g_ptr_array_unref (response.headers);
      g_clear_pointer (&response.body, g_bytes_unref);
      if (!ok || response.close)
        break;
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  g_mutex_lock (&self->lock);
  if (--self->active == 0)
    g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

HttpAuthRawServer *
http_auth_raw_server_new (HttpAuthRawHandler handler,
                          gpointer           user_data)
{
  HttpAuthRawServer *self = g_new0 (HttpAuthRawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->handler = handler;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_raw_request_free);
  self->stopping = g_cancellable_new ();
  self->service = g_threaded_socket_service_new (64);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (self->service, "run", G_CALLBACK (run_cb), self);
  g_socket_service_start (self->service);

  return self;
}

/* Stops listening (the port refuses connections from now on) and ends the
 * connections open. */
void
http_auth_raw_server_stop (HttpAuthRawServer *self)
{
  if (self->service == NULL)
    return;
  g_cancellable_cancel (self->stopping);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);

  /* The connection threads see the cancellable and end; nothing of the
   * server may go before they did. */
  g_mutex_lock (&self->lock);
  while (self->active > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
http_auth_raw_server_free (HttpAuthRawServer *self)
{
  http_auth_raw_server_stop (self);
  g_clear_object (&self->stopping);
  g_ptr_array_unref (self->requests);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  g_free (self);
}

guint
http_auth_raw_server_get_port (HttpAuthRawServer *self)
{
  return self->port;
}

char *
http_auth_raw_server_get_url (HttpAuthRawServer *self,
                              const char        *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

guint
http_auth_raw_server_get_n_requests (HttpAuthRawServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->requests->len;
  g_mutex_unlock (&self->lock);
  return n;
}

GPtrArray *
http_auth_raw_server_dup_requests (HttpAuthRawServer *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_raw_request_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copy, request_copy (g_ptr_array_index (self->requests, i)));
  g_mutex_unlock (&self->lock);
  return copy;
}

/* ---- A resolver with fixed answers ---- */

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GObject)

struct _TestResolver
{
  GObject     parent_instance;
  GHashTable *lists;                /* port -> GStrv */
};

static void test_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestResolver, test_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER, test_resolver_iface_init))

static char **
test_resolver_lookup (GProxyResolver  *resolver,
                      const char      *uri,
                      GCancellable    *cancellable,
                      GError         **error)
{
  TestResolver *self = TEST_RESOLVER (resolver);
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  guint port = parsed && g_uri_get_port (parsed) > 0 ? g_uri_get_port (parsed) : 0;
  char **list = g_hash_table_lookup (self->lists, GUINT_TO_POINTER (port));
  const char *direct[] = { "direct://", NULL };

  if (list == NULL)
    list = g_hash_table_lookup (self->lists, GUINT_TO_POINTER (0));
  return g_strdupv (list != NULL ? list : (char **) direct);
}

static void
test_resolver_lookup_async (GProxyResolver      *resolver,
                            const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_pointer (task, test_resolver_lookup (resolver, uri, cancellable, NULL), (GDestroyNotify) g_strfreev);
}

static char **
test_resolver_lookup_finish (GProxyResolver  *resolver,
                             GAsyncResult    *result,
                             GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
test_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static void
test_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->lookup = test_resolver_lookup;
  iface->lookup_async = test_resolver_lookup_async;
  iface->lookup_finish = test_resolver_lookup_finish;
  iface->is_supported = test_resolver_is_supported;
}

static void
test_resolver_finalize (GObject *object)
{
  g_hash_table_unref (TEST_RESOLVER (object)->lists);
  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
}

static void
test_resolver_init (TestResolver *self)
{
  self->lists = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
}

GProxyResolver *
http_auth_test_resolver_new (void)
{
  return g_object_new (TEST_TYPE_RESOLVER, NULL);
}

void
http_auth_test_resolver_set (GProxyResolver     *resolver,
                             guint               port,
                             const char * const *proxies)
{
  g_hash_table_replace (TEST_RESOLVER (resolver)->lists, GUINT_TO_POINTER (port), g_strdupv ((char **) proxies));
}
