// Writes training items as OpenAI fine-tuning JSONL: chat SFT rows for examples, and the
// preference format (input / preferred_output / non_preferred_output) for pairs.
import { writeFile } from 'node:fs/promises';
import type { DatasetItem } from '../datasets/dataset-item.js';
import type { ChatMessage } from '../providers/spec/index.js';
import { StewardError } from '../errors/index.js';
import type { TrainingMethod } from './training-job.js';

function promptMessages(input: DatasetItem['input']): ChatMessage[] {
  return typeof input === 'string' ? [{ role: 'user', content: input }] : input;
}

/** One JSONL row for an item, in OpenAI's fine-tuning format. */
export function fineTuningRow(item: DatasetItem): Record<string, unknown> {
  if (item.kind === 'preference') {
    return {
      input: { messages: promptMessages(item.input) },
      preferred_output: [{ role: 'assistant', content: item.chosen }],
      non_preferred_output: [{ role: 'assistant', content: item.rejected }],
    };
  }
  return { messages: [...promptMessages(item.input), { role: 'assistant', content: item.reference ?? '' }] };
}

/** Checks the items suit the method: SFT and distillation need examples, DPO needs pairs. */
export function checkItemsForMethod(method: TrainingMethod, items: readonly DatasetItem[]): void {
  if (method === 'quantize') return;
  if (items.length === 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: `a ${method} job needs at least one training item` });
  const want = method === 'dpo' ? 'preference' : 'example';
  const wrong = items.findIndex((item) => item.kind !== want);
  if (wrong >= 0) {
    throw new StewardError({
      code: 'TRAINING_DATA_INVALID',
      message: `a ${method} job needs ${want} items; item ${wrong} is a ${items[wrong].kind}`,
      details: { index: wrong },
    });
  }
  if (method === 'sft') {
    const missing = items.findIndex((item) => item.kind === 'example' && (item.reference ?? '') === '');
    if (missing >= 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: `SFT item ${missing} has no reference (the target completion)`, details: { index: missing } });
  }
}

export async function writeTrainingFile(path: string, items: readonly DatasetItem[]): Promise<void> {
  await writeFile(path, items.map((item) => JSON.stringify(fineTuningRow(item))).join('\n') + (items.length ? '\n' : ''));
}
