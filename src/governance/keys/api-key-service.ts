// API keys: create (shown once), list (prefix only), revoke, rotate, expire; and the cached
// authentication every request goes through.
import type { ApiKeysTable, ChangeFeed, Db, Store } from '../../store/index.js';
import { newId } from '../../store/index.js';
import { StewardError, invalid, notFound } from '../../errors/index.js';
import { type Actor, isInstanceOwner } from '../actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { type Role, isRole, roleAllows } from '../roles.js';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key-format.js';
import { AuthCache } from './auth-cache.js';

export const API_KEYS_TOPIC = 'api-keys';
const NEGATIVE_TTL_MS = 5_000;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyRecord {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  rotatedFrom: string | null;
}

export interface CreateKeyInput {
  name: string;
  role: Role;
  projectId: string;
  expiresAt?: Date | null;
}

export interface CreatedKey {
  /** The secret key, returned once and never stored. */
  key: string;
  record: ApiKeyRecord;
}

type Lookup = { found: true; row: ApiKeysTable; projectDeleted: boolean } | { found: false };

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

function toRecord(row: ApiKeysTable): ApiKeyRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    prefix: row.prefix,
    role: row.role as Role,
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
    rotatedFrom: row.rotated_from,
  };
}

function summary(row: ApiKeysTable) {
  return { name: row.name, role: row.role, prefix: row.prefix, expiresAt: iso(row.expires_at), revokedAt: iso(row.revoked_at) };
}

export class ApiKeyService {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  readonly #cache: AuthCache<Lookup>;
  readonly #lastUsedWritten = new Map<string, number>();
  readonly #unsubscribe: () => void;

  readonly #now: () => number;

