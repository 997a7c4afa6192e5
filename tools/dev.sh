#!/usr/bin/env bash
# tools/dev.sh — the two commands of README.md.
#
#   bash tools/dev.sh demo   # the main job: the demo server and a Basic and a
#                            # Digest SHA-512-256 login, step by step
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
  nettle-dev libjson-glib-dev
)
# Real servers and tools the tests start themselves.
TEST_PACKAGES=(
  apache2 lighttpd nginx-light curl
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

cmd=${1:-}
case "$cmd" in
  demo)
    ensure_packages "${BUILD_PACKAGES[@]}"
    configure build
    exec ./build/tools/http-auth walkthrough
    ;;
  test)
    ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    configure build
    configure build-asan -Db_sanitize=address,undefined -Db_lundef=false
    status=0
    meson test -C build --print-errorlogs --num-processes 2 || status=1
    meson test -C build-asan --print-errorlogs --num-processes 2 || status=1
    summarize build/meson-logs/testlog.json build-asan/meson-logs/testlog.json || status=1
    exit $status
    ;;
  *)
    echo "usage: bash tools/dev.sh demo|test" >&2
    exit 2
    ;;
esac
