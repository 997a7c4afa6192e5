/* http-auth-demo-server.c
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "http-auth-demo-server"

#include "config.h"

#include "http-auth-credential-private.h"
#include "http-auth-demo-server.h"
#include "http-auth-uri-private.h"

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <string.h>

typedef struct
{
  const char *prefix;
  const char *algorithms;   /* NULL: Basic */
  const char *qop;
  gboolean    userhash;
  gboolean    nextnonce;
  gboolean    bad_rspauth;
  const char *description;
} Area;

/* The protected areas. Digest areas share one realm and one set of users. */
static const Area areas[] = {
  { "/basic/", NULL, NULL, FALSE, FALSE, FALSE, "Basic" },
  { "/realm-a/", NULL, NULL, FALSE, FALSE, FALSE, "Basic, realm A" },
  { "/realm-b/", NULL, NULL, FALSE, FALSE, FALSE, "Basic, realm B" },
  { "/digest/md5/", "MD5", "auth", FALSE, FALSE, FALSE, "Digest MD5" },
  { "/digest/md5-sess/", "MD5-sess", "auth", FALSE, FALSE, FALSE, "Digest MD5-sess" },
  { "/digest/sha-256/", "SHA-256", "auth", FALSE, FALSE, FALSE, "Digest SHA-256" },
  { "/digest/sha-256-sess/", "SHA-256-sess", "auth", FALSE, FALSE, FALSE, "Digest SHA-256-sess" },
  { "/digest/sha-512-256/", "SHA-512-256", "auth", FALSE, FALSE, FALSE, "Digest SHA-512-256" },
  { "/digest/sha-512-256-sess/", "SHA-512-256-sess", "auth", FALSE, FALSE, FALSE, "Digest SHA-512-256-sess" },
  { "/digest/all/", "SHA-512-256|SHA-256|MD5", "auth", FALSE, FALSE, FALSE, "Digest, one challenge per algorithm" },
  { "/digest/auth-int/", "SHA-256", "auth-int", FALSE, FALSE, FALSE, "Digest SHA-256 with qop=auth-int" },
  { "/digest/userhash/", "SHA-512-256", "auth", TRUE, FALSE, FALSE, "Digest SHA-512-256 with userhash" },
  { "/digest/nextnonce/", "SHA-256", "auth", FALSE, TRUE, FALSE, "Digest SHA-256 sending nextnonce" },
  { "/digest/bad-rspauth/", "SHA-256", "auth", FALSE, FALSE, TRUE, "Digest SHA-256 with a wrong rspauth" },
  { "/digest/legacy/", "MD5", NULL, FALSE, FALSE, FALSE, "Digest MD5 without qop (RFC 2069)" },
  { "/digest/domain/", "SHA-256", "auth", FALSE, FALSE, FALSE, "Digest SHA-256 with domain=\"/digest/domain/ /shared/\"" },
};

#define BASIC_REALM  "HttpAuth Basic"
#define DIGEST_REALM "HttpAuth Digest"

struct _HttpAuthDemoServer
{
  char               *username;
  char               *password;
  /* prefix -> HttpAuthDigestVerifier */
  GHashTable         *verifiers;
  SoupServer         *server;
  GTlsCertificate    *certificate;
  guint               port;
  guint               other_port;

  HttpAuthDemoLogFunc log_func;
  gpointer            log_data;

  /* The Negotiate acceptor's credentials (the keytab's keys), or
   * GSS_C_NO_CREDENTIAL when /negotiate/ is off. Set before listening;
   * MIT GSS-API locks a credential itself, so the handler may use it from
   * the server's thread. */
  gss_cred_id_t       negotiate_cred;
  char               *negotiate_keytab;

  GMutex              mutex;
  GPtrArray          *exchanges;
  /* path -> Resource: bodies served once the area's login passed */
  GHashTable         *resources;

  /* For a server on its own thread. */
  GThread            *thread;
  GMainContext       *context;
  GMainLoop          *loop;
  GCond               cond;
  gboolean            ready;
  GError             *thread_error;
};

typedef struct
{
  char   *content_type;
  GBytes *body;
} Resource;

static void
resource_free (Resource *resource)
{
  g_free (resource->content_type);
  g_bytes_unref (resource->body);
  g_free (resource);
}

/* Serves @body at @path (inside a protected area, once its login passed). */
void
http_auth_demo_server_add_resource (HttpAuthDemoServer *self,
                                    const char         *path,
                                    const char         *content_type,
                                    GBytes             *body)
{
  Resource *resource = g_new0 (Resource, 1);

  resource->content_type = g_strdup (content_type);
  resource->body = g_bytes_ref (body);
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->resources, g_strdup (path), resource);
  g_mutex_unlock (&self->mutex);
}

