# Steward's container image. Build: `docker build -t steward .` (or `podman build --format docker`).
# Run: `docker run -p 7400:7400 -v steward-data:/data steward`; compose.yaml runs two replicas on
# PostgreSQL and Redis.
#
# Few layers on purpose: on copy-on-write-less storage (podman's vfs) every layer is a full copy of
# the tree below it, so the build stage has six and the run stage two.

# --- build: every dependency, the compiled server and CLI, the dashboard ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded; the image's own
# Node headers (/usr/local/include/node) are used instead of fetching them.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
# better-sqlite3's native addon is the slowest step of a build (a C compile of SQLite when no prebuilt
# binary can be downloaded), so it gets a layer of its own that changes only with this version
# (keep it equal to package-lock.json's; another version there is compiled in the next step instead).
ARG BETTER_SQLITE3_VERSION=12.11.1
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
  mkdir -p /opt/native && cd /opt/native \
  && npm install --no-audit --no-fund --no-package-lock "better-sqlite3@${BETTER_SQLITE3_VERSION}"
COPY package.json package-lock.json ./
# The SDK is a workspace package the CLI imports: its manifest is needed for npm ci to link it.
COPY packages/sdk/package.json packages/sdk/
# The npm download cache is a build cache (BuildKit / buildah cache mount): a rebuild after a
# lock-file change downloads only what changed. Install scripts run only where they matter.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
  npm ci --ignore-scripts --no-audit --no-fund \
  && if [ "$(node -p "require('./node_modules/better-sqlite3/package.json').version")" = "$BETTER_SQLITE3_VERSION" ]; \
     then mkdir -p node_modules/better-sqlite3/build/Release \
       && cp /opt/native/node_modules/better-sqlite3/build/Release/better_sqlite3.node node_modules/better-sqlite3/build/Release/; \
     else npm rebuild --no-audit --no-fund better-sqlite3; fi \
  && npm rebuild --no-audit --no-fund esbuild msgpackr-extract
# Sources only (.dockerignore leaves out node_modules, dist, tests, benchmarks).
COPY . .
# Compile, drop dev dependencies, and lay out exactly what the run stage takes in one tree.
RUN npm run build:web && npm run build && npm prune --omit=dev --no-audit --no-fund \
  && mkdir -p /out/app/web \
  && mv package.json package-lock.json node_modules bin dist models packages /out/app/ \
  && mv web/dist /out/app/web/dist

# --- run: production dependencies and the build only, as an unprivileged user ---
# Every instruction is a copy of the tree on vfs, so the metadata comes first, on the bare base,
# and the application is the one layer on top.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    STEWARD_HOST=0.0.0.0 \
    STEWARD_PORT=7400 \
    STEWARD_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 7400
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.STEWARD_PORT||7400)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/steward.js"]
CMD ["start"]
WORKDIR /app
USER node
COPY --from=build /out/app /app
