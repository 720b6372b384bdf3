// OpenAI messages → Gemini `contents` and `systemInstruction`: assistant turns become `model`,
// tool calls `functionCall` parts and tool results `functionResponse` parts named after their call.
import { invalid } from '../../errors/index.js';
import { contentText, parseDataUrl, unsupportedParameter } from '../shared/index.js';
import type { ChatMessage, ContentPart } from '../spec/index.js';
import type { GeminiContent, GeminiPart } from './gemini-api-types.js';

export interface GeminiPrompt {
  contents: GeminiContent[];
  systemInstruction?: { parts: { text: string }[] };
}

/**
 * Converts an OpenAI conversation; consecutive turns of one role are merged so that all function
 * responses of a turn travel together, as Gemini expects.
 * @throws StewardError for http image URLs (Gemini only takes inline data or its own file URIs),
 * tool results whose call is unknown, and tool arguments that are not JSON.
 */
export function convertToGeminiContents(provider: string, messages: ChatMessage[]): GeminiPrompt {
  const system: { text: string }[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  const push = (role: GeminiContent['role'], parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = contentText(message.content);
        if (text !== '') system.push({ text });
        break;
      }
      case 'user':
        push('user', convertParts(provider, message.content));
        break;
      case 'assistant': {
        const parts = convertParts(provider, message.content ?? '');
        for (const call of message.tool_calls ?? []) {
          toolNames.set(call.id, call.function.name);
          parts.push({ functionCall: { name: call.function.name, args: parseArguments(call.function.arguments, call.function.name) } });
        }
        push('model', parts);
        break;
      }
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        if (!name) throw invalid(`tool message ${message.tool_call_id} answers no earlier tool call`);
        push('user', [{ functionResponse: { name, response: toResponseObject(contentText(message.content)) } }]);
        break;
      }
    }
  }
  return { contents, ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}) };
}

function convertParts(provider: string, content: string | ContentPart[]): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.flatMap((part): GeminiPart[] => {
    if (part.type === 'text') return part.text === '' ? [] : [{ text: part.text }];
    if (part.type === 'input_audio') return [{ inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } }];
    if (part.type === 'file') {
      const inline = part.file.file_data === undefined ? undefined : parseDataUrl(part.file.file_data);
      if (inline) return [{ inlineData: { mimeType: inline.mediaType, data: inline.data } }];
      throw unsupportedParameter(provider, 'file', 'Gemini takes files inline as base64 data URLs (file_data), not OpenAI file ids');
    }
    const data = parseDataUrl(part.image_url.url);
    if (data) return [{ inlineData: { mimeType: data.mediaType, data: data.data } }];
    if (part.image_url.url.startsWith('gs://') || part.image_url.url.includes('generativelanguage.googleapis.com/')) {
      return [{ fileData: { fileUri: part.image_url.url } }];
    }
    throw unsupportedParameter(provider, 'image_url', 'Gemini takes base64 data URLs or Gemini file URIs, not web URLs');
  });
}

/** Gemini wants an object: a JSON object result is passed as is, anything else as `{ content }`. */
function toResponseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // plain text result
  }
  return { content: text };
}

function parseArguments(text: string, name: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid(`the arguments of tool call ${name} are not a JSON object`);
}
