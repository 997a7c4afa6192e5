/* http-auth-test-raw-server.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-raw-server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <string.h>

/* Written by hand rather than on SoupServer: a test needs to answer what no
 * well-behaved server would (a 407 from an origin, a CONNECT refused on a
 * chosen proxy, a 100 MiB 401 streamed), and to see header fields exactly
 * as they arrived. */

#define MAX_HEADER_BLOCK (256 * 1024)
/* Request bodies up to this size are read and kept (a proxy forwards
 * them); larger ones are skipped. */
#define MAX_KEPT_BODY (1024 * 1024)

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
  GTlsCertificate    *certificate;  /* or NULL: plain TCP */
};

void
http_auth_raw_request_free (HttpAuthRawRequest *request)
{
  g_free (request->method);
  g_free (request->target);
  g_free (request->authorization);
  g_free (request->proxy_authorization);
  g_free (request->host);
  g_free (request);
}

static void
request_clear (HttpAuthRawRequest *request)
{
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->target, g_free);
  g_clear_pointer (&request->authorization, g_free);
  g_clear_pointer (&request->proxy_authorization, g_free);
  g_clear_pointer (&request->host, g_free);
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
  copy->host = g_strdup (request->host);
  copy->body_size = request->body_size;
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

/* Reads one request head; FALSE at the end of the connection. @lines
 * receives every header line as it came (for a proxy to forward). */
static gboolean
read_head (GDataInputStream   *in,
           GCancellable       *cancellable,
           HttpAuthRawRequest *request,
           guint64            *content_length,
           gboolean           *close,
           GPtrArray          *lines)
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
      g_ptr_array_add (lines, g_strdup (header));
      *colon = '\0';
      if (g_ascii_strcasecmp (header, "Authorization") == 0)
        request->authorization = g_strdup (g_strstrip (colon + 1));
      else if (g_ascii_strcasecmp (header, "Proxy-Authorization") == 0)
        request->proxy_authorization = g_strdup (g_strstrip (colon + 1));
      else if (g_ascii_strcasecmp (header, "Host") == 0)
        request->host = g_strdup (g_strstrip (colon + 1));
      else if (g_ascii_strcasecmp (header, "Content-Length") == 0)
        *content_length = g_ascii_strtoull (colon + 1, NULL, 10);
      else if (g_ascii_strcasecmp (header, "Connection") == 0 && strstr (colon + 1, "close") != NULL)
        *close = TRUE;
    }
}

/* Sends bytes as the response asks: all at once, or one at a time every
 * drip_ms (a slow-loris peer). */
