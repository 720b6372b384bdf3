// One Steward replica in its own process, for tests that kill it (kill -9) and start it again on
// the same data dir: the configuration comes from the environment, the PostgreSQL schema and Redis
// prefix from STEWARD_CHILD_SCHEMA / STEWARD_CHILD_REDIS_PREFIX. Prints `READY <url>` when listening.
import { loadConfig } from '../../src/config/index.js';
import { startSteward } from '../../src/server/index.js';

const config = loadConfig({ env: process.env, overrides: { 'server.port': 0, 'server.logLevel': 'silent' } });
const handle = await startSteward(config, { postgresSchema: process.env.STEWARD_CHILD_SCHEMA, redisPrefix: process.env.STEWARD_CHILD_REDIS_PREFIX, logger: false });
process.stdout.write(`READY ${handle.url}\n`);
process.on('SIGTERM', () => void handle.close().then(() => process.exit(0)));
