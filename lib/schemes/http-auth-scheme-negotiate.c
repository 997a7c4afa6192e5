/* http-auth-scheme-negotiate.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-scheme-negotiate"

#include "config.h"

#include "http-auth-credential-private.h"
#include "http-auth-scheme-negotiate-private.h"

#include <gssapi/gssapi.h>
#include <string.h>

/**
 * HttpAuthSchemeNegotiate:
 *
 * The Negotiate scheme of RFC 4559: SPNEGO through GSS-API (MIT Kerberos),
 * with the user's Kerberos ticket as the credential. There is no password
 * and no prompt; the session uses it only for hosts on its
 * [property@HttpAuth.Session:negotiate-allowlist].
 *
 * The service name is `HTTP@host` (host-based, the URL's host as written:
 * no DNS canonicalisation), or `HTTP@host:port` when the session's
 * [property@HttpAuth.Session:negotiate-include-port] is set. Mutual
 * authentication is always requested: the server's final token (on the
 * 2xx) is fed back to GSS-API, and a token that does not verify fails the
 * request with %HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED.
 *
 * Every GSS-API call may talk to the KDC and block for tens of seconds, so
 * the session makes them on a worker thread; this class's
 * [vfunc@HttpAuth.Scheme.dup_authorization] (a synchronous call) refuses
 * with %HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME.
 */

struct _HttpAuthSchemeNegotiate
{
  HttpAuthScheme  parent_instance;
  char           *service;      /* "HTTP@host[:port]" */
  gboolean        delegate;
  gss_ctx_id_t    ctx;          /* NULL while a step owns it */
  gboolean        busy;
  gboolean        established;
  gboolean        mutual;
  char           *principal;
};

G_DEFINE_FINAL_TYPE (HttpAuthSchemeNegotiate, http_auth_scheme_negotiate, HTTP_AUTH_TYPE_SCHEME)

/* Workers still blocked in GSS-API after their request stopped waiting
 * (a hung KDC holds each for ~27 s). Past this many, a new step fails at
 * once rather than tie up one more thread of GLib's pool. */
#define MAX_STUCK_WORKERS 4
static gint stuck_workers;

/* SPNEGO, 1.3.6.1.5.5.2 (RFC 4178). */
static gss_OID_desc spnego_oid = { 6, (void *) "\x2b\x06\x01\x05\x05\x02" };

static void
delete_context (gss_ctx_id_t *ctx)
{
  OM_uint32 minor;

  if (*ctx != GSS_C_NO_CONTEXT)
    gss_delete_sec_context (&minor, ctx, GSS_C_NO_BUFFER);
  *ctx = GSS_C_NO_CONTEXT;
}

static gboolean
http_auth_scheme_negotiate_init_challenge (HttpAuthScheme     *scheme,
                                           HttpAuthChallenge  *challenge,
                                           GError            **error)
{
  const char *token = http_auth_challenge_get_token68 (challenge);

  /* RFC 4559 §4: the challenge carries one token or nothing. */
  if (http_auth_challenge_get_n_params (challenge) > 0)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "A Negotiate challenge carries a token or nothing, not parameters");
      return FALSE;
    }
  if (token != NULL && strlen (token) > HTTP_AUTH_NEGOTIATE_MAX_TOKEN)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_HEADER_TOO_LARGE,
                   "The Negotiate token is over %d bytes", HTTP_AUTH_NEGOTIATE_MAX_TOKEN);
      return FALSE;
    }

  return TRUE;
}

static gboolean
http_auth_scheme_negotiate_update (HttpAuthScheme     *scheme,
                                   HttpAuthChallenge  *challenge,
                                   gboolean           *stale,
                                   GError            **error)
{
  /* A later Negotiate challenge is the next leg (with a token) or a
   * refusal (without); never "stale". */
  *stale = FALSE;
  return http_auth_scheme_negotiate_init_challenge (scheme, challenge, error);
}

static guint
http_auth_scheme_negotiate_get_strength (HttpAuthScheme *scheme)
{
  /* Above every Digest algorithm (at most 40): a ticket, no password. */
  return 50;
}

