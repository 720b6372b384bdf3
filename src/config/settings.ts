// Every setting Steward reads: its environment variable, its place in steward.yaml, its default and
// what it means. The config loader, `steward config check` and the README table all read this list.

export interface SettingDescriptor {
  /** Environment variable that sets it (wins over steward.yaml). */
  env: string;
  /** Dotted path in steward.yaml. */
  path: string;
  description: string;
  /** Default shown in docs; the schema holds the real default. */
  defaultText: string;
  secret?: boolean;
}

export const SETTINGS = [
  { env: 'STEWARD_HOST', path: 'server.host', description: 'Interface the HTTP server listens on', defaultText: '127.0.0.1' },
  { env: 'STEWARD_PORT', path: 'server.port', description: 'TCP port of the HTTP server (0 picks a free one)', defaultText: '7400' },
  { env: 'STEWARD_BODY_LIMIT_BYTES', path: 'server.bodyLimitBytes', description: 'Largest request body accepted (413 above it)', defaultText: '8388608' },
  { env: 'STEWARD_MAX_JSON_DEPTH', path: 'server.maxJsonDepth', description: 'Deepest nesting of objects and arrays a JSON body may have (400 JSON_TOO_DEEP above it)', defaultText: '64' },
  { env: 'STEWARD_SHUTDOWN_TIMEOUT_MS', path: 'server.shutdownTimeoutMs', description: 'How long graceful shutdown waits for in-flight requests and writers', defaultText: '10000' },
  { env: 'STEWARD_GRAPHIQL', path: 'server.graphiql', description: 'Serve GraphiQL at GET /graphql to browsers (the page loads its scripts from unpkg.com)', defaultText: 'false' },
  { env: 'STEWARD_GRAPHQL_MAX_DEPTH', path: 'server.graphqlMaxDepth', description: 'Deepest nesting of fields a GraphQL query may have (GRAPHQL_QUERY_TOO_DEEP above it)', defaultText: '12' },
  { env: 'STEWARD_GRAPHQL_MAX_COST', path: 'server.graphqlMaxCost', description: 'Most fields a GraphQL query may read, counted over page sizes (GRAPHQL_QUERY_TOO_COSTLY above it)', defaultText: '10000' },
  { env: 'STEWARD_STRICT_RESPONSES', path: 'server.strictResponses', description: 'Answer 500 instead of dropping a field an answer holds but its response schema does not declare (development and tests)', defaultText: 'false' },
  { env: 'STEWARD_LOG_LEVEL', path: 'server.logLevel', description: 'fatal, error, warn, info, debug, trace or silent', defaultText: 'info' },
  { env: 'STEWARD_DATA_DIR', path: 'dataDir', description: 'Directory for the SQLite database, key file, trace journal and artifacts', defaultText: './.steward' },
  { env: 'DATABASE_URL', path: 'store.databaseUrl', description: 'postgres://… to use PostgreSQL; unset for embedded SQLite in the data dir', defaultText: '(SQLite)', secret: true },
  { env: 'REDIS_URL', path: 'store.redisUrl', description: 'redis://… for shared limits, cache, queues and change notifications across replicas', defaultText: '(in-process)', secret: true },
  { env: 'STEWARD_REDIS_PREFIX', path: 'store.redisPrefix', description: 'Prefix of every Redis key, queue and channel (several installations on one Redis)', defaultText: 'steward:' },
  { env: 'STEWARD_ARTIFACTS_ENGINE', path: 'artifacts.engine', description: 'Where artifacts (weights, adapters, data files) live: local, postgres or s3', defaultText: 'postgres with DATABASE_URL, else local' },
  { env: 'STEWARD_ARTIFACTS_S3_BUCKET', path: 'artifacts.s3.bucket', description: 'Bucket of the s3 artifact engine', defaultText: '(none)' },
  { env: 'STEWARD_ARTIFACTS_S3_PREFIX', path: 'artifacts.s3.prefix', description: 'Key prefix inside the bucket, e.g. steward/', defaultText: '(none)' },
  { env: 'STEWARD_ARTIFACTS_S3_ENDPOINT', path: 'artifacts.s3.endpoint', description: 'Endpoint of an S3-compatible server (MinIO, Ceph, R2…); unset for AWS', defaultText: '(AWS)' },
  { env: 'STEWARD_ARTIFACTS_S3_REGION', path: 'artifacts.s3.region', description: 'Region of the bucket', defaultText: 'us-east-1' },
  { env: 'STEWARD_ARTIFACTS_S3_FORCE_PATH_STYLE', path: 'artifacts.s3.forcePathStyle', description: 'Path-style URLs (endpoint/bucket/key), which most self-hosted servers need', defaultText: 'false' },
  { env: 'STEWARD_OIDC_ISSUER', path: 'oidc.issuer', description: 'OpenID Connect issuer URL for dashboard sign-in (people); unset: API keys only', defaultText: '(off)' },
  { env: 'STEWARD_OIDC_CLIENT_ID', path: 'oidc.clientId', description: 'Client id registered with the issuer', defaultText: '(none)' },
  { env: 'STEWARD_OIDC_CLIENT_SECRET', path: 'oidc.clientSecret', description: 'Client secret (confidential client); never stored, masked in config check', defaultText: '(public client)', secret: true },
  { env: 'STEWARD_OIDC_REDIRECT_URL', path: 'oidc.redirectUrl', description: 'Where the issuer returns people: <public URL>/auth/oidc/callback', defaultText: '(none)' },
  { env: 'STEWARD_ARTIFACTS_S3_CREDENTIALS_SECRET', path: 'artifacts.s3.credentialsSecret', description: 'Name of a sealed secret (steward secrets set) holding {"accessKeyId","secretAccessKey"}; unset: the AWS SDK default chain', defaultText: '(SDK default chain)' },
  { env: 'STEWARD_ADMIN_KEY', path: 'security.adminKey', description: 'Use this admin API key instead of generating one on first start', defaultText: '(generated, printed once)', secret: true },
  { env: 'STEWARD_MASTER_KEY', path: 'security.masterKey', description: '32-byte key (base64 or hex) that encrypts provider secrets; else a key file in the data dir', defaultText: '(data dir key file)', secret: true },
  { env: 'STEWARD_AUTH_CACHE_TTL_MS', path: 'security.authCacheTtlMs', description: 'How long a verified API key stays cached', defaultText: '30000' },
  { env: 'STEWARD_PROJECT_DELETE_GRACE_DAYS', path: 'security.projectDeleteGraceDays', description: 'Days a deleted project can be restored before the retention job purges its data', defaultText: '7' },
  { env: 'STEWARD_METRICS_PUBLIC', path: 'security.metricsPublic', description: 'Serve /metrics without a key (else it needs a viewer or metrics key and shows only that project)', defaultText: 'false' },
  { env: 'STEWARD_AUTH_STALE_MAX_MS', path: 'security.authStaleMaxMs', description: 'While the store is unreachable, how long past its TTL a cached API key keeps authenticating', defaultText: '900000' },
  { env: 'STEWARD_JOURNAL_FSYNC', path: 'journal.fsync', description: 'Trace journal fsync: interval (a machine crash loses at most the interval), always (nothing), off (what the kernel had not written)', defaultText: 'interval' },
  { env: 'STEWARD_JOURNAL_FSYNC_INTERVAL_MS', path: 'journal.fsyncIntervalMs', description: 'Interval of the interval fsync policy', defaultText: '1000' },
  { env: 'STEWARD_JOURNAL_MAX_BYTES', path: 'journal.maxBytes', description: 'Journal backlog above which new traces keep their metering fields but not their bodies', defaultText: '1073741824' },
  { env: 'STEWARD_JOURNAL_READY_MAX_BYTES', path: 'journal.readyMaxBytes', description: 'Journal backlog above which /readyz answers 503', defaultText: '67108864' },
  { env: 'STEWARD_ROLLUP_INTERVAL_MS', path: 'monitoring.rollupIntervalMs', description: 'How often traces are rolled up into per-minute and per-hour metrics (0 stops the worker)', defaultText: '10000' },
  { env: 'STEWARD_TRACE_RETENTION_DAYS', path: 'monitoring.traceRetentionDays', description: 'Days raw traces, spans and their feedback are kept; roll-ups outlive them', defaultText: '30' },
  { env: 'STEWARD_ALERT_INTERVAL_MS', path: 'monitoring.alertIntervalMs', description: 'How often alert rules are evaluated (0 stops the evaluator)', defaultText: '30000' },
  { env: 'OTEL_EXPORTER_OTLP_ENDPOINT', path: 'monitoring.otlpEndpoint', description: 'OTLP/HTTP collector to export GenAI spans to (unset: no export)', defaultText: '(none)' },
] as const satisfies readonly SettingDescriptor[];
