// Settles a call's admission: releases its worst-case reservation and counts what it actually used.
import type { CallRecord } from '../call/call-record.js';
import type { CallObserver } from './call-observer.js';

export class SettlementObserver implements CallObserver {
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  called(record: CallRecord): void {
    record.meter?.settle(record.tokensIn, record.tokensOut, record.costUsd, record.cacheHit).catch(this.#onError);
  }
}
