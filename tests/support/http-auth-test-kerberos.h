/* http-auth-test-kerberos.h
 *
 * Copyright 2026 The HttpAuth authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "http-auth-test-daemon.h"
#include "http-auth-test-squid.h"

G_BEGIN_DECLS

/* A private MIT Kerberos realm for the Negotiate (RFC 4559) tests, with
 * real servers that accept its tickets. Nothing system-wide is read or
 * written: every file lives in one temp dir and every program finds it
 * through environment variables. Everything listens on 127.0.0.1 only and
 * is stopped by its PID.
 *
 * The realm (http_auth_test_kerberos_start):
 *
 *   realm       HTTPAUTH.TEST, one KDC (krb5kdc -n) on a free loopback
 *               port, UDP and TCP; the client tries TCP first
 *   principals  alice@HTTPAUTH.TEST, password "alicepw"
 *               HTTP/localhost@HTTPAUTH.TEST   (random key)
 *               HTTP/127.0.0.1@HTTPAUTH.TEST   (random key)
 *   krb5.conf   no DNS, no reverse lookups, no short-name qualification:
 *               the service principal is exactly HTTP/<host of the URL>
 *
 *   <dir>/krb5.conf        KRB5_CONFIG
 *   <dir>/kdc.conf         KRB5_KDC_PROFILE
 *   <dir>/ccache           KRB5CCNAME=FILE:… (the "ticket" ccache)
 *   <dir>/no-ticket        KRB5CCNAME=FILE:… (never exists: no ticket)
 *   <dir>/http.keytab      KRB5_KTNAME=FILE:… both HTTP principals; mode
 *                          0644 so that www-data and proxy read it (a
 *                          test-only key)
 *   <dir>/only127.keytab   HTTP/127.0.0.1 alone (Apache's /wrongkey)
 *   <dir>/rcache/          KRB5RCACHEDIR, mode 1777: one replay cache per
 *                          uid (root, www-data, proxy)
 *   <dir>/kdc/             database, stash, kdc.log, kdc.pid
 *   <dir>/setup.log        output of every admin tool the fixture ran
 *   <dir>/watchdog.{pids,dirs}  what the watchdog (below) cleans up
 *
 * Starting the realm sets the five variables in the test process with
 * g_setenv(), so servers started later inherit them and in-process
 * GSS-API uses them; stopping it puts back the values they had before.
 * GSS-API reads KRB5CCNAME on every call, so switching it between the two
 * ccaches (use_ticket / use_no_ticket) takes effect at once. setenv() is
 * not thread-safe (GLib says so in a debug message): switch only while no
 * other thread of the test may be in GSS-API, that is between requests.
 *
 * Apache with mod_auth_gssapi (http_auth_test_kerberos_start_apache), in
 * its own temp dir, one process (-X) that drops to www-data:
 *
 *   /private/hello.txt    AuthType GSSAPI: 401 with a bare
 *                         "WWW-Authenticate: Negotiate"
 *   /basic/hello.txt      also GssapiBasicAuth: the 401 carries
 *                         "Negotiate" and Basic realm="GSSAPI or Basic";
 *                         Basic alice:alicepw is checked against the KDC
 *   /bound/hello.txt      GssapiConnectionBound On: one login per
 *                         connection
 *   /wrongkey/hello.txt   keytab only127.keytab: a ticket for
 *                         HTTP/localhost is refused (401, negState reject);
 *                         one for HTTP/127.0.0.1 is accepted
 *   /public/hello.txt     no authentication
 *
 * Each authenticated response carries "X-Remote-User: <principal>". The
 * access log has one line per request; read it with
 * http_auth_test_kerberos_apache_log().
 *
 * squid with negotiate_kerberos_auth (http_auth_test_kerberos_start_squid),
 * in its own temp dir owned by proxy: every request needs a Negotiate
 * proxy login ("407 Proxy-Authenticate: Negotiate"); tickets for either
 * HTTP/localhost or HTTP/127.0.0.1 are accepted, so the proxy may be named
 * by either host. squid sends no mutual-auth token. Read its access log
 * with http_auth_test_kerberos_squid_log().
 *
 * The structs are the caller's (usually fields of a GTest fixture) and are
 * zeroed before start.
 *
 * A test that aborts (a failed assertion) or that meson kills never
 * reaches its teardown: a watchdog shell started with the realm then
 * resumes and ends the KDC, Apache and squid (by PID, about 3 s later)
 * and removes their dirs. Daemons a test starts itself are its own. */

#define HTTP_AUTH_TEST_KERBEROS_REALM    "HTTPAUTH.TEST"
#define HTTP_AUTH_TEST_KERBEROS_USER     "alice"
#define HTTP_AUTH_TEST_KERBEROS_PASSWORD "alicepw"

