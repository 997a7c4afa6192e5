/* http-auth-browser-logins-page.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-browser-logins-page"

#include "config.h"

#include "http-auth-browser-logins-page.h"

/**
 * HttpAuthBrowserLoginsPage:
 *
 * The browser's "Saved logins" page: what the [class@HttpAuth.Keyring]
 * holds, one row per login, each with a Forget button.
 *
 * The page reads the keyring when asked to refresh (the window does so
 * when the page is shown). Keyring calls in flight hold a reference on
 * the page and find its widgets gone (%NULL) if it was closed meanwhile.
 */

struct _HttpAuthBrowserLoginsPage
{
  GtkWidget        parent_instance;

  /* Template children, main thread; NULL once disposed. tab_label is not
   * our child: the notebook shows it, the template keeps a reference. */
  GtkListBox      *list_box;
  GtkLabel        *private_label;
  GtkLabel        *status_label;
  GtkWidget       *tab_label;

  /* Owned; NULL with --no-keyring. */
  HttpAuthKeyring *keyring;

  /* One listing at a time; a refresh asked meanwhile starts another. */
  guint            listing : 1;
  guint            list_again : 1;
  guint            is_private : 1;
};

G_DEFINE_FINAL_TYPE (HttpAuthBrowserLoginsPage, http_auth_browser_logins_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEYRING,
  PROP_PRIVATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_rows (HttpAuthBrowserLoginsPage *self)
{
  GtkWidget *child;

  g_assert (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self));

  /* GTK 4.8 has no gtk_list_box_remove_all(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static GtkWidget *
row_new (HttpAuthSavedLogin *login)
{
  HttpAuthProtectionSpace *space = http_auth_saved_login_get_space (login);
  const char *username = http_auth_saved_login_get_username (login);
  gboolean webkit = http_auth_saved_login_get_source (login) == HTTP_AUTH_SAVED_LOGIN_SOURCE_WEBKIT;
  const char *realm = http_auth_protection_space_get_realm (space);
  const char *partition = http_auth_protection_space_get_partition (space);
  g_autofree char *origin = http_auth_protection_space_dup_origin (space);
  g_autofree char *text = NULL;
  GtkWidget *row;
  GtkWidget *label;
  GtkWidget *button;

  g_assert (login != NULL);

  text = g_strdup_printf ("%s%s — realm “%s” (%s) — user %s%s%s%s",
                          http_auth_protection_space_get_target (space) == HTTP_AUTH_TARGET_PROXY ? "proxy " : "",
                          origin, realm ? realm : "", http_auth_protection_space_get_auth_scheme (space),
                          *username != '\0' ? username : "?",
                          partition != NULL && *partition != '\0' ? " — inside " : "",
                          partition != NULL ? partition : "",
                          webkit ? " (WebKitGTK)" : "");
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", text,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "selectable", TRUE,
                        "hexpand", TRUE,
                        NULL);

  button = g_object_new (GTK_TYPE_BUTTON,
                         "label", "Forget",
                         "valign", GTK_ALIGN_CENTER,
                         NULL);
  if (webkit)
    {
      /* HttpAuth reads WebKitGTK's items but never removes them. */
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, "Saved by WebKitGTK; remove it with Passwords and Keys");
    }
  else
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        http_auth_protection_space_get_host (space));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "logins.forget");
    }

  row = g_object_new (GTK_TYPE_BOX,
                      "spacing", 12,
                      "margin-start", 12,
                      "margin-end", 12,
                      "margin-top", 6,
                      "margin-bottom", 6,
                      NULL);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);

  return row;
}

static void
keyring_list_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HttpAuthBrowserLoginsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) logins = http_auth_keyring_list_finish (HTTP_AUTH_KEYRING (object), result, &error);
  g_autofree char *status = NULL;

  g_assert (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self));

  self->listing = FALSE;

  /* Closed meanwhile. */
  if (self->list_box == NULL)
    return;

  if (self->list_again)
    {
      http_auth_browser_logins_page_refresh (self);
      return;
    }

  clear_rows (self);
  if (logins == NULL)
    {
      status = g_strdup_printf ("Cannot read the keyring: %s", error->message);
      gtk_label_set_text (self->status_label, status);
      return;
    }

  for (guint i = 0; i < logins->len; i++)
    gtk_list_box_append (self->list_box, row_new (g_ptr_array_index (logins, i)));

  if (logins->len == 0)
    status = g_strdup ("No saved logins.");
  else
    status = g_strdup_printf ("%u saved login%s.", logins->len, logins->len == 1 ? "" : "s");
  gtk_label_set_text (self->status_label, status);
}

static void
keyring_forget_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HttpAuthBrowserLoginsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self));

  if (!http_auth_keyring_forget_finish (HTTP_AUTH_KEYRING (object), result, &error))
    g_warning ("Could not forget the logins: %s", error->message);

  if (self->list_box != NULL)
    http_auth_browser_logins_page_refresh (self);
}

/* @site is a host, or NULL for every login. */
static void
forget (HttpAuthBrowserLoginsPage *self,
        const char                *site)
{
  g_assert (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self));

  if (self->keyring == NULL)
    return;

  gtk_label_set_text (self->status_label, "Forgetting…");
  http_auth_keyring_forget_async (self->keyring, site, NULL, keyring_forget_cb, g_object_ref (self));
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  forget (HTTP_AUTH_BROWSER_LOGINS_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
forget_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  forget (HTTP_AUTH_BROWSER_LOGINS_PAGE (widget), NULL);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  http_auth_browser_logins_page_refresh (HTTP_AUTH_BROWSER_LOGINS_PAGE (widget));
}

