// A content hash of an artifact directory, so a registered version pins exactly the files a job
// wrote (file names and bytes, in a stable order).
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export async function digestDirectory(dir: string): Promise<string> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const names = entries.map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
  const hash = createHash('sha256');
  for (const name of names) {
    hash.update(name).update('\0');
    hash.update(createHash('sha256').update(await readFile(join(dir, name))).digest('hex')).update('\n');
  }
  return hash.digest('hex');
}
