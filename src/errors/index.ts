// Steward's errors: one base class and one catalogue of stable codes.
export { ERROR_CATALOGUE, type CatalogueEntry, type ErrorCode } from './error-catalogue.js';
export { StewardError, type StewardErrorOptions, notFound, conflict, invalid } from './steward-error.js';
