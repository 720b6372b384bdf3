// Walks an ExportTraceServiceRequest (already parsed from JSON or decoded from protobuf) and
// produces normalised spans, validating as it goes (one problem rejects the whole payload).
import { attributesField } from './any-value.js';
import { type OtlpScope, type OtlpSpan, SPAN_KINDS, SPAN_STATUS_CODES } from './otlp-span.js';
import { type JsonObject, arrayField, enumField, fail, field, objectAt, optionalObject, stringField, uint64Field } from './otlp-reader.js';

/** How ids arrive: OTLP/JSON uses hex; protobufjs yields base64 for `bytes`. */
export type IdEncoding = 'hex' | 'base64';

const KIND_NAMES = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** Options of {@link normaliseTraceRequest}. */
export interface NormaliseOptions {
  idEncoding: IdEncoding;
  /** Reject payloads with more spans than this (default 100 000). */
  maxSpans?: number;
}

/** Normalises every span of the request; throws VALIDATION_FAILED naming the first problem. */
export function normaliseTraceRequest(request: unknown, options: NormaliseOptions): OtlpSpan[] {
  const maxSpans = options.maxSpans ?? 100_000;
  const root = objectAt(request, '');
  const spans: OtlpSpan[] = [];
  arrayField(root, 'resourceSpans', '').forEach((rsValue, r) => {
    const rsPath = `resourceSpans[${r}]`;
    const rs = objectAt(rsValue, rsPath);
    const resource = optionalObject(rs, 'resource', rsPath);
    const resourceAttributes = resource ? attributesField(resource, `${rsPath}.resource`) : {};
    // Exporters before OTLP 0.19 sent instrumentationLibrarySpans / instrumentationLibrary.
    const legacy = field(rs, 'scopeSpans') === undefined && field(rs, 'instrumentationLibrarySpans') !== undefined;
    const scopeKey = legacy ? 'instrumentationLibrarySpans' : 'scopeSpans';
    arrayField(rs, scopeKey, rsPath).forEach((ssValue, s) => {
      const ssPath = `${rsPath}.${scopeKey}[${s}]`;
      const ss = objectAt(ssValue, ssPath);
      const scopeObject = optionalObject(ss, legacy ? 'instrumentationLibrary' : 'scope', ssPath);
      const scopePath = `${ssPath}.${legacy ? 'instrumentationLibrary' : 'scope'}`;
      const scope: OtlpScope = scopeObject
        ? { name: stringField(scopeObject, 'name', scopePath), version: stringField(scopeObject, 'version', scopePath), attributes: attributesField(scopeObject, scopePath) }
        : { name: '', version: '', attributes: {} };
      arrayField(ss, 'spans', ssPath).forEach((spanValue, i) => {
        if (spans.length >= maxSpans) fail('', `more than ${maxSpans} spans in one request`);
        spans.push(normaliseSpan(objectAt(spanValue, `${ssPath}.spans[${i}]`), `${ssPath}.spans[${i}]`, scope, resourceAttributes, options.idEncoding));
      });
    });
  });
  return spans;
}

function normaliseSpan(span: JsonObject, path: string, scope: OtlpScope, resourceAttributes: OtlpSpan['resourceAttributes'], encoding: IdEncoding): OtlpSpan {
  const traceId = requiredId(span, 'traceId', path, 16, encoding);
  const spanId = requiredId(span, 'spanId', path, 8, encoding);
  const parent = id(field(span, 'parentSpanId'), `${path}.parentSpanId`, 8, encoding);
  const start = uint64Field(span, 'startTimeUnixNano', path);
  const end = uint64Field(span, 'endTimeUnixNano', path);
  const statusObject = optionalObject(span, 'status', path);
  const duration = BigInt(end) - BigInt(start);
  return {
    traceId,
    spanId,
    parentSpanId: parent,
    traceState: stringField(span, 'traceState', path),
    name: stringField(span, 'name', path),
    kind: SPAN_KINDS[enumField(span, 'kind', path, KIND_NAMES)],
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    durationMs: duration > 0n ? Number(duration) / 1e6 : 0,
    status: statusObject
      ? { code: SPAN_STATUS_CODES[enumField(statusObject, 'code', `${path}.status`, STATUS_NAMES)], message: stringField(statusObject, 'message', `${path}.status`) }
      : { code: 'unset', message: '' },
    attributes: attributesField(span, path),
    resourceAttributes,
    scope,
    events: arrayField(span, 'events', path).map((value, e) => {
      const eventPath = `${path}.events[${e}]`;
      const event = objectAt(value, eventPath);
      return { name: stringField(event, 'name', eventPath), timeUnixNano: uint64Field(event, 'timeUnixNano', eventPath), attributes: attributesField(event, eventPath) };
    }),
    links: arrayField(span, 'links', path).map((value, l) => {
      const linkPath = `${path}.links[${l}]`;
      const link = objectAt(value, linkPath);
      return { traceId: requiredId(link, 'traceId', linkPath, 16, encoding), spanId: requiredId(link, 'spanId', linkPath, 8, encoding), attributes: attributesField(link, linkPath) };
    }),
  };
}

function requiredId(parent: JsonObject, name: string, path: string, bytes: number, encoding: IdEncoding): string {
  const value = id(field(parent, name), `${path}.${name}`, bytes, encoding);
  if (value === null) fail(`${path}.${name}`, `is required (${bytes * 2} hex characters)`);
  if (/^0+$/.test(value)) fail(`${path}.${name}`, 'must not be all zeros');
  return value;
}

/** An id as lowercase hex, or null when empty. */
function id(value: unknown, path: string, bytes: number, encoding: IdEncoding): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') fail(path, 'must be a string');
  if (encoding === 'hex') {
    if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) fail(path, `must be ${bytes * 2} hex characters (OTLP/JSON ids are hex, not base64)`);
    return value.toLowerCase();
  }
  const raw = Buffer.from(value, 'base64');
  if (raw.length !== bytes) fail(path, `must be ${bytes} bytes, got ${raw.length}`);
  return raw.toString('hex');
}
