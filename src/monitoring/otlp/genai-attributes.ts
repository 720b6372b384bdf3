// Maps LLM span attributes of the three conventions in use to Steward's trace fields:
// OpenTelemetry GenAI semantic conventions (gen_ai.*), OpenInference (llm.*, Arize Phoenix) and
// OpenLLMetry (llm.usage.*, llm.request.type, Traceloop). GenAI names win when several are present.
import type { AttributeValue, Attributes } from './otlp-span.js';

export const GENAI_OPERATIONS = ['chat', 'text_completion', 'embeddings', 'generate_content', 'execute_tool', 'create_agent', 'invoke_agent', 'other'] as const;
export type GenAiOperation = (typeof GENAI_OPERATIONS)[number];

/** The Steward trace fields found on a span; absent ones are undefined. */
export interface GenAiFields {
  /** Provider: gen_ai.provider.name, gen_ai.system, llm.provider, llm.system. */
  provider?: string;
  /** Requested model, falling back to the model that answered. */
  model?: string;
  responseModel?: string;
  operation?: GenAiOperation;
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  temperature?: number;
  maxTokens?: number;
  finishReasons?: string[];
  responseId?: string;
}

const PROVIDER_KEYS = ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system'];
const MODEL_KEYS = ['gen_ai.request.model', 'llm.request.model', 'llm.model_name'];
const RESPONSE_MODEL_KEYS = ['gen_ai.response.model', 'llm.response.model'];
const INPUT_TOKEN_KEYS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt', 'llm.usage.prompt_tokens'];
const OUTPUT_TOKEN_KEYS = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion', 'llm.usage.completion_tokens'];
const TOTAL_TOKEN_KEYS = ['gen_ai.usage.total_tokens', 'llm.token_count.total', 'llm.usage.total_tokens'];
const TEMPERATURE_KEYS = ['gen_ai.request.temperature', 'llm.request.temperature', 'llm.temperature'];
const MAX_TOKENS_KEYS = ['gen_ai.request.max_tokens', 'llm.request.max_tokens'];
const FINISH_REASON_KEYS = ['gen_ai.response.finish_reasons', 'llm.response.finish_reason'];

/** OpenLLMetry `llm.request.type` and OpenInference `openinference.span.kind` → GenAI operation. */
const OPERATION_ALIASES: Record<string, GenAiOperation> = {
  chat: 'chat',
  completion: 'text_completion',
  text_completion: 'text_completion',
  embedding: 'embeddings',
  embeddings: 'embeddings',
  generate_content: 'generate_content',
  execute_tool: 'execute_tool',
  create_agent: 'create_agent',
  invoke_agent: 'invoke_agent',
  llm: 'chat',
  tool: 'execute_tool',
  agent: 'invoke_agent',
  rerank: 'other',
};

function first(attributes: Attributes, keys: readonly string[]): AttributeValue | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function asString(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function asCount(value: AttributeValue | undefined): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function asNumber(value: AttributeValue | undefined): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads GenAI fields from span attributes (resource attributes may be merged in by the caller).
 *
 * @example
 * mapGenAiAttributes({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12 });
 * // { model: 'gpt-4o', inputTokens: 12 }
 */
export function mapGenAiAttributes(attributes: Attributes): GenAiFields {
  const fields: GenAiFields = {};
  const provider = asString(first(attributes, PROVIDER_KEYS));
  if (provider) fields.provider = provider.toLowerCase();
  const responseModel = asString(first(attributes, RESPONSE_MODEL_KEYS));
  const model = asString(first(attributes, MODEL_KEYS)) ?? responseModel;
  if (model) fields.model = model;
  if (responseModel) fields.responseModel = responseModel;
  const operationName = asString(first(attributes, ['gen_ai.operation.name', 'llm.request.type', 'openinference.span.kind']));
  if (operationName) fields.operation = OPERATION_ALIASES[operationName.toLowerCase()] ?? 'other';
  const input = asCount(first(attributes, INPUT_TOKEN_KEYS));
  const output = asCount(first(attributes, OUTPUT_TOKEN_KEYS));
  const total = asCount(first(attributes, TOTAL_TOKEN_KEYS));
  if (input !== undefined) fields.inputTokens = input;
  if (output !== undefined) fields.outputTokens = output;
  if (total !== undefined) fields.totalTokens = total;
  else if (input !== undefined && output !== undefined) fields.totalTokens = input + output;
  const temperature = asNumber(first(attributes, TEMPERATURE_KEYS));
  if (temperature !== undefined) fields.temperature = temperature;
  const maxTokens = asCount(first(attributes, MAX_TOKENS_KEYS));
  if (maxTokens !== undefined) fields.maxTokens = maxTokens;
  const finish = first(attributes, FINISH_REASON_KEYS);
  if (Array.isArray(finish)) fields.finishReasons = finish.filter((f): f is string => typeof f === 'string');
  else if (typeof finish === 'string') fields.finishReasons = [finish];
  const responseId = asString(first(attributes, ['gen_ai.response.id']));
  if (responseId) fields.responseId = responseId;
  return fields;
}

/** Whether a span carries LLM information under any of the known conventions. */
export function isGenAiSpan(attributes: Attributes): boolean {
  return Object.keys(attributes).some((k) => k.startsWith('gen_ai.') || k.startsWith('llm.') || k === 'openinference.span.kind');
}
