// Flattens OpenAI message content (a string or parts) to text, for places that only take text.
import type { ContentPart } from '../spec/index.js';

/** The text of a message's content; image parts are left out. */
export function contentText(content: string | ContentPart[] | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
}