  constructor(options: { store: Store; feed: ChangeFeed; cacheTtlMs: number; now?: () => number; authStaleMaxMs?: number }) {
    this.#store = options.store;
    this.#now = options.now ?? Date.now;
    this.#feed = options.feed;
    this.#cache = new AuthCache(options.cacheTtlMs, 10_000, { now: this.#now, staleMaxMs: options.authStaleMaxMs });
    this.#unsubscribe = this.#feed.subscribe(API_KEYS_TOPIC, (event) => {
      if (event.id) this.#cache.delete(event.id);
      else this.#cache.clear();
    });
  }

  /**
   * Resolves a presented key to the actor it stands for, or throws UNAUTHENTICATED,
   * KEY_REVOKED (also when its project was deleted) or KEY_EXPIRED.
   */
  async authenticate(key: string): Promise<Actor> {
    const hash = hashApiKey(key);
    let lookup = this.#cache.get(hash);
    if (!lookup) {
      try {
        const found = await this.#store.db
          .selectFrom('api_keys')
          .innerJoin('projects', 'projects.id', 'api_keys.project_id')
          .selectAll('api_keys')
          .select('projects.deleted_at as project_deleted_at')
          .where('api_keys.hash', '=', hash)
          .executeTakeFirst();
        if (found) {
          const { project_deleted_at, ...row } = found;
          lookup = { found: true, row, projectDeleted: project_deleted_at !== null };
        } else {
          lookup = { found: false };
        }
        this.#cache.set(hash, lookup, found ? undefined : NEGATIVE_TTL_MS);
      } catch (error) {
        // Store away: a key seen before keeps working (stale-if-error); an unknown one gets 503.
        lookup = this.#cache.staleIfError(hash, error, (seen) => seen.found);
      }
    }
    if (!lookup.found) throw new StewardError({ code: 'UNAUTHENTICATED', message: 'the API key is not valid' });
    const { row } = lookup;
    const now = this.#now();
    if (row.revoked_at !== null) throw new StewardError({ code: 'KEY_REVOKED' });
    if (lookup.projectDeleted) throw new StewardError({ code: 'KEY_REVOKED', message: 'the project of this API key was deleted' });
    if (row.expires_at !== null && Number(row.expires_at) <= now) throw new StewardError({ code: 'KEY_EXPIRED' });
    this.#touch(row.id, now);
    return { id: row.id, name: row.name, role: row.role as Role, projectId: row.project_id };
  }

  async create(actor: Actor, input: CreateKeyInput): Promise<CreatedKey> {
    if (!isRole(input.role)) throw invalid(`unknown role ${String(input.role)}`);
    if (!roleAllows(actor.role, input.role === 'owner' ? 'owner' : 'admin')) {
      throw new StewardError({ code: 'FORBIDDEN', message: `a ${actor.role} key cannot create ${input.role} keys`, details: { role: actor.role } });
    }
    if (input.expiresAt && input.expiresAt.getTime() <= this.#now()) throw invalid('expiresAt must be in the future');
    // Another project's id answers like an unknown one: 404, never 403, so ids confirm nothing.
    if (!isInstanceOwner(actor) && input.projectId !== actor.projectId) throw notFound(`project ${input.projectId}`);
    return this.#store.transaction(async (tx) => {
      const project = await tx.selectFrom('projects').select('id').where('id', '=', input.projectId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!project) throw notFound(`project ${input.projectId}`);
      const key = generateApiKey();
      const row: ApiKeysTable = {
        id: newId('key'),
        project_id: input.projectId,
        name: input.name,
        prefix: keyPrefix(key),
        hash: hashApiKey(key),
        role: input.role,
        created_at: this.#now(),
        created_by: actor.id,
        expires_at: input.expiresAt ? input.expiresAt.getTime() : null,
        revoked_at: null,
        last_used_at: null,
        rotated_from: null,
      };
      await tx.insertInto('api_keys').values(row).execute();
      await recordAudit(tx, { actor, projectId: row.project_id, action: 'keys.create', resourceType: 'api_key', resourceId: row.id, after: summary(row) });
      return { key, record: toRecord(row) };
    });
  }

  /** Registers a key whose value the operator chose (STEWARD_ADMIN_KEY); no-op when it exists. */
  async ensureKnownKey(actor: Actor, key: string, input: Omit<CreateKeyInput, 'expiresAt'>): Promise<ApiKeyRecord> {
    // A key the operator chose must be as hard to guess as one Steward makes: at least 128 bits as hex.
    if (key.length < 32) throw new StewardError({ code: 'KEY_TOO_WEAK', message: `${input.name}: an imported API key needs at least 32 characters (it has ${key.length}); e.g. openssl rand -hex 32` });
    const hash = hashApiKey(key);
    const existing = await this.#store.db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
    if (existing) return toRecord(existing);
    return this.#store.transaction(async (tx) => {
      const row: ApiKeysTable = {
        id: newId('key'),
        project_id: input.projectId,
        name: input.name,
        prefix: keyPrefix(key),
        hash,
        role: input.role,
        created_at: Date.now(),
        created_by: actor.id,
        expires_at: null,
        revoked_at: null,
        last_used_at: null,
        rotated_from: null,
      };
      await tx.insertInto('api_keys').values(row).execute();
      await recordAudit(tx, { actor, projectId: row.project_id, action: 'keys.create', resourceType: 'api_key', resourceId: row.id, after: summary(row) });
      return toRecord(row);
    });
  }

  /** Whether any usable owner key exists (first start creates one when none does). */
  async hasActiveOwner(): Promise<boolean> {
    const now = this.#now();
    const row = await this.#store.db
      .selectFrom('api_keys')
      .select('id')
      .where('role', '=', 'owner')
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The keys `actor` may see: the owner sees every project's (or `projectId`'s); a project admin
   * only its own project's, and never the owner's keys.
   */
  async list(actor: Actor, filter: { projectId?: string; includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
    let q = this.#visible(this.#store.db, actor).orderBy('created_at', 'asc');
    if (filter.projectId) q = q.where('project_id', '=', filter.projectId);
    if (!filter.includeRevoked) q = q.where('revoked_at', 'is', null);
    return (await q.execute()).map(toRecord);
  }

  async get(actor: Actor, id: string): Promise<ApiKeyRecord> {
    const row = await this.#visible(this.#store.db, actor).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`API key ${id}`);
    return toRecord(row);
  }

  async revoke(actor: Actor, id: string): Promise<ApiKeyRecord> {
    const row = await this.#store.transaction(async (tx) => {
      const before = await this.#visible(tx, actor).where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound(`API key ${id}`);
      if (before.revoked_at !== null) return before;
      const after = { ...before, revoked_at: this.#now() };
      await tx.updateTable('api_keys').set({ revoked_at: after.revoked_at }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, projectId: before.project_id, action: 'keys.revoke', resourceType: 'api_key', resourceId: id, before: summary(before), after: summary(after) });
      return after;
    });
    await this.#feed.publish({ topic: API_KEYS_TOPIC, id: row.hash });
    return toRecord(row);
  }

  /**
   * Issues a new key with the same name, role and project, and retires the old one, at once or
   * after `graceSeconds` so clients can switch over.
   */
  async rotate(actor: Actor, id: string, options: { graceSeconds?: number } = {}): Promise<CreatedKey> {
    const grace = options.graceSeconds ?? 0;
    if (!Number.isFinite(grace) || grace < 0) throw invalid('graceSeconds must be 0 or more');
    const result = await this.#store.transaction(async (tx) => {
      const old = await this.#visible(tx, actor).where('id', '=', id).executeTakeFirst();
      if (!old) throw notFound(`API key ${id}`);
      if (old.revoked_at !== null) throw new StewardError({ code: 'CONFLICT', message: `API key ${id} is revoked and cannot be rotated` });
      const now = this.#now();
      const key = generateApiKey();
      const row: ApiKeysTable = {
        ...old,
        id: newId('key'),
        prefix: keyPrefix(key),
        hash: hashApiKey(key),
        created_at: now,
        created_by: actor.id,
        last_used_at: null,
        rotated_from: old.id,
      };
      await tx.insertInto('api_keys').values(row).execute();
      const retire = grace > 0 ? { expires_at: now + grace * 1000 } : { revoked_at: now };
      await tx.updateTable('api_keys').set(retire).where('id', '=', old.id).execute();
      await recordAudit(tx, {
        actor,
        projectId: old.project_id,
        action: 'keys.rotate',
        resourceType: 'api_key',
        resourceId: old.id,
        before: summary(old),
        after: { replacedBy: row.id, prefix: row.prefix, graceSeconds: grace },
      });
      return { key, row, oldHash: old.hash };
    });
    await this.#feed.publish({ topic: API_KEYS_TOPIC, id: result.oldHash });
    return { key: result.key, record: toRecord(result.row) };
  }

  close(): void {
    this.#unsubscribe();
  }

  /** Forgets every cached lookup on every replica (a project was deleted or restored). */
  async invalidateAll(): Promise<void> {
    this.#cache.clear();
    await this.#feed.publish({ topic: API_KEYS_TOPIC });
  }

  // The one place key queries are narrowed to what the actor may see; keys of a deleted project
  // are gone for everyone but the owner.
  #visible(db: Db, actor: Actor) {
    const q = db.selectFrom('api_keys').selectAll();
    if (isInstanceOwner(actor)) return q;
    return q.where('project_id', '=', actor.projectId).where('role', '!=', 'owner');
  }

  // last_used_at is informational: written at most once a minute per key, off the request path.
  #touch(id: string, now: number): void {
    const last = this.#lastUsedWritten.get(id) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.#lastUsedWritten.set(id, now);
    this.#store.db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .execute()
      .catch(() => {
        // The store may be briefly down; the next use writes it.
      });
  }
}
