#!/usr/bin/env bash
# Compares the symbols each installed library exports (nm -D) with the
# ABI list checked in under .ci/abi/ (TAP output): an accidental export or
# a removal fails. After an intended change, regenerate the lists with
#   bash .ci/abi-check.sh --update BUILD_DIR
# and commit them with the change.
#
# Usage: abi-check.sh SOURCE_DIR NAME=LIBRARY [NAME=LIBRARY…]
#        abi-check.sh --update BUILD_DIR
set -u

exported () {
  # Defined dynamic symbols, less what the toolchain and the sanitizers
  # add to every shared library.
  nm -D --defined-only "$1" | awk '{ print $3 }' |
    grep -Ev '^(_init|_fini|_edata|_end|__bss_start|__odr_asan|__asan|___asan|__ubsan|__sanitizer|__lsan)' |
    LC_ALL=C sort -u
}

if [ "${1:-}" = "--update" ]; then
  build=${2:?usage: abi-check.sh --update BUILD_DIR}
  top=$(dirname "$0")/..
  for pair in "http-auth-1=lib/libhttp-auth-1.so" "http-auth-gtk-1=ui/libhttp-auth-gtk-1.so" \
              "http-auth-webkit-1=ui/webkit/libhttp-auth-webkit-1.so"; do
    name=${pair%%=*}
    lib=$build/${pair#*=}
    [ -e "$lib" ] || { echo "skipping $name: $lib not built" >&2; continue; }
    exported "$lib" > "$top/.ci/abi/$name.symbols"
    echo "$name: $(wc -l < "$top/.ci/abi/$name.symbols") symbols"
  done
  exit 0
fi

top=${1:?usage: abi-check.sh SOURCE_DIR NAME=LIBRARY…}
shift
echo "1..$#"
n=0
fail=0
for pair in "$@"; do
  n=$((n + 1))
  name=${pair%%=*}
  lib=${pair#*=}
  list=$top/.ci/abi/$name.symbols
  if [ ! -e "$list" ]; then
    echo "not ok $n $name: no ABI list $list"; fail=1; continue
  fi
  if d=$(diff -u "$list" <(exported "$lib")); then
    echo "ok $n $name exports exactly the $(wc -l < "$list") symbols of its ABI list"
  else
    echo "not ok $n $name differs from its ABI list (+ exported, not listed; - listed, not exported)"
    printf '%s\n' "$d" | sed 's/^/# /'
    fail=1
  fi
done
exit $fail
