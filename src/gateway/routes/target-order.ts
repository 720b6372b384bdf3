// The order in which a route's targets are tried: as listed (single, fallback), or weighted: one target
// drawn by weight first (sticky per user or key when configured), then the others as fallbacks.
import { type RouteConfig, type RouteTarget, fallsBack } from './route-config.js';

/** FNV-1a of a string with murmur3's finaliser (so near-identical ids spread), mapped to [0, 1). */
export function stickyFraction(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

export function orderTargets(route: RouteConfig, context: { user?: string; keyId?: string | null }, routeName: string, random: () => number = Math.random): RouteTarget[] {
  if (route.policy === 'single') return route.targets.slice(0, 1);
  if (route.policy === 'fallback') return route.targets;
  const total = route.targets.reduce((sum, t) => sum + t.weight, 0);
  const stickyValue = route.sticky === 'user' ? context.user : route.sticky === 'key' ? (context.keyId ?? undefined) : undefined;
  const draw = (stickyValue !== undefined ? stickyFraction(`${routeName}\n${stickyValue}`) : random()) * total;
  let acc = 0;
  let chosen = route.targets.findIndex((t) => t.weight > 0);
  for (let i = 0; i < route.targets.length; i++) {
    acc += route.targets[i].weight;
    if (draw < acc && route.targets[i].weight > 0) {
      chosen = i;
      break;
    }
  }
  const first = route.targets[chosen];
  if (!fallsBack(route)) return [first];
  return [first, ...route.targets.filter((_, i) => i !== chosen)];
}
