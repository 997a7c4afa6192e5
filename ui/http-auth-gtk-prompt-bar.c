/* http-auth-gtk-prompt-bar.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-gtk-prompt-bar"

#include "config.h"

#include "http-auth-gtk-prompt-bar.h"
#include "http-auth-gtk-private.h"

#include <string.h>

/**
 * HttpAuthGtkPromptBar:
 *
 * A non-modal login bar, shown inside the tab that asked.
 *
 * The bar is not a dialog: the rest of the window and every other tab stay
 * usable while it is shown. It names the origin (`https://host:port`) or
 * the proxy, shows the realm as the site's own words (quoted, shortened,
 * never as the site's identity), warns when a password would travel over
 * plain HTTP, and says "wrong user name or password" on a retry. Enter in
 * either field logs in, Escape cancels, every control has a mnemonic and
 * an accessible name.
 *
 * The bar emits [signal@HttpAuthGtk.PromptBar::submit] or
 * [signal@HttpAuthGtk.PromptBar::cancel]; [class@HttpAuthGtk.Prompter]
 * creates bars and routes the answers.
 */

#define MAX_REALM_CHARS 80

struct _HttpAuthGtkPromptBar
{
  GtkWidget         parent_instance;

  HttpAuthPrompt   *prompt;

  /* Template children. */
  GtkWidget        *box;
  GtkLabel         *title_label;
  GtkLabel         *realm_label;
  GtkWidget        *insecure_label;
  GtkWidget        *error_label;
  GtkEditable      *user_entry;
  GtkEditable      *password_entry;
  GtkCheckButton   *remember_check;
  GtkWidget        *login_button;
  GtkWidget        *cancel_button;
};

G_DEFINE_FINAL_TYPE (HttpAuthGtkPromptBar, http_auth_gtk_prompt_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROMPT,
  N_PROPS
};

enum {
  SUBMIT,
  CANCEL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HttpAuthGtkPromptBar *self = HTTP_AUTH_GTK_PROMPT_BAR (widget);
  g_autoptr(HttpAuthCredential) credential = NULL;

  /* The password goes straight into the one type that wipes it, and
   * leaves the entry at once. */
  credential = http_auth_credential_new (gtk_editable_get_text (self->user_entry),
                                         gtk_editable_get_text (self->password_entry));
  gtk_editable_set_text (self->password_entry, "");
  g_signal_emit (self, signals[SUBMIT], 0, credential,
                 gtk_check_button_get_active (self->remember_check) ? G_PASSWORD_SAVE_PERMANENTLY
                                                                    : G_PASSWORD_SAVE_NEVER);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HttpAuthGtkPromptBar *self = HTTP_AUTH_GTK_PROMPT_BAR (widget);

  gtk_editable_set_text (self->password_entry, "");
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
entry_activate_cb (HttpAuthGtkPromptBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prompt-bar.submit", NULL);
}

static void
http_auth_gtk_prompt_bar_dispose (GObject *object)
{
  HttpAuthGtkPromptBar *self = HTTP_AUTH_GTK_PROMPT_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HTTP_AUTH_GTK_TYPE_PROMPT_BAR);
  g_clear_object (&self->prompt);

  G_OBJECT_CLASS (http_auth_gtk_prompt_bar_parent_class)->dispose (object);
}

