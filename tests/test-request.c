/* test-request.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"

#include <string.h>

/* HttpAuthRequest as bindings and GtkBuilder see it: built with
 * g_object_new(), its Fetch parameters as properties that notify once per
 * change; and lib/'s public enums, registered. */

/* ---- Notifications ---- */

/* Counts "notify" emissions per property name. */
static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, g_strdup (pspec->name), GUINT_TO_POINTER (n + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_request_construct (void)
{
  HttpAuthRequest *request;
  g_autofree char *method = NULL;
  g_autofree char *uri = NULL;
  HttpAuthCredentialsMode credentials_mode;

  g_test_summary ("g_object_new() builds a request from its properties, "
                  "with a navigation's defaults for the rest");

  request = g_object_new (HTTP_AUTH_TYPE_REQUEST,
                          "method", "POST",
                          "uri", "https://a.test/",
                          "credentials-mode", HTTP_AUTH_CREDENTIALS_MODE_OMIT,
                          NULL);
  g_assert_nonnull (request);

  g_assert_cmpstr (http_auth_request_get_method (request), ==, "POST");
  g_assert_nonnull (http_auth_request_get_uri (request));
  g_assert_cmpstr (g_uri_get_host (http_auth_request_get_uri (request)), ==, "a.test");
  g_assert_cmpint (http_auth_request_get_credentials_mode (request), ==, HTTP_AUTH_CREDENTIALS_MODE_OMIT);
  g_assert_cmpint (http_auth_request_get_mode (request), ==, HTTP_AUTH_REQUEST_MODE_NAVIGATE);
  g_assert_cmpint (http_auth_request_get_redirect_mode (request), ==, HTTP_AUTH_REDIRECT_MODE_FOLLOW);
  g_assert_cmpint (http_auth_request_get_destination (request), ==, HTTP_AUTH_DESTINATION_DOCUMENT);
  g_assert_null (http_auth_request_get_initiator (request));
  g_assert_null (http_auth_request_get_prompt_context (request));

  g_object_get (request,
                "method", &method,
                "uri", &uri,
                "credentials-mode", &credentials_mode,
                NULL);
  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (uri, ==, "https://a.test/");
  g_assert_cmpint (credentials_mode, ==, HTTP_AUTH_CREDENTIALS_MODE_OMIT);

  g_assert_finalize_object (request);
}

static void
test_request_new (void)
{
  HttpAuthRequest *request;
  g_autofree char *uri = NULL;

  g_test_summary ("http_auth_request_new() returns NULL for a URI it cannot use, "
                  "and the uri property never reads back a password");

  g_assert_null (http_auth_request_new ("GET", "ftp://a.test/"));
  g_assert_null (http_auth_request_new ("GET", "/relative"));
  g_assert_null (http_auth_request_new ("GET", "not a uri"));

  request = http_auth_request_new ("GET", "http://user:secret@a.test:8080/x");
  g_assert_nonnull (request);
  g_assert_cmpstr (g_uri_get_password (http_auth_request_get_uri (request)), ==, "secret");
  g_object_get (request, "uri", &uri, NULL);
  g_assert_nonnull (uri);
  g_assert_null (strstr (uri, "secret"));
  g_assert_cmpstr (uri, ==, "http://user@a.test:8080/x");
  g_assert_finalize_object (request);
}

static void
test_request_construct_without_uri (void)
{
  HttpAuthRequest *request;

  g_test_summary ("A request built without a usable uri is a programmer mistake: a critical");

  g_test_expect_message ("http-auth-request", G_LOG_LEVEL_CRITICAL, "*uri*");
  request = g_object_new (HTTP_AUTH_TYPE_REQUEST, "uri", "mailto:a@a.test", NULL);
  g_test_assert_expected_messages ();

  g_assert_null (http_auth_request_get_uri (request));
  g_assert_cmpstr (http_auth_request_get_method (request), ==, "GET");
  g_assert_finalize_object (request);
}

static void
test_request_notify (void)
{
  g_autoptr(HttpAuthRequest) request = http_auth_request_new ("GET", "https://a.test/");
  g_autoptr(HttpAuthPromptContext) context = http_auth_prompt_context_new (NULL, TRUE);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_summary ("Each property notifies once per change, whether set by its setter or by "
                  "g_object_set(), and not at all when set to the value it has");

  g_signal_connect (request, "notify", G_CALLBACK (notify_cb), counts);

  /* Setters. */
  http_auth_request_set_credentials_mode (request, HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN);
  http_auth_request_set_credentials_mode (request, HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN);
  g_assert_cmpuint (count_of (counts, "credentials-mode"), ==, 1);

  http_auth_request_set_mode (request, HTTP_AUTH_REQUEST_MODE_CORS);
  http_auth_request_set_mode (request, HTTP_AUTH_REQUEST_MODE_CORS);
  g_assert_cmpuint (count_of (counts, "mode"), ==, 1);

  http_auth_request_set_redirect_mode (request, HTTP_AUTH_REDIRECT_MODE_MANUAL);
  http_auth_request_set_redirect_mode (request, HTTP_AUTH_REDIRECT_MODE_MANUAL);
  g_assert_cmpuint (count_of (counts, "redirect-mode"), ==, 1);

  http_auth_request_set_destination (request, HTTP_AUTH_DESTINATION_SUBRESOURCE);
  http_auth_request_set_destination (request, HTTP_AUTH_DESTINATION_SUBRESOURCE);
  g_assert_cmpuint (count_of (counts, "destination"), ==, 1);

  http_auth_request_set_initiator (request, "https://b.test:443");
  http_auth_request_set_initiator (request, "https://b.test:443");
  g_assert_cmpuint (count_of (counts, "initiator"), ==, 1);

  http_auth_request_set_prompt_context (request, context);
  http_auth_request_set_prompt_context (request, context);
  g_assert_cmpuint (count_of (counts, "prompt-context"), ==, 1);

  /* The same through g_object_set(): explicit notify, so an unchanged
   * value is silent here too. */
  g_object_set (request,
                "credentials-mode", HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN,
                "mode", HTTP_AUTH_REQUEST_MODE_CORS,
                "redirect-mode", HTTP_AUTH_REDIRECT_MODE_MANUAL,
                "destination", HTTP_AUTH_DESTINATION_SUBRESOURCE,
                "initiator", "https://b.test:443",
                "prompt-context", context,
                NULL);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 6);
  g_assert_cmpuint (count_of (counts, "credentials-mode"), ==, 1);
  g_assert_cmpuint (count_of (counts, "mode"), ==, 1);
  g_assert_cmpuint (count_of (counts, "redirect-mode"), ==, 1);
  g_assert_cmpuint (count_of (counts, "destination"), ==, 1);
  g_assert_cmpuint (count_of (counts, "initiator"), ==, 1);
  g_assert_cmpuint (count_of (counts, "prompt-context"), ==, 1);

  g_object_set (request,
                "credentials-mode", HTTP_AUTH_CREDENTIALS_MODE_INCLUDE,
                "mode", HTTP_AUTH_REQUEST_MODE_NO_CORS,
                "redirect-mode", HTTP_AUTH_REDIRECT_MODE_ERROR,
                "destination", HTTP_AUTH_DESTINATION_DOCUMENT,
                "initiator", NULL,
                "prompt-context", NULL,
                NULL);
  g_assert_cmpuint (count_of (counts, "credentials-mode"), ==, 2);
  g_assert_cmpuint (count_of (counts, "mode"), ==, 2);
  g_assert_cmpuint (count_of (counts, "redirect-mode"), ==, 2);
  g_assert_cmpuint (count_of (counts, "destination"), ==, 2);
  g_assert_cmpuint (count_of (counts, "initiator"), ==, 2);
  g_assert_cmpuint (count_of (counts, "prompt-context"), ==, 2);

  g_assert_cmpint (http_auth_request_get_credentials_mode (request), ==, HTTP_AUTH_CREDENTIALS_MODE_INCLUDE);
  g_assert_cmpint (http_auth_request_get_mode (request), ==, HTTP_AUTH_REQUEST_MODE_NO_CORS);
  g_assert_cmpint (http_auth_request_get_redirect_mode (request), ==, HTTP_AUTH_REDIRECT_MODE_ERROR);
  g_assert_cmpint (http_auth_request_get_destination (request), ==, HTTP_AUTH_DESTINATION_DOCUMENT);
  g_assert_null (http_auth_request_get_initiator (request));
  g_assert_null (http_auth_request_get_prompt_context (request));

  g_signal_handlers_disconnect_by_func (request, notify_cb, counts);
}

