// OTLP/HTTP trace ingest: decodes JSON and protobuf ExportTraceServiceRequest bodies into
// normalised spans, and maps GenAI / OpenInference / OpenLLMetry attributes to Steward's fields.
export { OTLP_CONTENT_TYPES, type OtlpContentType, decodeOtlpTraces } from './decode-otlp-traces.js';
export { decodeOtlpJson } from './decode-otlp-json.js';
export { decodeOtlpProtobuf, encodeOtlpExportResponse } from './decode-otlp-protobuf.js';
export { exportTraceServiceRequestType, exportTraceServiceResponseType, otlpProtoRoot } from './otlp-proto-root.js';
export { type IdEncoding, type NormaliseOptions, normaliseTraceRequest } from './normalise-trace-request.js';
export {
  type AttributeValue,
  type Attributes,
  type OtlpScope,
  type OtlpSpan,
  type OtlpSpanEvent,
  type OtlpSpanLink,
  SPAN_KINDS,
  SPAN_STATUS_CODES,
  type SpanKindName,
  type SpanStatusCode,
} from './otlp-span.js';
export { GENAI_OPERATIONS, type GenAiFields, type GenAiOperation, isGenAiSpan, mapGenAiAttributes } from './genai-attributes.js';