static void
http_auth_gtk_prompt_bar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  HttpAuthGtkPromptBar *self = HTTP_AUTH_GTK_PROMPT_BAR (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      g_value_set_object (value, self->prompt);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_gtk_prompt_bar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  HttpAuthGtkPromptBar *self = HTTP_AUTH_GTK_PROMPT_BAR (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      http_auth_gtk_prompt_bar_set_prompt (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_gtk_prompt_bar_class_init (HttpAuthGtkPromptBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = http_auth_gtk_prompt_bar_dispose;
  object_class->get_property = http_auth_gtk_prompt_bar_get_property;
  object_class->set_property = http_auth_gtk_prompt_bar_set_property;

  /**
   * HttpAuthGtkPromptBar:prompt:
   *
   * What the bar asks.
   */
  properties[PROP_PROMPT] =
    g_param_spec_object ("prompt", NULL, NULL,
                         HTTP_AUTH_TYPE_PROMPT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HttpAuthGtkPromptBar::submit:
   * @self: the bar
   * @credential: the user name and password typed
   * @save: %G_PASSWORD_SAVE_PERMANENTLY when "Remember" is ticked, else
   *   %G_PASSWORD_SAVE_NEVER
   *
   * Emitted when the user logs in.
   */
  signals[SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HTTP_AUTH_TYPE_CREDENTIAL, G_TYPE_PASSWORD_SAVE);

  /**
   * HttpAuthGtkPromptBar::cancel:
   * @self: the bar
   *
   * Emitted when the user cancels (the button, or Escape).
   */
  signals[CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  _http_auth_gtk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gnome/HttpAuth/Gtk/http-auth-gtk-prompt-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, box);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, realm_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, insecure_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, error_label);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, user_entry);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, password_entry);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, remember_check);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, login_button);
  gtk_widget_class_bind_template_child (widget_class, HttpAuthGtkPromptBar, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "prompt-bar.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "prompt-bar.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "prompt-bar.cancel", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "http-auth-prompt-bar");
}

static void
http_auth_gtk_prompt_bar_init (HttpAuthGtkPromptBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Login required",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remember_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Remember this login",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->login_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Log in",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Cancel the login",
                                  -1);
}

/**
 * http_auth_gtk_prompt_bar_new:
 *
 * Creates a prompt bar.
 *
 * Returns: (transfer floating): a new, empty bar
 */
GtkWidget *
http_auth_gtk_prompt_bar_new (void)
{
  return g_object_new (HTTP_AUTH_GTK_TYPE_PROMPT_BAR, NULL);
}

/* Characters that must not reach a label from a server's text: controls
 * (Cc, C0 and C1 alike), line and paragraph separators (Zl, Zp), and
 * invisible format characters (Cf: the bidi embeddings, overrides and
 * isolates U+202A–202E and U+2066–2069, the marks U+200E, U+200F and
 * U+061C, zero-width characters, the BOM), which could reorder the
 * surrounding words or hide text. */
static gboolean
is_hidden_or_control (GUnicodeType type)
{
  return type == G_UNICODE_CONTROL ||
         type == G_UNICODE_FORMAT ||
         type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         type == G_UNICODE_SURROGATE;
}

/* Makes server text safe to show: valid UTF-8 (a bad byte becomes
 * U+FFFD), controls and separators turned into spaces so that words stay
 * apart, format characters dropped, and, when @max_chars is not 0, cut to
 * @max_chars characters, the last one an ellipsis. */
static char *
display_text (const char *text,
              glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *clean = g_string_new (NULL);
  glong n_chars = 0;

  /* A huge text is read only as far as the cut needs. */
  for (const char *p = valid; *p && (max_chars == 0 || n_chars <= max_chars); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_FORMAT)
        continue;
      g_string_append_unichar (clean, is_hidden_or_control (type) ? ' ' : c);
      n_chars++;
    }

  if (max_chars > 0 && n_chars > max_chars)
    {
      const char *end = g_utf8_offset_to_pointer (clean->str, max_chars - 1);

      g_string_truncate (clean, end - clean->str);
      g_string_append (clean, "…");
    }

  return g_string_free (clean, FALSE);
}

/**
 * http_auth_gtk_prompt_bar_set_prompt:
 * @self: a #HttpAuthGtkPromptBar
 * @prompt: (nullable): what to ask
 *
 * Shows @prompt in the bar and clears the password field.
 */
