#!/usr/bin/env bash
# The cost of the history: one file linted inside a folder of 1,000 Flyway migrations against the
# same file linted alone (target: at most 1.5x), and a whole folder with and without the history.
# Run from the repository root after `mvn -B -DskipTests package`.
#   RUNS=15 bench/history.sh             runs per measurement (medians are printed)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/history.sh
# Prints a Markdown block to paste into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
JAR=${LOCKSTEP_JAR:-cli/target/lockstep.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
export LOCKSTEP_JAR="$JAR"
OUT=bench/out/history
rm -rf "$OUT" && mkdir -p "$OUT/folder/db/migration" "$OUT/alone/db/migration"

# 999 earlier migrations like a long-lived project's: a table per migration that references users,
# every 7th adds a column to an earlier table, every 11th builds an index concurrently.
{
  echo "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);" > "$OUT/folder/db/migration/V1__users.sql"
  for i in $(seq 2 999); do
    f="$OUT/folder/db/migration/V${i}__step_$i.sql"
    {
      echo "SET lock_timeout = '2s';"
      echo "CREATE TABLE t_$i (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id),"
      echo "  name text, amount numeric(10,2), created_at timestamptz NOT NULL DEFAULT now());"
      if (( i % 7 == 0 )); then echo "ALTER TABLE t_$((i - 3)) ADD COLUMN note_$i text;"; fi
      if (( i % 11 == 0 )); then echo "CREATE INDEX CONCURRENTLY t_$((i - 5))_name_$i ON t_$((i - 5)) (name);"; fi
    } > "$f"
  done
}
LAST='SET lock_timeout = '"'"'2s'"'"';
ALTER TABLE t_500 ALTER COLUMN amount TYPE numeric(12,2);
ALTER TABLE t_900 ADD COLUMN flag boolean;'
printf '%s\n' "$LAST" > "$OUT/folder/db/migration/V1000__last.sql"
printf '%s\n' "$LAST" > "$OUT/alone/db/migration/V1000__last.sql"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
# CPU seconds (user + system) of a command and its children: steadier than wall time on a shared machine.
# GNU time writes "Command exited with non-zero status 1" first when lint finds something: only its last line counts.
cpu() { local f; f=$(mktemp); /usr/bin/time -f "%U %S" -o "$f" "$@" >/dev/null 2>&1 || true; tail -n 1 "$f" | awk '{print $1 + $2}'; rm -f "$f"; }

./lockstep lint "$OUT/alone/db/migration/V1000__last.sql" >/dev/null 2>&1 || true # the launcher's start-up cache
# on Java 25 that cache is made in the background after the first run: measure with it in place
for i in $(seq 120); do
  ls -d "$(dirname "$JAR")"/*.aot.lock >/dev/null 2>&1 || break
  sleep 1
done
: > "$OUT/alone.txt"; : > "$OUT/inside.txt"; : > "$OUT/cached.txt"; : > "$OUT/alone.cpu"; : > "$OUT/inside.cpu"
: > "$OUT/folder.txt"; : > "$OUT/folder_alone.txt"
rm -rf "$OUT/cache"
for i in $(seq "$RUNS"); do # interleaved, so that the machine's load falls on both alike
  secs ./lockstep lint "$OUT/alone/db/migration/V1000__last.sql" >> "$OUT/alone.txt"
  secs ./lockstep lint "$OUT/folder/db/migration/V1000__last.sql" >> "$OUT/inside.txt"
  secs ./lockstep lint --cache-dir "$OUT/cache" "$OUT/folder/db/migration/V1000__last.sql" >> "$OUT/cached.txt"
  cpu ./lockstep lint "$OUT/alone/db/migration/V1000__last.sql" >> "$OUT/alone.cpu"
  cpu ./lockstep lint "$OUT/folder/db/migration/V1000__last.sql" >> "$OUT/inside.cpu"
done
for i in $(seq 3); do
  secs ./lockstep lint "$OUT/folder/db/migration" >> "$OUT/folder.txt"
  secs ./lockstep lint --no-history "$OUT/folder/db/migration" >> "$OUT/folder_alone.txt"
done
alone=$(median < "$OUT/alone.txt"); inside=$(median < "$OUT/inside.txt"); cached=$(median < "$OUT/cached.txt")
alone_cpu=$(median < "$OUT/alone.cpu"); inside_cpu=$(median < "$OUT/inside.cpu")
folder=$(median < "$OUT/folder.txt"); folder_alone=$(median < "$OUT/folder_alone.txt")
verdict=$(./lockstep lint --format gcc "$OUT/folder/db/migration/V1000__last.sql" || true)
# without JAVA_HOME the launcher runs the newest Java it finds, not necessarily the one on PATH
java_used=${JAVA_HOME:+$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)}
echo "## $(date -u +%Y-%m-%d) — history cost, ${java_used:-Java as the launcher chooses it (set JAVA_HOME to name one)}, $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| measure (median of $RUNS, interleaved) | seconds |"
echo "|---|---|"
echo "| V1000 alone in its folder | $alone |"
echo "| V1000 after 999 earlier migrations | $inside (**$(echo "scale=2; $inside / $alone" | bc)x**) |"
echo "| V1000 alone, CPU seconds | $alone_cpu |"
echo "| V1000 after 999 earlier migrations, CPU seconds | $inside_cpu (**$(echo "scale=2; $inside_cpu / $alone_cpu" | bc)x**) |"
echo "| same, --cache-dir (result kept from the previous run) | $cached |"
echo "| whole folder (1,000 files) with the history (median of 3) | $folder |"
echo "| whole folder, --no-history (median of 3) | $folder_alone |"
echo
echo "V1000's findings with the history: ${verdict:-none}"
