#!/bin/sh
# test-installed.sh MESON BUILD-DIR PREFIX LIBDIR BINDIR CC PYTHON|"" SRC-DIR
#
# Installs the build into a scratch DESTDIR, then builds and runs a C
# consumer and a Python consumer against that tree only: pkg-config reads
# the installed .pc files (their prefix rewritten to the DESTDIR), the
# loader and GObject-Introspection look into the installed libdir, and
# the build directory is in no search path. A TAP stream, one line each.
set -u
# Nothing of the build may be found: meson test points the loader at it.
unset LD_LIBRARY_PATH GI_TYPELIB_PATH PKG_CONFIG_PATH PYTHONPATH

meson=$1 build=$2 prefix=$3 libdir=$4 bindir=$5 cc=$6 python=$7 src=$8

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
root=$dest$prefix
case $libdir in /*) lib=$dest$libdir ;; *) lib=$root/$libdir ;; esac
case $bindir in /*) bin=$dest$bindir ;; *) bin=$root/$bindir ;; esac

n=0
fail=0
result() {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    fail=1
    sed 's/^/# /' "$tmp/log"
  fi
}

echo "1..4"

"$meson" install -C "$build" --no-rebuild --quiet --destdir "$dest" > "$tmp/log" 2>&1
result $? "meson install --destdir"
if [ $fail -ne 0 ]; then
  for i in 2 3 4; do echo "not ok $i - # SKIP nothing installed"; done
  exit 1
fi

# The .pc files as installed, with their prefix moved into the DESTDIR.
# (PKG_CONFIG_SYSROOT_DIR would move the system's glib and libsoup
# directories there too.)
mkdir -p "$tmp/pkgconfig"
for pc in "$lib"/pkgconfig/http-auth*.pc; do
  sed "s|^prefix=.*|prefix=$root|" "$pc" > "$tmp/pkgconfig/$(basename "$pc")"
done

(
  set -e
  flags=$(PKG_CONFIG_PATH="$tmp/pkgconfig" pkg-config --cflags --libs http-auth-1)
  echo "pkg-config: $flags"
  case $flags in *"$build"*) echo "the build directory leaked into the flags"; exit 1 ;; esac
  # shellcheck disable=SC2086
  "$cc" -o "$tmp/consumer" "$src/consumer.c" $flags
) > "$tmp/log" 2>&1
result $? "C consumer builds with pkg-config --cflags --libs http-auth-1"

(
  set -e
  LD_LIBRARY_PATH="$lib" ldd "$tmp/consumer" | grep libhttp-auth-1
  LD_LIBRARY_PATH="$lib" ldd "$tmp/consumer" | grep -q "$lib/libhttp-auth-1.so"
  LD_LIBRARY_PATH="$lib" "$tmp/consumer" | tee "$tmp/out"
  grep -q 'basic realm "installed": Basic YWxpY2U6d29uZGVybGFuZA==' "$tmp/out"
) > "$tmp/log" 2>&1
result $? "C consumer runs on the installed libhttp-auth-1"

if [ -z "$python" ]; then
  echo "ok 4 - # SKIP PyGObject (python3-gi) not found"
elif [ ! -f "$lib/girepository-1.0/HttpAuth-1.typelib" ]; then
  echo "ok 4 - # SKIP no typelib installed (introspection off)"
else
  GI_TYPELIB_PATH="$lib/girepository-1.0" LD_LIBRARY_PATH="$lib" \
    "$python" "$src/consumer.py" "$lib" "$bin/http-auth" > "$tmp/log" 2>&1
  result $? "Python consumer fetches a Digest page through the installed typelib"
fi
exit $fail
