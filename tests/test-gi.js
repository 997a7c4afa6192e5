// test-gi.js
//
// Copyright 2026 The HttpAuth authors
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A GJS smoke test of HttpAuth-1: the challenge parser's arrays, then a
// Basic login against `http-auth serve`, and a Bearer scheme written in
// JavaScript, registered and used. Prints TAP.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import GObject from 'gi://GObject';
import HttpAuth from 'gi://HttpAuth?version=1';

const USER = 'alice';
const PASSWORD = 'wonderland';

let number = 0;
let failed = 0;
const tests = [];

function check(condition, message) {
    if (!condition)
        throw new Error(`check failed: ${message}`);
}

function waitFor(predicate, seconds = 20) {
    const deadline = GLib.get_monotonic_time() + seconds * GLib.USEC_PER_SEC;
    const context = GLib.MainContext.default();
    while (!predicate()) {
        if (GLib.get_monotonic_time() > deadline)
            throw new Error('timed out waiting on the main loop');
        context.iteration(true);
    }
}

function startServer() {
    const tool = GLib.getenv('HTTP_AUTH_TOOL');
    const process = Gio.Subprocess.new([tool, 'serve'],
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_MERGE);
    const lines = new Gio.DataInputStream({base_stream: process.get_stdout_pipe()});
    for (;;) {
        const [line] = lines.read_line_utf8(null);
        if (line === null)
            throw new Error('http-auth serve did not start');
        const match = /Serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
        if (match)
            return {process, base: match[1]};
    }
}

// GJS 1.74 cannot implement a virtual function that takes a callback
// (HttpAuth.Prompter's ask_async), so the prompts here are answered by
// HttpAuth.CredentialsPrompter; a scheme has no such virtual function.
const JsBearerScheme = GObject.registerClass(
class JsBearerScheme extends HttpAuth.Scheme {
    vfunc_get_strength() {
        return 5;
    }

    vfunc_dup_authorization(credential, method, requestTarget, body) {
        return `Bearer js-token-for-${this.get_realm()}`;
    }
});

function fetch(session, url) {
    const request = HttpAuth.Request.new('GET', url);
    request.set_prompt_context(HttpAuth.PromptContext.new(null, false));
    let result = null;
    session.send_and_read_async(request, null, (s, res) => {
        result = res;
    });
    waitFor(() => result !== null);
    const [response, body] = session.send_and_read_finish(result);
    return [response, new TextDecoder().decode(body.toArray())];
}

function newSession() {
    const session = HttpAuth.Session.new();
    const prompter = HttpAuth.CredentialsPrompter.new(USER, PASSWORD);
    check(prompter.add_origin(server.base), 'add_origin');
    session.set_prompter(prompter);
    return session;
}

tests.push(['challenge_parse returns owned arrays', () => {
    for (let i = 0; i < 20; i++) {
        const [challenges, errors] = HttpAuth.challenge_parse(
            'Basic realm="a" x, Digest realm="b", nonce="n", Bearer realm="c"');
        check(challenges.length === 2, `two challenges, got ${challenges.length}`);
        check(challenges[0].get_scheme() === 'digest', 'digest first');
        check(challenges[1].lookup_param('realm') === 'c', 'bearer realm');
        check(errors.length === 1, 'one parse error');
    }
}]);

tests.push(['Basic with a credentials prompter', () => {
    const session = newSession();
    const [response, body] = fetch(session, `${server.base}/basic/index.html`);
    check(response.get_status() === 200, `status ${response.get_status()}`);
    check(body.includes('Hello alice'), 'body');
    const exchanges = response.get_exchanges();
    check(exchanges.length === 2 && exchanges[1].get_auth_scheme() === 'basic', 'exchanges');
}]);

tests.push(['a JavaScript Bearer scheme registered by name', () => {
    const session = newSession();
    session.get_scheme_registry().register_for_name('bearer', JsBearerScheme.$gtype);
    const www = GLib.Uri.escape_string('Bearer realm="x"', null, false);
    const [response, body] = fetch(session, `${server.base}/raw/?www=${www}&accept=1`);
    check(response.get_status() === 200, `status ${response.get_status()}: ${body}`);
    const exchanges = response.get_exchanges();
    check(exchanges.length === 2 && exchanges[1].get_auth_scheme() === 'bearer', 'sent as bearer');
}]);

const server = startServer();
print(`1..${tests.length}`);
for (const [name, func] of tests) {
    number++;
    try {
        func();
        print(`ok ${number} - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok ${number} - ${name}`);
        for (const line of `${e}\n${e.stack}`.split('\n'))
            print(`# ${line}`);
    }
}
server.process.force_exit();
server.process.wait(null);
imports.system.exit(failed ? 1 : 0);
