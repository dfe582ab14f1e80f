# Shared helpers for the setup scripts (sourced, not run).

# Heavy builds are cached outside the checkout, keyed by version and inputs, so a fresh clone
# on the same machine reuses them and a changed input rebuilds.
ONCOBOARD_CACHE=${ONCOBOARD_CACHE:-$HOME/.cache/oncoboard}

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# First 12 hex digits of the sha256 over the given files' names and contents.
inputs_hash() {
  local file
  for file in "$@"; do printf '%s\n' "$file"; cat "$file"; done | sha256sum | cut -c1-12
}
