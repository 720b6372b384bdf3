// Benchmark of the builtin model: matmul throughput against a measured scalar peak, decoding speed
// at batch 1 and micro-batched, training throughput, memory, the cost of int8 and steward-mini's
// per-task scores before and after a short fine-tune. Prints one JSON object.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initParameters, sharedFloats, weightViews } from '../src/model/nn/parameters.js';
import { TransformerGraph } from '../src/model/nn/transformer-graph.js';
import { weightedCrossEntropy } from '../src/model/nn/token-loss.js';
import { matmulABt } from '../src/model/tensor/matmul.js';
import { BuiltinRuntime, evaluateTasks, generateTaskExamples, loadModel, ParallelMatmul, quantize, trainSft, type TaskName } from '../src/model/index.js';

const MODEL_DIR = resolve(process.env.STEWARD_MINI_DIR ?? 'models/steward-mini');
/** 2.1 GHz × 2 vector pipes × 2 FLOP (multiply + add) on one scalar lane: what scalar code can reach. */
const SCALAR_PEAK_GFLOPS = 2.1 * 2 * 2;

/** 16 independent multiply-add chains on doubles: the scalar throughput JavaScript can reach. */
function measuredScalarPeak(): number {
  const n = 20_000_000;
  let best = 0;
  for (let r = 0; r < 3; r++) {
    let a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1, a8 = 1, a9 = 1, a10 = 1, a11 = 1, a12 = 1, a13 = 1, a14 = 1, a15 = 1;
    const m = 0.9999999;
    const c = 1e-7;
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      a0 = a0 * m + c; a1 = a1 * m + c; a2 = a2 * m + c; a3 = a3 * m + c; a4 = a4 * m + c; a5 = a5 * m + c; a6 = a6 * m + c; a7 = a7 * m + c;
      a8 = a8 * m + c; a9 = a9 * m + c; a10 = a10 * m + c; a11 = a11 * m + c; a12 = a12 * m + c; a13 = a13 * m + c; a14 = a14 * m + c; a15 = a15 * m + c;
    }
    const s = (performance.now() - t) / 1000;
    if (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 === 0) console.error('unreachable');
    best = Math.max(best, (32 * n) / s / 1e9);
  }
  return best;
}

function matmulGflops(M: number, K: number, N: number, backend?: ParallelMatmul): number {
  const a = sharedFloats(M * K).map(() => Math.random() - 0.5);
  const b = sharedFloats(N * K).map(() => Math.random() - 0.5);
  const o = sharedFloats(M * N);
  const run = () => (backend ? backend.abt(o, a, b, M, K, N, false) : matmulABt(o, a, b, M, K, N));
  run();
  const reps = Math.max(2, Math.floor(4e8 / (2 * M * K * N)));
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) run();
    best = Math.max(best, (2 * M * K * N * reps) / ((performance.now() - t) / 1000) / 1e9);
  }
  return best;
}

async function decodeSpeed(rt: BuiltinRuntime, concurrent: number, tokens: number): Promise<number> {
  const t = performance.now();
  const results = await Promise.all(
    Array.from({ length: concurrent }, (_, i) => rt.generate({ prompt: 'The river runs', maxTokens: tokens, temperature: 0.9, seed: i + 1, ignoreEos: true })),
  );
  const total = results.reduce((a, r) => a + r.completionTokens, 0);
  return total / ((performance.now() - t) / 1000);
}

function trainingTokensPerSecond(config: ReturnType<typeof loadModel>['config'], backend?: ParallelMatmul): number {
  const weights = initParameters(config, 1);
  const grads = sharedFloats(weights.length);
  const graph = new TransformerGraph(config, backend);
  const B = 8;
  const T = config.contextLength;
  const tokens = Array.from({ length: B * T }, (_, i) => (i * 31) % config.vocabSize);
  const ones = new Float32Array(B * T).fill(1);
  const dLogits = new Float32Array(B * T * config.vocabSize);
  const step = () => {
    const logits = graph.forward(weightViews(config, weights), tokens, B, T);
    weightedCrossEntropy(logits, tokens, ones, B * T, config.vocabSize, dLogits, 1 / (B * T));
    graph.backward(weightViews(config, weights), weightViews(config, grads), dLogits);
  };
  step();
  const t = performance.now();
  const steps = 3;
  for (let i = 0; i < steps; i++) step();
  return (steps * B * T) / ((performance.now() - t) / 1000);
}

