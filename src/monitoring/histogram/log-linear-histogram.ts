// A mergeable histogram with logarithmic buckets (the DDSketch mapping): every quantile it returns
// is within a relative error α of a true sample value, and histograms of different replicas or
// minutes merge exactly by adding bucket counts.
import { invalid } from '../../errors/index.js';

/** Default relative accuracy: 1 % (about 1 150 buckets cover 1 µs to 3 hours in milliseconds). */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/** Values with |v| below this are counted in the zero bucket. */
const MIN_INDEXABLE = 1e-9;

/**
 * Log-bucketed histogram of non-negative or negative numbers (latency, TTFT, tokens, cost).
 * Bucket i holds values in (γ^(i−1), γ^i] with γ = (1 + α)/(1 − α); its representative value
 * 2γ^i/(γ + 1) is within α of every value in it.
 *
 * @example
 * const h = new LogLinearHistogram();
 * for (const ms of latencies) h.record(ms);
 * h.quantile(0.99);
 * const stored = JSON.stringify(h.toJSON());
 */
export class LogLinearHistogram {
  readonly relativeAccuracy: number;
  readonly #gamma: number;
  readonly #logGamma: number;
  readonly #positive = new Map<number, number>();
  readonly #negative = new Map<number, number>();
  #zero = 0;
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  constructor(relativeAccuracy = DEFAULT_RELATIVE_ACCURACY) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw invalid('relative accuracy must be between 0 and 1');
    this.relativeAccuracy = relativeAccuracy;
    this.#gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.#logGamma = Math.log(this.#gamma);
  }

  get count(): number {
    return this.#count;
  }
  get sum(): number {
    return this.#sum;
  }
  /** Smallest recorded value (NaN when empty). */
  get min(): number {
    return this.#count === 0 ? Number.NaN : this.#min;
  }
  /** Largest recorded value (NaN when empty). */
  get max(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }
  get mean(): number {
    return this.#count === 0 ? Number.NaN : this.#sum / this.#count;
  }
  /** Number of non-empty buckets (a proxy of the serialised size). */
  get bucketCount(): number {
    return this.#positive.size + this.#negative.size + (this.#zero > 0 ? 1 : 0);
  }

  /** Records `value` `times` times (default once). */
  record(value: number, times = 1): this {
    if (!Number.isFinite(value)) throw invalid('a histogram value must be a finite number');
    if (!(Number.isInteger(times) && times > 0)) throw invalid('times must be a positive integer');
    if (Math.abs(value) < MIN_INDEXABLE) this.#zero += times;
    else {
      const store = value > 0 ? this.#positive : this.#negative;
      const index = this.#index(Math.abs(value));
      store.set(index, (store.get(index) ?? 0) + times);
    }
    this.#count += times;
    this.#sum += value * times;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    return this;
  }

  /** Adds every observation of `other` into this histogram (same accuracy required). */
  merge(other: LogLinearHistogram): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) throw invalid('cannot merge histograms of different accuracy');
    for (const [i, c] of other.#positive) this.#positive.set(i, (this.#positive.get(i) ?? 0) + c);
    for (const [i, c] of other.#negative) this.#negative.set(i, (this.#negative.get(i) ?? 0) + c);
    this.#zero += other.#zero;
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    return this;
  }

  /**
   * Estimated q-quantile (q ∈ [0, 1]): the value of rank ⌊q·(n − 1)⌋ in ascending order, within
   * relative error α, clamped to [min, max]. NaN when empty.
   */
  quantile(q: number): number {
    if (this.#count === 0) return Number.NaN;
    if (!(q >= 0 && q <= 1)) throw invalid('a quantile must be between 0 and 1');
    if (q === 0) return this.#min;
    if (q === 1) return this.#max;
    const rank = Math.floor(q * (this.#count - 1));
    let seen = 0;
    // Ascending order: most negative first (largest |v| index), then zero, then positives.
    const negatives = [...this.#negative.keys()].sort((a, b) => b - a);
    for (const index of negatives) {
      seen += this.#negative.get(index)!;
      if (seen > rank) return this.#clamp(-this.#value(index));
    }
    seen += this.#zero;
    if (seen > rank) return this.#clamp(0);
    const positives = [...this.#positive.keys()].sort((a, b) => a - b);
    for (const index of positives) {
      seen += this.#positive.get(index)!;
      if (seen > rank) return this.#clamp(this.#value(index));
    }
    return this.#max;
  }

  /** A deep copy. */
  clone(): LogLinearHistogram {
    return new LogLinearHistogram(this.relativeAccuracy).merge(this);
  }

  /** Compact, sparse JSON form for a database text column; see {@link SerializedHistogram}. */
  toJSON(): SerializedHistogram {
    const json: SerializedHistogram = { v: 1, a: this.relativeAccuracy, n: this.#count, s: this.#sum, p: encodeBuckets(this.#positive) };
    if (this.#count > 0) {
      json.lo = this.#min;
      json.hi = this.#max;
    }
    if (this.#negative.size > 0) json.m = encodeBuckets(this.#negative);
    if (this.#zero > 0) json.z = this.#zero;
    return json;
  }

  /** Rebuilds a histogram from {@link toJSON} output (object or JSON string); throws VALIDATION_FAILED if malformed. */
  static fromJSON(input: SerializedHistogram | string): LogLinearHistogram {
    let json: unknown = input;
    if (typeof input === 'string') {
      try {
        json = JSON.parse(input);
      } catch {
        throw invalid('histogram JSON does not parse');
      }
    }
    const data = json as Partial<SerializedHistogram> | null;
    if (!data || typeof data !== 'object' || data.v !== 1 || typeof data.a !== 'number' || typeof data.n !== 'number' || typeof data.s !== 'number' || !Array.isArray(data.p)) {
      throw invalid('not a serialised histogram (expected { v: 1, a, n, s, p })');
    }
    const h = new LogLinearHistogram(data.a);
    decodeBuckets(data.p, h.#positive);
    if (data.m !== undefined) decodeBuckets(data.m, h.#negative);
    h.#zero = data.z ?? 0;
    let total = h.#zero;
    for (const c of h.#positive.values()) total += c;
    for (const c of h.#negative.values()) total += c;
    if (total !== data.n) throw invalid(`histogram bucket counts (${total}) do not add up to n (${data.n})`);
    h.#count = data.n;
    h.#sum = data.s;
    if (data.n > 0) {
      if (typeof data.lo !== 'number' || typeof data.hi !== 'number') throw invalid('a non-empty histogram needs lo and hi');
      h.#min = data.lo;
      h.#max = data.hi;
    }
    return h;
  }

  #index(absValue: number): number {
    return Math.ceil(Math.log(absValue) / this.#logGamma);
  }

  #value(index: number): number {
    return (2 * this.#gamma ** index) / (this.#gamma + 1);
  }

  #clamp(value: number): number {
    return Math.min(this.#max, Math.max(this.#min, value));
  }
}

/**
 * Serialised histogram. Buckets are a flat array of (index delta, count) pairs in ascending
 * index order: `[firstIndex, count, gap, count, …]`, so dense latency ranges cost two small
 * integers per bucket.
 */
export interface SerializedHistogram {
  v: 1;
  /** Relative accuracy α. */
  a: number;
  n: number;
  s: number;
  lo?: number;
  hi?: number;
  /** Zero bucket count. */
  z?: number;
  /** Positive buckets. */
  p: number[];
  /** Negative buckets (by |value|). */
  m?: number[];
}

function encodeBuckets(store: Map<number, number>): number[] {
  const out: number[] = [];
  let previous = 0;
  for (const index of [...store.keys()].sort((a, b) => a - b)) {
    out.push(out.length === 0 ? index : index - previous, store.get(index)!);
    previous = index;
  }
  return out;
}

function decodeBuckets(encoded: unknown[], store: Map<number, number>): void {
  if (encoded.length % 2 !== 0) throw invalid('histogram buckets must be (index, count) pairs');
  let index = 0;
  for (let k = 0; k < encoded.length; k += 2) {
    const delta = encoded[k];
    const count = encoded[k + 1];
    if (!Number.isInteger(delta) || (k > 0 && (delta as number) <= 0)) throw invalid('histogram bucket indices must be ascending integers');
    if (!Number.isInteger(count) || (count as number) <= 0) throw invalid('histogram bucket counts must be positive integers');
    index = k === 0 ? (delta as number) : index + (delta as number);
    store.set(index, count as number);
  }
}
