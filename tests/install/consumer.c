/* consumer.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A program that uses HttpAuth as any application does, built by
 * test-installed.sh against an installed tree with nothing but
 * `pkg-config --cflags --libs http-auth-1`: it answers a Basic challenge
 * without the engine (parser, registry, scheme) and prints the header.
 */

#include <http-auth.h>

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(HttpAuthSchemeRegistry) registry = NULL;
  g_autoptr(HttpAuthScheme) scheme = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  g_autofree char *authorization = NULL;

  challenges = http_auth_challenge_parse ("Basic realm=\"installed\", Bogus", &errors);
  registry = http_auth_scheme_registry_new ();
  scheme = http_auth_scheme_registry_choose (registry, challenges, HTTP_AUTH_TARGET_SERVER, &error);
  if (scheme == NULL)
    {
      g_printerr ("no usable challenge: %s\n", error->message);
      return 1;
    }

  credential = http_auth_credential_new ("alice", "wonderland");
  authorization = http_auth_scheme_dup_authorization (scheme, credential, "GET", "/", NULL, &error);
  if (authorization == NULL)
    {
      g_printerr ("no authorization: %s\n", error->message);
      return 1;
    }

  g_print ("HttpAuth %s (headers %d.%d.%d)\n",
           HTTP_AUTH_VERSION_S, HTTP_AUTH_MAJOR_VERSION, HTTP_AUTH_MINOR_VERSION,
           HTTP_AUTH_MICRO_VERSION);
  g_print ("%s realm \"%s\": %s\n",
           http_auth_scheme_get_scheme_name (scheme), http_auth_scheme_get_realm (scheme),
           authorization);
  return 0;
}
