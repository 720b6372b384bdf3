// Evaluations: runs with live progress, per-metric scores with confidence intervals, comparisons.
import type { PageProps } from './page-list';
import { useCapabilities } from '../api/capabilities';
import { PageHeader } from '../components/card';
import { ApiMissing } from '../components/notices';

export function EvalsPage(_props: PageProps) {
  const capabilities = useCapabilities();
  return (
    <>
      <PageHeader title="Evaluations" subtitle="Runs over dataset × model × prompt, with confidence intervals." />
      {capabilities.loaded && !capabilities.has('/api/evals/runs') && <ApiMissing api="/api/evals/runs" what="Evaluation runs" />}
    </>
  );
}
