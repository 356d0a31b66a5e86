#!/usr/bin/env bash
# Cold start through the npm package, against squawk's npm package, in one run.
# Run from the repository root after `mvn -B -DskipTests package`. For each JDK in JDKS it builds the
# platform package twice (with its start-up cache and without: LOCKSTEP_DIST_CACHE=none; the cache
# is an ahead-of-time cache on Java 25, the JDK's class-data archive of its own classes before), installs
# each beside the lockstep package into its own empty project, installs squawk-cli from npm, then:
#  - one small file, RUNS rounds; each round runs every command once, in turn (interleaved pairs),
#  - the corpus without pg_dump/ (where squawk panics), CORPUS_RUNS rounds, the same way.
# Prints the median and the range (min–max) of wall seconds per command, and the median CPU seconds
# (user + system, the command and all its processes: less disturbed than wall time on a busy machine).
#   JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" RUNS=20 CORPUS_RUNS=5 bench/npm.sh
#   REUSE=1 bench/npm.sh   measure again the packages and installs of the previous run
set -euo pipefail
cd "$(dirname "$0")/.."
JDKS=${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-20}
CORPUS_RUNS=${CORPUS_RUNS:-5}
SQUAWK_VERSION=${SQUAWK_VERSION:-2.66.0}
SMALL=examples/flyway/V2__index_orders_by_customer.sql
JAR=cli/target/lockstep.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package
version=$(sed -n 's/^version=//p' cli/target/maven-archiver/pom.properties 2>/dev/null || true)
version=${version:-$(mvn -q -B help:evaluate -Dexpression=project.version -DforceStdout)}
out=$PWD/bench/out/npm
[ -n "${REUSE:-}" ] || rm -rf "$out"
rm -f "$out"/small-*.txt "$out"/corpus-*.txt
mkdir -p "$out"
platform=$(node -p 'process.platform + "-" + process.arch')

names=()
for jdk in $JDKS; do
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
  for cache in cache none; do
    kind=$cache
    [ "$cache" = none ] || { [ "$major" -ge 25 ] && kind=aot || kind=cds; }
    name="jdk$major-$kind"
    names+=("$name")
    [ -z "${REUSE:-}" ] || continue
    LOCKSTEP_DIST_CACHE=$cache java build-tools/NpmDist.java "$version" "$JAR" "$jdk" . \
      "$out/$name/tgz" "$out/$name/work" >/dev/null
    mkdir -p "$out/$name/project"
    echo '{"name": "bench", "private": true}' > "$out/$name/project/package.json"
    (cd "$out/$name/project" && npm install --offline --silent --no-audit --no-fund "$out/$name"/tgz/*.tgz)
  done
done
if [ -z "${REUSE:-}" ]; then
  mkdir -p "$out/squawk"
  echo '{"name": "bench", "private": true}' > "$out/squawk/package.json"
  (cd "$out/squawk" && npm install --silent --no-audit --no-fund "squawk-cli@$SQUAWK_VERSION")
fi
squawk_native=$(ls "$out"/squawk/node_modules/@squawk-cli/*/bin/squawk | head -n 1)

# The commands, by label; each runs from its project folder with the file's path appended.
labels=() dirs=() cmds=()
add() { labels+=("$1"); dirs+=("$2"); cmds+=("$3"); }
for name in "${names[@]}"; do
  add "npx lockstep lint, $name" "$out/$name/project" "npx --no-install lockstep lint"
  add "node_modules/.bin/lockstep lint (no npx), $name" "$out/$name/project" "node_modules/.bin/lockstep lint"
  add "platform launcher, $name" "$out/$name/project" "node_modules/@lockstep/$platform/bin/lockstep lint"
done
for name in "${names[@]}"; do
  case "$name" in *-none) ;; *)
    add "platform launcher, $name, optimizing JIT too" "$out/$name/project" \
      "LOCKSTEP_JAVA_OPTS=-XX:TieredStopAtLevel=4 node_modules/@lockstep/$platform/bin/lockstep lint" ;;
  esac
done
add "npx squawk" "$out/squawk" "npx --no-install squawk"
add "squawk native binary" "$out/squawk" "$squawk_native"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
range() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
seconds() { # "wall cpu" seconds of one run, output discarded
  (cd "$1" && /usr/bin/time -f '%e %U %S' -o "$out/time.txt" bash -c "$2" >/dev/null 2>&1) || true
  tail -n 1 "$out/time.txt" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}' # GNU time may first note an exit code
}
# "median s | range s | cpu median s" of a file of "wall cpu" lines
summary() {
  echo "$(cut -d' ' -f1 "$1" | median) s | $(cut -d' ' -f1 "$1" | range) s | $(cut -d' ' -f2 "$1" | median) s"
}
# Warm each command once (the first run of a platform package checks its cache's key).
small=()
for i in "${!labels[@]}"; do
  case "${labels[$i]}" in *"optimizing JIT"*|*"(no npx), jdk"*-none) ;; *) small+=("$i") ;; esac
done
for i in "${small[@]}"; do seconds "${dirs[$i]}" "${cmds[$i]} $PWD/$SMALL" >/dev/null; done

echo "## $(date -u +%Y-%m-%d) — npm packages, $(nproc) cores, $(uname -m)"
echo
for jdk in $JDKS; do echo "- $("$jdk/bin/java" -version 2>&1 | head -n 1)"; done
echo "- node $(node --version), npm $(npm --version), squawk-cli $SQUAWK_VERSION"
echo
echo "One small file (\`$SMALL\`), $RUNS interleaved rounds:"
echo
echo "| command | wall, median | wall, range | CPU, median |"
echo "|---|---|---|---|"
for round in $(seq "$RUNS"); do
  for i in "${small[@]}"; do
    seconds "${dirs[$i]}" "${cmds[$i]} $PWD/$SMALL" >> "$out/small-$i.txt"
  done
done
for i in "${small[@]}"; do
  echo "| ${labels[$i]} | $(summary "$out/small-$i.txt") |"
done

mapfile -t files < <(find corpus -path corpus/pg_dump -prune -o -name '*.sql' -type f -print | sort)
printf "$PWD/%s\n" "${files[@]}" > "$out/corpus-files.txt"
echo
echo "The corpus without pg_dump/ (${#files[@]} files as arguments), $CORPUS_RUNS interleaved rounds:"
echo
echo "| command | wall, median | wall, range | CPU, median |"
echo "|---|---|---|---|"
corpus=()
for i in "${!labels[@]}"; do
  case "${labels[$i]}" in "platform launcher"*|"squawk native"*) corpus+=("$i") ;; esac
done
for round in $(seq "$CORPUS_RUNS"); do
  for i in "${corpus[@]}"; do
    seconds "${dirs[$i]}" "mapfile -t f < $out/corpus-files.txt; ${cmds[$i]} \"\${f[@]}\"" >> "$out/corpus-$i.txt"
  done
done
for i in "${corpus[@]}"; do
  echo "| ${labels[$i]} | $(summary "$out/corpus-$i.txt") |"
done
