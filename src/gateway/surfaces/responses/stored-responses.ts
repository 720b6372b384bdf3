// Responses kept with `store: true`, per project: the Response object, the request's input items and
// the output items, each item under its id. Another project's response or item is simply not there.
import { type Store, fromJsonColumn } from '../../../store/index.js';
import type { ResponseObject } from './response-object.js';

/** An item as listed by GET /v1/responses/{id}/input_items and referenced by `item_reference`. */
export type StoredItem = { id: string; type: string } & Record<string, unknown>;

export interface StoredResponse {
  response: ResponseObject;
  previousResponseId: string | null;
}

export interface ItemPage {
  data: StoredItem[];
  hasMore: boolean;
}

export class StoredResponses {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Keeps a response with its input items (ids assigned) and output items, all or nothing. */
  async save(projectId: string, response: ResponseObject, inputItems: StoredItem[], createdAtMs: number): Promise<void> {
    const rows = [
      ...inputItems.map((item, position) => ({ project_id: projectId, response_id: response.id, kind: 'input', position, item_id: item.id, item_json: JSON.stringify(item) })),
      ...response.output.map((item, position) => ({ project_id: projectId, response_id: response.id, kind: 'output', position, item_id: item.id, item_json: JSON.stringify(item) })),
    ];
    await this.#store.transaction(async (tx) => {
      await tx
        .insertInto('stored_responses')
        .values({ project_id: projectId, id: response.id, previous_response_id: response.previous_response_id, model: response.model, response_json: JSON.stringify(response), created_at: createdAtMs })
        .execute();
      // Chunks keep each insert well under both engines' bound-parameter limits.
      for (let i = 0; i < rows.length; i += 100) await tx.insertInto('stored_response_items').values(rows.slice(i, i + 100)).execute();
    });
  }

  async get(projectId: string, id: string): Promise<StoredResponse | undefined> {
    const row = await this.#store.db.selectFrom('stored_responses').select(['response_json', 'previous_response_id']).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { response: fromJsonColumn<ResponseObject>(row.response_json, {} as ResponseObject), previousResponseId: row.previous_response_id };
  }

  /** Deletes a response and its items; false when the project has no such response. */
  async delete(projectId: string, id: string): Promise<boolean> {
    return this.#store.transaction(async (tx) => {
      const deleted = await tx.deleteFrom('stored_responses').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await tx.deleteFrom('stored_response_items').where('project_id', '=', projectId).where('response_id', '=', id).execute();
      return true;
    });
  }

  /** The items of one response of one kind, in order. */
  async items(projectId: string, responseId: string, kind: 'input' | 'output'): Promise<StoredItem[]> {
    const rows = await this.#store.db
      .selectFrom('stored_response_items')
      .select('item_json')
      .where('project_id', '=', projectId)
      .where('response_id', '=', responseId)
      .where('kind', '=', kind)
      .orderBy('position', 'asc')
      .execute();
    return rows.map((row) => JSON.parse(row.item_json) as StoredItem);
  }

  /** One page of a response's input items: `order` as OpenAI's (desc by default), after the item `after`. */
  async inputItemPage(projectId: string, responseId: string, options: { limit: number; order: 'asc' | 'desc'; after?: string }): Promise<ItemPage | undefined> {
    const all = await this.items(projectId, responseId, 'input');
    const ordered = options.order === 'desc' ? all.reverse() : all;
    let start = 0;
    if (options.after !== undefined) {
      const at = ordered.findIndex((item) => item.id === options.after);
      if (at === -1) return undefined;
      start = at + 1;
    }
    const data = ordered.slice(start, start + options.limit);
    return { data, hasMore: start + options.limit < ordered.length };
  }

  /** An item of any stored response of the project, by item id (the newest when ids repeat). */
  async item(projectId: string, itemId: string): Promise<StoredItem | undefined> {
    const row = await this.#store.db
      .selectFrom('stored_response_items')
      .innerJoin('stored_responses', (join) => join.onRef('stored_responses.project_id', '=', 'stored_response_items.project_id').onRef('stored_responses.id', '=', 'stored_response_items.response_id'))
      .select('stored_response_items.item_json')
      .where('stored_response_items.project_id', '=', projectId)
      .where('stored_response_items.item_id', '=', itemId)
      .orderBy('stored_responses.created_at', 'desc')
      .executeTakeFirst();
    return row ? (JSON.parse(row.item_json) as StoredItem) : undefined;
  }
}
