// Divergences between two discrete distributions given as counts over the same bins or tokens:
// Jensen–Shannon (symmetric, bounded) and the Population Stability Index.
import { invalid } from '../errors/index.js';

/**
 * Jensen–Shannon divergence in bits (log base 2), in [0, 1]: 0 for identical distributions,
 * 1 for disjoint ones. The JS *distance* (scipy `jensenshannon`) is its square root.
 */
export function jensenShannonDivergence(p: readonly number[], q: readonly number[]): number {
  const [pn, qn] = normalisePair(p, q);
  let divergence = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2;
    if (pn[i] > 0) divergence += 0.5 * pn[i] * Math.log2(pn[i] / m);
    if (qn[i] > 0) divergence += 0.5 * qn[i] * Math.log2(qn[i] / m);
  }
  return Math.min(1, Math.max(0, divergence));
}

/**
 * Population Stability Index Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) of the `actual` (current) proportions against
 * the `expected` (reference) ones. Empty bins get `epsilon` (default 1e-4) so the index stays
 * finite. Rule of thumb: < 0.1 stable, 0.1–0.2 moderate shift, > 0.2 significant shift.
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[], epsilon = 1e-4): number {
  const [e, a] = normalisePair(expected, actual);
  let psi = 0;
  for (let i = 0; i < e.length; i++) {
    // Only an empty bin is replaced: a small but observed share is real information.
    const ei = e[i] === 0 ? epsilon : e[i];
    const ai = a[i] === 0 ? epsilon : a[i];
    psi += (ai - ei) * Math.log(ai / ei);
  }
  return psi;
}

function normalisePair(p: readonly number[], q: readonly number[]): [number[], number[]] {
  if (p.length !== q.length) throw invalid('both distributions need the same bins');
  if (p.length === 0) throw invalid('distributions need at least one bin');
  return [normalise(p), normalise(q)];
}

function normalise(counts: readonly number[]): number[] {
  let total = 0;
  for (const c of counts) {
    if (!(c >= 0) || !Number.isFinite(c)) throw invalid('counts must be finite and non-negative');
    total += c;
  }
  if (total === 0) throw invalid('a distribution needs a positive total count');
  return counts.map((c) => c / total);
}

/**
 * Aligns two token → count maps on the union of their keys. With `topK`, keeps the K most frequent
 * tokens of the reference plus any token among the K most frequent of the current, and folds the
 * rest into one `__other__` bin, so a long tail does not dominate.
 */
export function alignCounts(
  reference: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  current: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  topK?: number,
): { keys: string[]; reference: number[]; current: number[] } {
  const ref = toMap(reference);
  const cur = toMap(current);
  let keys = [...new Set([...ref.keys(), ...cur.keys()])].sort();
  let other = false;
  if (topK !== undefined && keys.length > topK) {
    const top = (m: Map<string, number>) => [...m.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, topK).map(([k]) => k);
    keys = [...new Set([...top(ref), ...top(cur)])].sort();
    other = true;
  }
  const kept = new Set(keys);
  const fold = (m: Map<string, number>) => {
    const row = keys.map((k) => m.get(k) ?? 0);
    if (other) {
      let rest = 0;
      for (const [k, v] of m) if (!kept.has(k)) rest += v;
      row.push(rest);
    }
    return row;
  };
  return { keys: other ? [...keys, '__other__'] : keys, reference: fold(ref), current: fold(cur) };
}

function toMap(counts: ReadonlyMap<string, number> | Readonly<Record<string, number>>): Map<string, number> {
  return counts instanceof Map ? new Map(counts) : new Map(Object.entries(counts));
}
