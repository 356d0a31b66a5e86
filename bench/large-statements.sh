#!/usr/bin/env bash
# Time and peak memory of one statement with 300,000 rows or elements, in the forms seed data,
# pg_dump --inserts and generated queries write: casts, IN lists, ARRAY literals, now() calls and
# general expressions. Each file is linted alone, in a JVM started as the launcher starts it
# (serial GC, C1 only, -Xmx1g); peak memory is the process's maximum resident set (GNU time).
# Run from the repository root after `mvn -B -DskipTests package`.
#   bench/large-statements.sh                      the jar of this checkout
#   LOCKSTEP_JARS="old.jar new.jar" bench/large-statements.sh   several jars, interleaved
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/large-statements.sh
# Prints a Markdown table to paste into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
JARS=${LOCKSTEP_JARS:-cli/target/lockstep.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package time)" >&2; exit 1; }
OUT=bench/out/large-statements
rm -rf "$OUT" && mkdir -p "$OUT"
python3 - "$OUT" <<'PY'
import sys
out, n = sys.argv[1], 300_000
def write(name, sql):
    open(f"{out}/{name}.sql", "w").write(sql + ";\n")
write("casts", "INSERT INTO t (id) VALUES " + ",".join(f"({i}::int)" for i in range(n)))
write("in_list", "DELETE FROM t WHERE id IN (" + ",".join(str(i) for i in range(n)) + ")")
write("array", "SELECT ARRAY[" + ",".join(str(i) for i in range(n)) + "]")
write("now_calls", "INSERT INTO t (id, at) VALUES " + ",".join(f"({i}, now())" for i in range(n)))
write("expressions", "INSERT INTO t (id, name) VALUES " + ",".join(f"({i}, lower('x{i}'))" for i in range(n)))
PY
"$JAVA" -version 2>&1 | head -1
echo
echo "| file | size | jar | wall | peak RSS |"
echo "|---|---|---|---|---|"
for f in casts in_list array now_calls expressions; do
  size=$(du -h "$OUT/$f.sql" | cut -f1)
  for jar in $JARS; do
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g -jar "$jar" \
      lint --no-history --format gcc "$OUT/$f.sql" > "$OUT/$f.out" 2>&1 || true
    read -r wall kb < <(tail -n 1 "$OUT/time") # GNU time may first note a non-zero exit
    echo "| $f | $size | $(basename "$jar") | ${wall} s | $((kb / 1024)) MiB |"
  done
done
