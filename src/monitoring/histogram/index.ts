// Mergeable latency/TTFT histograms for per-minute and per-hour roll-ups: record, merge across
// replicas and time buckets, read quantiles, store as compact JSON.
export { DEFAULT_RELATIVE_ACCURACY, LogLinearHistogram, type SerializedHistogram } from './log-linear-histogram.js';
