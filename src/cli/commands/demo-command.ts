// `steward demo loop`: the whole loop offline on the builtin model, deterministic for a seed.
import type { Command } from 'commander';

const int = (v: string) => Number.parseInt(v, 10);

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('Self-contained demonstrations that run offline');
  demo
    .command('loop')
    .description('Two acts on steward-mini: feedback → alert → curated dataset → LoRA fine-tune → gate → canary promoted; then a candidate that passes offline and is rolled back live. Same seed, same output')
    .option('--seed <n>', 'seed of the traffic, training and statistics', int, 1)
    .option('--data-dir <dir>', 'keep the demo’s data here (default: a temporary steward-demo-* directory, removed at the end)')
    .option('--visits <n>', 'requests per simulated five minutes', int, 20)
    .option('--golden-items <n>', 'items of the offline evaluation set', int, 24)
    .option('--show-ids', 'print artifact ids in full (they differ on every run) instead of references such as job#1')
    .action(async (o: { seed: number; dataDir?: string; visits: number; goldenItems: number; showIds?: boolean }) => {
      // Loaded here: the demo pulls in the whole server, which other commands never need.
      const { runDemoLoop } = await import('../../pipelines/demo/demo-loop.js');
      const result = await runDemoLoop({ seed: o.seed, dataDir: o.dataDir, showIds: o.showIds, size: { visitsPerPeriod: o.visits, goldenItems: o.goldenItems } });
      const [fix, nightly] = result.acts;
      if (fix?.canary?.action !== 'completed' || nightly?.canary?.action !== 'rolled_back') process.exitCode = 1;
    });
}
