/* http-auth-request.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-request"

#include "config.h"

#include "http-auth-request-private.h"

#include "http-auth-enums.h"

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
 * The method and the URI are fixed at construction; the Fetch parameters
 * are properties, so a request can be built with g_object_new() (or from
 * a binding) and observed with `notify`:
 *
 * ```c
 * HttpAuthRequest *request = g_object_new (HTTP_AUTH_TYPE_REQUEST,
 *                                          "method", "POST",
 *                                          "uri", "https://example.com/",
 *                                          "credentials-mode", HTTP_AUTH_CREDENTIALS_MODE_OMIT,
 *                                          NULL);
 * ```
 *
 * A body set with [method@HttpAuth.Request.set_body] is replayed byte for
 * byte on a retry. A body stream is one-shot: if the server asks for
 * credentials after it was sent, the request fails with
 * %HTTP_AUTH_ERROR_BODY_NOT_REPLAYABLE, as Fetch requires.
 */

/* A request is built and sent on the thread of its session's main
 * context; nothing in it is locked. */
struct _HttpAuthRequest
{
  GObject                  parent_instance;

  /* What is sent: fixed at construction, except headers and body. */
  char                    *method;
  GUri                    *uri;             /* owned; NULL only if construction failed */
  SoupMessageHeaders      *headers;         /* owned */
  char                    *content_type;
  GBytes                  *body;            /* owned; replayable */
  GInputStream            *stream;          /* owned until the transaction takes it */
  gssize                   stream_length;

  /* The Fetch parameters: the "credentials-mode" … "initiator" properties. */
  HttpAuthCredentialsMode  credentials_mode;
  HttpAuthRequestMode      mode;
  HttpAuthRedirectMode     redirect_mode;
  HttpAuthDestination      destination;
  char                    *initiator;

  /* The tab the request belongs to; a reference. */
  HttpAuthPromptContext   *prompt_context;
};

G_DEFINE_FINAL_TYPE (HttpAuthRequest, http_auth_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_URI,
  PROP_CREDENTIALS_MODE,
  PROP_MODE,
  PROP_REDIRECT_MODE,
  PROP_DESTINATION,
  PROP_INITIATOR,
  PROP_PROMPT_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* http_auth_request_new() has parsed the URI to check it: it hands the
 * GUri to the "uri" setter of the object it makes, on the same thread,
 * rather than having it parsed a second time. */
static GPrivate parsed_uri_handoff;

/* @uri parsed if it is an absolute http(s) URI with a host, else NULL. */
static GUri *
parse_http_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL)
    return NULL;

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);
  if ((g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      host == NULL || *host == '\0')
    return NULL;

  return g_steal_pointer (&parsed);
}

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
http_auth_request_constructed (GObject *object)
{
  HttpAuthRequest *self = HTTP_AUTH_REQUEST (object);

  G_OBJECT_CLASS (http_auth_request_parent_class)->constructed (object);

  /* g_object_new() cannot fail: a request built without a usable URI is
   * a programmer mistake, reported here rather than when it is sent.
   * http_auth_request_new() checks first and returns NULL instead. */
  if (self->uri == NULL)
    g_critical ("HttpAuthRequest needs an absolute http or https \"uri\"");
}

