// The `postgres` engine: blobs in the store's own database as chunked rows (artifact_blobs and
// artifact_chunks, migration 057), so replicas sharing PostgreSQL share artifacts with nothing else
// to run. It is plain Kysely, so it runs on SQLite too (tests cover both engines).
import type { Store } from '../store/index.js';
import type { ArtifactStore } from './artifact-store.js';

/** 1 MiB rows: well under PostgreSQL's 1 GB field limit, and a query never holds a whole model. */
export const ARTIFACT_CHUNK_BYTES = 1024 * 1024;

export class DatabaseArtifactStore implements ArtifactStore {
  readonly engine = 'postgres' as const;
  readonly #store: Store;
  readonly #chunkBytes: number;

  constructor(options: { store: Store; chunkBytes?: number }) {
    this.#store = options.store;
    this.#chunkBytes = options.chunkBytes ?? ARTIFACT_CHUNK_BYTES;
  }

  async put(digest: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(digest)) return;
    const chunks = Math.max(1, Math.ceil(bytes.byteLength / this.#chunkBytes));
    await this.#store.transaction(async (tx) => {
      // Chunks first, the blob row last: a reader that sees the blob row sees every chunk.
      for (let seq = 0; seq < chunks; seq++) {
        const data = Buffer.from(bytes.subarray(seq * this.#chunkBytes, (seq + 1) * this.#chunkBytes));
        await tx.insertInto('artifact_chunks').values({ digest, seq, data }).onConflict((oc) => oc.columns(['digest', 'seq']).doNothing()).execute();
      }
      await tx
        .insertInto('artifact_blobs')
        .values({ digest, size: bytes.byteLength, chunks, created_at: Date.now() })
        .onConflict((oc) => oc.column('digest').doNothing())
        .execute();
    });
  }

  async get(digest: string): Promise<Buffer | undefined> {
    const db = this.#store.db;
    const blob = await db.selectFrom('artifact_blobs').select(['chunks', 'size']).where('digest', '=', digest).executeTakeFirst();
    if (!blob) return undefined;
    const parts: Buffer[] = [];
    // One chunk per query keeps memory at one chunk beyond the result.
    for (let seq = 0; seq < Number(blob.chunks); seq++) {
      const row = await db.selectFrom('artifact_chunks').select('data').where('digest', '=', digest).where('seq', '=', seq).executeTakeFirst();
      if (!row) return undefined;
      parts.push(Buffer.from(row.data));
    }
    return Buffer.concat(parts, Number(blob.size));
  }

  async has(digest: string): Promise<boolean> {
    return (await this.#store.db.selectFrom('artifact_blobs').select('digest').where('digest', '=', digest).executeTakeFirst()) !== undefined;
  }

  async close(): Promise<void> {}
}
