// A stand-in for the models a metric calls (the model under test, a judge, an embedder) in unit
// tests: each is a plain function the test supplies.
import { inputText, type ItemInput } from '../../../datasets/dataset-item.js';
import type { ChatCompletion, ChatRequest } from '../../../providers/spec/index.js';
import type { DatasetItem } from '../../../datasets/dataset-item.js';
import type { MetricContext, MetricServices } from '../eval-metric.js';

export interface FakeServicesOptions {
  /** The judge's answer text for a request. */
  judge?: (request: ChatRequest) => string;
  embed?: (texts: string[]) => number[][];
  /** The model under test: answer for an input. */
  model?: (input: string) => string;
}

export interface FakeServices extends MetricServices {
  chatRequests: ChatRequest[];
  generatedInputs: string[];
}

export function fakeServices(options: FakeServicesOptions = {}): FakeServices {
  const chatRequests: ChatRequest[] = [];
  const generatedInputs: string[] = [];
  return {
    chatRequests,
    generatedInputs,
    async chat(request): Promise<ChatCompletion> {
      chatRequests.push(request);
      const content = options.judge?.(request) ?? '';
      return {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      };
    },
    async embed(texts) {
      if (options.embed === undefined) throw new Error('no embedder in this test');
      return options.embed(texts);
    },
    async generate(input: ItemInput) {
      const text = inputText(input);
      generatedInputs.push(text);
      if (options.model === undefined) throw new Error('no model under test in this test');
      return { output: options.model(text), latencyMs: 1 };
    },
  };
}

/** A context for an example item with the given output. */
export function contextFor(
  output: string,
  item: Partial<Omit<DatasetItem, 'kind'>> & { reference?: string },
  services: MetricServices = fakeServices(),
): MetricContext {
  return { item: { kind: 'example', input: 'question', ...item } as DatasetItem, output, services };
}
