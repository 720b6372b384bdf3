// `steward use-cases list|show|status`: a project's use cases — objective, owners, KPIs and links —
// and each KPI's live and offline value against its threshold. Declared with `steward apply`.
import type { Command } from 'commander';
import { stewardClient } from '../cli-client.js';
import { printJson, printTable } from '../output.js';

/** A KPI value as a person reads it: small rates and costs keep their digits. */
function figure(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

export function registerUseCasesCommands(program: Command): void {
  const useCases = program.command('use-cases').description('Use cases: objective, owners, KPIs against live and offline values (declare them with steward apply)');

  useCases
    .command('list')
    .description('List the use cases of the project')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/use-cases');
      if (options.json) return printJson(data);
      printTable(
        data.map((u) => ({ name: u.name, objective: u.objective, owners: u.owners.join(', '), kpis: u.kpis.length, routes: u.routes.join(', '), models: u.models.join(', ') })),
        ['name', 'objective', 'owners', 'kpis', 'routes', 'models'],
      );
    });

  useCases
    .command('show <name>')
    .description('Show a use case: its KPIs, links and the gates derived from its KPIs')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const client = stewardClient();
      const path = { params: { path: { name } } };
      const [useCase, derived] = await Promise.all([client.get('/api/use-cases/{name}', path), client.get('/api/use-cases/{name}/derived', path)]);
      if (options.json) return printJson({ ...useCase, derived });
      const out = process.stdout;
      out.write(`# ${useCase.name}: ${useCase.objective}\n`);
      out.write(`owners:   ${useCase.owners.join(', ') || '-'}\n`);
      out.write(`routes:   ${useCase.routes.join(', ') || '-'}\nmodels:   ${useCase.models.join(', ') || '-'}\n`);
      out.write(`datasets: ${useCase.datasets.join(', ') || '-'}\ngates:    ${useCase.gates.join(', ') || '-'}\n\nKPIs\n`);
      printTable(
        useCase.kpis.map((k) => ({ kpi: k.name, metric: k.metric, target: `${k.op} ${k.threshold}`, dataset: k.dataset ?? null })),
        ['kpi', 'metric', 'target', 'dataset'],
      );
      out.write('\nDerived gates\n');
      printTable(
        derived.gates.map((g) => ({ gate: g.name, dataset: g.dataset, rules: g.rules.join('; '), guardedModels: derived.guards.evalGates.filter((e) => e.gate === g.name).map((e) => e.model).join(', ') })),
        ['gate', 'dataset', 'rules', 'guardedModels'],
      );
    });

  useCases
    .command('status <name>')
    .description("Each KPI's live value (route roll-ups over the window) and offline value (latest finished evaluation run) against its threshold")
    .option('--window-hours <n>', 'live window, hours back from now (default 24, at most 168)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { windowHours?: string; json?: boolean }) => {
      const windowHours = options.windowHours === undefined ? undefined : Number(options.windowHours);
      const status = await stewardClient().get('/api/use-cases/{name}/status', { params: { path: { name }, query: { windowHours } } });
      if (options.json) return printJson(status);
      process.stdout.write(`# ${status.useCase}: ${status.status} (live ${status.window.from} – ${status.window.to})\n`);
      printTable(
        status.kpis.map((k) => ({
          kpi: k.name,
          metric: k.metric,
          target: `${k.op} ${k.threshold}`,
          live: k.live ? `${figure(k.live.value)} (${k.live.met ? 'met' : 'missed'}, ${k.live.requests} req)` : null,
          offline: k.offline ? `${figure(k.offline.value)} (${k.offline.met ? 'met' : 'missed'}, ${k.offline.target})` : null,
          status: k.status,
        })),
        ['kpi', 'metric', 'target', 'live', 'offline', 'status'],
      );
    });
}
