#!/usr/bin/env python3
# bench/report.py RESULTS_DIR OUTPUT.md — the table of bench/run.
#
# RESULTS_DIR/<row>/<client>/<round>.txt hold "key: value" lines (the
# client's own and bench/run's wall time, exchanges and 401s from the
# server's access log); callgrind/<peer>/ the instruction counts;
# micro/ the lines of bench/micro/; machine.txt the machine and versions.
# Prints the table and writes it, with the machine, into OUTPUT.md between
# the markers <!-- bench:begin --> and <!-- bench:end --> (the rest of the
# page, written by hand, is kept).

import os
import re
import statistics
import sys

RESULTS, OUTPUT = sys.argv[1], sys.argv[2]


def read_kv(path):
    values = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if ":" in line:
                    k, v = line.split(":", 1)
                    values[k.strip()] = v.strip()
    except OSError:
        pass
    return values


def runs(row, client):
    d = os.path.join(RESULTS, row, client)
    if not os.path.isdir(d):
        return []
    return [read_kv(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".txt")]


def nums(rs, key):
    out = []
    for r in rs:
        try:
            out.append(float(r[key]))
        except (KeyError, ValueError):
            pass
    return out


def med(xs):
    return statistics.median(xs) if xs else None


def fmt(x, digits=0):
    if x is None:
        return "—"
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def span(xs, digits=0):
    if not xs:
        return "—"
    lo, hi = min(xs), max(xs)
    return fmt(lo, digits) if lo == hi else f"{fmt(lo, digits)}–{fmt(hi, digits)}"


def failed_note(rs):
    bad = sum(1 for r in rs if float(r.get("failed", 0) or 0) > 0 or "exit" in r)
    return f" ({bad} run(s) with failures)" if bad else ""


machine = read_kv(os.path.join(RESULTS, "machine.txt"))
lines = []
add = lines.append

NAMES = {
    "httpauth": "HttpAuth",
    "soup": "libsoup SoupAuthManager",
    "preset": "preset header (floor)",
    "curl-anyauth": "curl CLI --anyauth",
    "curl-named": "curl CLI --basic/--digest",
    "libcurl-any": "libcurl multi CURLAUTH_ANY",
    "libcurl-named": "libcurl multi Basic/Digest",
    "libcurl": "libcurl multi (Basic, preemptive)",
}

add("| Benchmark | Client | Median | Min–max | HttpAuth ÷ client | Wall (median) |")
add("|---|---|---|---|---|---|")

COUNT_ROWS = [
    ("spaces-domain-20", "10 spaces × 100 GETs (5 Basic, 5 Digest), Digest `domain=`, 20 in flight: exchanges / 401s / Digest nonces"),
    ("spaces-nodomain-1", "same, Digest **without** `domain=`, sequential: exchanges / 401s / Digest nonces"),
    ("spaces-nodomain-20", "same, Digest **without** `domain=`, 20 in flight: exchanges / 401s / Digest nonces"),
    ("one-digest-20", "100 Digest GETs to one realm, 20 in flight: exchanges / 401s / Digest nonces"),
]
for row, title in COUNT_ROWS:
    ha = runs(row, "httpauth")
    ha_ex = med(nums(ha, "exchanges"))
    for client in ["httpauth", "soup", "curl-anyauth", "curl-named", "libcurl-any", "libcurl-named"]:
        rs = runs(row, client)
        if not rs:
            continue
        ex, un = nums(rs, "exchanges"), nums(rs, "unauthorized")
        ratio = "—" if client == "httpauth" or not med(ex) else f"{ha_ex / med(ex):.3f}"
        nn = nums(rs, "nonces")
        add(f"| {title} | {NAMES[client]}{failed_note(rs)} | {fmt(med(ex))} / {fmt(med(un))} / {fmt(med(nn))} | "
            f"{span(ex)} / {span(un)} / {span(nn)} | {ratio} | {fmt(med(nums(rs, 'wall_s')), 3)} s |")
        title = "″"

