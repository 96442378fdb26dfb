#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch root with dpkg -x and checks what a
# Debian user gets: the three programs (which start), the desktop entry, the AppStream
# metadata and the icon in their standard places, valid, and the package's dependencies.
set -euo pipefail
# (No "producer | grep -q": grep -q exits at the first match, the producer gets SIGPIPE, and
# pipefail turns a success into a failure. Here-strings instead.)
build=${1:?usage: test_package.sh BUILD_DIR}
work=$(mktemp -d /tmp/tokendesk-pkg.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no .deb produced"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

root="$work/root"
dpkg -x "$deb" "$root"
for f in usr/bin/tokendesk usr/bin/tokendesk-admin usr/bin/tokendesk-server; do
  [ -x "$root/$f" ] || fail "$f missing or not executable"
done
desktop="$root/usr/share/applications/org.example.TokenDesk.desktop"
meta="$root/usr/share/metainfo/org.example.TokenDesk.metainfo.xml"
icon="$root/usr/share/icons/hicolor/scalable/apps/org.example.TokenDesk.svg"
# The licence, where Debian keeps it (the repository's LICENSE file: MIT).
cmp -s "$root/usr/share/doc/tokendesk/copyright" "$(dirname "$0")/../../LICENSE" || fail "copyright file"
grep -q '^MIT License' "$root/usr/share/doc/tokendesk/copyright" || fail "copyright is not MIT"
for f in "$desktop" "$meta" "$icon"; do [ -s "$f" ] || fail "${f#$root/} missing"; done
desktop-file-validate "$desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$meta" >/dev/null || fail "appstreamcli validate"
grep -q '^Icon=org.example.TokenDesk$' "$desktop" || fail "desktop entry names another icon"
grep -q '^Exec=tokendesk$' "$desktop" || fail "desktop entry runs another program"
for qm in $(ls "$build"/translations/*.qm 2>/dev/null); do
  [ -s "$root/usr/share/tokendesk/translations/$(basename "$qm")" ] || fail "translation $(basename "$qm") not installed"
done

# Stripped, and linked only against system libraries (the project's libraries are static).
grep -q stripped <<<"$(file "$root/usr/bin/tokendesk-admin")" || fail "binaries are not stripped"
if grep -q "not found" <<<"$(ldd "$root/usr/bin/tokendesk")"; then fail "unresolved libraries"; fi

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# The package names in Depends, one per line (alternatives split too, versions dropped).
depnames=$(echo "$depends" | tr ',|' '\n\n' | awk '{print $1}' | sed '/^$/d')
# Every shared library the programs load comes from a package the .deb depends on.
for bin in tokendesk tokendesk-admin tokendesk-server; do
  # Direct dependencies only (NEEDED); their own dependencies are their packages' business.
  for soname in $(readelf -d "$root/usr/bin/$bin" | awk '/NEEDED/ {gsub(/[][]/, "", $5); print $5}'); do
    lib=$(ldd "$root/usr/bin/$bin" | awk -v s="$soname" '$1 == s {print $3}')
    [ -n "$lib" ] || fail "$bin needs $soname, which is not found"
    real=$(readlink -f "$lib")
    owner=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)
    pkg=${owner%%:*}
    [ -n "$pkg" ] || fail "no package owns $lib (linked by $bin)"
    grep -Fxq "$pkg" <<<"$depnames" || fail "$bin loads $lib from $pkg, which Depends does not list"
  done
done
for d in libqt6sql6-sqlite qt6-qpa-plugins; do # plugins, loaded at run time
  grep -Fxq "$d" <<<"$depnames" || fail "Depends lacks $d"
done
[ "$(dpkg-deb -f "$deb" Package)" = tokendesk ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] || fail "architecture"

# The installed programs run.
grep -q '^tokendesk-admin ' <<<"$("$root/usr/bin/tokendesk-admin" --version)" || fail "tokendesk-admin --version"
"$root/usr/bin/tokendesk-server" --version >/dev/null || fail "tokendesk-server --version"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/tokendesk" --version >/dev/null || fail "tokendesk --version"
echo "package OK"
