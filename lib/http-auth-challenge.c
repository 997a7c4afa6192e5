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

struct _HttpAuthChallenge
{
  gatomicrefcount  ref_count;
  char            *scheme;
  char            *token68;
  /* Parallel arrays of owned strings, in the order they were received. */
  GPtrArray       *names;
  GPtrArray       *values;
  gsize            offset;
  guint            has_duplicates : 1;
};

G_DEFINE_BOXED_TYPE (HttpAuthChallenge, http_auth_challenge,
                     http_auth_challenge_ref, http_auth_challenge_unref)

HttpAuthChallenge *
_http_auth_challenge_new (const char *scheme,
                          const char *token68)
{
  HttpAuthChallenge *self;

  self = g_new0 (HttpAuthChallenge, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->scheme = g_ascii_strdown (scheme, -1);
  self->token68 = g_strdup (token68);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);

  return self;
}

static void
challenge_take_param (HttpAuthChallenge *self,
                      char              *name,
                      char              *value)
{
  g_ptr_array_add (self->names, name);
  g_ptr_array_add (self->values, value);
}

void
_http_auth_challenge_add_param (HttpAuthChallenge *self,
                                const char        *name,
                                const char        *value)
{
  challenge_take_param (self, g_ascii_strdown (name, -1), g_strdup (value));
}

/* Character classes of RFC 9110 §5.6.2 and §11.2. */
static inline gboolean
is_tchar (guchar c)
{
  if (g_ascii_isalnum (c))
    return TRUE;
  return c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL;
}

static inline gboolean
is_token68_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' ||
         c == '~' || c == '+' || c == '/';
}

static inline gboolean
is_ows (guchar c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_qdtext (guchar c)
{
  return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) ||
         (c >= 0x5D && c <= 0x7E) || c >= 0x80;
}

static inline gboolean
is_quoted_pair_char (guchar c)
{
  return c == '\t' || c == ' ' || (c >= 0x21 && c <= 0x7E) || c >= 0x80;
}

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

typedef struct
{
  const char *s;
  gsize       len;
  gsize       pos;
  /* Offset of s[0] in the combined field value, for error reports. */
  gsize       base;
  GPtrArray  *errors;
} Scanner;

static void
scanner_error (Scanner    *sc,
               gsize       pos,
               const char *message)
{
  HttpAuthParseError *err;

  if (sc->errors == NULL)
    return;

  err = _http_auth_parse_error_new (sc->base + pos, message);
  g_ptr_array_add (sc->errors, err);
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

static void
skip_ows (Scanner *sc)
{
  while (sc->pos < sc->len && is_ows (sc->s[sc->pos]))
    sc->pos++;
}

static gsize
scan_token (Scanner *sc)
{
  gsize start = sc->pos;

  while (sc->pos < sc->len && is_tchar (sc->s[sc->pos]))
    sc->pos++;

  return sc->pos - start;
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
      else if (c == '"')
        in_quotes = TRUE;
      else if (c == ',')
        return;

      sc->pos++;
    }
}

/*
 * Parses a quoted-string at sc->pos (which is on the opening DQUOTE) and
 * returns its unescaped value, or %NULL after reporting an error. On error
 * *in_quotes tells whether the scanner stopped inside the string.
 */
static char *
scan_quoted_string (Scanner  *sc,
                    gboolean *in_quotes)
{
  GString *value = g_string_new (NULL);
  gsize open_quote = sc->pos;

  g_assert (peek (sc) == '"');
  sc->pos++;

  while (sc->pos < sc->len)
    {
      guchar c = sc->s[sc->pos];

      if (c == '"')
        {
          sc->pos++;
          return g_string_free (value, FALSE);
        }
      else if (c == '\\')
        {
          if (sc->pos + 1 >= sc->len)
            break;
          if (!is_quoted_pair_char (sc->s[sc->pos + 1]))
            {
              scanner_error (sc, sc->pos + 1, "invalid character after backslash in quoted-string");
              *in_quotes = TRUE;
              g_string_free (value, TRUE);
              return NULL;
            }
          g_string_append_c (value, sc->s[sc->pos + 1]);
          sc->pos += 2;
        }
      else if (is_qdtext (c))
        {
          /* Copy a whole run of plain text at once. */
          gsize start = sc->pos;

          while (sc->pos < sc->len && sc->s[sc->pos] != '"' && sc->s[sc->pos] != '\\' &&
                 is_qdtext (sc->s[sc->pos]))
            sc->pos++;
          g_string_append_len (value, sc->s + start, sc->pos - start);
        }
      else
        {
          scanner_error (sc, sc->pos, "control character in quoted-string");
          *in_quotes = TRUE;
          g_string_free (value, TRUE);
          return NULL;
        }
    }

  scanner_error (sc, open_quote, "unterminated quoted-string");
  *in_quotes = TRUE;
  g_string_free (value, TRUE);
  return NULL;
}