typedef struct
{
  char               *dir;                /* the realm's temp dir, mode 0755 */
  const char         *realm;              /* HTTP_AUTH_TEST_KERBEROS_REALM */
  guint               kdc_port;           /* UDP and TCP, on 127.0.0.1 */
  GPid                kdc_pid;            /* for pause_kdc */
  gboolean            kdc_paused;
  char               *krb5_conf;          /* KRB5_CONFIG (a path) */
  char               *kdc_conf;           /* KRB5_KDC_PROFILE (a path) */
  char               *ccache;             /* KRB5CCNAME with a ticket: "FILE:<dir>/ccache" */
  char               *no_ticket_ccache;   /* "FILE:<dir>/no-ticket", never created */
  char               *keytab;             /* KRB5_KTNAME: "FILE:<dir>/http.keytab" */
  char               *keytab_path;        /* the same file as a plain path */
  char               *only127_keytab_path;
  char               *rcache_dir;         /* KRB5RCACHEDIR */
  HttpAuthTestDaemon *kdc;
  GPtrArray          *apaches;            /* HttpAuthTestKerberosApache *: started through k */
  GPtrArray          *squids;             /* HttpAuthTestSquid *: started through k */
  char              **saved_env;          /* the variables' values before start, for stop */
  GSubprocess        *watchdog;           /* ends the daemons if the test dies first */
} HttpAuthTestKerberos;

typedef struct
{
  char               *dir;                /* Apache's temp dir: httpd.conf, htdocs/, logs/ */
  guint               port;               /* on 127.0.0.1 */
  HttpAuthTestDaemon *daemon;
} HttpAuthTestKerberosApache;

/* One request as a server logged it. */
typedef struct
{
  guint    status;                        /* as sent: 200, 401, 407, … */
  char    *method;
  char    *target;                        /* Apache: path and query; squid: the URL (host:port for CONNECT) */
  guint    client_port;                   /* the client's port: equal ports, same connection */
  char    *user;                          /* the authenticated principal, or NULL */
  char    *authorization;                 /* Authorization (squid: Proxy-Authorization), or NULL */
  gboolean negotiate;                     /* authorization starts with "Negotiate " (a token) */
} HttpAuthTestKerberosLogEntry;

/**
 * http_auth_test_kerberos_start:
 * @k: a zeroed fixture
 *
 * Creates the realm in a new temp dir (kdb5_util, then one kadmin.local
 * reading its commands on stdin), starts krb5kdc on a free loopback port
 * and points KRB5_CONFIG, KRB5_KDC_PROFILE, KRB5CCNAME (the ticket ccache,
 * still empty), KRB5_KTNAME and KRB5RCACHEDIR of this process at it. Any
 * failure fails the test. No ticket is obtained: call
 * http_auth_test_kerberos_kinit().
 */
void       http_auth_test_kerberos_start               (HttpAuthTestKerberos        *k);

/**
 * http_auth_test_kerberos_stop:
 * @k: a fixture, started or not
 *
 * Resumes the KDC if it is paused, stops every Apache and squid started
 * through @k that is still running, then the KDC, removes the realm's
 * tree and restores the five environment variables. The server structs
 * must still be valid. Safe to call twice.
 */
void       http_auth_test_kerberos_stop                (HttpAuthTestKerberos        *k);

/**
 * http_auth_test_kerberos_kinit:
 * @k: a started fixture
 * @principal: "alice" or "alice@HTTPAUTH.TEST"
 * @password: the password, given to kinit on its stdin
 * @error: kinit's output when it fails
 *
 * Runs kinit into the ticket ccache (whatever KRB5CCNAME says now); it
 * does not switch KRB5CCNAME.
 *
 * Returns: whether kinit succeeded
 */
gboolean   http_auth_test_kerberos_kinit               (HttpAuthTestKerberos        *k,
                                                        const char                  *principal,
                                                        const char                  *password,
                                                        GError                     **error);

/**
 * http_auth_test_kerberos_kdestroy_and_kinit:
 * @k: a started fixture
 * @principal: as for http_auth_test_kerberos_kinit()
 * @password: as for http_auth_test_kerberos_kinit()
 * @error: kinit's output when it fails
 *
 * Replaces the ticket ccache with a fresh one holding only a TGT, so the
 * next gss_init_sec_context() for a service must ask the KDC (a TGS
 * exchange): this is how a test makes a paused KDC matter.
 *
 * Returns: whether kinit succeeded
 */
gboolean   http_auth_test_kerberos_kdestroy_and_kinit  (HttpAuthTestKerberos        *k,
                                                        const char                  *principal,
                                                        const char                  *password,
                                                        GError                     **error);

/**
 * http_auth_test_kerberos_use_ticket:
 * @k: a started fixture
 *
 * Points KRB5CCNAME at the ticket ccache (the state after start).
 */
void       http_auth_test_kerberos_use_ticket          (HttpAuthTestKerberos        *k);

/**
 * http_auth_test_kerberos_use_no_ticket:
 * @k: a started fixture
 *
 * Points KRB5CCNAME at a ccache that does not exist: GSS-API then finds no
 * credentials ("No credentials were supplied…") and curl sends no token.
 */
