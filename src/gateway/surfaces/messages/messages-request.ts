// The body of POST /v1/messages (Anthropic's Messages API), validated. Blocks keep fields Steward
// does not read (cache_control, citations) so an Anthropic upstream receives them as sent; a block
// type Steward does not know is refused by name before validation (see unknownBlockType).
import { z } from 'zod';

const TextBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const ImageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.union([
    z.looseObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
    z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  ]),
});
const DocumentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.union([
    z.looseObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
    z.looseObject({ type: z.literal('text'), media_type: z.string().optional(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  ]),
  title: z.string().nullable().optional(),
});
const ToolUseBlock = z.looseObject({ type: z.literal('tool_use'), id: z.string().min(1), name: z.string().min(1), input: z.record(z.string(), z.unknown()) });
const ToolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [TextBlock, ImageBlock, DocumentBlock]))]).optional(),
  is_error: z.boolean().optional(),
});
const ThinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() });
const RedactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

export const ContentBlockSchema = z.discriminatedUnion('type', [TextBlock, ImageBlock, DocumentBlock, ToolUseBlock, ToolResultBlock, ThinkingBlock, RedactedThinkingBlock]);
export type ContentBlock = z.infer<typeof ContentBlockSchema>;
export type ToolResultContentBlock = z.infer<typeof TextBlock> | z.infer<typeof ImageBlock> | z.infer<typeof DocumentBlock>;

/** The block types Steward knows; any other is a 400 naming it. */
export const KNOWN_BLOCK_TYPES: readonly string[] = ['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'];

const MessageParam = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(ContentBlockSchema)]),
});
export type MessageParam = z.infer<typeof MessageParam>;

const Tool = z.looseObject({
  type: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
});

const ToolChoice = z.union([
  z.looseObject({ type: z.enum(['auto', 'any', 'none']), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), disable_parallel_tool_use: z.boolean().optional() }),
]);

const Thinking = z.union([
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1) }),
  z.looseObject({ type: z.literal('disabled') }),
]);

/** Fields the translation to chat maps; any other field set is honoured by Anthropic upstreams only. */
export const TRANSLATED_FIELDS: readonly string[] = [
  'model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'stream',
  // Steward's own: the variables of a route's prompt, as on chat completions (never sent to Anthropic).
  'variables',
];

const MessagesRequestFields = z.object({
  model: z.string().min(1),
  max_tokens: z.number({ error: (issue) => (issue.input === undefined ? 'Field required' : 'Input should be a valid integer') }).int().min(1),
  messages: z.array(MessageParam).min(1),
  system: z.union([z.string(), z.array(TextBlock)]).optional(),
  tools: z.array(Tool).optional(),
  tool_choice: ToolChoice.optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  metadata: z.looseObject({ user_id: z.string().max(256).nullable().optional() }).optional(),
  thinking: Thinking.optional(),
  stream: z.boolean().optional(),
});
/** Unknown top-level fields are kept: an Anthropic upstream receives them; other families refuse them by name. */
export const MessagesRequestSchema = MessagesRequestFields.loose();
export type MessagesRequest = z.infer<typeof MessagesRequestFields> & Record<string, unknown>;

/** count_tokens takes the same body less the generation settings (max_tokens is not required). */
export const CountTokensRequestSchema = MessagesRequestFields.omit({ max_tokens: true, stream: true }).loose();
export type CountTokensRequest = z.infer<typeof CountTokensRequestSchema>;

/** The path and type of the first block whose type Steward does not know, if any. */
export function unknownBlockType(body: unknown): { path: string; type: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const check = (blocks: unknown, path: string): { path: string; type: string } | undefined => {
    if (!Array.isArray(blocks)) return undefined;
    for (const [i, block] of blocks.entries()) {
      const type = typeof block === 'object' && block !== null ? (block as { type?: unknown }).type : undefined;
      if (typeof type === 'string' && !KNOWN_BLOCK_TYPES.includes(type)) return { path: `${path}.${i}`, type };
      if (type === 'tool_result') {
        const inner = check((block as { content?: unknown }).content, `${path}.${i}.content`);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return undefined;
  for (const [i, message] of messages.entries()) {
    const found = check(typeof message === 'object' && message !== null ? (message as { content?: unknown }).content : undefined, `messages.${i}.content`);
    if (found) return found;
  }
  return undefined;
}
