// Picks the next token from logits: greedy at temperature 0, otherwise temperature, top-k and top-p
// (nucleus) filtering with a seeded PRNG, after presence and frequency penalties.
import type { Prng } from '../nn/prng.js';

/** Sampling settings of one request (OpenAI names in camelCase). */
export interface SamplingOptions {
  /** 0 = greedy; default 1. */
  temperature?: number;
  topK?: number;
  topP?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

/**
 * What a builtin model samples with when the request leaves a setting out (a model's config.json may
 * override it under `meta.sampling`). Its toy tasks have one right answer, so the defaults keep
 * almost all of the mass on the best token; a request still gets temperature 1 by asking for it.
 */
export const BUILTIN_SAMPLING_DEFAULTS = { temperature: 0.3, topP: 0.9 } as const satisfies SamplingOptions;

/**
 * Chooses a token from one row of logits. `counts` holds how often each token was generated so far
 * (for penalties); `banned` ids are never chosen. `scratch` must hold vocab floats.
 */
export function sampleToken(logits: Float32Array, o: SamplingOptions, rng: Prng, counts: Map<number, number>, banned: ReadonlySet<number>, scratch: Float32Array): number {
  const V = logits.length;
  const l = scratch;
  l.set(logits);
  for (const [id, n] of counts) l[id] -= (o.presencePenalty ?? 0) + (o.frequencyPenalty ?? 0) * n;
  for (const id of banned) l[id] = -Infinity;
  const temperature = o.temperature ?? 1;
  if (temperature <= 0) {
    let best = 0;
    for (let v = 1; v < V; v++) if (l[v] > l[best]) best = v;
    return best;
  }
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (l[v] > max) max = l[v];
  if (!(o.topK && o.topK > 0) && (o.topP === undefined || o.topP >= 1)) {
    // plain temperature sampling needs no sort: walk the cumulative mass in id order
    let total = 0;
    for (let v = 0; v < V; v++) {
      l[v] = Math.exp((l[v] - max) / temperature);
      total += l[v];
    }
    let r = rng.next() * total;
    for (let v = 0; v < V; v++) {
      r -= l[v];
      if (r <= 0 && l[v] > 0) return v;
    }
    for (let v = V - 1; v >= 0; v--) if (l[v] > 0) return v;
  }
  const ids: number[] = [];
  for (let v = 0; v < V; v++) {
    l[v] = Math.exp((l[v] - max) / temperature);
    if (l[v] > 0) ids.push(v);
  }
  ids.sort((a, b) => l[b] - l[a] || a - b);
  let keep = ids.length;
  if (o.topK && o.topK > 0) keep = Math.min(keep, o.topK);
  let total = 0;
  for (let i = 0; i < keep; i++) total += l[ids[i]];
  if (o.topP !== undefined && o.topP < 1) {
    let acc = 0;
    for (let i = 0; i < keep; i++) {
      acc += l[ids[i]] / total;
      if (acc >= o.topP) {
        keep = i + 1;
        break;
      }
    }
    total = 0;
    for (let i = 0; i < keep; i++) total += l[ids[i]];
  }
  let r = rng.next() * total;
  for (let i = 0; i < keep; i++) {
    r -= l[ids[i]];
    if (r <= 0) return ids[i];
  }
  return ids[keep - 1];
}
