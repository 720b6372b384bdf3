// Export formats of a dataset version, one line (or CSV record) per item:
// - `openai-chat`: OpenAI fine-tuning JSONL, `{"messages": [...prompt, {"role":"assistant", ...}]}`
//   (examples with a reference; preference items use their chosen answer);
// - `preference`: OpenAI preference fine-tuning JSONL, `{"input": {"messages"}, "preferred_output",
//   "non_preferred_output"}` (preference items only);
// - `jsonl`: Steward's own items, as stored;
// - `csv`: id, split, kind, input, reference, chosen, rejected, metadata (JSON); a cell that begins
//   with = + - @ (or a tab or carriage return) gets a leading `'` so a spreadsheet shows it as text
//   instead of running it (formula injection); the CSV import removes it again.
import type { ChatMessage } from '../../providers/spec/index.js';
import { type DatasetItem, type ItemInput, inputText, targetText } from '../dataset-item.js';

export const EXPORT_FORMATS = ['openai-chat', 'preference', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  'openai-chat': 'application/x-ndjson',
  preference: 'application/x-ndjson',
  jsonl: 'application/x-ndjson',
  csv: 'text/csv; charset=utf-8',
};

/** The prompt as chat messages: a plain string becomes one user message. */
export function promptMessages(input: ItemInput): ChatMessage[] {
  return typeof input === 'string' ? [{ role: 'user', content: input }] : input;
}

/** One OpenAI chat fine-tuning row, or undefined when the item has no target answer. */
export function toOpenAiChatRow(item: DatasetItem): { messages: ChatMessage[] } | undefined {
  const target = targetText(item);
  if (target === undefined) return undefined;
  return { messages: [...promptMessages(item.input), { role: 'assistant', content: target }] };
}

export interface PreferenceRow {
  input: { messages: ChatMessage[] };
  preferred_output: { role: 'assistant'; content: string }[];
  non_preferred_output: { role: 'assistant'; content: string }[];
}

/** One OpenAI preference (DPO) row, or undefined for an item that is not a preference pair. */
export function toPreferenceRow(item: DatasetItem): PreferenceRow | undefined {
  if (item.kind !== 'preference') return undefined;
  return {
    input: { messages: promptMessages(item.input) },
    preferred_output: [{ role: 'assistant', content: item.chosen }],
    non_preferred_output: [{ role: 'assistant', content: item.rejected }],
  };
}

export const CSV_COLUMNS = ['id', 'split', 'kind', 'input', 'reference', 'chosen', 'rejected', 'metadata'] as const;

export function csvCell(value: string): string {
  // `'` already leading such a cell is doubled, so the import's unescape gives back exactly the value.
  const safe = /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record; chat inputs are written as their JSON so they import back unchanged. */
export function toCsvRecord(item: DatasetItem): string {
  const cells = [
    item.id ?? '',
    item.split ?? '',
    item.kind,
    typeof item.input === 'string' ? item.input : JSON.stringify(item.input),
    item.kind === 'example' ? (item.reference ?? '') : '',
    item.kind === 'preference' ? item.chosen : '',
    item.kind === 'preference' ? item.rejected : '',
    item.metadata ? JSON.stringify(item.metadata) : '',
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The field an item lacks for `format` (why it is skipped), or undefined when it exports. */
export function missingForExport(item: DatasetItem, format: ExportFormat): string | undefined {
  if (format === 'openai-chat') return targetText(item) === undefined ? 'reference' : undefined;
  if (format === 'preference') return item.kind === 'preference' ? undefined : 'chosen/rejected';
  return undefined;
}

/** The line an item exports to in `format`, or undefined when the format has no place for it. */
export function exportLine(item: DatasetItem, format: ExportFormat): string | undefined {
  if (format === 'csv') return toCsvRecord(item);
  const row = format === 'openai-chat' ? toOpenAiChatRow(item) : format === 'preference' ? toPreferenceRow(item) : item;
  return row === undefined ? undefined : `${JSON.stringify(row)}\n`;
}

/** The text used for previews: the prompt, shortened. */
export function preview(item: DatasetItem, length = 120): string {
  const text = inputText(item.input);
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
