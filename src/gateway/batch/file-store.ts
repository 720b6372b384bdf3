// Files of the Batch API (`/v1/files`): bytes in the data dir, metadata in the store, in OpenAI's shape.
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
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

  constructor(options: { store: Store; dataDir: string }) {
    this.#store = options.store;
    this.#dir = join(options.dataDir, 'files');
    mkdirSync(this.#dir, { recursive: true });
  }

  path(id: string): string {
    return join(this.#dir, `${id.replace(/[^a-zA-Z0-9_-]/g, '')}.bin`);
  }

  /** An upload by `actor` (audited with the write). */
  async create(input: { projectId: string | null; purpose: string; filename: string; data: Buffer; actor?: Actor }): Promise<FileObject> {
    const id = newId('file');
    writeFileSync(this.path(id), input.data);
    return this.register({ id, projectId: input.projectId, purpose: input.purpose, filename: input.filename, bytes: input.data.length, actor: input.actor });
  }

  /** Records a file whose bytes are already at `path(id)`; a caller's upload is audited, the system's output files are not. */
  async register(input: { id: string; projectId: string | null; purpose: string; filename: string; bytes: number; actor?: Actor }): Promise<FileObject> {
    const row: GatewayFilesTable = { id: input.id, project_id: input.projectId, purpose: input.purpose, filename: input.filename, bytes: input.bytes, created_at: Date.now() };
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
    return readFile(this.path(id), 'utf8');
  }

  stream(id: string): Readable {
    return createReadStream(this.path(id));
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
