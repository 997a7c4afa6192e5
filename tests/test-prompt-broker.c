/* test-prompt-broker.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "http-auth.h"
#include "http-auth-prompt-broker-private.h"
#include "http-auth-scripted-prompter.h"

/* HttpAuthPromptBroker on its own, with the scripted prompter: the
 * question side that the engine and the WebKitGTK adapter share. */

typedef struct
{
  HttpAuthPromptResult  result;
  HttpAuthCredential   *credential;
  GPasswordSave         save;
  GError               *error;
  gboolean              done;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->credential, http_auth_credential_unref);
  g_clear_error (&o->error);
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Outcome *o = user_data;

  o->result = http_auth_prompt_broker_ask_finish (HTTP_AUTH_PROMPT_BROKER (object), result, &o->credential,
                                                  &o->save, NULL, &o->error);
  o->done = TRUE;
}

static void
wait_for (Outcome *o)
{
  while (!o->done)
    g_main_context_iteration (NULL, TRUE);
}

static HttpAuthProtectionSpace *
space_new (const char *host,
           const char *realm)
{
  return http_auth_protection_space_new ("http://example.com", HTTP_AUTH_TARGET_SERVER, "http", host, 80,
                                         realm, "basic");
}

static HttpAuthPromptBroker *
broker_new (HttpAuthScriptedPrompter *prompter)
{
  HttpAuthPromptBroker *broker = http_auth_prompt_broker_new ();

  http_auth_prompt_broker_set_prompter (broker, HTTP_AUTH_PROMPTER (prompter));
  return broker;
}

