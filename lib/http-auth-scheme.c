/* http-auth-scheme.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-scheme"

#include "config.h"

#include "http-auth-credstore-enums.h"
#include "http-auth-scheme.h"

#include <string.h>

/**
 * HttpAuthScheme:
 *
 * The base class of HTTP authentication schemes.
 *
 * A scheme object is made from the challenge that a server (or proxy) sent
 * and keeps the state of that protection space: the realm, and for Digest
 * the nonce, its counter and the algorithm. It computes the authorization
 * field for each request from a [struct@HttpAuth.Credential] passed in by
 * the caller, so the password lives only in the credential.
 *
 * Subclasses written in C set `HttpAuthSchemeClass.scheme_name` in
 * class_init, implement the virtual functions and register the class with
 * [method@HttpAuth.SchemeRegistry.register] so that the engine can choose
 * it. Subclasses written in a language that cannot reach the class
 * structure (Python, JavaScript) leave the field unset and register with
 * [method@HttpAuth.SchemeRegistry.register_for_name]; each instance then
 * takes its name from [property@HttpAuth.Scheme:scheme-name], or from the
 * challenge it is made for. Schemes know nothing of libsoup: the request
 * is described by its method, its request-target and its body.
 */

typedef struct
{
  /* Both set once at construction; main thread. */
  HttpAuthChallenge *challenge;
  HttpAuthTarget     target;
  char              *realm;
  /* Lowercased; from the construct property, the class or the challenge. */
  char              *scheme_name;
} HttpAuthSchemePrivate;

static void http_auth_scheme_initable_iface_init (GInitableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (HttpAuthScheme, http_auth_scheme, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (HttpAuthScheme)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                         http_auth_scheme_initable_iface_init))

enum {
  PROP_0,
  PROP_CHALLENGE,
  PROP_REALM,
  PROP_SCHEME_NAME,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
http_auth_scheme_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  HttpAuthScheme *self = HTTP_AUTH_SCHEME (initable);
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);
  HttpAuthSchemeClass *klass = HTTP_AUTH_SCHEME_GET_CLASS (self);
  const char *name;

  if (priv->challenge == NULL)
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "No challenge was given");
      return FALSE;
    }

  /* A name given at construction wins over the class's. A class with no
   * name at all (a binding's subclass, registered by name) answers the
   * scheme of the challenge the registry chose it for. */
  if (priv->scheme_name != NULL)
    name = priv->scheme_name;
  else if (klass->scheme_name != NULL)
    name = klass->scheme_name;
  else
    name = http_auth_challenge_get_scheme (priv->challenge);

  if (name == NULL || *name == '\0' ||
      g_ascii_strcasecmp (name, http_auth_challenge_get_scheme (priv->challenge)) != 0)
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_UNSUPPORTED_SCHEME,
                   "A %s scheme cannot answer a “%s” challenge",
                   G_OBJECT_TYPE_NAME (self), http_auth_challenge_get_scheme (priv->challenge));
      return FALSE;
    }

  /* RFC 9110 §11.2: each parameter name occurs at most once. A challenge
   * that repeats one is a sender error; guessing which value counts could
   * let an intermediary pick, so no scheme uses it. */
  if (http_auth_challenge_has_duplicate_params (priv->challenge))
    {
      g_set_error (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                   "The %s challenge repeats a parameter", name);
      return FALSE;
    }

  if (priv->scheme_name == NULL)
    priv->scheme_name = g_ascii_strdown (name, -1);

  priv->realm = g_strdup (http_auth_challenge_lookup_param (priv->challenge, "realm"));

  if (klass->init_challenge != NULL)
    return klass->init_challenge (self, priv->challenge, error);

  return TRUE;
}

static void
http_auth_scheme_initable_iface_init (GInitableIface *iface)
{
  iface->init = http_auth_scheme_initable_init;
}

static guint
http_auth_scheme_real_get_strength (HttpAuthScheme *self)
{
  return 1;
}

