/* test-engine-rooms.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-controller-private.h"
#include "http-auth-fetch-policy-private.h"
#include "http-auth-proxy-route-private.h"
#include "http-auth-verify-gate-private.h"

#include <string.h>

/* The engine's private rooms on their own, table-driven: the controller's
 * verdicts, Fetch's policy, the redirect rewrite, where a 407 came from,
 * the route read from a connection, and the verify gate. */

/* ---- The controller ---- */

static GPtrArray *
challenges (const char *field)
{
  const char *fields[] = { field, NULL };
  GPtrArray *list = http_auth_challenge_parse_list (fields, NULL);

  g_assert_nonnull (list);
  return list;
}

static void
start_with (HttpAuthController     *c,
            HttpAuthSchemeRegistry *registry,
            const char             *field)
{
  g_autoptr(GPtrArray) list = challenges (field);
  g_autoptr(GUri) server = g_uri_parse ("http://example.test/", G_URI_FLAGS_NONE, NULL);
  g_autoptr(HttpAuthCredential) credential = http_auth_credential_new ("alice", "secret");

  g_assert_true (_http_auth_controller_choose (c, registry, list, NULL, server, 80));
  _http_auth_controller_use (c, credential);
  g_assert_true (_http_auth_controller_authorize (c, "GET", "/", NULL, NULL));
  g_assert_true (c->offered);
}

typedef struct
{
  const char      *first;     /* the challenge answered */
  const char      *second;    /* what came back */
  HttpAuthVerdict  verdict;
} VerdictCase;

static const VerdictCase verdict_cases[] = {
  { "Basic realm=\"a\"", "Basic realm=\"a\"", HTTP_AUTH_VERDICT_REFUSED },
  { "Basic realm=\"a\"", "Basic realm=\"b\"", HTTP_AUTH_VERDICT_NEW_CHALLENGE },
  { "Basic realm=\"a\"", "Digest realm=\"a\", nonce=\"n\"", HTTP_AUTH_VERDICT_NEW_CHALLENGE },
  { "Basic realm=\"a\"", "Basic", HTTP_AUTH_VERDICT_NEW_CHALLENGE },
  { "Basic realm=\"\"", "Basic", HTTP_AUTH_VERDICT_NEW_CHALLENGE },
  { "Digest realm=\"a\", nonce=\"n1\", qop=\"auth\"", "Digest realm=\"a\", nonce=\"n2\", qop=\"auth\", stale=true",
    HTTP_AUTH_VERDICT_STALE },
  { "Digest realm=\"a\", nonce=\"n1\", qop=\"auth\"", "Digest realm=\"a\", nonce=\"n2\", qop=\"auth\"",
    HTTP_AUTH_VERDICT_REFUSED },
};

static void
test_controller_verdicts (void)
{
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();

  for (guint i = 0; i < G_N_ELEMENTS (verdict_cases); i++)
    {
      HttpAuthController c;
      g_autoptr(GPtrArray) second = challenges (verdict_cases[i].second);

      _http_auth_controller_init (&c, HTTP_AUTH_TARGET_SERVER);
      start_with (&c, registry, verdict_cases[i].first);
      g_test_message ("%s then %s", verdict_cases[i].first, verdict_cases[i].second);
      g_assert_cmpint (_http_auth_controller_judge (&c, second), ==, verdict_cases[i].verdict);
      _http_auth_controller_clear (&c);
    }
}

static void
test_controller_stale_once (void)
{
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();
  g_autoptr(GPtrArray) stale = challenges ("Digest realm=\"a\", nonce=\"n2\", qop=\"auth\", stale=true");
  HttpAuthController c;

  g_test_summary ("A stale nonce is retried once without asking; a second stale is a refusal");
  _http_auth_controller_init (&c, HTTP_AUTH_TARGET_SERVER);
  start_with (&c, registry, "Digest realm=\"a\", nonce=\"n1\", qop=\"auth\"");
  g_assert_cmpint (_http_auth_controller_judge (&c, stale), ==, HTTP_AUTH_VERDICT_STALE);
  g_assert_true (_http_auth_controller_authorize (&c, "GET", "/", NULL, NULL));
  g_assert_cmpint (_http_auth_controller_judge (&c, stale), ==, HTTP_AUTH_VERDICT_REFUSED);
  _http_auth_controller_clear (&c);
}

