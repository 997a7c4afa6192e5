/* http-auth-connect-bridge.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-connect-bridge"

#include "config.h"

#include "http-auth-credential-cache-private.h"
#include "http-auth-connect-bridge-private.h"
#include "http-auth-credential-private.h"

#include <string.h>

/* libsoup sends the CONNECT of an https:// request through an HTTP proxy
 * itself, and its SoupAuthManager keeps one proxy login per session: it
 * would put proxy A's Proxy-Authorization on a CONNECT to proxy B
 * (measured on libsoup 3.2). So the engine answers CONNECTs itself:
 *
 * - "request-queued" shows the internal CONNECT message;
 * - its "starting" (connected after the manager's handler, once the
 *   connection and so the proxy is known) gets Proxy-Authorization for
 *   that proxy and no other, or none;
 * - its "got-headers" keeps a 407's Proxy-Authenticate for the request
 *   (libsoup then reports a bare 407 on it), and a 2xx proves the login.
 *
 * The manager never gets a login from the engine, so it has none to leak. */

/* The largest Proxy-Authenticate fields of one CONNECT reply kept. */
#define MAX_CONNECT_CHALLENGE (64 * 1024)

typedef struct
{
  HttpAuthProtectionSpace *space;
  HttpAuthScheme          *scheme;
  HttpAuthCredential      *credential;
} Login;

struct _HttpAuthProxyLogins
{
  grefcount                ref;
  HttpAuthCredentialCache *cache;       /* a reference */
  SoupSession             *soup;        /* unowned; set while attached */
  gulong                   queued_id;
  /* proxy key -> Login: given, not yet accepted */
  GHashTable              *pending;
  /* proxy key -> GStrv: the last CONNECT 407's Proxy-Authenticate values */
  GHashTable              *challenges;
  /* proxy key -> "Negotiate <token>": made on a worker for the next
   * CONNECT to that proxy, used once (a Kerberos token is single use) */
  GHashTable              *tokens;
};

static void
login_free (Login *login)
{
  http_auth_protection_space_unref (login->space);
  g_clear_object (&login->scheme);
  http_auth_credential_unref (login->credential);
  g_free (login);
}

static char *
space_proxy_key (HttpAuthProtectionSpace *space)
{
  return _http_auth_proxy_key (http_auth_protection_space_get_scheme (space),
                               http_auth_protection_space_get_host (space),
                               http_auth_protection_space_get_port (space));
}

HttpAuthProxyLogins *
_http_auth_proxy_logins_new (HttpAuthCredentialCache *cache)
{
  HttpAuthProxyLogins *self = g_new0 (HttpAuthProxyLogins, 1);

  g_ref_count_init (&self->ref);
  self->cache = g_object_ref (cache);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) login_free);
  self->challenges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _http_auth_secure_free);

  return self;
}

HttpAuthProxyLogins *
_http_auth_proxy_logins_ref (HttpAuthProxyLogins *self)
{
  g_ref_count_inc (&self->ref);
  return self;
}

void
_http_auth_proxy_logins_unref (HttpAuthProxyLogins *self)
{
  if (!g_ref_count_dec (&self->ref))
    return;

  g_assert (self->soup == NULL);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->challenges, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_free (self);
}

/* ---- The logins ---- */

void
_http_auth_proxy_logins_offer (HttpAuthProxyLogins     *self,
                               HttpAuthProtectionSpace *space,
                               HttpAuthScheme          *scheme,
                               HttpAuthCredential      *credential)
{
  Login *login = g_new0 (Login, 1);

  login->space = http_auth_protection_space_ref (space);
  login->scheme = scheme ? g_object_ref (scheme) : NULL;
  login->credential = http_auth_credential_ref (credential);
  g_hash_table_replace (self->pending, space_proxy_key (space), login);
}

/* The proxy refused @credential: nobody offers it again. */
void
_http_auth_proxy_logins_forget (HttpAuthProxyLogins     *self,
                                HttpAuthProtectionSpace *space,
                                HttpAuthCredential      *credential)
{
  g_autofree char *key = space_proxy_key (space);
  g_autoptr(HttpAuthCredential) cached = http_auth_credential_cache_lookup (self->cache, space);
  Login *login = g_hash_table_lookup (self->pending, key);

  if (login != NULL && (credential == NULL || http_auth_credential_equal (login->credential, credential)))
    g_hash_table_remove (self->pending, key);
  if (cached != NULL && (credential == NULL || http_auth_credential_equal (cached, credential)))
    http_auth_credential_cache_remove (self->cache, space);
}

