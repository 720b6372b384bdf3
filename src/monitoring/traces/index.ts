// Traces of gateway requests: the record, its batched writer with a journal for store outages,
// and the queries that read them back.
export { TRACE_STATUSES, TRACE_ENDPOINTS, type TraceStatus, type TraceEndpoint, TRACE_SURFACES, type TraceSurface, type TraceSurfaceInfo, type TraceAttempt, type TraceRecord } from './trace-record.js';
export { TraceWriter, type TraceWriterOptions, type TraceWriterStats } from './trace-writer.js';
export { JOURNAL_DIR, LEGACY_JOURNAL_FILE, QUARANTINE_FILE, type FsyncPolicy } from './trace-journal.js';
export { TraceService, toTraceView, type TraceView, type TraceQuery } from './trace-service.js';
