// What is told about every finished gateway call: one typed record, once, ok or failed. Traces,
// usage settlement and metrics are observers; a new concern is one more, not a change to the pipeline.
import type { CallRecord } from '../call/call-record.js';

export interface CallObserver {
  /** Called once per call when it ends; must not throw and must not wait (work goes off the path). */
  called(record: CallRecord): void;
}
