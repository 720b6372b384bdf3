// Routes may target other routes by name; a cycle (A → B → A) would loop forever, so every route
// write is checked first. A target equal to the route's own name is not a self-loop: it names the
// registry model the route fronts (route `bot` → model `bot`'s production alias).
import { StewardError } from '../errors/index.js';

/** The part of a route config the graph needs. */
export interface RouteNode {
  name: string;
  targets: readonly { model: string }[];
}

/** The cycle `candidate` would close, as route names from it back to it, or null. */
export function findRouteCycle(candidate: RouteNode, lookup: (name: string) => RouteNode | undefined): string[] | null {
  const nodeOf = (name: string) => (name === candidate.name ? candidate : lookup(name));
  const visit = (name: string, path: string[]): string[] | null => {
    const node = nodeOf(name);
    if (!node) return null;
    for (const target of node.targets) {
      if (target.model === node.name) continue;
      if (target.model === candidate.name) return [...path, candidate.name];
      if (path.includes(target.model)) continue;
      const found = visit(target.model, [...path, target.model]);
      if (found) return found;
    }
    return null;
  };
  return visit(candidate.name, [candidate.name]);
}

/** Throws ROUTE_CYCLE when writing `candidate` would close a cycle. */
export function assertNoRouteCycle(candidate: RouteNode, lookup: (name: string) => RouteNode | undefined): void {
  const cycle = findRouteCycle(candidate, lookup);
  if (cycle) throw new StewardError({ code: 'ROUTE_CYCLE', message: `routes would target each other in a cycle: ${cycle.join(' → ')}`, details: { cycle } });
}

/** Throws ROUTE_WEIGHTS_INVALID unless every weight is finite and ≥ 0 and their sum is positive. */
export function assertWeights(weights: readonly number[]): void {
  const bad = weights.some((w) => !Number.isFinite(w) || w < 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (bad || !(sum > 0)) throw new StewardError({ code: 'ROUTE_WEIGHTS_INVALID', message: `weights ${JSON.stringify(weights)} must be non-negative with a positive sum`, details: { weights } });
}
