// The chat template of builtin models: each turn is <|role|>text<|end|>, and generation starts
// after <|assistant|> and stops at <|end|>. SFT masks come from the same function.
import type { ByteBpeTokenizer, SpecialToken } from './byte-bpe-tokenizer.js';

export const CHAT_ROLES = ['system', 'user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

/** One turn with plain-text content. */
export interface ChatTurn {
  role: ChatRole;
  content: string;
}

/** Token ids of a conversation and, per token, whether it is assistant output to learn from. */
export interface RenderedChat {
  ids: number[];
  /** 1 on the tokens of assistant turns (content and closing <|end|>), else 0. */
  assistantMask: number[];
}

const ROLE_TOKEN: Record<ChatRole, SpecialToken> = { system: '<|system|>', user: '<|user|>', assistant: '<|assistant|>' };

/**
 * Renders turns; with `addGenerationPrompt` it ends with an open <|assistant|> turn for generation.
 * @example renderChat(tok, [{ role: 'user', content: 'hi' }], true)
 */
export function renderChat(tokenizer: ByteBpeTokenizer, turns: readonly ChatTurn[], addGenerationPrompt: boolean): RenderedChat {
  const ids: number[] = [];
  const assistantMask: number[] = [];
  const end = tokenizer.special('<|end|>');
  const newline = tokenizer.encode('\n');
  for (const turn of turns) {
    ids.push(tokenizer.special(ROLE_TOKEN[turn.role]));
    assistantMask.push(0);
    const body = tokenizer.encode(turn.content);
    const learn = turn.role === 'assistant' ? 1 : 0;
    for (const id of body) {
      ids.push(id);
      assistantMask.push(learn);
    }
    ids.push(end);
    assistantMask.push(learn);
    for (const id of newline) {
      ids.push(id);
      assistantMask.push(0);
    }
  }
  if (addGenerationPrompt) {
    ids.push(tokenizer.special('<|assistant|>'));
    assistantMask.push(0);
  }
  return { ids, assistantMask };
}