/* Removing the page from its notebook destroys it. */
static void
close_clicked_cb (GtkButton                 *button,
                  HttpAuthBrowserLoginsPage *self)
{
  GtkWidget *notebook = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_NOTEBOOK);

  g_assert (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self));

  if (notebook != NULL)
    gtk_notebook_remove_page (GTK_NOTEBOOK (notebook),
                              gtk_notebook_page_num (GTK_NOTEBOOK (notebook), GTK_WIDGET (self)));
}

static void
http_auth_browser_logins_page_constructed (GObject *object)
{
  HttpAuthBrowserLoginsPage *self = (HttpAuthBrowserLoginsPage *)object;

  G_OBJECT_CLASS (http_auth_browser_logins_page_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->private_label), self->is_private);
}

static void
http_auth_browser_logins_page_dispose (GObject *object)
{
  HttpAuthBrowserLoginsPage *self = (HttpAuthBrowserLoginsPage *)object;
  GtkWidget *child;

  /* Sets the template children to NULL, which the keyring callbacks of
   * calls still in flight check. */
  gtk_widget_dispose_template (GTK_WIDGET (self), HTTP_AUTH_TYPE_BROWSER_LOGINS_PAGE);

  /* Only bound template children are unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->keyring);

  G_OBJECT_CLASS (http_auth_browser_logins_page_parent_class)->dispose (object);
}

static void
http_auth_browser_logins_page_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  HttpAuthBrowserLoginsPage *self = HTTP_AUTH_BROWSER_LOGINS_PAGE (object);

  switch (prop_id)
    {
    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;

    case PROP_PRIVATE:
      g_value_set_boolean (value, self->is_private);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_browser_logins_page_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  HttpAuthBrowserLoginsPage *self = HTTP_AUTH_BROWSER_LOGINS_PAGE (object);

  switch (prop_id)
    {
    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;

    case PROP_PRIVATE:
      self->is_private = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_browser_logins_page_class_init (HttpAuthBrowserLoginsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = http_auth_browser_logins_page_constructed;
  object_class->dispose = http_auth_browser_logins_page_dispose;
  object_class->get_property = http_auth_browser_logins_page_get_property;
  object_class->set_property = http_auth_browser_logins_page_set_property;

  /**
   * HttpAuthBrowserLoginsPage:keyring:
   *
   * The keyring listed, or %NULL (--no-keyring): then the page says so.
   */
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL,
                         HTTP_AUTH_TYPE_KEYRING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthBrowserLoginsPage:private:
   *
   * Whether the page is in a private window, whose logins are never
   * saved; the page says so.
   */
  properties[PROP_PRIVATE] =
    g_param_spec_boolean ("private", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gnome/HttpAuth/Browser/http-auth-browser-logins-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserLoginsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserLoginsPage, private_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserLoginsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthBrowserLoginsPage, tab_label);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "logins.forget", "s", forget_action);
  gtk_widget_class_install_action (widget_class, "logins.forget-all", NULL, forget_all_action);
  gtk_widget_class_install_action (widget_class, "logins.refresh", NULL, refresh_action);
}

static void
http_auth_browser_logins_page_init (HttpAuthBrowserLoginsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * http_auth_browser_logins_page_new:
 * @keyring: (nullable): the keyring to list, or %NULL
 * @is_private: whether the page is in a private window
 *
 * Returns: (transfer floating): a new page; it lists nothing until
 *   refreshed
 */
HttpAuthBrowserLoginsPage *
http_auth_browser_logins_page_new (HttpAuthKeyring *keyring,
                                   gboolean         is_private)
{
  g_return_val_if_fail (keyring == NULL || HTTP_AUTH_IS_KEYRING (keyring), NULL);

  return g_object_new (HTTP_AUTH_TYPE_BROWSER_LOGINS_PAGE,
                       "keyring", keyring,
                       "private", is_private,
                       NULL);
}

/**
 * http_auth_browser_logins_page_get_tab_label:
 *
 * Returns: (transfer none): the widget a notebook shows as this page's
 *   label: "Saved logins" and a close button
 */
GtkWidget *
http_auth_browser_logins_page_get_tab_label (HttpAuthBrowserLoginsPage *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self), NULL);

  return self->tab_label;
}

/**
 * http_auth_browser_logins_page_refresh:
 *
 * Reads the keyring again and lists what it holds.
 */
void
http_auth_browser_logins_page_refresh (HttpAuthBrowserLoginsPage *self)
{
  g_return_if_fail (HTTP_AUTH_IS_BROWSER_LOGINS_PAGE (self));

  if (self->list_box == NULL)
    return;

  if (self->keyring == NULL)
    {
      clear_rows (self);
      gtk_label_set_text (self->status_label,
                          "No keyring (--no-keyring): logins are kept for this run only.");
      return;
    }

  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }
  self->listing = TRUE;
  self->list_again = FALSE;
  gtk_label_set_text (self->status_label, "Reading the keyring…");
  http_auth_keyring_list_async (self->keyring, NULL, keyring_list_cb, g_object_ref (self));
}
