// Builds web/dist when it is missing or older than a source file, so the dashboard tests also run
// straight after a clone (npm ci builds it through the prepare script; CI runs npm run build:web
// first) and never test a stale bundle after an edit to web/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time of the files under `dir`. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function ensureDashboardBuild(): void {
  const built = join(ROOT, 'web', 'dist', 'index.html');
  const sources = Math.max(newestUnder(join(ROOT, 'web', 'src')), statSync(join(ROOT, 'web', 'index.html')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the dashboard failed:\n${result.stdout}\n${result.stderr}`);
}
