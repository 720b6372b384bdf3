// References checked at write time: a name used in a route, a model version, an alert rule or a
// declarative document must exist (or be declared alongside), or the write is refused with the
// field, the value and the closest existing names.
export { closestNames, didYouMean, editDistance } from './closest-names.js';
export { type KnownModel, type KnownNames, type KnownPrompt, type ReferenceSources, emptyKnownNames, loadKnownNames } from './known-names.js';
export { type MissingReference, REFERENCE_KINDS, type ReferenceKind, assertReferences, describeMissing, referencesNotFound } from './reference-error.js';
export { type RouteReferences, missingModel, missingRouteReferences } from './route-references.js';
export { ReferenceChecker } from './reference-checker.js';
