#!/usr/bin/env bash
# Builds the embedded database (tools/ferretdb: FerretDB with its SQLite backend behind a
# write-serialising proxy) into one binary, cached by the hash of its sources, go.sum and the
# patches to FerretDB's own sources (tools/ferretdb/*.patch, applied to a copy of the module: the
# module cache is never changed).
# Prints the binary's path last. Needs Go >= the version in tools/ferretdb/go.mod; without one,
# it fetches one (go_toolchain in scripts/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

sources=(tools/ferretdb/go.mod tools/ferretdb/go.sum $(find tools/ferretdb -name '*.go' -o -name '*.patch' | sort))
target="$ONCOBOARD_CACHE/ferretdb/$(inputs_hash "${sources[@]}")/oncoboard-ferretdb"
[ -x "$target" ] && { echo "$target"; exit 0; }

go_bin=$(go_toolchain tools/ferretdb/go.mod)

step "building the embedded database with $("$go_bin" version) ($target)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local CGO_ENABLED=0
ferretdb_dir=$(cd tools/ferretdb && "$go_bin" mod download github.com/FerretDB/FerretDB && "$go_bin" list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
# Go takes no overlay inside the module cache: build against a patched copy of the module instead,
# named by a replace directive in a copy of go.mod (-modfile), so tools/ferretdb stays untouched.
cp -r "$ferretdb_dir" "$work/ferretdb"
chmod -R u+w "$work/ferretdb"
for patch_file in tools/ferretdb/*.patch; do
  patch -s -p1 -d "$work/ferretdb" < "$patch_file" >&2 || fail "$patch_file does not apply to FerretDB's sources"
done
cp tools/ferretdb/go.mod tools/ferretdb/go.sum "$work/"
printf '\nreplace github.com/FerretDB/FerretDB => %s\n' "$work/ferretdb" >> "$work/go.mod"
mkdir -p "$(dirname "$target")"
(cd tools/ferretdb && "$go_bin" build -modfile "$work/go.mod" -trimpath -o "$target.tmp" .) >&2
mv "$target.tmp" "$target"
echo "$target"
