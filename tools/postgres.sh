#!/usr/bin/env bash
# A PostgreSQL server for tests and local studies, from Debian's postgresql package (apt-get install postgresql).
#   bash tools/postgres.sh start DIR PORT   initialises DIR if it is new, starts the server on 127.0.0.1:PORT only (trust
#                                           authentication, loopback only), creates the database petseg, prints its URL
#   bash tools/postgres.sh stop DIR         stops it
# Run as root (as in CI), the server runs as the postgres user, which must be able to reach DIR.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$dir" ] && { [ "$cmd" = start ] || [ "$cmd" = stop ]; } || { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/pg_ctl" ] || { echo "$0: no PostgreSQL server found: apt-get install postgresql" >&2; exit 2; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$cmd" = stop ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; exit; fi
port=${3:?usage: $0 start DIR PORT}
mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres: "$dir" && chmod 700 "$dir"
[ -f "$dir/PG_VERSION" ] || as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust >/dev/null
as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" -w start >/dev/null
as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='petseg'" | grep -q 1 \
  || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres petseg
echo "postgresql://postgres@127.0.0.1:$port/petseg"
