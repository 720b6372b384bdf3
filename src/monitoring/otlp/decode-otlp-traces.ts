// Entry point for OTLP/HTTP trace ingest: picks the decoder from the Content-Type.
import { StewardError } from '../../errors/index.js';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import type { OtlpSpan } from './otlp-span.js';

export const OTLP_CONTENT_TYPES = ['application/json', 'application/x-protobuf'] as const;
export type OtlpContentType = (typeof OTLP_CONTENT_TYPES)[number];

/**
 * Decodes an OTLP/HTTP `/v1/traces` body. `contentType` may carry parameters
 * (`application/json; charset=utf-8`). The HTTP layer must already have undone any
 * Content-Encoding (gzip). Unknown types → UNSUPPORTED_MEDIA_TYPE; bad payloads → VALIDATION_FAILED.
 *
 * @example
 * const spans = decodeOtlpTraces(request.rawBody, request.headers['content-type']);
 */
export function decodeOtlpTraces(body: Uint8Array | string, contentType: string | undefined, options: { maxSpans?: number } = {}): OtlpSpan[] {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return decodeOtlpJson(body, options);
  if (type === 'application/x-protobuf' || type === 'application/protobuf') {
    return decodeOtlpProtobuf(typeof body === 'string' ? Buffer.from(body, 'binary') : body, options);
  }
  throw new StewardError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `OTLP traces must be application/json or application/x-protobuf, not ${contentType ?? 'missing'}` });
}
