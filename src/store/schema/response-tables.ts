// Tables of the Responses API surface: stored responses and their input and output items.

export interface StoredResponsesTable {
  project_id: string;
  id: string;
  previous_response_id: string | null;
  model: string;
  /** The Response object as answered. */
  response_json: string;
  created_at: number;
}

export interface StoredResponseItemsTable {
  project_id: string;
  response_id: string;
  /** `input` (the request's items, as given) or `output`. */
  kind: string;
  position: number;
  item_id: string;
  item_json: string;
}

export interface ResponseTables {
  stored_responses: StoredResponsesTable;
  stored_response_items: StoredResponseItemsTable;
}
