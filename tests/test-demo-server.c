/* test-demo-server.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-demo-server.h"
#include "http-auth-scheme-digest.h"
#include "http-auth-scheme-registry.h"

#include <libsoup/soup.h>
#include <string.h>

/* Every protected area of the demo server, over real HTTP: the library
 * answers the server's challenges and the server's verifier accepts them.
 * The session's auth manager is removed, so only our headers are sent. */

typedef struct
{
  HttpAuthDemoServer     *server;
  SoupSession            *session;
  HttpAuthSchemeRegistry *registry;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = http_auth_demo_server_new ("J\xc3\xa4s\xc3\xb8n", "Secret, or not?");
  http_auth_demo_server_start_thread (f->server, &error);
  g_assert_no_error (error);
  f->session = soup_session_new ();
  soup_session_remove_feature_by_type (f->session, SOUP_TYPE_AUTH_MANAGER);
  f->registry = http_auth_scheme_registry_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->registry);
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, http_auth_demo_server_free);
}

static void
collect_cb (const char *name,
            const char *value,
            gpointer    data)
{
  if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0)
    g_ptr_array_add (data, g_strdup (value));
}

static SoupMessage *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *authorization,
         GBytes     *body,
         GBytes    **response_body)
{
  g_autofree char *url = http_auth_demo_server_get_url (f->server, path);
  SoupMessage *msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  *response_body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);

  return msg;
}

static HttpAuthScheme *
scheme_from_401 (Fixture     *f,
                 SoupMessage *msg)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GError) error = NULL;
  HttpAuthScheme *scheme;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  soup_message_headers_foreach (soup_message_get_response_headers (msg), collect_cb, values);
  g_ptr_array_add (values, NULL);
  challenges = http_auth_challenge_parse_list ((const char * const *) values->pdata, NULL);
  scheme = http_auth_scheme_registry_choose (f->registry, challenges, HTTP_AUTH_TARGET_SERVER, &error);
  g_assert_no_error (error);

  return scheme;
}

typedef struct
{
  const char *path;
  const char *expect;   /* scheme, or digest algorithm */
  const char *method;
} AreaCase;

static const AreaCase area_cases[] = {
  { "/basic/a.txt", "basic", "GET" },
  { "/digest/md5/a", "MD5", "GET" },
  { "/digest/md5-sess/a", "MD5-sess", "GET" },
  { "/digest/sha-256/a?x=1", "SHA-256", "GET" },
  { "/digest/sha-256-sess/a", "SHA-256-sess", "GET" },
  { "/digest/sha-512-256/a", "SHA-512-256", "GET" },
  { "/digest/sha-512-256-sess/a", "SHA-512-256-sess", "GET" },
  { "/digest/all/a", "SHA-512-256", "GET" },
  { "/digest/auth-int/form", "SHA-256", "POST" },
  { "/digest/userhash/a", "SHA-512-256", "GET" },
  { "/digest/nextnonce/a", "SHA-256", "GET" },
  { "/digest/legacy/a", "MD5", "GET" },
};

static void
test_area (Fixture       *f,
           gconstpointer  data)
{
  const AreaCase *c = data;
  g_autoptr(GBytes) body = g_bytes_new_static ("a=1&b=2", 7);
  g_autoptr(HttpAuthCredential) good = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "Secret, or not?");
  g_autoptr(HttpAuthCredential) bad = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "guess");
  g_autoptr(GBytes) response_body = NULL;
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(GError) error = NULL;
  const char *target = strchr (c->path, '/');
  GBytes *send_body = g_str_equal (c->method, "POST") ? body : NULL;

  first = request (f, c->method, c->path, NULL, send_body, &response_body);
  scheme = scheme_from_401 (f, first);

  if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
    {
      g_autofree char *algorithm = http_auth_scheme_digest_dup_algorithm (HTTP_AUTH_SCHEME_DIGEST (scheme));
      g_assert_cmpstr (algorithm, ==, c->expect);
    }
  else
    g_assert_cmpstr (http_auth_scheme_get_scheme_name (scheme), ==, c->expect);

  /* Three requests on one challenge: the nonce is reused (nc 1, 2, 3) or
   * replaced by nextnonce; each is accepted without a new 401. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, good, c->method, target,
                                                                           send_body, &error);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) ok_body = NULL;
      const char *info;

      g_assert_no_error (error);
      msg = request (f, c->method, c->path, authorization, send_body, &ok_body);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (ok_body, NULL), g_bytes_get_size (ok_body), "accepted"));

      info = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Authentication-Info");
      if (HTTP_AUTH_IS_SCHEME_DIGEST (scheme))
        {
          g_assert_nonnull (info);
          g_assert_true (http_auth_scheme_check_authentication_info (scheme, good, authorization, info,
                                                                     ok_body, &error));
          g_assert_no_error (error);
        }
      else
        g_assert_null (info);
    }

  /* The wrong password gets a 401. */
  {
    g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, bad, c->method, target,
                                                                         send_body, NULL);
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(GBytes) denied = NULL;

    msg = request (f, c->method, c->path, authorization, send_body, &denied);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  }
}

