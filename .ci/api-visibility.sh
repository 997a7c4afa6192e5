#!/usr/bin/env bash
# Checks the public headers of each library (TAP output):
#  1. its umbrella header includes every public header;
#  2. no public header includes a -private.h header;
#  3. every public header refuses direct inclusion.
# Libraries: http-auth-1 (credstore/ + lib/), http-auth-gtk-1 (ui/) and
# http-auth-webkit-1 (ui/webkit/).
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 1

# "folders|umbrella|guard macro|folder depth searched"
libraries=(
  "credstore lib|lib/http-auth.h|HTTP_AUTH_INSIDE|2"
  "ui|ui/http-auth-gtk.h|HTTP_AUTH_GTK_INSIDE|1"
  "ui/webkit|ui/webkit/http-auth-webkit.h|HTTP_AUTH_WEBKIT_INSIDE|1"
)

checks=()
for entry in "${libraries[@]}"; do
  IFS='|' read -r dirs umbrella guard depth <<< "$entry"
  # shellcheck disable=SC2086
  while IFS= read -r h; do
    [ "$h" = "$umbrella" ] && continue
    checks+=("$h|$umbrella|$guard")
  done < <(find $dirs -maxdepth "$depth" -name '*.h' ! -name '*-private.h' | sort)
done

n=0
fail=0
echo "1..$(( ${#checks[@]} * 3 ))"
for entry in "${checks[@]}"; do
  IFS='|' read -r h umbrella guard <<< "$entry"
  base=$(basename "$h")
  n=$((n + 1))
  if grep -q "# include \"$base\"" "$umbrella"; then
    echo "ok $n $base is in $(basename "$umbrella")"
  else
    echo "not ok $n $base is missing from $umbrella"; fail=1
  fi
  n=$((n + 1))
  if grep -qE '#include *"[^"]*-private\.h"' "$h"; then
    echo "not ok $n $base includes a private header"; fail=1
  else
    echo "ok $n $base includes no private header"
  fi
  n=$((n + 1))
  if grep -q "$guard" "$h"; then
    echo "ok $n $base refuses direct inclusion"
  else
    echo "not ok $n $base can be included directly"; fail=1
  fi
done
exit $fail
