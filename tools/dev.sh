#!/usr/bin/env bash
# tools/dev.sh — the two commands of README.md.
#
#   bash tools/dev.sh demo   # the main job: the demo server and a Basic and a
#                            # Digest SHA-512-256 login, step by step, then
#                            # the GTK client and the WebKitGTK browser
#   bash tools/dev.sh test   # the whole test suite, in a -Dwerror=true build and
#                            # an ASan/UBSan build; ends with "N passed, N failed"
#
# Both install what is missing (Debian 12 packages, as root) and configure
# meson once; when everything is there they only rebuild what changed.
set -euo pipefail

cd "$(dirname "$0")/.."

BUILD_PACKAGES=(
  build-essential meson ninja-build pkg-config python3
  libglib2.0-dev libsoup-3.0-dev libsecret-1-dev libgtk-4-dev
  nettle-dev libjson-glib-dev libwebkitgtk-6.0-dev libkrb5-dev libcurl4-openssl-dev
  gobject-introspection libgirepository1.0-dev gi-docgen
)
# Real servers and tools the tests start themselves.
TEST_PACKAGES=(
  apache2 lighttpd nginx-light curl gnome-keyring dbus libsecret-tools xvfb xauth fonts-dejavu-core
  squid openssl
  krb5-kdc krb5-admin-server krb5-user libapache2-mod-auth-gssapi
  clang libclang-rt-14-dev valgrind
  python3-gi gir1.2-glib-2.0 gir1.2-soup-3.0 gir1.2-secret-1 gir1.2-gtk-4.0 gir1.2-webkit-6.0 gjs
  groff-base man-db
)

missing_packages() {
  local p
  for p in "$@"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
      printf '%s\n' "$p"
    fi
  done
}

ensure_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  echo "Installing missing packages:" $missing
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: not root; install them with: sudo apt-get install -y --no-install-recommends" $missing >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
}

configure() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Dwerror=true "$@"
  fi
  meson compile -C "$dir"
}