static void
test_bad_rspauth (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HttpAuthCredential) good = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "Secret, or not?");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) ok_body = NULL;
  g_autoptr(SoupMessage) first = request (f, "GET", "/digest/bad-rspauth/x", NULL, NULL, &body);
  g_autoptr(HttpAuthScheme) scheme = scheme_from_401 (f, first);
  g_autofree char *authorization = http_auth_scheme_dup_authorization (scheme, good, "GET",
                                                                       "/digest/bad-rspauth/x", NULL, NULL);
  g_autoptr(SoupMessage) msg = request (f, "GET", "/digest/bad-rspauth/x", authorization, NULL, &ok_body);
  const char *info = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                   "Authentication-Info");
  g_autoptr(GError) error = NULL;

  /* The server says 200 but cannot prove it knows the password. */
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_false (http_auth_scheme_check_authentication_info (scheme, good, authorization, info, ok_body,
                                                              &error));
  g_assert_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED);
}

static void
test_record_and_stale (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HttpAuthCredential) good = http_auth_credential_new ("J\xc3\xa4s\xc3\xb8n", "Secret, or not?");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(SoupMessage) first = request (f, "GET", "/digest/sha-256/r", NULL, NULL, &body);
  g_autoptr(HttpAuthScheme) scheme = scheme_from_401 (f, first);
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GPtrArray) exchanges = NULL;
  HttpAuthDemoExchange *last;
  gboolean stale = FALSE;

  /* The server restarts its nonces: the right digest is answered with
   * stale=true, which the scheme reads as "retry without prompting". */
  http_auth_digest_verifier_expire_nonces (http_auth_demo_server_get_verifier (f->server, "/digest/sha-256/"));
  authorization = http_auth_scheme_dup_authorization (scheme, good, "GET", "/digest/sha-256/r", NULL, NULL);
  msg = request (f, "GET", "/digest/sha-256/r", authorization, NULL, &body2);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  {
    g_autoptr(HttpAuthScheme) again = scheme_from_401 (f, msg);
    g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) challenges = NULL;

    soup_message_headers_foreach (soup_message_get_response_headers (msg), collect_cb, values);
    g_ptr_array_add (values, NULL);
    challenges = http_auth_challenge_parse_list ((const char * const *) values->pdata, NULL);
    g_assert_true (http_auth_scheme_update (scheme, g_ptr_array_index (challenges, 0), &stale, NULL));
    g_assert_true (stale);
    g_assert_nonnull (again);
  }

  exchanges = http_auth_demo_server_get_exchanges (f->server);
  g_assert_cmpuint (exchanges->len, ==, 2);
  last = g_ptr_array_index (exchanges, 1);
  g_assert_cmpstr (last->method, ==, "GET");
  g_assert_cmpstr (last->path, ==, "/digest/sha-256/r");
  g_assert_cmpstr (last->authorization, ==, authorization);
  g_assert_cmpuint (last->status, ==, 401);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (area_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/HttpAuth/DemoServer/area%s", area_cases[i].path);
      char *q = strchr (path, '?');
      if (q != NULL)
        *q = '\0';
      g_test_add (path, Fixture, &area_cases[i], fixture_setup, test_area, fixture_teardown);
    }
  g_test_add ("/HttpAuth/DemoServer/bad-rspauth", Fixture, NULL, fixture_setup, test_bad_rspauth, fixture_teardown);
  g_test_add ("/HttpAuth/DemoServer/record-and-stale", Fixture, NULL, fixture_setup, test_record_and_stale,
              fixture_teardown);

  return g_test_run ();
}
