// `npm run bench`: every benchmark in one run, one JSON document on stdout. Name benchmarks as
// arguments to run only those (`npm run bench -- gateway model`). Progress goes to stderr.
import { runDataBench } from './data-bench.js';
import { runEvalBench } from './eval-bench.js';
import { runGatewayBench } from './gateway-bench.js';
import { runModelBench } from './model-bench.js';
import { runReliabilityBench } from './reliability-bench.js';
import { runStartupBench } from './startup-bench.js';

const BENCHMARKS: Record<string, () => Promise<unknown>> = {
  gateway: () => runGatewayBench(),
  model: () => runModelBench(),
  evals: () => runEvalBench(),
  data: () => runDataBench(),
  reliability: () => runReliabilityBench(),
  startup: () => runStartupBench(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}

const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length, platform: process.platform },
};
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHMARKS)) {
  process.stderr.write(`bench: ${name}…\n`);
  const started = performance.now();
  try {
    results[name] = await BENCHMARKS[name]();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
