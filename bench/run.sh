#!/usr/bin/env bash
# Benchmarks lockstep on ../shared/corpus. Run from the repository root after `mvn -B -DskipTests package`.
#   bench/run.sh            all measurements (about 10 minutes on 2 cores)
#   PARSES=20000 bench/run.sh   a shorter throughput run
# Prints a Markdown block to paste into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
PARSES=${PARSES:-100000}
JAR=cli/target/lockstep.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package
SMALL=examples/flyway/V2__index_orders_by_customer.sql
mkdir -p bench/out

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Wall seconds and peak RSS (MiB) of one command, via GNU time.
measure() {
  /usr/bin/time -f '%e %M' -o bench/out/time.txt "$@" >/dev/null 2>&1 || true
  read -r secs kib < <(tail -n 1 bench/out/time.txt) # GNU time may first note a non-zero exit
  echo "$secs $((kib / 1024))"
}

echo "## $(date -u +%Y-%m-%d) — $(java -version 2>&1 | head -1), $(nproc) cores, $(uname -m)"
echo

for i in $(seq 20); do measure ./lockstep lint "$SMALL"; done > bench/out/cold.txt
echo "- cold lint of one small file (\`./lockstep lint $SMALL\`), median of 20 runs:" \
  "$(cut -d' ' -f1 bench/out/cold.txt | median) s wall, peak RSS $(cut -d' ' -f2 bench/out/cold.txt | median) MiB"

read -r secs rss < <(measure ./lockstep lint "$CORPUS")
echo "- whole corpus in one invocation (\`./lockstep lint $CORPUS\`): $secs s wall, peak RSS $rss MiB"

java -Xss512m -cp "$JAR" bench/ParseThroughput.java "$CORPUS" "$PARSES" 5000 > bench/out/throughput.txt
echo "- warm parse throughput (\`java -cp $JAR bench/ParseThroughput.java $CORPUS $PARSES\`):"
sed 's/^/    /' bench/out/throughput.txt
