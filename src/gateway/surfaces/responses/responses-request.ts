// The body of POST /v1/responses (OpenAI's Responses API), validated. Unknown fields are kept so a
// native /responses upstream receives them as they came; the translation refuses what it cannot map.
import { z } from 'zod';
import { PromptVariablesSchema } from '../../../providers/spec/index.js';

const InputTextPart = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const InputImagePart = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullable().optional(),
  file_id: z.string().min(1).nullable().optional(),
  detail: z.enum(['auto', 'low', 'high']).optional(),
});
const InputFilePart = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().min(1).optional(),
  file_id: z.string().min(1).nullable().optional(),
  file_url: z.string().min(1).optional(),
  filename: z.string().optional(),
});
const OutputTextPart = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const RefusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

export const InputContentPartSchema = z.discriminatedUnion('type', [InputTextPart, InputImagePart, InputFilePart, OutputTextPart, RefusalPart]);
export type InputContentPart = z.infer<typeof InputContentPartSchema>;

const MessageItem = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(InputContentPartSchema)]),
  status: z.string().optional(),
});
const FunctionCallItem = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().optional(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  status: z.string().optional(),
});
const FunctionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  id: z.string().nullable().optional(),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(InputContentPartSchema)]),
  status: z.string().nullable().optional(),
});
const ItemReference = z.looseObject({ type: z.literal('item_reference'), id: z.string().min(1) });

/** The item types Steward knows; any other `type` is refused by name (see {@link parseInputItem}). */
export const KNOWN_ITEM_TYPES = ['message', 'function_call', 'function_call_output', 'item_reference'] as const;

export type MessageInputItem = z.infer<typeof MessageItem>;
export type FunctionCallInputItem = z.infer<typeof FunctionCallItem>;
export type FunctionCallOutputInputItem = z.infer<typeof FunctionCallOutputItem>;
export type ItemReferenceInputItem = z.infer<typeof ItemReference>;
export type InputItem = MessageInputItem | FunctionCallInputItem | FunctionCallOutputInputItem | ItemReferenceInputItem;

/** Validates one input item: a message (with or without `type`), a function call, its output or a reference. */
export function inputItemSchemaFor(value: unknown): z.ZodType<InputItem> | undefined {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type === undefined || type === 'message') return MessageItem;
  if (type === 'function_call') return FunctionCallItem;
  if (type === 'function_call_output') return FunctionCallOutputItem;
  if (type === 'item_reference') return ItemReference;
  return undefined;
}

const InputItemSchema = z.unknown().superRefine((value, ctx) => {
  const schema = inputItemSchemaFor(value);
  if (!schema) {
    const type = (value as { type?: unknown } | null)?.type;
    ctx.addIssue({ code: 'custom', message: `unknown input item type ${JSON.stringify(type)}; known types: ${KNOWN_ITEM_TYPES.join(', ')}` });
    return;
  }
  const result = schema.safeParse(value);
  if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

export const FunctionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable().optional(),
});
export type FunctionTool = z.infer<typeof FunctionToolSchema>;
/** Any tool: function tools (checked in full) are translated; built-in tools (web_search, …) need a native upstream. */
const ToolSchema = z.looseObject({ type: z.string().min(1) }).superRefine((tool, ctx) => {
  if (tool.type !== 'function') return;
  const result = FunctionToolSchema.safeParse(tool);
  if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

const ToolChoiceSchema = z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string().min(1), name: z.string().optional() })]);

export const TextFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullable().optional(),
  }),
]);
export type TextFormat = z.infer<typeof TextFormatSchema>;

const ResponsesRequestFields = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(InputItemSchema)]).optional(),
  instructions: z.string().nullable().optional(),
  tools: z.array(ToolSchema).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  text: z.looseObject({ format: TextFormatSchema.optional(), verbosity: z.enum(['low', 'medium', 'high']).nullable().optional() }).nullable().optional(),
  reasoning: z.looseObject({ effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullable().optional(), summary: z.string().nullable().optional() }).nullable().optional(),
  max_output_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().gt(0).max(1).nullable().optional(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullable().optional(),
  user: z.string().max(256).optional(),
  safety_identifier: z.string().max(64).optional(),
  store: z.boolean().nullable().optional(),
  previous_response_id: z.string().min(1).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  truncation: z.enum(['auto', 'disabled']).nullable().optional(),
  /** Steward's: the variables of a route's bound prompt (rendered by the gateway, never sent upstream). */
  variables: PromptVariablesSchema.optional(),
});

export const ResponsesRequestSchema = ResponsesRequestFields.loose();

/** Fields of a request this version does not name (set to something): a native upstream gets them, a translation refuses them. */
export function unknownResponsesFields(request: ResponsesRequest): string[] {
  const known = ResponsesRequestFields.shape;
  return Object.entries(request)
    .filter(([key, value]) => !(key in known) && value !== undefined && value !== null && value !== false)
    .map(([key]) => key);
}
/** A parsed Responses request; `input` items are checked item by item (see {@link inputItemSchemaFor}). */
export type ResponsesRequest = Omit<z.infer<typeof ResponsesRequestFields>, 'input'> & { input?: string | InputItem[] };