# Throughput: requests/s of the timed part; ratio to the floor.
floor = med(nums(runs("throughput", "preset"), "requests_per_s"))
ha_rps = med(nums(runs("throughput", "httpauth"), "requests_per_s"))
title = f"throughput, 1 Basic realm (nginx), {machine.get('throughput_n', '?')} GETs, 20 in flight: requests/s"
for client in ["preset", "httpauth", "soup", "libcurl"]:
    rs = runs("throughput", client)
    if not rs:
        continue
    rps = nums(rs, "requests_per_s")
    ratio = "—" if client == "httpauth" or not med(rps) else f"{ha_rps / med(rps):.3f}"
    floor_ratio = f"; ÷ floor {med(rps) / floor:.3f}" if floor and client != "preset" else ""
    add(f"| {title} | {NAMES[client]}{failed_note(rs)} | {fmt(med(rps))}{floor_ratio} | {span(rps)} | {ratio} | "
        f"{fmt(med(nums(rs, 'elapsed_s')), 3)} s |")
    title = "″"

# Instructions per request under callgrind (client process only).
cg = {}
cg_runs = {}
for client in ["preset", "httpauth", "soup", "libcurl"]:
    d = os.path.join(RESULTS, "callgrind", client)
    per = []
    for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        if not re.fullmatch(r"\d+\.txt", f):
            continue
        r = read_kv(os.path.join(d, f))
        try:
            per.append(float(r["instructions"]) / float(r["timed_requests"]))
        except (KeyError, ValueError, ZeroDivisionError):
            pass
    if per:
        cg[client] = med(per)
        cg_runs[client] = per
title = f"instructions/request (callgrind, {machine.get('callgrind_n', '?')} GETs after warm-up, same setup)"
for client in ["preset", "httpauth", "soup", "libcurl"]:
    if client not in cg:
        continue
    over = ""
    if "preset" in cg and client != "preset":
        d = cg[client] - cg["preset"]
        over = (f"; floor ÷ client {cg['preset'] / cg[client]:.3f}, "
                + (f"+{d:,.0f} over the floor" if d >= 0 else f"{-d:,.0f} below the floor"))
    ratio = "—" if client == "httpauth" or "httpauth" not in cg else f"{cg['httpauth'] / cg[client]:.3f}"
    runs_note = span(cg_runs[client]) + (f" ({len(cg_runs[client])} runs)" if len(cg_runs[client]) > 1 else " (1 run)")
    add(f"| {title} | {NAMES[client]} | {cg[client]:,.0f}{over} | {runs_note} | {ratio} | |")
    title = "″"

# 1000 concurrent requests to one realm.
title = "1000 concurrent requests to one Digest realm (20 connections, answer after 50 ms): prompts / verification requests / answer → last request written with credentials"
for client in ["httpauth", "soup"]:
    rs = runs("concurrent-1000", client)
    if not rs:
        continue
    p, v, t = nums(rs, "prompts"), nums(rs, "verification_requests"), nums(rs, "answer_to_last_release_ms")
    add(f"| {title} | {NAMES[client]}{failed_note(rs)} | {fmt(med(p))} / {fmt(med(v))} / {fmt(med(t), 1)} ms | "
        f"{span(p)} / {span(v)} / {span(t, 1)} ms | | {fmt(med(nums(rs, 'wall_s')), 3)} s |")
    title = "″"
title = "″ release apart from the wire: answer → first 2xx (the verification request's round trip) / first 2xx → last waiting request handed to libsoup (requests handed)"
rs = runs("concurrent-1000", "httpauth")
if rs and nums(rs, "first_ok_to_last_queued_ms"):
    a, r, q = nums(rs, "answer_to_first_ok_ms"), nums(rs, "first_ok_to_last_queued_ms"), nums(rs, "queued_after_answer")
    add(f"| {title} | {NAMES['httpauth']} | {fmt(med(a), 1)} ms / {fmt(med(r), 1)} ms ({fmt(med(q))}) | "
        f"{span(a, 1)} ms / {span(r, 1)} ms ({span(q)}) | | |")
title = "″ exchanges / 401s"
for client in ["httpauth", "soup"]:
    rs = runs("concurrent-1000", client)
    if not rs:
        continue
    ex, un = nums(rs, "exchanges"), nums(rs, "unauthorized")
    add(f"| {title} | {NAMES[client]} | {fmt(med(ex))} / {fmt(med(un))} | {span(ex)} / {span(un)} | | |")

