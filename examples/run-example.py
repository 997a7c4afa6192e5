#!/usr/bin/env python3
# run-example.py
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Runs one of the json-client examples against `http-auth serve` and
prints TAP for meson.

    run-example.py [--screenshot] HTTP-AUTH PATH -- PROGRAM [ARG...]

Starts the demo server on a free loopback port (the tool picks it and
prints it), gives the example libsecret's file backend in a scratch
directory, runs PROGRAM ARG... --self-test URL (URL is the server's address
followed by PATH; with --screenshot, also --screenshot FILE) and checks what
the example printed: the 200, exactly one login bar, the login saved in
the keyring, and the PNG if asked for.
Needs no PyGObject itself; meson runs it under xvfb-run and
dbus-run-session.
"""

import os
import re
import subprocess
import sys
import tempfile


def main():
    args = sys.argv[1:]
    want_screenshot = args[:1] == ["--screenshot"]
    if want_screenshot:
        args = args[1:]
    if len(args) < 4 or args[2] != "--":
        print("usage: run-example.py [--screenshot] HTTP-AUTH PATH -- PROGRAM [ARG...]", file=sys.stderr)
        return 2
    tool, path, program = args[0], args[1], args[3:]

    server = subprocess.Popen([tool, "serve"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    base = None
    server_log = []
    for line in server.stdout:
        server_log.append(line)
        match = re.search(r"Serving on (http://127\.0\.0\.1:\d+)/", line)
        if match:
            base = match.group(1)
            break
    if base is None:
        print("Bail out! http-auth serve did not start: " + "".join(server_log).strip())
        return 1

    scratch = tempfile.TemporaryDirectory(prefix="http-auth-example-")
    env = dict(os.environ)
    env.update({
        "SECRET_BACKEND": "file",
        "SECRET_FILE_TEST_PATH": os.path.join(scratch.name, "keyring"),
        "SECRET_FILE_TEST_PASSWORD": "example-only",
        "XDG_DATA_HOME": scratch.name,
        "JSON_CLIENT_USER": "alice",
        "JSON_CLIENT_PASSWORD": "wonderland",
    })
    screenshot = os.path.join(scratch.name, "json-client.png")

    try:
        extra = ["--screenshot", screenshot] if want_screenshot else []
        run = subprocess.run(program + ["--self-test"] + extra + [base + path],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=120)
        output, returncode = run.stdout, run.returncode
    except subprocess.TimeoutExpired as timeout:
        output = timeout.stdout or b""
        output, returncode = output.decode("utf-8", "replace"), "timeout"
    finally:
        server.terminate()
        server.communicate(timeout=10)

    printed = dict(re.findall(r"^(status|bars|saved): (\d+)$", output, re.MULTILINE))
    is_png = False
    if os.path.exists(screenshot):
        with open(screenshot, "rb") as png:
            is_png = png.read(8) == b"\x89PNG\r\n\x1a\n"

    checks = [
        (returncode == 0, f"the example exits 0 (got {returncode})"),
        (printed.get("status") == "200", f"GET {path} ends in 200 (got {printed.get('status')})"),
        (printed.get("bars") == "1", f"the login bar appeared once (got {printed.get('bars')})"),
        (printed.get("saved") == "1", f"the login is in the keyring (got {printed.get('saved')})"),
    ]
    if want_screenshot:
        checks.append((is_png, "the screenshot is a PNG"))
    print(f"1..{len(checks)}")
    for number, (ok, what) in enumerate(checks, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {what}")
    if not all(ok for ok, _ in checks):
        for line in output.splitlines():
            print("# " + line)
    scratch.cleanup()
    return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
