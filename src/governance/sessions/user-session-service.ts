// Sessions of people signed in to the dashboard. The session id and its CSRF token are random
// 32-byte values handed to the browser once; the store keeps only their SHA-256, so neither a
// database copy nor a log opens a session. A session carries the project and role its sign-in
// mapped to, and ends at its expiry or at logout.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { type Role, isRole } from '../roles.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface NewSession {
  /** The cookie value. */
  id: string;
  /** The CSRF token the dashboard echoes in a header on writes. */
  csrf: string;
  expiresAt: number;
}

export interface SessionIdentity {
  subject: string;
  name: string;
  projectId: string;
  role: Role;
}

export interface ResolvedSession {
  actor: Actor;
  /** Whether `csrf` is the token bound to this session. */
  checkCsrf(csrf: string | undefined): boolean;
}

export class UserSessionService {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(options: { store: Store; ttlMs: number; now?: () => number }) {
    this.#store = options.store;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async create(identity: SessionIdentity): Promise<NewSession> {
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    const actor = this.#actor(identity, sha256(id));
    await this.#store.transaction(async (tx) => {
      await tx
        .insertInto('user_sessions')
        .values({ id_hash: sha256(id), csrf_hash: sha256(csrf), project_id: identity.projectId, role: identity.role, subject: identity.subject, name: identity.name, created_at: now, expires_at: expiresAt, revoked_at: null })
        .execute();
      await recordAudit(tx, { actor, action: 'sessions.create', resourceType: 'session', resourceId: actor.id, after: { subject: identity.subject, role: identity.role, expiresAt: new Date(expiresAt).toISOString() } });
    });
    return { id, csrf, expiresAt };
  }

  /** The session behind a cookie value, or undefined when it is unknown, expired or ended. */
  async resolve(id: string): Promise<ResolvedSession | undefined> {
    const row = await this.#store.db.selectFrom('user_sessions').selectAll().where('id_hash', '=', sha256(id)).executeTakeFirst();
    if (!row || row.revoked_at !== null || Number(row.expires_at) <= this.#now() || !isRole(row.role)) return undefined;
    const expected = Buffer.from(row.csrf_hash, 'hex');
    return {
      actor: this.#actor({ subject: row.subject, name: row.name, projectId: row.project_id, role: row.role }, row.id_hash),
      checkCsrf: (csrf) => csrf !== undefined && timingSafeEqual(Buffer.from(sha256(csrf), 'hex'), expected),
    };
  }

  /** Ends a session (logout). */
  async end(id: string): Promise<void> {
    const session = await this.resolve(id);
    if (!session) return;
    await this.#store.transaction(async (tx) => {
      await tx.updateTable('user_sessions').set({ revoked_at: this.#now() }).where('id_hash', '=', sha256(id)).execute();
      await recordAudit(tx, { actor: session.actor, action: 'sessions.end', resourceType: 'session', resourceId: session.actor.id });
    });
  }

  /** A person acts under a session id: `ses_` and the start of the id's hash (never the id itself). */
  #actor(identity: SessionIdentity, idHash: string): Actor {
    return { id: `ses_${idHash.slice(0, 16)}`, name: identity.name, role: identity.role, projectId: identity.projectId };
  }
}
