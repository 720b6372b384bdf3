// OTLP/HTTP JSON (`application/json`): ExportTraceServiceRequest with hex ids and lowerCamelCase
// fields, as the OpenTelemetry SDKs' JSON exporters send it.
import { invalid } from '../../errors/index.js';
import { normaliseTraceRequest } from './normalise-trace-request.js';
import type { OtlpSpan } from './otlp-span.js';

/** Decodes an OTLP/JSON trace export (raw text, bytes, or an already parsed body). */
export function decodeOtlpJson(body: string | Uint8Array | object, options: { maxSpans?: number } = {}): OtlpSpan[] {
  let parsed: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw invalid(`invalid OTLP trace payload: body is not JSON (${(error as Error).message})`);
    }
  }
  return normaliseTraceRequest(parsed, { idEncoding: 'hex', maxSpans: options.maxSpans });
}
