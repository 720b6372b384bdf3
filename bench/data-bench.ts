// Benchmark of the data-quality and privacy paths: quality checks over 10,000 items and PII
// redaction of a typical request body. Run alone with `npx tsx bench/data-bench.ts`; prints JSON.
import { pathToFileURL } from 'node:url';
import { createRandom } from '../src/datasets/augmentation/index.js';
import type { DatasetItem } from '../src/datasets/dataset-item.js';
import { runQualityChecks } from '../src/datasets/quality/index.js';
import { redactPii } from '../src/privacy/index.js';

const TOPICS = ['billing', 'refund', 'shipping', 'account', 'password', 'invoice', 'delivery', 'warranty'];

function makeItems(count: number): DatasetItem[] {
  const random = createRandom(7);
  return Array.from({ length: count }, (_, i) => ({
    kind: 'example' as const,
    id: `i${i}`,
    input: `Question ${i} about ${Array.from({ length: 8 }, () => random.pick(TOPICS)).join(' ')}`,
    reference: random.pick(['positive', 'negative', 'neutral']),
    split: i % 10 === 0 ? ('test' as const) : ('train' as const),
  }));
}

export async function runDataBench(): Promise<Record<string, unknown>> {
  const items = makeItems(10_000);
  const started = performance.now();
  const report = runQualityChecks(items);
  const qualityMs = performance.now() - started;

  const body = 'Please summarise this support ticket about billing, contact jane.doe@example.com or +44 20 7946 0958. '.repeat(100);
  const rounds = 500;
  const redactStart = performance.now();
  for (let i = 0; i < rounds; i++) redactPii(body);
  const redactMs = (performance.now() - redactStart) / rounds;

  return {
    qualityChecks: { items: items.length, wallMs: Math.round(qualityMs), status: report.status, checks: report.checks.length },
    redaction: { bodyBytes: body.length, meanMsPerCall: Number(redactMs.toFixed(3)) },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await runDataBench(), null, 2)}\n`);
}
