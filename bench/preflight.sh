#!/usr/bin/env bash
# Measures `lockstep preflight` and `lockstep stats` on a database of 10,000 tables (the issue's
# target: preflight answers in under 2 s, JVM start included). Run from the repository root after
# `mvn -B -DskipTests package`:
#   bench/preflight.sh                                  PostgreSQL from /usr/lib/postgresql/15/bin
#   PG_BIN=/tmp/lockstep-pg-bin-18/bin bench/preflight.sh
#                                                       another server (the test suite unpacks 16-18 there)
#   TABLES=10000 RUNS=5 LOCKSTEP_JAR=... JAVA=...       size, repetitions, build and Java measured
# Starts a throwaway server in a temporary folder (as user postgres when run as root), stops and
# deletes it at the end. Prints a Markdown block to paste into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${LOCKSTEP_JAR:-cli/target/lockstep.jar}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
JAVA=${JAVA:-java}
TABLES=${TABLES:-10000}
RUNS=${RUNS:-5}
[ -f "$JAR" ] || mvn -q -B -DskipTests package

as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

dir=$(mktemp -d)
[ "$(id -u)" = 0 ] && chown postgres "$dir"
# a free port: nothing answers on it
port=$((20000 + RANDOM % 40000))
while (: </dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((20000 + RANDOM % 40000)); done
stop() {
  as_server "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_server "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
as_server "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_locks_per_transaction=256" >/dev/null
url="postgresql://postgres@127.0.0.1:$port/postgres"
sql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "$1"; }

for ((from = 1; from <= TABLES; from += 1000)); do
  to=$((from + 999 < TABLES ? from + 999 : TABLES))
  sql "DO \$\$ BEGIN FOR i IN $from..$to LOOP EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v int)', i); END LOOP; END \$\$"
done
sql "ANALYZE"
relations=$("$PSQL" -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
migration="$dir/V9__widen.sql"
printf "SET lock_timeout = '2s';\nALTER TABLE t%d ALTER COLUMN id TYPE bigint;\nCREATE INDEX t%d_v_idx ON t%d (v);\n" \
  $((TABLES / 2)) $((TABLES * 7 / 10)) $((TABLES * 7 / 10)) > "$migration"

# Wall seconds of one command; a preflight that is not ready (exit 1) or cannot check (2) stops the run.
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", b - a}'
}
java_run=("$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR")
preflight=() stats=()
for ((i = 0; i < RUNS; i++)); do
  preflight+=("$(wall "${java_run[@]}" preflight --database-url "$url" "$migration")")
  stats+=("$(wall "${java_run[@]}" stats --database-url "$url" --output "$dir/stats.json")")
done
server=$("$PSQL" -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SHOW server_version")

echo "### preflight on $TABLES tables ($(date -u +%Y-%m-%d), PostgreSQL $server, $("$JAVA" -version 2>&1 | head -1), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "$relations relations in public; the migration alters one table and indexes another. Wall time of the"
echo "whole command (JVM start, lint of the migration, every check), $RUNS runs each:"
echo
echo "| command | median | runs |"
echo "|---|---|---|"
echo "| \`lockstep preflight --database-url URL V9__widen.sql\` | **$(printf '%s\n' "${preflight[@]}" | median) s** | ${preflight[*]} |"
echo "| \`lockstep stats --database-url URL --output stats.json\` ($(du -k "$dir/stats.json" | cut -f1) kB) | $(printf '%s\n' "${stats[@]}" | median) s | ${stats[*]} |"
