#!/usr/bin/env bash
# security.runisolated: tests/run-isolated.sh keeps what the leak scan needs, and a test whose
# HOME cannot be kept fails instead of passing unscanned.
#   run-isolated-check.sh PATH/TO/run-isolated.sh
set -u
wrapper=$1
work=$(mktemp -d /tmp/td-runisolated.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A program that leaves a file in its HOME and prints on both streams.
prog=(sh -c 'echo kept > "$HOME/file"; echo out; echo err >&2')

# 1. cp works: exit 0, output and HOME kept.
TD_LEAK_DIR=$work/leak TD_TEST_NAME=ok bash "$wrapper" "${prog[@]}" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 0 ] || fail "a passing program: exit $rc"
[ "$(cat "$work/leak/ok/home/file" 2>/dev/null)" = kept ] || fail "its HOME was not kept"
[ "$(cat "$work/leak/ok/stdout" 2>/dev/null)" = out ] || fail "its standard output was not kept"
[ "$(cat "$work/leak/ok/stderr" 2>/dev/null)" = err ] || fail "its standard error was not kept"

# 2. cp fails (a cp that always fails comes first in PATH): the passing program now fails,
# naming the cause.
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "cp: refused by the test" >&2\nexit 1\n' >"$work/bin/cp"
chmod +x "$work/bin/cp"
PATH=$work/bin:$PATH TD_LEAK_DIR=$work/leak TD_TEST_NAME=nocopy \
  bash "$wrapper" "${prog[@]}" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -ne 0 ] || fail "a HOME that cannot be kept: exit 0"
grep -q 'cannot keep .* for the leak scan' "$work/err" || fail "no message: $(cat "$work/err")"

# 3. A failing program keeps its own exit code when cp fails too.
PATH=$work/bin:$PATH TD_LEAK_DIR=$work/leak TD_TEST_NAME=both \
  bash "$wrapper" sh -c 'exit 3' >/dev/null 2>&1
rc=$?
[ "$rc" -eq 3 ] || fail "a failing program whose HOME cannot be kept: exit $rc, not 3"

[ "$failures" -eq 0 ] || exit 1
echo "run-isolated.sh: keeps output and HOME; a failed copy fails the test"
