#!/usr/bin/env bash
# Checks the public headers of credstore/ and lib/ (TAP output):
#  1. the umbrella header <http-auth.h> includes every public header;
#  2. no public header includes a -private.h header;
#  3. every public header refuses direct inclusion.
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 1

umbrella=lib/http-auth.h
mapfile -t headers < <(find credstore lib -name '*.h' ! -name '*-private.h' ! -name 'http-auth.h' | sort)

n=0
fail=0
echo "1..$(( ${#headers[@]} * 3 ))"
for h in "${headers[@]}"; do
  base=$(basename "$h")
  n=$((n + 1))
  if grep -q "# include \"$base\"" "$umbrella"; then
    echo "ok $n $base is in the umbrella header"
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
  if grep -q 'HTTP_AUTH_INSIDE' "$h"; then
    echo "ok $n $base refuses direct inclusion"
  else
    echo "not ok $n $base can be included directly"; fail=1
  fi
done
exit $fail
