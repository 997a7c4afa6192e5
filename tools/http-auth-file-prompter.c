/* http-auth-file-prompter.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth-file-prompter.h"

#include <json-glib/json-glib.h>

/* `http-auth fetch --credentials-file F`: each prompt takes the next login
 * of the file, in order; with the file used up, a prompt is cancelled. */

struct _ToolFilePrompter
{
  HttpAuthPrompter  parent_instance;
  GQueue            logins;     /* HttpAuthCredential, owned */
  GPasswordSave     save;
};

G_DEFINE_FINAL_TYPE (ToolFilePrompter, tool_file_prompter, HTTP_AUTH_TYPE_PROMPTER)

static void
tool_file_prompter_ask_async (HttpAuthPrompter    *prompter,
                              HttpAuthPrompt      *prompt,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ToolFilePrompter *self = TOOL_FILE_PROMPTER (prompter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(HttpAuthCredential) login = g_queue_pop_head (&self->logins);

  g_task_set_source_tag (task, tool_file_prompter_ask_async);
  if (login == NULL)
    {
      g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_CANCELLED);
      return;
    }

  http_auth_prompt_set_credential (prompt, login);
  http_auth_prompt_set_password_save (prompt, self->save);
  g_task_return_int (task, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
}

static void
tool_file_prompter_finalize (GObject *object)
{
  ToolFilePrompter *self = TOOL_FILE_PROMPTER (object);

  g_queue_clear_full (&self->logins, (GDestroyNotify) http_auth_credential_unref);

  G_OBJECT_CLASS (tool_file_prompter_parent_class)->finalize (object);
}

static void
tool_file_prompter_class_init (ToolFilePrompterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tool_file_prompter_finalize;
  HTTP_AUTH_PROMPTER_CLASS (klass)->ask_async = tool_file_prompter_ask_async;
}

static void
tool_file_prompter_init (ToolFilePrompter *self)
{
  g_queue_init (&self->logins);
}

/* Reads {"credentials":[{"user":…,"password":…},…]}. */
HttpAuthPrompter *
tool_file_prompter_new_from_file (const char  *path,
                                  gboolean     remember,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ToolFilePrompter) self = g_object_new (TOOL_TYPE_FILE_PROMPTER, NULL);
  JsonNode *root;
  JsonArray *list;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "credentials") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "credentials")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: expected {\"credentials\":[{\"user\":…,\"password\":…},…]}", path);
      return NULL;
    }

  self->save = remember ? G_PASSWORD_SAVE_PERMANENTLY : G_PASSWORD_SAVE_NEVER;
  list = json_object_get_array_member (json_node_get_object (root), "credentials");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *user = entry ? json_object_get_string_member_with_default (entry, "user", NULL) : NULL;
      const char *password = entry ? json_object_get_string_member_with_default (entry, "password", NULL) : NULL;

      if (user == NULL || password == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: entry %u needs a string \"user\" and \"password\"", path, i);
          return NULL;
        }
      g_queue_push_tail (&self->logins, http_auth_credential_new (user, password));
    }

  return HTTP_AUTH_PROMPTER (g_steal_pointer (&self));
}
