/* http-auth-test-socks.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-test-socks.h"
#include "http-auth-test-raw-server.h"

#include <string.h>

/* Enough of RFC 1928 for GIO's GSocks5Proxy: the greeting with method 0
 * (no authentication), then CONNECT to an IPv4 address or a domain name.
 * Only 127.0.0.1 and localhost are reached; anything else is refused with
 * reply 2 (not allowed by ruleset). */

struct _HttpAuthTestSocks
{
  GSocketService *service;
  guint           port;
  GMutex          lock;
  GCond           idle;
  guint           active;     /* connection threads, under lock */
  GPtrArray      *targets;    /* "host:port", under lock */
  GCancellable   *stopping;
};

static gboolean
read_exactly (GInputStream *in,
              void         *buffer,
              gsize         size,
              GCancellable *cancellable)
{
  gsize n = 0;

  return g_input_stream_read_all (in, buffer, size, &n, cancellable, NULL) && n == size;
}

static void
reply (GOutputStream *out,
       guint8         code,
       GCancellable  *cancellable)
{
  const guint8 answer[] = { 5, code, 0, 1, 0, 0, 0, 0, 0, 0 };

  g_output_stream_write_all (out, answer, sizeof answer, NULL, cancellable, NULL);
}

static void
serve (HttpAuthTestSocks *self,
       GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  guint8 head[4];
  guint8 methods[255];
  guint8 port_bytes[2];
  char host[256] = { 0 };
  const guint8 no_auth[] = { 5, 0 };
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) upstream = NULL;
  guint port;

  /* Greeting: version, the methods offered. */
  if (!read_exactly (in, head, 2, self->stopping) || head[0] != 5 ||
      !read_exactly (in, methods, head[1], self->stopping) || memchr (methods, 0, head[1]) == NULL)
    return;
  if (!g_output_stream_write_all (out, no_auth, sizeof no_auth, NULL, self->stopping, NULL))
    return;

  /* Request: version, command, reserved, address type. */
  if (!read_exactly (in, head, 4, self->stopping) || head[0] != 5)
    return;
  if (head[3] == 1)
    {
      guint8 ip[4];

      if (!read_exactly (in, ip, 4, self->stopping))
        return;
      g_snprintf (host, sizeof host, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
    }
  else if (head[3] == 3)
    {
      guint8 length;

      if (!read_exactly (in, &length, 1, self->stopping) || !read_exactly (in, host, length, self->stopping))
        return;
      host[length] = '\0';
    }
  else
    {
      reply (out, 8, self->stopping);   /* address type not supported */
      return;
    }
  if (!read_exactly (in, port_bytes, 2, self->stopping))
    return;
  port = (port_bytes[0] << 8) | port_bytes[1];

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->targets, g_strdup_printf ("%s:%u", host, port));
  g_mutex_unlock (&self->lock);

  if (head[1] != 1)
    {
      reply (out, 7, self->stopping);   /* command not supported */
      return;
    }
  if (strcmp (host, "127.0.0.1") != 0 && g_ascii_strcasecmp (host, "localhost") != 0)
    {
      reply (out, 2, self->stopping);
      return;
    }
  client = g_socket_client_new ();
  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", port, self->stopping, NULL);
  if (upstream == NULL)
    {
      reply (out, 5, self->stopping);   /* connection refused */
      return;
    }
  http_auth_test_set_nodelay (connection);
  http_auth_test_set_nodelay (upstream);
  reply (out, 0, self->stopping);
  http_auth_test_relay (connection, in, upstream, self->stopping);
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        HttpAuthTestSocks      *self)
{
  g_mutex_lock (&self->lock);
  self->active++;
  g_mutex_unlock (&self->lock);

  serve (self, connection);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  g_mutex_lock (&self->lock);
  if (--self->active == 0)
    g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

HttpAuthTestSocks *
http_auth_test_socks_new (void)
{
  HttpAuthTestSocks *self = g_new0 (HttpAuthTestSocks, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->targets = g_ptr_array_new_with_free_func (g_free);
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

void
http_auth_test_socks_free (HttpAuthTestSocks *self)
{
  g_cancellable_cancel (self->stopping);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  g_mutex_lock (&self->lock);
  while (self->active > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);

  g_clear_object (&self->stopping);
  g_ptr_array_unref (self->targets);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  g_free (self);
}

guint
http_auth_test_socks_get_port (HttpAuthTestSocks *self)
{
  return self->port;
}

char *
http_auth_test_socks_get_uri (HttpAuthTestSocks *self)
{
  return g_strdup_printf ("socks5://127.0.0.1:%u", self->port);
}

GPtrArray *
http_auth_test_socks_dup_targets (HttpAuthTestSocks *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->targets->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->targets, i)));
  g_mutex_unlock (&self->lock);
  return copy;
}

void
http_auth_test_socks_clear (HttpAuthTestSocks *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->targets, 0);
  g_mutex_unlock (&self->lock);
}
