// Peer tools the benchmarks compare Steward with (promptfoo) are installed on demand into
// .bench-tmp/peers, not into the project: their native dependencies have platform packages this
// registry lacks, which would break `npm ci` for everyone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PEERS_DIR = resolve(fileURLToPath(new URL('../.bench-tmp/peers', import.meta.url)));

/**
 * The directory holding `name@version` installed with its dependencies, installing it on first
 * use. Throws when npm cannot install it (the benchmark reports that side as skipped).
 */
export function ensurePeerTool(name: string, version: string): string {
  const dir = join(PEERS_DIR, `${name.replace('/', '__')}@${version}`);
  if (!existsSync(join(dir, 'node_modules', name, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`bench: installing ${name}@${version} into ${dir}…\n`);
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `${name}@${version}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return join(dir, 'node_modules', name);
}