/*
 * Parses `token BWS "=" BWS ( token / quoted-string )` at sc->pos, where
 * the name token has already been checked to be followed by "=". Adds it
 * to @challenge (or, with challenge == NULL, discards it). Returns FALSE
 * after reporting an error.
 */
static gboolean
scan_auth_param (Scanner           *sc,
                 HttpAuthChallenge *challenge,
                 GHashTable        *seen,
                 gboolean          *in_quotes)
{
  gsize name_start = sc->pos;
  gsize name_len = scan_token (sc);
  char *name;
  char *value;

  g_assert (name_len > 0);

  skip_ows (sc);
  g_assert (peek (sc) == '=');
  sc->pos++;
  skip_ows (sc);

  if (peek (sc) == '"')
    {
      value = scan_quoted_string (sc, in_quotes);
      if (value == NULL)
        return FALSE;
    }
  else
    {
      gsize value_start = sc->pos;
      gsize value_len = scan_token (sc);

      if (value_len == 0)
        {
          scanner_error (sc, sc->pos, "expected a token or quoted-string after \"=\"");
          return FALSE;
        }
      value = g_strndup (sc->s + value_start, value_len);
    }

  /* After the value only OWS and then a comma or the end may follow. */
  skip_ows (sc);
  if (!at_end (sc) && peek (sc) != ',')
    {
      scanner_error (sc, sc->pos, "expected \",\" after auth-param");
      g_free (value);
      return FALSE;
    }

  name = g_ascii_strdown (sc->s + name_start, name_len);

  if (challenge == NULL)
    {
      g_free (name);
      g_free (value);
      return TRUE;
    }

  if (!g_hash_table_add (seen, g_strdup (name)))
    challenge->has_duplicates = TRUE;

  challenge_take_param (challenge, name, value);

  return TRUE;
}

/*
 * Skips an auth-param that belongs to no usable challenge. The element was
 * already reported (or belongs to a reported challenge), so problems
 * inside it are not reported again.
 */
static void
discard_auth_param (Scanner    *sc,
                    GHashTable *seen)
{
  GPtrArray *errors = sc->errors;
  gboolean in_quotes = FALSE;

  sc->errors = NULL;
  if (!scan_auth_param (sc, NULL, seen, &in_quotes))
    skip_to_comma (sc, in_quotes);
  sc->errors = errors;
}

/* Is the list element at sc->pos of the form `token BWS "="`? */
static gboolean
element_is_auth_param (Scanner *sc)
{
  gsize p = sc->pos;

  while (p < sc->len && is_tchar (sc->s[p]))
    p++;
  if (p == sc->pos)
    return FALSE;
  while (p < sc->len && is_ows (sc->s[p]))
    p++;
  return p < sc->len && sc->s[p] == '=';
}

/*
 * If a token68 starts at sc->pos and forms the whole list element, consumes
 * it and returns it; otherwise leaves the scanner where it was.
 */
static char *
scan_token68 (Scanner *sc)
{
  gsize p = sc->pos;
  gsize end;

  while (p < sc->len && is_token68_char (sc->s[p]))
    p++;
  if (p == sc->pos)
    return NULL;
  while (p < sc->len && sc->s[p] == '=')
    p++;
  end = p;
  while (p < sc->len && is_ows (sc->s[p]))
    p++;
  if (p < sc->len && sc->s[p] != ',')
    return NULL;

  {
    char *token68 = g_strndup (sc->s + sc->pos, end - sc->pos);
    sc->pos = p;
    return token68;
  }
}

typedef enum {
  STATE_NONE,     /* no challenge open: an auth-param here is an error */
  STATE_PARAMS,   /* the open challenge accepts further auth-params */
  STATE_TOKEN68,  /* the open challenge has a token68: no auth-param may follow */
  STATE_BROKEN,   /* the open challenge was malformed: skip its auth-params */
} ParseState;

static void
finish_challenge (HttpAuthChallenge **current,
                  GHashTable         *seen,
                  GPtrArray          *out)
{
  if (*current != NULL)
    g_ptr_array_add (out, g_steal_pointer (current));
  g_hash_table_remove_all (seen);
}

static void
abandon_challenge (HttpAuthChallenge **current,
                   GHashTable         *seen)
{
  g_clear_pointer (current, http_auth_challenge_unref);
  g_hash_table_remove_all (seen);
}