void
http_auth_demo_exchange_free (HttpAuthDemoExchange *exchange)
{
  g_free (exchange->method);
  g_free (exchange->path);
  g_free (exchange->authorization);
  g_free (exchange->body_sha256);
  g_free (exchange->proxy_authorization);
  g_free (exchange);
}

HttpAuthDemoServer *
http_auth_demo_server_new (const char *username,
                           const char *password)
{
  HttpAuthDemoServer *self = g_new0 (HttpAuthDemoServer, 1);

  self->username = g_strdup (username);
  self->password = g_strdup (password);
  self->verifiers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) http_auth_digest_verifier_free);
  self->exchanges = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_demo_exchange_free);
  self->resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) resource_free);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      HttpAuthDigestVerifier *v;

      if (areas[i].algorithms == NULL)
        continue;

      v = http_auth_digest_verifier_new (DIGEST_REALM, areas[i].algorithms, areas[i].qop);
      http_auth_digest_verifier_add_user (v, username, password);
      http_auth_digest_verifier_set_userhash (v, areas[i].userhash);
      http_auth_digest_verifier_set_send_nextnonce (v, areas[i].nextnonce);
      http_auth_digest_verifier_set_corrupt_rspauth (v, areas[i].bad_rspauth);
      http_auth_digest_verifier_set_opaque (v, "HttpAuth-opaque-value");
      if (g_str_equal (areas[i].prefix, "/digest/domain/"))
        http_auth_digest_verifier_set_domain (v, "/digest/domain/ /shared/");
      g_hash_table_insert (self->verifiers, (gpointer) areas[i].prefix, v);
    }

  return self;
}

void
http_auth_demo_server_free (HttpAuthDemoServer *self)
{
  if (self == NULL)
    return;

  http_auth_demo_server_stop (self);
  if (self->negotiate_cred != GSS_C_NO_CREDENTIAL)
    {
      OM_uint32 minor;

      gss_release_cred (&minor, &self->negotiate_cred);
    }
  g_clear_pointer (&self->negotiate_keytab, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, _http_auth_secure_free);
  g_clear_object (&self->certificate);
  g_hash_table_unref (self->verifiers);
  g_ptr_array_unref (self->exchanges);
  g_hash_table_unref (self->resources);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
http_auth_demo_server_set_log_func (HttpAuthDemoServer  *self,
                                    HttpAuthDemoLogFunc  func,
                                    gpointer             user_data)
{
  self->log_func = func;
  self->log_data = user_data;
}

HttpAuthDigestVerifier *
http_auth_demo_server_get_verifier (HttpAuthDemoServer *self,
                                    const char         *prefix)
{
  return g_hash_table_lookup (self->verifiers, prefix);
}

typedef struct
{
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  const char        *authorization;
  guint              port;
  GBytes            *body;
  const char        *proxy_authorization;
} Incoming;

static void
record (HttpAuthDemoServer *self,
        Incoming           *in,
        guint               status,
        const char         *note)
{
  HttpAuthDemoExchange *exchange = g_new0 (HttpAuthDemoExchange, 1);

  exchange->method = g_strdup (in->method);
  exchange->path = g_strdup (in->path);
  exchange->authorization = g_strdup (in->authorization);
  exchange->proxy_authorization = g_strdup (in->proxy_authorization);
  exchange->status = status;
  exchange->port = in->port;
  exchange->body_size = g_bytes_get_size (in->body);
  exchange->body_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, in->body);

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->exchanges, exchange);
  g_mutex_unlock (&self->mutex);

  if (self->log_func != NULL)
    {
      g_autofree char *scheme = NULL;
      g_autofree char *line = NULL;

      /* Never log credentials: only the scheme of what was sent. */
      if (in->authorization != NULL)
        scheme = g_strndup (in->authorization, strcspn (in->authorization, " "));
      line = g_strdup_printf ("%s :%u%s  authorization: %s  ->  %u %s%s%s", in->method, in->port,
                              in->path, scheme ? scheme : "none", status,
                              soup_status_get_phrase (status),
                              note ? "  # " : "", note ? note : "");
      self->log_func (line, self->log_data);
    }
}

static const Area *
find_area (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_str_has_prefix (path, areas[i].prefix))
      return &areas[i];
  return NULL;
}