/* ---- Enums ---- */

typedef struct
{
  const char *type_name;
  GType     (*get_type) (void);
  int         value;
  const char *nick;
} EnumCase;

static const EnumCase enum_cases[] = {
  { "HttpAuthCredentialsMode", http_auth_credentials_mode_get_type,
    HTTP_AUTH_CREDENTIALS_MODE_OMIT, "omit" },
  { "HttpAuthCredentialsMode", http_auth_credentials_mode_get_type,
    HTTP_AUTH_CREDENTIALS_MODE_SAME_ORIGIN, "same-origin" },
  { "HttpAuthCredentialsMode", http_auth_credentials_mode_get_type,
    HTTP_AUTH_CREDENTIALS_MODE_INCLUDE, "include" },
  { "HttpAuthRequestMode", http_auth_request_mode_get_type,
    HTTP_AUTH_REQUEST_MODE_NAVIGATE, "navigate" },
  { "HttpAuthRequestMode", http_auth_request_mode_get_type,
    HTTP_AUTH_REQUEST_MODE_SAME_ORIGIN, "same-origin" },
  { "HttpAuthRequestMode", http_auth_request_mode_get_type,
    HTTP_AUTH_REQUEST_MODE_NO_CORS, "no-cors" },
  { "HttpAuthRequestMode", http_auth_request_mode_get_type,
    HTTP_AUTH_REQUEST_MODE_CORS, "cors" },
  { "HttpAuthRedirectMode", http_auth_redirect_mode_get_type,
    HTTP_AUTH_REDIRECT_MODE_FOLLOW, "follow" },
  { "HttpAuthRedirectMode", http_auth_redirect_mode_get_type,
    HTTP_AUTH_REDIRECT_MODE_ERROR, "error" },
  { "HttpAuthRedirectMode", http_auth_redirect_mode_get_type,
    HTTP_AUTH_REDIRECT_MODE_MANUAL, "manual" },
  { "HttpAuthDestination", http_auth_destination_get_type,
    HTTP_AUTH_DESTINATION_DOCUMENT, "document" },
  { "HttpAuthDestination", http_auth_destination_get_type,
    HTTP_AUTH_DESTINATION_SUBRESOURCE, "subresource" },
  { "HttpAuthPromptResult", http_auth_prompt_result_get_type,
    HTTP_AUTH_PROMPT_RESULT_ANSWERED, "answered" },
  { "HttpAuthPromptResult", http_auth_prompt_result_get_type,
    HTTP_AUTH_PROMPT_RESULT_CANCELLED, "cancelled" },
  { "HttpAuthPromptResult", http_auth_prompt_result_get_type,
    HTTP_AUTH_PROMPT_RESULT_UNANSWERED, "unanswered" },
};

