// Steward's own model as a trainer: SFT and DPO (LoRA adapters by default, full weights with
// adapterRank absent and `full: true`), logit distillation from a builtin teacher, and int8
// quantisation — all through src/model's API, in a worker thread, with progress, cancel and
// checkpoints (a restarted job resumes from the last one).
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { ArtifactService } from '../../../artifacts/index.js';
import type { DatasetItem } from '../../../datasets/dataset-item.js';
import { StewardError } from '../../../errors/index.js';
import { type ChatTurn, type PreferenceExample, distill, isAdapterDir, isModelDir, quantize, trainDpo, trainSft } from '../../../model/index.js';
import { contentText } from '../../../providers/shared/content-text.js';
import type { TrainingOutput } from '../../training-job.js';
import { parseBackendConfig } from '../parse-backend-config.js';
import type { TrainingBackend, TrainingRun } from '../training-backend.js';

export const BuiltinBackendConfigSchema = z
  .object({
    /** Train every weight and write a full model instead of a LoRA adapter. */
    full: z.boolean().default(false),
    /** Distillation: the builtin teacher model (name or directory). */
    teacherModel: z.string().min(1).optional(),
    threads: z.number().int().min(1).max(64).default(1),
    /** Run in the calling thread instead of a worker (tests of tiny models). */
    inWorker: z.boolean().default(true),
  })
  .strict();

function turnsOf(input: DatasetItem['input']): ChatTurn[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return input
    .filter((m) => m.role !== 'tool')
    .map((m) => ({ role: m.role === 'developer' ? 'system' : (m.role as ChatTurn['role']), content: contentText(m.content as Parameters<typeof contentText>[0]) }));
}

export class BuiltinBackend implements TrainingBackend {
  readonly name = 'builtin';
  readonly methods = ['sft', 'dpo', 'distill', 'quantize'] as const;
  readonly resumable = true;
  readonly #modelsDirs: readonly string[];
  readonly #publishDir: string | undefined;
  readonly #artifacts: ArtifactService | undefined;

  /**
   * `modelsDirs`: folders whose sub-directories are builtin models (base models are looked up there
   * by name); `publishDir`: one of them, where finished artifacts are linked so the builtin provider
   * serves them by name; `artifacts`: where they are also stored under that name, so every replica
   * can serve them.
   */
  constructor(options: { modelsDirs: readonly string[]; publishDir?: string; artifacts?: ArtifactService }) {
    this.#modelsDirs = options.modelsDirs;
    this.#publishDir = options.publishDir;
    this.#artifacts = options.artifacts;
  }

  async publish(artifactPath: string, jobId: string): Promise<string> {
    if (!this.#publishDir) return artifactPath;
    const name = `ft-${jobId.replace(/^ftjob_/, '')}`;
    await mkdir(this.#publishDir, { recursive: true });
    const link = join(this.#publishDir, name);
    await rm(link, { force: true });
    await symlink(artifactPath, link, 'dir');
    if (this.#artifacts) {
      const kind = isAdapterDir(artifactPath) ? 'lora' : 'weights';
      await this.#artifacts.publish({ name, kind, digest: await this.#artifacts.putDirectory(artifactPath, kind) });
    }
    return name;
  }

  parseConfig(config: unknown): Record<string, unknown> {
    return parseBackendConfig(this.name, BuiltinBackendConfigSchema, config);
  }

  checkBaseModel(baseModel: string): void {
    this.resolveModel(baseModel);
  }

  resolveModel(name: string): string {
    // `builtin/steward-mini` is how the gateway, the registry and the docs name it; the folder is `steward-mini`.
    const ref = name.startsWith('builtin/') ? name.slice('builtin/'.length) : name;
    if (isAbsolute(ref) && isModelDir(ref)) return ref;
    for (const root of this.#modelsDirs) {
      const dir = join(root, ref);
      if (existsSync(dir) && isModelDir(dir)) return dir;
    }
    throw new StewardError({ code: 'MODEL_FILE_MISSING', message: `no builtin model ${ref} in ${this.#modelsDirs.join(', ')}` });
  }

  async train(run: TrainingRun): Promise<TrainingOutput> {
    const config = BuiltinBackendConfigSchema.parse(run.config);
    const baseModelDir = this.resolveModel(run.baseModel);
    const outDir = run.workDir;
    const h = run.hyperParameters;
    const hyperParameters = { learningRate: h.learningRate, batchSize: h.batchSize, microBatchSize: h.batchSize, epochs: h.epochs, warmupSteps: h.warmupSteps, seed: h.seed, ...(h.maxSteps ? { maxSteps: h.maxSteps } : {}) };
    const lora = config.full ? (false as const) : { rank: h.adapterRank ?? 8 };
    const checkpointDir = join(run.workDir, '..', 'checkpoint');
    await run.saveCheckpoint({ checkpointDir });
    const hooks = {
      signal: run.signal,
      onProgress: (p: { step: number; totalSteps: number; loss: number; validationLoss?: number; tokensPerSecond: number }) =>
        run.progress({ step: p.step, totalSteps: p.totalSteps, loss: p.loss, metrics: { tokensPerSecond: p.tokensPerSecond, ...(p.validationLoss !== undefined ? { validationLoss: p.validationLoss } : {}) } }),
    };
    const common = { baseModelDir, outDir, name: run.outputModel, hyperParameters, lora, checkpointDir, threads: config.threads, baseDirs: [...this.#modelsDirs], inWorker: config.inWorker };
    let metrics: Record<string, number>;
    let kind: 'lora' | 'weights' = config.full ? 'weights' : 'lora';
    if (run.method === 'quantize') {
      const report = await quantize({ modelDir: baseModelDir, outDir, name: run.outputModel });
      metrics = Object.fromEntries(Object.entries(report).filter((e): e is [string, number] => typeof e[1] === 'number'));
      kind = 'weights';
    } else {
      const result =
        run.method === 'dpo'
          ? await trainDpo({ ...common, data: run.items.filter((i) => i.kind === 'preference').map((i): PreferenceExample => ({ prompt: turnsOf(i.input), chosen: i.chosen, rejected: i.rejected })), beta: h.beta }, hooks)
          : run.method === 'distill'
            ? await distill({ ...common, mode: 'logits', teacherModelDir: this.resolveModel(config.teacherModel ?? run.baseModel), data: run.items.map((i) => ({ messages: [...turnsOf(i.input), ...(i.kind === 'example' && i.reference ? [{ role: 'assistant' as const, content: i.reference }] : [])] })), temperature: h.temperature }, hooks)
            : await trainSft({ ...common, data: run.items.map((i) => ({ messages: [...turnsOf(i.input), { role: 'assistant' as const, content: i.kind === 'example' ? (i.reference ?? '') : i.chosen }] })) }, hooks);
      kind = result.kind === 'lora' ? 'lora' : 'weights';
      const s = result.summary as unknown as Record<string, unknown>;
      metrics = { trainExamples: result.trainExamples, validationExamples: result.validationExamples, ...Object.fromEntries(Object.entries(s).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))) };
    }
    if (run.signal.aborted) throw new StewardError({ code: 'TRAINING_CANCELLED' });
    return { artifactPath: outDir, remoteModel: null, remoteJobId: null, metrics, spec: { provider: 'builtin', base: run.baseModel, artifact: { kind } } };
  }
}