/* Checks `Authorization: Basic …` against the configured user. */
static gboolean
check_basic (HttpAuthDemoServer *self,
             const char         *authorization,
             char              **user_out)
{
  g_autoptr(HttpAuthSecretString) decoded = NULL;
  gsize len = 0;
  const char *colon;
  gboolean ok;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
    return FALSE;

  {
    /* g_base64_decode() does not terminate: copy into a C string and wipe
     * the raw buffer. */
    guchar *raw = g_base64_decode (authorization + 6, &len);

    if (memchr (raw, '\0', len) != NULL)
      {
        _http_auth_secure_wipe (raw, len);
        g_free (raw);
        return FALSE;
      }
    decoded = g_strndup ((const char *) raw, len);
    _http_auth_secure_wipe (raw, len);
    g_free (raw);
  }

  colon = strchr (decoded, ':');
  if (colon == NULL)
    return FALSE;

  ok = (gsize) (colon - decoded) == strlen (self->username) &&
       strncmp (decoded, self->username, colon - decoded) == 0 &&
       strcmp (colon + 1, self->password) == 0;
  if (ok)
    *user_out = g_strndup (decoded, colon - decoded);

  return ok;
}

/* Bodies made by html_page() are served as HTML, the others as text. */
static void
respond (HttpAuthDemoServer *self,
         Incoming           *in,
         guint               status,
         char               *body,
         const char         *note)
{
  const char *type = g_str_has_prefix (body, "<!DOCTYPE html>") ? "text/html; charset=utf-8"
                                                                 : "text/plain; charset=utf-8";

  soup_server_message_set_status (in->msg, status, NULL);
  soup_server_message_set_response (in->msg, type, SOUP_MEMORY_TAKE, body, strlen (body));
  record (self, in, status, note);
}

/* A small HTML page; @title and @text are escaped, @html is not. */
static char *
html_page (const char *title,
           const char *text,
           const char *html)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *x = g_markup_escape_text (text ? text : "", -1);

  return g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n"
                          "<style>body{font-family:sans-serif;margin:2em;max-width:50em}"
                          "li{margin:.3em 0}code{background:#eee;padding:0 .2em}</style></head>\n"
                          "<body><h1>%s</h1><p id=\"text\">%s</p>\n%s</body></html>\n",
                          t, t, x, html ? html : "");
}

static gboolean
wants_html (const char *path)
{
  return g_str_has_suffix (path, ".html");
}

/* The pages the demo browser opens (open, no login). */
static gboolean
browser_page (HttpAuthDemoServer *self,
              Incoming           *in)
{
  const char *path = in->path;

  if (g_str_equal (path, "/site/"))
    {
      respond (self, in, SOUP_STATUS_OK,
               html_page ("HttpAuth demo site", "Each link shows one case of HTTP authentication. "
                          "The login is alice / wonderland.",
                          "<ul>\n"
                          "<li><a href=\"/basic/page.html\">A page behind Basic</a> (realm \"HttpAuth Basic\")</li>\n"
                          "<li><a href=\"/digest/md5/page.html\">A page behind Digest MD5</a> "
                          "(WebKitGTK's network stack speaks MD5 Digest only)</li>\n"
                          "<li><a href=\"/site/fetch50.html\">A script firing 50 fetch() calls to realm B</a> "
                          "(one login bar; cancel it and the script gets its 401s, with no further bar)</li>\n"
                          "<li><a href=\"/site/image.html\">An image from another origin's protected area</a> "
                          "(never a login bar)</li>\n"
                          "<li><a href=\"/site/reload-loop.html\">A page that reloads itself over its login "
                          "bar</a> (one bar, however many reloads)</li>\n"
                          "<li><a href=\"/site/iframe.html\">A frame from another origin's protected area</a> "
                          "(never a login bar either)</li>\n"
                          "<li><a href=\"/no-challenge/\">A 401 without a challenge</a> "
                          "(shown like any page, no login bar)</li>\n"
                          "<li><a href=\"/realm-a/page.html\">Realm A</a> and "
                          "<a href=\"/realm-b/page.html\">realm B</a>: two realms of one origin</li>\n"
                          "</ul>\n"),
               NULL);
      return TRUE;
    }

  if (g_str_equal (path, "/site/fetch50.html"))
    {
      respond (self, in, SOUP_STATUS_OK,
               html_page ("50 fetch() calls", "running",
                          "<p>This page's script asks <code>/realm-b/</code> for 50 things at once.</p>\n"
                          "<script>\n"
                          "async function run() {\n"
                          "  document.getElementById('text').textContent = 'running';\n"
                          "  const statuses = await Promise.all(Array.from({length: 50}, (_, i) =>\n"
                          "    fetch('/realm-b/data-' + i + '?' + Date.now()).then(r => r.status, () => 0)));\n"
                          "  const ok = statuses.filter(s => s === 200).length;\n"
                          "  const denied = statuses.filter(s => s === 401).length;\n"
                          "  const text = 'done: ' + ok + ' ok, ' + denied + ' unauthorized, ' +\n"
                          "               (statuses.length - ok - denied) + ' other';\n"
                          "  document.getElementById('text').textContent = text;\n"
                          "  document.title = text;\n"
                          "  return text;\n"
                          "}\n"
                          "run();\n"
                          "</script>\n"),
               NULL);
      return TRUE;
    }

  if (g_str_equal (path, "/site/reload-loop.html"))
    {
      respond (self, in, SOUP_STATUS_OK,
               html_page ("A page that reloads itself",
                          "Its script asks realm B for something, then reloads the page a second later, over "
                          "the login bar, again and again: one bar; cancel it, and no more bars until you "
                          "navigate.",
                          "<script>\n"
                          "fetch('/realm-b/loop?' + Date.now());\n"
                          "setTimeout(() => location.reload(), 1000);\n"
                          "</script>\n"),
               NULL);
      return TRUE;
    }

  if (g_str_equal (path, "/site/iframe.html"))
    {
      guint other = in->port == self->port ? self->other_port : self->port;
      g_autofree char *frame = g_strdup_printf ("<iframe src=\"http://127.0.0.1:%u/basic/page.html\" "
                                                "width=\"600\" height=\"200\"></iframe>\n", other);

      respond (self, in, SOUP_STATUS_OK,
               html_page ("A cross-origin protected frame",
                          "The frame below shows a page of another origin's Basic realm: the browser must not "
                          "ask for its login here; the frame shows that origin's 401 page.", frame),
               NULL);
      return TRUE;
    }

  if (g_str_equal (path, "/site/image.html"))
    {
      guint other = in->port == self->port ? self->other_port : self->port;
      g_autofree char *img = g_strdup_printf ("<p><img src=\"http://127.0.0.1:%u/basic/picture.png\" alt=\"refused\" "
                                              "onload=\"document.title='image loaded'\" "
                                              "onerror=\"document.title='image refused'\"></p>\n", other);

      respond (self, in, SOUP_STATUS_OK,
               html_page ("A cross-origin protected image",
                          "The image below lives in the Basic realm of another origin: the browser must not "
                          "ask for its login here.", img),
               NULL);
      return TRUE;
    }

  return FALSE;
}

