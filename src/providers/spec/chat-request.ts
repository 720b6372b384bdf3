// The canonical chat request: OpenAI's wire format, validated. Every provider translates from it,
// and the gateway validates incoming bodies with the same schema, so types and checks share one source.
import { z } from 'zod';

export const TextPartSchema = z.object({ type: z.literal('text'), text: z.string() });
export const ImagePartSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
export const InputAudioPartSchema = z.object({
  type: z.literal('input_audio'),
  input_audio: z.object({ data: z.string().min(1).describe('Base64-encoded audio'), format: z.enum(['wav', 'mp3']) }),
});
export const FilePartSchema = z.object({
  type: z.literal('file'),
  file: z
    .object({ file_data: z.string().min(1).optional().describe('A data URL or base64 content'), file_id: z.string().min(1).optional(), filename: z.string().optional() })
    .refine((f) => f.file_data !== undefined || f.file_id !== undefined, 'a file part needs file_data or file_id'),
});
export const ContentPartSchema = z.discriminatedUnion('type', [TextPartSchema, ImagePartSchema, InputAudioPartSchema, FilePartSchema]);
export type ContentPart = z.infer<typeof ContentPartSchema>;

export const ToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

const content = z.union([z.string(), z.array(ContentPartSchema)]);

export const ChatMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content, name: z.string().optional() }),
  z.object({ role: z.literal('user'), content, name: z.string().optional() }),
  z.object({
    role: z.literal('assistant'),
    content: content.nullable().optional(),
    name: z.string().optional(),
    tool_calls: z.array(ToolCallSchema).optional(),
    refusal: z.string().nullable().optional(),
  }),
  z.object({ role: z.literal('tool'), content, tool_call_id: z.string() }),
]);
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});
export type Tool = z.infer<typeof ToolSchema>;

export const ToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;

export const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);
export type ResponseFormat = z.infer<typeof ResponseFormatSchema>;

const stop = z.union([z.string(), z.array(z.string()).max(4)]).nullable().optional();

/** Sampling parameters shared by chat and text completions. */
export const SamplingSchema = z.object({
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().gt(0).max(1).nullable().optional(),
  /** Not in OpenAI's API; honoured by providers that have it (builtin, anthropic, gemini). */
  top_k: z.number().int().positive().nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  stop,
  seed: z.number().int().nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  user: z.string().max(256).optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() }).nullable().optional(),
});

const reasoningEffort = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/**
 * Fields of OpenAI's chat request that Steward itself does not interpret: OpenAI-compatible upstreams
 * receive them unchanged; other families map the ones with an equivalent and refuse the rest.
 */
const OpenAiPassThroughFields = {
  store: z.boolean().nullable().optional(),
  service_tier: z.string().nullable().optional(),
  reasoning_effort: reasoningEffort.nullable().optional(),
  verbosity: z.enum(['low', 'medium', 'high']).nullable().optional(),
  modalities: z.array(z.enum(['text', 'audio'])).nullable().optional(),
  audio: z.looseObject({ voice: z.union([z.string(), z.looseObject({ id: z.string() })]), format: z.string() }).nullable().optional(),
  prediction: z.looseObject({ type: z.literal('content'), content: z.union([z.string(), z.array(TextPartSchema)]) }).nullable().optional(),
  web_search_options: z.looseObject({}).nullable().optional(),
  prompt_cache_key: z.string().nullable().optional(),
  prompt_cache_retention: z.string().nullable().optional(),
  safety_identifier: z.string().max(64).nullable().optional(),
};

const ChatRequestFields = SamplingSchema.extend({
  model: z.string().min(1),
  messages: z.array(ChatMessageSchema).min(1),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  tools: z.array(ToolSchema).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: ResponseFormatSchema.optional(),
  logprobs: z.boolean().nullable().optional(),
  top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  logit_bias: z.record(z.string(), z.number()).nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  ...OpenAiPassThroughFields,
});
/** Fields this version does not know yet are kept, and reach OpenAI-compatible upstreams as they came. */
export const ChatRequestSchema = ChatRequestFields.loose();
/**
 * A chat completion request in OpenAI's wire format (`model` is the upstream's model id once routed).
 * The type names the known fields; a parsed request may carry more (see {@link unknownRequestFields}).
 */
export type ChatRequest = z.infer<typeof ChatRequestFields>;

/** Values of a route's prompt variables: JSON scalars (written as text when rendered). */
export const PromptVariablesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/**
 * A chat request as a client sends it to Steward: for a route bound to a prompt, `variables` (or
 * `metadata`) fill the prompt and `messages` may be left out; the gateway renders them before the call.
 */
export const ChatCallRequestSchema = ChatRequestFields.extend({ messages: z.array(ChatMessageSchema).optional(), variables: PromptVariablesSchema.optional() }).loose();
export type ChatCallRequest = Omit<ChatRequest, 'messages'> & { messages?: ChatRequest['messages']; variables?: z.infer<typeof PromptVariablesSchema> };

const CompletionRequestFields = SamplingSchema.extend({
  model: z.string().min(1),
  /** Text, texts, token ids, or lists of token ids, as OpenAI's API takes. */
  prompt: z.union([z.string(), z.array(z.string()).min(1), z.array(z.number().int().nonnegative()).min(1), z.array(z.array(z.number().int().nonnegative()).min(1)).min(1)]),
  echo: z.boolean().nullable().optional(),
  suffix: z.string().nullable().optional(),
  logprobs: z.number().int().min(0).max(5).nullable().optional(),
  best_of: z.number().int().min(1).max(20).nullable().optional(),
  logit_bias: z.record(z.string(), z.number()).nullable().optional(),
});
export const CompletionRequestSchema = CompletionRequestFields.loose();
/** A legacy text completion request in OpenAI's wire format (unknown fields kept, as for chat). */
export type CompletionRequest = z.infer<typeof CompletionRequestFields>;

/** How many prompts a completion request holds: a list of token ids is one prompt, a list of lists is several. */
export function completionPromptCount(prompt: CompletionRequest['prompt']): number {
  if (typeof prompt === 'string') return 1;
  return typeof prompt[0] === 'number' ? 1 : prompt.length;
}

/** The fields of a parsed request that its schema does not name: what a pass-through upstream gets unchanged. */
export function unknownRequestFields(request: ChatRequest | CompletionRequest, kind: 'chat' | 'completion'): string[] {
  const known = (kind === 'chat' ? ChatRequestFields : CompletionRequestFields).shape;
  return Object.keys(request).filter((key) => !(key in known) && (request as Record<string, unknown>)[key] !== undefined);
}

export const EmbeddingRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1), z.array(z.number().int()), z.array(z.array(z.number().int()))]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});
export type EmbeddingRequest = z.infer<typeof EmbeddingRequestSchema>;
