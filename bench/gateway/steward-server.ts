// Steward for the gateway benchmark, in its own process: SQLite in a temporary data dir, one provider
// (`mock`) pointing at the mock upstream. Prints its URL and admin key as one JSON line.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { startSteward } from '../../src/server/index.js';

const upstream = process.env.MOCK_URL;
if (!upstream) throw new Error('MOCK_URL is required');
const adminKey = `sk-stw-bench-${randomBytes(12).toString('hex')}`;
const config = loadConfig({
  env: {},
  overrides: {
    'server.port': 0,
    'server.logLevel': 'silent',
    dataDir: mkdtempSync(join(tmpdir(), 'steward-bench-')),
    'security.adminKey': adminKey,
    providers: [{ name: 'mock', family: 'openai', baseUrl: upstream }],
    gateway: { builtin: { enabled: false }, concurrency: { perTarget: 4096, maxQueue: 4096 } },
  },
});
const handle = await startSteward(config, { logger: false });
process.stdout.write(`${JSON.stringify({ url: handle.url, key: adminKey })}\n`);
const stop = async () => {
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
