#!/usr/bin/env python3
# test-gi.py
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

"""HttpAuth-1 from Python (PyGObject) against the demo server: what a
Python application does, through the typelib only."""

import os
import tempfile
import unittest

# libsecret's file backend in a private directory: set before libsecret
# first looks at its environment.
_keyring_dir = tempfile.TemporaryDirectory(prefix="http-auth-gi-")
os.environ["SECRET_BACKEND"] = "file"
os.environ["SECRET_FILE_TEST_PATH"] = os.path.join(_keyring_dir.name, "keyring")
os.environ["SECRET_FILE_TEST_PASSWORD"] = "test-only"
os.environ["XDG_DATA_HOME"] = _keyring_dir.name

import http_auth_gi  # noqa: E402
from http_auth_gi import PASSWORD, USER, run_async, wait_for  # noqa: E402
from gi.repository import Gio, GLib, GObject, HttpAuth  # noqa: E402

server = None


def setUpModule():
    global server
    server = http_auth_gi.DemoServer()


def tearDownModule():
    server.stop()
    _keyring_dir.cleanup()


def fetch(session, url, cancellable=None, context=None):
    """GETs url as a top-level load in a tab; returns (response, body bytes).

    The engine asks the prompter only for requests that have a prompt
    context (a tab or window): one is made for each fetch unless given."""
    request = HttpAuth.Request.new("GET", url)
    request.set_prompt_context(context or HttpAuth.PromptContext.new(None, False))
    response, body = run_async(
        lambda cb: session.send_and_read_async(request, cancellable, cb),
        session.send_and_read_finish)
    return response, body.get_data()


class AsyncPrompter(HttpAuth.Prompter):
    """A prompter written in Python that answers later, from an idle, as a
    dialog would: the answer travels on the prompt, the task carries the
    result. With hold=True it never answers, to be cancelled."""

    def __init__(self, username=USER, password=PASSWORD, hold=False):
        super().__init__()
        self.username = username
        self.password = password
        self.hold = hold
        self.asked = []
        self.cancelled = 0

    def do_ask_async(self, prompt, cancellable, callback, user_data):
        # PyGObject hands the vfunc a callback with its user data already
        # bound: the task is made with the callback alone.
        task = Gio.Task.new(self, cancellable, callback)
        self.asked.append((prompt.get_auth_scheme(), prompt.get_realm(), prompt.get_origin()))

        if self.hold:
            def on_cancelled():
                self.cancelled += 1
                # Not from inside the handler: complete from the main loop.
                GLib.idle_add(lambda: task.return_error_if_cancelled() and False)
            # Gio.Cancellable.connect is g_cancellable_connect(), which also
            # runs the handler at once if it is already cancelled.
            cancellable.connect(on_cancelled)
            return

        def answer():
            prompt.set_credential(HttpAuth.Credential.new(self.username, self.password))
            prompt.set_password_save(Gio.PasswordSave.NEVER)
            task.return_int(HttpAuth.PromptResult.ANSWERED)
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(10, answer)


class BearerScheme(HttpAuth.Scheme):
    """RFC 6750 Bearer as an application adds it: the token comes from a
    callback given the realm; the prompt's credential is not needed."""

    token_for_realm = None

    def do_get_strength(self):
        return 5

    def do_dup_authorization(self, credential, method, request_target, body):
        token = BearerScheme.token_for_realm(self.get_realm())
        if token is None:
            raise GLib.Error("no token", HttpAuth.error_quark(), HttpAuth.Error.FAILED)
        return "Bearer " + token


