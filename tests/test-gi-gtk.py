#!/usr/bin/env python3
# test-gi-gtk.py
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

"""HttpAuthGtk-1 from Python: the in-tab prompt bar of a GTK 4 window
answers a Basic login from the demo server. Runs under Xvfb."""

import unittest

import gi

gi.require_version("Gtk", "4.0")
gi.require_version("HttpAuthGtk", "1")

import http_auth_gi  # noqa: E402
from http_auth_gi import PASSWORD, USER, wait_for  # noqa: E402
from gi.repository import GLib, Gtk, HttpAuth, HttpAuthGtk  # noqa: E402

server = None


def setUpModule():
    global server
    server = http_auth_gi.DemoServer()
    Gtk.init()
    HttpAuthGtk.init()


def tearDownModule():
    server.stop()


class TestPromptBar(unittest.TestCase):

    def setUp(self):
        self.session = HttpAuth.Session.new()
        self.prompter = HttpAuthGtk.Prompter.new()
        self.session.set_prompter(self.prompter)
        self.window = Gtk.Window(default_width=640, default_height=320)
        self.area = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        self.window.set_child(self.area)
        self.context = HttpAuth.PromptContext.new(server.base, False)
        self.prompter.add_tab(self.context, self.area)
        self.window.present()

    def tearDown(self):
        self.window.destroy()
        self.prompter.remove_tab(self.context)
        for _ in range(20):
            GLib.MainContext.default().iteration(False)

    def start(self, path):
        request = HttpAuth.Request.new("GET", server.url(path))
        request.set_prompt_context(self.context)
        results = []
        self.session.send_and_read_async(request, None, lambda s, r: results.append(r))
        return results

    def wait_for_bar(self):
        wait_for(lambda: self.prompter.get_bar(self.context) is not None)
        return self.prompter.get_bar(self.context)

    def test_bar_contents(self):
        bar = HttpAuthGtk.PromptBar.new()
        self.assertIsInstance(bar, HttpAuthGtk.PromptBar)
        prompt = HttpAuth.Prompt.new(None, HttpAuth.Target.SERVER, "http://127.0.0.1:8080",
                                     "Members area", "basic", "http://127.0.0.1:8080/x",
                                     False, True)
        bar.set_prompt(prompt)
        self.assertEqual(bar.get_title(), "Log in to http://127.0.0.1:8080")
        self.assertEqual(bar.get_message(), "The site says: “Members area”")
        self.assertIs(bar.get_prompt(), prompt)

    def test_submit_logs_in(self):
        results = self.start("/basic/index.html")
        bar = self.wait_for_bar()
        self.assertIs(bar.get_parent(), self.area)
        self.assertEqual(bar.get_prompt().get_auth_scheme(), "basic")
        self.assertEqual(bar.get_title(), f"Log in to {server.base}")
        submitted = []
        bar.connect("submit", lambda b, credential, *rest: submitted.append(credential.get_username()))
        bar.set_username(USER)
        bar.set_password(PASSWORD)
        self.assertTrue(bar.activate_action("prompt-bar.submit", None))
        wait_for(lambda: results)
        response, body = self.session.send_and_read_finish(results[0])
        self.assertEqual(response.get_status(), 200, body.get_data())
        self.assertEqual(submitted, [USER])
        wait_for(lambda: self.prompter.get_bar(self.context) is None)

    def test_cancel_shows_the_401(self):
        results = self.start("/basic/cancel.html")
        bar = self.wait_for_bar()
        cancelled = []
        bar.connect("cancel", lambda b: cancelled.append(True))
        self.assertTrue(bar.activate_action("prompt-bar.cancel", None))
        wait_for(lambda: results)
        response, _ = self.session.send_and_read_finish(results[0])
        self.assertEqual(response.get_status(), 401)
        self.assertEqual(cancelled, [True])


if __name__ == "__main__":
    http_auth_gi.main()
