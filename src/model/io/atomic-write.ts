// Artifact writes never leave a half-written file: data goes to a temporary file in the same
// directory, is flushed to disk, then renamed over the target (rename is atomic on POSIX).
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** Writes `parts` (concatenated) to `path` atomically, creating the directory if needed. */
export function writeFileAtomic(path: string, parts: Uint8Array | string | (Uint8Array | string)[]): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    for (const part of Array.isArray(parts) ? parts : [parts]) {
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw error;
  }
}
