# Shared helpers for the setup scripts (sourced, not run).

# Heavy builds are cached outside the checkout, keyed by version and inputs, so a fresh clone
# on the same machine reuses them and a changed input rebuilds.
ONCOBOARD_CACHE=${ONCOBOARD_CACHE:-$HOME/.cache/oncoboard}

# Each step says when it started, so a slow or stuck step shows in any log of the run.
step() { printf '\n==> %s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# First 12 hex digits of the sha256 over the given files' names and contents.
inputs_hash() {
  local file
  for file in "$@"; do printf '%s\n' "$file"; cat "$file"; done | sha256sum | cut -c1-12
}

# Prints the path of a Go toolchain at least as recent as the given go.mod asks for: the
# machine's own when it is, else GO_TOOLCHAIN fetched from the Go module proxy (module
# golang.org/toolchain) into the cache, bootstrapping with Debian's golang-go when the machine
# has no Go at all.
GO_TOOLCHAIN=go1.26.8
go_toolchain() {
  local required go_bin arch toolchain_dir bootstrap
  required=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$1")
  go_bin=$(command -v go || true)
  if [ -n "$go_bin" ] && go_is_at_least "$required" "$go_bin"; then echo "$go_bin"; return; fi

  case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) fail "no Go toolchain for $(uname -m)" ;; esac
  toolchain_dir="$ONCOBOARD_CACHE/go-toolchain"
  go_bin="$toolchain_dir/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch/bin/go"
  if [ ! -x "$go_bin" ]; then
    bootstrap=$(command -v go || true)
    if [ -z "$bootstrap" ]; then
      step "installing Debian's golang-go to fetch $GO_TOOLCHAIN"
      apt_install golang-go
      bootstrap=$(command -v go)
    fi
    step "fetching Go $GO_TOOLCHAIN from the Go module proxy"
    (cd "$(mktemp -d)" && GOMODCACHE="$toolchain_dir" GOFLAGS=-modcacherw GOTOOLCHAIN=local \
      "$bootstrap" mod download "golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch" >&2)
    # Module zips carry no file modes: make the toolchain's programs executable, as Go itself does.
    chmod +x "$(dirname "$go_bin")"/* "$(dirname "$(dirname "$go_bin")")"/pkg/tool/*/*
  fi
  echo "$go_bin"
}

# True when the given go runs and is at least the given version.
go_is_at_least() {
  local have
  have=$("$2" env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$1" "$have" | sort -V | head -n 1)" = "$1" ]
}

# Installs Debian packages, with sudo unless root.
apt_install() {
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
}
