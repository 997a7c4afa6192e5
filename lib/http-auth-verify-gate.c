/* http-auth-verify-gate.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-verify-gate"

#include "config.h"

#include "http-auth-verify-gate-private.h"

/* A gate lives from the moment an answer arrives until the server or proxy
 * judged it, or until nobody is left to try it. Every waiter is held with a
 * reference, and told its verdict from an idle, so that the caller of a
 * gate function never re-enters itself. */

typedef struct
{
  char                  *key;
  HttpAuthPromptContext *context;     /* a reference */
  HttpAuthCredential    *credential;  /* the answer being verified */
  GPasswordSave          save;
  gpointer               verifier;    /* a reference, or NULL */
  GQueue                 waiters;     /* references */
} Gate;

typedef struct
{
  HttpAuthVerifyGates *gates;
  gpointer             waiter;        /* a reference */
  HttpAuthGateVerdict  verdict;
} Resume;

struct _HttpAuthVerifyGates
{
  HttpAuthGateFunc  resume;
  GBoxedCopyFunc    waiter_ref;
  GDestroyNotify    waiter_unref;
  GHashTable       *gates;            /* key -> Gate */
};

static void
gate_free (Gate *gate)
{
  g_free (gate->key);
  g_clear_object (&gate->context);
  g_clear_pointer (&gate->credential, http_auth_credential_unref);
  g_assert (gate->verifier == NULL);
  g_assert (g_queue_is_empty (&gate->waiters));
  g_free (gate);
}

HttpAuthVerifyGates *
_http_auth_gates_new (HttpAuthGateFunc resume,
                      GBoxedCopyFunc   waiter_ref,
                      GDestroyNotify   waiter_unref)
{
  HttpAuthVerifyGates *self = g_new0 (HttpAuthVerifyGates, 1);

  self->resume = resume;
  self->waiter_ref = waiter_ref;
  self->waiter_unref = waiter_unref;
  self->gates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) gate_free);

  return self;
}

void
_http_auth_gates_free (HttpAuthVerifyGates *self)
{
  _http_auth_gates_close_all (self);
  g_hash_table_unref (self->gates);
  g_free (self);
}

/* The context is part of the key and held by the gate, so a key is never
 * reused by another tab while the gate lives. */
char *
_http_auth_gates_key (HttpAuthPromptContext   *context,
                      HttpAuthProtectionSpace *space)
{
  g_autofree char *s = http_auth_protection_space_to_string (space);

  return g_strdup_printf ("%p|%s", (void *) context, s);
}

static gboolean
resume_idle_cb (gpointer user_data)
{
  Resume *r = user_data;

  r->gates->resume (r->waiter, r->verdict);
  return G_SOURCE_REMOVE;
}

static void
resume_free (Resume *r)
{
  r->gates->waiter_unref (r->waiter);
  g_free (r);
}

/* Takes over the reference on @waiter. */
static void
schedule (HttpAuthVerifyGates *self,
          gpointer             waiter,
          HttpAuthGateVerdict  verdict)
{
  Resume *r = g_new0 (Resume, 1);

  r->gates = self;
  r->waiter = waiter;
  r->verdict = verdict;
  g_idle_add_full (G_PRIORITY_DEFAULT, resume_idle_cb, r, (GDestroyNotify) resume_free);
}

gboolean
_http_auth_gates_is_open (HttpAuthVerifyGates *self,
                          const char          *key)
{
  return g_hash_table_contains (self->gates, key);
}

/* An answer arrived for @key at @waiter: TRUE when it is the verifier
 * (nobody verifies this key yet), FALSE when it must wait. */
gboolean
_http_auth_gates_enter (HttpAuthVerifyGates   *self,
                        const char            *key,
                        gpointer               waiter,
                        HttpAuthPromptContext *context,
                        HttpAuthCredential    *credential,
                        GPasswordSave          save)
{
  Gate *gate = g_hash_table_lookup (self->gates, key);

  if (gate != NULL)
    {
      _http_auth_gates_wait (self, key, waiter);
      return FALSE;
    }

  gate = g_new0 (Gate, 1);
  gate->key = g_strdup (key);
  gate->context = g_object_ref (context);
  gate->credential = http_auth_credential_ref (credential);
  gate->save = save;
  gate->verifier = self->waiter_ref (waiter);
  g_queue_init (&gate->waiters);
  g_hash_table_insert (self->gates, gate->key, gate);

  return TRUE;
}