/* The proxy accepted @credential: an entry in the cache (never partitioned
 * by site), with the scheme's state for preemptive use. */
void
_http_auth_proxy_logins_accept (HttpAuthProxyLogins     *self,
                                HttpAuthProtectionSpace *space,
                                HttpAuthScheme          *scheme,
                                HttpAuthCredential      *credential)
{
  g_autofree char *key = space_proxy_key (space);
  Login *login = g_hash_table_lookup (self->pending, key);

  _http_auth_credential_cache_add_with_state (self->cache, space, NULL, credential, scheme ? G_OBJECT (scheme) : NULL);
  if (login != NULL && http_auth_credential_equal (login->credential, credential))
    g_hash_table_remove (self->pending, key);
}

/* The login to offer the route's proxy: one given and not yet refused,
 * else one it accepted before. Only ever for that proxy. */
gboolean
_http_auth_proxy_logins_lookup (HttpAuthProxyLogins      *self,
                                const HttpAuthRoute      *route,
                                HttpAuthProtectionSpace **space,
                                HttpAuthScheme          **scheme,
                                HttpAuthCredential      **credential)
{
  g_autofree char *key = _http_auth_route_proxy_key (route);
  g_autoptr(GObject) state = NULL;
  Login *login;

  if (key == NULL)
    return FALSE;

  login = g_hash_table_lookup (self->pending, key);
  if (login != NULL && login->scheme != NULL)
    {
      *space = http_auth_protection_space_ref (login->space);
      *scheme = g_object_ref (login->scheme);
      *credential = http_auth_credential_ref (login->credential);
      return TRUE;
    }

  if (!_http_auth_credential_cache_lookup_by_path_with_state (self->cache, NULL, HTTP_AUTH_TARGET_PROXY,
                                                  g_uri_get_scheme (route->proxy), g_uri_get_host (route->proxy),
                                                  _http_auth_route_proxy_port (route), "/",
                                                  space, credential, &state))
    return FALSE;
  if (!HTTP_AUTH_IS_SCHEME (state))
    {
      g_clear_pointer (space, http_auth_protection_space_unref);
      g_clear_pointer (credential, http_auth_credential_unref);
      return FALSE;
    }
  *scheme = HTTP_AUTH_SCHEME (g_steal_pointer (&state));
  return TRUE;
}

char **
_http_auth_proxy_logins_dup_connect_challenge (HttpAuthProxyLogins *self,
                                               const HttpAuthRoute *route)
{
  g_autofree char *key = _http_auth_route_proxy_key (route);

  return key != NULL ? g_strdupv (g_hash_table_lookup (self->challenges, key)) : NULL;
}

/* A Negotiate header (owned, wiped when dropped) for the next CONNECT to
 * @space's proxy. */
void
_http_auth_proxy_logins_set_token (HttpAuthProxyLogins     *self,
                                   HttpAuthProtectionSpace *space,
                                   char                    *header_value)
{
  g_hash_table_replace (self->tokens, space_proxy_key (space), header_value);
}

void
_http_auth_proxy_logins_clear (HttpAuthProxyLogins *self)
{
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->challenges);
  g_hash_table_remove_all (self->tokens);
}

/* ---- The CONNECT bridge ---- */

