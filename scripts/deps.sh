#!/usr/bin/env bash
# Install the Debian 12 packages TokenDesk needs, only those that are missing.
# Sourced or run by scripts/run and scripts/test. Needs root (or sudo) when something is missing.
set -euo pipefail

TOKENDESK_PACKAGES=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libboost-dev libssl-dev libpq-dev
  libgl-dev
  xvfb xauth dbus gnome-keyring libsecret-tools
  postgresql libsodium-dev libsqlite3-dev imagemagick curl openssl libcurl4-openssl-dev
  python3-aiosmtpd
  desktop-file-utils appstream dpkg-dev file
  qt6-translations-l10n
)
# ui.atspi reads the console through AT-SPI (tests/a11y/tst_atspi.py, Debian's /usr/bin/python3).
TOKENDESK_PACKAGES+=(at-spi2-core python3-pyatspi)
# bench_server's load generator and anchor (built with the tests, run by hand).
TOKENDESK_PACKAGES+=(wrk nginx-light)
# scripts/fuzz adds clang 14 and its libFuzzer runtime (TOKENDESK_EXTRA_PACKAGES).
TOKENDESK_PACKAGES+=(${TOKENDESK_EXTRA_PACKAGES:-})

missing=()
for p in "${TOKENDESK_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "tokendesk: installing missing Debian packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "tokendesk: need root to install: ${missing[*]}" >&2; exit 1
    fi
  fi
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# openapi.check validates openapi/tokendesk.yaml with npm packages (swagger-parser, ajv) pinned by
# openapi/package-lock.json: Debian's nodejs and npm when there is no node yet, then `npm ci`
# whenever the lock file is newer than what was installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "tokendesk: installing Debian's nodejs and npm (for openapi.check)" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
fi
openapi_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/openapi"
if [ ! -f "$openapi_dir/node_modules/.package-lock.json" ] ||
   [ "$openapi_dir/package-lock.json" -nt "$openapi_dir/node_modules/.package-lock.json" ]; then
  (cd "$openapi_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
