// Training files in OpenAI's fine-tuning JSONL formats: chat examples ({"messages":[...]}) and
// preference pairs ({"input":{"messages"},"preferred_output","non_preferred_output"} or
// {prompt|messages, chosen, rejected}). Every problem is reported with its line number.
import { StewardError } from '../../errors/index.js';
import type { ChatRole, ChatTurn } from '../tokenizer/chat-template.js';

/** A chat example: the assistant turns are what the model learns. */
export interface ChatExample {
  messages: ChatTurn[];
}

/** A preference pair over a shared prompt. */
export interface PreferenceExample {
  prompt: ChatTurn[];
  chosen: string;
  rejected: string;
}

const ROLE_MAP: Record<string, ChatRole | undefined> = { system: 'system', developer: 'system', user: 'user', assistant: 'assistant' };
const MAX_REPORTED = 20;

class LineErrors {
  readonly errors: { line: number; message: string }[] = [];
  add(line: number, message: string): void {
    this.errors.push({ line, message });
  }
  throwIfAny(what: string): void {
    if (this.errors.length === 0) return;
    const shown = this.errors.slice(0, MAX_REPORTED).map((e) => `line ${e.line}: ${e.message}`);
    const more = this.errors.length > MAX_REPORTED ? `; and ${this.errors.length - MAX_REPORTED} more` : '';
    throw new StewardError({
      code: 'TRAINING_DATA_INVALID',
      message: `${what}: ${this.errors.length} invalid line(s) — ${shown.join('; ')}${more}`,
      details: { errors: this.errors.slice(0, 100) },
    });
  }
}

function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content) && content.every((p) => p && typeof p === 'object' && (p as { type?: unknown }).type === 'text' && typeof (p as { text?: unknown }).text === 'string')) {
    return content.map((p) => (p as { text: string }).text).join('');
  }
  return undefined;
}

function parseTurns(raw: unknown, line: number, errors: LineErrors, field: string): ChatTurn[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.add(line, `"${field}" must be a non-empty array of messages`);
    return undefined;
  }
  const turns: ChatTurn[] = [];
  for (const [i, m] of raw.entries()) {
    const role = ROLE_MAP[String((m as { role?: unknown })?.role)];
    if (!role) {
      errors.add(line, `${field}[${i}].role must be system, developer, user or assistant, got ${JSON.stringify((m as { role?: unknown })?.role)}`);
      return undefined;
    }
    const text = contentText((m as { content?: unknown }).content);
    if (text === undefined) {
      errors.add(line, `${field}[${i}].content must be a string or an array of text parts`);
      return undefined;
    }
    turns.push({ role, content: text });
  }
  return turns;
}

function* jsonLines(text: string, errors: LineErrors): Generator<{ line: number; value: Record<string, unknown> }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch (e) {
      errors.add(i + 1, `not valid JSON (${(e as Error).message})`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.add(i + 1, 'must be a JSON object');
      continue;
    }
    yield { line: i + 1, value: value as Record<string, unknown> };
  }
}

/** Parses chat JSONL; throws TRAINING_DATA_INVALID listing bad lines, or when there is no example. */
export function parseChatJsonl(text: string): ChatExample[] {
  const errors = new LineErrors();
  const out: ChatExample[] = [];
  for (const { line, value } of jsonLines(text, errors)) {
    const turns = parseTurns(value.messages, line, errors, 'messages');
    if (!turns) continue;
    if (!turns.some((t) => t.role === 'assistant')) {
      errors.add(line, 'needs at least one assistant message to learn from');
      continue;
    }
    out.push({ messages: turns });
  }
  errors.throwIfAny('chat training data');
  if (out.length === 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: 'chat training data is empty (no JSONL lines)' });
  return out;
}

function outputText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) {
    const a = raw.find((m) => (m as { role?: unknown })?.role === 'assistant');
    return a ? contentText((a as { content?: unknown }).content) : undefined;
  }
  if (raw && typeof raw === 'object') return contentText((raw as { content?: unknown }).content);
  return undefined;
}

/** Parses preference JSONL (OpenAI DPO format or prompt/chosen/rejected); errors carry line numbers. */
export function parsePreferenceJsonl(text: string): PreferenceExample[] {
  const errors = new LineErrors();
  const out: PreferenceExample[] = [];
  for (const { line, value } of jsonLines(text, errors)) {
    let prompt: ChatTurn[] | undefined;
    if (value.input && typeof value.input === 'object') prompt = parseTurns((value.input as { messages?: unknown }).messages, line, errors, 'input.messages');
    else if (value.messages !== undefined) prompt = parseTurns(value.messages, line, errors, 'messages');
    else if (typeof value.prompt === 'string') prompt = [{ role: 'user', content: value.prompt }];
    else {
      errors.add(line, 'needs "input.messages", "messages" or a string "prompt"');
      continue;
    }
    if (!prompt) continue;
    const chosen = outputText(value.preferred_output ?? value.chosen);
    const rejected = outputText(value.non_preferred_output ?? value.rejected);
    if (chosen === undefined || rejected === undefined) {
      errors.add(line, 'needs "chosen" and "rejected" (or "preferred_output" and "non_preferred_output") answers');
      continue;
    }
    out.push({ prompt, chosen, rejected });
  }
  errors.throwIfAny('preference training data');
  if (out.length === 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: 'preference training data is empty (no JSONL lines)' });
  return out;
}
