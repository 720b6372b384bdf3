// Whether the number in the output equals the reference number within a tolerance.
import { z } from 'zod';
import { targetText } from '../../datasets/dataset-item.js';
import { type EvalMetric, metricError } from './eval-metric.js';

const NUMBER = /[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+−]?\.\d+/g;

/** The first or last number written in `text` (thousands separators and a Unicode minus allowed). */
export function extractNumber(text: string, which: 'first' | 'last'): number | undefined {
  const matches = text.match(NUMBER);
  if (matches === null) return undefined;
  const raw = which === 'first' ? matches[0] : matches[matches.length - 1];
  const value = Number(raw.replaceAll(',', '').replace('−', '-'));
  return Number.isFinite(value) ? value : undefined;
}

/** Which number of the output is its answer. */
export const NUMBER_EXTRACTS = ['first', 'last'] as const;

export const NumericConfigSchema = z.object({
  /** Passes when |output − reference| ≤ absolute. */
  absolute: z.number().min(0).default(1e-6),
  /** Also passes when |output − reference| ≤ relative × |reference|. */
  relative: z.number().min(0).default(0),
  /** Which number of the output is its answer (default the last, as in worked solutions). */
  extract: z.enum(NUMBER_EXTRACTS).default('last'),
});
export type NumericConfig = z.infer<typeof NumericConfigSchema>;

export const numericMetric: EvalMetric<NumericConfig> = {
  name: 'numeric',
  description:
    'Whether the number in the output equals the reference number within an absolute or relative tolerance. 1 or 0; higher is better.',
  higherIsBetter: true,
  range: [0, 1],
  configSchema: NumericConfigSchema,
  async score({ item, output }, config) {
    const referenceText = targetText(item);
    const expected = referenceText === undefined ? undefined : extractNumber(referenceText, 'last');
    if (expected === undefined) return metricError('the item has no numeric reference');
    const actual = extractNumber(output, config.extract);
    if (actual === undefined) return { score: 0, passed: false, details: { expected, reason: 'no number in the output' } };
    const difference = Math.abs(actual - expected);
    const ok = difference <= config.absolute || difference <= config.relative * Math.abs(expected);
    return { score: ok ? 1 : 0, passed: ok, details: { expected, actual, difference } };
  },
};
