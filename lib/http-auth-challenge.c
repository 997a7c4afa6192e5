/* http-auth-challenge.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-challenge"

#include "config.h"

#include "http-auth-challenge-private.h"
#include "http-auth-error.h"

#include <string.h>

/**
 * HttpAuthChallenge:
 *
 * One challenge from a `WWW-Authenticate` or `Proxy-Authenticate` field.
 *
 * A challenge is an auth-scheme (lowercased) followed by either a token68
 * or an ordered list of auth-params (names lowercased, values unescaped),
 * as RFC 9110 §11.2 defines it. Challenges are produced by
 * [func@HttpAuth.Challenge.parse_list] and are immutable.
 *
 * The parser is hand-written: neither GLib nor libsoup offers an RFC 9110
 * challenge parser that keeps token68, reports duplicate parameters and
 * the position of malformed challenges (`soup_header_parse_param_list()`
 * handles one parameter list, not a list of challenges). It is a single
 * forward scan: linear in time and memory in the length of its input.
 */

/* How a parse is laid out in memory.
 *
 * The scanner does not copy while it reads: it records spans of the
 * input (scheme, token68, each parameter's name and raw value) in a
 * Builder, on the stack for the usual sizes. When the whole list has been
 * read, one allocation (a Block) receives every challenge of the result:
 * the HttpAuthChallenge structs, their parameter arrays, and their
 * strings, lowercased and unescaped as they are copied. Each challenge
 * keeps its own reference count; the block goes with the last of its
 * challenges. */

struct _HttpAuthChallenge
{
  gatomicrefcount  ref_count;
  guint            n_params;
  gsize            offset;
  const char      *scheme;
  const char      *token68;
  /* n_params (name, value) pairs, in the order they were received. */
  const char     **params;
  /* The count of live challenges at the head of the block holding this
   * one, its parameters and its strings. */
  gatomicrefcount *block;
  guint            has_duplicates : 1;
  /* Made piece by piece (_http_auth_challenge_new()): the strings and
   * the parameter array are separate allocations, owned here. */
  guint            owns_strings : 1;
};

G_DEFINE_BOXED_TYPE (HttpAuthChallenge, http_auth_challenge,
                     http_auth_challenge_ref, http_auth_challenge_unref)

/* Character classes of RFC 9110 §5.6.2 (tchar), §5.6.4 (qdtext, the
 * octets of a quoted-pair), §5.6.3 (OWS) and §11.2 (token68). */
enum {
  T = 1 << 0,  /* tchar */
  K = 1 << 1,  /* token68 character, without the trailing "=" */
  Q = 1 << 2,  /* qdtext */
  P = 1 << 3,  /* may follow a backslash in a quoted-string */
  W = 1 << 4,  /* OWS */
};

static const guint8 char_class[256] = {
  0, 0, 0, 0, 0, 0, 0, 0,
  0, Q|P|W, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0,
  Q|P|W, T|Q|P, P, T|Q|P, T|Q|P, T|Q|P, T|Q|P, T|Q|P,
  Q|P, Q|P, T|Q|P, T|K|Q|P, Q|P, T|K|Q|P, T|K|Q|P, K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, Q|P, P, Q|P, T|Q|P, T|K|Q|P,
  T|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P, T|K|Q|P,
  T|K|Q|P, T|K|Q|P, T|K|Q|P, Q|P, T|Q|P, Q|P, T|K|Q|P, 0,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
  Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P, Q|P,
};

static inline gboolean
is_tchar (guchar c)
{
  return (char_class[c] & T) != 0;
}

static inline gboolean
is_token68_char (guchar c)
{
  return (char_class[c] & K) != 0;
}

static inline gboolean
is_ows (guchar c)
{
  return (char_class[c] & W) != 0;
}

static inline gboolean
is_qdtext (guchar c)
{
  return (char_class[c] & Q) != 0;
}

static inline gboolean
is_quoted_pair_char (guchar c)
{
  return (char_class[c] & P) != 0;
}

