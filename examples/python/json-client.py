#!/usr/bin/env python3
# json-client.py
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

"""A GTK 4 window that fetches one protected resource through
HttpAuth.Session and shows it: pretty-printed when it is JSON, as text
otherwise. A 401 puts HttpAuthGtk's login bar above the content (no
dialog); a login the user asks to remember goes to the keyring, which
answers the next run without a bar.

    json-client.py URL
    json-client.py --self-test URL

--self-test answers the bar itself (JSON_CLIENT_USER and
JSON_CLIENT_PASSWORD, by default the demo server's alice/wonderland),
prints "status: N", "bars: N" and "saved: N", and exits 0 after a 200 that
took exactly one bar. The C twin is examples/c/json-client.c; only it has
--screenshot (PyGObject 3.42 cannot hand GTK 4.8's render nodes to Python).
"""

import argparse
import json
import os
import sys

import gi

gi.require_version("Gtk", "4.0")
gi.require_version("HttpAuth", "1")
gi.require_version("HttpAuthGtk", "1")
from gi.repository import Gio, GLib, Gtk, HttpAuth, HttpAuthGtk  # noqa: E402

SELF_TEST_TIMEOUT_SECONDS = 60


class JsonClient(Gtk.Application):

    def __init__(self, url, self_test=False):
        super().__init__(application_id="org.gnome.HttpAuth.Examples.JsonClientPy",
                         flags=Gio.ApplicationFlags.NON_UNIQUE)
        self.url = url
        self.self_test = self_test
        self.window = None
        self.exit_status = 0
        self.last_bar = None
        self.bars_seen = 0
        self.status = 0
        self.finished = False

    def do_startup(self):
        Gtk.Application.do_startup(self)
        HttpAuthGtk.init()
        uri = GLib.Uri.parse(self.url, GLib.UriFlags.NONE)
        self.origin = GLib.Uri.join(GLib.UriFlags.NONE, uri.get_scheme(), None, uri.get_host(),
                                    uri.get_port(), "", None, None)
        self.session = HttpAuth.Session.new()
        self.keyring = HttpAuth.Keyring.new()
        self.prompter = HttpAuthGtk.Prompter.new()
        self.session.set_keyring(self.keyring)
        self.session.set_prompter(self.prompter)
        # One window, one "tab": its top-level site is the API's origin.
        self.context = HttpAuth.PromptContext.new(self.origin, False)

    def do_activate(self):
        if self.window is not None:
            self.window.present()
            return

        self.window = Gtk.ApplicationWindow(application=self, title="JSON client",
                                            default_width=640, default_height=420)
        self.window.connect("destroy", self.on_destroy)

        header = Gtk.HeaderBar()
        self.reload_button = Gtk.Button.new_from_icon_name("view-refresh-symbolic")
        self.reload_button.set_tooltip_text("Reload")
        self.reload_button.connect("clicked", lambda button: self.fetch())
        header.pack_start(self.reload_button)
        self.window.set_titlebar(header)

        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        self.window.set_child(box)

        # The login bar appears here, above the content, never as a dialog.
        bar_area = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        box.append(bar_area)
        self.prompter.add_tab(self.context, bar_area)

        self.status_label = Gtk.Label(label=self.url, xalign=0, margin_start=12, margin_end=12,
                                      margin_top=6, margin_bottom=6)
        box.append(self.status_label)

        view = Gtk.TextView(editable=False, monospace=True, left_margin=12, top_margin=6)
        self.buffer = view.get_buffer()
        scrolled = Gtk.ScrolledWindow(vexpand=True, child=view)
        box.append(scrolled)

        self.window.present()

        if self.self_test:
            self.watch_id = GLib.timeout_add(20, self.watch_bar)
            self.timeout_id = GLib.timeout_add_seconds(SELF_TEST_TIMEOUT_SECONDS, self.on_timeout)
        self.fetch()

    def on_destroy(self, window):
        self.prompter.remove_tab(self.context)
        self.window = None

    def fetch(self):
        request = HttpAuth.Request.new("GET", self.url)
        # Only a request with a prompt context may prompt: it names the tab
        # (here the window) whose bar area shows the login bar.
        request.set_prompt_context(self.context)
        self.status_label.set_text("Loading…")
        self.reload_button.set_sensitive(False)
        self.session.send_and_read_async(request, None, self.on_fetched)

    def on_fetched(self, session, result):
        try:
            response, body = session.send_and_read_finish(result)
        except GLib.Error as error:
            if self.window is None:
                return
            self.reload_button.set_sensitive(True)
            self.status_label.set_text(f"Failed: {error.message}")
            if self.self_test:
                self.finish()
            return
        if self.window is None:
            return

        self.reload_button.set_sensitive(True)
        self.status = response.get_status()
        self.status_label.set_text(f"{self.status} {response.get_reason_phrase()}")
        self.show_body(body.get_data())

        if self.self_test:
            self.session.flush_async(None, self.on_flushed)

    def show_body(self, data):
        # JSON is shown indented; anything else as it came.
        try:
            text = json.dumps(json.loads(data), indent=2, ensure_ascii=False)
        except ValueError:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = f"({len(data)} bytes of binary data)"
        self.buffer.set_text(text, -1)

    # The self-test plays the user: each new bar gets a name, a password
    # and "Remember", then its submit action, as a click on "Log in" would.
    def watch_bar(self):
        bar = self.prompter.get_bar(self.context)
        if bar is not None and bar is not self.last_bar:
            self.bars_seen += 1
            bar.set_username(os.environ.get("JSON_CLIENT_USER", "alice"))
            bar.set_password(os.environ.get("JSON_CLIENT_PASSWORD", "wonderland"))
            bar.set_remember(True)
            bar.activate_action("prompt-bar.submit", None)
        self.last_bar = bar
        return GLib.SOURCE_CONTINUE

    def on_flushed(self, session, result):
        # The login the bar asked to remember is in the keyring once this ends.
        try:
            session.flush_finish(result)
        except GLib.Error as error:
            print(f"json-client: saving the login: {error.message}", file=sys.stderr)
        self.keyring.list_async(None, self.on_listed)

    def on_listed(self, keyring, result):
        saved = 0
        try:
            logins = keyring.list_finish(result)
            saved = sum(1 for login in logins if login.get_space().dup_origin() == self.origin)
        except GLib.Error as error:
            print(f"json-client: keyring: {error.message}", file=sys.stderr)
        print(f"saved: {saved}", flush=True)
        GLib.idle_add(self.finish)

    def on_timeout(self):
        self.timeout_id = 0
        print(f"json-client: no response after {SELF_TEST_TIMEOUT_SECONDS} s", file=sys.stderr)
        self.finish()
        return GLib.SOURCE_REMOVE

    def finish(self):
        # Once only: the timeout and a late response may both get here.
        if self.finished or self.window is None:
            return GLib.SOURCE_REMOVE
        self.finished = True
        print(f"status: {self.status}\nbars: {self.bars_seen}", flush=True)
        self.exit_status = 0 if self.status == 200 and self.bars_seen == 1 else 1
        GLib.source_remove(self.watch_id)
        if self.timeout_id:
            GLib.source_remove(self.timeout_id)
        self.window.destroy()
        return GLib.SOURCE_REMOVE


def main():
    parser = argparse.ArgumentParser(description="Show a protected JSON resource.")
    parser.add_argument("--self-test", action="store_true",
                        help="answer the login bar, print the status and exit")
    parser.add_argument("url", metavar="URL")
    args = parser.parse_args()

    app = JsonClient(args.url, args.self_test)
    app.run([sys.argv[0]])
    return app.exit_status


if __name__ == "__main__":
    sys.exit(main())