void       http_auth_test_kerberos_use_no_ticket       (HttpAuthTestKerberos        *k);

/**
 * http_auth_test_kerberos_pause_kdc:
 * @k: a started fixture
 * @paused: %TRUE to stop the KDC (SIGSTOP), %FALSE to resume it (SIGCONT)
 *
 * A paused KDC still accepts TCP connections (the kernel does) but never
 * answers: a client that needs a new ticket hangs until its own timeout
 * (about 27 s for MIT krb5 on loopback). Requests it queued are answered
 * after resuming.
 */
void       http_auth_test_kerberos_pause_kdc           (HttpAuthTestKerberos        *k,
                                                        gboolean                     paused);

/**
 * http_auth_test_kerberos_count_kdc_requests:
 * @k: a started fixture
 * @kind: "AS_REQ" (kinit, Basic checked by Apache) or "TGS_REQ" (a service
 *   ticket)
 *
 * Counts the requests of @kind that the KDC has logged so far, so that a
 * test can tell whether a client used a cached service ticket.
 *
 * Returns: the number of lines of kdc.log that record a @kind
 */
guint      http_auth_test_kerberos_count_kdc_requests  (HttpAuthTestKerberos        *k,
                                                        const char                  *kind);

/**
 * http_auth_test_kerberos_start_apache:
 * @k: a started fixture
 * @apache: a zeroed struct, valid until it is stopped
 *
 * Starts Apache with mod_auth_gssapi on a free loopback port (the
 * locations are listed at the top of this file); it inherits the realm's
 * environment. Any failure fails the test.
 */
void       http_auth_test_kerberos_start_apache        (HttpAuthTestKerberos        *k,
                                                        HttpAuthTestKerberosApache  *apache);

/**
 * http_auth_test_kerberos_stop_apache:
 * @apache: a struct, started or not
 *
 * Stops Apache by its PID and removes its dir. Safe to call twice.
 */
void       http_auth_test_kerberos_stop_apache         (HttpAuthTestKerberosApache  *apache);

/**
 * http_auth_test_kerberos_apache_uri:
 * @apache: a started Apache
 * @host: "localhost" or "127.0.0.1": the service principal the client
 *   asks a ticket for is HTTP/@host
 * @path: starts with "/", such as "/private/hello.txt"
 *
 * Returns: (transfer full): "http://@host:port@path"
 */
char      *http_auth_test_kerberos_apache_uri          (HttpAuthTestKerberosApache  *apache,
                                                        const char                  *host,
                                                        const char                  *path);

/**
 * http_auth_test_kerberos_apache_log:
 * @apache: a started Apache
 * @min_entries: wait up to 5 s until the log holds at least this many
 *   entries (Apache writes a line only after the response has gone out)
 *
 * Returns: (transfer full) (element-type HttpAuthTestKerberosLogEntry):
 *   every request logged so far, oldest first
 */
GPtrArray *http_auth_test_kerberos_apache_log          (HttpAuthTestKerberosApache  *apache,
                                                        guint                        min_entries);

/**
 * http_auth_test_kerberos_start_squid:
 * @k: a started fixture
 * @squid: a zeroed struct, valid until it is stopped
 *
 * Starts squid with negotiate_kerberos_auth on a free loopback port, in a
 * temp dir owned by proxy; it inherits the realm's environment (about
 * 1 s). Stop it with http_auth_test_squid_stop() (about 3 s) or let
 * http_auth_test_kerberos_stop() do it; http_auth_test_squid_uri() names
 * it by 127.0.0.1.
 */
void       http_auth_test_kerberos_start_squid         (HttpAuthTestKerberos        *k,
                                                        HttpAuthTestSquid           *squid);

/**
 * http_auth_test_kerberos_squid_log:
 * @squid: a squid started by http_auth_test_kerberos_start_squid()
 * @min_entries: as for http_auth_test_kerberos_apache_log()
 *
 * Returns: (transfer full) (element-type HttpAuthTestKerberosLogEntry):
 *   every request logged so far, oldest first; connections that sent no
 *   request (such as the start-up probe) are left out
 */
GPtrArray *http_auth_test_kerberos_squid_log           (HttpAuthTestSquid           *squid,
                                                        guint                        min_entries);

/**
 * http_auth_test_kerberos_log_entry_free:
 * @entry: (nullable): an entry
 */
void       http_auth_test_kerberos_log_entry_free      (HttpAuthTestKerberosLogEntry *entry);

/**
 * http_auth_test_kerberos_log_count:
 * @entries: (element-type HttpAuthTestKerberosLogEntry): a log
 * @status: count only this status, or 0 for any
 * @negotiate: count only entries with (%TRUE) or without (%FALSE) a
 *   Negotiate token
 *
 * Returns: the number of matching entries
 */
guint      http_auth_test_kerberos_log_count           (GPtrArray                   *entries,
                                                        guint                        status,
                                                        gboolean                     negotiate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpAuthTestKerberosLogEntry, http_auth_test_kerberos_log_entry_free)

G_END_DECLS