static char *
accepted_body (HttpAuthDemoServer *self,
               Incoming           *in,
               const char         *what)
{
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, in->body);

  if (wants_html (in->path))
    {
      g_autofree char *title = g_strdup_printf ("Signed in: %s", what);
      g_autofree char *text = g_strdup_printf ("Hello %s: %s accepted your %s login.", self->username, in->path, what);

      return html_page (title, text, "<p><a href=\"/site/\">Back to the demo site</a></p>\n");
    }

  return g_strdup_printf ("Hello %s: %s accepted your %s login.\nbody: %" G_GSIZE_FORMAT " bytes, sha256 %s\n",
                          self->username, in->path, what, g_bytes_get_size (in->body), sha);
}

/* The body of a 401 from a protected area. */
static char *
unauthorized_body (const char *path,
                   const Area *area)
{
  g_autofree char *text = g_strdup_printf ("401: %s needs a %s login.", path, area->description);

  if (wants_html (path))
    return html_page ("401 Unauthorized", text, "<p><a href=\"/site/\">Back to the demo site</a></p>\n");

  return g_strdup_printf ("%s\n", text);
}

/* /redirect/?code=302&to=/basic/x&cross=1 */
static void
handle_redirect (HttpAuthDemoServer *self,
                 Incoming           *in,
                 GHashTable         *query)
{
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *to = query ? g_hash_table_lookup (query, "to") : NULL;
  gboolean cross = query != NULL && g_hash_table_contains (query, "cross");
  guint status = code ? (guint) g_ascii_strtoull (code, NULL, 10) : 302;
  g_autofree char *location = NULL;

  if (to == NULL)
    to = "/basic/";
  if (cross)
    location = g_strdup_printf ("http://127.0.0.1:%u%s",
                                in->port == self->port ? self->other_port : self->port, to);
  else
    location = g_strdup (to);

  soup_message_headers_replace (soup_server_message_get_response_headers (in->msg), "Location", location);
  respond (self, in, status, g_strdup_printf ("Redirecting to %s\n", location), NULL);
}

/* ---- Negotiate (RFC 4559) ---- */

/* GSS-API's own words for a major and minor status, for the log (they
 * never contain the token). */
