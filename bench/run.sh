#!/usr/bin/env bash
# Benchmarks lockstep on corpus. Run from the repository root after `mvn -B -DskipTests package`.
#   bench/run.sh                      all measurements (about 10 minutes on 2 cores)
#   PARSES=20000 bench/run.sh         a shorter throughput run
#   JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" bench/run.sh
#                                     the JDKs to measure (default: java on PATH, and Temurin 25 if installed)
#   LOCKSTEP_JAR=/path/to/other/lockstep.jar bench/run.sh
#                                     measure another build (e.g. an older commit) the same way
#   SQUAWK_VERSION=2.66.0             the squawk-cli release measured for comparison (installed from npm)
# Prints a Markdown block to paste into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-corpus}
PARSES=${PARSES:-100000}
WARMUP=${WARMUP:-20000}
JAR=${LOCKSTEP_JAR:-cli/target/lockstep.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
export LOCKSTEP_JAR="$JAR"
SMALL=examples/flyway/V2__index_orders_by_customer.sql
mkdir -p bench/out
if [ -z "${JDKS:-}" ]; then
  JDKS=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && JDKS="$JDKS /usr/lib/jvm/temurin-25-jdk-amd64"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Wall seconds and peak RSS (MiB) of one command, via GNU time.
measure() {
  /usr/bin/time -f '%e %M' -o bench/out/time.txt "$@" >/dev/null 2>&1 || true
  read -r secs kib < <(tail -n 1 bench/out/time.txt) # GNU time may first note a non-zero exit
  echo "$secs $((kib / 1024))"
}

echo "## $(date -u +%Y-%m-%d) — $JAR, $(nproc) cores, $(uname -m)"
for jdk in $JDKS; do
  export JAVA_HOME=$jdk
  echo
  echo "### $("$jdk/bin/java" -version 2>&1 | head -1)"
  echo
  # The launcher's first run with a jar and a Java makes its start-up cache (on Java 25 in the
  # background): measure the runs that users make every day, after it.
  ./lockstep lint "$SMALL" >/dev/null 2>&1 || true
  for i in $(seq 120); do ls "$(dirname "$JAR")"/*.aot.lock >/dev/null 2>&1 || break; sleep 0.5; done
  for i in $(seq 20); do measure ./lockstep lint "$SMALL"; done > bench/out/cold.txt
  echo "- cold lint of one small file (\`./lockstep lint $SMALL\`), median of 20 runs:" \
    "$(cut -d' ' -f1 bench/out/cold.txt | median) s wall, peak RSS $(cut -d' ' -f2 bench/out/cold.txt | median) MiB"
  read -r secs rss < <(measure ./lockstep lint "$CORPUS")
  echo "- whole corpus in one invocation (\`./lockstep lint $CORPUS\`): $secs s wall, peak RSS $rss MiB"
  for mode in lockstep wasm; do
    "$jdk/bin/java" -cp "$JAR" bench/ParseThroughput.java "$CORPUS" "$PARSES" "$WARMUP" $mode \
      > bench/out/throughput-$mode.txt
    echo "- warm throughput, $mode mode (\`java -cp $JAR bench/ParseThroughput.java $CORPUS $PARSES $WARMUP $mode\`):" \
      "$(tail -n 1 bench/out/throughput-$mode.txt | sed 's/^warm throughput: //')"
  done
done

if command -v node >/dev/null 2>&1 && ls core/target/libpg-query/libpg-query-*.tgz >/dev/null 2>&1; then
  rm -rf bench/out/node && mkdir -p bench/out/node
  tar xzf core/target/libpg-query/libpg-query-*.tgz -C bench/out/node
  echo
  echo "### Node, the same wasm"
  echo
  echo "- warm throughput of the parse call (\`node bench/node-reference.cjs bench/out/node/package bench/out/statements.json $PARSES $WARMUP\`):" \
    "$(node bench/node-reference.cjs bench/out/node/package bench/out/statements.json "$PARSES" "$WARMUP")"
fi

if command -v npm >/dev/null 2>&1; then
  SQUAWK_VERSION=${SQUAWK_VERSION:-2.66.0}
  npm install --silent --no-audit --no-fund --prefix bench/out/squawk "squawk-cli@$SQUAWK_VERSION" >/dev/null 2>&1 || true
  native=$(ls bench/out/squawk/node_modules/@squawk-cli/*/bin/squawk 2>/dev/null | head -n 1)
  launcher=bench/out/squawk/node_modules/.bin/squawk
  if [ -n "$native" ] && [ -x "$launcher" ]; then
    echo
    echo "### squawk $SQUAWK_VERSION (npm \`squawk-cli\`), same machine, same run"
    echo
    for i in $(seq 20); do measure "$native" "$SMALL"; done > bench/out/squawk-cold.txt
    for i in $(seq 20); do measure "$launcher" "$SMALL"; done > bench/out/squawk-launcher-cold.txt
    echo "- cold lint of the same file, native binary, median of 20 runs:" \
      "$(cut -d' ' -f1 bench/out/squawk-cold.txt | median) s wall, peak RSS $(cut -d' ' -f2 bench/out/squawk-cold.txt | median) MiB"
    echo "- cold lint of the same file, npm launcher (\`node_modules/.bin/squawk\`), median of 20 runs:" \
      "$(cut -d' ' -f1 bench/out/squawk-launcher-cold.txt | median) s wall, peak RSS $(cut -d' ' -f2 bench/out/squawk-launcher-cold.txt | median) MiB"
    mapfile -t files < <(find "$CORPUS" -name '*.sql' -type f | sort)
    read -r secs rss < <(measure "$native" "${files[@]}")
    echo "- whole corpus in one invocation (native binary, the ${#files[@]} \`*.sql\` files as arguments): $secs s wall, peak RSS $rss MiB"
  fi
fi
