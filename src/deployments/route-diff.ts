// A structured diff of two route configurations: each changed leaf with its path, so a reviewer
// (or `steward routes diff`) sees exactly what a revision changed.

export const DIFF_KINDS = ['added', 'removed', 'changed'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

export interface DiffEntry {
  /** Dotted path, array items by index: `targets.1.weight`. */
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

/** Differences from `a` to `b` (either may be null: a deleted route). */
export function diffValues(a: unknown, b: unknown, path = ''): DiffEntry[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => diffMember(a, b, key, join(path, key)));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const entries: DiffEntry[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = join(path, String(i));
      if (i >= a.length) entries.push({ path: p, kind: 'added', after: b[i] });
      else if (i >= b.length) entries.push({ path: p, kind: 'removed', before: a[i] });
      else entries.push(...diffValues(a[i], b[i], p));
    }
    return entries;
  }
  if (same(a, b)) return [];
  if (a === undefined || a === null) return [{ path: path || '(route)', kind: 'added', after: b }];
  if (b === undefined || b === null) return [{ path: path || '(route)', kind: 'removed', before: a }];
  return [{ path: path || '(route)', kind: 'changed', before: a, after: b }];
}

function diffMember(a: Record<string, unknown>, b: Record<string, unknown>, key: string, path: string): DiffEntry[] {
  const inA = key in a && a[key] !== undefined;
  const inB = key in b && b[key] !== undefined;
  if (inA && !inB) return [{ path, kind: 'removed', before: a[key] }];
  if (!inA && inB) return [{ path, kind: 'added', after: b[key] }];
  return diffValues(a[key], b[key], path);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