summarize() {
  python3 - "$@" <<'PY'
import json, re, sys

passed = failed = skipped = 0
for log in sys.argv[1:]:
    try:
        lines = open(log, encoding="utf-8").read().splitlines()
    except OSError:
        print(f"missing {log}", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        ok = nok = skip = 0
        for out in (t.get("stdout") or "").splitlines():
            if re.match(r"^ok \d+", out):
                if re.search(r"#\s*SKIP", out, re.I):
                    skip += 1
                else:
                    ok += 1
            elif re.match(r"^not ok \d+", out):
                if re.search(r"#\s*TODO", out, re.I):
                    skip += 1
                else:
                    nok += 1
        # A crash, timeout or bad exit with no failing TAP line still fails.
        if t["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and nok == 0:
            nok = 1
        if t["result"] == "SKIP" and ok + nok + skip == 0:
            skip = 1
        passed += ok
        failed += nok
        skipped += skip
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
PY
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# demo_realm DIR: a throwaway MIT Kerberos realm HTTPAUTH.TEST in DIR, for
# the demo's Negotiate step. Nothing system-wide is read or written: the
# KDC's and the clients' configuration come from DIR through environment
# variables given to each command; krb5kdc runs in the foreground (-n) on
# a free 127.0.0.1 port, as DEMO_KDC, stopped by the demo's EXIT trap.
# principals: alice (password alicepw), HTTP/127.0.0.1 and HTTP/localhost
# (their keys in DIR/http.keytab); alice's ticket in DIR/ccache.
demo_realm() {
  local dir=$1 kport
  local -a env_kdc
  mkdir -p "$dir/kdc" "$dir/rcache"
  PATH=$PATH:/usr/sbin:/sbin
  command -v kdb5_util > /dev/null && command -v krb5kdc > /dev/null && command -v kinit > /dev/null \
    || { echo "kdb5_util, krb5kdc or kinit not found (krb5-kdc, krb5-admin-server, krb5-user)" > "$dir/setup.log"; return 1; }
  kport=$(free_port)
  echo "$kport" > "$dir/kdc-port"
  cat > "$dir/krb5.conf" <<EOF
[libdefaults]
    default_realm = HTTPAUTH.TEST
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    dns_canonicalize_hostname = false
    qualify_shortname = ""
    udp_preference_limit = 1
[realms]
    HTTPAUTH.TEST = {
        kdc = 127.0.0.1:$kport
    }
[domain_realm]
    localhost = HTTPAUTH.TEST
    127.0.0.1 = HTTPAUTH.TEST
EOF
  cat > "$dir/kdc.conf" <<EOF
[kdcdefaults]
    kdc_ports = $kport
    kdc_tcp_ports = $kport
[realms]
    HTTPAUTH.TEST = {
        database_name = $dir/kdc/principal
        key_stash_file = $dir/kdc/stash
        acl_file = $dir/kdc/kadm5.acl
    }
[logging]
    kdc = FILE:$dir/kdc/kdc.log
EOF
  env_kdc=("KRB5_CONFIG=$dir/krb5.conf" "KRB5_KDC_PROFILE=$dir/kdc.conf" "KRB5CCNAME=FILE:$dir/ccache")
  env "${env_kdc[@]}" kdb5_util create -s -r HTTPAUTH.TEST -P demo-master-password > "$dir/setup.log" 2>&1 || return 1
  # One kadmin.local reading its commands on stdin (a quarter of the time
  # of one run per command).
  env "${env_kdc[@]}" kadmin.local >> "$dir/setup.log" 2>&1 <<EOF || return 1
addprinc -pw alicepw alice
addprinc -randkey HTTP/127.0.0.1
addprinc -randkey HTTP/localhost
ktadd -k $dir/http.keytab HTTP/127.0.0.1 HTTP/localhost
EOF
  env "${env_kdc[@]}" krb5kdc -n -P "$dir/kdc/kdc.pid" > "$dir/kdc/stdout" 2>&1 &
  DEMO_KDC=$!
  for _ in $(seq 100); do (: < "/dev/tcp/127.0.0.1/$kport") 2> /dev/null && break; sleep 0.05; done
  echo alicepw | env "${env_kdc[@]}" kinit alice >> "$dir/setup.log" 2>&1
}

# The main job: the embedded demo server, then `http-auth fetch` through it,
# printing each challenge, exchange and prompt, and a Kerberos login.
demo() {
  local tool=./build/tools/http-auth port base status=0 krb
  local -a krb_env=()
  DEMO_TMP=$(mktemp -d)
  DEMO_SERVER=
  DEMO_KDC=
  local tmp=$DEMO_TMP
  trap 'for p in $DEMO_SERVER $DEMO_KDC; do kill "$p" 2>/dev/null || true; done; rm -rf "$DEMO_TMP"' EXIT
  port=$(free_port)
  base="http://127.0.0.1:$port"

  # The realm comes first: the server takes its keytab when it starts.
  krb=$tmp/krb
  if demo_realm "$krb"; then
    krb_env=("KRB5_CONFIG=$krb/krb5.conf" "KRB5CCNAME=FILE:$krb/ccache" "KRB5_KTNAME=FILE:$krb/http.keytab"
             "KRB5RCACHEDIR=$krb/rcache")
  else
    echo "error: could not set up the demo's Kerberos realm:" >&2
    sed 's/^/   /' "$krb/setup.log" >&2 || true
    status=1
  fi
  env "${krb_env[@]}" "$tool" serve --port "$port" > "$tmp/serve.log" 2>&1 &
  DEMO_SERVER=$!
  for _ in $(seq 100); do grep -q Serving "$tmp/serve.log" 2>/dev/null && break; sleep 0.05; done

  echo "== 1. The parser and the schemes, step by step (Basic, then Digest SHA-512-256)"
  "$tool" walkthrough | sed 's/^/   /' || status=1

  echo
  echo "== 2. http-auth fetch against the demo server at $base"
  echo "   (prompts are answered from a credentials file: a wrong password, then the right one;
   the cross-origin redirect carries no credentials and its prompt finds the file used up)"
  printf '{"credentials":[{"user":"alice","password":"guess"},{"user":"alice","password":"wonderland"},{"user":"alice","password":"wonderland"}]}' > "$tmp/creds.json"
  "$tool" fetch --sequential --verbose --credentials-file "$tmp/creds.json" --json "$tmp/report.json" \
    "$base/basic/index.html" "$base/basic/other.html" "$base/digest/all/report.txt" \
    "$base/no-challenge/" "$base/redirect/?to=/basic/index.html" \
    "$base/redirect/?to=/basic/index.html&cross=1" > "$tmp/bodies.txt" || status=$?

  echo
  echo "== 3. Kerberos single sign-on (Negotiate): no password, no prompt"
  if [ ${#krb_env[@]} -gt 0 ]; then
    echo "   (a throwaway realm HTTPAUTH.TEST in $krb: krb5kdc on 127.0.0.1:$(cat "$krb/kdc-port"),
   alice's ticket from kinit; the server holds the keytab of HTTP/127.0.0.1)"
    env "${krb_env[@]}" klist 2>&1 | sed -n 's/^Default principal: /   ticket cache holds: /p'
    echo "   \$ http-auth fetch --negotiate 127.0.0.1 --verbose $base/negotiate/welcome.txt"
    env "${krb_env[@]}" "$tool" fetch --negotiate 127.0.0.1 --verbose "$base/negotiate/welcome.txt" \
      > "$tmp/kerberos.txt" 2>&1 || status=1
    sed 's/^/   /' "$tmp/kerberos.txt"
    if ! grep -q "signed in with Kerberos as alice@HTTPAUTH.TEST (server verified)" "$tmp/kerberos.txt"; then
      echo "   error: no Kerberos login" >&2
      status=1
    fi
    echo "   Without a ticket (KRB5CCNAME names an empty cache), the same client falls back to the"
    echo "   Basic challenge the page also offers, and its prompt (answered here by -u/--password):"
    echo "   \$ http-auth fetch --negotiate 127.0.0.1 --verbose -u alice --password wonderland $base/negotiate-or-basic/"
    env "${krb_env[@]}" KRB5CCNAME="FILE:$krb/no-ticket" "$tool" fetch --negotiate 127.0.0.1 --verbose \
      -u alice --password wonderland "$base/negotiate-or-basic/" 2>&1 | sed 's/^/   /' || status=1
  else
    echo "   (skipped: no realm)"
  fi

  echo
  echo "== 4. What the server logged (no credential, password or token, is ever logged)"
  sed 's/^/   /' "$tmp/serve.log"
  echo
  echo "== 5. The JSON report (http-auth fetch --json)"
  python3 -m json.tool "$tmp/report.json" | sed 's/^/   /' | head -40 || true

  echo
  echo "== 6. The GTK 4 demo client: tabs fetched through HttpAuth, login bars in the tab that asks"
  if [ -x ./build/demo/http-auth-demo ]; then
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      ./build/demo/http-auth-demo || status=$?
    else
      # No display (SSH, CI): run it under Xvfb and save what it shows.
      GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none GSETTINGS_BACKEND=memory \
        xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
        ./build/demo/http-auth-demo --no-keyring --screenshot "$PWD/build/demo-screenshot.png" 2>/dev/null \
        || status=$?
    fi
  else
    echo "   (not built: libgtk-4-dev is missing)"
  fi

  echo
  echo "== 7. http-auth-browser: WebKitGTK pages, their logins in the same bar, HttpAuth's keyring"
  if [ -x ./build/demo/http-auth-browser ]; then
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      ./build/demo/http-auth-browser || status=$?
    else
      # No display: the 50-fetch() page under Xvfb, saved with its login bar.
      mkdir -p "$tmp/home"
      GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none \
        GSETTINGS_BACKEND=memory HOME="$tmp/home" \
        xvfb-run -a -s "-screen 0 1280x1024x24" \
        dbus-run-session --config-file="$PWD/tests/data/session-bus.conf" -- \
        ./build/demo/http-auth-browser --no-keyring --screenshot "$PWD/build/browser-screenshot.png" 2>/dev/null \
        || status=$?
    fi
  else
    echo "   (not built: libwebkitgtk-6.0-dev is missing)"
  fi
  return $status
}

cmd=${1:-}
case "$cmd" in
  demo)
    ensure_packages "${BUILD_PACKAGES[@]}" xvfb xauth dbus fonts-dejavu-core \
      krb5-kdc krb5-admin-server krb5-user
    configure build
    demo
    ;;
  test)
    ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    configure build -Ddocs=true
    configure build-asan -Db_sanitize=address,undefined -Db_lundef=false
    status=0
    meson test -C build --print-errorlogs --num-processes 2 || status=1
    meson test -C build-asan --print-errorlogs --num-processes 2 || status=1
    # memcheck on the credstore and lib suites (the 'valgrind' setup of
    # tests/meson.build: any error or definite leak fails the test); meson
    # writes its log to testlog-valgrind.json.
    meson test -C build --setup=valgrind --suite credstore --suite lib --no-suite no-valgrind --print-errorlogs --num-processes 2 \
      || status=1
    summarize build/meson-logs/testlog.json build-asan/meson-logs/testlog.json \
      build/meson-logs/testlog-valgrind.json || status=1
    exit $status
    ;;
  *)
    echo "usage: bash tools/dev.sh demo|test" >&2
    exit 2
    ;;
esac
