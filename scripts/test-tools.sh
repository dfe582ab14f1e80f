#!/usr/bin/env bash
# The Go tools' own checks and tests (tools/linkemu), with the toolchain that builds them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

go_bin=$(go_toolchain tools/linkemu/go.mod)
cd tools/linkemu
unformatted=$("$(dirname "$go_bin")/gofmt" -l .)
[ -z "$unformatted" ] || fail "not formatted with gofmt: $unformatted"
GOTOOLCHAIN=local CGO_ENABLED=0 "$go_bin" vet .
GOTOOLCHAIN=local CGO_ENABLED=0 "$go_bin" test -count=1 .
