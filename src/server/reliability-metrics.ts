// Prometheus series of the reliability machinery: the trace journal (backlog, quarantined lines,
// failed store writes, bodies dropped at the cap) and Redis degradation. Read at scrape time.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { TraceWriter } from '../monitoring/traces/index.js';

export function registerTraceWriterMetrics(registry: Registry, writer: TraceWriter): void {
  const registers = [registry];
  const counter = (name: string, help: string, read: () => number) => {
    let reported = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const now = read();
        if (now > reported) this.inc(now - reported);
        reported = now;
      },
    });
  };
  counter('steward_trace_journal_quarantined_total', 'Journal lines that could not be stored (torn, not JSON, unknown version, rejected), moved to quarantine.jsonl', () => writer.stats.quarantined);
  counter('steward_trace_write_failures_total', 'Failed attempts to write a batch of traces to the store (the traces stay journalled)', () => writer.stats.writeFailures);
  counter('steward_trace_journal_bodies_dropped_total', 'Traces journalled without their bodies because the journal was over its size cap', () => writer.stats.bodiesDropped);
  new Gauge({
    name: 'steward_trace_journal_backlog_bytes',
    help: 'Bytes of journal segments not yet committed to the store',
    registers,
    collect() {
      this.set(writer.stats.backlogBytes);
    },
  });
}

/** The `steward_redis_degraded` gauge: 1 while limits run on this replica's counters. */
export function redisDegradedGauge(registry: Registry): (degraded: boolean) => void {
  const gauge = new Gauge({ name: 'steward_redis_degraded', help: '1 while Redis is unreachable and limits use this replica’s own counters', registers: [registry] });
  gauge.set(0);
  return (degraded) => gauge.set(degraded ? 1 : 0);
}
