// The `local` engine: blobs as files under `<dataDir>/artifacts/sha256/ab/<digest>`, written to a
// temporary name and renamed, so a reader never sees half a blob.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactStore } from './artifact-store.js';

export class LocalArtifactStore implements ArtifactStore {
  readonly engine = 'local' as const;
  readonly #root: string;

  constructor(options: { dir: string }) {
    this.#root = join(options.dir, 'sha256');
  }

  #path(digest: string): string {
    return join(this.#root, digest.slice(0, 2), digest);
  }

  async put(digest: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(digest)) return;
    const path = this.#path(digest);
    await mkdir(join(this.#root, digest.slice(0, 2)), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(digest: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.#path(digest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(digest: string): Promise<boolean> {
    return stat(this.#path(digest)).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {}
}
