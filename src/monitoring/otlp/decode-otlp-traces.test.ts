import { describe, expect, it } from 'vitest';
import { StewardError } from '../../errors/index.js';
import { decodeOtlpProtobuf, encodeOtlpExportResponse } from './decode-otlp-protobuf.js';
import { decodeOtlpTraces } from './decode-otlp-traces.js';
import { exportTraceServiceRequestType, exportTraceServiceResponseType } from './otlp-proto-root.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = 'eee19b7ec3c1b173';

/** An OTLP/JSON body as the OpenTelemetry JS exporter writes it. */
function jsonPayload(spanOverrides: Record<string, unknown> = {}) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'chat-api' } }] },
        scopeSpans: [
          {
            scope: { name: 'openai-instrumentation', version: '1.2.0' },
            spans: [
              {
                traceId: TRACE,
                spanId: SPAN,
                parentSpanId: PARENT,
                name: 'chat gpt-4o',
                kind: 3,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000250000000',
                attributes: [
                  { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                  { key: 'gen_ai.usage.input_tokens', value: { intValue: '42' } },
                  { key: 'big', value: { intValue: '9007199254740993' } },
                  { key: 'ratio', value: { doubleValue: 0.25 } },
                  { key: 'stream', value: { boolValue: true } },
                  { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 2 }] } } },
                  { key: 'meta', value: { kvlistValue: { values: [{ key: 'k', value: { stringValue: 'v' } }] } } },
                  { key: 'raw', value: { bytesValue: 'AQID' } },
                  { key: 'empty', value: {} },
                ],
                events: [{ name: 'first_token', timeUnixNano: '1700000000100000000', attributes: [{ key: 'i', value: { intValue: 1 } }] }],
                links: [{ traceId: TRACE.replace('5b', '6c'), spanId: SPAN }],
                status: { code: 2, message: 'upstream 500' },
                ...spanOverrides,
              },
            ],
          },
        ],
      },
    ],
  };
}

function expectValidationError(fn: () => unknown, pattern: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(StewardError.is(error)).toBe(true);
    expect((error as StewardError).code).toBe('VALIDATION_FAILED');
    expect((error as Error).message).toMatch(pattern);
    return;
  }
  expect.unreachable('expected VALIDATION_FAILED');
}

