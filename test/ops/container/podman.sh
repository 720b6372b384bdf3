#!/usr/bin/env bash
# podman as this machine runs it: runc, vfs storage, host networking, no per-container ulimits
# (a containers.conf with default_ulimits = []), cgroupfs and file events (no systemd).
set -euo pipefail
conf="${STEWARD_CONTAINER_CACHE:-/var/cache/steward-ci}/containers.conf"
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
exec podman --runtime /usr/sbin/runc --storage-driver vfs --cgroup-manager cgroupfs "$@"
