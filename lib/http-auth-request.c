/* http-auth-request.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-request"

#include "config.h"

#include "http-auth-request-private.h"

/**
 * HttpAuthRequest:
 *
 * One logical request for [method@HttpAuth.Session.send_async]: what to
 * send, and the Fetch parameters that decide how a 401 is handled.
 *
 * Defaults are those of a top-level navigation: credentials mode
 * "include", mode "navigate", redirect mode "follow", destination
 * "document", the initiator being the request's own origin, and no prompt
 * context (so no prompt can appear until one is set).
 *
 * A body set with [method@HttpAuth.Request.set_body] is replayed byte for
 * byte on a retry. A body stream is one-shot: if the server asks for
 * credentials after it was sent, the request fails with
 * %HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE, as Fetch requires.
 */

struct _HttpAuthRequest
{
  GObject                  parent_instance;
  char                    *method;
  GUri                    *uri;
  SoupMessageHeaders      *headers;
  char                    *content_type;
  GBytes                  *body;
  GInputStream            *stream;
  gssize                   stream_length;
  HttpAuthCredentialsMode  credentials_mode;
  HttpAuthRequestMode      mode;
  HttpAuthRedirectMode     redirect_mode;
  HttpAuthDestination      destination;
  char                    *initiator;
  HttpAuthPromptContext   *prompt_context;
};

G_DEFINE_FINAL_TYPE (HttpAuthRequest, http_auth_request, G_TYPE_OBJECT)

static void
http_auth_request_dispose (GObject *object)
{
  HttpAuthRequest *self = HTTP_AUTH_REQUEST (object);

  g_clear_object (&self->stream);
  g_clear_object (&self->prompt_context);

  G_OBJECT_CLASS (http_auth_request_parent_class)->dispose (object);
}

static void
http_auth_request_finalize (GObject *object)
{
  HttpAuthRequest *self = HTTP_AUTH_REQUEST (object);

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->initiator, g_free);

  G_OBJECT_CLASS (http_auth_request_parent_class)->finalize (object);
}

static void
http_auth_request_class_init (HttpAuthRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = http_auth_request_dispose;
  object_class->finalize = http_auth_request_finalize;
}

static void
http_auth_request_init (HttpAuthRequest *self)
{
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  self->credentials_mode = HTTP_AUTH_CREDENTIALS_MODE_INCLUDE;
  self->mode = HTTP_AUTH_REQUEST_MODE_NAVIGATE;
  self->redirect_mode = HTTP_AUTH_REDIRECT_MODE_FOLLOW;
  self->destination = HTTP_AUTH_DESTINATION_DOCUMENT;
  self->stream_length = -1;
}

/**
 * http_auth_request_new:
 * @method: the method (`GET`, `POST`, …)
 * @uri: an absolute `http` or `https` URI; user information in it is used
 *   once, after a challenge, and never sent as is
 *
 * Returns: (transfer full) (nullable): a new request, or %NULL if @uri is
 *   not an absolute http(s) URI
 */
HttpAuthRequest *
http_auth_request_new (const char *method,
                       const char *uri)
{
  HttpAuthRequest *self;
  GUri *parsed;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL ||
      (g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0) ||
      g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_clear_pointer (&parsed, g_uri_unref);
      return NULL;
    }

  self = g_object_new (HTTP_AUTH_TYPE_REQUEST, NULL);
  self->method = g_strdup (method);
  self->uri = parsed;

  return self;
}

/**
 * http_auth_request_get_method:
 * @self: a #HttpAuthRequest
 *
 * Returns: the method
 */
const char *
http_auth_request_get_method (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->method;
}

/**
 * http_auth_request_get_uri:
 * @self: a #HttpAuthRequest
 *
 * Returns: (transfer none): the URI
 */
GUri *
http_auth_request_get_uri (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->uri;
}

/**
 * http_auth_request_get_headers:
 * @self: a #HttpAuthRequest
 *
 * Gets the request headers to send. An `Authorization` set here is the
 * caller's: it is sent as is, never replaced, and a 401 answering it is
 * returned as is.
 *
 * Returns: (transfer none): the headers
 */
SoupMessageHeaders *
http_auth_request_get_headers (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->headers;
}

/**
 * http_auth_request_set_body:
 * @self: a #HttpAuthRequest
 * @content_type: (nullable): the media type
 * @body: (nullable): the body, replayed as is on a retry
 *
 * Sets a replayable body.
 */
void
http_auth_request_set_body (HttpAuthRequest *self,
                            const char      *content_type,
                            GBytes          *body)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));

  g_clear_object (&self->stream);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body ? g_bytes_ref (body) : NULL;
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
}

/**
 * http_auth_request_set_body_stream:
 * @self: a #HttpAuthRequest
 * @content_type: (nullable): the media type
 * @stream: a one-shot body
 * @length: its length, or -1 when unknown (chunked)
 *
 * Sets a one-shot body. It cannot be replayed: a 401 or 407 that asks for
 * credentials after it was sent is a network error.
 */