static const guint8 lower_table[256] = {
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
  0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
  0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
  0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
  0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
  0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
  0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
  0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
  0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
  0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
  0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
  0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

gboolean
_http_auth_is_token (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;
  for (; *str; str++)
    if (!is_tchar ((guchar) *str))
      return FALSE;
  return TRUE;
}

/*
 * _http_auth_append_quoted:
 *
 * Appends @value as an RFC 9110 quoted-string, escaping `"` and `\`.
 */
void
_http_auth_append_quoted (GString    *out,
                          const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* ---- What the scanner found: spans into the input ---- */

typedef struct
{
  const char *name;
  gsize       name_len;
  /* The value as received: the bytes between the quotes of a
   * quoted-string (with its quoted-pairs), or the token. */
  const char *value;
  gsize       value_len;
  /* How many quoted-pairs the value holds: its length once unescaped is
   * value_len - n_escapes. */
  gsize       n_escapes;
} Param;

typedef struct
{
  gsize       offset;
  const char *scheme;
  gsize       scheme_len;
  const char *token68;    /* NULL when there is none */
  gsize       token68_len;
  guint       first_param;
  guint       n_params;
  gboolean    has_duplicates;
} Pending;

/* A challenge with more parameters than this checks for duplicates with a
 * hash set; below, a linear check costs less than building one. */
#define LINEAR_DUPLICATE_CHECK 16

#define STACK_CHALLENGES 8
#define STACK_PARAMS     32

typedef struct
{
  Pending    *challenges;
  guint       n_challenges;
  guint       challenges_size;
  Param      *params;
  guint       n_params;
  guint       params_size;
  /* Whether the last challenge is still open (takes auth-params). */
  gboolean    open;
  /* The lowercased names of the open challenge, once it has more than
   * LINEAR_DUPLICATE_CHECK parameters; %NULL before. */
  GHashTable *seen;
  /* Field values copied to read obs-fold as spaces; the spans point into
   * them until the result is built. */
  GPtrArray  *copies;
  Pending     challenges_stack[STACK_CHALLENGES];
  Param       params_stack[STACK_PARAMS];
} Builder;

static void
builder_init (Builder *b)
{
  b->challenges = b->challenges_stack;
  b->n_challenges = 0;
  b->challenges_size = STACK_CHALLENGES;
  b->params = b->params_stack;
  b->n_params = 0;
  b->params_size = STACK_PARAMS;
  b->open = FALSE;
  b->seen = NULL;
  b->copies = NULL;
}

static void
builder_clear (Builder *b)
{
  if (b->challenges != b->challenges_stack)
    g_free (b->challenges);
  if (b->params != b->params_stack)
    g_free (b->params);
  g_clear_pointer (&b->seen, g_hash_table_unref);
  g_clear_pointer (&b->copies, g_ptr_array_unref);
}

/* Makes room for one more element in an array that starts on the stack. */
static gpointer
grow (gpointer  array,
      gpointer  stack,
      guint    *size,
      gsize     element_size)
{
  gpointer bigger = g_malloc_n (*size * 2, element_size);

  memcpy (bigger, array, *size * element_size);
  if (array != stack)
    g_free (array);
  *size *= 2;

  return bigger;
}

static void
builder_open_challenge (Builder    *b,
                        gsize       offset,
                        const char *scheme,
                        gsize       scheme_len)
{
  Pending *c;

  g_assert (!b->open);

  if (b->n_challenges == b->challenges_size)
    b->challenges = grow (b->challenges, b->challenges_stack, &b->challenges_size, sizeof (Pending));

  c = &b->challenges[b->n_challenges++];
  c->offset = offset;
  c->scheme = scheme;
  c->scheme_len = scheme_len;
  c->token68 = NULL;
  c->token68_len = 0;
  c->first_param = b->n_params;
  c->n_params = 0;
  c->has_duplicates = FALSE;
  b->open = TRUE;
}

static void
builder_set_token68 (Builder    *b,
                     const char *token68,
                     gsize       len)
{
  g_assert (b->open);

  b->challenges[b->n_challenges - 1].token68 = token68;
  b->challenges[b->n_challenges - 1].token68_len = len;
}

/* The open challenge is complete. */
static void
builder_finish_challenge (Builder *b)
{
  b->open = FALSE;
  if (b->seen != NULL)
    g_hash_table_remove_all (b->seen);
}

/* The open challenge was malformed: it and its parameters go. */
static void
builder_abandon_challenge (Builder *b)
{
  if (b->open)
    {
      b->n_params = b->challenges[b->n_challenges - 1].first_param;
      b->n_challenges--;
    }
  builder_finish_challenge (b);
}

static inline gboolean
names_equal (const char *a,
             const char *b,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (lower_table[(guchar) a[i]] != lower_table[(guchar) b[i]])
      return FALSE;
  return TRUE;
}

static char *
name_down (const Param *p)
{
  char *name = g_malloc (p->name_len + 1);

  for (gsize i = 0; i < p->name_len; i++)
    name[i] = lower_table[(guchar) p->name[i]];
  name[p->name_len] = '\0';

  return name;
}

/* Does the open challenge already have a parameter called like @param? */
static gboolean
builder_is_duplicate (Builder     *b,
                      const Param *param)
{
  Pending *c = &b->challenges[b->n_challenges - 1];

  if (c->n_params < LINEAR_DUPLICATE_CHECK)
    {
      for (guint i = c->first_param; i < b->n_params; i++)
        if (b->params[i].name_len == param->name_len && names_equal (b->params[i].name, param->name, param->name_len))
          return TRUE;
      return FALSE;
    }

  if (b->seen == NULL)
    b->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_size (b->seen) == 0)
    for (guint i = c->first_param; i < b->n_params; i++)
      g_hash_table_add (b->seen, name_down (&b->params[i]));

  return !g_hash_table_add (b->seen, name_down (param));
}

static void
builder_add_param (Builder     *b,
                   const Param *param)
{
  Pending *c;

  g_assert (b->open);

  c = &b->challenges[b->n_challenges - 1];
  if (builder_is_duplicate (b, param))
    c->has_duplicates = TRUE;

  if (b->n_params == b->params_size)
    b->params = grow (b->params, b->params_stack, &b->params_size, sizeof (Param));
  b->params[b->n_params++] = *param;
  c->n_params++;
}

/* The block's head, aligned for whatever follows it. */
typedef union
{
  gatomicrefcount n_alive;
  gpointer        align_pointer;
  gsize           align_size;
} BlockHead;

static char *
copy_down (char       *out,
           const char *s,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    out[i] = lower_table[(guchar) s[i]];
  out[len] = '\0';
  return out + len + 1;
}

static char *
copy_value (char        *out,
            const Param *p)
{
  if (p->n_escapes == 0)
    memcpy (out, p->value, p->value_len);
  else
    {
      char *o = out;

      /* The scanner checked every quoted-pair: a backslash is always
       * followed by the byte it escapes. */
      for (gsize i = 0; i < p->value_len; i++)
        {
          if (p->value[i] == '\\')
            i++;
          *o++ = p->value[i];
        }
      g_assert ((gsize) (o - out) == p->value_len - p->n_escapes);
    }
  out[p->value_len - p->n_escapes] = '\0';

  return out + p->value_len - p->n_escapes + 1;
}

/* Builds every challenge found, in one allocation, and returns them in a
 * new array. */
static GPtrArray *
builder_build (Builder *b)
{
  GPtrArray *out = g_ptr_array_new_full (b->n_challenges, (GDestroyNotify) http_auth_challenge_unref);
  gsize size = sizeof (BlockHead) + b->n_challenges * sizeof (HttpAuthChallenge) +
               b->n_params * 2 * sizeof (const char *);
  BlockHead *head;
  HttpAuthChallenge *challenges;
  const char **params;
  char *strings;

  g_assert (!b->open);

  if (b->n_challenges == 0)
    return out;

  for (guint i = 0; i < b->n_challenges; i++)
    {
      size += b->challenges[i].scheme_len + 1;
      if (b->challenges[i].token68 != NULL)
        size += b->challenges[i].token68_len + 1;
    }
  for (guint i = 0; i < b->n_params; i++)
    size += b->params[i].name_len + 1 + b->params[i].value_len - b->params[i].n_escapes + 1;

  head = g_malloc (size);
  g_atomic_int_set (&head->n_alive, (int) b->n_challenges);
  challenges = (HttpAuthChallenge *) (head + 1);
  params = (const char **) (challenges + b->n_challenges);
  strings = (char *) (params + b->n_params * 2);

  for (guint i = 0; i < b->n_challenges; i++)
    {
      const Pending *p = &b->challenges[i];
      HttpAuthChallenge *c = &challenges[i];

      g_atomic_ref_count_init (&c->ref_count);
      c->n_params = p->n_params;
      c->offset = p->offset;
      c->has_duplicates = p->has_duplicates;
      c->block = &head->n_alive;
      c->owns_strings = FALSE;
      c->params = params + p->first_param * 2;

      c->scheme = strings;
      strings = copy_down (strings, p->scheme, p->scheme_len);
      c->token68 = NULL;
      if (p->token68 != NULL)
        {
          c->token68 = strings;
          memcpy (strings, p->token68, p->token68_len);
          strings[p->token68_len] = '\0';
          strings += p->token68_len + 1;
        }

      for (guint j = 0; j < p->n_params; j++)
        {
          const Param *param = &b->params[p->first_param + j];

          c->params[2 * j] = strings;
          strings = copy_down (strings, param->name, param->name_len);
          c->params[2 * j + 1] = strings;
          strings = copy_value (strings, param);
        }

      g_ptr_array_add (out, c);
    }

  g_assert (strings == (char *) head + size);

  return out;
}

/*
 * _http_auth_challenge_new:
 *
 * Makes a challenge piece by piece, for tests and fuzzers; the parser
 * does not use it. Its block holds only itself.
 */
HttpAuthChallenge *
_http_auth_challenge_new (const char *scheme,
                          const char *token68)
{
  BlockHead *head = g_malloc (sizeof (BlockHead) + sizeof (HttpAuthChallenge));
  HttpAuthChallenge *self = (HttpAuthChallenge *) (head + 1);

  g_atomic_int_set (&head->n_alive, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_params = 0;
  self->offset = 0;
  self->scheme = g_ascii_strdown (scheme, -1);
  self->token68 = g_strdup (token68);
  self->params = NULL;
  self->block = &head->n_alive;
  self->has_duplicates = FALSE;
  self->owns_strings = TRUE;

  return self;
}

/*
 * _http_auth_challenge_add_param:
 *
 * Appends a parameter (@name is lowercased) to a challenge made by
 * _http_auth_challenge_new(). Duplicates are not flagged.
 */
void
_http_auth_challenge_add_param (HttpAuthChallenge *self,
                                const char        *name,
                                const char        *value)
{
  g_return_if_fail (self != NULL && self->owns_strings);

  self->params = g_renew (const char *, self->params, 2 * (self->n_params + 1));
  self->params[2 * self->n_params] = g_ascii_strdown (name, -1);
  self->params[2 * self->n_params + 1] = g_strdup (value);
  self->n_params++;
}

/* ---- The scanner ---- */

typedef struct
{
  const char *s;
  gsize       len;
  gsize       pos;
  /* Offset of s[0] in the combined field value, for error reports. */
  gsize       base;
  /* Where errors go when the caller asked for them. */
  GPtrArray  *errors;
  /* Set while a broken challenge's elements are skipped: their problems
   * are not reported again. */
  gboolean    quiet;
  guint       n_errors;
  gsize       first_error_offset;
  const char *first_error_message;
  Builder    *builder;
  /* What element_is_auth_param() found at param_at: the name's length
   * and where its "=" is, so that scan_auth_param() reads them once. */
  gsize       param_at;
  gsize       param_name_len;
  gsize       param_equals;
} Scanner;

static void
scanner_error (Scanner    *sc,
               gsize       pos,
               const char *message)
{
  if (sc->quiet)
    return;

  if (sc->n_errors++ == 0)
    {
      sc->first_error_offset = sc->base + pos;
      sc->first_error_message = message;
    }
  if (sc->errors != NULL)
    g_ptr_array_add (sc->errors, _http_auth_parse_error_new (sc->base + pos, message));
}

static inline guchar
peek (Scanner *sc)
{
  return sc->pos < sc->len ? (guchar) sc->s[sc->pos] : '\0';
}

static inline gboolean
at_end (Scanner *sc)
{
  return sc->pos >= sc->len;
}

static inline void
skip_ows (Scanner *sc)
{
  while (sc->pos < sc->len && is_ows (sc->s[sc->pos]))
    sc->pos++;
}

static inline gsize
scan_token (Scanner *sc)
{
  gsize start = sc->pos;

  while (sc->pos < sc->len && is_tchar (sc->s[sc->pos]))
    sc->pos++;

  return sc->pos - start;
}

/* Where error recovery may take a DQUOTE as the start of a quoted-string:
 * at the start of the field or after whitespace, "=" or ",". Anywhere
 * else (after a token character, as in `realm=a"b`) no production of
 * RFC 9110 has a quoted-string begin, so the quote is a stray byte of the
 * malformed element, and must not swallow the challenges that follow. */
static inline gboolean
may_open_quoted_string (Scanner *sc,
                        gsize    pos)
{
  guchar before;

  if (pos == 0)
    return TRUE;
  before = sc->s[pos - 1];
  return is_ows (before) || before == '=' || before == ',';
}

/*
 * Skips to the next list separator that is not inside a quoted-string.
 * @in_quotes says whether the scan starts inside one (an error was found
 * there). Each byte is looked at once.
 */
static void
skip_to_comma (Scanner  *sc,
               gboolean  in_quotes)
{
  while (sc->pos < sc->len)
    {
      guchar c = sc->s[sc->pos];

      if (in_quotes)
        {
          if (c == '\\' && sc->pos + 1 < sc->len)
            sc->pos++;
          else if (c == '"')
            in_quotes = FALSE;
        }
      else if (c == '"' && may_open_quoted_string (sc, sc->pos))
        in_quotes = TRUE;
      else if (c == ',')
        return;

      sc->pos++;
    }
}

/* Does the 8-byte word @w hold a byte that is not plain qdtext (a
 * control character, HTAB included, DEL, `"` or `\`)? */
static inline gboolean
word_needs_care (guint64 w)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = w ^ (ones * '"');
  guint64 backslash = w ^ (ones * '\\');
  guint64 del = w ^ (ones * 0x7f);

  /* Each term has a high bit set exactly when some byte is zero (or,
   * for the first, below 0x20); bytes of 0x80 and above never set one. */
  return ((((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
           ((del - ones) & ~del)) & highs) != 0;
}

/*
 * Scans a quoted-string at sc->pos (which is on the opening DQUOTE) and
 * stores the span of its content in @param, or returns %FALSE after
 * reporting an error. On error *in_quotes tells whether the scanner
 * stopped inside the string.
 */
static gboolean
scan_quoted_string (Scanner  *sc,
                    Param    *param,
                    gboolean *in_quotes)
{
  gsize open_quote = sc->pos;
  gsize n_escapes = 0;

  g_assert (peek (sc) == '"');
  sc->pos++;

  while (sc->pos < sc->len)
    {
      guchar c = sc->s[sc->pos];

      if (c == '"')
        {
          param->value = sc->s + open_quote + 1;
          param->value_len = sc->pos - open_quote - 1;
          param->n_escapes = n_escapes;
          sc->pos++;
          return TRUE;
        }
      else if (c == '\\')
        {
          if (sc->pos + 1 >= sc->len)
            break;
          if (!is_quoted_pair_char (sc->s[sc->pos + 1]))
            {
              scanner_error (sc, sc->pos + 1, "invalid character after backslash in quoted-string");
              *in_quotes = TRUE;
              return FALSE;
            }
          n_escapes++;
          sc->pos += 2;
        }
      else if (is_qdtext (c))
        {
          /* Long values (tokens, nonces, descriptions) go eight bytes at
           * a time while no byte needs a closer look. */
          sc->pos++;
          while (sc->pos + 8 <= sc->len)
            {
              guint64 w;

              memcpy (&w, sc->s + sc->pos, 8);
              if (word_needs_care (w))
                break;
              sc->pos += 8;
            }
          while (sc->pos < sc->len && is_qdtext (sc->s[sc->pos]))
            sc->pos++;
        }
      else
        {
          scanner_error (sc, sc->pos, "control character in quoted-string");
          *in_quotes = TRUE;
          return FALSE;
        }
    }

  scanner_error (sc, open_quote, "unterminated quoted-string");
  *in_quotes = TRUE;
  return FALSE;
}

/*
 * Scans `token BWS "=" BWS ( token / quoted-string )` at sc->pos, where
 * element_is_auth_param() has found the name token followed by "=". Adds
 * it to the open challenge when @keep (or else discards it). Returns
 * FALSE after reporting an error.
 */
static gboolean
scan_auth_param (Scanner  *sc,
                 gboolean  keep,
                 gboolean *in_quotes)
{
  Param param;

  g_assert (sc->param_at == sc->pos && sc->param_name_len > 0);
  g_assert (sc->s[sc->param_equals] == '=');

  param.name = sc->s + sc->pos;
  param.name_len = sc->param_name_len;
  sc->pos = sc->param_equals + 1;
  skip_ows (sc);

  if (peek (sc) == '"')
    {
      if (!scan_quoted_string (sc, &param, in_quotes))
        return FALSE;
    }
  else
    {
      param.value = sc->s + sc->pos;
      param.value_len = scan_token (sc);
      param.n_escapes = 0;

      if (param.value_len == 0)
        {
          scanner_error (sc, sc->pos, "expected a token or quoted-string after \"=\"");
          return FALSE;
        }
    }

  /* After the value only OWS and then a comma or the end may follow. */
  skip_ows (sc);
  if (!at_end (sc) && peek (sc) != ',')
    {
      scanner_error (sc, sc->pos, "expected \",\" after auth-param");
      return FALSE;
    }

  if (keep)
    builder_add_param (sc->builder, &param);

  return TRUE;
}

/*
 * Skips an auth-param that belongs to no usable challenge. The element was
 * already reported (or belongs to a reported challenge), so problems
 * inside it are not reported again.
 */
static void
discard_auth_param (Scanner *sc)
{
  gboolean in_quotes = FALSE;

  sc->quiet = TRUE;
  if (!scan_auth_param (sc, FALSE, &in_quotes))
    skip_to_comma (sc, in_quotes);
  sc->quiet = FALSE;
}

/* Is the list element at sc->pos of the form `token BWS "="`? */
static gboolean
element_is_auth_param (Scanner *sc)
{
  gsize p = sc->pos;
  gsize name_end;

  while (p < sc->len && is_tchar (sc->s[p]))
    p++;
  if (p == sc->pos)
    return FALSE;
  name_end = p;
  while (p < sc->len && is_ows (sc->s[p]))
    p++;
  if (p >= sc->len || sc->s[p] != '=')
    return FALSE;

  sc->param_at = sc->pos;
  sc->param_name_len = name_end - sc->pos;
  sc->param_equals = p;
  return TRUE;
}

/*
 * If a token68 starts at sc->pos and forms the whole list element, consumes
 * it, sets it on the open challenge and returns %TRUE; otherwise leaves
 * the scanner where it was.
 */
static gboolean
scan_token68 (Scanner *sc)
{
  gsize p = sc->pos;
  gsize end;

  while (p < sc->len && is_token68_char (sc->s[p]))
    p++;
  if (p == sc->pos)
    return FALSE;
  while (p < sc->len && sc->s[p] == '=')
    p++;
  end = p;
  while (p < sc->len && is_ows (sc->s[p]))
    p++;
  if (p < sc->len && sc->s[p] != ',')
    return FALSE;

  builder_set_token68 (sc->builder, sc->s + sc->pos, end - sc->pos);
  sc->pos = p;
  return TRUE;
}

typedef enum {
  STATE_NONE,     /* no challenge open: an auth-param here is an error */
  STATE_PARAMS,   /* the open challenge accepts further auth-params */
  STATE_TOKEN68,  /* the open challenge has a token68: no auth-param may follow */
  STATE_BROKEN,   /* the open challenge was malformed: skip its auth-params */
} ParseState;

static void
parse_field (Scanner *sc)
{
  Builder *b = sc->builder;
  ParseState state = STATE_NONE;

  for (;;)
    {
      gboolean in_quotes = FALSE;
      gsize element_start;
      gsize scheme_len;

      skip_ows (sc);
      if (at_end (sc))
        break;
      if (peek (sc) == ',')
        {
          /* Empty list elements are ignored (RFC 9110 §5.6.1.2). */
          sc->pos++;
          continue;
        }

      element_start = sc->pos;

      if (!is_tchar (peek (sc)))
        {
          if (state == STATE_BROKEN)
            {
              /* Still inside the malformed challenge's elements. */
              skip_to_comma (sc, FALSE);
              continue;
            }
          scanner_error (sc, sc->pos, "expected an auth-scheme or auth-param");
          builder_abandon_challenge (b);
          state = STATE_BROKEN;
          skip_to_comma (sc, FALSE);
          continue;
        }

      if (element_is_auth_param (sc))
        {
          switch (state)
            {
            case STATE_PARAMS:
              if (!scan_auth_param (sc, TRUE, &in_quotes))
                {
                  builder_abandon_challenge (b);
                  state = STATE_BROKEN;
                  skip_to_comma (sc, in_quotes);
                }
              break;

            case STATE_BROKEN:
              discard_auth_param (sc);
              break;

            case STATE_TOKEN68:
              scanner_error (sc, element_start, "auth-param after a token68");
              builder_abandon_challenge (b);
              state = STATE_BROKEN;
              discard_auth_param (sc);
              break;

            case STATE_NONE:
            default:
              scanner_error (sc, element_start, "auth-param without an auth-scheme");
              state = STATE_BROKEN;
              discard_auth_param (sc);
              break;
            }
          continue;
        }

      /* A new challenge: `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`. */
      builder_finish_challenge (b);
      scheme_len = scan_token (sc);
      g_assert (scheme_len > 0);
      builder_open_challenge (b, sc->base + element_start, sc->s + element_start, scheme_len);
      state = STATE_PARAMS;

      if (at_end (sc) || peek (sc) == ',')
        continue;

      if (!is_ows (peek (sc)))
        {
          scanner_error (sc, sc->pos, "expected a space after the auth-scheme");
          builder_abandon_challenge (b);
          state = STATE_BROKEN;
          skip_to_comma (sc, FALSE);
          continue;
        }

      skip_ows (sc);
      if (at_end (sc) || peek (sc) == ',')
        continue;

      if (!element_is_auth_param (sc))
        {
          if (scan_token68 (sc))
            {
              state = STATE_TOKEN68;
              continue;
            }

          scanner_error (sc, sc->pos, "expected a token68 or auth-param after the auth-scheme");
          builder_abandon_challenge (b);
          state = STATE_BROKEN;
          skip_to_comma (sc, FALSE);
          continue;
        }

      /* `realm=` followed by a comma is a token68 with padding, not an
       * auth-param without value: the grammar has no empty token. */
      if (scan_token68 (sc))
        {
          state = STATE_TOKEN68;
          continue;
        }

      if (!scan_auth_param (sc, TRUE, &in_quotes))
        {
          builder_abandon_challenge (b);
          state = STATE_BROKEN;
          skip_to_comma (sc, in_quotes);
        }
    }

  builder_finish_challenge (b);
}

/*
 * Returns @value as the scanner should read it: obs-fold (CRLF followed
 * by SP or HTAB) replaced by spaces, one for each of CR and LF, so that
 * offsets into the copy are offsets into @value. A CR or LF that is not
 * part of an obs-fold is left alone: the scanner reports it as an invalid
 * character. Only a value that holds a CR is copied (kept in @b until the
 * result is built); obs-fold is deprecated and rare.
 */
static const char *
unfold (Builder    *b,
        const char *value,
        gsize       len)
{
  char *copy;

  if (memchr (value, '\r', len) == NULL)
    return value;

  copy = g_strndup (value, len);
  for (gsize i = 0; i + 2 < len; i++)
    {
      if (copy[i] == '\r' && copy[i + 1] == '\n' && is_ows (copy[i + 2]))
        {
          copy[i] = ' ';
          copy[i + 1] = ' ';
        }
    }

  if (b->copies == NULL)
    b->copies = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (b->copies, copy);

  return copy;
}

/**
 * http_auth_challenge_parse_list:
 * @field_values: (array zero-terminated=1): the values of every
 *   `WWW-Authenticate` (or `Proxy-Authenticate`) field line of a response,
 *   in order, as bytes
 * @errors: (out) (optional) (element-type HttpAuthParseError) (transfer container):
 *   where to store the malformed challenges that were skipped
 *
 * Parses challenges as RFC 9110 §11.2 defines them. Each field line may
 * hold several challenges; empty list elements and whitespace around `=`
 * are accepted, quoted-strings are unescaped, obs-fold is read as spaces.
 * Scheme and parameter names are lowercased; values are kept as the bytes
 * that were sent.
 *
 * A malformed challenge is reported in @errors (with its offset in the
 * field values joined by `", "`) and skipped; the others are still
 * returned. A challenge that repeats a parameter name is returned with
 * every occurrence, in order, and
 * [method@HttpAuth.Challenge.has_duplicate_params] set.
 *
 * The parser has no size limit of its own and runs in time and memory
 * linear in its input; callers bound the input first.
 *
 * Returns: (transfer container) (element-type HttpAuthChallenge): the
 *   challenges, in the order received
 */
GPtrArray *
http_auth_challenge_parse_list (const char * const  *field_values,
                                GPtrArray          **errors)
{
  Builder b;
  Scanner sc = { 0 };
  GPtrArray *out;

  g_return_val_if_fail (field_values != NULL, NULL);

  builder_init (&b);
  sc.builder = &b;
  if (errors != NULL)
    sc.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_parse_error_free);

  for (guint i = 0; field_values[i] != NULL; i++)
    {
      gsize len = strlen (field_values[i]);

      sc.s = unfold (&b, field_values[i], len);
      sc.len = len;
      sc.pos = 0;
      parse_field (&sc);
      sc.base += len + 2;
    }

  out = builder_build (&b);
  builder_clear (&b);

  if (errors != NULL)
    *errors = sc.errors;

  return out;
}

/**
 * http_auth_challenge_parse:
 * @field_value: one field value
 * @errors: (out) (optional) (element-type HttpAuthParseError) (transfer container):
 *   where to store the malformed challenges that were skipped
 *
 * Parses one field value; see [func@HttpAuth.Challenge.parse_list].
 *
 * Returns: (transfer container) (element-type HttpAuthChallenge): the challenges
 */
GPtrArray *
http_auth_challenge_parse (const char  *field_value,
                           GPtrArray  **errors)
{
  const char *values[2] = { field_value, NULL };

  g_return_val_if_fail (field_value != NULL, NULL);

  return http_auth_challenge_parse_list (values, errors);
}

/*
 * _http_auth_parse_auth_param_list:
 *
 * Parses a bare `#auth-param` list, as in `Authentication-Info` (RFC 9110
 * §11.6.3). Unlike challenge parsing this is strict: any malformed element
 * or repeated name fails the whole field.
 */
HttpAuthChallenge *
_http_auth_parse_auth_param_list (const char  *value,
                                  GError     **error)
{
  Builder b;
  Scanner sc = { 0 };
  g_autoptr(GPtrArray) built = NULL;
  gboolean has_duplicates;

  builder_init (&b);
  sc.builder = &b;
  sc.len = strlen (value);
  sc.s = unfold (&b, value, sc.len);
  builder_open_challenge (&b, 0, "", 0);

  for (;;)
    {
      gboolean in_quotes = FALSE;

      skip_ows (&sc);
      if (at_end (&sc))
        break;
      if (peek (&sc) == ',')
        {
          sc.pos++;
          continue;
        }
      if (!element_is_auth_param (&sc))
        {
          scanner_error (&sc, sc.pos, "expected an auth-param");
          break;
        }
      if (!scan_auth_param (&sc, TRUE, &in_quotes))
        break;
    }

  has_duplicates = b.challenges[0].has_duplicates;
  builder_finish_challenge (&b);

  if (sc.n_errors > 0)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                   "Malformed parameter list at offset %" G_GSIZE_FORMAT ": %s",
                   sc.first_error_offset, sc.first_error_message);
      builder_clear (&b);
      return NULL;
    }

  if (has_duplicates)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                           "A parameter name occurs twice");
      builder_clear (&b);
      return NULL;
    }

  built = builder_build (&b);
  builder_clear (&b);

  return http_auth_challenge_ref (g_ptr_array_index (built, 0));
}

