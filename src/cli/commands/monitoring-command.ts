// `steward metrics`, `steward alerts` and `steward drift`: time series from roll-ups, alert rules,
// channels, silences and history, and drift monitors.
import type { Command } from 'commander';
import type { QueryOf, RequestBodyOf } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { readLocalFile } from '../read-local-file.js';

function jsonArg(text: string): unknown {
  return JSON.parse(text.startsWith('@') ? readLocalFile(text.slice(1)) : text);
}

export function registerMonitoringCommands(program: Command): void {
  program
    .command('metrics <metric>')
    .description('A metric over time from roll-ups (latency_p95, error_rate, cost_usd, feedback_score, drift.<monitor>.<feature>…)')
    .option('--route <route>')
    .option('--model <versionId>')
    .option('--key <keyId>')
    .option('--step <step>', 'minute or hour', 'minute')
    .option('--from <time>', 'epoch ms or ISO 8601')
    .option('--to <time>', 'epoch ms or ISO 8601')
    .option('--json', 'print JSON')
    .action(async (metric: string, o: { route?: string; model?: string; key?: string; step: string; from?: string; to?: string; json?: boolean }) => {
      // Empty options are left out, as if not given; the server checks the values.
      const given = (value: string | undefined) => value || undefined;
      const query = { metric, step: o.step, route: given(o.route), model: given(o.model), key: given(o.key), from: given(o.from), to: given(o.to) } as QueryOf<'/api/metrics/timeseries'>;
      const series = await stewardClient().get('/api/metrics/timeseries', { params: { query } });
      if (o.json) return printJson(series);
      printTable(series.data.map((p) => ({ t: p.t, value: Number(p.value.toPrecision(6)) })), ['t', 'value']);
    });

  const alerts = program.command('alerts').description('Alert rules, channels, silences and history');
  alerts
    .command('list')
    .description('Rules with their status')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const rules = await stewardClient().get('/api/alerts/rules');
      if (o.json) return printJson(rules.data);
      printTable(rules.data, ['id', 'name', 'metric', 'severity', 'status', 'channels']);
    });
  alerts
    .command('create <rule>')
    .description('Create a rule from JSON (or @file.json)')
    .option('--json', 'print JSON')
    .action(async (rule: string, o: { json?: boolean }) => {
      // The server validates the rule: the CLI passes on what the user wrote.
      const created = await stewardClient().post('/api/alerts/rules', { body: jsonArg(rule) as RequestBodyOf<'/api/alerts/rules'> });
      if (o.json) return printJson(created);
      process.stdout.write(`${created.id} ${created.name}\n`);
    });
  alerts.command('delete <id>').action(async (id: string) => {
    await stewardClient().delete('/api/alerts/rules/{id}', { params: { path: { id } } });
  });
  alerts
    .command('channel <name>')
    .description('Create a channel: --kind webhook|slack|log, --webhook-url, --secret (webhook signing)')
    .requiredOption('--kind <kind>')
    // Not `--url`: that is the global Steward server URL, and a channel's own field must never
    // redirect the CLI (and its API key) to the webhook host.
    .option('--webhook-url <url>', 'where deliveries go (webhook or Slack incoming-webhook URL); stored sealed')
    .option('--secret <secret>', 'webhook signing secret; stored sealed')
    .action(async (name: string, o: { kind: string; webhookUrl?: string; secret?: string }) => {
      const kind = o.kind as RequestBodyOf<'/api/alerts/channels'>['kind'];
      const created = await stewardClient().post('/api/alerts/channels', { body: { name, kind, url: o.webhookUrl, secret: o.secret } as RequestBodyOf<'/api/alerts/channels'> });
      process.stdout.write(`${created.id} ${name}${created.signed ? ' (signed)' : ''}\n`);
    });
  alerts
    .command('silence')
    .description('Silence alerts matching label=value pairs for a duration')
    .requiredOption('--match <pairs...>', 'e.g. alertname=HighLatency route=chat')
    .option('--for <minutes>', 'how long', (v) => Number(v), 60)
    .option('--comment <text>')
    .action(async (o: { match: string[]; for: number; comment?: string }) => {
      const matchers = o.match.map((pair) => {
        const eq = pair.indexOf('=');
        // A pair without `=` (or without a label) is a typo, not a matcher on an empty value.
        if (eq <= 0) throw new CliError(`--match ${pair}: expected label=value, e.g. alertname=HighLatency`);
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
      });
      const created = await stewardClient().post('/api/alerts/silences', { body: { matchers, endsAt: Date.now() + o.for * 60_000, comment: o.comment } });
      process.stdout.write(`${created.id} until ${created.endsAt}\n`);
    });
  alerts
    .command('events')
    .description('Alert history, newest first')
    .option('--rule <id>')
    .option('--json', 'print JSON')
    .action(async (o: { rule?: string; json?: boolean }) => {
      const page = await stewardClient().get('/api/alerts/events', { params: { query: { ruleId: o.rule || undefined } } });
      if (o.json) return printJson(page.data);
      printTable(page.data, ['at', 'kind', 'severity', 'observed', 'description', 'silencedBy']);
    });

  const drift = program.command('drift').description('Drift monitors');
  drift
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const page = await stewardClient().get('/api/drift/monitors');
      if (o.json) return printJson(page.data);
      printTable(page.data, ['id', 'name', 'config', 'createdAt']);
    });
  drift
    .command('create <name> <config>')
    .description('Create a monitor from JSON config (or @file.json)')
    .action(async (name: string, config: string) => {
      const created = await stewardClient().post('/api/drift/monitors', { body: { name, config: jsonArg(config) } as RequestBodyOf<'/api/drift/monitors'> });
      process.stdout.write(`${created.id} ${name}\n`);
    });
  drift
    .command('run <monitor>')
    .description('Run a monitor now and print its results')
    .option('--json', 'print JSON')
    .action(async (monitor: string, o: { json?: boolean }) => {
      const results = await stewardClient().post('/api/drift/monitors/{id}/run', { params: { path: { id: monitor } } });
      if (o.json) return printJson(results.data);
      printTable(results.data, ['feature', 'test', 'statistic', 'pValue', 'threshold', 'drifted', 'nReference', 'nCurrent']);
    });
  drift
    .command('results <monitor>')
    .option('--json', 'print JSON')
    .action(async (monitor: string, o: { json?: boolean }) => {
      const results = await stewardClient().get('/api/drift/monitors/{id}/results', { params: { path: { id: monitor } } });
      if (o.json) return printJson(results.data);
      printTable(results.data, ['at', 'feature', 'test', 'statistic', 'drifted']);
    });
}