void
http_auth_request_set_body_stream (HttpAuthRequest *self,
                                   const char      *content_type,
                                   GInputStream    *stream,
                                   gssize           length)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  g_clear_pointer (&self->body, g_bytes_unref);
  g_set_object (&self->stream, stream);
  self->stream_length = length;
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
}

/**
 * http_auth_request_get_body:
 * @self: a #HttpAuthRequest
 *
 * Returns: (transfer none) (nullable): the replayable body
 */
GBytes *
http_auth_request_get_body (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->body;
}

const char *
_http_auth_request_get_content_type (HttpAuthRequest *self)
{
  return self->content_type;
}

gboolean
_http_auth_request_has_stream (HttpAuthRequest *self)
{
  return self->stream != NULL;
}

GInputStream *
_http_auth_request_take_stream (HttpAuthRequest *self,
                                gssize          *length)
{
  *length = self->stream_length;
  return g_steal_pointer (&self->stream);
}

/**
 * http_auth_request_set_credentials_mode:
 * @self: a #HttpAuthRequest
 * @mode: the credentials mode
 *
 * Sets the credentials mode.
 */
void
http_auth_request_set_credentials_mode (HttpAuthRequest         *self,
                                        HttpAuthCredentialsMode  mode)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  self->credentials_mode = mode;
}

/**
 * http_auth_request_get_credentials_mode:
 * @self: a #HttpAuthRequest
 *
 * Returns: the credentials mode
 */
HttpAuthCredentialsMode
http_auth_request_get_credentials_mode (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), HTTP_AUTH_CREDENTIALS_MODE_OMIT);
  return self->credentials_mode;
}

/**
 * http_auth_request_set_mode:
 * @self: a #HttpAuthRequest
 * @mode: the request mode; %HTTP_AUTH_REQUEST_MODE_CORS never prompts
 *
 * Sets the request mode.
 */
void
http_auth_request_set_mode (HttpAuthRequest     *self,
                            HttpAuthRequestMode  mode)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  self->mode = mode;
}

/**
 * http_auth_request_get_mode:
 * @self: a #HttpAuthRequest
 *
 * Returns: the request mode
 */
HttpAuthRequestMode
http_auth_request_get_mode (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), HTTP_AUTH_REQUEST_MODE_NAVIGATE);
  return self->mode;
}

/**
 * http_auth_request_set_redirect_mode:
 * @self: a #HttpAuthRequest
 * @mode: the redirect mode
 *
 * Sets the redirect mode.
 */
void
http_auth_request_set_redirect_mode (HttpAuthRequest      *self,
                                     HttpAuthRedirectMode  mode)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  self->redirect_mode = mode;
}

/**
 * http_auth_request_get_redirect_mode:
 * @self: a #HttpAuthRequest
 *
 * Returns: the redirect mode
 */
HttpAuthRedirectMode
http_auth_request_get_redirect_mode (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), HTTP_AUTH_REDIRECT_MODE_FOLLOW);
  return self->redirect_mode;
}

/**
 * http_auth_request_set_destination:
 * @self: a #HttpAuthRequest
 * @destination: document or subresource
 *
 * Sets what the response is for.
 */
void
http_auth_request_set_destination (HttpAuthRequest     *self,
                                   HttpAuthDestination  destination)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  self->destination = destination;
}

/**
 * http_auth_request_get_destination:
 * @self: a #HttpAuthRequest
 *
 * Returns: the destination
 */
HttpAuthDestination
http_auth_request_get_destination (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), HTTP_AUTH_DESTINATION_DOCUMENT);
  return self->destination;
}

/**
 * http_auth_request_set_initiator:
 * @self: a #HttpAuthRequest
 * @origin: (nullable): the origin (`scheme://host:port`) of the document
 *   that made the request, or %NULL for a top-level navigation
 *
 * Sets the initiator, for the "same-origin" credentials mode and for the
 * rule that cross-origin subresources never prompt.
 */
void
http_auth_request_set_initiator (HttpAuthRequest *self,
                                 const char      *origin)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));

  g_free (self->initiator);
  self->initiator = g_strdup (origin);
}

/**
 * http_auth_request_get_initiator:
 * @self: a #HttpAuthRequest
 *
 * Returns: (nullable): the initiator's origin
 */
const char *
http_auth_request_get_initiator (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->initiator;
}

/**
 * http_auth_request_set_prompt_context:
 * @self: a #HttpAuthRequest
 * @context: (nullable): the tab the request belongs to; %NULL means no
 *   prompt can appear
 *
 * Sets the prompt context.
 */
void
http_auth_request_set_prompt_context (HttpAuthRequest       *self,
                                      HttpAuthPromptContext *context)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  g_return_if_fail (context == NULL || HTTP_AUTH_IS_PROMPT_CONTEXT (context));

  g_set_object (&self->prompt_context, context);
}

/**
 * http_auth_request_get_prompt_context:
 * @self: a #HttpAuthRequest
 *
 * Returns: (transfer none) (nullable): the prompt context
 */
HttpAuthPromptContext *
http_auth_request_get_prompt_context (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->prompt_context;
}
