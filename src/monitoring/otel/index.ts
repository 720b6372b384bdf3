// OpenTelemetry both ways: OTLP/HTTP ingest into spans and trace rows, and export of Steward's
// traces as GenAI semantic-convention spans to a collector.
export { OtlpIngest, type IngestResult, type SpanNode, spanTree } from './otlp-ingest.js';
export { OtelTraceExporter, type OtelTraceExporterOptions, genAiAttributes } from './otel-trace-exporter.js';