static char *
gss_status_message (OM_uint32 major,
                    OM_uint32 minor)
{
  GString *text = g_string_new (NULL);
  struct { OM_uint32 code; int type; } parts[] = { { major, GSS_C_GSS_CODE }, { minor, GSS_C_MECH_CODE } };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      OM_uint32 more = 0;

      if (parts[i].code == 0)
        continue;
      do
        {
          OM_uint32 m;
          gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;

          if (GSS_ERROR (gss_display_status (&m, parts[i].code, parts[i].type, GSS_C_NO_OID, &more, &buf)))
            break;
          if (text->len > 0)
            g_string_append (text, ": ");
          g_string_append_len (text, buf.value, buf.length);
          gss_release_buffer (&m, &buf);
        }
      while (more != 0);
    }

  return g_string_free (text, FALSE);
}

/* Turns /negotiate/ (and /negotiate-or-basic/) on with @keytab (a path,
 * or a name such as "FILE:/path"): they accept Kerberos tickets for any
 * service principal it holds (HTTP/<host>). Call before listening.
 * Reading the keys needs no KDC. Returns whether GSS-API could use it. */
gboolean
http_auth_demo_server_set_negotiate_keytab (HttpAuthDemoServer  *self,
                                            const char          *keytab,
                                            GError             **error)
{
  gss_key_value_element_desc element = { "keytab", keytab };
  gss_key_value_set_desc store = { 1, &element };
  gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;
  OM_uint32 major, minor;

  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (keytab != NULL, FALSE);

  /* GSS_C_NO_NAME: any key of the keytab, so that a ticket for
   * HTTP/localhost and one for HTTP/127.0.0.1 are both accepted. */
  major = gss_acquire_cred_from (&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET, GSS_C_ACCEPT,
                                 &store, &cred, NULL, NULL);
  if (GSS_ERROR (major))
    {
      g_autofree char *why = gss_status_message (major, minor);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "keytab %s: %s", keytab, why);
      return FALSE;
    }

  if (self->negotiate_cred != GSS_C_NO_CREDENTIAL)
    gss_release_cred (&minor, &self->negotiate_cred);
  self->negotiate_cred = cred;
  g_free (self->negotiate_keytab);
  self->negotiate_keytab = g_strdup (keytab);

  return TRUE;
}

gboolean
http_auth_demo_server_get_negotiate_enabled (HttpAuthDemoServer *self)
{
  return self->negotiate_cred != GSS_C_NO_CREDENTIAL;
}

/* Accepts the token of `Authorization: Negotiate <token>`. Returns the
 * client's principal, and in @final_token the server's last token (the
 * mutual-authentication reply, base64) when GSS-API made one; NULL with
 * @note saying why on any failure.
 *
 * This runs on the server's own thread, synchronously: accepting with a
 * keytab never talks to the KDC (the ticket is decrypted with the
 * keytab's key; only the local replay cache is written), so it cannot
 * hang the way gss_init_sec_context() on a client can. */