void
http_auth_gtk_prompt_bar_set_prompt (HttpAuthGtkPromptBar *self,
                                     HttpAuthPrompt       *prompt)
{
  g_autofree char *title = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self));
  g_return_if_fail (prompt == NULL || HTTP_AUTH_IS_PROMPT (prompt));

  if (!g_set_object (&self->prompt, prompt))
    return;

  gtk_editable_set_text (self->password_entry, "");

  if (prompt != NULL)
    {
      gboolean proxy = http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY;

      /* The realm is the server's own words: cleaned, shortened, and
       * always quoted. The origin is cleaned too (a redirect chooses it)
       * but never shortened: it is who asks. */
      realm = display_text (http_auth_prompt_get_realm (prompt), MAX_REALM_CHARS);
      origin = display_text (http_auth_prompt_get_origin (prompt), 0);
      if (proxy)
        {
          title = g_strdup_printf ("The proxy %s asks for a login", origin);
          message = g_strdup_printf ("The proxy says: “%s”", realm);
        }
      else
        {
          title = g_strdup_printf ("Log in to %s", origin);
          message = g_strdup_printf ("The site says: “%s”", realm);
        }

      gtk_label_set_text (self->title_label, title);
      gtk_label_set_text (self->realm_label, message);
      gtk_label_set_text (GTK_LABEL (self->insecure_label),
                          proxy ? "Your password would be sent unencrypted: the connection to the proxy is plain HTTP."
                                : "Your password would be sent unencrypted: this page uses plain HTTP.");
      gtk_widget_set_visible (self->insecure_label, http_auth_prompt_get_insecure (prompt));
      gtk_widget_set_visible (self->error_label, http_auth_prompt_get_retrying (prompt));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                      -1);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPT]);
}

/**
 * http_auth_gtk_prompt_bar_get_prompt:
 * @self: a #HttpAuthGtkPromptBar
 *
 * Gets the prompt the bar shows.
 *
 * Returns: (transfer none) (nullable): what the bar asks
 */
HttpAuthPrompt *
http_auth_gtk_prompt_bar_get_prompt (HttpAuthGtkPromptBar *self)
{
  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self), NULL);
  return self->prompt;
}

/**
 * http_auth_gtk_prompt_bar_set_username:
 * @self: a #HttpAuthGtkPromptBar
 * @username: the user name to show in the field
 *
 * Fills the user name field (a known user name, or a test's input).
 */
void
http_auth_gtk_prompt_bar_set_username (HttpAuthGtkPromptBar *self,
                                       const char           *username)
{
  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self));
  gtk_editable_set_text (self->user_entry, username ? username : "");
}

/**
 * http_auth_gtk_prompt_bar_set_password:
 * @self: a #HttpAuthGtkPromptBar
 * @password: the password to put in the field
 *
 * Fills the password field, as typing would.
 */
void
http_auth_gtk_prompt_bar_set_password (HttpAuthGtkPromptBar *self,
                                       const char           *password)
{
  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self));
  gtk_editable_set_text (self->password_entry, password ? password : "");
}

/**
 * http_auth_gtk_prompt_bar_set_remember:
 * @self: a #HttpAuthGtkPromptBar
 * @remember: whether "Remember" is ticked
 *
 * Ticks or unticks "Remember".
 */
void
http_auth_gtk_prompt_bar_set_remember (HttpAuthGtkPromptBar *self,
                                       gboolean              remember)
{
  g_return_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self));
  gtk_check_button_set_active (self->remember_check, remember);
}

/**
 * http_auth_gtk_prompt_bar_get_title:
 * @self: a #HttpAuthGtkPromptBar
 *
 * Gets the title line of the bar.
 *
 * Returns: the title line, naming the origin or the proxy
 */
const char *
http_auth_gtk_prompt_bar_get_title (HttpAuthGtkPromptBar *self)
{
  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self), NULL);
  return gtk_label_get_text (self->title_label);
}

/**
 * http_auth_gtk_prompt_bar_get_message:
 * @self: a #HttpAuthGtkPromptBar
 *
 * Gets the line of the bar that quotes the realm.
 *
 * Returns: the line quoting the realm
 */
const char *
http_auth_gtk_prompt_bar_get_message (HttpAuthGtkPromptBar *self)
{
  g_return_val_if_fail (HTTP_AUTH_GTK_IS_PROMPT_BAR (self), NULL);
  return gtk_label_get_text (self->realm_label);
}
