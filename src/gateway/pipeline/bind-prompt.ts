// The bind stage: when the planned route binds a prompt, its version is rendered from the request's
// `variables` (or `metadata`) into the leading messages, and the prompt's parameters fill what the
// request leaves unset. Every caller passes here — /v1 chat and messages, batch lines, evaluations,
// augmentation — so a prompt-bound route means the same thing whoever calls it.
import { StewardError } from '../../errors/index.js';
import type { PromptSelector, RenderedPrompt } from '../../prompts/index.js';
import { type ChatCallRequest, type ChatRequest, NATIVE_MESSAGES_FIELD, nativeMessagesOf } from '../../providers/spec/index.js';
import type { CallPlan } from './call-plan.js';

/** What the bind stage needs of the prompt service. */
export interface PromptRenderer {
  render(projectId: string, name: string, selector: PromptSelector, variables: Readonly<Record<string, string | number | boolean>>): Promise<RenderedPrompt>;
}

export interface BoundChat {
  request: ChatRequest;
  /** The prompt version rendered; undefined when the route binds none. */
  promptVersionId: string | undefined;
}

/**
 * Renders the route's prompt into a chat request, or checks the request stands on its own.
 * @throws StewardError VALIDATION_FAILED (400, param `messages` or `variables`), PROMPT_VARIABLE_MISSING (400), prompt lookups' NOT_FOUND
 */
export async function bindPrompt(plan: CallPlan, request: ChatCallRequest, prompts: PromptRenderer | undefined): Promise<BoundChat> {
  const ref = plan.route?.config.prompt;
  if (!ref || !prompts) {
    if (!request.messages || request.messages.length === 0) {
      throw new StewardError({ code: 'VALIDATION_FAILED', message: 'messages: at least one message is required (or variables, on a route bound to a prompt)', details: { param: 'messages' } });
    }
    // `variables` is Steward's own field: it never goes upstream, bound or not.
    if (request.variables === undefined) return { request: request as ChatRequest, promptVersionId: undefined };
    const { variables: _variables, ...rest } = request;
    return { request: rest as ChatRequest, promptVersionId: undefined };
  }
  const source = request.variables ?? request.metadata ?? {};
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new StewardError({ code: 'VALIDATION_FAILED', message: 'variables must be an object of prompt variables', details: { param: 'variables' } });
  }
  // The route's prompt is a prompt of the route's project, which is the caller's.
  const rendered = await prompts.render(plan.route!.projectId, ref.name, { label: ref.label, version: ref.version }, source);
  const { variables: _variables, ...rest } = request;
  const bound = { ...rendered.params, ...rest, messages: [...rendered.messages, ...(rest.messages ?? [])] } as ChatRequest;
  const native = nativeMessagesOf(request as ChatRequest);
  // An Anthropic upstream then gets the rendered conversation, not the client's original body.
  if (native) (bound as Record<string, unknown>)[NATIVE_MESSAGES_FIELD] = { ...native, conversationRewritten: true };
  return { request: bound, promptVersionId: rendered.versionId };
}
