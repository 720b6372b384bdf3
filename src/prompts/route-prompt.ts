// Binding a route to a prompt: the client sends only variables (a `variables` object, or
// `metadata`), the gateway renders the route's prompt label or version into the messages and
// records the prompt version on the trace.
import { StewardError } from '../errors/index.js';
import type { PromptService } from './prompt-service.js';

/** A route config's `prompt` field. */
export interface RoutePromptRef {
  name: string;
  label?: string;
  version?: number;
}

export interface BoundRequest {
  /** The request body with the rendered messages first and the prompt's default params filled in. */
  body: unknown;
  /** The prompt version rendered, for the trace; undefined when the route binds no prompt. */
  promptVersionId?: string;
}

/**
 * Renders the prompt of the route a chat request names, if it binds one. Variables come from
 * `variables` (any JSON scalars) or else `metadata` (strings); the request's own messages follow the
 * rendered ones and its own parameters win over the prompt's defaults.
 */
export async function bindRoutePrompt(projectId: string, body: unknown, promptOf: (model: string) => RoutePromptRef | undefined, prompts: PromptService): Promise<BoundRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body };
  const request = body as Record<string, unknown>;
  const ref = typeof request.model === 'string' ? promptOf(request.model) : undefined;
  if (!ref) return { body };
  const source = request.variables ?? request.metadata ?? {};
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new StewardError({ code: 'VALIDATION_FAILED', message: 'variables must be an object of prompt variables', details: { param: 'variables' } });
  }
  // The route's prompt is a prompt of the caller's project, like the route itself.
  const rendered = await prompts.render(projectId, ref.name, { label: ref.label, version: ref.version }, source as Record<string, string | number | boolean>);
  const { variables: _variables, ...rest } = request;
  const own = Array.isArray(rest.messages) ? rest.messages : [];
  return { body: { ...rendered.params, ...rest, messages: [...rendered.messages, ...own] }, promptVersionId: rendered.versionId };
}
