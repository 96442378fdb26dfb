#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests.
#   start STATE  initialises a cluster in a fresh /tmp directory (the postgres user must reach it,
#                which a checkout under /root would not allow), starts it on a free port of
#                127.0.0.1, and writes STATE/url (postgresql://postgres@127.0.0.1:PORT/postgres),
#                STATE/bindir and STATE/datadir.
#   stop STATE   stops it and removes its directory.
# Exits non-zero when the server cannot start, so the tests that need it fail (never skip).
set -euo pipefail
cmd=${1:?usage: pg-fixture.sh start|stop STATE}
state=${2:?usage: pg-fixture.sh start|stop STATE}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || { echo "pg-fixture: PostgreSQL server binaries not found (Debian package postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  local data=$1
  if [ -n "$data" ] && [ -d "$data/data" ]; then
    as_pg "$pgbin/pg_ctl" -D "$data/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$data" ] && rm -rf "$data"
}

case "$cmd" in
start)
  [ -f "$state/datadir" ] && stop_cluster "$(cat "$state/datadir")"
  rm -rf "$state"; mkdir -p "$state"
  data=$(mktemp -d /tmp/tokendesk-pg.XXXXXX)
  echo "$data" >"$state/datadir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
  as_pg "$pgbin/initdb" -D "$data/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$state/initdb.log" 2>&1 \
    || { echo "pg-fixture: initdb failed:" >&2; cat "$state/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM % 20000) ))
    if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then continue; fi # taken
    if as_pg "$pgbin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 30 \
         -o "-k $data -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300" \
         start >/dev/null; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$state/url"
      echo "$pgbin" >"$state/bindir"
      echo "pg-fixture: PostgreSQL on 127.0.0.1:$port ($data)"
      exit 0
    fi
  done
  echo "pg-fixture: could not start PostgreSQL; log:" >&2; cat "$data/server.log" >&2 || true
  exit 1
  ;;
stop)
  if [ -f "$state/datadir" ]; then
    data=$(cat "$state/datadir")
    as_pg "$pgbin/pg_ctl" -D "$data/data" -m fast -w stop >/dev/null 2>&1 || true
    # The server's log goes to the secret leak scan (tests/security) before it is removed.
    if [ -n "${TD_LEAK_DIR:-}" ] && [ -f "$data/server.log" ]; then
      mkdir -p "$TD_LEAK_DIR/pg.server"
      cp "$data/server.log" "$TD_LEAK_DIR/pg.server/server.log" \
        || { echo "pg-fixture: cannot keep the server log for the leak scan" >&2; exit 1; }
    fi
    stop_cluster "$data"
  fi
  rm -rf "$state"
  ;;
*) echo "usage: pg-fixture.sh start|stop STATE" >&2; exit 2 ;;
esac
