// Raw traces (and their spans and feedback) live for the retention period; roll-ups outlive them.
// Deletion runs in small batches so a large backlog never holds a long lock.
import type { Store } from '../../store/index.js';

export interface RetentionResult {
  traces: number;
  feedback: number;
  spans: number;
}

/** Deletes traces created before `cutoff` (epoch ms), with their feedback, and spans received before it. */
export async function deleteExpiredTraces(store: Store, cutoff: number, batchSize = 1000): Promise<RetentionResult> {
  const result: RetentionResult = { traces: 0, feedback: 0, spans: 0 };
  for (;;) {
    const done = await store.transaction(async (tx) => {
      const ids = (await tx.selectFrom('traces').select('id').where('created_at', '<', cutoff).orderBy('created_at').limit(batchSize).execute()).map((r) => r.id);
      if (ids.length === 0) return 0;
      const feedback = await tx.deleteFrom('feedback').where('trace_id', 'in', ids).executeTakeFirst();
      const traces = await tx.deleteFrom('traces').where('id', 'in', ids).executeTakeFirst();
      result.feedback += Number(feedback.numDeletedRows);
      result.traces += Number(traces.numDeletedRows);
      return ids.length;
    });
    if (done < batchSize) break;
  }
  const spans = await store.db.deleteFrom('spans').where('received_at', '<', cutoff).executeTakeFirst();
  result.spans = Number(spans.numDeletedRows);
  return result;
}
