# http_auth_gi.py
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Shared helpers for the PyGObject tests: the demo server, a main-loop
wait with a deadline, and a unittest runner that prints TAP for meson."""

import os
import re
import subprocess
import sys
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("HttpAuth", "1")
from gi.repository import GLib  # noqa: E402

USER = "alice"
PASSWORD = "wonderland"


class DemoServer:
    """`http-auth serve` as a child process on a free loopback port.

    The tool picks the port itself and prints it on its "Serving" line, so
    no port is guessed and none can be taken by another test in between.
    """

    def __init__(self):
        tool = os.environ["HTTP_AUTH_TOOL"]
        self.process = subprocess.Popen([tool, "serve"], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.log = []
        for line in self.process.stdout:
            self.log.append(line)
            match = re.search(r"Serving on (http://127\.0\.0\.1:\d+)/", line)
            if match:
                self.base = match.group(1)
                break
        else:
            raise RuntimeError("http-auth serve did not start: " + "".join(self.log))

    def url(self, path):
        return self.base + path

    def stop(self):
        self.process.terminate()
        self.process.communicate(timeout=10)


def wait_for(predicate, timeout=20):
    """Iterates the default main context until predicate() is true."""
    deadline = GLib.get_monotonic_time() + timeout * GLib.USEC_PER_SEC
    context = GLib.MainContext.default()
    while not predicate():
        if GLib.get_monotonic_time() > deadline:
            raise AssertionError("timed out waiting on the main loop")
        context.iteration(False) or GLib.usleep(1000)


def run_async(start, finish, timeout=20):
    """Calls start(callback) and waits for the callback; returns finish(result)."""
    results = []
    start(lambda source, result, *args: results.append(result))
    wait_for(lambda: results, timeout)
    return finish(results[0])


class TapResult(unittest.TestResult):
    """Prints one TAP line per test as it ends."""

    def __init__(self):
        super().__init__()
        self.number = 0

    def _line(self, test, ok, note=""):
        self.number += 1
        print(f"{'ok' if ok else 'not ok'} {self.number} - {test.id()}{note}", flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(test, True)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line(test, True, f" # SKIP {reason}")

    def _fail(self, test, err, kind):
        self._line(test, False)
        text = self._exc_info_to_string(err, test)
        for line in (f"{kind}:\n" + text).splitlines():
            print("# " + line, flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err, "failure")

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err, "error")


def main(module_name="__main__"):
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module_name])
    print(f"1..{suite.countTestCases()}", flush=True)
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
