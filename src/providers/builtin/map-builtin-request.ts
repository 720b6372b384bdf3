// Translation of OpenAI requests into builtin generation settings, refusing what the model cannot
// do honestly (tools, structured output, logprobs, images) with UNSUPPORTED_PARAMETER.
import type { ChatTurn, GenerateOptions } from '../../model/index.js';
import { contentText, refuseUnmappedFields, unsupportedParameter } from '../shared/index.js';
import type { ChatRequest, CompletionRequest } from '../spec/index.js';

const PROVIDER = 'builtin';

/** Sampling settings common to chat and completions. */
export function samplingOptions(r: ChatRequest | CompletionRequest, index: number): Omit<GenerateOptions, 'prompt'> {
  const maxTokens = ('max_completion_tokens' in r ? r.max_completion_tokens : undefined) ?? r.max_tokens ?? undefined;
  const stop = r.stop == null ? [] : Array.isArray(r.stop) ? r.stop : [r.stop];
  return {
    // Left out: the model's own sampling defaults apply (BUILTIN_SAMPLING_DEFAULTS, config.json meta.sampling).
    temperature: r.temperature ?? undefined,
    topP: r.top_p ?? undefined,
    topK: r.top_k ?? undefined,
    maxTokens: maxTokens ?? 128,
    stop,
    // several choices of one seeded request differ but stay reproducible
    seed: r.seed == null ? undefined : r.seed + index,
    presencePenalty: r.presence_penalty ?? undefined,
    frequencyPenalty: r.frequency_penalty ?? undefined,
  };
}

const SAMPLING_FIELDS = ['max_tokens', 'stop', 'temperature', 'top_p', 'top_k', 'n', 'seed', 'presence_penalty', 'frequency_penalty', 'logprobs', 'logit_bias'];
/** Request fields the builtin model honours (or refuses below with a reason). */
const BUILTIN_CHAT_FIELDS: ReadonlySet<string> = new Set([...SAMPLING_FIELDS, 'messages', 'max_completion_tokens', 'response_format', 'tools', 'tool_choice', 'parallel_tool_calls', 'top_logprobs']);
const BUILTIN_COMPLETION_FIELDS: ReadonlySet<string> = new Set([...SAMPLING_FIELDS, 'prompt', 'echo', 'suffix', 'best_of']);

/** Checks a chat request and returns its turns. */
export function chatTurns(r: ChatRequest): ChatTurn[] {
  refuseUnmappedFields(PROVIDER, 'the builtin model', r, BUILTIN_CHAT_FIELDS);
  if (r.tools && r.tools.length > 0) throw unsupportedParameter(PROVIDER, 'tools', 'the builtin model has no tool calling');
  if (r.tool_choice && r.tool_choice !== 'none') throw unsupportedParameter(PROVIDER, 'tool_choice', 'the builtin model has no tool calling');
  if (r.response_format && r.response_format.type !== 'text') throw unsupportedParameter(PROVIDER, `response_format ${r.response_format.type}`, 'the builtin model cannot guarantee structured output');
  if (r.logprobs) throw unsupportedParameter(PROVIDER, 'logprobs', 'log probabilities are not returned');
  if (r.logit_bias && Object.keys(r.logit_bias).length > 0) throw unsupportedParameter(PROVIDER, 'logit_bias', 'not implemented');
  return r.messages.map((m, i): ChatTurn => {
    if (m.role === 'tool') throw unsupportedParameter(PROVIDER, `messages[${i}] with role tool`, 'the builtin model has no tool calling');
    if (Array.isArray(m.content) && m.content.some((p) => p.type !== 'text')) throw unsupportedParameter(PROVIDER, `messages[${i}] ${m.content.find((p) => p.type !== 'text')?.type} content`, 'the builtin model reads text only');
    const role = m.role === 'developer' ? 'system' : m.role;
    return { role, content: contentText(m.content) };
  });
}

/** Checks a completion request and returns its prompts (one per choice group). */
export function completionPrompts(r: CompletionRequest): string[] {
  refuseUnmappedFields(PROVIDER, 'the builtin model', r, BUILTIN_COMPLETION_FIELDS);
  if (r.echo) throw unsupportedParameter(PROVIDER, 'echo', 'not implemented');
  if (r.suffix) throw unsupportedParameter(PROVIDER, 'suffix', 'the builtin model does not do insertion');
  if (r.logprobs != null) throw unsupportedParameter(PROVIDER, 'logprobs', 'log probabilities are not returned');
  if (r.best_of != null && r.best_of > 1) throw unsupportedParameter(PROVIDER, 'best_of', 'server-side best-of is not implemented');
  const prompts = Array.isArray(r.prompt) ? r.prompt : [r.prompt];
  if (!prompts.every((p): p is string => typeof p === 'string')) throw unsupportedParameter(PROVIDER, 'prompt', 'token-id prompts are for OpenAI-compatible models; send text');
  return prompts;
}
