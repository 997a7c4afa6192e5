#!/usr/bin/env bash
# check-cli-docs.sh
#
# Copyright 2026 The HttpAuth authors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The CLI's hand-written man page and bash completion against what the
# tool prints: every command of `http-auth --help` and every option of
# `http-auth COMMAND --help` (short and long) is in the man page, every
# command and long option is in the completion file, groff formats the man
# page without a warning and bash parses the completion file. TAP output.
#
#   check-cli-docs.sh HTTP-AUTH MAN-PAGE COMPLETION GROFF

set -u

tool=$1
man_page=$2
completion=$3
groff=$4

n=0
failed=0

ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok() {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
}

# The man page as a reader sees it, in ASCII (roff's \- is then a plain
# hyphen) without overstriking.
man_text=$("$groff" -t -man -Tascii -P-cbou "$man_page" 2>/dev/null)

# Options in a --help text: the "-X, --method=METHOD" column of its option
# lines.
help_options() {
  sed -n 's/^  \(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\1\2/p' |
    tr ',' '\n' | tr -d ' ' | sed '/^$/d'
}

has_word() {
  grep -q -e "\(^\|[^a-z-]\)$2\([^a-z-]\|$\)" <<<"$1"
}

commands=$("$tool" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
if [ -z "$commands" ]; then
  not_ok "http-auth --help lists commands"
else
  ok "http-auth --help lists commands: $(echo $commands)"
fi

completion_text=$(cat "$completion")

for option in --help --version; do
  if has_word "$man_text" "$option"; then ok "man page: $option"; else not_ok "man page: $option"; fi
  if has_word "$completion_text" "$option"; then ok "completion: $option"; else not_ok "completion: $option"; fi
done

for command in $commands; do
  if has_word "$man_text" "$command"; then ok "man page: $command"; else not_ok "man page: $command"; fi
  if has_word "$completion_text" "$command"; then ok "completion: $command"; else not_ok "completion: $command"; fi

  if ! help=$("$tool" "$command" --help); then
    not_ok "http-auth $command --help exits 0"
    continue
  fi
  options=$(help_options <<<"$help")
  if [ -z "$options" ]; then
    not_ok "http-auth $command --help prints options"
    continue
  fi
  for option in $options; do
    if has_word "$man_text" "$option"; then
      ok "man page: $command $option"
    else
      not_ok "man page: $command $option"
    fi
    case $option in
      --*)
        if has_word "$completion_text" "$option"; then
          ok "completion: $command $option"
        else
          not_ok "completion: $command $option"
        fi
        ;;
    esac
  done
done

warnings=$("$groff" -t -ww -z -man -Tutf8 "$man_page" 2>&1)
if [ -z "$warnings" ]; then
  ok "groff -ww: no warnings"
else
  not_ok "groff -ww: no warnings"
  sed 's/^/# /' <<<"$warnings"
fi

if syntax=$(bash -n "$completion" 2>&1); then
  ok "bash -n: the completion file parses"
else
  not_ok "bash -n: the completion file parses"
  sed 's/^/# /' <<<"$syntax"
fi

echo "1..$n"
exit $failed
