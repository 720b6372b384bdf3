// How deeply an item may nest objects and arrays. Measured without recursion, before anything that
// recurses over the item (zod, canonical JSON, hashing) sees it: a 3,000-deep `metadata` is a clear
// 400, never a stack overflow.

/** Levels of nested objects/arrays an item may have (the item itself is level 1). */
export const MAX_ITEM_DEPTH = 64;

/** True when `value` nests objects or arrays deeper than `limit` levels. */
export function nestsDeeperThan(value: unknown, limit: number = MAX_ITEM_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