# Peak RSS.
for row, label in [("throughput", "peak RSS, throughput run (KiB)"), ("concurrent-1000", "peak RSS, 1000 concurrent (KiB)")]:
    title = label
    for client in ["preset", "httpauth", "soup", "libcurl"]:
        rs = runs(row, client)
        if not rs:
            continue
        m = nums(rs, "maxrss_kb")
        ha = med(nums(runs(row, "httpauth"), "maxrss_kb"))
        ratio = "—" if client == "httpauth" or not med(m) else f"{ha / med(m):.3f}"
        add(f"| {title} | {NAMES[client]} | {fmt(med(m))} | {span(m)} | {ratio} | |")
        title = "″"

# bench/micro/.
micro_dir = os.path.join(RESULTS, "micro")
if os.path.isdir(micro_dir):
    for f in sorted(os.listdir(micro_dir)):
        if not f.endswith(".txt"):
            continue
        title = f"bench/micro/{f[:-4]}"
        kv = read_kv(os.path.join(micro_dir, f))
        if f == "bench-keyring.txt" and "keyring.spaces" in kv:
            n = kv["keyring.spaces"]
            title = (f"keyring on a real gnome-keyring ({n} spaces): one store / one lookup (median ms), "
                     f"{n} lookups at once (ms), longest main-thread stretch without polling / longest gap "
                     f"between 1 ms ticks (ms)")
            for client, name in [("httpauth", "HttpAuthKeyring (worker thread)"),
                                 ("libsecret_async", "libsecret async API"),
                                 ("libsecret_sync", "libsecret blocking API on the main thread")]:
                g = lambda key: kv.get(f"keyring.{client}.{key}", "—")
                bad = " (failed)" if g("failed") not in ("0", "—") else ""
                add(f"| {title} | {name}{bad} | {g('store_ms')} / {g('lookup_ms')}, {g('lookups_at_once_ms')} | | | "
                    f"busy {g('main_thread_busy_max_ms')} / gap {g('tick_gap_max_ms')} |")
                title = "″"
            continue
        for k, v in kv.items():
            add(f"| {title} | HttpAuth: {k} | {v} | | | |")
            title = "″"
else:
    add("| challenge parsing, cache lookups (bench/micro/) | — | not built in this checkout | | | |")

table = "\n".join(lines)

mach = [
    f"- Machine: {machine.get('nproc', '?')} CPUs, {machine.get('cpu', '?')}, kernel {machine.get('kernel', '?')}; "
    f"load average at the end {machine.get('load', '?')}",
    f"- Versions: libsoup {machine.get('libsoup', '?')}, GLib {machine.get('glib', '?')}, curl {machine.get('curl', '?')} "
    f"(libcurl {machine.get('libcurl', '?')}), Apache {machine.get('apache', '?')}, nginx {machine.get('nginx', '?')}, "
    f"{machine.get('valgrind', '?')}, HttpAuth {machine.get('httpauth', '?')}",
    f"- Run: {machine.get('date', '?')}; {machine.get('rounds', '?')} interleaved rounds for throughput, "
    f"{machine.get('count_rounds', '?')} for the counting rows",
]
block = "<!-- bench:begin -->\n" + "\n".join(mach) + "\n\n" + table + "\n<!-- bench:end -->"

print("\n".join(mach))
print()
print(table)

try:
    with open(OUTPUT, encoding="utf-8") as f:
        page = f.read()
except OSError:
    page = ""
if "<!-- bench:begin -->" in page and "<!-- bench:end -->" in page:
    head, rest = page.split("<!-- bench:begin -->", 1)
    _, tail = rest.split("<!-- bench:end -->", 1)
    page = head + block + tail
else:
    page = ("# Benchmarks\n\nWritten by `bash bench/run`; the text outside the markers is kept.\n\n"
            + block + "\n")
with open(OUTPUT, "w", encoding="utf-8") as f:
    f.write(page)
print(f"\nwrote {OUTPUT}")