static gboolean
send_bytes (GOutputStream       *out,
            GCancellable        *cancellable,
            HttpAuthRawResponse *response,
            const void          *data,
            gsize                size)
{
  const char *bytes = data;

  if (response->drip_ms == 0)
    return g_output_stream_write_all (out, data, size, NULL, cancellable, NULL);

  for (gsize i = 0; i < size; i++)
    {
      if (!g_output_stream_write_all (out, bytes + i, 1, NULL, cancellable, NULL) ||
          !g_output_stream_flush (out, cancellable, NULL))
        return FALSE;
      g_usleep (response->drip_ms * 1000);
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_response (GOutputStream       *out,
                GCancellable        *cancellable,
                HttpAuthRawResponse *response)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  gsize body_size = response->body ? g_bytes_get_size (response->body) : 0;
  char filler[16 * 1024];
  guint64 left = response->filler;

  if (response->hangup)
    return FALSE;

  g_string_append_printf (text, "HTTP/1.1 %u Raw\r\n", response->status);
  for (guint i = 0; i < response->headers->len; i++)
    g_string_append_printf (text, "%s\r\n", (char *) g_ptr_array_index (response->headers, i));
  g_byte_array_append (head, (const guint8 *) text->str, text->len);
  if (response->raw_head != NULL)
    g_byte_array_append (head, g_bytes_get_data (response->raw_head, NULL), g_bytes_get_size (response->raw_head));
  g_string_truncate (text, 0);
  if (!response->endless)
    g_string_append_printf (text, "Content-Length: %" G_GUINT64_FORMAT "\r\n",
                            body_size + response->filler + (response->stall ? 1 : 0));
  if (response->close || response->endless)
    g_string_append (text, "Connection: close\r\n");
  g_string_append (text, "\r\n");
  g_byte_array_append (head, (const guint8 *) text->str, text->len);

  /* A peer that goes away halfway through its answer. */
  if (response->cut_after > 0)
    {
      if (response->body != NULL)
        g_byte_array_append (head, g_bytes_get_data (response->body, NULL), body_size);
      send_bytes (out, cancellable, response, head->data, MIN (response->cut_after, head->len));
      return FALSE;
    }

  if (!send_bytes (out, cancellable, response, head->data, head->len))
    return FALSE;
  if (body_size > 0 &&
      !send_bytes (out, cancellable, response, g_bytes_get_data (response->body, NULL), body_size))
    return FALSE;

  memset (filler, 'x', sizeof filler);
  while (left > 0 || response->endless)
    {
      gsize n = response->endless ? sizeof filler : MIN (left, sizeof filler);

      if (response->drip_ms > 0)
        n = 1;
      if (!send_bytes (out, cancellable, response, filler, n))
        return FALSE;
      if (!response->endless)
        left -= n;
    }

  /* A slow-loris peer: the rest of the body never comes. */
  while (response->stall && !g_cancellable_is_cancelled (cancellable))
    g_usleep (10 * 1000);
  return !response->stall;
}

/* Small writes (a head, then a body; TLS records; a relayed handshake) go
 * out at once: with Nagle's algorithm each would wait for the peer's
 * delayed ACK, 40 ms a time on loopback. */
void
http_auth_test_set_nodelay (GSocketConnection *connection)
{
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
}

/* ---- Relaying, for proxies ---- */

typedef struct
{
  GInputStream  *in;
  GOutputStream *out;
  GSocket       *out_socket;
  GCancellable  *cancellable;
} Pipe;

static gpointer
pipe_run (gpointer data)
{
  Pipe *pipe = data;
  char buffer[16 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (pipe->in, buffer, sizeof buffer, pipe->cancellable, NULL);

      if (n <= 0 || !g_output_stream_write_all (pipe->out, buffer, n, NULL, pipe->cancellable, NULL))
        break;
    }
  /* The other side sees this side's end. */
  g_socket_shutdown (pipe->out_socket, FALSE, TRUE, NULL);
  return NULL;
}

void
http_auth_test_relay (GSocketConnection *a,
                      GInputStream      *a_in,
                      GSocketConnection *b,
                      GCancellable      *cancellable)
{
  Pipe to_b = { a_in, g_io_stream_get_output_stream (G_IO_STREAM (b)), g_socket_connection_get_socket (b),
                cancellable };
  Pipe to_a = { g_io_stream_get_input_stream (G_IO_STREAM (b)), g_io_stream_get_output_stream (G_IO_STREAM (a)),
                g_socket_connection_get_socket (a), cancellable };
  GThread *thread = g_thread_new ("raw-relay", pipe_run, &to_b);

  pipe_run (&to_a);
  g_thread_join (thread);
}

/* Loopback only: a test proxy never reaches out of the machine. */
static GSocketConnection *
connect_loopback (const char   *host,
                  guint         port,
                  GCancellable *cancellable)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *connection;

  if (port == 0 || (g_strcmp0 (host, "127.0.0.1") != 0 && g_ascii_strcasecmp (host, "localhost") != 0))
    return NULL;
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, cancellable, NULL);
  if (connection != NULL)
    http_auth_test_set_nodelay (connection);
  return connection;
}

static void
write_status (GOutputStream *out,
              const char    *status_line,
              GCancellable  *cancellable)
{
  g_autofree char *text = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                                           status_line);

  g_output_stream_write_all (out, text, strlen (text), NULL, cancellable, NULL);
}

/* CONNECT: 200, then a tunnel; the connection ends with it. */
static void
forward_connect (GSocketConnection        *connection,
                 GDataInputStream         *in,
                 const HttpAuthRawRequest *request,
                 GCancellable             *cancellable)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *host = NULL;
  g_autoptr(GSocketConnection) upstream = NULL;
  const char *colon = strrchr (request->target, ':');
  const char *established = "HTTP/1.1 200 Connection established\r\n\r\n";

  if (colon != NULL)
    {
      host = g_strndup (request->target, colon - request->target);
      upstream = connect_loopback (host, (guint) g_ascii_strtoull (colon + 1, NULL, 10), cancellable);
    }
  if (upstream == NULL)
    {
      write_status (out, "502 Bad Gateway", cancellable);
      return;
    }
  if (!g_output_stream_write_all (out, established, strlen (established), NULL, cancellable, NULL))
    return;
  http_auth_test_relay (connection, G_INPUT_STREAM (in), upstream, cancellable);
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
}

static gboolean
is_hop_by_hop (const char *line)
{
  const char *names[] = { "Proxy-Authorization:", "Proxy-Connection:", "Connection:", "Keep-Alive:" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strncasecmp (line, names[i], strlen (names[i])) == 0)
      return TRUE;
  return FALSE;
}