static char *
http_auth_scheme_negotiate_dup_authorization (HttpAuthScheme      *scheme,
                                              HttpAuthCredential  *credential,
                                              const char          *method,
                                              const char          *request_target,
                                              GBytes              *body,
                                              GError             **error)
{
  g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME,
                       "A Negotiate token is made on a worker thread by the session, not on demand");
  return NULL;
}

static void
http_auth_scheme_negotiate_finalize (GObject *object)
{
  HttpAuthSchemeNegotiate *self = HTTP_AUTH_SCHEME_NEGOTIATE (object);

  delete_context (&self->ctx);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->principal, g_free);

  G_OBJECT_CLASS (http_auth_scheme_negotiate_parent_class)->finalize (object);
}

static void
http_auth_scheme_negotiate_class_init (HttpAuthSchemeNegotiateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HttpAuthSchemeClass *scheme_class = HTTP_AUTH_SCHEME_CLASS (klass);

  object_class->finalize = http_auth_scheme_negotiate_finalize;
  scheme_class->scheme_name = "negotiate";
  scheme_class->init_challenge = http_auth_scheme_negotiate_init_challenge;
  scheme_class->update = http_auth_scheme_negotiate_update;
  scheme_class->get_strength = http_auth_scheme_negotiate_get_strength;
  scheme_class->dup_authorization = http_auth_scheme_negotiate_dup_authorization;
}

static void
http_auth_scheme_negotiate_init (HttpAuthSchemeNegotiate *self)
{
  self->ctx = GSS_C_NO_CONTEXT;
}

/**
 * http_auth_scheme_negotiate_get_principal:
 * @self: a #HttpAuthSchemeNegotiate
 *
 * Gets the Kerberos principal the token was made for (the user's, such as
 * `alice@EXAMPLE.COM`), once a step has run.
 *
 * Returns: (nullable): the principal, or %NULL
 */
const char *
http_auth_scheme_negotiate_get_principal (HttpAuthSchemeNegotiate *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_NEGOTIATE (self), NULL);

  return self->principal;
}

/**
 * http_auth_scheme_negotiate_get_mutual_verified:
 * @self: a #HttpAuthSchemeNegotiate
 *
 * Gets whether the server proved its identity: its final token was fed to
 * GSS-API and verified. %FALSE when the server sent none (RFC 4559 makes it
 * optional; squid never sends one to a client).
 *
 * Returns: whether mutual authentication completed
 */
gboolean
http_auth_scheme_negotiate_get_mutual_verified (HttpAuthSchemeNegotiate *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME_NEGOTIATE (self), FALSE);

  return self->mutual;
}

/* ---- Private: configuration and the worker step ---- */

void
_http_auth_scheme_negotiate_configure (HttpAuthSchemeNegotiate *self,
                                       const char              *host,
                                       guint16                  port,
                                       gboolean                 delegate)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);

  g_free (self->service);
  /* An IPv6 literal keeps its brackets off: GSS-API takes the bare host. */
  if (lower[0] == '[')
    {
      lower[strlen (lower) - 1] = '\0';
      memmove (lower, lower + 1, strlen (lower));
    }
  self->service = port != 0 ? g_strdup_printf ("HTTP@%s:%u", lower, port) : g_strdup_printf ("HTTP@%s", lower);
  self->delegate = delegate;
}

/* A scheme for a token sent before any challenge (the origin accepted one
 * before in this session). */
HttpAuthSchemeNegotiate *
_http_auth_scheme_negotiate_new_preemptive (HttpAuthTarget target)
{
  g_autoptr(GPtrArray) challenges = http_auth_challenge_parse ("Negotiate", NULL);

  return HTTP_AUTH_SCHEME_NEGOTIATE (http_auth_scheme_new_for_challenge (HTTP_AUTH_TYPE_SCHEME_NEGOTIATE,
                                                                         g_ptr_array_index (challenges, 0),
                                                                         target, NULL));
}

gboolean
_http_auth_scheme_negotiate_is_established (HttpAuthSchemeNegotiate *self)
{
  return self->established;
}

