// The normalised span that OTLP ingest produces, whatever the wire format: hex ids, decimal-string
// nanosecond times, named kind and status, attributes as plain JSON values.

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export type SpanKindName = (typeof SPAN_KINDS)[number];

export const SPAN_STATUS_CODES = ['unset', 'ok', 'error'] as const;
export type SpanStatusCode = (typeof SPAN_STATUS_CODES)[number];

/**
 * An attribute value. OTLP AnyValue maps to: string, boolean, number (int64 beyond 2⁵³ stays a
 * decimal string), base64 string for bytes, arrays, nested objects for kvlists, null when empty.
 */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export interface OtlpSpanEvent {
  name: string;
  timeUnixNano: string;
  attributes: Attributes;
}

export interface OtlpSpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: Attributes;
}

/** One span, normalised. */
export interface OtlpSpan {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** null for a root span. */
  parentSpanId: string | null;
  traceState: string;
  name: string;
  kind: SpanKindName;
  /** Unix time in nanoseconds as a decimal string (uint64 does not fit a double). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** end − start in milliseconds (0 if end precedes start). */
  durationMs: number;
  status: { code: SpanStatusCode; message: string };
  attributes: Attributes;
  resourceAttributes: Attributes;
  scope: OtlpScope;
  events: OtlpSpanEvent[];
  links: OtlpSpanLink[];
}
