// The Vercel AI SDK 5's default OpenAI client, `createOpenAI({ baseURL, apiKey })(model)`, speaks the
// Responses API: generateText, streamText and a multi-step tool call (the SDK sends `item_reference`
// for the stored function_call and a function_call_output) work against Steward unchanged.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

for (const engine of ENGINES) {
  describe(`/v1/responses through the Vercel AI SDK's default OpenAI client (${engine.name})`, () => {
    let steward: TestSteward;
    let openai: StandIn;
    let provider: ReturnType<typeof createOpenAI>;

    beforeAll(async () => {
      openai = await startOpenAiStandIn();
      steward = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: openai.url, apiKey: 'sk-mock' }] } });
      const apiKey = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
      provider = createOpenAI({ baseURL: `${steward.url}/v1`, apiKey });
    });
    afterAll(async () => {
      await steward?.close();
      await openai?.close();
    });

    it('generateText answers from the builtin model and from an OpenAI-compatible upstream', async () => {
      for (const model of ['builtin/steward-mini', 'mock/gpt-4o-mini']) {
        const result = await generateText({ model: provider(model), prompt: 'Say hello', maxOutputTokens: 16 });
        expect(result.text.length).toBeGreaterThan(0);
        expect(result.usage.totalTokens).toBeGreaterThan(0);
        expect(result.response.id).toMatch(/^resp_/);
        expect(['stop', 'length']).toContain(result.finishReason);
      }
    });

    it('streamText streams text deltas that add up to the final text', async () => {
      const result = streamText({ model: provider('mock/gpt-4o-mini'), prompt: 'Say hello' });
      let streamed = '';
      for await (const delta of result.textStream) streamed += delta;
      expect(streamed.length).toBeGreaterThan(0);
      expect(await result.text).toBe(streamed);
      expect(await result.finishReason).toBe('stop');
    });

    it('runs a tool: the call, the tool result sent back by item_reference and function_call_output', async () => {
      const calls: unknown[] = [];
      const before = openai.requests.length;
      const result = await generateText({
        model: provider('mock/gpt-4o-mini'),
        prompt: 'What is the weather in Boston?',
        tools: {
          get_current_weather: tool({
            description: 'Weather in a city',
            inputSchema: z.object({ location: z.string() }),
            execute: async (input) => {
              calls.push(input);
              return { temperature: '22C' };
            },
          }),
        },
        stopWhen: stepCountIs(2),
      });
      // The stand-in answers every request that has tools with its recorded call: one call per step.
      expect(calls).toEqual([{ location: 'Boston, MA' }, { location: 'Boston, MA' }]);
      expect(result.steps.length).toBe(2);
      expect(result.steps[0].toolCalls[0]).toMatchObject({ toolName: 'get_current_weather' });
      // The second step's upstream request carries the stored call and its output as chat messages.
      const second = openai.requests.slice(before)[1]?.body as { messages: { role: string; tool_call_id?: string; tool_calls?: { id: string }[]; content?: unknown }[] };
      const assistant = second.messages.find((m) => m.role === 'assistant');
      const toolMessage = second.messages.find((m) => m.role === 'tool');
      expect(assistant?.tool_calls?.[0].id).toBe(toolMessage?.tool_call_id);
      expect(String(toolMessage?.content)).toContain('22C');
    });
  });
}
