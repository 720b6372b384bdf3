// OpenTelemetry both ways over the real server: a real SDK exporter (protobuf and JSON) sends
// nested agent → retrieval → LLM → tool spans to /v1/traces; malformed payloads store nothing;
// and Steward's own traces go out as GenAI spans to a collector.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpTraces } from '../../src/monitoring/otlp/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { insertTraces } from './trace-fixtures.js';

async function sendAgentTrace(exporter: SpanExporter): Promise<string> {
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'support-agent' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test-agent');
  // Explicit times a few milliseconds apart, so the order of siblings is defined.
  const t0 = Date.now();
  const root = tracer.startSpan('invoke_agent support', { kind: SpanKind.INTERNAL, startTime: t0, attributes: { 'gen_ai.operation.name': 'invoke_agent' } });
  const rootCtx = trace.setSpan(context.active(), root);
  const retrieval = tracer.startSpan('retrieve docs', { startTime: t0 + 1, attributes: { 'openinference.span.kind': 'RETRIEVER', 'retrieval.documents.count': 3 } }, rootCtx);
  retrieval.end(t0 + 2);
  const llm = tracer.startSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT, startTime: t0 + 3, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.usage.input_tokens': 42, 'gen_ai.usage.output_tokens': 7 } }, rootCtx);
  const tool = tracer.startSpan('execute_tool lookup_order', { startTime: t0 + 4, attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' } }, trace.setSpan(rootCtx, llm));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'order not found' });
  tool.end(t0 + 5);
  llm.end(t0 + 6);
  root.end(t0 + 7);
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

interface SpanNode {
  name: string;
  operation: string | null;
  status: string;
  model: string | null;
  stewardTraceId: string | null;
  children: SpanNode[];
}

for (const engine of ENGINES) {
  describe(`OpenTelemetry (${engine.name})`, () => {
    let s: TestSteward;
    let serviceKey: string;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
      serviceKey = (await s.api('POST', '/api/keys', { body: { name: 'agent', role: 'service' } })).body.key as string;
    });
    afterAll(async () => {
      await s.close();
    });

    for (const [encoding, Exporter] of [['protobuf', OtlpProtoExporter], ['json', OtlpHttpJsonExporter]] as const) {
      it(`ingests nested spans from a real OTLP exporter (${encoding})`, async () => {
        const traceId = await sendAgentTrace(new Exporter({ url: `${s.url}/v1/traces`, headers: { authorization: `Bearer ${serviceKey}` } }));
        const tree = await s.api('GET', `/api/spans/${traceId}`);
        const roots = tree.body.data as SpanNode[];
        expect(roots.map((r) => r.name)).toEqual(['invoke_agent support']);
        expect(roots[0].children.map((c) => c.name)).toEqual(['retrieve docs', 'chat gpt-4o-mini']);
        const llm = roots[0].children[1];
        expect(llm).toMatchObject({ operation: 'chat', model: 'gpt-4o-mini' });
        expect(llm.children).toEqual([expect.objectContaining({ name: 'execute_tool lookup_order', status: 'error', stewardTraceId: null })]);
        expect(roots[0].children[0].stewardTraceId).toBeNull();
        const row = await s.api('GET', `/api/traces/${llm.stewardTraceId}`);
        expect(row.status).toBe(200);
        expect(row.body).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai', tokensIn: 42, tokensOut: 7 });
      });
    }

    it('answers 400 to malformed payloads and stores nothing; viewers may not send', async () => {
      const count = async () => (await s.handle.services.store.db.selectFrom('spans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
      const before = Number(await count());
      const bad = await s.api('POST', '/v1/traces', { key: serviceKey, body: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"1"}]}]}]}' });
      expect(bad.status).toBe(400);
      const garbage = await fetch(`${s.url}/v1/traces`, { method: 'POST', headers: { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/x-protobuf' }, body: new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]) });
      expect(garbage.status).toBe(400);
      expect(Number(await count())).toBe(before);
      const viewer = (await s.api('POST', '/api/keys', { body: { name: 'v', role: 'viewer' } })).body.key as string;
      expect((await s.api('POST', '/v1/traces', { key: viewer, body: '{"resourceSpans":[]}' })).status).toBe(403);
    });

    it('exports traces as GenAI spans to an OTLP collector', async () => {
      const bodies: Uint8Array[] = [];
      const collector = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        bodies.push(new Uint8Array(Buffer.concat(chunks)));
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
      await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
      const exporting = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0, 'monitoring.otlpEndpoint': endpoint } });
      try {
        const projectId = exporting.handle.services.defaultProject.id;
        await insertTraces(exporting.handle.services.store, projectId, [{ at: Date.now() - 1000, latencyMs: 250, route: 'support', tokensIn: 11, tokensOut: 3 }, { at: Date.now() - 500, latencyMs: 40, route: 'support', error: true }]);
        const exporter = exporting.handle.services.monitoring.otelExporter;
        expect(exporter).toBeDefined();
        expect(await exporter?.exportOnce()).toBe(2);
        expect(await exporter?.exportOnce()).toBe(0);
        const spans = bodies.flatMap((b) => decodeOtlpTraces(b, 'application/x-protobuf'));
        expect(spans).toHaveLength(2);
        expect(spans[0]).toMatchObject({ name: 'chat support', kind: 'client', durationMs: 250, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'builtin', 'gen_ai.usage.input_tokens': 11, 'gen_ai.usage.output_tokens': 3, 'steward.route': 'support' } });
        expect(spans[1]).toMatchObject({ status: { code: 'error' }, attributes: { 'error.type': 'UPSTREAM_ERROR' } });
        expect(spans[0].resourceAttributes['service.name']).toBe('steward');
      } finally {
        await exporting.close();
        await new Promise<void>((r) => collector.close(() => r()));
      }
    });
  });
}
