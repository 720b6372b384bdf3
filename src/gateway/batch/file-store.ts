// Files of the Batch API (`/v1/files`): metadata in the store in OpenAI's shape, bytes in the
// artifact store under their sha256 so every replica serves them, and a copy in this replica's data
// dir (where a running batch appends its output before the finished file is registered).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ArtifactService, sha256Hex } from '../../artifacts/index.js';
import { notFound } from '../../errors/index.js';
import { type Actor, recordAudit } from '../../governance/index.js';
import type { GatewayFilesTable, Store } from '../../store/index.js';
import { newId } from '../../store/index.js';

export const FILE_PURPOSES = ['batch', 'batch_output', 'fine-tune', 'assistants', 'user_data', 'evals'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** OpenAI's file object. */
export interface FileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
}

function toFileObject(row: GatewayFilesTable): FileObject {
  return { id: row.id, object: 'file', bytes: Number(row.bytes), created_at: Math.floor(Number(row.created_at) / 1000), filename: row.filename, purpose: row.purpose, status: 'processed' };
}

export class FileStore {
  readonly #store: Store;
  readonly #dir: string;
  readonly #artifacts: ArtifactService | undefined;

  /** Without `artifacts` the bytes stay in this data dir only (a single replica). */
  constructor(options: { store: Store; dataDir: string; artifacts?: ArtifactService }) {
    this.#store = options.store;
    this.#dir = join(options.dataDir, 'files');
    this.#artifacts = options.artifacts;
    mkdirSync(this.#dir, { recursive: true });
  }

  /** This replica's copy of a file (a running batch writes its output here first). */
  path(id: string): string {
    return join(this.#dir, `${id.replace(/[^a-zA-Z0-9_-]/g, '')}.bin`);
  }

  /** An upload by `actor` (audited with the write). */
  async create(input: { projectId: string | null; purpose: string; filename: string; data: Buffer; actor?: Actor }): Promise<FileObject> {
    const id = newId('file');
    writeFileSync(this.path(id), input.data);
    return this.register({ id, projectId: input.projectId, purpose: input.purpose, filename: input.filename, bytes: input.data.length, actor: input.actor });
  }

  /**
   * Records a file whose bytes are at `path(id)`, storing them in the artifact store first; a
   * caller's upload is audited, the system's output files are not.
   */
  async register(input: { id: string; projectId: string | null; purpose: string; filename: string; bytes: number; actor?: Actor }): Promise<FileObject> {
    const sha256 = this.#artifacts ? await this.#artifacts.putBytes(await readFile(this.path(input.id))) : null;
    const row: GatewayFilesTable = { id: input.id, project_id: input.projectId, purpose: input.purpose, filename: input.filename, bytes: input.bytes, created_at: Date.now(), sha256 };
    const actor = input.actor;
    if (!actor) await this.#store.db.insertInto('gateway_files').values(row).execute();
    else {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('gateway_files').values(row).execute();
        await recordAudit(tx, { actor, action: 'files.create', resourceType: 'file', resourceId: row.id, after: { purpose: row.purpose, filename: row.filename, bytes: row.bytes } });
      });
    }
    return toFileObject(row);
  }

  /** @throws NOT_FOUND */
  /** A file of the project; another project's is NOT_FOUND like an unknown one. */
  async get(id: string, projectId: string): Promise<FileObject> {
    const row = await this.#store.db.selectFrom('gateway_files').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
    if (!row) throw notFound(`file ${id}`, { param: 'file_id' });
    return toFileObject(row);
  }

  async list(projectId: string, purpose?: string): Promise<FileObject[]> {
    let q = this.#store.db.selectFrom('gateway_files').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(1000);
    if (purpose) q = q.where('purpose', '=', purpose);
    return (await q.execute()).map(toFileObject);
  }

  async text(id: string): Promise<string> {
    return (await this.#bytes(id)).toString('utf8');
  }

  /** The file's bytes as a stream (fetched from the artifact store when this replica has no copy). */
  stream(id: string): Readable {
    const bytes = this.#bytes(id);
    return Readable.from(
      (async function* () {
        yield await bytes;
      })(),
    );
  }

  /**
   * The bytes of a registered file. The artifact store holds the truth (digest-checked by the
   * service); this replica's copy is used when it has that digest, and refreshed when it has not.
   */
  async #bytes(id: string): Promise<Buffer> {
    const local = this.path(id);
    const row = await this.#store.db.selectFrom('gateway_files').select(['sha256']).where('id', '=', id).executeTakeFirst();
    const copy = existsSync(local) ? await readFile(local) : undefined;
    if (!row?.sha256 || !this.#artifacts) {
      if (copy) return copy;
      throw notFound(`file ${id}`, { param: 'file_id' });
    }
    if (copy && sha256Hex(copy) === row.sha256) return copy;
    const bytes = await this.#artifacts.getBytes(row.sha256);
    const tmp = `${local}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, local);
    return bytes;
  }

  async remove(id: string, projectId: string, actor?: Actor): Promise<void> {
    const file = await this.get(id, projectId);
    await this.#store.transaction(async (tx) => {
      await tx.deleteFrom('gateway_files').where('id', '=', id).execute();
      if (actor) await recordAudit(tx, { actor, action: 'files.delete', resourceType: 'file', resourceId: id, before: { purpose: file.purpose, filename: file.filename, bytes: file.bytes } });
    });
    rmSync(this.path(id), { force: true });
  }
}