static void
http_auth_request_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HttpAuthRequest *self = HTTP_AUTH_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_URI:
      /* Read back without the password the URI may carry. */
      if (self->uri != NULL)
        g_value_take_string (value, g_uri_to_string_partial (self->uri, G_URI_HIDE_PASSWORD));
      break;

    case PROP_CREDENTIALS_MODE:
      g_value_set_enum (value, self->credentials_mode);
      break;

    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_REDIRECT_MODE:
      g_value_set_enum (value, self->redirect_mode);
      break;

    case PROP_DESTINATION:
      g_value_set_enum (value, self->destination);
      break;

    case PROP_INITIATOR:
      g_value_set_string (value, self->initiator);
      break;

    case PROP_PROMPT_CONTEXT:
      g_value_set_object (value, self->prompt_context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_request_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HttpAuthRequest *self = HTTP_AUTH_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      {
        const char *method = g_value_get_string (value);

        g_free (self->method);
        self->method = g_strdup (method != NULL ? method : "GET");
      }
      break;

    case PROP_URI:
      g_clear_pointer (&self->uri, g_uri_unref);
      self->uri = g_private_get (&parsed_uri_handoff);
      if (self->uri != NULL)
        g_private_set (&parsed_uri_handoff, NULL);
      else
        self->uri = parse_http_uri (g_value_get_string (value));
      break;

    case PROP_CREDENTIALS_MODE:
      http_auth_request_set_credentials_mode (self, g_value_get_enum (value));
      break;

    case PROP_MODE:
      http_auth_request_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_REDIRECT_MODE:
      http_auth_request_set_redirect_mode (self, g_value_get_enum (value));
      break;

    case PROP_DESTINATION:
      http_auth_request_set_destination (self, g_value_get_enum (value));
      break;

    case PROP_INITIATOR:
      http_auth_request_set_initiator (self, g_value_get_string (value));
      break;

    case PROP_PROMPT_CONTEXT:
      http_auth_request_set_prompt_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_request_class_init (HttpAuthRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = http_auth_request_constructed;
  object_class->dispose = http_auth_request_dispose;
  object_class->finalize = http_auth_request_finalize;
  object_class->get_property = http_auth_request_get_property;
  object_class->set_property = http_auth_request_set_property;

  /**
   * HttpAuthRequest:method:
   *
   * The request method (`GET`, `POST`, …). %NULL at construction means
   * `GET`.
   */
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL,
                         "GET",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:uri:
   *
   * The absolute `http` or `https` URI to request; it must be given at
   * construction. User information in it is used once, after a challenge,
   * and never sent as is. Reading the property gives the URI without its
   * password; [method@HttpAuth.Request.get_uri] gives it whole.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:credentials-mode:
   *
   * The request's credentials mode (Fetch): whether credentials may be
   * sent and asked for, and to which origins.
   */
  properties[PROP_CREDENTIALS_MODE] =
    g_param_spec_enum ("credentials-mode", NULL, NULL,
                       HTTP_AUTH_TYPE_CREDENTIALS_MODE,
                       HTTP_AUTH_CREDENTIALS_MODE_INCLUDE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:mode:
   *
   * The request's mode (Fetch). A %HTTP_AUTH_REQUEST_MODE_CORS request
   * never prompts.
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       HTTP_AUTH_TYPE_REQUEST_MODE,
                       HTTP_AUTH_REQUEST_MODE_NAVIGATE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:redirect-mode:
   *
   * What the engine does with a redirect (Fetch).
   */
  properties[PROP_REDIRECT_MODE] =
    g_param_spec_enum ("redirect-mode", NULL, NULL,
                       HTTP_AUTH_TYPE_REDIRECT_MODE,
                       HTTP_AUTH_REDIRECT_MODE_FOLLOW,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:destination:
   *
   * What the response is for: a top-level document, or a subresource
   * (which never prompts when it is cross-origin).
   */
  properties[PROP_DESTINATION] =
    g_param_spec_enum ("destination", NULL, NULL,
                       HTTP_AUTH_TYPE_DESTINATION,
                       HTTP_AUTH_DESTINATION_DOCUMENT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:initiator:
   *
   * The origin (`scheme://host:port`) of the document that made the
   * request, or %NULL for a top-level navigation.
   */
  properties[PROP_INITIATOR] =
    g_param_spec_string ("initiator", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthRequest:prompt-context:
   *
   * The tab the request belongs to, where its prompts appear. %NULL
   * means that no prompt can appear.
   */
  properties[PROP_PROMPT_CONTEXT] =
    g_param_spec_object ("prompt-context", NULL, NULL,
                         HTTP_AUTH_TYPE_PROMPT_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
 * Creates a request.
 *
 * Returns: (transfer full) (nullable): a new request, or %NULL if @uri is
 *   not an absolute http(s) URI
 */
HttpAuthRequest *
http_auth_request_new (const char *method,
                       const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  /* Checked here so that a URI the caller cannot vouch for (typed by a
   * user, read from a page) gives NULL, not a critical. */
  parsed = parse_http_uri (uri);
  if (parsed == NULL)
    return NULL;

  g_private_set (&parsed_uri_handoff, g_steal_pointer (&parsed));
  return g_object_new (HTTP_AUTH_TYPE_REQUEST,
                       "method", method,
                       "uri", uri,
                       NULL);
}

/**
 * http_auth_request_get_method:
 * @self: a #HttpAuthRequest
 *
 * Gets the request method.
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
 * Gets the URI the request fetches.
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
 * Gets the body the request sends.
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
 * Sets [property@HttpAuth.Request:credentials-mode].
 */
void
http_auth_request_set_credentials_mode (HttpAuthRequest         *self,
                                        HttpAuthCredentialsMode  mode)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));

  if (self->credentials_mode == mode)
    return;

  self->credentials_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS_MODE]);
}

/**
 * http_auth_request_get_credentials_mode:
 * @self: a #HttpAuthRequest
 *
 * Gets when the request may send credentials.
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
 * Sets [property@HttpAuth.Request:mode].
 */
void
http_auth_request_set_mode (HttpAuthRequest     *self,
                            HttpAuthRequestMode  mode)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));

  if (self->mode == mode)
    return;

  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

