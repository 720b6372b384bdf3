// The Overview's time ranges and the roll-up resolution each reads: per-minute buckets up to six
// hours, per-hour buckets beyond (so 30 days is 720 points, not 43,200).

export const RANGES = [
  { id: '15m', label: '15 min', ms: 15 * 60_000, step: 'minute' },
  { id: '1h', label: '1 h', ms: 3_600_000, step: 'minute' },
  { id: '6h', label: '6 h', ms: 6 * 3_600_000, step: 'minute' },
  { id: '24h', label: '24 h', ms: 86_400_000, step: 'hour' },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000, step: 'hour' },
  { id: '30d', label: '30 days', ms: 30 * 86_400_000, step: 'hour' },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];
export type Step = (typeof RANGES)[number]['step'];

export const STEP_MS: Record<Step, number> = { minute: 60_000, hour: 3_600_000 };

export function rangeOf(id: string): (typeof RANGES)[number] {
  return RANGES.find((range) => range.id === id) ?? RANGES[0];
}

/** Bucket starts from the bucket holding `from` up to `to`, so empty buckets still show as 0 or a gap. */
export function bucketGrid(from: number, to: number, step: Step): number[] {
  const size = STEP_MS[step];
  const grid: number[] = [];
  for (let t = Math.floor(from / size) * size; t < to; t += size) grid.push(t);
  return grid;
}
