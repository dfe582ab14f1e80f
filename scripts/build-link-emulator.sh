#!/usr/bin/env bash
# Builds the link emulator (tools/linkemu: two TUN devices joined by an emulated link, for the
# network tests) into one binary, cached by the hash of its sources.
# Prints the binary's path last. Needs Go >= the version in tools/linkemu/go.mod; without one,
# it fetches one (go_toolchain in scripts/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

sources=(tools/linkemu/go.mod $(find tools/linkemu -name '*.go' ! -name '*_test.go' | sort))
target="$ONCOBOARD_CACHE/linkemu/$(inputs_hash "${sources[@]}")/linkemu"
[ -x "$target" ] && { echo "$target"; exit 0; }

go_bin=$(go_toolchain tools/linkemu/go.mod)
step "building the link emulator with $("$go_bin" version) ($target)"
mkdir -p "$(dirname "$target")"
(cd tools/linkemu && GOTOOLCHAIN=local CGO_ENABLED=0 "$go_bin" build -trimpath -o "$target.tmp" .) >&2
mv "$target.tmp" "$target"
echo "$target"
