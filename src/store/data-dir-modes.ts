// The data dir holds the database, the master key file, the trace journal and artifacts: readable
// by the service account only. The directory is 0700 and every file in it 0600, including files
// left by earlier versions; the process umask makes every file created later private as well.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { join } from 'node:path';

export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

/** Creates the data dir if needed and makes it and everything in it private to the owner. */
export function secureDataDir(dir: string): void {
  // Worker threads share the process umask and may not set it.
  if (isMainThread) process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  tighten(dir);
}

function tighten(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return; // a link may point outside the data dir (shared model files)
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== DATA_DIR_MODE) chmodSync(path, DATA_DIR_MODE);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if ((stat.mode & 0o077) !== 0) {
    // Owner bits stay (an executable keeps its x); group and others lose everything: 0600 for data.
    chmodSync(path, stat.mode & 0o700);
  }
}