static void
test_one_question (void)
{
  g_autoptr(HttpAuthScriptedPrompter) prompter = http_auth_scripted_prompter_new ();
  g_autoptr(HttpAuthPromptBroker) broker = broker_new (prompter);
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("http://example.com", FALSE);
  g_autoptr(HttpAuthPromptContext) other_tab = http_auth_prompt_context_new ("http://example.com", FALSE);
  g_autoptr(HttpAuthProtectionSpace) space = space_new ("example.com", "R");
  Outcome o[3] = { 0 };
  HttpAuthPrompt *prompt;

  /* Three callers, two of one tab: two questions, the tab's shared. */
  http_auth_scripted_prompter_set_hold (prompter, TRUE);
  http_auth_scripted_prompter_add_answer (prompter, "alice", "secret", TRUE);
  http_auth_scripted_prompter_add_answer (prompter, "bob", "hunter2", FALSE);
  http_auth_prompt_broker_ask_async (broker, tab, space, "http://example.com/a", FALSE, NULL, ask_cb, &o[0]);
  http_auth_prompt_broker_ask_async (broker, tab, space, "http://example.com/b", FALSE, NULL, ask_cb, &o[1]);
  http_auth_prompt_broker_ask_async (broker, other_tab, space, NULL, FALSE, NULL, ask_cb, &o[2]);
  while (http_auth_scripted_prompter_get_n_pending (prompter) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (http_auth_scripted_prompter_get_prompts (prompter)->len, ==, 2);
  prompt = g_ptr_array_index (http_auth_scripted_prompter_get_prompts (prompter), 0);
  g_assert_true (http_auth_prompt_get_context (prompt) == tab);
  g_assert_cmpstr (http_auth_prompt_get_url (prompt), ==, "http://example.com/a");
  g_assert_cmpstr (http_auth_prompt_get_origin (prompt), ==, "http://example.com:80");
  g_assert_true (http_auth_prompt_get_insecure (prompt));

  http_auth_scripted_prompter_release (prompter);
  http_auth_scripted_prompter_release (prompter);
  for (guint i = 0; i < 3; i++)
    wait_for (&o[i]);
  g_assert_cmpint (o[0].result, ==, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
  g_assert_cmpint (o[1].result, ==, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
  g_assert_cmpstr (http_auth_credential_get_username (o[0].credential), ==, "alice");
  g_assert_true (http_auth_credential_equal (o[0].credential, o[1].credential));
  g_assert_cmpint (o[0].save, ==, G_PASSWORD_SAVE_PERMANENTLY);
  g_assert_cmpint (o[1].save, ==, G_PASSWORD_SAVE_PERMANENTLY);
  g_assert_cmpstr (http_auth_credential_get_username (o[2].credential), ==, "bob");
  for (guint i = 0; i < 3; i++)
    outcome_clear (&o[i]);
}

static void
test_cancel_suppresses (void)
{
  g_autoptr(HttpAuthScriptedPrompter) prompter = http_auth_scripted_prompter_new ();
  g_autoptr(HttpAuthPromptBroker) broker = broker_new (prompter);
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("http://example.com", FALSE);
  g_autoptr(HttpAuthProtectionSpace) space = space_new ("www.example.com", "R");
  g_autoptr(HttpAuthProtectionSpace) sibling = space_new ("api.example.com", "Other");
  Outcome o = { 0 }, again = { 0 };

  http_auth_scripted_prompter_add_cancel (prompter);
  http_auth_prompt_broker_ask_async (broker, tab, space, NULL, FALSE, NULL, ask_cb, &o);
  wait_for (&o);
  g_assert_cmpint (o.result, ==, HTTP_AUTH_PROMPT_RESULT_CANCELLED);

  /* Another space of the same site: suppressed, nobody is asked. */
  http_auth_prompt_broker_ask_async (broker, tab, sibling, NULL, FALSE, NULL, ask_cb, &again);
  wait_for (&again);
  g_assert_cmpint (again.result, ==, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
  g_assert_cmpuint (http_auth_scripted_prompter_get_prompts (prompter)->len, ==, 1);

  /* The user navigates: asked again. */
  http_auth_prompt_context_user_navigated (tab);
  http_auth_scripted_prompter_add_answer (prompter, "alice", "secret", FALSE);
  outcome_clear (&again);
  again.done = FALSE;
  http_auth_prompt_broker_ask_async (broker, tab, sibling, NULL, FALSE, NULL, ask_cb, &again);
  wait_for (&again);
  g_assert_cmpint (again.result, ==, HTTP_AUTH_PROMPT_RESULT_ANSWERED);
  g_assert_cmpuint (http_auth_scripted_prompter_get_prompts (prompter)->len, ==, 2);
  outcome_clear (&o);
  outcome_clear (&again);
}

static void
test_callers_leave (void)
{
  g_autoptr(HttpAuthScriptedPrompter) prompter = http_auth_scripted_prompter_new ();
  g_autoptr(HttpAuthPromptBroker) broker = broker_new (prompter);
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("http://example.com", FALSE);
  g_autoptr(HttpAuthProtectionSpace) space = space_new ("example.com", "R");
  g_autoptr(GCancellable) first = g_cancellable_new ();
  g_autoptr(GCancellable) second = g_cancellable_new ();
  Outcome o[2] = { 0 };

  http_auth_scripted_prompter_set_hold (prompter, TRUE);
  http_auth_prompt_broker_ask_async (broker, tab, space, NULL, FALSE, first, ask_cb, &o[0]);
  http_auth_prompt_broker_ask_async (broker, tab, space, NULL, FALSE, second, ask_cb, &o[1]);
  while (http_auth_scripted_prompter_get_n_pending (prompter) < 1)
    g_main_context_iteration (NULL, TRUE);

  /* One caller leaves: it gets G_IO_ERROR_CANCELLED, the question stays. */
  g_cancellable_cancel (first);
  wait_for (&o[0]);
  g_assert_error (o[0].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (http_auth_scripted_prompter_get_n_pending (prompter), ==, 1);

  /* The last one leaves: the prompt is withdrawn, and counts as unanswered. */
  g_cancellable_cancel (second);
  wait_for (&o[1]);
  g_assert_error (o[1].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (http_auth_scripted_prompter_get_n_pending (prompter) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (http_auth_prompt_context_is_suppressed (tab, "http://example.com"));
  outcome_clear (&o[0]);
  outcome_clear (&o[1]);
}

static void
test_closed_tab (void)
{
  g_autoptr(HttpAuthScriptedPrompter) prompter = http_auth_scripted_prompter_new ();
  g_autoptr(HttpAuthPromptBroker) broker = broker_new (prompter);
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("http://example.com", FALSE);
  g_autoptr(HttpAuthProtectionSpace) space = space_new ("example.com", "R");
  Outcome o = { 0 };

  http_auth_scripted_prompter_set_hold (prompter, TRUE);
  http_auth_prompt_broker_ask_async (broker, tab, space, NULL, FALSE, NULL, ask_cb, &o);
  while (http_auth_scripted_prompter_get_n_pending (prompter) < 1)
    g_main_context_iteration (NULL, TRUE);
  http_auth_prompt_context_close (tab);
  wait_for (&o);
  g_assert_cmpint (o.result, ==, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
  g_assert_null (o.credential);
  outcome_clear (&o);
}

static void
test_no_prompter (void)
{
  g_autoptr(HttpAuthPromptBroker) broker = http_auth_prompt_broker_new ();
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("http://example.com", FALSE);
  g_autoptr(HttpAuthProtectionSpace) space = space_new ("example.com", "R");
  g_autofree char *site = _http_auth_prompt_broker_dup_site (space);
  g_autoptr(HttpAuthProtectionSpace) proxy = http_auth_protection_space_new (NULL, HTTP_AUTH_TARGET_PROXY, "http",
                                                                             "proxy.example", 3128, "P", "basic");
  g_autofree char *proxy_site = _http_auth_prompt_broker_dup_site (proxy);
  Outcome o = { 0 };

  http_auth_prompt_broker_ask_async (broker, tab, space, NULL, FALSE, NULL, ask_cb, &o);
  wait_for (&o);
  g_assert_cmpint (o.result, ==, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
  g_assert_cmpstr (site, ==, "http://example.com");
  g_assert_cmpstr (proxy_site, ==, "proxy:proxy.example:3128");
  outcome_clear (&o);
}

/* A prompter that implements nothing. */
#define TEST_TYPE_MUTE_PROMPTER (test_mute_prompter_get_type ())
G_DECLARE_FINAL_TYPE (TestMutePrompter, test_mute_prompter, TEST, MUTE_PROMPTER, HttpAuthPrompter)

struct _TestMutePrompter
{
  HttpAuthPrompter parent_instance;
};

G_DEFINE_FINAL_TYPE (TestMutePrompter, test_mute_prompter, HTTP_AUTH_TYPE_PROMPTER)

static void
test_mute_prompter_class_init (TestMutePrompterClass *klass)
{
}

static void
test_mute_prompter_init (TestMutePrompter *self)
{
}

static void
mute_asked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Outcome *o = user_data;

  o->result = http_auth_prompter_ask_finish (HTTP_AUTH_PROMPTER (object), result, &o->error);
  o->done = TRUE;
}

static void
test_prompter_without_ask (void)
{
  g_autoptr(HttpAuthPrompter) prompter = g_object_new (TEST_TYPE_MUTE_PROMPTER, NULL);
  g_autoptr(HttpAuthPrompt) prompt = http_auth_prompt_new (NULL, HTTP_AUTH_TARGET_SERVER, "https://a.test", "r",
                                                           "basic", NULL, FALSE, FALSE);
  Outcome o = { 0 };

  g_test_summary ("A prompter subclass without ask_async answers UNANSWERED at once, as GTlsInteraction's "
                  "UNHANDLED, instead of never calling back");
  http_auth_prompter_ask_async (prompter, prompt, NULL, mute_asked_cb, &o);
  while (!o.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.result, ==, HTTP_AUTH_PROMPT_RESULT_UNANSWERED);
  g_assert_null (http_auth_prompt_get_credential (prompt));
}

static void
count_cb (GObject  *object,
          gpointer  user_data)
{
  (*(guint *) user_data)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_context_closed (void)
{
  g_autoptr(HttpAuthPromptContext) tab = http_auth_prompt_context_new ("https://a.test", FALSE);
  guint closed = 0, notified = 0;
  gboolean value = FALSE;

  g_test_summary ("A prompt context says it closed with a signal and a read-only property, once");
  g_signal_connect (tab, "closed", G_CALLBACK (count_cb), &closed);
  g_signal_connect (tab, "notify::closed", G_CALLBACK (count_notify_cb), &notified);
  g_assert_false (http_auth_prompt_context_is_closed (tab));
  http_auth_prompt_context_close (tab);
  http_auth_prompt_context_close (tab);
  g_object_get (tab, "closed", &value, NULL);
  g_assert_true (value);
  g_assert_true (http_auth_prompt_context_is_closed (tab));
  g_assert_cmpuint (closed, ==, 1);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/HttpAuth/PromptBroker/one-question", test_one_question);
  g_test_add_func ("/HttpAuth/PromptBroker/cancel-suppresses", test_cancel_suppresses);
  g_test_add_func ("/HttpAuth/PromptBroker/callers-leave", test_callers_leave);
  g_test_add_func ("/HttpAuth/PromptBroker/closed-tab", test_closed_tab);
  g_test_add_func ("/HttpAuth/PromptBroker/no-prompter", test_no_prompter);
  g_test_add_func ("/HttpAuth/Prompter/without-ask", test_prompter_without_ask);
  g_test_add_func ("/HttpAuth/PromptContext/closed", test_context_closed);

  return g_test_run ();
}
