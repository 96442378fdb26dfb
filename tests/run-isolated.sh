#!/usr/bin/env bash
# Runs one test program with a fresh HOME and XDG_RUNTIME_DIR (0700), so no test sees another's
# settings, keyring or data, and removes them afterwards.
set -u
tmp=$(mktemp -d /tmp/tokendesk-test.XXXXXX)
mkdir -p "$tmp/home" "$tmp/runtime"
chmod 0700 "$tmp/runtime"
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" XDG_CONFIG_HOME="$tmp/home/.config" \
       XDG_DATA_HOME="$tmp/home/.local/share" XDG_CACHE_HOME="$tmp/home/.cache"
"$@"
rc=$?
rm -rf "$tmp"
exit $rc
