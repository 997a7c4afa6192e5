/* http-auth-test-squid.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-test-daemon.h"

G_BEGIN_DECLS

/* A real squid on a free loopback port, config and password files in a
 * temp dir, asking for Basic (or Digest) proxy logins in @realm. */
typedef struct
{
  char               *dir;
  guint               port;
  HttpAuthTestDaemon *daemon;
} HttpAuthTestSquid;

void  http_auth_test_squid_start_full (HttpAuthTestSquid *squid,
                                       const char        *realm,
                                       const char        *user,
                                       const char        *password,
                                       gboolean           digest);
void  http_auth_test_squid_start      (HttpAuthTestSquid *squid,
                                       const char        *realm,
                                       const char        *user,
                                       const char        *password);
void  http_auth_test_squid_stop       (HttpAuthTestSquid *squid);
char *http_auth_test_squid_uri        (HttpAuthTestSquid *squid);

G_END_DECLS
