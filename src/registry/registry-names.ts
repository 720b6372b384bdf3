// Names in the registry: model names, the stable version names `name-001`, and the references a
// client may call (`name-002`, `name@alias`, bare `name`).
import { invalid } from '../errors/index.js';

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const VERSION_SUFFIX = /-\d{3,}$/;
const ALIAS_NAME = /^[a-z][a-z0-9._-]{0,62}$/;

/** Throws VALIDATION_FAILED unless `name` can name a model. */
export function assertModelName(name: string): void {
  if (!MODEL_NAME.test(name)) throw invalid(`model name ${JSON.stringify(name)} must be lower case letters, digits, '.', '_' or '-' (at most 100)`);
  if (VERSION_SUFFIX.test(name)) throw invalid(`model name ${name} must not end in -NNN: that is how its versions are named`);
}

export function assertAliasName(alias: string): void {
  if (!ALIAS_NAME.test(alias)) throw invalid(`alias ${JSON.stringify(alias)} must start with a letter and hold lower case letters, digits, '.', '_' or '-'`);
}

/** `gpt-small` and 2 → `gpt-small-002`. */
export function versionName(model: string, seq: number): string {
  return `${model}-${String(seq).padStart(3, '0')}`;
}

/** What a version parameter may be: `name-002`, `002`, `2`, or `v2`; the number, or null. */
export function parseVersionNumber(model: string, ref: string): number | null {
  const prefix = `${model}-`;
  const digits = ref.startsWith(prefix) ? ref.slice(prefix.length) : ref.replace(/^v/, '');
  if (!/^\d{1,9}$/.test(digits)) return null;
  const n = Number(digits);
  return n > 0 ? n : null;
}

export type ModelReference =
  | { kind: 'version'; model: string; seq: number }
  | { kind: 'alias'; model: string; alias: string }
  | { kind: 'model'; model: string };

/** Splits what a client calls into a version, an alias, or a bare model name. */
export function parseModelReference(ref: string): ModelReference {
  const at = ref.lastIndexOf('@');
  if (at > 0) return { kind: 'alias', model: ref.slice(0, at), alias: ref.slice(at + 1) };
  const match = /^(.+)-(\d{3,})$/.exec(ref);
  if (match) return { kind: 'version', model: match[1], seq: Number(match[2]) };
  return { kind: 'model', model: ref };
}
