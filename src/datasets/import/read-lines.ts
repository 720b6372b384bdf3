// Splits a byte stream into numbered lines without holding more than one line in memory.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

export interface NumberedLine {
  /** 1-based line number in the upload. */
  line: number;
  text: string;
}

/** A source of bytes: an HTTP request, a file stream, or any async iterable of chunks. */
export type ByteSource = NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

export function toReadable(source: ByteSource): NodeJS.ReadableStream {
  return 'pipe' in source ? source : Readable.from(source);
}

export async function* readLines(source: ByteSource): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: toReadable(source), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
  }
}
