// Server-sent events parsing per the WHATWG rules: events split across reads, CR/LF/CRLF line ends,
// comments, multi-line data and named events. Every streaming adapter reads its upstream through it.

/** One dispatched server-sent event. `data` joins multi-line data with `\n`. */
export interface SseEvent {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

const LINE_END = /\r\n|\r|\n/;

/**
 * Parses a byte or text stream into server-sent events.
 * An event left without its closing blank line when the stream ends is still dispatched, because
 * several OpenAI-compatible servers end on `data: [DONE]\n`.
 *
 * @example
 * for await (const event of parseSse(readBody(response.body))) console.log(event.data);
 */
export async function* parseSse(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;

  function* takeLine(line: string): Generator<SseEvent> {
    if (line === '') {
      if (data.length > 0) yield { event, data: data.join('\n'), id };
      data = [];
      event = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  }

  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (;;) {
      const match = LINE_END.exec(buffer);
      if (!match) break;
      // A lone CR at the end of the buffer may be the first half of a CRLF split across reads.
      if (match[0] === '\r' && match.index === buffer.length - 1) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      yield* takeLine(line);
    }
  }
  buffer += decoder.decode();
  for (const line of buffer.split(LINE_END)) yield* takeLine(line);
  yield* takeLine('');
}