static void
test_controller_refusals (void)
{
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();
  g_autoptr(HttpAuthCredentialCache) cache = http_auth_credential_cache_new (8);
  g_autoptr(HttpAuthCredential) other = http_auth_credential_new ("alice", "other");
  HttpAuthController c;

  g_test_summary ("A refused credential leaves the cache, is never offered again, and three refusals end it");
  _http_auth_controller_init (&c, HTTP_AUTH_TARGET_SERVER);
  start_with (&c, registry, "Basic realm=\"a\"");
  http_auth_credential_cache_add (cache, c.space, NULL, c.credential);

  g_assert_true (_http_auth_controller_refuse (&c, cache));
  g_assert_cmpuint (http_auth_credential_cache_get_n_entries (cache), ==, 0);
  g_assert_false (c.offered);
  g_assert_null (c.credential);
  g_assert_false (_http_auth_controller_may_offer (&c, c.refused));
  g_assert_true (_http_auth_controller_may_offer (&c, other));
  g_assert_false (_http_auth_controller_may_offer (&c, NULL));

  g_assert_true (_http_auth_controller_refuse (&c, cache));
  g_assert_false (_http_auth_controller_refuse (&c, cache));
  _http_auth_controller_clear (&c);
}

static void
test_controller_no_downgrade (void)
{
  g_autoptr(HttpAuthSchemeRegistry) registry = http_auth_scheme_registry_new ();
  HttpAuthController strong, weak, basic;

  g_test_summary ("Finding 13: a credential proven under Digest SHA-256 is not reused silently for a weaker "
                  "challenge of the same space (MD5, or Basic)");

  _http_auth_controller_init (&strong, HTTP_AUTH_TARGET_SERVER);
  _http_auth_controller_init (&weak, HTTP_AUTH_TARGET_SERVER);
  _http_auth_controller_init (&basic, HTTP_AUTH_TARGET_SERVER);
  start_with (&strong, registry, "Digest realm=\"a\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256");
  start_with (&weak, registry, "Digest realm=\"a\", nonce=\"n\", qop=\"auth\", algorithm=MD5");
  start_with (&basic, registry, "Basic realm=\"a\"");

  g_assert_false (_http_auth_controller_may_reuse (&weak, G_OBJECT (strong.scheme)));
  g_assert_false (_http_auth_controller_may_reuse (&basic, G_OBJECT (strong.scheme)));
  g_assert_true (_http_auth_controller_may_reuse (&strong, G_OBJECT (weak.scheme)));
  g_assert_true (_http_auth_controller_may_reuse (&strong, G_OBJECT (strong.scheme)));
  g_assert_true (_http_auth_controller_may_reuse (&weak, NULL));

  _http_auth_controller_clear (&strong);
  _http_auth_controller_clear (&weak);
  _http_auth_controller_clear (&basic);
}

/* ---- Fetch policy ---- */

typedef struct
{
  HttpAuthCredentialsMode mode;
  const char             *initiator;
  const char             *uri;
  gboolean                allowed;
} CredentialsCase;

static const CredentialsCase credentials_cases[] = {
  { HTTP_AUTH_CREDENTIALS_MODE_INCLUDE, NULL, "https://a.test/", TRUE },
  { HTTP_AUTH_CREDENTIALS_MODE_INCLUDE, "https://b.test", "https://a.test/", TRUE },
  { HTTP_AUTH_CREDENTIALS_MODE_OMIT, "https://a.test", "https://a.test/", FALSE },
  { HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, "https://a.test", "https://a.test/x", TRUE },
  { HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, "https://a.test:443", "https://a.test/x", TRUE },
  { HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, "http://a.test", "https://a.test/x", FALSE },
  { HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, "https://b.test", "https://a.test/x", FALSE },
  /* Finding 13: no initiator is nobody's same-origin request. */
  { HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, NULL, "https://a.test/x", FALSE },
  { HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, "not a url", "https://a.test/x", FALSE },
};

static void
test_policy_credentials (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (credentials_cases); i++)
    {
      const CredentialsCase *c = &credentials_cases[i];
      g_autoptr(GUri) uri = g_uri_parse (c->uri, G_URI_FLAGS_NONE, NULL);

      g_test_message ("mode %d, initiator %s, %s", c->mode, c->initiator, c->uri);
      g_assert_cmpint (_http_auth_policy_credentials_allowed (c->mode, c->initiator, uri), ==, c->allowed);
    }
}

typedef struct
{
  gboolean             context;
  gboolean             closed;
  HttpAuthRequestMode  mode;
  HttpAuthDestination  destination;
  const char          *initiator;
  gboolean             allowed;
} PromptCase;

