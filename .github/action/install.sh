#!/usr/bin/env bash
# The GitHub Action's install steps. Writes the step outputs (GITHUB_OUTPUT):
#   install.sh resolve   version (empty when INPUT_JAR names a local jar) and dir, the folder that
#                        actions/cache keeps for that version;
#   install.sh fetch     jar, the lockstep.jar to run: INPUT_JAR as it is, else the one in dir,
#                        downloaded from the release (LOCKSTEP_RELEASES/v<version>/) when the cache
#                        had none, and checked against the release's SHA256SUMS.
# The version is INPUT_VERSION, else the tag the action itself was used at (uses: ...@v0.1.0).
set -euo pipefail

fail() {
  echo "::error title=lockstep::$1"
  echo "lockstep: $1" >&2
  exit 2
}

out() {
  echo "$1=$2" >> "${GITHUB_OUTPUT:-/dev/null}"
}

# Sets v to the release version.
resolve_version() {
  v="${INPUT_VERSION:-}"
  if [ -z "$v" ]; then
    case "${ACTION_REF:-}" in
      v[0-9]*.*) v="${ACTION_REF#v}" ;;
      *) fail "set the action's 'version' input (a lockstep release such as 0.1.0) or its 'jar' input: it runs from '${ACTION_REF:-an unknown ref}', not a release tag" ;;
    esac
  fi
  v="${v#v}"
  [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || fail "version '$v' is not a lockstep release version (such as 0.1.0)"
}

case "${1:-}" in
  resolve)
    if [ -n "${INPUT_JAR:-}" ]; then
      out version ""
      out dir ""
      exit 0
    fi
    resolve_version
    out version "$v"
    out dir "${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/lockstep/$v"
    ;;
  fetch)
    if [ -n "${INPUT_JAR:-}" ]; then
      [ -f "$INPUT_JAR" ] || fail "jar: $INPUT_JAR is not a file"
      out jar "$(cd "$(dirname "$INPUT_JAR")" && pwd)/$(basename "$INPUT_JAR")"
      exit 0
    fi
    resolve_version
    dir="${INSTALL_DIR:?}"
    name="lockstep-$v.jar"
    if [ ! -f "$dir/$name" ]; then
      base="${LOCKSTEP_RELEASES:?}/v$v"
      tmp=$(mktemp -d)
      trap 'rm -rf "$tmp"' EXIT
      curl -fsSL --retry 3 -o "$tmp/$name" "$base/$name" || fail "could not download $base/$name"
      curl -fsSL --retry 3 -o "$tmp/SHA256SUMS" "$base/SHA256SUMS" || fail "could not download $base/SHA256SUMS"
      expected=$(awk -v f="$name" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
      [ -n "$expected" ] || fail "$base/SHA256SUMS has no line for $name"
      if command -v sha256sum >/dev/null 2>&1; then
        actual=$(sha256sum "$tmp/$name" | cut -d' ' -f1)
      else
        actual=$(shasum -a 256 "$tmp/$name" | cut -d' ' -f1)
      fi
      [ "$actual" = "$expected" ] || fail "$name from $base does not match its SHA-256 in SHA256SUMS (expected $expected, got $actual)"
      # Only a checked jar lands in the folder actions/cache keeps.
      mkdir -p "$dir"
      mv "$tmp/$name" "$dir/$name.tmp"
      mv "$dir/$name.tmp" "$dir/$name"
    fi
    out jar "$dir/$name"
    ;;
  *)
    echo "usage: install.sh resolve|fetch" >&2
    exit 2
    ;;
esac