static gboolean
http_auth_scheme_real_check_authentication_info (HttpAuthScheme      *self,
                                                 HttpAuthCredential  *credential,
                                                 const char          *sent_authorization,
                                                 const char          *authentication_info,
                                                 GBytes              *response_body,
                                                 GError             **error)
{
  return TRUE;
}

static gboolean
http_auth_scheme_real_update (HttpAuthScheme     *self,
                              HttpAuthChallenge  *challenge,
                              gboolean           *stale,
                              GError            **error)
{
  *stale = FALSE;
  return TRUE;
}

static char **
http_auth_scheme_real_dup_path_prefixes (HttpAuthScheme *self,
                                            GUri           *request_uri)
{
  /* RFC 7617 §2.2: every path at or below the directory of the request. */
  const char *path = g_uri_get_path (request_uri);
  const char *slash = strrchr (path, '/');
  char **space = g_new0 (char *, 2);

  if (slash == NULL)
    space[0] = g_strdup ("/");
  else
    space[0] = g_strndup (path, slash - path + 1);

  return space;
}

static void
http_auth_scheme_finalize (GObject *object)
{
  HttpAuthScheme *self = HTTP_AUTH_SCHEME (object);
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);

  g_clear_pointer (&priv->challenge, http_auth_challenge_unref);
  g_clear_pointer (&priv->realm, g_free);
  g_clear_pointer (&priv->scheme_name, g_free);

  G_OBJECT_CLASS (http_auth_scheme_parent_class)->finalize (object);
}

static void
http_auth_scheme_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HttpAuthScheme *self = HTTP_AUTH_SCHEME (object);
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CHALLENGE:
      g_value_set_boxed (value, priv->challenge);
      break;

    case PROP_REALM:
      g_value_set_string (value, priv->realm);
      break;

    case PROP_SCHEME_NAME:
      g_value_set_string (value, http_auth_scheme_get_scheme_name (self));
      break;

    case PROP_TARGET:
      g_value_set_enum (value, priv->target);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_scheme_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HttpAuthScheme *self = HTTP_AUTH_SCHEME (object);
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CHALLENGE:
      priv->challenge = g_value_dup_boxed (value);
      break;

    case PROP_SCHEME_NAME:
      g_assert (priv->scheme_name == NULL);
      if (g_value_get_string (value) != NULL)
        priv->scheme_name = g_ascii_strdown (g_value_get_string (value), -1);
      break;

    case PROP_TARGET:
      priv->target = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