static const PromptCase prompt_cases[] = {
  { TRUE, FALSE, HTTP_AUTH_REQUEST_MODE_NAVIGATE, HTTP_AUTH_DESTINATION_DOCUMENT, NULL, TRUE },
  { FALSE, FALSE, HTTP_AUTH_REQUEST_MODE_NAVIGATE, HTTP_AUTH_DESTINATION_DOCUMENT, NULL, FALSE },
  { TRUE, TRUE, HTTP_AUTH_REQUEST_MODE_NAVIGATE, HTTP_AUTH_DESTINATION_DOCUMENT, NULL, FALSE },
  { TRUE, FALSE, HTTP_AUTH_REQUEST_MODE_CORS, HTTP_AUTH_DESTINATION_DOCUMENT, "https://a.test", FALSE },
  { TRUE, FALSE, HTTP_AUTH_REQUEST_MODE_NO_CORS, HTTP_AUTH_DESTINATION_SUBRESOURCE, "https://a.test", TRUE },
  { TRUE, FALSE, HTTP_AUTH_REQUEST_MODE_NO_CORS, HTTP_AUTH_DESTINATION_SUBRESOURCE, "https://b.test", FALSE },
  { TRUE, FALSE, HTTP_AUTH_REQUEST_MODE_NO_CORS, HTTP_AUTH_DESTINATION_SUBRESOURCE, NULL, FALSE },
};

static void
test_policy_prompt (void)
{
  g_autoptr(GUri) uri = g_uri_parse ("https://a.test/x", G_URI_FLAGS_NONE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (prompt_cases); i++)
    {
      const PromptCase *c = &prompt_cases[i];
      g_autoptr(HttpAuthPromptContext) context = c->context ? http_auth_prompt_context_new ("https://a.test", FALSE)
                                                            : NULL;

      if (c->closed)
        http_auth_prompt_context_close (context);
      g_test_message ("case %u", i);
      g_assert_cmpint (_http_auth_policy_prompt_allowed (context, c->mode, c->destination, c->initiator, uri), ==,
                       c->allowed);
      g_assert_cmpint (_http_auth_policy_proxy_prompt_allowed (context), ==, c->context && !c->closed);
    }
}

typedef struct
{
  guint                    status;
  const char              *method;
  gboolean                 stream_sent;
  HttpAuthRedirectRewrite  rewrite;
} RedirectCase;

static const RedirectCase redirect_cases[] = {
  { 301, "GET", FALSE, HTTP_AUTH_REDIRECT_KEEP },
  { 301, "POST", FALSE, HTTP_AUTH_REDIRECT_TO_GET },
  { 302, "POST", TRUE, HTTP_AUTH_REDIRECT_TO_GET },
  { 302, "PUT", FALSE, HTTP_AUTH_REDIRECT_KEEP },
  { 303, "POST", TRUE, HTTP_AUTH_REDIRECT_TO_GET },
  { 303, "PUT", FALSE, HTTP_AUTH_REDIRECT_TO_GET },
  { 303, "HEAD", FALSE, HTTP_AUTH_REDIRECT_KEEP },
  { 307, "POST", FALSE, HTTP_AUTH_REDIRECT_KEEP },
  { 307, "POST", TRUE, HTTP_AUTH_REDIRECT_NEEDS_BODY },
  { 308, "PUT", TRUE, HTTP_AUTH_REDIRECT_NEEDS_BODY },
};

static void
test_policy_redirects (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (redirect_cases); i++)
    {
      const RedirectCase *c = &redirect_cases[i];

      g_test_message ("%u after %s", c->status, c->method);
      g_assert_cmpint (_http_auth_policy_redirect_rewrite (c->status, c->method, c->stream_sent), ==, c->rewrite);
    }
  g_assert_true (_http_auth_policy_is_redirect (308));
  g_assert_false (_http_auth_policy_is_redirect (304));
  g_assert_false (_http_auth_policy_is_redirect (300));
}

typedef struct
{
  gboolean           via_http_proxy;
  const char        *scheme;
  gboolean           has_challenge;
  HttpAuth407Source  source;
} Source407Case;

static const Source407Case source_407_cases[] = {
  { TRUE, "http", TRUE, HTTP_AUTH_407_FROM_PROXY },
  { TRUE, "http", FALSE, HTTP_AUTH_407_FROM_PROXY },
  { TRUE, "https", FALSE, HTTP_AUTH_407_FROM_CONNECT },
  { TRUE, "https", TRUE, HTTP_AUTH_407_UNEXPECTED },    /* from inside the tunnel */
  { FALSE, "http", TRUE, HTTP_AUTH_407_UNEXPECTED },    /* an origin, or a SOCKS route */
  { FALSE, "https", FALSE, HTTP_AUTH_407_UNEXPECTED },
};

