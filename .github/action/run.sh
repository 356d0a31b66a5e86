#!/usr/bin/env bash
# The GitHub Action's step: runs lockstep with --format github on the inputs (INPUT_* variables)
# and records its exit code as the step output "exit-code". LOCKSTEP_JAR is the jar install.sh
# fetched (or the action's jar input); nothing is built here.
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${LOCKSTEP_JAR:-}" ] || [ ! -f "$LOCKSTEP_JAR" ]; then
  echo "::error title=lockstep::no lockstep.jar to run (LOCKSTEP_JAR='${LOCKSTEP_JAR:-}')"
  [ -n "${GITHUB_OUTPUT:-}" ] && echo "exit-code=2" >> "$GITHUB_OUTPUT"
  exit 2
fi

args=(lint --format github)
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_PG_VERSION:-}" ] && args+=(--pg-version "$INPUT_PG_VERSION")
[ -n "${INPUT_FAIL_LEVEL:-}" ] && args+=(--fail-level "$INPUT_FAIL_LEVEL")
[ -n "${INPUT_SARIF_FILE:-}" ] && args+=(--output "sarif=$INPUT_SARIF_FILE")

# On a pull request, only the migrations it adds or changes.
base="${INPUT_BASE_REF:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/$GITHUB_BASE_REF"
  # actions/checkout fetches one commit by default: fetch the base branch to find the merge base.
  if ! git rev-parse --verify --quiet "$base" >/dev/null; then
    git fetch --no-tags --quiet origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || true
    git fetch --no-tags --quiet --unshallow origin 2>/dev/null || true
  fi
fi
if [ "${INPUT_CHANGED_ONLY:-true}" = "true" ] && [ -n "$base" ]; then
  args+=(--changed-since "$base")
fi

# Paths are separated by spaces or newlines.
read -r -d '' -a paths <<< "${INPUT_PATHS:-.}"
[ ${#paths[@]} -eq 0 ] && paths=(.)

"$here/lockstep" "${args[@]}" "${paths[@]}"
code=$?
[ -n "${GITHUB_OUTPUT:-}" ] && echo "exit-code=$code" >> "$GITHUB_OUTPUT"
case "$code" in
  0) ;;
  1) echo "lockstep: findings at the fail level; see the annotations" >&2 ;;
  *) echo "lockstep: exited $code (unreadable or unparsable input, or a usage error)" >&2 ;;
esac
exit "$code"
