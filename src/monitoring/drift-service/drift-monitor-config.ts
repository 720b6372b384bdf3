// What a drift monitor compares: which features of live traffic (on a route or model), over which
// current window, against which reference (an earlier window or a dataset version).
import { z } from 'zod';
import { invalid } from '../../errors/index.js';

export const DRIFT_FEATURES = ['input_length', 'output_length', 'input_tokens', 'output_tokens', 'output_words', 'embedding', 'feedback', 'bias'] as const;
export type DriftFeature = (typeof DRIFT_FEATURES)[number];
export const DRIFT_TESTS = ['ks', 'chi_squared', 'wasserstein', 'jensen_shannon', 'psi'] as const;
/** How a bias probe scores an answer: its length in characters, in words, or 1 clean / 0 toxic (the lexicon). */
export const BIAS_SCORES = ['output_length', 'output_words', 'toxicity'] as const;
export type BiasScore = (typeof BIAS_SCORES)[number];

/** The `bias` feature's probe: items of a dataset version and their counterfactuals sent through the monitor's route. */
export const BiasProbeConfigSchema = z
  .object({
    datasetVersionId: z.string().min(1),
    score: z.enum(BIAS_SCORES).default('output_length'),
    /** Pairs (an item whose input a swap changes, and its counterfactual) per run at most. */
    maxPairs: z.number().int().positive().max(1000).default(50),
    /** Seeds the name swaps and the bootstrap, so a run is reproducible. */
    seed: z.number().int().default(0),
  })
  .strict();
export type BiasProbeConfig = z.infer<typeof BiasProbeConfigSchema>;

export const DriftMonitorConfigSchema = z
  .object({
    route: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    features: z.array(z.enum(DRIFT_FEATURES)).min(1).default(['input_length', 'output_length']),
    /** Live traffic of the last this many seconds is the current sample. */
    currentWindowSeconds: z.number().int().positive().default(3600),
    reference: z.discriminatedUnion('kind', [
      /** An earlier window of live traffic, `offsetSeconds` before the current window (default: the window just before). */
      z.object({ kind: z.literal('window'), offsetSeconds: z.number().int().nonnegative().optional(), windowSeconds: z.number().int().positive().optional() }).strict(),
      /** The inputs and references of a dataset version. */
      z.object({ kind: z.literal('dataset'), datasetVersionId: z.string().min(1) }).strict(),
    ]),
    /** Embedding model for the `embedding` feature (a gateway model name). */
    embeddingModel: z.string().min(1).optional(),
    /** Force a test; otherwise chosen by sample size. */
    test: z.enum(DRIFT_TESTS).optional(),
    /** Samples per side at most (newest first). */
    maxSamples: z.number().int().positive().max(100_000).default(5000),
    /** Runs by itself once every this many seconds (on one replica); absent: only when asked. */
    scheduleSeconds: z.number().int().min(60).max(30 * 86_400).optional(),
    /** The probe of the `bias` feature. */
    bias: BiasProbeConfigSchema.optional(),
  })
  .strict();
export type DriftMonitorConfig = z.infer<typeof DriftMonitorConfigSchema>;

export function parseDriftMonitorConfig(input: unknown): DriftMonitorConfig {
  const r = DriftMonitorConfigSchema.safeParse(input);
  if (r.success) {
    if (r.data.features.includes('bias')) {
      if (!r.data.bias) throw invalid('invalid drift monitor: bias: the bias feature needs a bias probe (bias.datasetVersionId)');
      if (!r.data.route && !r.data.model) throw invalid('invalid drift monitor: route: the bias feature sends its probes through a route (or model)');
    }
    return r.data;
  }
  throw invalid(`invalid drift monitor: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}
