/* http-auth-response.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-response"

#include "config.h"

#include "http-auth-response-private.h"

/**
 * HttpAuthResponse:
 *
 * The final response of a logical request, after every authentication
 * and redirect step: status, headers, final URI, the body as a stream,
 * and the list of exchanges it took.
 *
 * A 401 that was not answered (no usable challenge, a cancelled prompt,
 * three wrong tries) is a response like any other: its body is the
 * server's, to be shown as is.
 */

struct _HttpAuthResponse
{
  GObject             parent_instance;
  guint               status;
  char               *reason;
  SoupMessageHeaders *headers;
  GUri               *uri;
  GInputStream       *body;
  GPtrArray          *exchanges;
  char               *auth_scheme;
  char               *principal;
  gboolean            mutual;
};

G_DEFINE_FINAL_TYPE (HttpAuthResponse, http_auth_response, G_TYPE_OBJECT)

static void
http_auth_response_dispose (GObject *object)
{
  HttpAuthResponse *self = HTTP_AUTH_RESPONSE (object);

  g_clear_object (&self->body);

  G_OBJECT_CLASS (http_auth_response_parent_class)->dispose (object);
}

static void
http_auth_response_finalize (GObject *object)
{
  HttpAuthResponse *self = HTTP_AUTH_RESPONSE (object);

  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->exchanges, g_ptr_array_unref);
  g_clear_pointer (&self->auth_scheme, g_free);
  g_clear_pointer (&self->principal, g_free);

  G_OBJECT_CLASS (http_auth_response_parent_class)->finalize (object);
}

static void
http_auth_response_class_init (HttpAuthResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = http_auth_response_dispose;
  object_class->finalize = http_auth_response_finalize;
}

static void
http_auth_response_init (HttpAuthResponse *self)
{
}

HttpAuthResponse *
_http_auth_response_new (SoupMessage  *msg,
                         GInputStream *body,
                         GPtrArray    *exchanges)
{
  HttpAuthResponse *self = g_object_new (HTTP_AUTH_TYPE_RESPONSE, NULL);

  self->status = soup_message_get_status (msg);
  self->reason = g_strdup (soup_message_get_reason_phrase (msg));
  self->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  self->uri = g_uri_ref (soup_message_get_uri (msg));
  self->body = body ? g_object_ref (body) : g_memory_input_stream_new ();
  self->exchanges = g_ptr_array_ref (exchanges);

  return self;
}

void
_http_auth_response_set_auth (HttpAuthResponse *self,
                              const char       *scheme,
                              const char       *principal,
                              gboolean          mutual)
{
  g_free (self->auth_scheme);
  self->auth_scheme = g_strdup (scheme);
  g_free (self->principal);
  self->principal = g_strdup (principal);
  self->mutual = mutual;
}

/**
 * http_auth_response_get_auth_scheme:
 * @self: a #HttpAuthResponse
 *
 * Gets the scheme the final request authenticated to the origin with
 * (`"basic"`, `"digest"`, `"negotiate"`), when the server accepted it.
 *
 * Returns: (nullable): the lowercase scheme name, or %NULL when the final
 *   request carried no credentials of the engine's (or was refused)
 */
const char *
http_auth_response_get_auth_scheme (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->auth_scheme;
}

/**
 * http_auth_response_get_principal:
 * @self: a #HttpAuthResponse
 *
 * Gets who the final request authenticated as: the Kerberos principal of a
 * Negotiate login (`alice@EXAMPLE.COM`, for "signed in with Kerberos as
 * …"), or the user name of a Basic or Digest one.
 *
 * Returns: (nullable): the principal or user name, or %NULL
 */
const char *
http_auth_response_get_principal (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->principal;
}

/**
 * http_auth_response_get_mutually_authenticated:
 * @self: a #HttpAuthResponse
 *
 * Gets whether the server proved its identity to the client: a Negotiate
 * server's final token was verified by GSS-API. %FALSE for Basic and
 * Digest, and for a Negotiate server that sent no final token (see
 * [class@HttpAuth.SchemeNegotiate]).
 *
 * Returns: whether the server was authenticated too
 */
gboolean
http_auth_response_get_mutually_authenticated (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), FALSE);
  return self->mutual;
}

/**
 * http_auth_response_get_status:
 * @self: a #HttpAuthResponse
 *
 * Gets the status code of the final response.
 *
 * Returns: the HTTP status
 */
guint
http_auth_response_get_status (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), 0);
  return self->status;
}

/**
 * http_auth_response_get_reason_phrase:
 * @self: a #HttpAuthResponse
 *
 * Gets the reason phrase of the final response.
 *
 * Returns: (nullable): the reason phrase
 */
const char *
http_auth_response_get_reason_phrase (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->reason;
}

/**
 * http_auth_response_get_headers:
 * @self: a #HttpAuthResponse
 *
 * Gets the headers of the final response.
 *
 * Returns: (transfer none): the response headers
 */
SoupMessageHeaders *
http_auth_response_get_headers (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->headers;
}

/**
 * http_auth_response_get_uri:
 * @self: a #HttpAuthResponse
 *
 * Gets the URI of the final response.
 *
 * Returns: (transfer none): the final URI, after redirects
 */
GUri *
http_auth_response_get_uri (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->uri;
}

/**
 * http_auth_response_get_body_stream:
 * @self: a #HttpAuthResponse
 *
 * Gets the stream of the response body.
 *
 * Returns: (transfer none): the body
 */
GInputStream *
http_auth_response_get_body_stream (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->body;
}

/**
 * http_auth_response_get_exchanges:
 * @self: a #HttpAuthResponse
 *
 * Gets every exchange that led to this response.
 *
 * Returns: (transfer none) (element-type HttpAuthExchange): the exchanges,
 *   in order
 */
GPtrArray *
http_auth_response_get_exchanges (HttpAuthResponse *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_RESPONSE (self), NULL);
  return self->exchanges;
}

static void
read_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GOutputStream *out = G_OUTPUT_STREAM (object);

  if (g_output_stream_splice_finish (out, result, &error) < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task,
                           g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out)),
                           (GDestroyNotify) g_bytes_unref);
}

/**
 * http_auth_response_read_body_async:
 * @self: a #HttpAuthResponse
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the body is read
 * @user_data: data for @callback
 *
 * Reads the whole body into memory.
 */
void
http_auth_response_read_body_async (HttpAuthResponse    *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GOutputStream) out = NULL;

  g_return_if_fail (HTTP_AUTH_IS_RESPONSE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, http_auth_response_read_body_async);
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, self->body,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, cancellable, read_body_cb, g_steal_pointer (&task));
}

/**
 * http_auth_response_read_body_finish:
 * @self: a #HttpAuthResponse
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes a read started with [method@HttpAuth.Response.read_body_async].
 *
 * Returns: (transfer full) (nullable): the body
 */
GBytes *
http_auth_response_read_body_finish (HttpAuthResponse  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
