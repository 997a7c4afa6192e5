/* http-auth-gtk.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-gtk.h"
#include "http-auth-gtk-private.h"
#include "http-auth-gtk-resources.h"

/* The resources are registered by hand, once: the generated constructor
 * would not survive linking from a static convenience library. */
void
_http_auth_gtk_ensure_resources (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      http_auth_gtk_register_resource ();
      g_once_init_leave (&once, 1);
    }
}

/**
 * http_auth_gtk_init:
 *
 * Loads the prompt bar's style sheet for the default display. Call it
 * once after gtk_init(); it does nothing the second time.
 */
void
http_auth_gtk_init (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  _http_auth_gtk_ensure_resources ();
  if (done || display == NULL)
    return;
  done = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/gnome/HttpAuth/Gtk/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