/**
 * http_auth_request_get_mode:
 * @self: a #HttpAuthRequest
 *
 * Gets the Fetch mode of the request.
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
 * Sets [property@HttpAuth.Request:redirect-mode].
 */
void
http_auth_request_set_redirect_mode (HttpAuthRequest      *self,
                                     HttpAuthRedirectMode  mode)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));

  if (self->redirect_mode == mode)
    return;

  self->redirect_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_MODE]);
}

/**
 * http_auth_request_get_redirect_mode:
 * @self: a #HttpAuthRequest
 *
 * Gets how the request follows redirects.
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
 * Sets what the response is for ([property@HttpAuth.Request:destination]).
 */
void
http_auth_request_set_destination (HttpAuthRequest     *self,
                                   HttpAuthDestination  destination)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));

  if (self->destination == destination)
    return;

  self->destination = destination;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION]);
}

/**
 * http_auth_request_get_destination:
 * @self: a #HttpAuthRequest
 *
 * Gets what the request fetches, as a Fetch destination.
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

  if (g_strcmp0 (self->initiator, origin) == 0)
    return;

  g_free (self->initiator);
  self->initiator = g_strdup (origin);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIATOR]);
}

/**
 * http_auth_request_get_initiator:
 * @self: a #HttpAuthRequest
 *
 * Gets the origin that started the request.
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
 * Sets [property@HttpAuth.Request:prompt-context].
 */
void
http_auth_request_set_prompt_context (HttpAuthRequest       *self,
                                      HttpAuthPromptContext *context)
{
  g_return_if_fail (HTTP_AUTH_IS_REQUEST (self));
  g_return_if_fail (context == NULL || HTTP_AUTH_IS_PROMPT_CONTEXT (context));

  if (g_set_object (&self->prompt_context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPT_CONTEXT]);
}

/**
 * http_auth_request_get_prompt_context:
 * @self: a #HttpAuthRequest
 *
 * Gets the prompt context the request may prompt in.
 *
 * Returns: (transfer none) (nullable): the prompt context
 */
HttpAuthPromptContext *
http_auth_request_get_prompt_context (HttpAuthRequest *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_REQUEST (self), NULL);
  return self->prompt_context;
}
