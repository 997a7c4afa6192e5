#!/usr/bin/env python3
# consumer.py
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

"""A Python application on an installed HttpAuth: run by
test-installed.sh with GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing into
the installed tree only. Fetches a Digest page from `http-auth serve`
(the installed CLI) with a CredentialsPrompter bound to the origin.

Usage: consumer.py INSTALLED-LIBDIR HTTP-AUTH-TOOL"""

import re
import subprocess
import sys

import gi
gi.require_version("HttpAuth", "1")
from gi.repository import GLib, HttpAuth  # noqa: E402

libdir, tool = sys.argv[1], sys.argv[2]

server = subprocess.Popen([tool, "serve"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
try:
    base = None
    for line in server.stdout:
        match = re.search(r"Serving on (http://127\.0\.0\.1:\d+)/", line)
        if match:
            base = match.group(1)
            break
    if base is None:
        sys.exit("http-auth serve did not start")

    session = HttpAuth.Session.new()

    # The library the typelib loaded (on first use) is the installed one.
    with open("/proc/self/maps") as maps:
        loaded = {line.split()[-1] for line in maps if "libhttp-auth-1.so" in line}
    if not loaded or not all(path.startswith(libdir + "/") for path in loaded):
        sys.exit(f"libhttp-auth-1 loaded from {loaded}, not from {libdir}")

    prompter = HttpAuth.CredentialsPrompter.new("alice", "wonderland")
    prompter.add_origin(base)
    session.set_prompter(prompter)

    request = HttpAuth.Request.new("GET", base + "/digest/all/report.txt")
    request.set_prompt_context(HttpAuth.PromptContext.new(None, False))

    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        try:
            outcome["response"], outcome["body"] = source.send_and_read_finish(result)
        except GLib.Error as error:
            outcome["error"] = error
        loop.quit()

    session.send_and_read_async(request, None, done)
    GLib.timeout_add_seconds(60, loop.quit)
    loop.run()

    if "response" not in outcome:
        sys.exit(f"fetch failed: {outcome.get('error')}")
    response = outcome["response"]
    statuses = [e.get_status() for e in response.get_exchanges()]
    print(f"GET {base}/digest/all/report.txt: {statuses}")
    if response.get_status() != 200 or b"Hello alice" not in outcome["body"].get_data():
        sys.exit("not logged in")
finally:
    server.terminate()
    server.communicate(timeout=10)