/** Runs the whole benchmark and returns its figures. */
export async function runModelBench(): Promise<Record<string, unknown>> {
  const peak = measuredScalarPeak();
  const pool = await ParallelMatmul.create(2);
  const shapes = [
    [128, 96, 256],
    [1024, 96, 256],
    [1024, 256, 96],
    [1, 96, 256],
  ] as const;
  const matmul = shapes.map(([M, K, N]) => {
    const serial = matmulGflops(M, K, N);
    return {
      shape: `${M}x${K}·(${N}x${K})ᵀ`,
      gflops: +serial.toFixed(2),
      percentOfMeasuredPeak: +((100 * serial) / peak).toFixed(1),
      percentOfScalarPeak: +((100 * serial) / SCALAR_PEAK_GFLOPS).toFixed(1),
    };
  });
  const parallel = matmulGflops(1024, 256, 256, pool);
  const serialBig = matmulGflops(1024, 256, 256);
  const model = loadModel(MODEL_DIR);
  const rt = new BuiltinRuntime(model);
  await decodeSpeed(rt, 1, 16);
  const batch1 = Math.max(await decodeSpeed(rt, 1, 96), await decodeSpeed(rt, 1, 96));
  const batched8 = await decodeSpeed(rt, 8, 96);
  const trainSerial = trainingTokensPerSecond(model.config);
  const trainParallel = trainingTokensPerSecond(model.config, pool);
  await pool.close();
  const work = mkdtempSync(join(tmpdir(), 'model-bench-'));
  const q = await quantize({ modelDir: MODEL_DIR, outDir: join(work, 'int8') });
  // fine-tune the weakest task for a short while and measure the gain
  const before = await evaluateTasks(model, { perTask: 40 });
  const weakest = (process.env.STEWARD_BENCH_FT_TASK as TaskName | undefined) ?? (Object.entries(before.scores) as [TaskName, number][]).sort((a, b) => a[1] - b[1])[0][0];
  const data = generateTaskExamples(400, 777, [weakest]).map((e) => ({ messages: e.messages }));
  const t0 = performance.now();
  await trainSft({ baseModelDir: MODEL_DIR, outDir: join(work, 'sft'), data, inWorker: false, lora: false, hyperParameters: { epochs: 1, batchSize: 16, learningRate: 1e-3, warmupSteps: 2, validationFraction: 0 } });
  const fineTuneSeconds = (performance.now() - t0) / 1000;
  const after = await evaluateTasks(loadModel(join(work, 'sft')), { perTask: 40, tasks: [weakest] });
  const t1 = performance.now();
  await trainSft({ baseModelDir: MODEL_DIR, outDir: join(work, 'lora'), data, inWorker: false, lora: { rank: 8, alpha: 16 }, hyperParameters: { epochs: 1, batchSize: 16, learningRate: 5e-3, warmupSteps: 2, validationFraction: 0 } });
  const loraSeconds = (performance.now() - t1) / 1000;
  const afterLora = await evaluateTasks(loadModel(join(work, 'lora')), { perTask: 40, tasks: [weakest] });
  return {
    machine: { cpus: 2, note: 'shared 2-core VM; other processes were running, figures are lower bounds' },
    peak: {
      measuredScalarGflops: +peak.toFixed(2),
      method: '16 independent multiply-add chains on doubles in a tight JS loop (V8 emits scalar SSE/AVX, no SIMD, no FMA from JS)',
      theoreticalScalarGflops: SCALAR_PEAK_GFLOPS,
      theoreticalScalarNote: '2.1 GHz (cpu MHz of /proc/cpuinfo) × 2 FP pipes × 2 FLOP: the ceiling of JavaScript number arithmetic, one lane',
      theoreticalSimdGflops: 2 * 2.1 * 16 * 2,
      theoreticalNote: '2 FLOP × 2.1 GHz × 16 f32 lanes (AVX-512) × 2 FMA units: out of reach of JavaScript, for reference only',
    },
    matmul,
    matmulParallel: { shape: '1024x256·(256x256)ᵀ', serialGflops: +serialBig.toFixed(2), twoThreadsGflops: +parallel.toFixed(2), speedup: +(parallel / serialBig).toFixed(2) },
    decode: { model: model.meta.name, batch1TokensPerSecond: Math.round(batch1), batch8AggregateTokensPerSecond: Math.round(batched8) },
    training: { tokensPerSecondOneThread: Math.round(trainSerial), tokensPerSecondTwoThreads: Math.round(trainParallel), batch: '8 × contextLength' },
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    int8: { perplexityF32: +q.perplexityF32.toFixed(3), perplexityInt8: +q.perplexityInt8.toFixed(3), perplexityChangePercent: +(100 * q.perplexityChange).toFixed(2), bytesF32: q.bytesF32, bytesInt8: q.bytesInt8, decodeSpeedup: +q.speedup.toFixed(2) },
    tasks: { scores: before.scores, mean: +before.mean.toFixed(3), examplesPerTask: before.examplesPerTask },
    fineTune: {
      task: weakest,
      examples: data.length,
      scoreBefore: before.scores[weakest],
      full: { seconds: Math.round(fineTuneSeconds), scoreAfter: after.scores[weakest] },
      lora: { seconds: Math.round(loraSeconds), scoreAfter: afterLora.scores[weakest], rank: 8 },
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runModelBench().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
