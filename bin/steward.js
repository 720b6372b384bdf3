#!/usr/bin/env node
// The `steward` command: runs the compiled CLI in dist/ (written by `npm run build`, which `npm ci`
// runs through `prepare`); source maps point stack traces at src/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('steward: the compiled build is missing (dist/cli/main.js); run `npm run build` first, or `npm run steward -- …` to run the source\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(main.href);
