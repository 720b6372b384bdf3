// Stored responses of the Responses API (`store: true`), per project: the Response object and its
// input and output items one per row, so GET …/input_items pages them, `item_reference` finds an item
// by id and previous_response_id rebuilds a conversation. Traces learn the surface a call came in on.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stored_responses')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('previous_response_id', 'text')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stored_responses_pk', ['project_id', 'id'])
    .execute();
  await db.schema
    .createTable('stored_response_items')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stored_response_items_pk', ['project_id', 'response_id', 'kind', 'position'])
    .execute();
  await db.schema.createIndex('stored_response_items_item').on('stored_response_items').columns(['project_id', 'item_id']).execute();
  // The API surface a gateway call came in on (`responses`, `messages`; null: the chat/completions/
  // embeddings endpoint itself) and whether it was translated to chat completions.
  await db.schema.alterTable('traces').addColumn('surface', 'text').execute();
  await db.schema.alterTable('traces').addColumn('surface_translated', 'integer').execute();
}