/**
 * http_auth_challenge_ref:
 * @self: a #HttpAuthChallenge
 *
 * Takes a reference on the challenge.
 *
 * Returns: (transfer full): @self
 */
HttpAuthChallenge *
http_auth_challenge_ref (HttpAuthChallenge *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * http_auth_challenge_unref:
 * @self: (transfer full): a #HttpAuthChallenge
 *
 * Releases a reference on @self.
 */
void
http_auth_challenge_unref (HttpAuthChallenge *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->owns_strings)
    {
      g_free ((char *) self->scheme);
      g_free ((char *) self->token68);
      for (guint i = 0; i < 2 * self->n_params; i++)
        g_free ((char *) self->params[i]);
      g_free (self->params);
    }

  /* The block goes with the last challenge it holds. */
  if (g_atomic_int_dec_and_test (self->block))
    g_free (self->block);
}

/**
 * http_auth_challenge_get_scheme:
 * @self: a #HttpAuthChallenge
 *
 * Gets the auth-scheme that opens the challenge.
 *
 * Returns: the auth-scheme, lowercased (for example `"digest"`)
 */
const char *
http_auth_challenge_get_scheme (HttpAuthChallenge *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scheme;
}

/**
 * http_auth_challenge_get_token68:
 * @self: a #HttpAuthChallenge
 *
 * Gets the token68 form of the challenge, if it has one.
 *
 * Returns: (nullable): the token68, or %NULL when the challenge has
 *   auth-params or nothing after the scheme
 */
