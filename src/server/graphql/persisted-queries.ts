// Automatic persisted queries (the protocol Apollo clients speak): a client sends the SHA-256 of a
// query in extensions.persistedQuery; an unknown hash answers PersistedQueryNotFound and the client
// sends the query with its hash once, after which the hash alone runs it. Kept per process in a
// bounded map: another replica that has not seen a hash asks for the query once, as the protocol allows.
import { createHash } from 'node:crypto';
import { StewardError, invalid } from '../../errors/index.js';

/** Hashes kept per process; the least recently used one goes first. */
const MAX_QUERIES = 1000;

interface PersistedQueryExtension {
  version?: unknown;
  sha256Hash?: unknown;
}

export class PersistedQueries {
  readonly #queries = new Map<string, string>();

  /** The query to run for a request body, or a catalogue error saying why there is none. */
  resolve(query: string | null | undefined, extensions: Record<string, unknown> | null | undefined): string {
    const persisted = extensions?.persistedQuery as PersistedQueryExtension | undefined;
    if (!persisted) {
      if (!query) throw invalid('query is required (or extensions.persistedQuery with the sha256Hash of a query sent before)', { param: 'query' });
      return query;
    }
    if (persisted.version !== 1 || typeof persisted.sha256Hash !== 'string') throw invalid('extensions.persistedQuery needs version 1 and a sha256Hash', { param: 'extensions.persistedQuery' });
    const hash = persisted.sha256Hash.toLowerCase();
    if (!query) {
      const known = this.#queries.get(hash);
      if (known === undefined) throw new StewardError({ code: 'GRAPHQL_PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound', details: { sha256Hash: hash } });
      this.#queries.delete(hash);
      this.#queries.set(hash, known);
      return known;
    }
    if (createHash('sha256').update(query, 'utf8').digest('hex') !== hash) throw invalid('extensions.persistedQuery.sha256Hash is not the SHA-256 of the query', { param: 'extensions.persistedQuery.sha256Hash' });
    this.#queries.set(hash, query);
    if (this.#queries.size > MAX_QUERIES) this.#queries.delete(this.#queries.keys().next().value as string);
    return query;
  }
}
