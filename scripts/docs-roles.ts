// `npm run docs:roles`: renders the README's role table from the roles the routes declare (the
// ones the server enforces) and writes it between the README's markers; `-- --check` only compares.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { renderRoleTable, replaceRoleTable } from '../src/governance/role-table.js';
import { startSteward } from '../src/server/index.js';

const readmePath = join(import.meta.dirname, '..', 'README.md');
const dataDir = mkdtempSync(join(tmpdir(), 'steward-docs-roles-'));
const config = loadConfig({ env: {}, overrides: { 'server.port': 0, 'server.logLevel': 'silent', dataDir, 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
const handle = await startSteward(config, { logger: false });
try {
  const readme = readFileSync(readmePath, 'utf8');
  const next = replaceRoleTable(readme, renderRoleTable(handle.app.routeRoles));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('README.md role table is out of date: run npm run docs:roles\n');
      process.exitCode = 1;
    }
  } else if (next !== readme) {
    writeFileSync(readmePath, next);
    process.stdout.write('README.md role table updated\n');
  }
} finally {
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
}
