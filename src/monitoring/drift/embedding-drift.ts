// Drift of embedding vectors. Method: fit the top principal directions of the reference
// embeddings, project both samples on them, and run a two-sample KS test per direction with a
// Bonferroni correction; the mean-embedding cosine distance is reported alongside.
import { invalid } from '../../errors/index.js';
import { createSeededRandom, kolmogorovSmirnovTest } from '../../statistics/index.js';
import type { DriftResult } from './drift-result.js';

/** Options of {@link detectEmbeddingDrift}. */
export interface EmbeddingDriftOptions {
  /** Principal directions tested (default 5). */
  components?: number;
  /** Family-wise significance level (default 0.05). */
  threshold?: number;
  /** Reference rows used to fit the directions (default 1000, sampled with the seed). */
  maxFitRows?: number;
  seed?: number;
}

/**
 * Why this method: a drift in meaning moves embeddings along the directions in which the
 * reference varies most; projecting there turns a d-dimensional comparison into k one-dimensional
 * ones that the KS test handles without distribution assumptions, and Bonferroni (p = k·min pᵢ)
 * keeps the false-alarm rate at the threshold. Shifts confined to low-variance directions are
 * missed by the test; the cosine distance between mean embeddings (in details) catches
 * wholesale moves of the centroid.
 */
export function detectEmbeddingDrift(feature: string, reference: readonly (readonly number[])[], current: readonly (readonly number[])[], options: EmbeddingDriftOptions = {}): DriftResult {
  if (reference.length < 3 || current.length < 1) throw invalid(`embedding drift of ${feature} needs at least 3 reference and 1 current vectors`);
  const d = reference[0].length;
  for (const [name, rows] of [['reference', reference], ['current', current]] as const) {
    rows.forEach((row, i) => {
      if (row.length !== d) throw invalid(`${name}[${i}] has ${row.length} dimensions, expected ${d}`);
    });
  }
  const threshold = options.threshold ?? 0.05;
  const rng = createSeededRandom(options.seed ?? 1);
  const maxFit = options.maxFitRows ?? 1000;
  const fitRows = reference.length <= maxFit ? reference : Array.from({ length: maxFit }, () => reference[rng.int(reference.length)]);
  const center = meanVector(reference, d);
  const centred = fitRows.map((row) => row.map((v, j) => v - center[j]));
  const k = Math.max(1, Math.min(options.components ?? 5, d, fitRows.length - 1));
  const directions = principalDirections(centred, d, k, rng);
  const project = (row: readonly number[], direction: number[]) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (row[j] - center[j]) * direction[j];
    return s;
  };
  let maxD = 0;
  let minP = 1;
  for (const direction of directions) {
    const r = kolmogorovSmirnovTest(
      reference.map((row) => project(row, direction)),
      current.map((row) => project(row, direction)),
    );
    maxD = Math.max(maxD, r.statistic);
    minP = Math.min(minP, r.pValue);
  }
  const pValue = Math.min(1, minP * directions.length);
  return {
    feature,
    test: 'pca_ks_bonferroni',
    statistic: maxD,
    pValue,
    threshold,
    drifted: pValue < threshold,
    nReference: reference.length,
    nCurrent: current.length,
    details: { components: directions.length, meanCosineDistance: cosineDistance(center, meanVector(current, d)) },
  };
}

function meanVector(rows: readonly (readonly number[])[], d: number): number[] {
  const m = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) m[j] += row[j];
  return m.map((v) => v / rows.length);
}

/** 1 − cosine similarity; 0 for parallel, 1 for orthogonal vectors. */
export function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  if (na === 0 || nb === 0) return na === nb ? 0 : 1;
  return 1 - dot / Math.sqrt(na * nb);
}

/** Top-k eigenvectors of XᵀX by power iteration with re-orthogonalisation (never forms the d×d matrix). */
function principalDirections(x: number[][], d: number, k: number, rng: { normal(): number }): number[][] {
  const found: number[][] = [];
  for (let c = 0; c < k; c++) {
    let v = normalise(Array.from({ length: d }, () => rng.normal()));
    for (let iteration = 0; iteration < 50; iteration++) {
      const xv = x.map((row) => row.reduce((s, value, j) => s + value * v[j], 0));
      const next = new Array<number>(d).fill(0);
      x.forEach((row, i) => {
        for (let j = 0; j < d; j++) next[j] += row[j] * xv[i];
      });
      for (const u of found) {
        const dot = next.reduce((s, value, j) => s + value * u[j], 0);
        for (let j = 0; j < d; j++) next[j] -= dot * u[j];
      }
      const norm = Math.hypot(...next);
      if (norm < 1e-12) break;
      const candidate = next.map((value) => value / norm);
      const change = Math.abs(Math.abs(candidate.reduce((s, value, j) => s + value * v[j], 0)) - 1);
      v = candidate;
      if (change < 1e-10) break;
    }
    found.push(v);
  }
  return found;
}

function normalise(v: number[]): number[] {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