http_auth_scheme_class_init (HttpAuthSchemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = http_auth_scheme_finalize;
  object_class->get_property = http_auth_scheme_get_property;
  object_class->set_property = http_auth_scheme_set_property;

  klass->get_strength = http_auth_scheme_real_get_strength;
  klass->update = http_auth_scheme_real_update;
  klass->dup_path_prefixes = http_auth_scheme_real_dup_path_prefixes;
  klass->check_authentication_info = http_auth_scheme_real_check_authentication_info;

  /**
   * HttpAuthScheme:challenge:
   *
   * The challenge the scheme was made from.
   */
  properties[PROP_CHALLENGE] =
    g_param_spec_boxed ("challenge", NULL, NULL,
                        HTTP_AUTH_TYPE_CHALLENGE,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthScheme:realm:
   *
   * The realm of the challenge, as sent (untrusted text), or %NULL.
   */
  properties[PROP_REALM] =
    g_param_spec_string ("realm", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthScheme:scheme-name:
   *
   * The lowercased auth-scheme name, such as `"digest"`.
   *
   * A C subclass names its scheme once, in
   * `HttpAuthSchemeClass.scheme_name`; this property lets a
   * subclass that cannot reach its class structure (one written in Python
   * or JavaScript) name it at construction instead. When neither names it,
   * the scheme takes the name of its challenge.
   */
  properties[PROP_SCHEME_NAME] =
    g_param_spec_string ("scheme-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * HttpAuthScheme:target:
   *
   * Whether the challenge came from the origin server or a proxy.
   */
  properties[PROP_TARGET] =
    g_param_spec_enum ("target", NULL, NULL,
                       HTTP_AUTH_TYPE_TARGET,
                       HTTP_AUTH_TARGET_SERVER,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
http_auth_scheme_init (HttpAuthScheme *self)
{
}

/**
 * http_auth_scheme_new_for_challenge:
 * @scheme_type: a subtype of #HttpAuthScheme
 * @challenge: the challenge to answer
 * @target: who sent the challenge
 * @error: return location for a #GError
 *
 * Creates a scheme object for @challenge. This fails when the challenge is
 * not usable by @scheme_type: wrong scheme name, a repeated parameter, or
 * parameters the scheme cannot honour.
 *
 * Returns: (transfer full) (nullable): a new scheme, or %NULL
 */
HttpAuthScheme *
http_auth_scheme_new_for_challenge (GType               scheme_type,
                                    HttpAuthChallenge  *challenge,
                                    HttpAuthTarget      target,
                                    GError            **error)
{
  g_return_val_if_fail (g_type_is_a (scheme_type, HTTP_AUTH_TYPE_SCHEME), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (scheme_type), NULL);
  g_return_val_if_fail (challenge != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (scheme_type, NULL, error,
                         "challenge", challenge,
                         "target", target,
                         NULL);
}

/**
 * http_auth_scheme_get_scheme_name:
 * @self: a #HttpAuthScheme
 *
 * Gets the auth-scheme name: the one given at construction, else the
 * class's `HttpAuthSchemeClass.scheme_name`, else the challenge's.
 *
 * Returns: (nullable): the lowercased auth-scheme name (%NULL only before
 *   the scheme is initialized)
 */
const char *
http_auth_scheme_get_scheme_name (HttpAuthScheme *self)
{
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), NULL);

  if (priv->scheme_name != NULL)
    return priv->scheme_name;

  return HTTP_AUTH_SCHEME_GET_CLASS (self)->scheme_name;
}

/**
 * http_auth_scheme_get_target:
 * @self: a #HttpAuthScheme
 *
 * Tells whether the scheme answers a server or a proxy.
 *
 * Returns: whether the scheme answers a server or a proxy
 */
HttpAuthTarget
http_auth_scheme_get_target (HttpAuthScheme *self)
{
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), HTTP_AUTH_TARGET_SERVER);

  return priv->target;
}

/**
 * http_auth_scheme_get_realm:
 * @self: a #HttpAuthScheme
 *
 * Gets the realm. It is text chosen by the server: show it quoted and never
 * as if it named the site.
 *
 * Returns: (nullable): the realm, or %NULL if the challenge had none
 */
const char *
http_auth_scheme_get_realm (HttpAuthScheme *self)
{
  HttpAuthSchemePrivate *priv = http_auth_scheme_get_instance_private (self);

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), NULL);

  return priv->realm;
}

/**
 * http_auth_scheme_get_strength:
 * @self: a #HttpAuthScheme
 *
 * Gets the strength used to choose among challenges: Basic 10, Digest
 * MD5 20, SHA-256 30, SHA-512-256 40.
 *
 * Returns: the strength, higher is stronger
 */
guint
http_auth_scheme_get_strength (HttpAuthScheme *self)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), 0);

  return HTTP_AUTH_SCHEME_GET_CLASS (self)->get_strength (self);
}

/**
 * http_auth_scheme_update:
 * @self: a #HttpAuthScheme
 * @challenge: a new challenge for the same protection space
 * @stale: (out): set to %TRUE when the credentials last sent should be
 *   retried as they are (Digest `stale=true`), %FALSE when they were refused
 * @error: return location for a #GError
 *
 * Reads the challenge of a 401 (or 407) that answered a request which
 * carried credentials from @self.
 *
 * Returns: %FALSE if @challenge cannot be used
 */