const char *
http_auth_challenge_get_token68 (HttpAuthChallenge *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->token68;
}

/**
 * http_auth_challenge_get_n_params:
 * @self: a #HttpAuthChallenge
 *
 * Counts the auth-params of the challenge.
 *
 * Returns: the number of auth-params, duplicates included
 */
guint
http_auth_challenge_get_n_params (HttpAuthChallenge *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_params;
}

/**
 * http_auth_challenge_get_param_name:
 * @self: a #HttpAuthChallenge
 * @index_: a position, less than [method@HttpAuth.Challenge.get_n_params]
 *
 * Gets the name of one auth-param.
 *
 * Returns: the lowercased name of the auth-param at @index_
 */
const char *
http_auth_challenge_get_param_name (HttpAuthChallenge *self,
                                    guint              index_)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index_ < self->n_params, NULL);

  return self->params[2 * index_];
}

/**
 * http_auth_challenge_get_param_value:
 * @self: a #HttpAuthChallenge
 * @index_: a position, less than [method@HttpAuth.Challenge.get_n_params]
 *
 * Gets the value of one auth-param.
 *
 * Returns: the unescaped value of the auth-param at @index_, as the bytes
 *   received (not necessarily UTF-8)
 */
const char *
http_auth_challenge_get_param_value (HttpAuthChallenge *self,
                                     guint              index_)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index_ < self->n_params, NULL);

  return self->params[2 * index_ + 1];
}