class TestBindings(unittest.TestCase):
    """The array returns own their elements correctly (transfer container)."""

    def test_challenge_parse(self):
        for _ in range(50):
            challenges, errors = HttpAuth.challenge_parse(
                'Basic realm="a" x, Digest realm="b", nonce="n", Bearer realm="c"')
            # The malformed Basic challenge is skipped and reported.
            self.assertEqual([c.get_scheme() for c in challenges], ["digest", "bearer"])
            self.assertEqual(challenges[0].lookup_param("nonce"), "n")
            self.assertGreaterEqual(len(errors), 1)
            self.assertIsInstance(errors[0], HttpAuth.ParseError)
        del challenges, errors

    def test_challenge_parse_list(self):
        challenges, errors = HttpAuth.challenge_parse_list(
            ['Basic realm="a"', 'Bearer realm="x", error="invalid_token"'])
        self.assertEqual([c.get_scheme() for c in challenges], ["basic", "bearer"])
        self.assertEqual(len(errors), 0)

    def test_credential_cache_list_spaces(self):
        cache = HttpAuth.CredentialCache.new(HttpAuth.CREDENTIAL_CACHE_DEFAULT_MAX_ENTRIES)
        space = HttpAuth.ProtectionSpace.new(None, HttpAuth.Target.SERVER, "http", "127.0.0.1",
                                             8080, "realm", "basic")
        cache.add(space, ["/a/"], HttpAuth.Credential.new(USER, PASSWORD))
        for _ in range(20):
            spaces = cache.list_spaces()
            self.assertEqual(len(spaces), 1)
            self.assertTrue(spaces[0].equal(space))

    def test_enums_are_registered(self):
        for enum in (HttpAuth.Target, HttpAuth.PromptResult, HttpAuth.CredentialsMode,
                     HttpAuth.SavedLoginSource, HttpAuth.Error):
            self.assertTrue(enum.__gtype__.is_a(GObject.GEnum), enum)


class TestSession(unittest.TestCase):

    def fetch_with_credentials_prompter(self, path, scheme):
        session = HttpAuth.Session.new()
        prompter = HttpAuth.CredentialsPrompter.new(USER, PASSWORD)
        # It answers only origins it was told about.
        self.assertTrue(prompter.add_origin(server.base))
        session.set_prompter(prompter)
        response, body = fetch(session, server.url(path))
        self.assertEqual(response.get_status(), 200, body)
        self.assertIn(b"Hello alice", body)
        exchanges = response.get_exchanges()
        self.assertEqual([e.get_status() for e in exchanges], [401, 200])
        self.assertEqual(exchanges[1].get_auth_scheme(), scheme)

    def test_basic(self):
        self.fetch_with_credentials_prompter("/basic/index.html", "basic")

    def test_digest(self):
        self.fetch_with_credentials_prompter("/digest/all/report.txt", "digest")

    def test_credentials_prompter_other_origin(self):
        session = HttpAuth.Session.new()
        prompter = HttpAuth.CredentialsPrompter.new(USER, PASSWORD)
        prompter.add_origin("http://example.invalid")
        session.set_prompter(prompter)
        response, _ = fetch(session, server.url("/basic/index.html"))
        self.assertEqual(response.get_status(), 401)

    def test_python_prompter(self):
        session = HttpAuth.Session.new()
        prompter = AsyncPrompter()
        session.set_prompter(prompter)
        response, body = fetch(session, server.url("/digest/all/report.txt"))
        self.assertEqual(response.get_status(), 200, body)
        self.assertEqual(len(prompter.asked), 1)
        scheme, realm, origin = prompter.asked[0]
        self.assertEqual(scheme, "digest")
        self.assertEqual(origin, server.base)
        self.assertTrue(realm)

        # The same space again: the cache answers, nobody is asked.
        response, body = fetch(session, server.url("/digest/all/other.txt"))
        self.assertEqual(response.get_status(), 200, body)
        self.assertEqual(len(prompter.asked), 1)

    def test_python_prompter_wrong_password(self):
        session = HttpAuth.Session.new()
        prompter = AsyncPrompter(password="guess")
        session.set_prompter(prompter)
        response, _ = fetch(session, server.url("/basic/index.html"))
        self.assertEqual(response.get_status(), 401)
        self.assertGreaterEqual(len(prompter.asked), 1)

    def test_python_bearer_scheme(self):
        session = HttpAuth.Session.new()
        registry = session.get_scheme_registry()
        registry.register_for_name("Bearer", BearerScheme)
        self.assertEqual(registry.lookup("bearer"), BearerScheme.__gtype__)
        session.set_prompter(AsyncPrompter(password="unused"))
        realms = []

        def token_for_realm(realm):
            realms.append(realm)
            return "py-token-123"
        BearerScheme.token_for_realm = token_for_realm

        www = GLib.Uri.escape_string('Bearer realm="x"', None, False)
        response, body = fetch(session, server.url(f"/raw/?www={www}&accept=1"))
        self.assertEqual(response.get_status(), 200, body)
        self.assertIn(b"accepted your raw login", body)
        exchanges = response.get_exchanges()
        self.assertEqual([e.get_status() for e in exchanges], [401, 200])
        self.assertEqual(exchanges[1].get_auth_scheme(), "bearer")
        self.assertEqual(realms[0], "x")

        # Registered by name, the Python class chosen over Basic only by
        # strength: Basic (10) wins against this Bearer (5).
        www2 = GLib.Uri.escape_string('Basic realm="b"', None, False)
        challenges, _ = HttpAuth.challenge_parse('Bearer realm="x", Basic realm="b"')
        chosen = registry.choose(challenges, HttpAuth.Target.SERVER)
        self.assertEqual(chosen.get_scheme_name(), "basic")
        registry.unregister("basic")
        chosen = registry.choose(challenges, HttpAuth.Target.SERVER)
        self.assertIsInstance(chosen, BearerScheme)
        self.assertEqual(chosen.get_scheme_name(), "bearer")
        self.assertEqual(chosen.props.scheme_name, "bearer")
        self.assertTrue(www2)

    def test_scheme_name_property(self):
        challenges, _ = HttpAuth.challenge_parse('Bearer realm="x"')
        scheme = BearerScheme(challenge=challenges[0], scheme_name="Bearer")
        self.assertTrue(scheme.init(None))
        self.assertEqual(scheme.get_scheme_name(), "bearer")
        wrong = BearerScheme(challenge=challenges[0], scheme_name="token")
        with self.assertRaises(GLib.Error) as caught:
            wrong.init(None)
        self.assertTrue(caught.exception.matches(HttpAuth.error_quark(),
                                                 HttpAuth.Error.UNSUPPORTED_SCHEME))

    def test_cancellation(self):
        session = HttpAuth.Session.new()
        prompter = AsyncPrompter(hold=True)
        session.set_prompter(prompter)
        cancellable = Gio.Cancellable()
        request = HttpAuth.Request.new("GET", server.url("/basic/index.html"))
        request.set_prompt_context(HttpAuth.PromptContext.new(None, False))
        results = []
        session.send_and_read_async(request, cancellable,
                                    lambda s, result: results.append(result))
        wait_for(lambda: prompter.asked)
        cancellable.cancel()
        wait_for(lambda: results)
        with self.assertRaises(GLib.Error) as caught:
            session.send_and_read_finish(results[0])
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
        # The prompt's own cancellable told the prompter nobody waits.
        wait_for(lambda: prompter.cancelled == 1)


