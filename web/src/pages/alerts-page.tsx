// Alerts: the rules that watch live metrics and the events they fired.
import type { PageProps } from './page-list';
import { useCapabilities } from '../api/capabilities';
import { PageHeader } from '../components/card';
import { ApiMissing } from '../components/notices';

export function AlertsPage(_props: PageProps) {
  const capabilities = useCapabilities();
  return (
    <>
      <PageHeader title="Alerts" subtitle="Rules over live metrics and the events they fired." />
      {capabilities.loaded && !capabilities.has('/api/alerts/rules') && <ApiMissing api="/api/alerts/rules" what="Alerts" />}
    </>
  );
}