static void
test_enum_value (gconstpointer data)
{
  const EnumCase *c = data;
  GType type = c->get_type ();
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_assert_true (G_TYPE_IS_ENUM (type));
  g_assert_cmpstr (g_type_name (type), ==, c->type_name);

  klass = g_type_class_ref (type);
  value = g_enum_get_value (klass, c->value);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, c->nick);
  g_assert_true (g_enum_get_value_by_nick (klass, c->nick) == value);
}

static void
test_enum_macros (void)
{
  g_test_summary ("Each public enum of lib/ has its HTTP_AUTH_TYPE_ macro, and no value "
                  "is left out of its type");

  g_assert_true (HTTP_AUTH_TYPE_CREDENTIALS_MODE == http_auth_credentials_mode_get_type ());
  g_assert_true (HTTP_AUTH_TYPE_REQUEST_MODE == http_auth_request_mode_get_type ());
  g_assert_true (HTTP_AUTH_TYPE_REDIRECT_MODE == http_auth_redirect_mode_get_type ());
  g_assert_true (HTTP_AUTH_TYPE_DESTINATION == http_auth_destination_get_type ());
  g_assert_true (HTTP_AUTH_TYPE_PROMPT_RESULT == http_auth_prompt_result_get_type ());

  /* Every value of every type is in the table above. */
  for (gsize i = 0; i < G_N_ELEMENTS (enum_cases); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enum_cases[i].get_type ());
      guint in_table = 0;

      for (gsize j = 0; j < G_N_ELEMENTS (enum_cases); j++)
        if (enum_cases[j].get_type == enum_cases[i].get_type)
          in_table++;
      g_assert_cmpuint (klass->n_values, ==, in_table);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/Request/construct", test_request_construct);
  g_test_add_func ("/HttpAuth/Request/new", test_request_new);
  g_test_add_func ("/HttpAuth/Request/construct-without-uri", test_request_construct_without_uri);
  g_test_add_func ("/HttpAuth/Request/notify", test_request_notify);
  g_test_add_func ("/HttpAuth/Enums/macros", test_enum_macros);
  for (gsize i = 0; i < G_N_ELEMENTS (enum_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/HttpAuth/Enums/%s/%s", enum_cases[i].type_name,
                                               enum_cases[i].nick);

      g_test_add_data_func (path, &enum_cases[i], test_enum_value);
    }

  return g_test_run ();
}
