// One gateway call's public shape: options in, a response or stream with its typed outcome out,
// the one failure class, and the record observers receive when the call ends.
export type { CacheDirective, GatewayCallOptions, GatewayResponse, GatewayStream } from './call-options.js';
export { CACHE_OUTCOMES, type CacheOutcome, type CallOutcome, type DeprecationNotice, type LimitReading, type LimitStatus } from './call-outcome.js';
export { GatewayCallError, type GatewayCallErrorOptions } from './gateway-call-error.js';
export type { CallAnswer, CallRecord, CallRequest } from './call-record.js';
