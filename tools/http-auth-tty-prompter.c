/* http-auth-tty-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-tty-prompter.h"
#include "http-auth-credential-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Asks on the controlling terminal, with echo off for the password. The
 * blocking terminal read happens on a worker thread (GTask), so the main
 * loop keeps running the other requests meanwhile. */

struct _HttpAuthTtyPrompter
{
  HttpAuthPrompter parent_instance;
  char            *username;   /* from --user, or NULL to ask */
  gboolean         remember;   /* from --remember */
  GMutex           mutex;      /* one question on the terminal at a time */
};

G_DEFINE_FINAL_TYPE (HttpAuthTtyPrompter, http_auth_tty_prompter, HTTP_AUTH_TYPE_PROMPTER)

typedef struct
{
  char           *question;
  char           *username;
  HttpAuthPrompt *prompt;     /* the answer goes on it; read after the task */
} Ask;

typedef struct
{
  HttpAuthCredential *credential;
} Reply;

#define MAX_REALM_CHARS 80

/**
 * http_auth_tty_sanitize:
 * @text: (nullable): text a server chose (a realm, a host)
 * @max_chars: the most characters to keep, or 0 for no limit
 *
 * Makes server text safe to write to a terminal. Bytes that are not UTF-8
 * become U+FFFD; controls (Cc: C0 and C1, so ESC and CSI too), line and
 * paragraph separators (Zl, Zp) become a space; format characters (Cf:
 * the bidi embeddings, overrides, isolates and marks, zero-width
 * characters) are dropped. When @max_chars is not 0, a longer text is cut
 * to @max_chars characters, the last one an ellipsis.
 *
 * The result is UTF-8 that starts no escape sequence on a UTF-8 terminal;
 * the terminal prompter also makes its whole question ASCII when the
 * locale's charset is not UTF-8.
 *
 * Returns: (transfer full): the text to show
 */
char *
http_auth_tty_sanitize (const char *text,
                        gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *clean = g_string_new (NULL);
  gsize n_chars = 0;

  /* A huge text is read only as far as the cut needs. */
  for (const char *p = valid; *p && (max_chars == 0 || n_chars <= max_chars); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_FORMAT)
        continue;
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR || type == G_UNICODE_SURROGATE)
        c = ' ';
      g_string_append_unichar (clean, c);
      n_chars++;
    }

  if (max_chars > 0 && n_chars > max_chars)
    {
      const char *end = g_utf8_offset_to_pointer (clean->str, (glong) max_chars - 1);

      g_string_truncate (clean, end - clean->str);
      g_string_append (clean, "…");
    }

  return g_string_free (clean, FALSE);
}

/* What the terminal gets: UTF-8 as is on a UTF-8 locale; otherwise ASCII
 * (transliterated, "?" where there is none), because on an 8-bit terminal
 * the bytes 0x80–0x9F of UTF-8 sequences are C1 controls (0x9B is CSI,
 * 0x9D is OSC). */
static char *
for_terminal (const char *utf8)
{
  if (g_get_charset (NULL))
    return g_strdup (utf8);

  return g_str_to_ascii (utf8, NULL);
}

static void
ask_free (Ask *ask)
{
  g_free (ask->question);
  g_free (ask->username);
  g_clear_object (&ask->prompt);
  g_free (ask);
}

/* Asks @question and reads the answer. For a secret, echo goes off
 * before the question is shown, so nothing typed after it is echoed. */
static char *
read_line (FILE       *tty,
           const char *question,
           gboolean    secret)
{
  struct termios old_attr;
  struct termios new_attr;
  gboolean restore = FALSE;
  char buf[1024];
  char *line = NULL;

  if (secret && tcgetattr (fileno (tty), &old_attr) == 0)
    {
      new_attr = old_attr;
      new_attr.c_lflag &= ~(tcflag_t) ECHO;
      restore = tcsetattr (fileno (tty), TCSANOW, &new_attr) == 0;
    }

  fputs (question, tty);
  fflush (tty);

  if (fgets (buf, sizeof buf, tty) != NULL)
    {
      buf[strcspn (buf, "\r\n")] = '\0';
      line = g_strdup (buf);
    }
  _http_auth_secure_wipe (buf, sizeof buf);

  if (restore)
    {
      tcsetattr (fileno (tty), TCSANOW, &old_attr);
      fputc ('\n', tty);
    }

  return line;
}