/* One gss_init_sec_context on a worker. The step owns the context while it
 * runs; the scheme gets it back only when the step's result is used. */
typedef struct
{
  char         *service;
  OM_uint32     flags;
  gss_ctx_id_t  ctx;
  guchar       *input;
  gsize         input_len;
  gboolean      stuck;        /* its wait ended first (counted in stuck_workers) */
  /* Results. */
  OM_uint32     major;
  OM_uint32     ret_flags;
  char         *output;       /* base64, or NULL */
  char         *principal;
} Step;

static void
step_free (Step *s)
{
  delete_context (&s->ctx);
  g_free (s->service);
  if (s->input != NULL)
    {
      memset (s->input, 0, s->input_len);
      g_free (s->input);
    }
  g_clear_pointer (&s->output, _http_auth_secure_free);
  g_free (s->principal);
  g_free (s);
}

static char *
describe_status (OM_uint32 major,
                 OM_uint32 minor)
{
  GString *text = g_string_new (NULL);
  struct { OM_uint32 code; int type; } parts[] = { { major, GSS_C_GSS_CODE }, { minor, GSS_C_MECH_CODE } };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      OM_uint32 context = 0, m;

      if (parts[i].code == 0)
        continue;
      do
        {
          gss_buffer_desc msg = GSS_C_EMPTY_BUFFER;

          if (GSS_ERROR (gss_display_status (&m, parts[i].code, parts[i].type, GSS_C_NO_OID, &context, &msg)))
            break;
          if (text->len > 0)
            g_string_append (text, ": ");
          g_string_append_len (text, msg.value, msg.length);
          gss_release_buffer (&m, &msg);
        }
      while (context != 0 && text->len < 1024);
    }

  return g_string_free (text, FALSE);
}

static char *
inquire_principal (gss_ctx_id_t ctx)
{
  OM_uint32 major, minor;
  gss_name_t source = GSS_C_NO_NAME;
  gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;
  gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
  char *principal = NULL;

  major = gss_inquire_context (&minor, ctx, &source, NULL, NULL, NULL, NULL, NULL, NULL);
  if (GSS_ERROR (major) || source == GSS_C_NO_NAME)
    {
      /* A context not yet established may not name its initiator: the
       * default credential's name is the one it was made with. */
      if (source != GSS_C_NO_NAME)
        gss_release_name (&minor, &source);
      major = gss_acquire_cred (&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET, GSS_C_INITIATE,
                                &cred, NULL, NULL);
      if (!GSS_ERROR (major))
        major = gss_inquire_cred (&minor, cred, &source, NULL, NULL, NULL);
      if (cred != GSS_C_NO_CREDENTIAL)
        gss_release_cred (&minor, &cred);
    }
  if (!GSS_ERROR (major) && source != GSS_C_NO_NAME &&
      !GSS_ERROR (gss_display_name (&minor, source, &text, NULL)))
    {
      principal = g_strndup (text.value, text.length);
      gss_release_buffer (&minor, &text);
    }
  if (source != GSS_C_NO_NAME)
    gss_release_name (&minor, &source);

  return principal;
}

static void
step_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Step *s = task_data;
  OM_uint32 major, minor;
  gss_buffer_desc name_buf = { strlen (s->service), s->service };
  gss_buffer_desc input = { s->input_len, s->input };
  gss_buffer_desc output = GSS_C_EMPTY_BUFFER;
  gss_name_t target = GSS_C_NO_NAME;

  major = gss_import_name (&minor, &name_buf, GSS_C_NT_HOSTBASED_SERVICE, &target);
  if (!GSS_ERROR (major))
    major = gss_init_sec_context (&minor, GSS_C_NO_CREDENTIAL, &s->ctx, target, &spnego_oid, s->flags,
                                  GSS_C_INDEFINITE, GSS_C_NO_CHANNEL_BINDINGS,
                                  s->input != NULL ? &input : GSS_C_NO_BUFFER, NULL, &output, &s->ret_flags,
                                  NULL);
  if (target != GSS_C_NO_NAME)
    gss_release_name (&minor, &target);

  if (GSS_ERROR (major))
    {
      g_autofree char *why = describe_status (major, minor);

      gss_release_buffer (&minor, &output);
      g_task_return_new_error (task, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_FAILED, "Kerberos (GSS-API) for %s: %s",
                               s->service, why);
      return;
    }

  s->major = major;
  if (output.length > 0)
    s->output = g_base64_encode (output.value, output.length);
  if (output.value != NULL)
    memset (output.value, 0, output.length);
  gss_release_buffer (&minor, &output);
  s->principal = inquire_principal (s->ctx);
  g_task_return_boolean (task, TRUE);
}

