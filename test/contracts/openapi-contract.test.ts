// What an SDK generator reads from /openapi.json: every management body typed (free-form only
// where a user defines the content, each place listed below), every /api operation documenting
// its success and its errors, and errors carrying the catalogue's codes.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/errors/error-catalogue.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type OpenApiDocument, freeFormPlaces } from './free-form-places.js';

/**
 * The only free-form places of the management API: user metadata, JSON passed through as it was
 * sent or stored, and values whose shape is another party's (an upstream's request, a metric's details).
 */
const ALLOWED_FREE_FORM = new Set([
  // error details depend on the code (validation issues, the bad field, closest names)
  'ManagementError.error.details',
  // traces keep the request and response bodies exactly as sent and received
  'Trace.request',
  'Trace.response',
  // training event data as the backend reported it
  'TrainingJobEvent.data',
  // a structured diff of two route revisions holds whatever JSON the config has at a path
  'RouteDiff.changes[].before',
  'RouteDiff.changes[].after',
  // audit rows snapshot whatever resource changed
  'AuditEntry.before',
  'AuditEntry.after',
  // OpenTelemetry span attributes as the instrumented application set them
  'SpanNode.attributes',
  // an annotation queue shows the traced request and response as they were sent and received
  'AnnotationQueueItem.request',
  'AnnotationQueueItem.response',
  // the steward.yaml document as written (x- annotations anywhere), checked by the service with
  // DECLARATIVE_INVALID naming each bad field; its shape is the DeclarativeDocument export answers with
  'POST /api/apply body.document',
  // the json_schema metric's JSON Schema is the user's own document
  'MetricConfig.schema',
  // what each metric reports about an item (a judge's reasoning, corpus statistics) is the metric's own
  'MetricResult.details.*',
  // a dataset item's metadata is the user's own
  'ExampleItem.metadata',
  'PreferenceItem.metadata',
  'DatasetItemRow.metadata',
]);


/** Streamed downloads: their body is a file (JSON lines, CSV), described in the summary; errors are documented. */
const STREAMED = new Set(['GET /api/audit/export', 'GET /api/datasets/{name}/versions/{version}/export']);

for (const engine of ENGINES.slice(0, 1)) {
  describe(`the /openapi.json contract (${engine.name})`, () => {
    let s: TestSteward;
    let doc: OpenApiDocument;
    beforeAll(async () => {
      s = await startTestSteward(engine);
      doc = (await s.api('GET', '/openapi.json', { key: null })).body as unknown as OpenApiDocument;
    });
    afterAll(async () => {
      await s?.close();
    });

    it('has no free-form request or response body outside the allow-list of user-defined fields', () => {
      const places = freeFormPlaces(doc, (path) => path.startsWith('/api/'));
      if (process.env.STEWARD_CONTRACT_PLACES) writeFileSync(process.env.STEWARD_CONTRACT_PLACES, [...places.keys()].sort().join('\n'));
      const unexpected = [...places.keys()].filter((place) => !ALLOWED_FREE_FORM.has(place)).map((place) => `${place} (${places.get(place)?.slice(0, 2).join(', ')})`);
      expect(unexpected).toEqual([]);
    });

    it('documents the success and the error responses of every /api operation', () => {
      const missing: string[] = [];
      for (const [path, item] of Object.entries(doc.paths)) {
        if (!path.startsWith('/api/')) continue;
        for (const [method, operation] of Object.entries(item)) {
          const statuses = Object.keys(operation.responses ?? {});
          if (!STREAMED.has(`${method.toUpperCase()} ${path}`) && !statuses.some((status) => /^2\d\d$/.test(status))) missing.push(`${method.toUpperCase()} ${path}: no success response`);
          const errors = statuses.filter((status) => /^[45]\d\d$/.test(status));
          // The dataset export's handler sends a stream, which the typed reply of its errors would refuse.
          if (errors.length === 0 && `${method.toUpperCase()} ${path}` !== 'GET /api/datasets/{name}/versions/{version}/export') missing.push(`${method.toUpperCase()} ${path}: no error response`);
          for (const status of errors) {
            const ref = JSON.stringify(operation.responses?.[status]);
            if (!ref.includes('#/components/schemas/ManagementError')) missing.push(`${method.toUpperCase()} ${path}: ${status} is not the management error`);
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it('gives errors the catalogue codes, and records names an SDK can use as types', () => {
      const error = doc.components.schemas.ManagementError as { properties: { error: { properties: { code: { enum: string[] } } } } };
      expect(error.properties.error.properties.code.enum.sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
      for (const name of ['Trace', 'Feedback', 'TrainingJob', 'TrainingJobEvent', 'Pipeline', 'PipelineRun', 'AlertRule', 'AlertEvent', 'Silence', 'DriftMonitor', 'DriftResult', 'Route', 'RouteConfig', 'RouteRevision', 'RouteDiff', 'Provider', 'AuditEntry']) {
        expect(doc.components.schemas, name).toHaveProperty(name);
      }
    });
  });
}