static char *
negotiate_accept (HttpAuthDemoServer  *self,
                  const char          *authorization,
                  char               **final_token,
                  char               **note)
{
  const char *b64 = authorization + strlen ("Negotiate");
  g_autofree guchar *raw = NULL;
  gsize len = 0;
  gss_buffer_desc in = GSS_C_EMPTY_BUFFER;
  gss_buffer_desc out = GSS_C_EMPTY_BUFFER;
  gss_buffer_desc name = GSS_C_EMPTY_BUFFER;
  gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
  gss_name_t client = GSS_C_NO_NAME;
  OM_uint32 major, minor, m;
  char *principal = NULL;

  while (*b64 == ' ')
    b64++;
  if (*b64 == '\0' || strspn (b64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != strlen (b64))
    {
      *note = g_strdup ("not a Negotiate token");
      return NULL;
    }
  raw = g_base64_decode (b64, &len);
  if (len == 0)
    {
      *note = g_strdup ("empty Negotiate token");
      return NULL;
    }

  in.value = raw;
  in.length = len;
  major = gss_accept_sec_context (&minor, &ctx, self->negotiate_cred, &in, GSS_C_NO_CHANNEL_BINDINGS,
                                  &client, NULL, &out, NULL, NULL, NULL);
  if (major == GSS_S_COMPLETE)
    {
      if (!GSS_ERROR (gss_display_name (&m, client, &name, NULL)))
        principal = g_strndup (name.value, name.length);
      gss_release_buffer (&m, &name);
      if (principal == NULL)
        *note = g_strdup ("GSS-API accepted a client without a name");
      else if (out.length > 0)
        *final_token = g_base64_encode (out.value, out.length);
    }
  else if (major == GSS_S_CONTINUE_NEEDED)
    {
      /* A Kerberos ticket completes in one leg; a second leg would need a
       * context kept per connection, which the demo server does not do. */
      *note = g_strdup ("a multi-leg handshake, which this server does not take");
    }
  else
    *note = gss_status_message (major, minor);

  gss_release_buffer (&m, &out);
  if (client != GSS_C_NO_NAME)
    gss_release_name (&m, &client);
  if (ctx != GSS_C_NO_CONTEXT)
    gss_delete_sec_context (&m, &ctx, GSS_C_NO_BUFFER);

  return principal;
}

/* /negotiate/ and /negotiate-or-basic/: 401 with a bare
 * "WWW-Authenticate: Negotiate" (and Basic for the second), then a
 * client's token → 200 with the server's final token (the client checks
 * it: mutual authentication) and the principal in X-Remote-User.
 * ?final=no withholds the final token, as some servers do: the client
 * then cannot tell who answered. */
static void
handle_negotiate (HttpAuthDemoServer *self,
                  Incoming           *in,
                  GHashTable         *query,
                  gboolean            or_basic)
{
  gboolean withhold = query != NULL && g_strcmp0 (g_hash_table_lookup (query, "final"), "no") == 0;
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (in->msg);
  g_autofree char *final_token = NULL;
  g_autofree char *principal = NULL;
  g_autofree char *note = NULL;
  g_autofree char *user = NULL;
  const char *what = or_basic ? "Negotiate or Basic" : "Negotiate (Kerberos)";

  if (self->negotiate_cred == GSS_C_NO_CREDENTIAL)
    {
      respond (self, in, SOUP_STATUS_NOT_FOUND,
               g_strdup ("Negotiate is off: start the server with a keytab (http-auth serve --negotiate-keytab FILE).\n"),
               NULL);
      return;
    }

  if (in->authorization != NULL && g_ascii_strncasecmp (in->authorization, "Negotiate", 9) == 0 &&
      (in->authorization[9] == ' ' || in->authorization[9] == '\0'))
    principal = negotiate_accept (self, in->authorization, &final_token, &note);
  else if (or_basic && check_basic (self, in->authorization, &user))
    principal = g_strdup (user);
  else if (in->authorization != NULL)
    note = g_strdup (or_basic ? "wrong credentials" : "not a Negotiate login");

  if (principal != NULL)
    {
      g_autofree char *logged = NULL;

      if (withhold)
        g_clear_pointer (&final_token, g_free);
      if (final_token != NULL)
        {
          g_autofree char *value = g_strdup_printf ("Negotiate %s", final_token);

          soup_message_headers_append (response_headers, "WWW-Authenticate", value);
        }
      soup_message_headers_append (response_headers, "X-Remote-User", principal);
      logged = user != NULL ? g_strdup_printf ("Basic login as %s", principal)
                            : g_strdup_printf ("%s, %s", principal,
                                               final_token ? "final token sent (mutual authentication)"
                                               : withhold ? "final token withheld (?final=no)"
                                                          : "no final token");
      if (wants_html (in->path))
        {
          g_autofree char *text = g_strdup_printf ("Hello %s: %s accepted your %s login.", principal, in->path,
                                                   user != NULL ? "Basic" : "Kerberos");

          respond (self, in, SOUP_STATUS_OK,
                   html_page ("Signed in with Kerberos", text,
                              "<p><a href=\"/site/\">Back to the demo site</a></p>\n"),
                   logged);
        }
      else
        respond (self, in, SOUP_STATUS_OK,
                 g_strdup_printf ("Hello %s: %s accepted your %s login.\n", principal, in->path,
                                  user != NULL ? "Basic" : "Kerberos (Negotiate)"),
                 logged);
      return;
    }

  soup_message_headers_append (response_headers, "WWW-Authenticate", "Negotiate");
  if (or_basic)
    soup_message_headers_append (response_headers, "WWW-Authenticate",
                                 "Basic realm=\"" BASIC_REALM "\", charset=\"UTF-8\"");
  {
    g_autofree char *text = g_strdup_printf ("401: %s needs a %s login.", in->path, what);

    respond (self, in, SOUP_STATUS_UNAUTHORIZED,
             wants_html (in->path) ? html_page ("401 Unauthorized", text, NULL) : g_strdup_printf ("%s\n", text),
             note);
  }
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  HttpAuthDemoServer *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *target = _http_auth_uri_request_target (soup_server_message_get_uri (msg));
  const Area *area = find_area (path);
  g_autofree char *user = NULL;
  g_autofree char *note = NULL;
  Incoming in = {
    msg, soup_server_message_get_method (msg), path,
    soup_message_headers_get_one (request_headers, "Authorization"),
    g_uri_get_port (soup_server_message_get_uri (msg)), body,
    soup_message_headers_get_one (request_headers, "Proxy-Authorization"),
  };

  if (g_str_equal (path, "/"))
    {
      GString *index = g_string_new ("HttpAuth demo server\n\nProtected areas:\n");

      for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
        g_string_append_printf (index, "  %-26s %s\n", areas[i].prefix, areas[i].description);
      g_string_append (index, "  /no-challenge/             401 without WWW-Authenticate\n"
                              "  /redirect/?to=P[&cross=1][&code=N]  redirect (cross: to the second origin)\n"
                              "  /raw/?www=V[&www2=V]       401 with these WWW-Authenticate values\n"
                              "  /negotiate/[?final=no]     Negotiate (Kerberos), with a keytab\n"
                              "  /negotiate-or-basic/       Negotiate, or Basic, with a keytab\n"
                              "  /open/                     no login\n"
                              "  /site/                     HTML pages for the demo browser\n");
      respond (self, &in, SOUP_STATUS_OK, g_string_free (index, FALSE), NULL);
      return;
    }

  if (g_str_has_prefix (path, "/site/") && browser_page (self, &in))
    return;

  if (g_str_has_prefix (path, "/redirect/"))
    {
      handle_redirect (self, &in, query);
      return;
    }

  if (g_str_has_prefix (path, "/negotiate/") || g_str_has_prefix (path, "/negotiate-or-basic/"))
    {
      handle_negotiate (self, &in, query, g_str_has_prefix (path, "/negotiate-or-basic/"));
      return;
    }

  if (g_str_has_prefix (path, "/raw407/"))
    {
      /* An origin server that (wrongly) asks for proxy credentials. */
      soup_message_headers_append (response_headers, "Proxy-Authenticate", "Basic realm=\"not a proxy\"");
      respond (self, &in, SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED, g_strdup ("407 from an origin\n"), NULL);
      return;
    }

  if (g_str_has_prefix (path, "/no-challenge/"))
    {
      /* A 401 without any challenge: browsers render it like a 200. */
      respond (self, &in, SOUP_STATUS_UNAUTHORIZED,
               html_page ("Members only", "This 401 has no challenge.", NULL), NULL);
      return;
    }

  if (g_str_has_prefix (path, "/raw/"))
    {
      const char *www = query ? g_hash_table_lookup (query, "www") : NULL;
      const char *www2 = query ? g_hash_table_lookup (query, "www2") : NULL;

      if (in.authorization != NULL && query != NULL && g_hash_table_contains (query, "accept"))
        {
          respond (self, &in, SOUP_STATUS_OK, accepted_body (self, &in, "raw"), NULL);
          return;
        }
      if (www != NULL)
        soup_message_headers_append (response_headers, "WWW-Authenticate", www);
      if (www2 != NULL)
        soup_message_headers_append (response_headers, "WWW-Authenticate", www2);
      respond (self, &in, SOUP_STATUS_UNAUTHORIZED, g_strdup ("401 from /raw/\n"), NULL);
      return;
    }

  if (area == NULL)
    {
      if (g_str_has_prefix (path, "/open/") || g_str_has_prefix (path, "/shared/"))
        respond (self, &in, SOUP_STATUS_OK, g_strdup_printf ("Open page %s: no login needed.\n", path), NULL);
      else
        respond (self, &in, SOUP_STATUS_NOT_FOUND, g_strdup_printf ("Not found: %s\n", path), NULL);
      return;
    }

  if (area->algorithms == NULL)
    {
      const char *realm = g_str_equal (area->prefix, "/realm-a/") ? "Realm A"
                          : g_str_equal (area->prefix, "/realm-b/") ? "Realm B" : BASIC_REALM;

      if (check_basic (self, in.authorization, &user))
        {
          Resource *resource;

          g_mutex_lock (&self->mutex);
          resource = g_hash_table_lookup (self->resources, path);
          if (resource != NULL)
            {
              soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
              soup_server_message_set_response (msg, resource->content_type, SOUP_MEMORY_COPY,
                                                g_bytes_get_data (resource->body, NULL),
                                                g_bytes_get_size (resource->body));
            }
          g_mutex_unlock (&self->mutex);
          if (resource != NULL)
            record (self, &in, SOUP_STATUS_OK, NULL);
          else
            respond (self, &in, SOUP_STATUS_OK, accepted_body (self, &in, area->description), NULL);
        }
      else
        {
          g_autofree char *challenge = g_strdup_printf ("Basic realm=\"%s\", charset=\"UTF-8\"", realm);

          soup_message_headers_append (response_headers, "WWW-Authenticate", challenge);
          respond (self, &in, SOUP_STATUS_UNAUTHORIZED, unauthorized_body (path, area),
                   in.authorization ? "wrong credentials" : NULL);
        }
      return;
    }
  else
    {
      HttpAuthDigestVerifier *verifier = g_hash_table_lookup (self->verifiers, area->prefix);
      HttpAuthDigestVerifyResult result = HTTP_AUTH_DIGEST_VERIFY_FAILED;
      g_autofree char *info = NULL;
      g_autofree char *ok_body = accepted_body (self, &in, area->description);
      g_auto(GStrv) challenges = NULL;

      if (in.authorization != NULL)
        {
          /* auth-int's rspauth covers the response body, so make it first. */
          g_autoptr(GBytes) response_body = g_bytes_new (ok_body, strlen (ok_body));

          result = http_auth_digest_verifier_verify (verifier, in.method, target, in.authorization,
                                                     body, response_body, &user, &info, &note);
        }

      if (result == HTTP_AUTH_DIGEST_VERIFY_OK)
        {
          soup_message_headers_append (response_headers, "Authentication-Info", info);
          respond (self, &in, SOUP_STATUS_OK, g_steal_pointer (&ok_body), NULL);
          return;
        }

      challenges = http_auth_digest_verifier_make_challenges (verifier,
                                                             result == HTTP_AUTH_DIGEST_VERIFY_STALE);
      for (guint i = 0; challenges[i] != NULL; i++)
        soup_message_headers_append (response_headers, "WWW-Authenticate", challenges[i]);
      respond (self, &in, SOUP_STATUS_UNAUTHORIZED, unauthorized_body (path, area), note);
    }
}

/* Serves https:// with @certificate (set before listening). */
void
http_auth_demo_server_set_tls_certificate (HttpAuthDemoServer *self,
                                           GTlsCertificate    *certificate)
{
  g_set_object (&self->certificate, certificate);
}

static SoupServerListenOptions
listen_flags (HttpAuthDemoServer *self)
{
  return SOUP_SERVER_LISTEN_IPV4_ONLY | (self->certificate ? SOUP_SERVER_LISTEN_HTTPS : 0);
}

gboolean
http_auth_demo_server_listen (HttpAuthDemoServer  *self,
                              guint                port,
                              GError             **error)
{
  g_autoptr(GSList) uris = NULL;

  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "HttpAuth-demo ",
                                  "tls-certificate", self->certificate, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);

  if (!soup_server_listen_local (self->server, port, listen_flags (self), error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  /* A second listener is a second origin (same host, other port), for
   * cross-origin redirects. */
  if (!soup_server_listen_local (self->server, 0, listen_flags (self), error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  self->other_port = g_uri_get_port (uris->next->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  HttpAuthDemoServer *self = data;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  http_auth_demo_server_listen (self, 0, &error);

  g_mutex_lock (&self->mutex);
  self->thread_error = error;
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (error == NULL)
    g_main_loop_run (self->loop);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let pending callbacks (closing connections) run before leaving. */
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* Runs the server on its own thread and main context, as libsoup's
 * test-utils does, so that clients on the test's thread may block. */
gboolean
http_auth_demo_server_start_thread (HttpAuthDemoServer  *self,
                                    GError             **error)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("demo-server", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->thread_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->thread_error));
      http_auth_demo_server_stop (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
http_auth_demo_server_stop (HttpAuthDemoServer *self)
{
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop_cb, self->loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
    }
  else if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

char *
http_auth_demo_server_get_url (HttpAuthDemoServer *self,
                               const char         *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->certificate ? "https" : "http", self->port, path);
}

guint
http_auth_demo_server_get_port (HttpAuthDemoServer *self)
{
  return self->port;
}

guint
http_auth_demo_server_get_other_port (HttpAuthDemoServer *self)
{
  return self->other_port;
}

char *
http_auth_demo_server_get_other_url (HttpAuthDemoServer *self,
                                     const char         *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->certificate ? "https" : "http", self->other_port, path);
}

/* Returns a copy of the record, safe to read while the server runs. */
GPtrArray *
http_auth_demo_server_get_exchanges (HttpAuthDemoServer *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) http_auth_demo_exchange_free);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->exchanges->len; i++)
    {
      HttpAuthDemoExchange *e = g_ptr_array_index (self->exchanges, i);
      HttpAuthDemoExchange *c = g_new0 (HttpAuthDemoExchange, 1);

      c->method = g_strdup (e->method);
      c->path = g_strdup (e->path);
      c->authorization = g_strdup (e->authorization);
      c->status = e->status;
      c->port = e->port;
      c->body_size = e->body_size;
      c->body_sha256 = g_strdup (e->body_sha256);
      c->proxy_authorization = g_strdup (e->proxy_authorization);
      g_ptr_array_add (copy, c);
    }
  g_mutex_unlock (&self->mutex);

  return copy;
}

void
http_auth_demo_server_clear_exchanges (HttpAuthDemoServer *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->exchanges, 0);
  g_mutex_unlock (&self->mutex);
}