gboolean
http_auth_scheme_update (HttpAuthScheme     *self,
                         HttpAuthChallenge  *challenge,
                         gboolean           *stale,
                         GError            **error)
{
  gboolean dummy;

  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), FALSE);
  g_return_val_if_fail (challenge != NULL, FALSE);

  if (stale == NULL)
    stale = &dummy;
  *stale = FALSE;

  if (http_auth_challenge_has_duplicate_params (challenge))
    {
      g_set_error_literal (error, HTTP_AUTH_ERROR, HTTP_AUTH_ERROR_INVALID_CHALLENGE,
                           "The challenge repeats a parameter");
      return FALSE;
    }

  return HTTP_AUTH_SCHEME_GET_CLASS (self)->update (self, challenge, stale, error);
}

/**
 * http_auth_scheme_dup_path_prefixes:
 * @self: a #HttpAuthScheme
 * @request_uri: the URI of the request that was challenged
 *
 * Gets the path prefixes, on the origin of @request_uri, that the
 * credentials apply to: the directory of @request_uri for Basic
 * (RFC 7617 §2.2), the `domain` list for Digest (RFC 7616 §3.3).
 *
 * Returns: (transfer full) (array zero-terminated=1): the path prefixes
 */
char **
http_auth_scheme_dup_path_prefixes (HttpAuthScheme *self,
                                       GUri           *request_uri)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), NULL);
  g_return_val_if_fail (request_uri != NULL, NULL);

  return HTTP_AUTH_SCHEME_GET_CLASS (self)->dup_path_prefixes (self, request_uri);
}

/**
 * http_auth_scheme_dup_authorization:
 * @self: a #HttpAuthScheme
 * @credential: the user name and password to present
 * @method: the request method, such as `"GET"`
 * @request_target: the request-target as sent on the request line
 *   (origin-form such as `/dir/x?y`, or authority-form for `CONNECT`)
 * @body: (nullable): the request body, for schemes that protect it
 *   (Digest `qop=auth-int`)
 * @error: return location for a #GError
 *
 * Computes the value of the `Authorization` (or `Proxy-Authorization`)
 * field for one request. For Digest this uses the next nonce count.
 *
 * Returns: (transfer full) (nullable): the field value, or %NULL if the
 *   credentials cannot be encoded
 */
char *
http_auth_scheme_dup_authorization (HttpAuthScheme      *self,
                                    HttpAuthCredential  *credential,
                                    const char          *method,
                                    const char          *request_target,
                                    GBytes              *body,
                                    GError             **error)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), NULL);
  g_return_val_if_fail (credential != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (request_target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return HTTP_AUTH_SCHEME_GET_CLASS (self)->dup_authorization (self, credential, method,
                                                               request_target, body, error);
}

/**
 * http_auth_scheme_check_authentication_info:
 * @self: a #HttpAuthScheme
 * @credential: the credential that was sent
 * @sent_authorization: the authorization field value the request carried
 * @authentication_info: the `Authentication-Info` field value of the
 *   response
 * @response_body: (nullable): the response body, for Digest `auth-int`
 * @error: return location for a #GError
 *
 * Checks the server's `Authentication-Info` (RFC 9110 §11.6.3). For Digest
 * this verifies `rspauth`, proving that the server knows the password, and
 * takes `nextnonce` for later requests.
 *
 * Returns: %FALSE with %HTTP_AUTH_ERROR_MUTUAL_AUTH_FAILED or
 *   %HTTP_AUTH_ERROR_INVALID_AUTHENTICATION_INFO when the response must not
 *   be trusted
 */
gboolean
http_auth_scheme_check_authentication_info (HttpAuthScheme      *self,
                                            HttpAuthCredential  *credential,
                                            const char          *sent_authorization,
                                            const char          *authentication_info,
                                            GBytes              *response_body,
                                            GError             **error)
{
  g_return_val_if_fail (HTTP_AUTH_IS_SCHEME (self), FALSE);
  g_return_val_if_fail (credential != NULL, FALSE);
  g_return_val_if_fail (sent_authorization != NULL, FALSE);
  g_return_val_if_fail (authentication_info != NULL, FALSE);

  return HTTP_AUTH_SCHEME_GET_CLASS (self)->check_authentication_info (self, credential,
                                                                       sent_authorization,
                                                                       authentication_info,
                                                                       response_body, error);
}