describe('OTLP/JSON', () => {
  it('normalises ids, times, kind, status, attributes, scope, resource, events and links', () => {
    const [span, ...rest] = decodeOtlpTraces(JSON.stringify(jsonPayload()), 'application/json; charset=utf-8');
    expect(rest).toEqual([]);
    expect(span).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: PARENT,
      name: 'chat gpt-4o',
      kind: 'client',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000250000000',
      durationMs: 250,
      status: { code: 'error', message: 'upstream 500' },
      resourceAttributes: { 'service.name': 'chat-api' },
      scope: { name: 'openai-instrumentation', version: '1.2.0', attributes: {} },
      events: [{ name: 'first_token', timeUnixNano: '1700000000100000000', attributes: { i: 1 } }],
      links: [{ traceId: TRACE.replace('5b', '6c'), spanId: SPAN, attributes: {} }],
    });
    expect(span.attributes).toEqual({
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 42,
      big: '9007199254740993',
      ratio: 0.25,
      stream: true,
      tags: ['a', 2],
      meta: { k: 'v' },
      raw: 'AQID',
      empty: null,
    });
  });

  it('accepts root spans, upper-case hex, enum names, snake_case fields and an empty request', () => {
    const [span] = decodeOtlpTraces(JSON.stringify(jsonPayload({ parentSpanId: '', traceId: TRACE.toUpperCase(), kind: 'SPAN_KIND_SERVER', status: undefined })), 'application/json');
    expect(span).toMatchObject({ parentSpanId: null, traceId: TRACE, kind: 'server', status: { code: 'unset', message: '' } });
    const snake = { resource_spans: [{ scope_spans: [{ spans: [{ trace_id: TRACE, span_id: SPAN, name: 'x', start_time_unix_nano: 5 }] }] }] };
    expect(decodeOtlpTraces(JSON.stringify(snake), 'application/json')[0]).toMatchObject({ name: 'x', startTimeUnixNano: '5', kind: 'unspecified' });
    expect(decodeOtlpTraces('{}', 'application/json')).toEqual([]);
  });

  it('rejects malformed payloads as a whole with the path of the problem', () => {
    expectValidationError(() => decodeOtlpTraces('{"resourceSpans": [', 'application/json'), /not JSON/);
    expectValidationError(() => decodeOtlpTraces('{"resourceSpans": {}}', 'application/json'), /resourceSpans: must be an array/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ traceId: 'W46/95gDgQPSabYzgT/GDA==' })), 'application/json'), /spans\[0\]\.traceId: must be 32 hex/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ spanId: undefined })), 'application/json'), /spanId: is required/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ traceId: '0'.repeat(32) })), 'application/json'), /all zeros/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ startTimeUnixNano: '-1' })), 'application/json'), /startTimeUnixNano/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ kind: 9 })), 'application/json'), /kind/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ attributes: [{ key: 'x', value: { intValue: 'ten' } }] })), 'application/json'), /attributes\[0\]\.value\.intValue/);
    expectValidationError(() => decodeOtlpTraces(JSON.stringify(jsonPayload({ attributes: [{ value: { stringValue: 'x' } }] })), 'application/json'), /attributes\[0\]\.key/);
  });

  it('refuses other content types', () => {
    try {
      decodeOtlpTraces('x', 'text/plain');
      expect.unreachable();
    } catch (error) {
      expect((error as StewardError).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});

/** Minimal protobuf wire writer, independent of protobufjs, to check field numbers. */
const varint = (n: bigint): number[] => {
  const out: number[] = [];
  while (n > 127n) {
    out.push(Number(n & 127n) | 128);
    n >>= 7n;
  }
  out.push(Number(n));
  return out;
};
const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
const ld = (field: number, bytes: number[]) => [...tag(field, 2), ...varint(BigInt(bytes.length)), ...bytes];
const str = (field: number, s: string) => ld(field, [...Buffer.from(s, 'utf8')]);
const fixed64 = (field: number, n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...tag(field, 1), ...b];
};

describe('OTLP protobuf', () => {
  it('decodes a hand-encoded ExportTraceServiceRequest', () => {
    const anyInt = [...tag(3, 0), ...varint(1234n)];
    const keyValue = [...str(1, 'gen_ai.usage.output_tokens'), ...ld(2, anyInt)];
    const status = [...str(2, 'boom'), ...tag(3, 0), ...varint(2n)];
    const span = [
      ...ld(1, [...Buffer.from(TRACE, 'hex')]),
      ...ld(2, [...Buffer.from(SPAN, 'hex')]),
      ...str(5, 'llm call'),
      ...tag(6, 0),
      ...varint(3n),
      ...fixed64(7, 1700000000000000000n),
      ...fixed64(8, 1700000001500000000n),
      ...ld(9, keyValue),
      ...ld(15, status),
    ];
    const scope = [...str(1, 'my-lib'), ...str(2, '0.1')];
    const scopeSpans = [...ld(1, scope), ...ld(2, span)];
    const resource = ld(1, [...str(1, 'service.name'), ...ld(2, str(1, 'svc'))]);
    const request = ld(1, [...ld(1, resource), ...ld(2, scopeSpans)]);
    const [decoded] = decodeOtlpTraces(Uint8Array.from(request), 'application/x-protobuf');
    expect(decoded).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: null,
      name: 'llm call',
      kind: 'client',
      startTimeUnixNano: '1700000000000000000',
      durationMs: 1500,
      attributes: { 'gen_ai.usage.output_tokens': 1234 },
      resourceAttributes: { 'service.name': 'svc' },
      scope: { name: 'my-lib', version: '0.1' },
      status: { code: 'error', message: 'boom' },
    });
  });

  it('decodes what an encoder built from the same messages produces, and matches the JSON path', () => {
    const type = exportTraceServiceRequestType();
    const fromJson = decodeOtlpTraces(JSON.stringify(jsonPayload()), 'application/json');
    const hexToBytes = (hex: string) => Buffer.from(hex, 'hex');
    const message = JSON.parse(JSON.stringify(jsonPayload()));
    const span = message.resourceSpans[0].scopeSpans[0].spans[0];
    span.traceId = hexToBytes(span.traceId);
    span.spanId = hexToBytes(span.spanId);
    span.parentSpanId = hexToBytes(span.parentSpanId);
    span.links[0].traceId = hexToBytes(span.links[0].traceId);
    span.links[0].spanId = hexToBytes(span.links[0].spanId);
    const bytes = type.encode(type.fromObject(message)).finish();
    expect(decodeOtlpProtobuf(bytes)).toEqual(fromJson);
  });

  it('rejects truncated or foreign bytes with VALIDATION_FAILED', () => {
    const type = exportTraceServiceRequestType();
    const good = type.encode(type.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from(TRACE, 'hex'), spanId: Buffer.from(SPAN, 'hex'), name: 'x' }] }] }] })).finish();
    expectValidationError(() => decodeOtlpProtobuf(good.subarray(0, good.length - 3)), /protobuf/);
    expectValidationError(() => decodeOtlpProtobuf(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])), /protobuf/);
    const shortId = type.encode(type.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from('abcd', 'hex'), spanId: Buffer.from(SPAN, 'hex') }] }] }] })).finish();
    expectValidationError(() => decodeOtlpProtobuf(shortId), /traceId: must be 16 bytes, got 2/);
  });

  it('encodes the export response', () => {
    expect(encodeOtlpExportResponse()).toHaveLength(0);
    const partial = encodeOtlpExportResponse({ rejectedSpans: 2, errorMessage: 'bad' });
    const type = exportTraceServiceResponseType();
    expect(type.toObject(type.decode(partial), { longs: Number })).toEqual({ partialSuccess: { rejectedSpans: 2, errorMessage: 'bad' } });
  });
});
