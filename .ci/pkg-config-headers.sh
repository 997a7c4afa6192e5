#!/usr/bin/env bash
# Checks that each library's uninstalled pkg-config file carries every
# include directory its headers need (TAP output): a program whose only
# include is the umbrella header compiles, links and runs with nothing but
# `pkg-config --cflags --libs` of that module.
#
# Usage: pkg-config-headers.sh BUILDDIR CC [CFLAG…] -- MODULE…
# MODULE is http-auth-1, http-auth-gtk-1 or http-auth-webkit-1. Extra
# CFLAGs are the build's own instrumentation (-fsanitize=…), which a
# program linking sanitized libraries needs too.
set -u

builddir=$1
shift
cc=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  cc+=("$1")
  shift
done
shift
modules=("$@")

# "module|umbrella header|an expression using one exported symbol"
declare -A umbrella symbol
umbrella[http-auth-1]=http-auth.h
symbol[http-auth-1]=HTTP_AUTH_ERROR
umbrella[http-auth-gtk-1]=http-auth-gtk.h
symbol[http-auth-gtk-1]=HTTP_AUTH_GTK_TYPE_PROMPT_BAR
umbrella[http-auth-webkit-1]=http-auth-webkit.h
symbol[http-auth-webkit-1]=HTTP_AUTH_WEBKIT_TYPE_ADAPTER

# pkg-config prefers MODULE-uninstalled.pc when it is on the path, and so
# also for the modules a module requires.
export PKG_CONFIG_PATH=$builddir/meson-uninstalled
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
fail=0
echo "1..$(( ${#modules[@]} * 3 ))"
for m in "${modules[@]}"; do
  n=$((n + 1))
  header=${umbrella[$m]:-}
  if [ -z "$header" ] || [ ! -f "$PKG_CONFIG_PATH/$m-uninstalled.pc" ]; then
    echo "not ok $n $m has no uninstalled .pc in $PKG_CONFIG_PATH"; fail=1
    n=$((n + 2)); echo "not ok $((n - 1)) $m: not compiled"; echo "not ok $n $m: not run"
    continue
  fi
  if cflags=$(pkg-config --cflags "$m") && libs=$(pkg-config --libs "$m"); then
    echo "ok $n $m resolves with its requirements"
  else
    echo "not ok $n pkg-config fails for $m"; fail=1
  fi

  # Only the umbrella header: every directory it reaches must come from the .pc.
  src=$tmp/$m.c
  printf '#include <%s>\n\nint\nmain (void)\n{\n  return %s != 0 ? 0 : 1;\n}\n' \
    "$header" "${symbol[$m]}" > "$src"
  n=$((n + 1))
  # shellcheck disable=SC2086
  if "${cc[@]}" -Wall -Wextra -Werror -o "$tmp/$m" "$src" $cflags $libs 2> "$tmp/$m.log"; then
    echo "ok $n a program including only <$header> builds with $m"
  else
    echo "not ok $n a program including only <$header> does not build with $m"; fail=1
    sed 's/^/# /' "$tmp/$m.log"
  fi

  # Run it from the library directories the .pc names, as an uninstalled
  # consumer would.
  n=$((n + 1))
  libpath=$(pkg-config --libs-only-L "$m" | sed -e 's/-L//g' -e 's/ \+/:/g' -e 's/:$//')
  if [ -x "$tmp/$m" ] &&
     LD_LIBRARY_PATH=$libpath${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
     ASAN_OPTIONS=detect_leaks=0 "$tmp/$m" 2> "$tmp/$m.run.log"; then
    echo "ok $n the program runs against the uninstalled $m"
  else
    echo "not ok $n the program does not run against the uninstalled $m"; fail=1
    sed 's/^/# /' "$tmp/$m.run.log" 2> /dev/null
  fi
done
exit $fail
