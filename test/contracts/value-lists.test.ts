// A list of allowed values (an enum of the API) is declared once: where the domain has it, the
// contracts and routes import it. The same literal list written in two files drifts apart the
// first time someone adds a value to one of them.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const LIST = /(?:\benum\(\s*)?\[((?:\s*'[^'\n]*'\s*,?){2,})\]\s*(as const)?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every literal list of two or more strings (`[...] as const` or `z.enum([...])`), by its values. */
function literalLists(): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(LIST)) {
      if (!match[0].startsWith('enum(') && match[2] === undefined) continue;
      const values = [...match[1].matchAll(/'([^']*)'/g)].map((value) => value[1]);
      const key = values.join('|');
      const files = lists.get(key) ?? [];
      const name = relative(ROOT, file);
      if (!files.includes(name)) files.push(name);
      lists.set(key, files);
    }
  }
  return lists;
}

describe('value lists of the API', () => {
  it('are declared once: no contract or route repeats a list another file declares', () => {
    const repeated = [...literalLists()]
      .filter(([, files]) => files.length > 1 && files.some((file) => file.startsWith('src/contracts/') || file.startsWith('src/server/')))
      .map(([values, files]) => `[${values.split('|').join(', ')}] in ${files.join(' and ')}`);
    expect(repeated).toEqual([]);
  });
});
