#!/usr/bin/env bash
# Build the mediasoup C++ worker from Debian 12 system libraries, and cache it.
#
# The normal `npm install` of mediasoup downloads a prebuilt worker and meson
# subprojects from GitHub / wrapdb, which this project's machines cannot reach.
# This script instead builds node_modules/mediasoup/worker (copied to a temp
# dir, node_modules is never modified) against Debian's libraries, using the
# patches in scripts/mediasoup-worker/:
#   0001-use-system-libraries.patch   subproject(...) -> dependency(...)
#   0002-dtls-bio-callback-return-bit.patch
#                                     fixes a crash with Debian's kTLS OpenSSL
#   0003-release-memory-when-a-router-closes.patch
#                                     malloc_trim() once a session's router closes
#   srtp2-compat/srtp.h               libsrtp 3 API on top of libsrtp 2
# and against libsrtp 2 built here with OpenSSL from Debian's own source of it
# (Debian's libsrtp2 package does its crypto through NSS: see below), with
# srtp-stream-list.c as its stream list.
#
# Usage (from the project root; it finds the project from its own location):
#   bash scripts/build-mediasoup-worker.sh
#   bin=$(bash scripts/build-mediasoup-worker.sh | tail -1)
# The last line of stdout is the absolute path of the worker binary; build logs
# go to stderr. Point mediasoup at it with
# MEDIASOUP_WORKER_BIN=<path> (set before mediasoup is imported).
#
# Cache: ${ONCOBOARD_CACHE:-$HOME/.cache/oncoboard}/mediasoup-worker/
#          <mediasoup version>-<sha256(script + scripts/mediasoup-worker/*)[:12]>/
#
# Debian packages it needs (installed elsewhere, only checked here):
#   g++ (gcc) patch (or git) python3 python3-venv pkg-config
#   libssl-dev libuv1-dev libusrsctp-dev libabsl-dev
#   flatbuffers-compiler libflatbuffers-dev
# and the Debian mirror apt uses (libsrtp2's source, downloaded once and cached).
set -euo pipefail

# Same versions as mediasoup 3.19.22's worker/tasks.py (MESON_VERSION,
# NINJA_VERSION). Debian 12's meson 1.0 is too old (the worker needs >= 1.1).
MESON_VERSION=1.9.1
NINJA_VERSION=1.10.2.4
REQUIRED_DEBS=(pkg-config libssl-dev libuv1-dev libusrsctp-dev libabsl-dev flatbuffers-compiler libflatbuffers-dev)
# Debian 12's libsrtp2 (the version, and its source's checksum in Debian's Sources index). Its
# package does AES and HMAC through NSS, which sets up and tears down a crypto context for every
# packet: in a profile of a 40-participant session that was 30 % of the worker's CPU. Upstream
# mediasoup builds libsrtp with OpenSSL, as this does.
LIBSRTP_VERSION=2.5.0
LIBSRTP_SHA256=8a43ef8e9ae2b665292591af62aa1a4ae41e468b6d98d8258f91478735da4e09

log() { printf '[build-mediasoup-worker] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

script_path="$(readlink -f "${BASH_SOURCE[0]}")"
scripts_dir="$(dirname "$script_path")"
patch_dir="$scripts_dir/mediasoup-worker"
project_root="$(dirname "$scripts_dir")"
mediasoup_dir="$project_root/node_modules/mediasoup"

[[ -f "$mediasoup_dir/package.json" ]] ||
	die "$mediasoup_dir/package.json not found (run npm install first)"
[[ -d "$patch_dir" ]] || die "$patch_dir not found"

ms_version="$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$mediasoup_dir/package.json" | head -n1)"
[[ -n "$ms_version" ]] || die "cannot read the version from $mediasoup_dir/package.json"

# Hash of this script and every file under scripts/mediasoup-worker/ (sorted
# relative paths + contents), so any change to the recipe gets a new cache dir.
recipe_hash="$(
	cd "$scripts_dir"
	{
		echo "build-mediasoup-worker.sh"
		find mediasoup-worker -type f -print | LC_ALL=C sort
	} | while IFS= read -r f; do sha256sum -- "$f"; done | sha256sum | cut -c1-12
)"

cache_root="$(realpath -m "${ONCOBOARD_CACHE:-$HOME/.cache/oncoboard}/mediasoup-worker")"
cache_dir="$cache_root/$ms_version-$recipe_hash"
bin="$cache_dir/mediasoup-worker"

if [[ -f "$bin" && -x "$bin" ]]; then
	echo "$bin"
	exit 0
fi

# --- prerequisites ----------------------------------------------------------
missing=()
for pkg in "${REQUIRED_DEBS[@]}"; do
	if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)" != installed ]]; then
		missing+=("$pkg")
	fi
done
command -v cc >/dev/null 2>&1 || missing+=("gcc")
command -v c++ >/dev/null 2>&1 || missing+=("g++")
# Patches are applied with patch(1); git apply works as well if patch is absent.
if command -v patch >/dev/null 2>&1; then
	apply_patch() { patch -p1 --forward --batch -d "$1" <"$2"; }
elif command -v git >/dev/null 2>&1; then
	apply_patch() { (cd "$1" && git apply -p1 --verbose "$2"); }
else
	missing+=("patch")
fi
if ! command -v python3 >/dev/null 2>&1; then
	missing+=("python3" "python3-venv")
elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
	missing+=("python3-venv")
