// Prices per provider and model (USD per million input and output tokens), editable through the API,
// held in memory for the hot path and refreshed on every replica through the change feed. Prices
// belong to a project: a call is priced with its own project's table, never another's.
import { type Actor, recordAudit } from '../../governance/index.js';
import { notFound } from '../../errors/index.js';
import type { ChangeFeed, PricesTable, Store } from '../../store/index.js';

export const PRICES_TOPIC = 'prices';

export interface Price {
  provider: string;
  /** The upstream model id, or `*` for every model of the provider. */
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  updatedAt: string;
}

function toPrice(row: PricesTable): Price {
  return {
    provider: row.provider,
    model: row.model,
    inputPerMTok: Number(row.input_per_mtok),
    outputPerMTok: Number(row.output_per_mtok),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

const priceKey = (projectId: string, provider: string, model: string) => `${projectId}\u0000${provider}/${model}`;

export class PriceTable {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  /** By `projectId` NUL `provider/model`. */
  #prices = new Map<string, Price>();
  readonly #unsubscribe: () => void;

  constructor(options: { store: Store; feed: ChangeFeed }) {
    this.#store = options.store;
    this.#feed = options.feed;
    this.#unsubscribe = this.#feed.subscribe(PRICES_TOPIC, () => void this.load().catch(() => undefined));
  }

  async load(): Promise<void> {
    const rows = await this.#store.db.selectFrom('prices').selectAll().execute();
    this.#prices = new Map(rows.map((row) => [priceKey(row.project_id ?? '', row.provider, row.model), toPrice(row)]));
  }

  /** The project's prices. */
  list(projectId: string): Price[] {
    const prefix = `${projectId}\u0000`;
    return [...this.#prices]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, price]) => price)
      .sort((a, b) => `${a.provider}/${a.model}`.localeCompare(`${b.provider}/${b.model}`));
  }

  /** The project's price of a model, falling back to its `*` price for the provider; undefined when none is set. */
  lookup(projectId: string, provider: string, model: string): Price | undefined {
    return this.#prices.get(priceKey(projectId, provider, model)) ?? this.#prices.get(priceKey(projectId, provider, '*'));
  }

  /** Cost in USD of a call of the project; 0 when no price is known. */
  cost(projectId: string, provider: string, model: string, tokensIn: number, tokensOut: number): number {
    const price = this.lookup(projectId, provider, model);
    if (!price) return 0;
    return (tokensIn * price.inputPerMTok + tokensOut * price.outputPerMTok) / 1_000_000;
  }

  async put(actor: Actor, input: { provider: string; model: string; inputPerMTok: number; outputPerMTok: number }): Promise<Price> {
    const row: PricesTable = { project_id: actor.projectId, provider: input.provider, model: input.model, input_per_mtok: input.inputPerMTok, output_per_mtok: input.outputPerMTok, updated_at: Date.now() };
    await this.#store.transaction(async (tx) => {
      const before = await tx.selectFrom('prices').selectAll().where('project_id', '=', actor.projectId).where('provider', '=', input.provider).where('model', '=', input.model).executeTakeFirst();
      if (before) await tx.updateTable('prices').set(row).where('project_id', '=', actor.projectId).where('provider', '=', input.provider).where('model', '=', input.model).execute();
      else await tx.insertInto('prices').values(row).execute();
      await recordAudit(tx, { actor, action: before ? 'prices.update' : 'prices.create', resourceType: 'price', resourceId: `${input.provider}/${input.model}`, before: before ? toPrice(before) : undefined, after: toPrice(row) });
    });
    this.#prices.set(priceKey(actor.projectId, row.provider, row.model), toPrice(row));
    await this.#feed.publish({ topic: PRICES_TOPIC });
    return toPrice(row);
  }

  async remove(actor: Actor, provider: string, model: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const before = await tx.selectFrom('prices').selectAll().where('project_id', '=', actor.projectId).where('provider', '=', provider).where('model', '=', model).executeTakeFirst();
      if (!before) throw notFound(`price of ${provider}/${model}`);
      await tx.deleteFrom('prices').where('project_id', '=', actor.projectId).where('provider', '=', provider).where('model', '=', model).execute();
      await recordAudit(tx, { actor, action: 'prices.delete', resourceType: 'price', resourceId: `${provider}/${model}`, before: toPrice(before) });
    });
    this.#prices.delete(priceKey(actor.projectId, provider, model));
    await this.#feed.publish({ topic: PRICES_TOPIC });
  }

  close(): void {
    this.#unsubscribe();
  }
}
