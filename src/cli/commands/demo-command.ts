// `steward demo loop`: the whole loop offline on the builtin model in a fresh data directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('Self-contained demonstrations that run offline');
  demo
    .command('loop')
    .description('Feedback → curated dataset → LoRA fine-tune of steward-mini → evaluation gate → canary rollout, printing each step')
    .option('--data-dir <dir>', 'where to keep the demo’s data (default: a new temporary directory)')
    .option('--feedback <n>', 'corrected answers to curate', (v) => Number(v), 40)
    .option('--eval-items <n>', 'held-out evaluation items', (v) => Number(v), 20)
    .option('--steps <n>', 'training steps', (v) => Number(v), 30)
    .action(async (o: { dataDir?: string; feedback: number; evalItems: number; steps: number }) => {
      const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'steward-demo-'));
      // Loaded here: the demo pulls in the whole server, which other commands never need.
      const { runDemoLoop } = await import('../../pipelines/demo/demo-loop.js');
      const { run } = await runDemoLoop({ dataDir, size: { feedback: o.feedback, evalItems: o.evalItems, trainSteps: o.steps } });
      if (run.status === 'failed') process.exitCode = 1;
    });
}