class TestKeyring(unittest.TestCase):
    """The keyring on libsecret's file backend: a login saved by one
    session answers the next without a prompt. Digest, because a saved
    login never goes out unasked as Basic over http://."""

    def test_saved_login_answers_next_session(self):
        keyring = HttpAuth.Keyring.new()

        session = HttpAuth.Session.new()
        session.set_keyring(keyring)
        prompter = HttpAuth.CredentialsPrompter.new(USER, PASSWORD)
        prompter.add_origin(server.base)
        prompter.set_password_save(Gio.PasswordSave.PERMANENTLY)
        session.set_prompter(prompter)
        response, body = fetch(session, server.url("/digest/all/keyring.txt"))
        self.assertEqual(response.get_status(), 200, body)
        self.assertTrue(run_async(lambda cb: session.flush_async(None, cb), session.flush_finish))

        logins = run_async(lambda cb: keyring.list_async(None, cb), keyring.list_finish)
        mine = [login for login in logins
                if login.get_space().dup_origin() == server.base]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0].get_username(), USER)
        self.assertEqual(mine[0].get_source(), HttpAuth.SavedLoginSource.HTTP_AUTH)

        later = HttpAuth.Session.new()
        later.set_keyring(HttpAuth.Keyring.new())
        nobody = AsyncPrompter(password="never-used")
        later.set_prompter(nobody)
        response, body = fetch(later, server.url("/digest/all/keyring.txt"))
        self.assertEqual(response.get_status(), 200, body)
        self.assertEqual(nobody.asked, [])

        self.assertTrue(run_async(lambda cb: keyring.forget_async(server.base, None, cb),
                                  keyring.forget_finish))
        logins = run_async(lambda cb: keyring.list_async(None, cb), keyring.list_finish)
        self.assertEqual([l for l in logins if l.get_space().dup_origin() == server.base], [])


if __name__ == "__main__":
    http_auth_gi.main()