static void
parse_field (Scanner   *sc,
             GPtrArray *out)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  HttpAuthChallenge *current = NULL;
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
          abandon_challenge (&current, seen);
          state = STATE_BROKEN;
          skip_to_comma (sc, FALSE);
          continue;
        }

      if (element_is_auth_param (sc))
        {
          switch (state)
            {
            case STATE_PARAMS:
              if (!scan_auth_param (sc, current, seen, &in_quotes))
                {
                  abandon_challenge (&current, seen);
                  state = STATE_BROKEN;
                  skip_to_comma (sc, in_quotes);
                }
              break;

            case STATE_BROKEN:
              discard_auth_param (sc, seen);
              break;

            case STATE_TOKEN68:
              scanner_error (sc, element_start, "auth-param after a token68");
              abandon_challenge (&current, seen);
              state = STATE_BROKEN;
              discard_auth_param (sc, seen);
              break;

            case STATE_NONE:
            default:
              scanner_error (sc, element_start, "auth-param without an auth-scheme");
              state = STATE_BROKEN;
              discard_auth_param (sc, seen);
              break;
            }
          continue;
        }

      /* A new challenge: `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`. */
      finish_challenge (&current, seen, out);
      scheme_len = scan_token (sc);
      g_assert (scheme_len > 0);

      {
        g_autofree char *scheme = g_strndup (sc->s + element_start, scheme_len);
        current = _http_auth_challenge_new (scheme, NULL);
        current->offset = sc->base + element_start;
      }
      state = STATE_PARAMS;

      if (at_end (sc) || peek (sc) == ',')
        continue;

      if (!is_ows (peek (sc)))
        {
          scanner_error (sc, sc->pos, "expected a space after the auth-scheme");
          abandon_challenge (&current, seen);
          state = STATE_BROKEN;
          skip_to_comma (sc, FALSE);
          continue;
        }

      skip_ows (sc);
      if (at_end (sc) || peek (sc) == ',')
        continue;

      if (!element_is_auth_param (sc))
        {
          char *token68 = scan_token68 (sc);

          if (token68 != NULL)
            {
              current->token68 = token68;
              state = STATE_TOKEN68;
              continue;
            }

          scanner_error (sc, sc->pos, "expected a token68 or auth-param after the auth-scheme");
          abandon_challenge (&current, seen);
          state = STATE_BROKEN;
          skip_to_comma (sc, FALSE);
          continue;
        }

      /* `realm=` followed by a comma is a token68 with padding, not an
       * auth-param without value: the grammar has no empty token. */
      {
        gsize save = sc->pos;
        char *token68 = scan_token68 (sc);

        if (token68 != NULL)
          {
            current->token68 = token68;
            state = STATE_TOKEN68;
            continue;
          }
        sc->pos = save;
      }

      if (!scan_auth_param (sc, current, seen, &in_quotes))
        {
          abandon_challenge (&current, seen);
          state = STATE_BROKEN;
          skip_to_comma (sc, in_quotes);
        }
    }

  finish_challenge (&current, seen, out);
}

/*
 * Replaces obs-fold (CRLF followed by SP or HTAB) by spaces, one for each
 * of CR and LF, so that offsets into the copy are offsets into @value.
 * A CR or LF that is not part of an obs-fold is left alone: the scanner
 * reports it as an invalid character.
 */
static char *
unfold (const char *value,
        gsize       len)
{
  char *copy = g_strndup (value, len);

  for (gsize i = 0; i + 2 < len; i++)
    {
      if (copy[i] == '\r' && copy[i + 1] == '\n' && is_ows (copy[i + 2]))
        {
          copy[i] = ' ';
          copy[i + 1] = ' ';
        }
    }

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
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) errs = NULL;
  gsize base = 0;

  g_return_val_if_fail (field_values != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_challenge_unref);
  errs = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_parse_error_free);

  for (guint i = 0; field_values[i] != NULL; i++)
    {
      gsize len = strlen (field_values[i]);
      g_autofree char *unfolded = unfold (field_values[i], len);
      Scanner sc = { unfolded, len, 0, base, errs };

      parse_field (&sc, out);
      base += len + 2;
    }

  if (errors != NULL)
    *errors = g_steal_pointer (&errs);

  return g_steal_pointer (&out);
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
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) errs = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_parse_error_free);
  g_autoptr(HttpAuthChallenge) params = _http_auth_challenge_new ("", NULL);
  gsize len = strlen (value);
  g_autofree char *unfolded = unfold (value, len);
  Scanner sc = { unfolded, len, 0, 0, errs };

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
      if (!scan_auth_param (&sc, params, seen, &in_quotes))
        break;
    }

  if (errs->len > 0)
    {
      HttpAuthParseError *first = g_ptr_array_index (errs, 0);

      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                   "Malformed parameter list at offset %" G_GSIZE_FORMAT ": %s",
                   http_auth_parse_error_get_offset (first), http_auth_parse_error_get_message (first));
      return NULL;
    }

  if (params->has_duplicates)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO,
                           "A parameter name occurs twice");
      return NULL;
    }

  return g_steal_pointer (&params);
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

  g_free (self->scheme);
  g_free (self->token68);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->values);
  g_free (self);
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

  return self->names->len;
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
  g_return_val_if_fail (index_ < self->names->len, NULL);

  return g_ptr_array_index (self->names, index_);
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
  g_return_val_if_fail (index_ < self->values->len, NULL);

  return g_ptr_array_index (self->values, index_);
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

  for (guint i = 0; i < self->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->names, i), name) == 0)
      return g_ptr_array_index (self->values, i);

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

