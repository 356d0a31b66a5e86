#!/usr/bin/env bash
# Builds deploy/container/Containerfile with buildah (no container engine or daemon: chroot
# isolation, vfs storage, all under a temporary folder) and runs the image's entrypoint, as a
# Kubernetes Job would, against a throwaway PostgreSQL server: --version, a ready database (exit
# 0) and one with an INVALID index (exit 1). The Containerfile's default base images come from a
# container registry; here they are made from Debian packages instead (debootstrap for Debian 12,
# and that system plus this machine's JDK for the jlink stage), so only Debian's archive is used.
# Run from anywhere, as root, after `mvn -B -ntp -DskipTests package`:
#   deploy/container/test-build.sh
#   LOCKSTEP_TEST_ROOTFS=/path/to/debian-12-rootfs deploy/container/test-build.sh
#       (reuse a root file system made as below: debootstrap --variant=minbase --include=binutils bookworm DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f cli/target/lockstep.jar ] || { echo "test-build: build the jar first (mvn -B -ntp -DskipTests package)" >&2; exit 2; }
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

work=$(mktemp -d)
chmod 755 "$work"
storage=(--storage-driver vfs --root "$work/storage" --runroot "$work/run")
bh() { buildah "${storage[@]}" "$@"; }
# a free port: nothing answers on it
port=$((20000 + RANDOM % 40000))
while (: </dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((20000 + RANDOM % 40000)); done
cleanup() {
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  bh rm -a >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The base image: Debian 12, minimal, with binutils (Debian's jlink strips debug symbols with objcopy).
rootfs=${LOCKSTEP_TEST_ROOTFS:-}
if [ -z "$rootfs" ]; then
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=binutils bookworm "$rootfs" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
fi
c=$(bh from scratch)
bh copy --quiet "$c" "$rootfs" / >/dev/null
bh config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$c"
bh commit --quiet "$c" localhost/lockstep-test/debian:12 >/dev/null
# The JDK image: that system and this machine's JDK (links resolved, jmods included).
cp -rL "$jdk" "$work/jdk" 2>/dev/null || true # Debian's lib/src.zip link dangles without the sources package
"$work/jdk/bin/jlink" --version >/dev/null && [ -d "$work/jdk/jmods" ] || { echo "test-build: $jdk has no jlink or jmods" >&2; exit 1; }
c=$(bh from localhost/lockstep-test/debian:12)
bh copy --quiet "$c" "$work/jdk" /opt/jdk >/dev/null
bh config --env PATH=/opt/jdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$c"
bh commit --quiet "$c" localhost/lockstep-test/jdk >/dev/null
rm -rf "$work/jdk"

bh bud --isolation chroot --build-arg JDK_IMAGE=localhost/lockstep-test/jdk \
  --build-arg BASE_IMAGE=localhost/lockstep-test/debian:12 -f deploy/container/Containerfile -t localhost/lockstep:test . >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; exit 1; }

fail() { echo "test-build: $*" >&2; exit 1; }
config=$(bh inspect --format '{{.OCIv1.Config.User}} {{.OCIv1.Config.Entrypoint}} {{.OCIv1.Config.Cmd}}' localhost/lockstep:test)
[ "$config" = "10001:10001 [/opt/lockstep/entrypoint.sh] [--help]" ] || fail "image config: $config"
c=$(bh from localhost/lockstep:test)
run() { bh run --isolation chroot --user 10001:10001 "$@"; }
[ "$(run "$c" -- id -u)" = 10001 ] || fail "the image does not run as uid 10001"
version=$(run "$c" -- /opt/lockstep/entrypoint.sh --version)
expected=$(java -jar cli/target/lockstep.jar --version)
[ "$version" = "$expected" ] || fail "--version in the image: '$version', expected '$expected'"

# A real server, reached from the container over the host's network (chroot isolation shares it).
mkdir "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w start \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null
url="postgresql://postgres@127.0.0.1:$port/postgres"
psql=("$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres)
# (buildah notes a non-zero exit on standard error: kept in a file, the exit code is what is checked)
preflight() { run --env "LOCKSTEP_DATABASE_URL=$url" "$c" -- /opt/lockstep/entrypoint.sh preflight 2>"$work/preflight.err"; }
set +e
out=$(preflight); code=$?
set -e
[ "$code" = 0 ] || fail "preflight on a ready database exited $code: $out"
"${psql[@]}" -c "CREATE TABLE users (id int, email text)" -c "INSERT INTO users VALUES (1, 'a'), (2, 'a')"
"${psql[@]}" -c "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)" 2>/dev/null && fail "the index build should fail"
set +e
out=$(preflight); code=$?
set -e
[ "$code" = 1 ] || fail "preflight with an INVALID index exited $code: $out"
grep -q "DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key;" <<<"$out" || fail "no remediation in: $out"
echo "test-build: image built with buildah; in it lockstep runs as uid 10001, and preflight exits 0 when ready and 1 with an INVALID index"
