// The item of a dataset: an example (input, optional reference) or a preference pair (input, chosen,
// rejected), both with split, metadata and provenance. One schema validates stored and imported items.
import { z } from 'zod';
import { StewardError } from '../errors/index.js';
import { type ChatMessage, ChatMessageSchema } from '../providers/spec/index.js';
import { MAX_ITEM_DEPTH, nestsDeeperThan } from './import/item-depth.js';

export const DATASET_SPLITS = ['train', 'validation', 'test'] as const;
export type DatasetSplit = (typeof DATASET_SPLITS)[number];

export const DATASET_ITEM_KINDS = ['example', 'preference'] as const;
export type DatasetItemKind = (typeof DATASET_ITEM_KINDS)[number];

/** Where an item came from: the record that lets a dataset version answer "may we use this, and why is it here". */
export const ProvenanceSchema = z.object({
  /** Free-form origin, e.g. `traces`, `feedback`, `import:support-tickets.jsonl`, `synthetic`. */
  source: z.string().min(1).optional(),
  licence: z.string().min(1).optional(),
  /** `true`/`false`, or a consent basis such as `opt-in`. */
  consent: z.union([z.boolean(), z.string().min(1)]).optional(),
  /** ISO 8601 timestamp. */
  collectedAt: z.iso.datetime({ offset: true }).optional(),
  traceId: z.string().min(1).optional(),
  feedbackId: z.string().min(1).optional(),
  /** The annotation (in an annotation queue) the item was curated from. */
  annotationId: z.string().min(1).optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A prompt: plain text or OpenAI chat messages. */
export const ItemInputSchema = z.union([z.string(), z.array(ChatMessageSchema).min(1)]);
export type ItemInput = z.infer<typeof ItemInputSchema>;

/**
 * A passage for retrieval-augmented generation: its text, and the id the retriever knows it by
 * (ids let the retrieval metrics compare rankings without a judge). A bare string is a passage
 * without id.
 */
export const ContextPassageSchema = z.union([z.string(), z.object({ id: z.string().min(1).optional(), text: z.string() })]);
export type ContextPassage = z.infer<typeof ContextPassageSchema>;

const common = {
  id: z.string().min(1).optional(),
  /** Retrieved passages, best-ranked first (what the RAG system put into the prompt). */
  contexts: z.array(ContextPassageSchema).optional(),
  /**
   * The passages that should have been retrieved (the ground truth for context precision and
   * recall). Named as RAGAS names it, so RAGAS-style rows import as they are.
   */
  reference_contexts: z.array(ContextPassageSchema).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  split: z.enum(DATASET_SPLITS).optional(),
  provenance: ProvenanceSchema.optional(),
};

export const ExampleItemSchema = z.object({
  kind: z.literal('example'),
  input: ItemInputSchema,
  /** The expected output (an answer, a label, a target completion). */
  reference: z.string().optional(),
  ...common,
});
/** An input with an optional reference: used for evaluation and supervised fine-tuning. */
export type ExampleItem = z.infer<typeof ExampleItemSchema>;

export const PreferenceItemSchema = z.object({
  kind: z.literal('preference'),
  input: ItemInputSchema,
  chosen: z.string(),
  rejected: z.string(),
  ...common,
});
/**
 * A preference pair for preference tuning (DPO and kin). The prompt is `input`, like an example's,
 * so every helper that reads an item's prompt works on both kinds.
 */
export type PreferenceItem = z.infer<typeof PreferenceItemSchema>;

export const DatasetItemSchema = z.discriminatedUnion('kind', [ExampleItemSchema, PreferenceItemSchema]);
export type DatasetItem = z.infer<typeof DatasetItemSchema>;

/**
 * Validates an item, accepting a missing `kind` (an item with `chosen` and `rejected` is a
 * preference, anything else an example) so that plain JSONL rows import as they are.
 *
 * @throws StewardError `DATASET_ITEM_INVALID` with zod's issues in `details`; `DATASET_ITEM_TOO_DEEP`
 *   (checked first, without recursion) when it nests deeper than {@link MAX_ITEM_DEPTH} levels.
 */
export function parseDatasetItem(value: unknown): DatasetItem {
  if (nestsDeeperThan(value, MAX_ITEM_DEPTH)) {
    throw new StewardError({ code: 'DATASET_ITEM_TOO_DEEP', message: `Dataset item is not valid: it nests objects or arrays more than ${MAX_ITEM_DEPTH} levels deep`, details: { maxDepth: MAX_ITEM_DEPTH } });
  }
  let candidate = value;
  if (candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate) && !('kind' in candidate)) {
    const kind: DatasetItemKind = 'chosen' in candidate && 'rejected' in candidate ? 'preference' : 'example';
    candidate = { ...candidate, kind };
  }
  const parsed = DatasetItemSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new StewardError({
      code: 'DATASET_ITEM_INVALID',
      message: `Dataset item is not valid: ${z.prettifyError(parsed.error)}`,
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

/** The text of one chat message: its string content, or its text parts joined by newlines. */
export function messageText(message: ChatMessage): string {
  const content = message.content;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const part of content) if (part.type === 'text') texts.push(part.text);
  return texts.join('\n');
}

/**
 * The whole prompt as one text: the string itself, or each message as `role: text` on its own lines.
 * Use it for hashing, duplicate detection and length statistics.
 */
export function inputText(input: ItemInput): string {
  if (typeof input === 'string') return input;
  return input.map((message) => `${message.role}: ${messageText(message)}`).join('\n');
}

/** The text a user typed last: the string itself, or the last user message's text. */
export function lastUserText(input: ItemInput): string {
  if (typeof input === 'string') return input;
  for (let i = input.length - 1; i >= 0; i--) {
    const message = input[i];
    if (message.role === 'user') return messageText(message);
  }
  return '';
}

/**
 * Applies `transform` to the user's words only: the string itself, or the text (string content or
 * text parts) of every user message. System prompts, assistant turns and images are left alone.
 */
export function mapUserText(input: ItemInput, transform: (text: string) => string): ItemInput {
  if (typeof input === 'string') return transform(input);
  return input.map((message): ChatMessage => {
    if (message.role !== 'user') return message;
    if (typeof message.content === 'string') return { ...message, content: transform(message.content) };
    return {
      ...message,
      content: message.content.map((part) => (part.type === 'text' ? { ...part, text: transform(part.text) } : part)),
    };
  });
}

/** The text a model should produce for an item: an example's reference or a preference's chosen answer. */
export function targetText(item: DatasetItem): string | undefined {
  return item.kind === 'example' ? item.reference : item.chosen;
}

/** A passage as `{ id?, text }`, whether it was written as a string or an object. */
export function passageOf(passage: ContextPassage): { id?: string; text: string } {
  return typeof passage === 'string' ? { text: passage } : passage;
}

/** Every reference of an item: `reference`, then any strings in `metadata.references`. */
export function referencesOf(item: DatasetItem): string[] {
  const references: string[] = [];
  const main = targetText(item);
  if (main !== undefined) references.push(main);
  const extra = item.metadata?.references;
  if (Array.isArray(extra)) for (const value of extra) if (typeof value === 'string') references.push(value);
  return references;
}
