/* http-auth-browser-main.c: a small web browser whose logins are HttpAuth's
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-browser"

#include "config.h"

#include "http-auth-browser-application.h"

/* A WebKitGTK browser with tabs: HttpAuthBrowserApplication (the command
 * line, the demo server it starts, the keyring), HttpAuthBrowserWindow,
 * HttpAuthBrowserTab and HttpAuthBrowserLoginsPage, each a widget class
 * with its .ui template. */

int
main (int    argc,
      char **argv)
{
  g_autoptr(HttpAuthBrowserApplication) application = http_auth_browser_application_new ();
  int status;

  status = g_application_run (G_APPLICATION (application), argc, argv);
  if (status == 0)
    status = http_auth_browser_application_get_exit_status (application);

  return status;
}
