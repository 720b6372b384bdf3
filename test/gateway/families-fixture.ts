// A Steward server with one provider of each upstream family — an OpenAI-compatible stand-in (`mock`),
// Anthropic (`claude`) and Gemini (`gemini`) — beside the builtin model, and a service key: what the
// wire-contract tests send the same request through.
import type { TestEngine } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startAnthropicStandIn, startGeminiStandIn, startOpenAiStandIn } from '../stand-ins/index.js';

export interface FamiliesFixture {
  steward: TestSteward;
  openai: StandIn;
  anthropic: StandIn;
  gemini: StandIn;
  serviceKey: string;
  /** POSTs JSON to the server with the service key. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startFamiliesFixture(engine: TestEngine, gateway: Record<string, unknown> = {}): Promise<FamiliesFixture> {
  const [openai, anthropic, gemini] = await Promise.all([startOpenAiStandIn(), startAnthropicStandIn(), startGeminiStandIn()]);
  const steward = await startTestSteward(engine, {
    overrides: {
      providers: [
        { name: 'mock', family: 'openai', baseUrl: openai.url },
        { name: 'claude', family: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-ant-test' },
        { name: 'gemini', family: 'gemini', baseUrl: gemini.url, apiKey: 'gm-test' },
      ],
      gateway,
    },
  });
  const serviceKey = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
  return {
    steward,
    openai,
    anthropic,
    gemini,
    serviceKey,
    post: (path, body, headers = {}) =>
      fetch(`${steward.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    async close() {
      await steward.close();
      await Promise.all([openai, anthropic, gemini].map((s) => s.close()));
    },
  };
}
