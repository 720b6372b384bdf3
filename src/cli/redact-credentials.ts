// What the CLI prints about a failure never holds a credential: the user info of a URL is masked,
// and any API key (the configured ones, or anything shaped like a Steward key) shows its prefix only.
import { keyPrefix } from '../governance/keys/api-key-format.js';

const STEWARD_KEY = /sk-stw-[A-Za-z0-9_-]{6,}/g;

/** `message` with credentials replaced by their shown prefix (`sk-stw-Ab3d…`) or `***`. */
export function redactCredentials(message: string, knownKeys: readonly (string | undefined)[] = []): string {
  let text = message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]*:[^/\s@]*@/gi, '$1***@');
  for (const key of knownKeys) {
    if (key && key.length >= 8) text = text.split(key).join(`${keyPrefix(key)}…`);
  }
  return text.replace(STEWARD_KEY, (key) => `${keyPrefix(key)}…`);
}
