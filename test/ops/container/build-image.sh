#!/usr/bin/env bash
# Builds the unchanged Dockerfile into localhost/steward:test with podman (see podman.sh), as fast
# as a cold cache allows and with nothing left behind:
# - the build stage is tagged too (localhost/steward-build:test), so pruning never drops the layer
#   cache of its dependency install; a run with the same package-lock.json reuses it;
# - the Dockerfile's npm cache mount is seeded once from the host's npm cache (which `.ci/run`'s own
#   `npm ci` has just filled), so even a cold build downloads nothing the host already has;
# - images the new tags replaced are pruned afterwards, so the vfs storage does not grow per run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cache="${STEWARD_CONTAINER_CACHE:-/var/cache/steward-ci}"
podman() { "$here/podman.sh" "$@"; }
stamp() { echo "[build-image] $(date -u +%H:%M:%S) $*" >&2; }

# A build killed by its hang guard leaves buildah's working containers (each a full vfs copy) in this
# private storage root, which nothing else uses: remove them before building again.
for id in $(podman ps -a --external --format '{{.ID}}'); do podman rm -f "$id" >/dev/null 2>&1 || true; done

# buildah keeps a cache mount without an id at $TMPDIR/buildah-cache/<target>.
npm_mount="$cache/tmp/buildah-cache/root/.npm"
if [ ! -d "$npm_mount/_cacache" ] && [ -d "${HOME:-/root}/.npm/_cacache" ]; then
  stamp "seeding the npm cache mount from ${HOME:-/root}/.npm"
  mkdir -p "$npm_mount"
  cp -a "${HOME:-/root}/.npm/_cacache" "$npm_mount/_cacache.tmp"
  mv "$npm_mount/_cacache.tmp" "$npm_mount/_cacache"
fi
cd "$root"
stamp "build stage"
podman build --format docker --network host --pull=never --target build -t localhost/steward-build:test -f Dockerfile . >&2
stamp "run stage"
podman build --format docker --network host --pull=never -t localhost/steward:test -f Dockerfile . >&2
stamp "pruning replaced images"
podman image prune -f >/dev/null || true
stamp "done"
