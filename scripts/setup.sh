#!/usr/bin/env bash
# Installs everything OncoBoard needs on a fresh Debian machine, idempotently:
# Debian packages, npm packages (with Node 24 from the npm registry), the embedded database,
# the mediasoup worker and the network tests' link emulator (built here and cached outside the
# checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

debian_packages=(
  chromium                     # end-to-end tests drive Debian's Chromium
  fonts-dejavu-core            # the font embedded in generated PDFs (minutes, dictamen, certificates)
  poppler-utils                # pdftotext: tests read generated PDFs back as text
  iproute2                     # ip: the network tests build namespaces and links
  nftables                     # nft: the network tests fence a participant's namespace like a hospital firewall
  coturn                       # turnserver: the network tests relay fenced participants through a real TURN server
  nginx                        # the TLS reverse proxy of deploy/nginx, which the HTTPS tests put in front of the server
  libnss3-tools                # certutil: the HTTPS tests make Chromium trust their own certificate authority
  redis-server                 # what several OncoBoard instances share; the cluster tests start their own
  pkg-config g++ make patch    # the mediasoup worker build …
  libssl-dev libuv1-dev libusrsctp-dev libabsl-dev flatbuffers-compiler libflatbuffers-dev
)
# meson and ninja (for the worker) come from PyPI.
python3 -c 'import venv, ensurepip' 2>/dev/null || debian_packages+=(python3-venv)

missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  apt_install "${missing[@]}"
  # The tests start turnserver, nginx and redis-server themselves; the services Debian enables on install are not wanted here.
  if command -v systemctl >/dev/null; then
    now=()
    [ -d /run/systemd/system ] && now=(--now)
    for service in coturn nginx redis-server; do
      if [[ " ${missing[*]} " == *" $service "* ]]; then systemctl disable "${now[@]}" "$service" >&2 || true; fi
    done
  fi
  # Without systemd, Debian's install scripts start nginx and redis-server themselves.
  if [ ! -d /run/systemd/system ]; then
    if [[ " ${missing[*]} " == *" nginx "* ]]; then nginx -s stop 2>/dev/null || true; fi
    if [[ " ${missing[*]} " == *" redis-server "* ]]; then redis-cli shutdown nosave 2>/dev/null || true; fi
  fi
fi

# A download the registry stalls must not hold the run: each try of npm ci is bounded (and .npmrc
# bounds each fetch), the second starts afresh. Its output (a hundred engine warnings under the
# machine's Node 20) goes to a log, of which a failure prints the end.
install_npm_packages() {
  local log=.oncoboard/npm-ci.log try
  mkdir -p .oncoboard
  for try in 1 2; do
    if timeout --kill-after=30 900 npm ci --no-audit --no-fund > "$log" 2>&1; then
      grep -E '^(added|removed|changed) ' "$log" >&2 || true
      return
    fi
    printf 'npm ci failed or ran over 15 minutes (try %s of 2); the end of %s:\n' "$try" "$log" >&2
    tail -n 40 "$log" >&2
  done
  fail "the npm packages could not be installed"
}

# The worker is built below from the installed sources; this stops mediasoup's own install
# from trying to download a prebuilt one.
export MEDIASOUP_WORKER_BIN="$ONCOBOARD_CACHE/mediasoup-worker/placeholder"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ ! -x node_modules/.bin/node ]; then
  step "installing npm packages"
  install_npm_packages
fi
unset MEDIASOUP_WORKER_BIN

step "embedded database"
database=$(bash scripts/build-embedded-database.sh | tail -n 1)
step "mediasoup worker"
worker=$(bash scripts/build-mediasoup-worker.sh | tail -n 1)
step "link emulator"
link_emulator=$(bash scripts/build-link-emulator.sh | tail -n 1)

mkdir -p .oncoboard
printf '{\n  "embeddedDatabaseBin": "%s",\n  "mediasoupWorkerBin": "%s",\n  "linkEmulatorBin": "%s"\n}\n' "$database" "$worker" "$link_emulator" > .oncoboard/toolchain.json
step "ready: node $(node_modules/.bin/node --version), database $database, worker $worker, link emulator $link_emulator"