static void
test_policy_407_source (void)
{
  g_test_summary ("Finding 2: only an HTTP proxy on the route libsoup took may ask with 407");

  for (guint i = 0; i < G_N_ELEMENTS (source_407_cases); i++)
    {
      const Source407Case *c = &source_407_cases[i];

      g_assert_cmpint (_http_auth_policy_407_source (c->via_http_proxy, c->scheme, c->has_challenge), ==, c->source);
    }
}

/* ---- The route ---- */

static void
test_route_from_address (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) direct = g_inet_socket_address_new (loopback, 8080);
  g_autoptr(GProxyAddress) http = g_object_new (G_TYPE_PROXY_ADDRESS, "address", loopback, "port", 3128,
                                                "protocol", "http", "destination-hostname", "a.test",
                                                "destination-port", 80, "uri", "http://127.0.0.1:3128", NULL);
  g_autoptr(GProxyAddress) bare = G_PROXY_ADDRESS (g_proxy_address_new (loopback, 3129, "http", "a.test", 80,
                                                                        NULL, NULL));
  g_autoptr(GProxyAddress) socks = G_PROXY_ADDRESS (g_proxy_address_new (loopback, 1080, "socks5", "a.test", 80,
                                                                         NULL, NULL));
  g_autoptr(HttpAuthProtectionSpace) space = http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_PROXY, "http",
                                                                             "127.0.0.1", 3128, "r", "basic");
  g_autoptr(HttpAuthProtectionSpace) other = http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_PROXY, "http",
                                                                             "127.0.0.1", 3129, "r", "basic");
  HttpAuthRoute route = { 0 };
  g_autofree char *key = NULL;

  _http_auth_route_set_from_address (&route, NULL);
  g_assert_cmpint (route.kind, ==, HTTP_AUTH_ROUTE_UNKNOWN);

  _http_auth_route_set_from_address (&route, direct);
  g_assert_cmpint (route.kind, ==, HTTP_AUTH_ROUTE_DIRECT);
  g_assert_false (_http_auth_route_matches_space (&route, space));

  _http_auth_route_set_from_address (&route, G_SOCKET_ADDRESS (socks));
  g_assert_cmpint (route.kind, ==, HTTP_AUTH_ROUTE_OTHER_PROXY);
  g_assert_null (route.proxy);
  g_assert_false (_http_auth_route_matches_space (&route, space));

  _http_auth_route_set_from_address (&route, G_SOCKET_ADDRESS (http));
  g_assert_cmpint (route.kind, ==, HTTP_AUTH_ROUTE_HTTP_PROXY);
  g_assert_cmpuint (_http_auth_route_proxy_port (&route), ==, 3128);
  key = _http_auth_route_proxy_key (&route);
  g_assert_cmpstr (key, ==, "http://127.0.0.1:3128");
  g_assert_true (_http_auth_route_matches_space (&route, space));
  g_assert_false (_http_auth_route_matches_space (&route, other));

  /* No URI on the address: the proxy is where the connection went. */
  _http_auth_route_set_from_address (&route, G_SOCKET_ADDRESS (bare));
  g_assert_cmpint (route.kind, ==, HTTP_AUTH_ROUTE_HTTP_PROXY);
  g_assert_true (_http_auth_route_matches_space (&route, other));

  _http_auth_route_clear (&route);
}

/* ---- The verify gate ---- */

typedef struct
{
  const char          *name;
  GHashTable          *verdicts;    /* shared: name -> verdict + 1 */
} Waiter;

static gpointer
waiter_ref (gpointer w)
{
  return w;
}

static void
waiter_unref (gpointer w)
{
}

