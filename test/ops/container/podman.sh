#!/usr/bin/env bash
# podman as this machine runs it: runc, vfs storage, host networking, no per-container ulimits
# (a containers.conf with default_ulimits = []), cgroupfs and file events (no systemd). TMPDIR is
# under the CI cache too, so the Dockerfile's npm cache mount (buildah keeps cache mounts in
# $TMPDIR/buildah-cache) outlives /tmp and a cached run finds it. Its own storage root keeps
# it apart from any other podman use of the machine (a plain `podman info` would otherwise fix the
# default root to another driver, and every later vfs call would refuse the mismatch).
set -euo pipefail
cache="${STEWARD_CONTAINER_CACHE:-/var/cache/steward-ci}"
conf="$cache/containers.conf"
if [ ! -f "$conf" ]; then
  mkdir -p "$(dirname "$conf")"
  cat > "$conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
fi
export CONTAINERS_CONF="$conf"
mkdir -p "$cache/tmp"
export TMPDIR="$cache/tmp"
exec podman --root "$cache/storage" --runroot /run/steward-ci-podman --runtime /usr/sbin/runc --storage-driver vfs --cgroup-manager cgroupfs "$@"
