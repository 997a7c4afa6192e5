#!/bin/sh
# gi-docgen-check.sh GI-DOCGEN TOML GIR CONTENT-DIR [--add-include-path=DIR...]
#
# Fails when gi-docgen has anything to say about a GIR: an undocumented
# symbol, parameter or return value (`gi-docgen check`) or a link it cannot
# resolve, in a doc comment or in a content page (`gi-docgen generate`,
# into a scratch folder). Prints every warning and their count.
set -eu

gidocgen=$1 toml=$2 gir=$3 content=$4
shift 4

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$gidocgen" check --config="$toml" "$@" "$gir" > "$out/check.log" 2>&1 || true
"$gidocgen" generate --quiet --no-namespace-dir --config="$toml" \
  --content-dir="$content" --output-dir="$out/html" "$@" "$gir" \
  > "$out/generate.log" 2>&1 || true

status=0
for step in check generate; do
  # Colour codes aside, gi-docgen prefixes each complaint with WARNING
  # (or ERROR when it stops).
  n=$(grep -c -E 'WARNING|ERROR|Traceback' "$out/$step.log" || true)
  echo "gi-docgen $step $(basename "$gir"): $n warnings"
  if [ "$n" -ne 0 ]; then
    grep -E -A3 'WARNING|ERROR|Traceback' "$out/$step.log" || true
    status=1
  fi
done
if [ ! -f "$out/html/index.html" ]; then
  echo "gi-docgen generate wrote no index.html"
  cat "$out/generate.log"
  status=1
fi
exit $status