void
_http_auth_gates_wait (HttpAuthVerifyGates *self,
                       const char          *key,
                       gpointer             waiter)
{
  Gate *gate = g_hash_table_lookup (self->gates, key);

  g_return_if_fail (gate != NULL);
  g_queue_push_tail (&gate->waiters, self->waiter_ref (waiter));
}

HttpAuthCredential *
_http_auth_gates_get_answer (HttpAuthVerifyGates *self,
                             const char          *key,
                             GPasswordSave       *save)
{
  Gate *gate = g_hash_table_lookup (self->gates, key);

  if (gate == NULL)
    return NULL;
  if (save != NULL)
    *save = gate->save;
  return gate->credential;
}

gboolean
_http_auth_gates_is_verifier (HttpAuthVerifyGates *self,
                              const char          *key,
                              gpointer             waiter)
{
  Gate *gate = key != NULL ? g_hash_table_lookup (self->gates, key) : NULL;

  return gate != NULL && gate->verifier == waiter;
}

/* Ends the gate: every waiter gets @verdict. */
static void
gate_release (HttpAuthVerifyGates *self,
              Gate                *gate,
              HttpAuthGateVerdict  verdict)
{
  gpointer waiter;

  g_hash_table_steal (self->gates, gate->key);
  if (gate->verifier != NULL)
    self->waiter_unref (g_steal_pointer (&gate->verifier));
  while ((waiter = g_queue_pop_head (&gate->waiters)) != NULL)
    schedule (self, waiter, verdict);
  gate_free (gate);
}

/* @waiter is gone (completed, cancelled, or moved on to another protection
 * space). A verifier that leaves before a verdict hands the answer to the
 * next waiter; with none left the gate ends. */
void
_http_auth_gates_leave (HttpAuthVerifyGates *self,
                        const char          *key,
                        gpointer             waiter)
{
  Gate *gate = key != NULL ? g_hash_table_lookup (self->gates, key) : NULL;
  GList *link;

  if (gate == NULL)
    return;

  if (gate->verifier == waiter)
    {
      self->waiter_unref (g_steal_pointer (&gate->verifier));
      gate->verifier = g_queue_pop_head (&gate->waiters);
      if (gate->verifier == NULL)
        {
          g_hash_table_remove (self->gates, key);
          return;
        }
      schedule (self, self->waiter_ref (gate->verifier), HTTP_AUTH_GATE_PROMOTED);
      return;
    }

  link = g_queue_find (&gate->waiters, waiter);
  if (link != NULL)
    {
      g_queue_delete_link (&gate->waiters, link);
      self->waiter_unref (waiter);
    }
}

void
_http_auth_gates_verdict (HttpAuthVerifyGates *self,
                          const char          *key,
                          gpointer             verifier,
                          gboolean             accepted)
{
  Gate *gate = key != NULL ? g_hash_table_lookup (self->gates, key) : NULL;

  if (gate == NULL || gate->verifier != verifier)
    return;
  gate_release (self, gate, accepted ? HTTP_AUTH_GATE_ACCEPTED : HTTP_AUTH_GATE_REFUSED);
}

void
_http_auth_gates_close_all (HttpAuthVerifyGates *self)
{
  GHashTableIter iter;
  Gate *gate;

  g_hash_table_iter_init (&iter, self->gates);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &gate))
    {
      gpointer waiter;

      g_hash_table_iter_steal (&iter);
      if (gate->verifier != NULL)
        self->waiter_unref (g_steal_pointer (&gate->verifier));
      while ((waiter = g_queue_pop_head (&gate->waiters)) != NULL)
        schedule (self, waiter, HTTP_AUTH_GATE_CLOSED);
      gate_free (gate);
    }
}
