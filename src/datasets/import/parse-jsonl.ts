// JSONL rows to dataset items: one JSON object per line, blank lines ignored. Each bad line is
// reported with its number and the reason; the caller decides to import nothing. Unknown fields
// are errors unless mapped or kept under metadata (item-fields.ts).
import { StewardError } from '../../errors/index.js';
import { type DatasetItem, parseDatasetItem } from '../dataset-item.js';
import { type FieldOptions, applyFieldOptions, unknownFieldsMessage } from './item-fields.js';
import { type ByteSource, readLines } from './read-lines.js';

/** A parsed row; an error row with `unknownFields` was refused for fields an item does not have. */
export type ParsedRow = { line: number; item: DatasetItem } | { line: number; error: string; unknownFields?: string[] };

/** Maps OpenAI fine-tuning rows (`{"messages": [...]}`) onto items: the last assistant turn is the reference. */
function fromOpenAiChat(value: Record<string, unknown>): unknown {
  if (!Array.isArray(value.messages) || 'input' in value) return value;
  const messages = [...value.messages] as { role?: unknown; content?: unknown }[];
  const last = messages[messages.length - 1];
  const { messages: _, ...rest } = value;
  if (last?.role === 'assistant' && typeof last.content === 'string') {
    return { ...rest, input: messages.slice(0, -1), reference: last.content };
  }
  return { ...rest, input: messages };
}

export function parseJsonRow(line: number, text: string, options: FieldOptions = {}): ParsedRow | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, error: 'expected a JSON object' };
  const fields = applyFieldOptions(value as Record<string, unknown>, options);
  if ('unknown' in fields) return { line, error: unknownFieldsMessage(fields.unknown), unknownFields: fields.unknown };
  try {
    return { line, item: parseDatasetItem(fromOpenAiChat(fields.value)) };
  } catch (error) {
    return { line, error: error instanceof StewardError ? error.message.replace(/\s+/g, ' ') : String(error) };
  }
}

/** Parses a JSONL stream row by row. */
export async function* parseJsonl(source: ByteSource, options: FieldOptions = {}): AsyncGenerator<ParsedRow> {
  for await (const { line, text } of readLines(source)) {
    const row = parseJsonRow(line, text, options);
    if (row) yield row;
  }
}
