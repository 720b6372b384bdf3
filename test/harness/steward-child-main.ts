// Entry point of startStewardChild: start Steward from the environment, print its URL, stop on SIGTERM.
import { loadConfig } from '../../src/config/index.js';
import { startSteward } from '../../src/server/index.js';

const overrides = JSON.parse(process.env.STEWARD_CHILD_OVERRIDES ?? '{}') as Record<string, unknown>;
const schema = process.env.STEWARD_CHILD_SCHEMA || undefined;
const config = loadConfig({ env: {}, overrides: { 'server.port': 0, 'server.logLevel': 'warn', 'server.strictResponses': true, ...overrides } });
const handle = await startSteward(config, { postgresSchema: schema, logger: false });
process.stdout.write(`listening ${handle.url}\n`);
process.once('SIGTERM', () => {
  void handle.close().then(() => process.exit(0));
});
