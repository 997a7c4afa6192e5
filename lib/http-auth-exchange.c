/* http-auth-exchange.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-exchange"

#include "config.h"

#include "http-auth-exchange.h"
#include "http-auth-exchange-private.h"

#include <string.h>

/**
 * HttpAuthExchange:
 *
 * One HTTP exchange among those a logical request took (its 401s and 407s,
 * redirects and retries), as [method@HttpAuth.Response.get_exchanges]
 * lists them.
 *
 * It records which authentication schemes went out, never a credential:
 * the scheme of the `Authorization` sent to the server and of the
 * `Proxy-Authorization` sent to a proxy (for an `https://` request, the
 * one its CONNECT carried).
 */

struct _HttpAuthExchange
{
  grefcount  ref;
  char      *method;
  GUri      *uri;
  char      *url;   /* written from @uri when first asked for */
  guint      status;
  char      *auth_scheme;
  char      *proxy_auth_scheme;
};

G_DEFINE_BOXED_TYPE (HttpAuthExchange, http_auth_exchange, http_auth_exchange_ref, http_auth_exchange_unref)

HttpAuthExchange *
_http_auth_exchange_new (const char *method,
                         GUri       *uri)
{
  HttpAuthExchange *self = g_new0 (HttpAuthExchange, 1);

  g_ref_count_init (&self->ref);
  self->method = g_strdup (method);
  self->uri = g_uri_ref (uri);
  return self;
}

void
_http_auth_exchange_set_status (HttpAuthExchange *self,
                                guint             status)
{
  self->status = status;
}

/* Keeps the scheme token of a header value ("Basic …" → "basic"): never
 * the credentials that follow it. */
static void
set_scheme (char       **field,
            const char  *header_value)
{
  g_clear_pointer (field, g_free);
  if (header_value != NULL)
    *field = g_ascii_strdown (header_value, strcspn (header_value, " "));
}

void
_http_auth_exchange_set_auth_scheme (HttpAuthExchange *self,
                                     const char       *header_value)
{
  set_scheme (&self->auth_scheme, header_value);
}

void
_http_auth_exchange_set_proxy_auth_scheme (HttpAuthExchange *self,
                                           const char       *header_value)
{
  set_scheme (&self->proxy_auth_scheme, header_value);
}

/**
 * http_auth_exchange_ref:
 * @self: a #HttpAuthExchange
 *
 * Takes a reference on the exchange.
 *
 * Returns: (transfer full): @self
 */
HttpAuthExchange *
http_auth_exchange_ref (HttpAuthExchange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref);
  return self;
}

/**
 * http_auth_exchange_unref:
 * @self: (transfer full): a #HttpAuthExchange
 *
 * Drops a reference; the last one frees @self.
 */
void
http_auth_exchange_unref (HttpAuthExchange *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref))
    return;
  g_free (self->method);
  g_uri_unref (self->uri);
  g_free (self->url);
  g_free (self->auth_scheme);
  g_free (self->proxy_auth_scheme);
  g_free (self);
}

/**
 * http_auth_exchange_get_method:
 * @self: a #HttpAuthExchange
 *
 * Gets the request method of this exchange.
 *
 * Returns: the method sent
 */
const char *
http_auth_exchange_get_method (HttpAuthExchange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->method;
}

/**
 * http_auth_exchange_get_url:
 * @self: a #HttpAuthExchange
 *
 * Gets the URL this exchange requested.
 *
 * Returns: the URL requested, without user information
 */
const char *
http_auth_exchange_get_url (HttpAuthExchange *self)
{
  char *url;

  g_return_val_if_fail (self != NULL, NULL);

  /* Written once, when asked for: most exchanges are never looked at. */
  url = g_atomic_pointer_get (&self->url);
  if (url == NULL)
    {
      url = g_uri_to_string_partial (self->uri, G_URI_HIDE_USERINFO);
      if (!g_atomic_pointer_compare_and_exchange (&self->url, NULL, url))
        {
          g_free (url);
          url = g_atomic_pointer_get (&self->url);
        }
    }
  return url;
}

/**
 * http_auth_exchange_get_status:
 * @self: a #HttpAuthExchange
 *
 * Gets the status code this exchange received.
 *
 * Returns: the status received, or 0 when no response came
 */
guint
http_auth_exchange_get_status (HttpAuthExchange *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->status;
}

/**
 * http_auth_exchange_get_auth_scheme:
 * @self: a #HttpAuthExchange
 *
 * Gets the scheme of the credentials sent to the server in this exchange.
 *
 * Returns: (nullable): the scheme of the `Authorization` sent, lowercase
 *   (`basic`, `digest`, …), or %NULL when none was sent
 */
const char *
http_auth_exchange_get_auth_scheme (HttpAuthExchange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->auth_scheme;
}

/**
 * http_auth_exchange_get_proxy_auth_scheme:
 * @self: a #HttpAuthExchange
 *
 * Gets the scheme of the credentials sent to the proxy in this exchange.
 *
 * Returns: (nullable): the scheme of the `Proxy-Authorization` sent to the
 *   proxy (on the CONNECT, for an `https://` request), lowercase, or %NULL
 */
const char *
http_auth_exchange_get_proxy_auth_scheme (HttpAuthExchange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->proxy_auth_scheme;
}
