// Traces of gateway requests: the record, its batched writer with a journal for store outages,
// and the queries that read them back.
export { TRACE_STATUSES, TRACE_ENDPOINTS, type TraceStatus, type TraceEndpoint, type TraceAttempt, type TraceRecord } from './trace-record.js';
export { TraceWriter, TRACE_JOURNAL_FILE, type TraceWriterOptions } from './trace-writer.js';
export { TraceService, toTraceView, type TraceView, type TraceQuery } from './trace-service.js';
