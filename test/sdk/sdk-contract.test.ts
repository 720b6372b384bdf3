// The SDK is generated from the contract, never edited by hand: the types, the document and the
// error codes committed in packages/sdk must be what a running Steward's /openapi.json gives today,
// so a field added, renamed or dropped on the server without `npm run sdk:generate` fails here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES_PATH, OPENAPI_PATH, TYPES_PATH, renderErrorCodes, renderOpenApiJson, renderOpenApiTypes } from '../../scripts/sdk-contract.js';
import { type StewardChild, startStewardChild } from '../harness/steward-child.js';

const HINT = 'the SDK is out of date with the server: run `npm run sdk:generate` and commit packages/sdk';

describe('@steward/sdk against the running /openapi.json', () => {
  let steward: StewardChild;
  let dataDir: string;
  let served: Parameters<typeof renderOpenApiTypes>[0];
  beforeAll(async () => {
    // A Steward of its own process, as a client meets it: zod keeps its schema registry on
    // globalThis, so schemas of earlier test files run in this worker would change the document.
    dataDir = mkdtempSync(join(tmpdir(), 'steward-sdk-contract-'));
    steward = await startStewardChild({ overrides: { dataDir, 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    const response = await fetch(`${steward.url}/openapi.json`);
    expect(response.status).toBe(200);
    served = (await response.json()) as typeof served;
  });
  afterAll(async () => {
    await steward?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('commits the document the server serves', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8'), HINT).toBe(renderOpenApiJson(served));
  });

  it('commits the types generated from it: a drifted field fails', async () => {
    const committed = readFileSync(TYPES_PATH, 'utf8');
    const regenerated = await renderOpenApiTypes(served);
    expect(committed === regenerated, HINT).toBe(true);
    // The comparison can fail: a field renamed on the server changes the generated types.
    const drifted = structuredClone(served) as { paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }> };
    const feedback = drifted.paths['/api/feedback'].post.requestBody.content['application/json'].schema.properties;
    feedback.trace_id = feedback.traceId;
    delete feedback.traceId;
    expect(await renderOpenApiTypes(drifted as typeof served)).not.toBe(committed);
  });

  it('commits every code of the error catalogue', () => {
    expect(readFileSync(ERROR_CODES_PATH, 'utf8'), HINT).toBe(renderErrorCodes());
  });

  it('covers every management area and the /v1 extras', () => {
    const types = readFileSync(TYPES_PATH, 'utf8');
    const paths = Object.keys((served as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/api/traces', '/api/feedback', '/api/datasets', '/api/evals/runs', '/api/models', '/api/prompts', '/api/routes', '/api/rollouts',
      '/api/experiments', '/api/training/jobs', '/api/pipelines', '/api/metrics/timeseries', '/api/alerts/rules', '/api/drift/monitors',
      '/api/annotation/queues', '/api/keys', '/api/projects', '/api/audit', '/api/providers', '/api/secrets', '/api/limits/routes/{name}',
      '/v1/chat/completions', '/v1/responses', '/v1/messages', '/v1/batches', '/v1/files', '/v1/models',
    ]) {
      expect(paths, path).toContain(path);
      expect(types, path).toContain(`"${path}": {`);
    }
  });
});