/* The wait for a step: it ends at the worker's result, at the caller's
 * cancellable or at the timeout, whichever comes first. A step that ends
 * early leaves its worker to finish alone (a GSS-API call cannot be
 * interrupted); the worker's late result is dropped with its context. */
typedef struct
{
  HttpAuthSchemeNegotiate *scheme;  /* a reference, dropped on the main thread */
  GTask        *task;          /* the caller's; owned until it returns */
  GCancellable *cancellable;
  gulong        cancelled_id;
  guint         idle_id;
  guint         timeout_id;
  gboolean      returned;
  Step         *step;          /* valid until the worker is done */
} Wait;

static void
wait_return (Wait   *w,
             GError *error)
{
  HttpAuthSchemeNegotiate *self;

  if (w->returned)
    {
      g_clear_error (&error);
      return;
    }
  w->returned = TRUE;
  if (w->cancelled_id != 0)
    g_cancellable_disconnect (w->cancellable, w->cancelled_id);
  w->cancelled_id = 0;
  g_clear_handle_id (&w->idle_id, g_source_remove);
  g_clear_handle_id (&w->timeout_id, g_source_remove);

  self = w->scheme;
  self->busy = FALSE;
  if (error != NULL)
    g_task_return_error (w->task, error);
  else
    g_task_return_boolean (w->task, TRUE);
  g_clear_object (&w->task);
}

static void
wait_free (Wait *w)
{
  g_assert (w->returned);
  g_clear_object (&w->cancellable);
  g_clear_object (&w->scheme);
  g_free (w);
}

static void
step_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;
  Step *s = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (s->stuck)
    g_atomic_int_dec_and_test (&stuck_workers);
  if (!w->returned)
    {
      HttpAuthSchemeNegotiate *self = w->scheme;

      if (g_task_propagate_boolean (G_TASK (result), &error))
        {
          /* The context comes back to the scheme with the results. */
          delete_context (&self->ctx);
          self->ctx = g_steal_pointer (&s->ctx);
          s->ctx = GSS_C_NO_CONTEXT;
          if (s->principal != NULL)
            {
              g_free (self->principal);
              self->principal = g_steal_pointer (&s->principal);
            }
          g_task_set_task_data (w->task, g_steal_pointer (&s->output), (GDestroyNotify) _http_auth_secure_free);
          self->established = s->major == GSS_S_COMPLETE;
          if (self->established && (s->ret_flags & GSS_C_MUTUAL_FLAG) != 0 && s->input != NULL)
            self->mutual = TRUE;
        }
      wait_return (w, error);
    }
  /* The step (and a context it still holds) goes here, on this thread,
   * never on the worker's: GSS-API state must not be torn down on a pool
   * thread while the process exits. */
  g_task_set_task_data (G_TASK (result), NULL, NULL);
  wait_free (w);
}

static gboolean
cancel_idle_cb (gpointer user_data)
{
  Wait *w = user_data;
  GError *error = NULL;

  w->idle_id = 0;
  w->step->stuck = TRUE;
  g_atomic_int_inc (&stuck_workers);
  g_cancellable_set_error_if_cancelled (w->cancellable, &error);
  if (error == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  wait_return (w, error);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              Wait         *w)
{
  /* Outside the cancellable's emission, where it can be disconnected. */
  if (w->idle_id == 0)
    w->idle_id = g_idle_add (cancel_idle_cb, w);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Wait *w = user_data;

  w->timeout_id = 0;
  w->step->stuck = TRUE;
  g_atomic_int_inc (&stuck_workers);
  wait_return (w, g_error_new (HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT,
                               "The Kerberos KDC did not answer within %u ms for %s",
                               GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w->task), "timeout")),
                               w->step->service));
  return G_SOURCE_REMOVE;
}

