// A Steward server with two OpenAI stand-ins (`mock` and `backup`) configured as providers, and an
// official OpenAI client pointed at it: what every gateway test starts from.
import OpenAI from 'openai';
import type { TestEngine } from '../harness/engines.js';
import { type TestSteward, type TestStewardOptions, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

export interface GatewayFixture {
  steward: TestSteward;
  mock: StandIn;
  backup: StandIn;
  /** An official OpenAI client with a service key, retries off. */
  client: OpenAI;
  serviceKey: string;
  close(): Promise<void>;
}

export async function startGatewayFixture(engine: TestEngine, options: TestStewardOptions & { gateway?: Record<string, unknown> } = {}): Promise<GatewayFixture> {
  const mock = await startOpenAiStandIn({ apiKey: 'sk-mock' });
  const backup = await startOpenAiStandIn();
  const steward = await startTestSteward(engine, {
    ...options,
    overrides: {
      providers: [
        { name: 'mock', family: 'openai', baseUrl: mock.url, apiKey: 'sk-mock', timeouts: { requestMs: 2_000, streamIdleMs: 2_000 } },
        { name: 'backup', family: 'openai', baseUrl: backup.url },
      ],
      gateway: { retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 20 }, traces: { flushMs: 20 }, ...options.gateway },
      ...options.overrides,
    },
  });
  const created = await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } });
  const serviceKey = String(created.body.key);
  const client = new OpenAI({ apiKey: serviceKey, baseURL: `${steward.url}/v1`, maxRetries: 0, timeout: 10_000 });
  return {
    steward,
    mock,
    backup,
    client,
    serviceKey,
    async close() {
      await steward.close();
      await mock.close();
      await backup.close();
    },
  };
}
