// @steward/sdk: a typed client for Steward's management API and /v1 extras, its types generated
// from Steward's own /openapi.json (`npm run sdk:generate`), with retries, pages and typed errors.
export { createStewardClient, type SendInit, type StewardClient, type StewardClientOptions, type Verb } from './steward-client.js';
export { StewardApiError, StewardConnectionError, type StewardApiErrorOptions, describeCause } from './steward-api-error.js';
export { ERROR_CODES, type ErrorCode } from './generated/error-codes.js';
export type { CallInit, CallResult, QueryOf, RequestBodyOf, ResponseOf, StewardMethod, StewardPath, components, paths } from './api-types.js';
export type { CursorPage, PagedPath, PageOf } from './paginate.js';
export { DEFAULT_RETRY, parseRetryAfter, type RetryOptions } from './retry-policy.js';
export { abortableSleep, type Sleep } from './sleep.js';
export { type ExportSummary, readExportSummary } from './export-summary.js';
export { FINAL_EVAL_RUN_STATUSES, FINAL_TRAINING_JOB_STATES, type EvalRun, type TrainingJob, type WaitOptions, pollUntil, waitForEvalRun, waitForTrainingJob } from './wait-for.js';