/**
 * http_auth_challenge_lookup_param:
 * @self: a #HttpAuthChallenge
 * @name: a parameter name, matched case-insensitively
 *
 * Finds an auth-param by name.
 *
 * Returns: (nullable): the value of the first auth-param called @name
 */
const char *
http_auth_challenge_lookup_param (HttpAuthChallenge *self,
                                  const char        *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->n_params; i++)
    if (g_ascii_strcasecmp (self->params[2 * i], name) == 0)
      return self->params[2 * i + 1];

  return NULL;
}

/**
 * http_auth_challenge_has_duplicate_params:
 * @self: a #HttpAuthChallenge
 *
 * A parameter name may occur only once per challenge (RFC 9110 §11.2); a
 * challenge that repeats one is a sender error and no scheme uses it.
 *
 * Returns: %TRUE if a parameter name occurs more than once
 */
gboolean
http_auth_challenge_has_duplicate_params (HttpAuthChallenge *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_duplicates;
}

/**
 * http_auth_challenge_get_offset:
 * @self: a #HttpAuthChallenge
 *
 * Gets where the challenge starts in the field value it was parsed from.
 *
 * Returns: the byte offset of the challenge's scheme in the combined
 *   field value
 */
gsize
http_auth_challenge_get_offset (HttpAuthChallenge *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->offset;
}