static void
resume (gpointer            waiter,
        HttpAuthGateVerdict verdict)
{
  Waiter *w = waiter;

  g_hash_table_replace (w->verdicts, (gpointer) w->name, GINT_TO_POINTER (verdict + 1));
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_gate (void)
{
  g_autoptr(GHashTable) verdicts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("https://a.test", FALSE);
  g_autoptr(HttpAuthProtectionSpace) space = http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_SERVER, "https",
                                                                             "a.test", 443, "r", "basic");
  g_autoptr(HttpAuthCredential) answer = http_auth_credential_new ("alice", "secret");
  HttpAuthVerifyGates *gates = _http_auth_gates_new (resume, waiter_ref, waiter_unref);
  g_autofree char *key = _http_auth_gates_key (tab, space);
  Waiter a = { "a", verdicts }, b = { "b", verdicts }, c = { "c", verdicts };
  GPasswordSave save = G_PASSWORD_SAVE_NEVER;

  g_test_summary ("Verify-then-release: one verifier, waiters told only after a verdict; a verifier that "
                  "leaves (cancelled, another realm) hands the answer on; nobody left ends the gate");

  g_assert_true (_http_auth_gates_enter (gates, key, &a, tab, answer, G_PASSWORD_SAVE_PERMANENTLY));
  g_assert_false (_http_auth_gates_enter (gates, key, &b, tab, answer, G_PASSWORD_SAVE_NEVER));
  _http_auth_gates_wait (gates, key, &c);
  g_assert_true (_http_auth_gates_is_verifier (gates, key, &a));
  drain ();
  g_assert_cmpuint (g_hash_table_size (verdicts), ==, 0);

  /* The verifier leaves before a verdict: b verifies, with the answer. */
  _http_auth_gates_leave (gates, key, &a);
  g_assert_true (_http_auth_gates_is_verifier (gates, key, &b));
  g_assert_cmpuint (g_hash_table_size (verdicts), ==, 0);   /* told from an idle */
  drain ();
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (verdicts, "b")), ==, HTTP_AUTH_GATE_PROMOTED + 1);
  g_assert_true (_http_auth_gates_get_answer (gates, key, &save) == answer);
  g_assert_cmpint (save, ==, G_PASSWORD_SAVE_PERMANENTLY);

  /* Only the verifier gives the verdict. */
  _http_auth_gates_verdict (gates, key, &c, FALSE);
  g_assert_true (_http_auth_gates_is_open (gates, key));
  _http_auth_gates_verdict (gates, key, &b, TRUE);
  g_assert_false (_http_auth_gates_is_open (gates, key));
  drain ();
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (verdicts, "c")), ==, HTTP_AUTH_GATE_ACCEPTED + 1);

  /* A lone verifier leaving ends the gate. */
  g_assert_true (_http_auth_gates_enter (gates, key, &a, tab, answer, G_PASSWORD_SAVE_NEVER));
  _http_auth_gates_leave (gates, key, &a);
  g_assert_false (_http_auth_gates_is_open (gates, key));

  _http_auth_gates_free (gates);
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_session_proxy_resolver_property (void)
{
  g_autoptr(HttpAuthSession) session = http_auth_session_new ();
  g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new ("http://127.0.0.1:3128", NULL);
  g_autoptr(GProxyResolver) read_back = NULL;
  guint notified = 0;

  g_test_summary ("HttpAuthSession:proxy-resolver is a property (bindings, GtkBuilder), set on the SoupSession "
                  "too, notified once per change");
  g_signal_connect (session, "notify::proxy-resolver", G_CALLBACK (notified_cb), &notified);
  g_object_set (session, "proxy-resolver", resolver, NULL);
  g_object_set (session, "proxy-resolver", resolver, NULL);
  g_object_get (session, "proxy-resolver", &read_back, NULL);
  g_assert_true (read_back == resolver);
  g_assert_true (soup_session_get_proxy_resolver (http_auth_session_get_soup_session (session)) == resolver);
  g_assert_cmpuint (notified, ==, 1);
  http_auth_session_set_proxy_resolver (session, NULL);
  g_assert_null (http_auth_session_get_proxy_resolver (session));
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/Controller/verdicts", test_controller_verdicts);
  g_test_add_func ("/HttpAuth/Controller/stale-once", test_controller_stale_once);
  g_test_add_func ("/HttpAuth/Controller/refusals", test_controller_refusals);
  g_test_add_func ("/HttpAuth/Controller/no-downgrade", test_controller_no_downgrade);
  g_test_add_func ("/HttpAuth/FetchPolicy/credentials", test_policy_credentials);
  g_test_add_func ("/HttpAuth/FetchPolicy/prompt", test_policy_prompt);
  g_test_add_func ("/HttpAuth/FetchPolicy/redirects", test_policy_redirects);
  g_test_add_func ("/HttpAuth/FetchPolicy/407-source", test_policy_407_source);
  g_test_add_func ("/HttpAuth/ProxyRoute/from-address", test_route_from_address);
  g_test_add_func ("/HttpAuth/VerifyGate/verify-then-release", test_gate);
  g_test_add_func ("/HttpAuth/Session/proxy-resolver-property", test_session_proxy_resolver_property);

  return g_test_run ();
}
