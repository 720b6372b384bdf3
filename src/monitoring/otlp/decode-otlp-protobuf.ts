// OTLP/HTTP protobuf (`application/x-protobuf`): decodes ExportTraceServiceRequest bytes with
// protobufjs and the committed .proto definitions, then normalises like the JSON path.
import { invalid } from '../../errors/index.js';
import { normaliseTraceRequest } from './normalise-trace-request.js';
import { exportTraceServiceRequestType, exportTraceServiceResponseType } from './otlp-proto-root.js';
import type { OtlpSpan } from './otlp-span.js';

/** Decodes an OTLP protobuf trace export; malformed bytes → VALIDATION_FAILED, nothing partial. */
export function decodeOtlpProtobuf(body: Uint8Array, options: { maxSpans?: number } = {}): OtlpSpan[] {
  const type = exportTraceServiceRequestType();
  let object: Record<string, unknown>;
  try {
    const message = type.decode(body);
    // Longs as decimal strings, bytes as base64, enums as numbers, unset fields absent.
    object = type.toObject(message, { longs: String, bytes: String, enums: Number, defaults: false });
  } catch (error) {
    throw invalid(`invalid OTLP trace payload: protobuf does not decode as ExportTraceServiceRequest (${(error as Error).message})`);
  }
  return normaliseTraceRequest(object, { idEncoding: 'base64', maxSpans: options.maxSpans });
}

/** Encodes the (empty = full success) ExportTraceServiceResponse for protobuf clients. */
export function encodeOtlpExportResponse(partialSuccess?: { rejectedSpans: number; errorMessage: string }): Uint8Array {
  const type = exportTraceServiceResponseType();
  const payload = partialSuccess ? { partialSuccess: { rejectedSpans: partialSuccess.rejectedSpans, errorMessage: partialSuccess.errorMessage } } : {};
  return type.encode(type.fromObject(payload)).finish();
}
