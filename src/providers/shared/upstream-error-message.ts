// Pulls the human message out of an upstream error body, whichever family's shape it has:
// OpenAI `{"error":{"message"}}`, Anthropic `{"type":"error","error":{"message"}}`, Gemini
// `{"error":{"message","status"}}`, or plain text.

const MAX_TEXT = 500;

/** The upstream's own error message, or a trimmed excerpt of the body when it is not JSON. */
export function upstreamErrorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = isRecord(parsed) ? (Array.isArray(parsed) ? parsed[0] : parsed).error : undefined;
    if (typeof error === 'string') return error;
    if (isRecord(error) && typeof error.message === 'string') {
      const kind = typeof error.type === 'string' ? error.type : typeof error.status === 'string' ? error.status : undefined;
      return kind ? `${error.message} (${kind})` : error.message;
    }
    if (isRecord(parsed) && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the text itself
  }
  const text = body.trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text || 'no details';
}

/** The request field an upstream error names (OpenAI's `error.param`), or null. */
export function upstreamErrorParam(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    const error = isRecord(parsed) ? parsed.error : undefined;
    return isRecord(error) && typeof error.param === 'string' ? error.param : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
