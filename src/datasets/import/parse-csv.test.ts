import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvRecords } from './parse-csv.js';

async function* chunksOf(chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

async function records(chunks: string[]) {
  const out: { line: number; fields: string[] }[] = [];
  for await (const record of readCsvRecords(chunksOf(chunks))) out.push(record);
  return out;
}

describe('readCsvRecords', () => {
  const text = 'id,input\r\n1,"say ""hi"", then\nleave"\r\n2,plain\n';
  it('reads quoted fields, doubled quotes and newlines inside quotes, with the line each record starts on', async () => {
    expect(await records([text])).toEqual([
      { line: 1, fields: ['id', 'input'] },
      { line: 2, fields: ['1', 'say "hi", then\nleave'] },
      { line: 4, fields: ['2', 'plain'] },
    ]);
  });

  it('gives the same records however the stream is cut, even inside a doubled quote or a CRLF', async () => {
    const whole = await records([text]);
    for (let cut = 1; cut < text.length; cut++) expect(await records([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });
});

describe('parseCsv', () => {
  it('refuses an unknown column by name, unless it is kept as metadata or mapped', async () => {
    const read = async (options: Parameters<typeof parseCsv>[1]) => {
      const rows = [];
      for await (const row of parseCsv(chunksOf(['input,expected,topic\nq1,a1,maths\n']), options)) rows.push(row);
      return rows;
    };
    await expect(read({})).rejects.toMatchObject({ code: 'DATASET_FIELD_UNKNOWN', details: { fields: ['expected', 'topic'] } });
    expect(await read({ map: { expected: 'reference', topic: 'metadata.topic' } })).toEqual([{ line: 2, item: { kind: 'example', input: 'q1', reference: 'a1', metadata: { topic: 'maths' } } }]);
    expect(await read({ keepUnknown: true })).toEqual([{ line: 2, item: { kind: 'example', input: 'q1', metadata: { expected: 'a1', topic: 'maths' } } }]);
  });

  it('reports a row with the wrong number of fields by its line, and keeps other columns as metadata when asked', async () => {
    const rows = [];
    for await (const row of parseCsv(chunksOf(['input,reference,topic\nq1,a1,maths\nq2,a2\n']), { keepUnknown: true })) rows.push(row);
    expect(rows[0]).toEqual({ line: 2, item: { kind: 'example', input: 'q1', reference: 'a1', metadata: { topic: 'maths' } } });
    expect(rows[1]).toEqual({ line: 3, error: 'expected 3 fields, found 2' });
  });
});
