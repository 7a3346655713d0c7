#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and local studies, from whatever PostgreSQL is installed.
#   bash tools/postgres.sh check              exits 0 if a server can be started, else says in one line what to install
#   bash tools/postgres.sh start DIR [PORT]   initialises DIR if it is new, starts the server on 127.0.0.1 only (trust
#                                             authentication, loopback only) on PORT or a free port, creates the
#                                             database petseg, prints its URL
#   bash tools/postgres.sh stop DIR           stops it
# The server's programs (initdb, pg_ctl, psql, createdb) are taken from $PG_BIN, else from PATH, else from
# `pg_config --bindir`, else from the versioned folders Debian and Ubuntu install them in (/usr/lib/postgresql/N/bin).
# Run as root (as in CI), the server runs as the postgres user, which must be able to reach DIR; otherwise as you.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
usage="usage: $0 check | start DIR [PORT] | stop DIR"
case "$cmd" in check) ;; start|stop) [ -n "$dir" ] || { echo "$usage" >&2; exit 2; } ;; *) echo "$usage" >&2; exit 2 ;; esac

find_bin() {
  local d
  for d in "${PG_BIN:-}" "$(dirname "$(readlink -f "$(command -v pg_ctl || echo /nonexistent/x)")")" \
           "$(pg_config --bindir 2>/dev/null || true)" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  return 1
}
bin=$(find_bin) || { echo "$0: no PostgreSQL server found (initdb and pg_ctl): install the postgresql package (Debian and Ubuntu: sudo apt-get install postgresql), or set PG_BIN to the folder that holds them" >&2; exit 3; }
[ "$cmd" = check ] && { echo "$bin"; exit 0; }

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$cmd" = stop ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; exit; fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=${3:-$(free_port)}
mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres: "$dir" && chmod 700 "$dir"
[ -f "$dir/PG_VERSION" ] || as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust >/dev/null
as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" -w start >/dev/null \
  || { echo "$0: the server did not start on 127.0.0.1:$port; its log:" >&2; tail -5 "$dir/server.log" >&2; exit 1; }
as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='petseg'" | grep -q 1 \
  || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres petseg
echo "postgresql://postgres@127.0.0.1:$port/petseg"
