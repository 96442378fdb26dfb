#!/usr/bin/env bash
# Configure and build TokenDesk into ./build (or $TOKENDESK_BUILD_DIR). Used by scripts/run and
# scripts/test; installs missing Debian packages first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$here/scripts/deps.sh"
build=${TOKENDESK_BUILD_DIR:-$here/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOKENDESK_WERROR=ON \
    ${TOKENDESK_CMAKE_ARGS:-}
fi
# TOKENDESK_BUILD_TARGETS: only these targets (and what they need); default everything.
cmake --build "$build" ${TOKENDESK_BUILD_TARGETS:+--target $TOKENDESK_BUILD_TARGETS}
