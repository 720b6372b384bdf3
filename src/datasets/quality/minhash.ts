// MinHash signatures over character shingles and LSH banding (Broder 1997; Leskovec et al., Mining
// of Massive Datasets ch. 3): near-duplicate candidates in linear time instead of comparing all pairs.

const MAX_CHARS = 4000;

function fnv1a(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// murmur3's finaliser: a cheap, well-mixed family of hash functions indexed by seed.
function mix(value: number, seed: number): number {
  let h = (value ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The MinHash signature of `text` (first 4000 characters) over shingles of `shingle` characters.
 * The hash family is h_i(x) = h1(x) + i·h2(x) (Kirsch and Mitzenmacher 2006): one multiply per
 * hash and shingle, over the distinct shingles only.
 */
export function minhashSignature(text: string, numHashes: number, shingle: number): Uint32Array {
  const signature = new Uint32Array(numHashes).fill(0xffffffff);
  const length = Math.min(text.length, MAX_CHARS);
  const last = Math.max(length - shingle, 0);
  const shingles = new Set<number>();
  for (let start = 0; start <= last; start++) shingles.add(fnv1a(text, start, Math.min(start + shingle, length)));
  for (const base of shingles) {
    const h1 = mix(base, 0x9e3779b9);
    const h2 = mix(base, 0x7f4a7c15) | 1;
    for (let h = 0; h < numHashes; h++) {
      const value = (h1 + Math.imul(h, h2)) >>> 0;
      if (value < signature[h]) signature[h] = value;
    }
  }
  return signature;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** Bands × rows for `numHashes` whose S-curve threshold (1/b)^(1/r) sits just under `threshold`. */
export function chooseBands(numHashes: number, threshold: number): { bands: number; rows: number } {
  let best = { bands: numHashes, rows: 1 };
  let bestGap = Number.POSITIVE_INFINITY;
  for (let rows = 1; rows <= numHashes; rows++) {
    if (numHashes % rows !== 0) continue;
    const bands = numHashes / rows;
    const curve = (1 / bands) ** (1 / rows);
    // Prefer curves below the threshold (more recall); the exact check removes false candidates.
    const gap = curve <= threshold ? threshold - curve : (curve - threshold) * 4;
    if (gap < bestGap) {
      bestGap = gap;
      best = { bands, rows };
    }
  }
  return best;
}

/** Candidate pairs (i < j) sharing at least one LSH band. */
export function lshCandidatePairs(signatures: readonly Uint32Array[], bands: number, rows: number): [number, number][] {
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const n = signatures.length;
  for (let band = 0; band < bands; band++) {
    // Bands are keyed by a 32-bit hash of their rows; a rare collision only adds a candidate that
    // the Jaccard check then drops.
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      let key = 0x811c9dc5;
      for (let r = band * rows; r < band * rows + rows; r++) key = Math.imul(key ^ signatures[i][r], 0x01000193);
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else bucket.push(i);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      // A huge bucket (one text repeated thousands of times) would make this quadratic: chain it instead.
      const limited = bucket.length > 50;
      for (let a = 0; a < bucket.length; a++) {
        for (let b = a + 1; b < (limited ? Math.min(a + 2, bucket.length) : bucket.length); b++) {
          const i = bucket[a];
          const j = bucket[b];
          const key = i * n + j;
          if (seen.has(key)) continue;
          seen.add(key);
          pairs.push([i, j]);
        }
      }
    }
  }
  return pairs;
}

/** Groups of indices connected by `pairs` (union–find), each sorted, groups of one left out. */
export function connectedGroups(n: number, pairs: readonly [number, number][]): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [i]);
    else group.push(i);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}
