// Drift monitors (/api/drift): which features of live traffic are compared against which
// reference, and the stored results of each run.
import { z } from 'zod';
import type { Agree } from './common-contract.js';
import { BIAS_SCORES, type BiasProbeConfig, DRIFT_FEATURES, DRIFT_TESTS } from '../monitoring/drift-service/drift-monitor-config.js';
// The value lists are the domain's own, declared once there.
export { BIAS_SCORES, DRIFT_FEATURES, DRIFT_TESTS };

const biasProbeFields = {
  datasetVersionId: z.string().min(1).describe('Probe with the items of this dataset version whose input a counterfactual swap (names, gendered terms, pronouns) changes'),
  score: z.enum(BIAS_SCORES).optional().describe('How each answer is scored: output_length (characters, default), output_words, toxicity (1 clean, 0 toxic by the lexicon)'),
  maxPairs: z.number().int().positive().max(1000).optional().describe('Pairs per run at most; default 50'),
  seed: z.number().int().optional().describe('Seeds the name swaps and the bootstrap; default 0'),
};
/** The `bias` feature's probe as a user writes it. */
export const BiasProbeConfigBodySchema = z.object(biasProbeFields).strict();
/** A stored probe, defaults applied. */
export const BiasProbeConfigSchema = z.object({ ...biasProbeFields, score: z.enum(BIAS_SCORES), maxPairs: z.number(), seed: z.number() }).meta({ id: 'BiasProbeConfig' });
true satisfies Agree<BiasProbeConfig, z.infer<typeof BiasProbeConfigSchema>>;

export const DriftReferenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window'), offsetSeconds: z.number().int().nonnegative().optional().describe('Default: the window just before the current one'), windowSeconds: z.number().int().positive().optional() }).strict(),
  z.object({ kind: z.literal('dataset'), datasetVersionId: z.string().min(1).describe('Compare against the inputs and references of this dataset version') }).strict(),
]);

const driftConfigFields = {
  route: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  features: z.array(z.enum(DRIFT_FEATURES)).min(1).optional().describe('Default input_length, output_length'),
  currentWindowSeconds: z.number().int().positive().optional().describe('Live traffic of the last this many seconds is the current sample; default 3600'),
  reference: DriftReferenceSchema,
  embeddingModel: z.string().min(1).optional().describe('Gateway model for the embedding feature'),
  test: z.enum(DRIFT_TESTS).optional().describe('Force a test; otherwise chosen by sample size'),
  maxSamples: z.number().int().positive().max(100_000).optional().describe('Samples per side at most; default 5000'),
  scheduleSeconds: z.number().int().min(60).max(2_592_000).optional().describe('Runs by itself once every this many seconds, on one replica; absent: only when asked'),
  bias: BiasProbeConfigBodySchema.optional().describe('The probe of the bias feature (needed with it; sent through `route`, or `model`)'),
};

/** A monitor's configuration as a user writes it. */
export const DriftMonitorConfigBodySchema = z
  .object(driftConfigFields)
  .strict()
  .meta({ examples: [{ route: 'support-bot', features: ['input_length', 'embedding'], reference: { kind: 'dataset', datasetVersionId: 'dsv_01J…' }, embeddingModel: 'builtin/steward-mini' }] });

/** A stored configuration, defaults applied. */
export const DriftMonitorConfigSchema = z
  .object({ ...driftConfigFields, features: z.array(z.enum(DRIFT_FEATURES)), currentWindowSeconds: z.number(), maxSamples: z.number(), bias: BiasProbeConfigSchema.optional() })
  .meta({ id: 'DriftMonitorConfig' });

export const DriftMonitorSchema = z.object({ id: z.string(), name: z.string(), config: DriftMonitorConfigSchema, createdAt: z.string() }).meta({ id: 'DriftMonitor' });
export type DriftMonitor = z.infer<typeof DriftMonitorSchema>;

export const CreateDriftMonitorBodySchema = z.object({ name: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/), config: DriftMonitorConfigBodySchema }).strict();
export const UpdateDriftMonitorBodySchema = z.object({ config: DriftMonitorConfigBodySchema }).strict();

export const DriftResultSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    feature: z.string(),
    test: z.string(),
    statistic: z.number(),
    pValue: z.number().optional(),
    threshold: z.number(),
    drifted: z.boolean(),
    nReference: z.number(),
    nCurrent: z.number(),
    details: z.record(z.string(), z.union([z.number(), z.string()])).optional().describe('Test-specific extras; for bias: gap, lower, upper (the CI), confidence, score, model'),
  })
  .meta({ id: 'DriftResult' });

export const DriftResultQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
