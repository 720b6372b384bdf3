// Tables of annotation: queues (a score schema and the trace filter that filled them), their
// items with assigned annotators, and the annotations themselves.

export interface AnnotationQueuesTable {
  id: string;
  project_id: string;
  name: string;
  schema_json: string;
  filter_json: string;
  /** Key ids of the annotators, JSON array. */
  annotators_json: string;
  per_item: number;
  created_at: number;
}

export interface AnnotationItemsTable {
  queue_id: string;
  trace_id: string;
  position: number;
  /** Key ids this item is assigned to, JSON array (empty: anyone). */
  assigned_json: string;
}

export interface AnnotationsTable {
  id: string;
  queue_id: string;
  trace_id: string;
  annotator: string;
  values_json: string;
  created_at: number;
}

export interface AnnotationTables {
  annotation_queues: AnnotationQueuesTable;
  annotation_items: AnnotationItemsTable;
  annotations: AnnotationsTable;
}
