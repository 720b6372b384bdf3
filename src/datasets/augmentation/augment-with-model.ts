// Model-made augmentation: paraphrases of each item's user text, or new synthetic items written in
// the style of a few source items. The model is any function from prompt to text (any route).
import { type DatasetItem, type ExampleItem, inputText, lastUserText, mapUserText } from '../dataset-item.js';
import { type AugmentationRecord, deriveItem } from './augment.js';
import { createRandom } from './seeded-random.js';

/** The augmentations a model writes (the deterministic ones are AUGMENTATION_KINDS). */
export const MODEL_AUGMENTATION_KINDS = ['paraphrase', 'synthetic'] as const;
export type ModelAugmentationKind = (typeof MODEL_AUGMENTATION_KINDS)[number];

/** Calls a model with one user prompt and returns its text. */
export type GenerateText = (prompt: string) => Promise<string>;

export interface ParaphraseOptions {
  kind: 'paraphrase';
  generate: GenerateText;
  /** Paraphrases per item (default 1). */
  copies?: number;
  /** Replaces the default instruction; the text to paraphrase follows it. */
  instruction?: string;
}

export interface SyntheticOptions {
  kind: 'synthetic';
  generate: GenerateText;
  /** How many new items to write. */
  count: number;
  /** Picks the example items shown in each prompt. */
  seed: number | string;
  /** Examples shown per prompt (default 3). */
  examplesPerPrompt?: number;
}

export type ModelAugmentOptions = ParaphraseOptions | SyntheticOptions;

export interface ModelAugmentResult {
  items: DatasetItem[];
  /** Model answers that could not be used (empty or not the JSON asked for), with the reason. */
  rejected: { index: number; reason: string }[];
}

const PARAPHRASE_INSTRUCTION =
  'Rewrite the following text so that it means exactly the same thing but uses different words. ' +
  'Keep every fact, number and name. Answer with the rewritten text only.';

/**
 * Augments with a model: `paraphrase` rewrites each item's user text (reference kept);
 * `synthetic` writes `count` new example items from a few shown examples, as JSON
 * `{"input": "...", "reference": "..."}`. Calls run one after the other, so a slow or
 * rate-limited route is not flooded.
 */
export async function augmentWithModel(
  items: readonly DatasetItem[],
  options: ModelAugmentOptions,
): Promise<ModelAugmentResult> {
  return options.kind === 'paraphrase' ? paraphrase(items, options) : synthesise(items, options);
}

async function paraphrase(items: readonly DatasetItem[], options: ParaphraseOptions): Promise<ModelAugmentResult> {
  const result: ModelAugmentResult = { items: [], rejected: [] };
  const copies = Math.max(1, Math.floor(options.copies ?? 1));
  for (const [index, item] of items.entries()) {
    const source = lastUserText(item.input);
    if (source.trim() === '') continue;
    for (let copy = 0; copy < copies; copy++) {
      const answer = (await options.generate(`${options.instruction ?? PARAPHRASE_INSTRUCTION}\n\n${source}`)).trim();
      if (answer === '' || answer === source.trim()) {
        result.rejected.push({ index, reason: answer === '' ? 'empty answer' : 'answer repeats the source' });
        continue;
      }
      const record: AugmentationRecord = { operation: 'paraphrase', sourceIndex: index };
      if (item.id !== undefined) record.sourceId = item.id;
      const input = mapUserText(item.input, (text) => (text === source ? answer : text));
      const derived = deriveItem<DatasetItem>(item, index, record, { input });
      if (copies > 1) derived.id = `${derived.id}-${copy + 1}`;
      result.items.push(derived);
    }
  }
  return result;
}

async function synthesise(items: readonly DatasetItem[], options: SyntheticOptions): Promise<ModelAugmentResult> {
  const result: ModelAugmentResult = { items: [], rejected: [] };
  const examples = items.filter((item): item is ExampleItem => item.kind === 'example');
  if (examples.length === 0) return result;
  const random = createRandom(`${options.seed}:synthetic`);
  const shown = Math.min(options.examplesPerPrompt ?? 3, examples.length);
  for (let index = 0; index < options.count; index++) {
    const picked = Array.from({ length: shown }, () => random.pick(examples));
    const prompt = [
      'Here are examples from a dataset, one JSON object per line:',
      ...picked.map((item) => JSON.stringify({ input: inputText(item.input), reference: item.reference ?? '' })),
      'Write one new, different example in the same style and on the same task.',
      'Answer with one JSON object {"input": "...", "reference": "..."} and nothing else.',
    ].join('\n');
    const parsed = parseSynthetic(await options.generate(prompt));
    if (typeof parsed === 'string') {
      result.rejected.push({ index, reason: parsed });
      continue;
    }
    const item: ExampleItem = {
      kind: 'example',
      id: `synthetic-${options.seed}-${index}`,
      input: parsed.input,
      metadata: { augmentation: { operation: 'synthetic', sourceIndex: -1, seed: options.seed } },
      provenance: { source: 'synthetic' },
    };
    if (parsed.reference !== '') item.reference = parsed.reference;
    result.items.push(item);
  }
  return result;
}

function parseSynthetic(answer: string): { input: string; reference: string } | string {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start === -1 || end <= start) return 'no JSON object in the answer';
  try {
    const value: unknown = JSON.parse(answer.slice(start, end + 1));
    if (value === null || typeof value !== 'object') return 'not an object';
    const input = 'input' in value ? value.input : undefined;
    const reference = 'reference' in value ? value.reference : '';
    if (typeof input !== 'string' || input.trim() === '') return 'missing "input"';
    return { input, reference: typeof reference === 'string' ? reference : String(reference) };
  } catch {
    return 'invalid JSON';
  }
}
