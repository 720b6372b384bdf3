// Agreement between annotators: Krippendorff's alpha (any number of annotators, missing ratings
// allowed; nominal or interval distance) and Cohen's kappa for two annotators on nominal labels.

/** Ratings: one row per item, one entry per annotator (undefined when that annotator skipped it). */
export type RatingTable = readonly (readonly (string | number | undefined)[])[];

export type AlphaLevel = 'nominal' | 'interval';

/**
 * Krippendorff's alpha = 1 − D_o / D_e over pairable values (items with at least two ratings).
 * Returns null when there is nothing to compare or no variation at all.
 * @example krippendorffAlpha([['a', 'a'], ['b', 'b'], ['a', 'b']], 'nominal')
 */
export function krippendorffAlpha(table: RatingTable, level: AlphaLevel = 'nominal'): number | null {
  const units = table.map((row) => row.filter((v): v is string | number => v !== undefined)).filter((row) => row.length >= 2);
  const n = units.reduce((s, u) => s + u.length, 0);
  if (n < 2) return null;
  const delta = (a: string | number, b: string | number): number => (level === 'interval' ? (Number(a) - Number(b)) ** 2 : a === b ? 0 : 1);
  let observed = 0;
  for (const u of units) {
    let sum = 0;
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) sum += delta(u[i], u[j]);
    observed += sum / (u.length - 1);
  }
  observed /= n;
  const all = units.flat();
  let expected = 0;
  for (let i = 0; i < all.length; i++) for (let j = 0; j < all.length; j++) if (i !== j) expected += delta(all[i], all[j]);
  expected /= n * (n - 1);
  if (expected === 0) return null;
  return 1 - observed / expected;
}

/** Cohen's kappa of two annotators over the items both rated; null without variation. */
export function cohensKappa(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): number | null {
  const pairs: [string, string][] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== undefined && b[i] !== undefined) pairs.push([a[i] as string, b[i] as string]);
  if (pairs.length === 0) return null;
  const po = pairs.filter(([x, y]) => x === y).length / pairs.length;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const [x, y] of pairs) {
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
  }
  let pe = 0;
  for (const [label, ca] of countA) pe += (ca / pairs.length) * ((countB.get(label) ?? 0) / pairs.length);
  if (pe === 1) return null;
  return (po - pe) / (1 - pe);
}
