#!/bin/sh
# lockstep in a container: the image's jlink runtime runs the jar, and every argument is lockstep's
# (e.g. `preflight /migrations`). lockstep's exit code is the container's: 0 ready, 1 not ready,
# 2 could not check. LOCKSTEP_JAVA and LOCKSTEP_JAR point elsewhere outside the image.
set -eu
java="${LOCKSTEP_JAVA:-/opt/lockstep/runtime/bin/java}"
jar="${LOCKSTEP_JAR:-/opt/lockstep/lockstep.jar}"
# Short runs: the quick JIT alone and the serial collector finish them sooner. No class-data
# archive is written, so a read-only root file system is fine.
# shellcheck disable=SC2086 # LOCKSTEP_JAVA_OPTS holds several options
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${LOCKSTEP_JAVA_OPTS:-} -jar "$jar" "$@"
