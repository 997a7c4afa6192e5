/* http-auth-parse-error.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-parse-error"

#include "config.h"

#include "http-auth-challenge-private.h"
#include "http-auth-parse-error.h"

/**
 * HttpAuthParseError:
 *
 * A malformed challenge that [func@HttpAuth.Challenge.parse_list] skipped:
 * where it was and what was wrong.
 */

struct _HttpAuthParseError
{
  gsize  offset;
  char  *message;
};

G_DEFINE_BOXED_TYPE (HttpAuthParseError, http_auth_parse_error, http_auth_parse_error_copy, http_auth_parse_error_free)

HttpAuthParseError *
_http_auth_parse_error_new (gsize       offset,
                            const char *message)
{
  HttpAuthParseError *self = g_new0 (HttpAuthParseError, 1);

  self->offset = offset;
  self->message = g_strdup (message);
  return self;
}

/**
 * http_auth_parse_error_copy:
 * @self: a #HttpAuthParseError
 *
 * Copies the parse error.
 *
 * Returns: (transfer full): a copy of @self
 */
HttpAuthParseError *
http_auth_parse_error_copy (const HttpAuthParseError *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return _http_auth_parse_error_new (self->offset, self->message);
}

/**
 * http_auth_parse_error_free:
 * @self: (transfer full): a #HttpAuthParseError
 *
 * Frees @self.
 */
void
http_auth_parse_error_free (HttpAuthParseError *self)
{
  if (self == NULL)
    return;

  g_free (self->message);
  g_free (self);
}

/**
 * http_auth_parse_error_get_offset:
 * @self: a #HttpAuthParseError
 *
 * Gets where the problem was found.
 *
 * Returns: the byte offset of the problem in the combined field value (the
 *   field values joined with `", "`, as RFC 9110 §5.3 combines field lines)
 */
gsize
http_auth_parse_error_get_offset (const HttpAuthParseError *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offset;
}

/**
 * http_auth_parse_error_get_message:
 * @self: a #HttpAuthParseError
 *
 * Gets the description of the problem.
 *
 * Returns: a human-readable description of the problem, in English
 */
const char *
http_auth_parse_error_get_message (const HttpAuthParseError *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->message;
}
