// `steward model …`: pretrain the builtin default from its committed recipe, quantise a model to
// int8, evaluate and describe a model directory. Progress goes to stderr, results to stdout as JSON.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateModel, loadModel, ParallelMatmul, pretrain, quantize, STEWARD_MINI_RECIPE, type TrainingProgress } from '../../model/index.js';

function intOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected an integer, got ${value}`);
  return n;
}

function floatOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${value}`);
  return n;
}

/** A one-line progress bar on stderr, redrawn in place when stderr is a terminal. */
export function progressBar(label: string): (p: TrainingProgress) => void {
  return (p) => {
    const width = 30;
    const filled = Math.round((p.step / p.totalSteps) * width);
    const val = p.validationLoss !== undefined ? ` val ${p.validationLoss.toFixed(4)}` : '';
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.step}/${p.totalSteps} epoch ${p.epoch} loss ${p.loss.toFixed(4)}${val} lr ${p.learningRate.toExponential(2)} ${Math.round(p.tokensPerSecond)} tok/s eta ${Math.round(p.etaSeconds)}s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${p.step === p.totalSteps ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}

/** Registers `steward model pretrain|quantize|info|eval` on the program. */
export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('the builtin transformer: pretrain, quantise, inspect');

  model
    .command('pretrain')
    .description('train the builtin default model from the committed corpus (deterministic from the seed)')
    .option('--out <dir>', 'output model directory', 'models/steward-mini')
    .option('--seed <n>', 'random seed', intOption, STEWARD_MINI_RECIPE.seed)
    .option('--steps <n>', 'optimiser steps', intOption, STEWARD_MINI_RECIPE.steps)
    .option('--batch-size <n>', 'sequences per step', intOption, STEWARD_MINI_RECIPE.batchSize)
    .option('--learning-rate <x>', 'peak learning rate', floatOption, STEWARD_MINI_RECIPE.learningRate)
    .option('--vocab-size <n>', 'tokenizer vocabulary size', intOption, STEWARD_MINI_RECIPE.vocabSize)
    .option('--checkpoint-dir <dir>', 'checkpoint directory (a rerun resumes from it)')
    .option('--threads <n>', 'matrix-product threads (1 keeps to one core)', intOption, 1)
    .action(async (o: { out: string; seed: number; steps: number; batchSize: number; learningRate: number; vocabSize: number; checkpointDir?: string; threads: number }) => {
      const backend = o.threads > 1 ? await ParallelMatmul.create(o.threads) : undefined;
      const { summary } = await pretrain({
        backend,
        outDir: resolve(o.out),
        seed: o.seed,
        steps: o.steps,
        vocabSize: o.vocabSize,
        checkpointDir: o.checkpointDir ? resolve(o.checkpointDir) : undefined,
        hyperParameters: { batchSize: o.batchSize, learningRate: o.learningRate },
        onProgress: progressBar('pretrain'),
      }).finally(() => backend?.close());
      const { lossHistory, ...rest } = summary;
      process.stdout.write(`${JSON.stringify({ out: resolve(o.out), ...rest, firstLoss: lossHistory[0] }, null, 2)}\n`);
    });

  model
    .command('quantize')
    .description('write an int8 copy of a model (per-output-channel symmetric) and report perplexity and speed')
    .argument('<dir>', 'source model directory')
    .option('--out <dir>', 'output directory (default: <dir>-int8)')
    .action(async (dir: string, o: { out?: string }) => {
      const report = await quantize({ modelDir: resolve(dir), outDir: resolve(o.out ?? `${dir.replace(/\/$/, '')}-int8`) });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });

  model
    .command('info')
    .description('describe a model directory: architecture, parameters, provenance')
    .argument('<dir>', 'model directory')
    .action((dir: string) => {
      const m = loadModel(resolve(dir));
      process.stdout.write(`${JSON.stringify({ name: m.meta.name, dtype: m.meta.dtype, config: m.config, parameters: m.weights.length, tokenizerSha256: m.tokenizer.hash, training: m.meta.training }, null, 2)}\n`);
    });

  model
    .command('eval')
    .description('per-task accuracy on generated held-out examples and validation perplexity')
    .argument('<dir>', 'model directory')
    .option('--per-task <n>', 'examples per task', intOption, 40)
    .action(async (dir: string, o: { perTask: number }) => {
      const report = await evaluateModel(loadModel(resolve(dir)), { perTask: o.perTask });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
}
