#!/usr/bin/env bash
# Runs one test program with a fresh HOME and XDG_RUNTIME_DIR (0700), so no test sees another's
# settings, keyring or data, and removes them afterwards.
# With TD_LEAK_DIR and TD_TEST_NAME set (ctest sets both), a copy of the test's standard output
# and error and of its HOME (settings, exports, default stores) is kept in
# ${TD_LEAK_DIR}/${TD_TEST_NAME}/ for the secret leak scan (tests/security).
set -u
tmp=$(mktemp -d /tmp/tokendesk-test.XXXXXX)
mkdir -p "$tmp/home" "$tmp/runtime"
chmod 0700 "$tmp/runtime"
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" XDG_CONFIG_HOME="$tmp/home/.config" \
       XDG_DATA_HOME="$tmp/home/.local/share" XDG_CACHE_HOME="$tmp/home/.cache"
if [ -n "${TD_LEAK_DIR:-}" ] && [ -n "${TD_TEST_NAME:-}" ]; then
    keep="$TD_LEAK_DIR/$TD_TEST_NAME"
    rm -rf "$keep/home" "$keep/stdout" "$keep/stderr"
    mkdir -p "$keep"
    exec 5> >(tee "$keep/stdout")
    out_pid=$!
    exec 6> >(tee "$keep/stderr" >&2)
    err_pid=$!
    "$@" >&5 2>&6 5>&- 6>&-
    rc=$?
    exec 5>&- 6>&-
    wait "$out_pid" "$err_pid"
    if ! cp -a "$tmp/home" "$keep/home"; then
        echo "run-isolated.sh: cannot keep $tmp/home for the leak scan" >&2
        [ "$rc" -eq 0 ] && rc=1
    fi
else
    "$@"
    rc=$?
fi
rm -rf "$tmp"
exit $rc