static void
connect_starting_cb (SoupMessage         *msg,
                     HttpAuthProxyLogins *self)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  HttpAuthRoute route = { 0 };
  g_autoptr(HttpAuthProtectionSpace) space = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autofree char *target = NULL;
  g_autoptr(HttpAuthSecretString) value = NULL;
  g_autofree char *stolen_key = NULL;
  GUri *uri = soup_message_get_uri (msg);

  /* Whatever libsoup's manager put there is not trusted to be this
   * proxy's. */
  soup_message_headers_remove (headers, "Proxy-Authorization");
  g_object_set_data (G_OBJECT (msg), "http-auth-login", NULL);

  _http_auth_route_set_from_message (&route, msg);
  target = _http_auth_route_proxy_key (&route);
  if (target != NULL && g_hash_table_steal_extended (self->tokens, target, (gpointer *) &stolen_key,
                                                     (gpointer *) &value))
    {
      /* A Kerberos token made for this proxy: this CONNECT takes it. */
      soup_message_headers_replace (headers, "Proxy-Authorization", value);
      g_clear_pointer (&target, g_free);
    }
  else if (_http_auth_proxy_logins_lookup (self, &route, &space, &scheme, &credential))
    {
      /* RFC 9110: a CONNECT's request-target is authority-form. */
      g_free (target);
      target = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443);
      value = http_auth_scheme_dup_authorization (scheme, credential, "CONNECT", target, NULL, NULL);
      if (value != NULL)
        {
          Login *sent = g_new0 (Login, 1);

          soup_message_headers_replace (headers, "Proxy-Authorization", value);
          sent->space = g_steal_pointer (&space);
          sent->scheme = g_steal_pointer (&scheme);
          sent->credential = g_steal_pointer (&credential);
          g_object_set_data_full (G_OBJECT (msg), "http-auth-login", sent, (GDestroyNotify) login_free);
        }
    }

  _http_auth_route_clear (&route);
}

static void
connect_got_headers_cb (SoupMessage         *msg,
                        HttpAuthProxyLogins *self)
{
  guint status = soup_message_get_status (msg);
  Login *sent = g_object_get_data (G_OBJECT (msg), "http-auth-login");
  HttpAuthRoute route = { 0 };
  g_autofree char *key = NULL;

  _http_auth_route_set_from_message (&route, msg);
  key = _http_auth_route_proxy_key (&route);
  _http_auth_route_clear (&route);
  if (key == NULL)
    return;

  if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      SoupMessageHeadersIter iter;
      const char *name, *value;
      gsize total = 0;

      soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
      while (soup_message_headers_iter_next (&iter, &name, &value))
        if (g_ascii_strcasecmp (name, "Proxy-Authenticate") == 0 && (total += strlen (value) + 2) <= MAX_CONNECT_CHALLENGE)
          g_ptr_array_add (values, g_strdup (value));

      /* Over the limit: kept empty, which the request reports as a
       * challenge too large to read. */
      if (total > MAX_CONNECT_CHALLENGE)
        g_ptr_array_set_size (values, 0);
      g_ptr_array_add (values, NULL);
      g_hash_table_replace (self->challenges, g_steal_pointer (&key), g_ptr_array_steal (values, NULL));
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_hash_table_remove (self->challenges, key);
      if (sent != NULL)
        _http_auth_proxy_logins_accept (self, sent->space, sent->scheme, sent->credential);
    }
}

static void
request_queued_cb (SoupSession         *soup,
                   SoupMessage         *msg,
                   HttpAuthProxyLogins *self)
{
  if (g_strcmp0 (soup_message_get_method (msg), SOUP_METHOD_CONNECT) != 0)
    return;

  /* After the manager's own "starting" handler, so the engine has the
   * last word on Proxy-Authorization. Each handler holds the logins. */
  g_signal_connect_data (msg, "starting", G_CALLBACK (connect_starting_cb),
                         _http_auth_proxy_logins_ref (self), (GClosureNotify) _http_auth_proxy_logins_unref,
                         G_CONNECT_AFTER);
  g_signal_connect_data (msg, "got-headers", G_CALLBACK (connect_got_headers_cb),
                         _http_auth_proxy_logins_ref (self), (GClosureNotify) _http_auth_proxy_logins_unref, 0);
}

void
_http_auth_proxy_logins_attach (HttpAuthProxyLogins *self,
                                SoupSession         *soup)
{
  g_assert (self->soup == NULL);
  self->soup = soup;
  self->queued_id = g_signal_connect (soup, "request-queued", G_CALLBACK (request_queued_cb), self);
}

void
_http_auth_proxy_logins_detach (HttpAuthProxyLogins *self)
{
  if (self->soup != NULL)
    g_clear_signal_handler (&self->queued_id, self->soup);
  self->soup = NULL;
}