/* Runs gss_init_sec_context on a worker: the first leg when
 * @server_token is %NULL, else with the server's token (the next leg, or
 * the final token of a 2xx that verifies the server). */
void
_http_auth_scheme_negotiate_step_async (HttpAuthSchemeNegotiate *self,
                                        const char              *server_token,
                                        guint                    timeout_ms,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  g_autoptr(GTask) worker = NULL;
  Wait *w;
  Step *s;

  g_return_if_fail (HTTP_AUTH_IS_SCHEME_NEGOTIATE (self));
  g_return_if_fail (self->service != NULL);
  g_return_if_fail (!self->busy);

  w = g_new0 (Wait, 1);
  w->scheme = g_object_ref (self);
  w->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (w->task, _http_auth_scheme_negotiate_step_async);
  g_task_set_name (w->task, "[http-auth] negotiate step");
  g_object_set_data (G_OBJECT (w->task), "timeout", GUINT_TO_POINTER (timeout_ms));

  if (g_atomic_int_get (&stuck_workers) >= MAX_STUCK_WORKERS)
    {
      w->returned = TRUE;
      g_task_return_new_error (w->task, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_TIMED_OUT,
                               "The Kerberos KDC is not answering (%d earlier requests still wait for it)",
                               MAX_STUCK_WORKERS);
      g_clear_object (&w->task);
      wait_free (w);
      return;
    }

  if (server_token != NULL)
    {
      gsize len = 0;

      if (strlen (server_token) > HTTP_AUTH_NEGOTIATE_MAX_TOKEN || *server_token == '\0')
        {
          w->returned = TRUE;
          g_task_return_new_error (w->task, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED,
                                   "The server's Negotiate token is empty or too large");
          g_clear_object (&w->task);
          wait_free (w);
          return;
        }
      s = g_new0 (Step, 1);
      s->input = g_base64_decode (server_token, &len);
      s->input_len = len;
    }
  else
    s = g_new0 (Step, 1);

  s->service = g_strdup (self->service);
  s->flags = GSS_C_MUTUAL_FLAG | (self->delegate ? GSS_C_DELEG_FLAG | GSS_C_DELEG_POLICY_FLAG : 0);
  /* A first leg starts a new context: a Kerberos token is single use. */
  if (server_token == NULL)
    {
      delete_context (&self->ctx);
      self->established = FALSE;
      self->mutual = FALSE;
    }
  s->ctx = self->ctx;
  self->ctx = GSS_C_NO_CONTEXT;
  self->busy = TRUE;

  w->step = s;
  w->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  if (cancellable != NULL)
    w->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), w, NULL);
  if (timeout_ms > 0)
    w->timeout_id = g_timeout_add (timeout_ms, timeout_cb, w);

  /* No source object: the worker never holds the scheme, so its last
   * reference is always dropped on the caller's thread. */
  worker = g_task_new (NULL, NULL, step_done_cb, w);
  g_task_set_source_tag (worker, step_thread);
  g_task_set_name (worker, "[http-auth] gss_init_sec_context");
  g_task_set_task_data (worker, s, (GDestroyNotify) step_free);
  g_task_run_in_thread (worker, step_thread);
}

/* @status: where the context is now; @header_value: the field value to
 * send ("Negotiate <token>"), or %NULL when GSS-API made no token (a
 * verified final leg). */
gboolean
_http_auth_scheme_negotiate_step_finish (HttpAuthSchemeNegotiate  *self,
                                         GAsyncResult             *result,
                                         HttpAuthNegotiateStatus  *status,
                                         char                    **header_value,
                                         GError                  **error)
{
  const char *token;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  token = g_task_get_task_data (G_TASK (result));
  *status = self->established ? HTTP_AUTH_NEGOTIATE_COMPLETE : HTTP_AUTH_NEGOTIATE_CONTINUE;
  *header_value = token != NULL ? g_strconcat ("Negotiate ", token, NULL) : NULL;
  return TRUE;
}
