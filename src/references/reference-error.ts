// The one error for a name that does not exist where it is used: REFERENCE_NOT_FOUND (400) with the
// field, the value, what kind of thing it should name, and the closest existing names.
import { StewardError } from '../errors/index.js';
import { closestNames, didYouMean } from './closest-names.js';

export const REFERENCE_KINDS = ['provider', 'route', 'model', 'model version', 'alias', 'prompt', 'prompt label', 'prompt version', 'metric', 'channel', 'section', 'key'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface MissingReference {
  /** Where the name was written, e.g. `routes.support.targets.0.model`. */
  field: string;
  value: string;
  kind: ReferenceKind;
  /** The names of that kind that do exist (for "did you mean"). */
  known: readonly string[];
  /** Said after the name, e.g. `of model helpdesk`. */
  scope?: string;
}

/** `field: no provider "nosuch" (did you mean "openai"?)` */
export function describeMissing(m: MissingReference): string {
  return `${m.field}: no ${m.kind} ${JSON.stringify(m.value)}${m.scope ? ` ${m.scope}` : ''}${didYouMean(m.value, m.known)}`;
}

/** REFERENCE_NOT_FOUND naming the first missing reference, with every one in the details. */
export function referencesNotFound(missing: readonly MissingReference[]): StewardError {
  const first = missing[0];
  if (!first) throw new TypeError('referencesNotFound needs at least one missing reference');
  const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
  return new StewardError({
    code: 'REFERENCE_NOT_FOUND',
    message: `${describeMissing(first)}${more}`,
    details: {
      field: first.field,
      value: first.value,
      kind: first.kind,
      didYouMean: closestNames(first.value, first.known),
      missing: missing.map((m) => ({ field: m.field, value: m.value, kind: m.kind, didYouMean: closestNames(m.value, m.known) })),
    },
  });
}

/** Throws REFERENCE_NOT_FOUND when anything is missing. */
export function assertReferences(missing: readonly MissingReference[]): void {
  if (missing.length > 0) throw referencesNotFound(missing);
}
