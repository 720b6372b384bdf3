// Datasets: immutable content-hashed versions with lineage, provenance, quality reports, streamed
// import and export, and the operations that derive one version from others.
export * from './dataset-item.js';
export { DATASET_OPERATIONS, DatasetProvenanceSchema, versionLabel, type Dataset, type DatasetOperation, type DatasetProvenance, type DatasetVersion } from './dataset-records.js';
export {
  DatasetService,
  AUTO_QUALITY_MAX_ITEMS,
  type DatasetServiceOptions,
  type CreatedVersion,
  type StoredQualityReport,
  type AugmentRequest,
  type ModelAugmentRequest,
  type MergeSource,
} from './dataset-service.js';
export { type StoredItem, streamItems, itemPage, loadItems } from './dataset-repository.js';
export { EXPORT_FORMATS, EXPORT_CONTENT_TYPES, type ExportFormat, exportLine, toOpenAiChatRow, toPreferenceRow, promptMessages, preview, type PreferenceRow } from './export/export-formats.js';
export { exportVersionLines, versionItems, type ExportOptions } from './export/export-version.js';
export { IMPORT_FORMATS, type ImportFormat, spoolImport } from './import/spool-import.js';
export { parseJsonl, parseJsonRow, type ParsedRow } from './import/parse-jsonl.js';
export { parseCsv, readCsvRecords } from './import/parse-csv.js';
export type { ByteSource } from './import/read-lines.js';
export { LINEAGE_DIRECTIONS, type LineageDirection, type LineageGraph, type LineageNode, walkLineage } from './lineage/walk-lineage.js';
export { type VersionDiff, diffVersions } from './lineage/diff-versions.js';
export { FilterSpecSchema, type FilterSpec, keepItem } from './operations/filter-items.js';
export { SplitSpecSchema, type SplitSpec, assignSplit } from './operations/assign-splits.js';
export { CurateSpecSchema, type CurateSpec } from './operations/curate-edits.js';
export { canonicalJson, itemHash, withItemId } from './versions/canonical-item.js';
export type { SplitCounts } from './versions/version-hasher.js';
export { VERSION_SOURCES, VersionParamsSchema, type VersionParams, type VersionSource } from './versions/version-params.js';
export { curateFeedback, CURATION_KINDS, type CurationKind, type FeedbackRecord } from './curation/feedback-items.js';
export { traceToItem, type TraceRecord } from './curation/trace-items.js';
export { AnnotationCurationSchema, type AnnotationCuration, curateAnnotations } from './curation/annotation-items.js';
export { TraceFilterSchema, type TraceFilter } from './curation/curation-queries.js';