static void
ask_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  HttpAuthTtyPrompter *self = source_object;
  Ask *ask = task_data;
  g_autofree char *user = NULL;
  g_autoptr(HttpAuthCredential) credential = NULL;
  char *password = NULL;
  FILE *tty;

  g_mutex_lock (&self->mutex);

  tty = fopen ("/dev/tty", "r+");
  if (tty == NULL)
    {
      g_mutex_unlock (&self->mutex);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                               "No terminal to ask on: %s", g_strerror (errno));
      return;
    }

  fprintf (tty, "%s\n", ask->question);
  if (ask->username != NULL)
    user = g_strdup (ask->username);
  else
    {
      user = read_line (tty, "User name (empty to cancel): ", FALSE);
    }

  if (user != NULL && *user != '\0')
    {
      g_autofree char *question = g_strdup_printf ("Password for %s: ", user);

      password = read_line (tty, question, TRUE);
    }
  fclose (tty);
  g_mutex_unlock (&self->mutex);

  if (user == NULL || *user == '\0' || password == NULL)
    {
      g_free (password);
      g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_CANCELLED);
      return;
    }

  credential = http_auth_credential_new (user, password);
  _http_auth_secure_free (password);
  /* The main thread reads the prompt only once the task completed. */
  http_auth_prompt_set_credential (ask->prompt, credential);
  http_auth_prompt_set_password_save (ask->prompt, self->remember ? G_PASSWORD_SAVE_PERMANENTLY
                                                                  : G_PASSWORD_SAVE_NEVER);
  g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
}

static void
http_auth_tty_prompter_ask_async (HttpAuthPrompter    *prompter,
                                  HttpAuthPrompt      *prompt,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  HttpAuthTtyPrompter *self = HTTP_AUTH_TTY_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Ask *ask = g_new0 (Ask, 1);
  gboolean proxy = http_auth_prompt_get_target (prompt) == HTTP_AUTH_TARGET_PROXY;
  /* The realm and the origin are the server's choice (a redirect picks
   * the origin): neither may write control sequences to the terminal. */
  g_autofree char *realm = http_auth_tty_sanitize (http_auth_prompt_get_realm (prompt), MAX_REALM_CHARS);
  g_autofree char *origin = http_auth_tty_sanitize (http_auth_prompt_get_origin (prompt), 0);
  g_autofree char *question = NULL;

  question = g_strdup_printf ("%s%s%s asks for a login. The %s says: “%s”%s",
                              http_auth_prompt_get_retrying (prompt) ? "Wrong user name or password. " : "",
                              proxy ? "The proxy " : "", origin,
                              proxy ? "proxy" : "site", realm,
                              http_auth_prompt_get_insecure (prompt)
                              ? "\n(Warning: the password would be sent readable over plain HTTP.)" : "");
  ask->question = for_terminal (question);
  ask->username = g_strdup (self->username);
  ask->prompt = g_object_ref (prompt);
  g_task_set_source_tag (task, http_auth_tty_prompter_ask_async);
  g_task_set_task_data (task, ask, (GDestroyNotify) ask_free);
  g_task_run_in_thread (task, ask_thread);
}

static void
http_auth_tty_prompter_finalize (GObject *object)
{
  HttpAuthTtyPrompter *self = HTTP_AUTH_TTY_PROMPTER (object);

  g_free (self->username);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (http_auth_tty_prompter_parent_class)->finalize (object);
}

static void
http_auth_tty_prompter_class_init (HttpAuthTtyPrompterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HttpAuthPrompterClass *prompter_class = HTTP_AUTH_PROMPTER_CLASS (klass);

  object_class->finalize = http_auth_tty_prompter_finalize;
  prompter_class->ask_async = http_auth_tty_prompter_ask_async;
}

static void
http_auth_tty_prompter_init (HttpAuthTtyPrompter *self)
{
  g_mutex_init (&self->mutex);
}

HttpAuthPrompter *
http_auth_tty_prompter_new (const char *username,
                            gboolean    remember)
{
  HttpAuthTtyPrompter *self = g_object_new (HTTP_AUTH_TYPE_TTY_PROMPTER, NULL);

  self->username = g_strdup (username);
  self->remember = remember;

  return HTTP_AUTH_PROMPTER (self);
}
