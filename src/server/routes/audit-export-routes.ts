// GET /api/audit/export: the whole audit chain as JSON lines with its verification material (the
// authenticated head and the sealed retired audit keys), for an external archive. The chain spans
// every project, so only the instance owner may export it.
import { Readable } from 'node:stream';
import { exportAuditLines } from '../../governance/index.js';
import { ERROR_RESPONSES } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

export const auditExportRoutes: RouteModule = (app, services) => {
  app.get('/api/audit/export', {
    config: { role: 'owner' },
    schema: {
      tags: ['audit'],
      summary: 'Export the audit log (JSON lines: header, retired keys sealed, rows, authenticated head); verify it with `steward audit verify --file`',
      response: { ...ERROR_RESPONSES },
    },
  }, async (_request, reply) => {
    async function* lines(): AsyncGenerator<string> {
      for await (const line of exportAuditLines(services.store.db)) yield `${JSON.stringify(line)}\n`;
    }
    return reply
      .header('content-type', 'application/x-ndjson')
      .header('content-disposition', 'attachment; filename="steward-audit.jsonl"')
      .send(Readable.from(lines()));
  });
};
