import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from './sse-parse.js';

async function collect(parts: (string | Uint8Array)[]): Promise<SseEvent[]> {
  async function* source() {
    for (const part of parts) yield part;
  }
  const events: SseEvent[] = [];
  for await (const event of parseSse(source())) events.push(event);
  return events;
}

describe('parseSse', () => {
  it('reads events split at arbitrary points across reads', async () => {
    const text = 'event: message_start\ndata: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    const whole = await collect([text]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await collect([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(whole.map((e) => e.data)).toEqual(['{"a":1}', '{"b":2}', '[DONE]']);
    expect(whole[0].event).toBe('message_start');
    expect(whole[1].event).toBeUndefined();
  });

  it('joins multi-line data, skips comments and accepts CRLF split between reads', async () => {
    const events = await collect([': keep-alive\r', '\ndata: line one\r\ndata:line two\r', '\n\r\n']);
    expect(events).toEqual([{ event: undefined, data: 'line one\nline two', id: undefined }]);
  });

  it('decodes multi-byte characters split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo 👋\n\n');
    const events = await collect([bytes.slice(0, 8), bytes.slice(8, 14), bytes.slice(14)]);
    expect(events[0].data).toBe('héllo 👋');
  });

  it('dispatches a last event that lacks its blank line and ignores empty events', async () => {
    const events = await collect(['event: ping\n\n', 'data: [DONE]\n']);
    expect(events.map((e) => e.data)).toEqual(['[DONE]']);
  });
});