fi
if ((${#missing[@]})); then
	die "missing Debian packages: ${missing[*]}
  install them with: apt-get install -y ${missing[*]}"
fi

# From here on, everything a command prints goes to stderr; fd 3 keeps stdout
# for the final path.
exec 3>&1 1>&2

mkdir -p "$cache_dir"
# One build at a time per cache root (concurrent callers wait, then reuse it).
exec 9>"$cache_root/.lock"
flock 9
if [[ -f "$bin" && -x "$bin" ]]; then
	echo "$bin" >&3
	exit 0
fi

log "building mediasoup-worker $ms_version (recipe $recipe_hash) into $cache_dir"
start_ts=$SECONDS

# --- meson + ninja in a venv inside the cache dir ---------------------------
venv="$cache_root/venv-meson-$MESON_VERSION-ninja-$NINJA_VERSION"
if [[ ! -x "$venv/bin/meson" || ! -x "$venv/bin/ninja" ]] ||
	[[ "$("$venv/bin/meson" --version 2>/dev/null || true)" != "$MESON_VERSION" ]]; then
	log "creating venv $venv"
	rm -rf "$venv"
	python3 -m venv "$venv"
	"$venv/bin/python" -m pip install --disable-pip-version-check --no-input \
		"meson==$MESON_VERSION" "ninja==$NINJA_VERSION"
fi
export PATH="$venv/bin:$PATH"
export NINJA="$venv/bin/ninja"

# --- libsrtp 2 with OpenSSL, static ------------------------------------------
# The first Debian (not security) mirror in apt's sources.
debian_mirror() {
	{ cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true; } |
		grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+' | grep -v -- '-security' | head -n1 || true
}
srtp_tarball="$cache_root/libsrtp2_$LIBSRTP_VERSION.orig.tar.gz"
if [[ ! -f "$srtp_tarball" ]] || ! echo "$LIBSRTP_SHA256  $srtp_tarball" | sha256sum --check --status; then
	mirror="$(debian_mirror)"
	[[ -n "$mirror" ]] || die "no Debian mirror in apt's sources to download libsrtp2's source from"
	url="${mirror%/}/pool/main/libs/libsrtp2/libsrtp2_$LIBSRTP_VERSION.orig.tar.gz"
	log "downloading $url"
	python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$url" "$srtp_tarball.part"
	echo "$LIBSRTP_SHA256  $srtp_tarball.part" | sha256sum --check --status || die "$url: not the source Debian lists (sha256)"
	mv -f "$srtp_tarball.part" "$srtp_tarball"
fi

# --- patched copy of the worker sources --------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

cp -a "$mediasoup_dir/worker" "$work/worker"
chmod -R u+w "$work/worker"
# Drop anything a previous in-tree build may have left (subproject sources).
rm -rf "$work/worker/out" "$work/worker/subprojects/packagecache"
for p in "$patch_dir"/*.patch; do
	log "applying $(basename "$p")"
	apply_patch "$work/worker" "$p"
done
cp -r "$patch_dir/srtp2-compat" "$work/worker/srtp2-compat"

tar -xzf "$srtp_tarball" -C "$work"
srtp_src="$work/libsrtp-$LIBSRTP_VERSION"
# SRTP_NO_STREAM_LIST: the library's stream list is srtp-stream-list.c's (arrays, not a linked
# list walked for every packet), added to the archive below.
meson setup "$work/libsrtp-build" "$srtp_src" \
	--buildtype release -Db_ndebug=true --prefix "$work/libsrtp" --libdir lib \
	-Ddefault_library=static -Dcrypto-library=openssl -Dc_args=-DSRTP_NO_STREAM_LIST \
	-Dtests=disabled -Ddoc=disabled -Dpcap-tests=disabled
meson install -C "$work/libsrtp-build" --quiet
cc -O2 -fPIC -I"$work/libsrtp-build" -I"$srtp_src/include" -I"$srtp_src/crypto/include" \
	-c "$patch_dir/srtp-stream-list.c" -o "$work/srtp-stream-list.o"
ar rcs "$work/libsrtp/lib/libsrtp2.a" "$work/srtp-stream-list.o"
# Had libsrtp kept its own list too, the linker would take it silently.
[[ "$(nm "$work/libsrtp/lib/libsrtp2.a" | grep -c ' T srtp_stream_list_get$')" == 1 ]] ||
	die "libsrtp2.a must define srtp_stream_list_get once (SRTP_NO_STREAM_LIST not applied?)"
# The worker's dependency('libsrtp2') finds this build first.
export PKG_CONFIG_PATH="$work/libsrtp/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

# --- configure and build ------------------------------------------------------
meson setup "$work/build" "$work/worker" \
	--buildtype release -Db_ndebug=true \
	--wrap-mode=nodownload \
	-Dms_disable_liburing=true
meson compile -C "$work/build" flatbuffers-generator
meson compile -C "$work/build" -j 2 mediasoup-worker

built="$work/build/mediasoup-worker"
[[ -x "$built" ]] || die "build finished but $built is missing"

# Install atomically: copy next to the target, then rename over it.
tmp_bin="$(mktemp "$cache_dir/.mediasoup-worker.XXXXXX")"
cp "$built" "$tmp_bin"
chmod 0755 "$tmp_bin"
mv -f "$tmp_bin" "$bin"

log "built in $((SECONDS - start_ts)) s: $bin"
echo "$bin" >&3
