// Families that translate OpenAI's request refuse every field they have no equivalent for, by name,
// instead of accepting it and dropping it on the way.
import { NATIVE_MESSAGES_FIELD, type NativeMessagesRequest } from '../spec/native-messages.js';
import { unsupportedParameter } from './unsupported-parameter.js';

/**
 * Fields Steward honours itself whatever the upstream: routing (`model`), transport (`stream`,
 * `stream_options`), and what it records on the trace (`user` as a pseudonym, `metadata`, `store`).
 */
const GATEWAY_FIELDS = ['model', 'stream', 'stream_options', 'user', 'metadata', 'store'] as const;

/**
 * Throws UNSUPPORTED_PARAMETER for the first field of `request` that is set (not null, undefined or
 * false) and is neither one of `mapped` nor a field Steward honours itself.
 * @example refuseUnmappedFields('claude', 'Anthropic', request, ANTHROPIC_CHAT_FIELDS)
 */
export function refuseUnmappedFields(provider: string, family: string, request: object, mapped: ReadonlySet<string>): void {
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined || value === null || value === false) continue;
    if (mapped.has(field) || (GATEWAY_FIELDS as readonly string[]).includes(field)) continue;
    if (field === NATIVE_MESSAGES_FIELD) {
      refuseAnthropicOnlyFields(provider, family, value as NativeMessagesRequest);
      continue;
    }
    throw unsupportedParameter(provider, field, `${family} has no equivalent, and Steward does not drop a field silently`);
  }
}

/**
 * A Messages request (/v1/messages) reaching a family other than Anthropic: its translation is
 * used, and what only Anthropic can honour (`thinking`, unknown Messages fields) is refused by name.
 */
export function refuseAnthropicOnlyFields(provider: string, family: string, native: NativeMessagesRequest | undefined): void {
  const field = native?.anthropicOnly[0];
  if (field !== undefined) throw unsupportedParameter(provider, field, `only Anthropic upstreams take it; ${family} has no equivalent`);
}
