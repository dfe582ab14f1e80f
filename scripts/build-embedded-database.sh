#!/usr/bin/env bash
# Builds the embedded database (tools/ferretdb: FerretDB with its SQLite backend behind a
# write-serialising proxy) into one binary, cached by the hash of its sources, go.sum and the
# patches to FerretDB's own sources (tools/ferretdb/*.patch, applied to a copy of the module: the
# module cache is never changed).
# Prints the binary's path last. Needs Go >= the version in tools/ferretdb/go.mod; without one,
# it fetches a Go toolchain from the Go module proxy (module golang.org/toolchain), bootstrapping
# with Debian's golang-go when the machine has no Go at all.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

GO_TOOLCHAIN=go1.26.8
sources=(tools/ferretdb/go.mod tools/ferretdb/go.sum $(find tools/ferretdb -name '*.go' -o -name '*.patch' | sort))
target="$ONCOBOARD_CACHE/ferretdb/$(inputs_hash "${sources[@]}")/oncoboard-ferretdb"
[ -x "$target" ] && { echo "$target"; exit 0; }

required=$(sed -n 's/^go \([0-9.]*\)$/\1/p' tools/ferretdb/go.mod)
# True when the given go runs and is at least the required version.
go_is_recent() {
  local have
  have=$("$1" env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$required" "$have" | sort -V | head -n 1)" = "$required" ]
}

go_bin=$(command -v go || true)
if [ -z "$go_bin" ] || ! go_is_recent "$go_bin"; then
  case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) fail "no Go toolchain for $(uname -m)" ;; esac
  toolchain_dir="$ONCOBOARD_CACHE/go-toolchain"
  go_bin="$toolchain_dir/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch/bin/go"
  if [ ! -x "$go_bin" ]; then
    bootstrap=$(command -v go || true)
    if [ -z "$bootstrap" ]; then
      step "installing Debian's golang-go to fetch $GO_TOOLCHAIN"
      sudo_cmd=()
      [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
      "${sudo_cmd[@]}" apt-get update -qq
      DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends golang-go >&2
      bootstrap=$(command -v go)
    fi
    step "fetching Go $GO_TOOLCHAIN from the Go module proxy"
    (cd "$(mktemp -d)" && GOMODCACHE="$toolchain_dir" GOFLAGS=-modcacherw GOTOOLCHAIN=local \
      "$bootstrap" mod download "golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch" >&2)
    # Module zips carry no file modes: make the toolchain's programs executable, as Go itself does.
    chmod +x "$(dirname "$go_bin")"/* "$(dirname "$(dirname "$go_bin")")"/pkg/tool/*/*
  fi
fi

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