/* An absolute-form request: to its origin, and the answer back. */
static void
forward_request (GOutputStream            *out,
                 const HttpAuthRawRequest *request,
                 GPtrArray                *lines,
                 GBytes                   *body,
                 GCancellable             *cancellable)
{
  g_autoptr(GUri) uri = g_uri_parse (request->target, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GDataInputStream) answer = NULL;
  char buffer[16 * 1024];

  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0)
    upstream = connect_loopback (g_uri_get_host (uri), g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 80,
                                 cancellable);
  if (upstream == NULL)
    {
      write_status (out, "502 Bad Gateway", cancellable);
      return;
    }

  g_string_append_printf (head, "%s %s%s%s HTTP/1.1\r\n", request->method, g_uri_get_path (uri),
                          g_uri_get_query (uri) ? "?" : "", g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  for (guint i = 0; i < lines->len; i++)
    if (!is_hop_by_hop (g_ptr_array_index (lines, i)))
      g_string_append_printf (head, "%s\r\n", (char *) g_ptr_array_index (lines, i));
  g_string_append (head, "Connection: close\r\n\r\n");
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (upstream)), head->str, head->len,
                                  NULL, cancellable, NULL))
    return;
  if (body != NULL &&
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (upstream)),
                                  g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, cancellable, NULL))
    return;

  /* The answer's head, with the connection to the client ending after it. */
  answer = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (upstream)));
  g_data_input_stream_set_newline_type (answer, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  g_string_truncate (head, 0);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (answer, NULL, cancellable, NULL);

      if (line == NULL)
        {
          write_status (out, "502 Bad Gateway", cancellable);
          return;
        }
      g_strchomp (line);
      if (*line == '\0')
        break;
      if (!is_hop_by_hop (line))
        g_string_append_printf (head, "%s\r\n", line);
    }
  g_string_append (head, "Connection: close\r\n\r\n");
  if (!g_output_stream_write_all (out, head->str, head->len, NULL, cancellable, NULL))
    return;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (answer), buffer, sizeof buffer, cancellable, NULL);

      if (n <= 0 || !g_output_stream_write_all (out, buffer, n, NULL, cancellable, NULL))
        break;
    }
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
}

static void
serve (HttpAuthRawServer *self,
       GSocketConnection *connection,
       GIOStream         *stream)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  for (;;)
    {
      HttpAuthRawRequest request = { 0 };
      HttpAuthRawResponse response = { 0 };
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) body = NULL;
      guint64 content_length = 0;
      gboolean close = FALSE;
      gboolean ok;

      if (!read_head (in, self->stopping, &request, &content_length, &close, lines))
        {
          request_clear (&request);
          break;
        }
      if (content_length > 0 && content_length <= MAX_KEPT_BODY)
        {
          g_autofree char *data = g_malloc (content_length);
          gsize n = 0;

          g_input_stream_read_all (G_INPUT_STREAM (in), data, content_length, &n, self->stopping, NULL);
          request.body_size = n;
          body = g_bytes_new_take (g_steal_pointer (&data), n);
        }
      else if (content_length > 0)
        request.body_size = g_input_stream_skip (G_INPUT_STREAM (in), content_length, self->stopping, NULL);

      g_mutex_lock (&self->lock);
      request.index = self->requests->len;
      g_ptr_array_add (self->requests, request_copy (&request));
      g_mutex_unlock (&self->lock);

      response.status = 200;
      response.close = close;
      response.headers = g_ptr_array_new_with_free_func (g_free);
      self->handler (&request, &response, self->user_data);
      if (response.forward && connection != NULL && g_str_equal (request.method, "CONNECT"))
        {
          forward_connect (connection, in, &request, self->stopping);
          ok = FALSE;
        }
      else if (response.forward)
        {
          forward_request (out, &request, lines, body, self->stopping);
          ok = FALSE;
        }
      else
        ok = write_response (out, self->stopping, &response);

      request_clear (&request);
      g_ptr_array_unref (response.headers);
      g_clear_pointer (&response.body, g_bytes_unref);
      g_clear_pointer (&response.raw_head, g_bytes_unref);
      if (!ok || response.close)
        break;
    }
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        HttpAuthRawServer      *self)
{
  g_mutex_lock (&self->lock);
  self->active++;
  g_mutex_unlock (&self->lock);

  http_auth_test_set_nodelay (connection);
  if (self->certificate != NULL)
    {
      g_autoptr(GIOStream) tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, NULL);

      /* A handshake that fails (a client that gave up) ends the connection. */
      if (tls != NULL && g_tls_connection_handshake (G_TLS_CONNECTION (tls), self->stopping, NULL))
        serve (self, NULL, tls);
      if (tls != NULL)
        g_io_stream_close (tls, NULL, NULL);
    }
  else
    serve (self, connection, G_IO_STREAM (connection));

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
  return http_auth_raw_server_new_tls (handler, user_data, NULL);
}

HttpAuthRawServer *
http_auth_raw_server_new_tls (HttpAuthRawHandler  handler,
                              gpointer            user_data,
                              GTlsCertificate    *certificate)
{
  HttpAuthRawServer *self = g_new0 (HttpAuthRawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->handler = handler;
  self->user_data = user_data;
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
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
  g_clear_object (&self->certificate);
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
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->certificate != NULL ? "https" : "http", self->port, path);
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

void
http_auth_raw_server_clear_requests (HttpAuthRawServer *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->lock);
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
