// Tables of the datasets part: datasets, their immutable content-hashed versions, the lineage edges
// between versions, content-addressed items, version membership and stored quality reports.
// Times are epoch ms; JSON is text on both engines.

export interface DatasetsTable {
  id: string;
  project_id: string;
  name: string;
  description: string;
  /** Dataset-level provenance (source, licence, consent, collectedAt) as JSON. */
  provenance_json: string;
  /** The highest version number allocated; incrementing it serialises version creation. */
  latest_version: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
}

export interface DatasetVersionsTable {
  id: string;
  dataset_id: string;
  version: number;
  /** sha256 over the canonical items in order: identical content gives the same hash. */
  hash: string;
  item_count: number;
  /** `{ train, validation, test, none }` counts as JSON. */
  split_counts_json: string;
  /** import, filter, merge, split, augment, curate. */
  operation: string;
  /** The operation's parameters as JSON. */
  params_json: string;
  message: string;
  created_at: number;
  created_by: string | null;
}

/** A lineage edge: `version_id` was made from `parent_id`. */
export interface DatasetVersionParentsTable {
  version_id: string;
  parent_id: string;
  ordinal: number;
}

/** One item's content, stored once however many versions hold it. */
export interface DatasetItemsTable {
  hash: string;
  kind: string;
  item_json: string;
}

/** Which items a version holds, in order. */
export interface DatasetVersionItemsTable {
  version_id: string;
  position: number;
  item_id: string;
  item_hash: string;
  split: string | null;
}

export interface DatasetQualityReportsTable {
  id: string;
  version_id: string;
  /** pass, warn or fail: the worst of the checks. */
  status: string;
  report_json: string;
  created_at: number;
  created_by: string | null;
}

export interface DatasetTables {
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  dataset_version_parents: DatasetVersionParentsTable;
  dataset_items: DatasetItemsTable;
  dataset_version_items: DatasetVersionItemsTable;
  dataset_quality_reports: DatasetQualityReportsTable;
}
