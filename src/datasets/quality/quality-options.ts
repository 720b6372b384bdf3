// Thresholds of the quality checks, with defaults; every field is optional for the caller.
import { z } from 'zod';
import { QUALITY_CHECK_NAMES } from './quality-check.js';

export const QualityOptionsSchema = z.object({
  /** Which checks to run; all by default. */
  checks: z.array(z.enum(QUALITY_CHECK_NAMES)).optional(),
  /** Share of items in duplicate groups above which duplicates fail rather than warn. */
  duplicateFailShare: z.number().min(0).max(1).default(0.1),
  /** Jaccard similarity of character shingles from which two items are near duplicates. */
  nearDuplicateThreshold: z.number().gt(0).max(1).default(0.8),
  shingleSize: z.number().int().min(2).max(20).default(5),
  numHashes: z.number().int().min(16).max(256).default(64),
  /** Majority label share from which labels count as imbalanced. */
  maxMajorityShare: z.number().gt(0).max(1).default(0.8),
  /** Robust z-score (median/MAD) beyond which a length is an outlier. */
  lengthZThreshold: z.number().positive().default(3.5),
  /** A trigger or token must occur in at least this many items… */
  minTriggerCount: z.number().int().min(2).default(3),
  /** …and in at most this share of items, to count as rare. */
  maxTriggerShare: z.number().gt(0).max(1).default(0.05),
  /** Share of the top `provenance.source` from which one source dominates. */
  maxSourceShare: z.number().gt(0).max(1).default(0.8),
});
export type QualityOptionsInput = z.input<typeof QualityOptionsSchema>;
export type QualityOptions = z.output<typeof QualityOptionsSchema>;
