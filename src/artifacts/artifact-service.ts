// Artifacts every replica can serve: bytes and directories go into the configured engine under
// their sha256, names (`ft-…` model versions) point at a digest in the shared store, and each
// replica materialises what it needs into its own cache directory once, checking every digest.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { StewardError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import { type ArtifactManifest, ArtifactManifestSchema } from './artifact-manifest.js';
import { type ArtifactStore, DIGEST_PATTERN } from './artifact-store.js';

/** Marker file in a materialised directory: the manifest digest it was made from. */
const MARKER = '.steward-artifact';

/** A model name that is one path segment (it becomes a folder of the cache). */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface NamedArtifact {
  name: string;
  digest: string;
  kind: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class ArtifactService {
  readonly #store: Store;
  readonly #blobs: ArtifactStore;
  readonly #cacheDir: string;
  readonly #materialising = new Map<string, Promise<string | undefined>>();

  /** `cacheDir`: this replica's own folder for materialised artifacts (never shared). */
  constructor(options: { store: Store; blobs: ArtifactStore; cacheDir: string }) {
    this.#store = options.store;
    this.#blobs = options.blobs;
    this.#cacheDir = options.cacheDir;
  }

  get engine(): ArtifactStore['engine'] {
    return this.#blobs.engine;
  }

  /** Where named model directories are materialised: give it to the builtin provider as a models folder. */
  get modelsCacheDir(): string {
    return join(this.#cacheDir, 'models');
  }

  async putBytes(bytes: Uint8Array): Promise<string> {
    const digest = sha256Hex(bytes);
    await this.#blobs.put(digest, bytes);
    return digest;
  }

  /** The bytes of a digest, checked against it; ARTIFACT_NOT_FOUND or ARTIFACT_CORRUPT otherwise. */
  async getBytes(digest: string): Promise<Buffer> {
    if (!DIGEST_PATTERN.test(digest)) throw new StewardError({ code: 'ARTIFACT_NOT_FOUND', message: `not an artifact digest: ${digest}` });
    const bytes = await this.#blobs.get(digest);
    if (!bytes) throw new StewardError({ code: 'ARTIFACT_NOT_FOUND', message: `artifact sha256:${digest} is not in the ${this.#blobs.engine} artifact store` });
    const actual = sha256Hex(bytes);
    if (actual !== digest) throw new StewardError({ code: 'ARTIFACT_CORRUPT', message: `artifact sha256:${digest} read back as sha256:${actual} from the ${this.#blobs.engine} artifact store` });
    return bytes;
  }

  /** Stores every file of `dir` and a manifest of them; returns the manifest's digest. */
  async putDirectory(dir: string, kind: string): Promise<string> {
    const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name !== MARKER);
    const files: ArtifactManifest['files'] = [];
    for (const entry of entries) {
      const full = join(entry.parentPath, entry.name);
      const bytes = await readFile(full);
      files.push({ path: full.slice(dir.length + 1).split(sep).join('/'), sha256: await this.putBytes(bytes), size: bytes.byteLength });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest: ArtifactManifest = { format: 'steward-artifact', version: 1, kind, files };
    return this.putBytes(Buffer.from(JSON.stringify(manifest)));
  }

  async manifest(digest: string): Promise<ArtifactManifest> {
    const bytes = await this.getBytes(digest);
    const parsed = ArtifactManifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) throw new StewardError({ code: 'ARTIFACT_CORRUPT', message: `artifact sha256:${digest} is not a directory manifest` });
    return parsed.data;
  }

  /** Writes the directory of a manifest to `target` (complete or not at all); a target already made from it is kept. */
  async materialise(digest: string, target: string): Promise<void> {
    if (materialisedFrom(target) === digest) return;
    const manifest = await this.manifest(digest);
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      for (const file of manifest.files) {
        const bytes = await this.getBytes(file.sha256);
        const path = join(tmp, ...file.path.split('/'));
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, bytes);
      }
      await writeFile(join(tmp, MARKER), digest);
      await mkdir(dirname(target), { recursive: true });
      await rm(target, { recursive: true, force: true });
      await rename(tmp, target);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Points `name` at a digest in the shared store (a later publish of the same name moves it). */
  async publish(artifact: NamedArtifact): Promise<void> {
    const now = Date.now();
    await this.#store.db
      .insertInto('artifact_names')
      .values({ name: artifact.name, digest: artifact.digest, kind: artifact.kind, created_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ digest: artifact.digest, kind: artifact.kind, created_at: now }))
      .execute();
  }

  async lookup(name: string): Promise<NamedArtifact | undefined> {
    const row = await this.#store.db.selectFrom('artifact_names').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? { name: row.name, digest: row.digest, kind: row.kind } : undefined;
  }

  /**
   * The local directory of a named model, materialised into the models cache on first use; undefined
   * when no artifact has that name. Concurrent callers share one download.
   */
  materialiseModel(name: string): Promise<string | undefined> {
    if (!MODEL_NAME.test(name)) return Promise.resolve(undefined);
    let pending = this.#materialising.get(name);
    if (!pending) {
      pending = (async () => {
        const named = await this.lookup(name);
        if (!named) return undefined;
        const target = join(this.modelsCacheDir, name);
        await this.materialise(named.digest, target);
        return target;
      })().finally(() => this.#materialising.delete(name));
      this.#materialising.set(name, pending);
    }
    return pending;
  }

  async close(): Promise<void> {
    await this.#blobs.close();
  }
}

function materialisedFrom(dir: string): string | undefined {
  const marker = join(dir, MARKER);
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
}
