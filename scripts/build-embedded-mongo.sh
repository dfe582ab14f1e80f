#!/usr/bin/env bash
# Builds the embedded MongoDB-protocol server (tools/embedded-mongo: mongo-java-server with the
# H2 file backend) into one jar, cached by the hash of its sources. Prints the jar's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

sources=(tools/embedded-mongo/pom.xml $(find tools/embedded-mongo/src -type f | sort))
target="$ONCOBOARD_CACHE/embedded-mongo/$(inputs_hash "${sources[@]}")/embedded-mongo.jar"

if [ ! -f "$target" ]; then
  command -v mvn >/dev/null || fail "Maven (mvn) is missing: run scripts/setup.sh"
  step "building the embedded database ($target)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cp -r tools/embedded-mongo/. "$work/"
  mvn -q -B -f "$work/pom.xml" package -DskipTests >&2
  mkdir -p "$(dirname "$target")"
  cp "$work/target/embedded-mongo.jar" "$target.tmp"
  mv "$target.tmp" "$target"
fi
echo "$target"
