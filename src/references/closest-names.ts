// "Did you mean …": the known names closest to a misspelt one, by Levenshtein distance, so an error
// about a missing reference can name what the user probably meant.

/** The Levenshtein distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `max` known names close to `value`: within a third of its length in edits (at least 2), or
 * containing it, nearest first, ties by name.
 * @example closestNames('modles', ['models', 'prompts']) // ['models']
 */
export function closestNames(value: string, known: Iterable<string>, max = 3): string[] {
  const needle = value.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(known)) {
    const distance = editDistance(needle, name.toLowerCase());
    if (distance <= limit || (needle.length >= 3 && name.toLowerCase().includes(needle))) scored.push({ name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** ` (did you mean "a" or "b"?)`, or '' when nothing is close. */
export function didYouMean(value: string, known: Iterable<string>): string {
  const close = closestNames(value, known);
  if (close.length === 0) return '';
  const quoted = close.map((n) => JSON.stringify(n));
  return ` (did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?)`;
}
