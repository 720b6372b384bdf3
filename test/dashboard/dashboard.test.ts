// The dashboard in a real browser (headless Chromium) against a real, seeded server: what a user
// sees after signing in — live charts, a trace they just made, training progress, the audit log.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type DashboardBrowser, HAS_CHROMIUM, launchDashboardBrowser } from './browser.js';
import { BUDGET_CALLS, BUDGET_USD, CALL_USD, type DashboardFixture, startDashboardFixture } from './dashboard-fixture.js';
import { ensureDashboardBuild } from './ensure-dashboard-build.js';

// The dashboard does not depend on the store engine; one engine keeps the browser tests quick.
const engine = ENGINES[0];
/** Screenshots of the pages a test checked, for a person to look at. */
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

interface LimitsAnswer {
  limits: { requestsPerMinute?: number; tokensPerMinute?: number; budgetUsd?: number; budgetPeriod: string };
  usage: { requests: { used: number }; tokens: { used: number }; spendUsd: { used: number; reserved: number; remaining: number | null } };
}

/** USD as the dashboard prints it (web/src/components/format.ts). */
const usdText = (value: number) => `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;

/** The figures of one row of the Limits table, as shown and as the API answers them. */
const limitFigures = (answer: LimitsAnswer) => ({
  requests: answer.limits.requestsPerMinute === undefined ? null : `${answer.usage.requests.used.toLocaleString('en-US')} / ${answer.limits.requestsPerMinute.toLocaleString('en-US')}`,
  budget: `${usdText(answer.limits.budgetUsd ?? Number.NaN)} / ${answer.limits.budgetPeriod}`,
  used: usdText(answer.usage.spendUsd.used),
  reserved: usdText(answer.usage.spendUsd.reserved),
  remaining: usdText(answer.usage.spendUsd.remaining ?? Number.NaN),
});

async function shownFigures(row: Locator) {
  const field = async (name: string) => ((await row.locator(`[data-field="${name}"]`).count()) ? await row.locator(`[data-field="${name}"]`).textContent() : null);
  return { requests: await field('requests'), budget: await field('budget'), used: await field('used'), reserved: await field('reserved'), remaining: await field('remaining') };
}

describe.skipIf(!HAS_CHROMIUM)('dashboard in a browser', () => {
  let fixture: DashboardFixture;
  let browser: DashboardBrowser;

  beforeAll(async () => {
    ensureDashboardBuild();
    [fixture, browser] = await Promise.all([startDashboardFixture(engine), launchDashboardBrowser()]);
    await browser.signIn(fixture.steward.url, fixture.steward.adminKey);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const open = (hash: string) => browser.page.goto(`${fixture.steward.url}/ui/#/${hash}`);

  it('serves the dashboard at /ui/ with a strict content policy, and / sends browsers there', async () => {
    const root = await fetch(`${fixture.steward.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui/');
    const page = await fetch(`${fixture.steward.url}/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    // The dashboard's routes stay out of the API document.
    const openapi = (await (await fetch(`${fixture.steward.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).some((path) => path.startsWith('/ui'))).toBe(false);
  });

  it('refuses a wrong key on the login screen', async () => {
    // A new tab has its own session storage: signed out.
    const tab = await browser.page.context().newPage();
    try {
      await tab.goto(`${fixture.steward.url}/ui/`);
      await tab.getByLabel('API key').fill('sk-stw-not-a-real-key');
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => tab.getByRole('alert').textContent()).toMatch(/key/i);
      expect(await tab.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    } finally {
      await tab.close();
    }
  });

  it('draws the overview from the roll-ups, per route too, without console errors', async () => {
    // The Overview reads /api/metrics/timeseries: fold the seeded traffic into the roll-ups first.
    const rolledUp = async () => {
      await fixture.steward.api('POST', '/api/metrics/rollups/run');
      const series = await fixture.steward.api('GET', `/api/metrics/timeseries?metric=requests&from=${Date.now() - 3_600_000}`);
      return (series.body.data as { value: number }[]).reduce((sum, point) => sum + point.value, 0);
    };
    // At least everything the fixture sent through routes and keys (evaluation runs add their own calls as they go).
    const sent = fixture.traceIds.length + 1 + BUDGET_CALLS + (fixture.extras ? 16 : 0);
    await expect.poll(rolledUp, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(sent);
    await open('overview');
    for (const name of ['requests', 'latency', 'tokens', 'cost']) {
      await browser.page.locator(`[data-chart="${name}"] canvas`).first().waitFor();
    }
    const requests = browser.page.locator('.stat', { hasText: 'Requests' }).locator('.stat-value');
    const shown = async () => Number((await requests.textContent())?.replace(/,/g, ''));
    // Exactly what the roll-ups hold for the last 15 minutes (no sample of recent traces); the page
    // re-reads every 10 s, so it catches up with calls rolled up after it loaded.
    await expect.poll(async () => (await shown()) === (await rolledUp()), { timeout: 45_000, interval: 1000 }).toBe(true);
    const total = await shown();
    expect(total).toBeGreaterThanOrEqual(sent);
    const route = browser.page.getByRole('table', { name: 'by route' }).locator('tr[data-key="support-chat"] [data-field="requests"]');
    // One read of the roll-ups answers every row (GET /api/metrics/breakdown); it refreshes on the card's interval.
    await expect.poll(() => route.textContent(), { timeout: 45_000 }).toBe(String(fixture.traceIds.length));
    const breakdown = (await fixture.steward.api('GET', '/api/metrics/breakdown?by=route&step=minute')).body as { data: { name: string | null; requests: number }[] };
    expect(breakdown.data.find((row) => row.name === 'support-chat')?.requests).toBe(fixture.traceIds.length);
    // Every range up to 30 days answers from the hourly roll-ups with the same traffic.
    await browser.page.getByRole('button', { name: '30 days' }).click();
    await expect.poll(async () => (await shown()) === (await rolledUp()), { timeout: 45_000, interval: 1000 }).toBe(true);
    await browser.page.getByRole('button', { name: '15 min' }).click();
    // The failing request to an unknown route shows in the error rate.
    await expect.poll(() => browser.page.locator('.stat', { hasText: 'Error rate' }).locator('.stat-value').textContent()).not.toBe('0.0%');
    expect(browser.errors).toEqual([]);
  });

  it('lists a trace made through the API, opens it, and records a thumbs-up from the page', async () => {
    const question = `Where is parcel ${Date.now()}?`;
    const { response } = await fixture.client.chat.completions.create({ model: 'support-chat', messages: [{ role: 'user', content: question }] }).withResponse();
    const traceId = response.headers.get('x-steward-trace-id');
    expect(traceId).toBeTruthy();

    await open('traces');
    const row = browser.page.locator(`tr[data-key="${traceId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('support-chat');
    await row.click();
    const detail = browser.page.getByTestId('trace-detail');
    await expect.poll(() => detail.textContent()).toContain(question);
    await expect.poll(() => browser.page.getByRole('table', { name: 'attempts' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);

    await browser.page.getByRole('button', { name: 'Thumbs up' }).click();
    await browser.page.getByRole('list', { name: 'feedback' }).waitFor();
    const stored = await fixture.steward.api('GET', `/api/traces/${traceId}/feedback`);
    expect(stored.body.data).toEqual([expect.objectContaining({ thumb: 'up', source: 'dashboard' })]);
    expect(browser.errors).toEqual([]);
  });

  it('shows a training job’s progress and its loss curve', async (context) => {
    if (!fixture.trainingJobId) context.skip('this server has no training API');
    await open(`training/${fixture.trainingJobId}`);
    await browser.page.locator('[data-chart="loss curve"] canvas').waitFor();
    const bar = browser.page.getByRole('progressbar', { name: 'job progress' });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe('100');
    expect(await browser.page.getByRole('table', { name: 'training jobs' }).textContent()).toContain('support-sft');
    expect(browser.errors).toEqual([]);
  });

  it('shows an evaluation run’s progress and scores with intervals, and compares two runs', async (context) => {
    if (fixture.evalRunIds.length < 2) context.skip('this server has no evaluations API');
    const [a, b] = fixture.evalRunIds;
    await open(`evals/${a}`);
    const bar = browser.page.getByRole('progressbar', { name: 'run progress' });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe('100');
    await browser.page.locator('[data-chart="metric scores"] canvas').waitFor();
    // Both runs must be complete before they can be compared.
    await expect.poll(async () => ((await fixture.steward.api('GET', `/api/evals/runs/${b}`)).body as { status?: string }).status, { timeout: 10_000 }).toBe('completed');
    await browser.page.reload();
    await browser.page.getByLabel('Run A (baseline)').selectOption(a);
    await browser.page.getByLabel('Run B (candidate)').selectOption(b);
    await browser.page.locator('[data-chart="paired differences"] canvas').waitFor();
    expect(await browser.page.getByRole('table', { name: 'comparison' }).textContent()).toContain('token_f1');
    // The fixture seeds more than one dataset: the leaderboard of the one these runs scored.
    await browser.page.getByLabel('Leaderboard dataset').selectOption('support-qa');
    await browser.page.locator('[data-chart="leaderboard"] canvas').waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('shows the registry, datasets with their quality chart, and rolls a route back', async () => {
    await open('models/support');
    const versions = browser.page.getByRole('table', { name: 'model versions' });
    await expect.poll(() => versions.textContent()).toContain('support-002');
    expect(await versions.locator('tr', { hasText: 'support-001' }).textContent()).toContain('staging');

    await open('datasets/support-qa/1');
    await browser.page.locator('[data-chart="quality checks"] canvas').waitFor();
    // The versions table and the quality card load independently: wait for the table's rows.
    await expect.poll(() => browser.page.getByRole('table', { name: 'dataset versions' }).locator('tbody tr').count()).toBe(2);

    await open('routes/support-chat');
    await browser.page.locator('[data-chart="traffic split"] canvas').waitFor();
    await browser.page.getByRole('table', { name: 'revisions' }).locator('tr', { hasText: 'first route' }).getByRole('button', { name: 'Roll back here' }).click();
    // A typed confirmation, not a stray click: the button stays disabled until the route's name is typed.
    const confirm = browser.page.getByRole('button', { name: 'Roll back to revision 1' });
    expect(await confirm.isDisabled()).toBe(true);
    await browser.page.getByLabel('Roll back to revision 1: type support-chat to confirm').fill('support-chat');
    await confirm.click();
    await browser.page.getByText('Rolled back to revision 1.').waitFor();
    const route = await fixture.steward.api('GET', '/api/routes/support-chat');
    expect(route.body.revision).toBe(3);
    expect(route.body.config).toMatchObject({ targets: [{ model: 'mock/gpt-4o-mini', weight: 90 }, { model: 'backup/gpt-4o-mini', weight: 10 }] });
    expect(browser.errors).toEqual([]);
  });

  it('shows each key’s and route’s limits with the settled, reserved and remaining figures the API reports', async () => {
    const keyAnswer = async () => (await fixture.steward.api('GET', `/api/limits/keys/${fixture.budgetKeyId}`)).body as unknown as LimitsAnswer;
    const routeAnswer = async () => (await fixture.steward.api('GET', `/api/limits/routes/${fixture.limitedRoute}`)).body as unknown as LimitsAnswer;
    // What the seeding spent: three calls on the key (one of them through the limited route), nothing in flight.
    const key = await keyAnswer();
    expect(key.usage.spendUsd.used).toBeCloseTo(BUDGET_CALLS * CALL_USD, 9);
    expect(key.usage.spendUsd.reserved).toBe(0);
    expect(key.usage.spendUsd.remaining).toBeCloseTo(BUDGET_USD - BUDGET_CALLS * CALL_USD, 9);
    expect((await routeAnswer()).usage.spendUsd.used).toBeCloseTo(CALL_USD, 9);

    await open('limits');
    const table = browser.page.getByRole('table', { name: 'limits' });
    const keyRow = table.locator(`tr[data-key="key:${fixture.budgetKeyId}"]`);
    const routeRow = table.locator(`tr[data-key="route:${fixture.limitedRoute}"]`);
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain('budgeted-app');
    // The page and the API read the same counters (polled: the requests/min window may roll over between the two reads).
    await expect.poll(async () => [await shownFigures(keyRow), limitFigures(await keyAnswer())]).toSatisfy(([shown, api]) => JSON.stringify(shown) === JSON.stringify(api));
    await expect.poll(async () => [await shownFigures(routeRow), limitFigures(await routeAnswer())]).toSatisfy(([shown, api]) => JSON.stringify(shown) === JSON.stringify(api));
    expect(await shownFigures(keyRow)).toMatchObject({ budget: '$2.00 / day', used: '$0.7500', reserved: '$0.0000', remaining: '$1.25' });
    // Keys without any limit are not listed.
    expect(await table.locator('tbody tr', { hasText: 'app' }).filter({ hasNotText: 'budgeted-app' }).count()).toBe(0);
    await browser.page.locator('[data-chart="budgets"] canvas').waitFor();
    // An admin sets a key's limits from the page; the API holds them and the table lists the key.
    const keys = (await fixture.steward.api('GET', '/api/keys')).body.data as { id: string; name: string }[];
    const appKeyId = keys.find((entry) => entry.name === 'app')?.id as string;
    await browser.page.getByLabel('Key', { exact: true }).selectOption(appKeyId);
    await browser.page.getByLabel('Requests/min').fill('50');
    await browser.page.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(async () => ((await fixture.steward.api('GET', `/api/limits/keys/${appKeyId}`)).body as unknown as LimitsAnswer).limits.requestsPerMinute).toBe(50);
    await table.locator(`tr[data-key="key:${appKeyId}"] [data-field="requests"]`).waitFor();
    // Choosing a key with limits fills the form with them, so saving again keeps what it does not change.
    await browser.page.getByLabel('Key', { exact: true }).selectOption(fixture.budgetKeyId);
    await expect.poll(() => browser.page.getByLabel('Budget (USD)').inputValue()).toBe(String(BUDGET_USD));
    await expect.poll(() => browser.page.getByLabel('Period').inputValue()).toBe('day');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await browser.page.screenshot({ path: `${SCREENSHOTS}dashboard-limits.png`, fullPage: true });
    await browser.page.locator('[data-chart="budgets"]').screenshot({ path: `${SCREENSHOTS}dashboard-limits-chart.png` });
    expect(browser.errors).toEqual([]);

    // A viewer sees the route's limits, read-only, and no key's.
    const viewer = await fixture.steward.api('POST', '/api/keys', { body: { name: 'viewer', role: 'viewer' } });
    const tab = await browser.page.context().newPage();
    const tabErrors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') tabErrors.push(message.text());
    });
    try {
      await tab.goto(`${fixture.steward.url}/ui/`);
      await tab.getByLabel('API key').fill(String(viewer.body.key));
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('navigation', { name: 'Pages' }).waitFor();
      await tab.goto(`${fixture.steward.url}/ui/#/limits`);
      const viewerTable = tab.getByRole('table', { name: 'limits' });
      await viewerTable.locator(`tr[data-key="route:${fixture.limitedRoute}"]`).waitFor();
      expect(await viewerTable.locator('tr[data-key^="key:"]').count()).toBe(0);
      expect(await tab.getByRole('button', { name: 'Save limits' }).count()).toBe(0);
      expect(await tab.getByText('this view is read-only').count()).toBe(1);

      // An admin of a project where nothing is limited is told so.
      const project = await fixture.steward.api('POST', '/api/projects', { body: { name: 'unlimited-team' } });
      expect(project.status).toBe(201);
      const admin = await fixture.steward.api('POST', '/api/keys', { body: { name: 'team-admin', role: 'admin', project: 'unlimited-team' } });
      await tab.evaluate(() => sessionStorage.clear());
      await tab.goto(`${fixture.steward.url}/ui/`);
      await tab.getByLabel('API key').fill(String(admin.body.key));
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('navigation', { name: 'Pages' }).waitFor();
      await tab.goto(`${fixture.steward.url}/ui/#/limits`);
      await tab.getByText('No limits configured').waitFor();
      expect(await tab.getByRole('table', { name: 'limits' }).count()).toBe(0);
      expect(tabErrors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('shows a run with errors in red as completed_with_errors, its error count per metric, and BLEU’s corpus score', async (context) => {
    if (!fixture.erroredRunId) context.skip('this server has no evaluations API');
    const id = fixture.erroredRunId as string;
    type Run = { status: string; summary: { metrics: Record<string, { errors: number; corpus?: { sacrebleu: number; signature: string } }> } | null };
    const runOf = async () => (await fixture.steward.api('GET', `/api/evals/runs/${id}`)).body as unknown as Run;
    await expect.poll(async () => (await runOf()).status, { timeout: 20_000 }).toBe('completed_with_errors');
    const run = await runOf();
    const metrics = run.summary?.metrics ?? {};
    expect(metrics.judge.errors).toBe(4);
    // --bad in web/src/styles.css.
    const red = 'rgb(201, 54, 54)';

    await open('evals');
    const badge = browser.page.getByRole('table', { name: 'eval runs' }).locator(`tr[data-key="${id}"] .badge`);
    await expect.poll(() => badge.textContent()).toBe('completed_with_errors');
    expect(await badge.evaluate((element) => getComputedStyle(element).color)).toBe(red);
    // The list says how many items failed, in red too.
    const errorCount = browser.page.getByRole('table', { name: 'eval runs' }).locator(`tr[data-key="${id}"] [data-field="errors"]`);
    expect(await errorCount.textContent()).toBe('4 of 4');
    expect(await errorCount.evaluate((element) => getComputedStyle(element).color)).toBe(red);

    await open(`evals/${id}`);
    const table = browser.page.getByRole('table', { name: 'metric errors' });
    await table.locator('tr[data-key="judge"]').waitFor();
    for (const [name, metric] of Object.entries(metrics)) {
      const errors = table.locator(`tr[data-key="${name}"] td`).nth(3);
      expect(await errors.textContent()).toBe(String(metric.errors));
      if (metric.errors > 0) expect(await errors.locator('span').evaluate((element) => getComputedStyle(element).color)).toBe(red);
    }
    const corpus = metrics.bleu.corpus;
    expect(corpus?.signature).toMatch(/^nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:/);
    const shown = await table.locator('tr[data-key="bleu"] [data-field="corpus"]').textContent();
    expect(shown).toBe(`${corpus?.sacrebleu.toFixed(2)} ${corpus?.signature}`);
    await browser.page.locator('[data-chart="metric scores"] canvas').waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await browser.page.screenshot({ path: `${SCREENSHOTS}dashboard-run-errors.png`, fullPage: true });
    await browser.page.locator('[data-chart="metric scores"]').screenshot({ path: `${SCREENSHOTS}dashboard-run-errors-chart.png` });
    expect(browser.errors).toEqual([]);
  });

  it('lists audit entries and verifies the chain', async () => {
    await open('audit');
    const table = browser.page.getByRole('table', { name: 'audit entries' });
    await expect.poll(() => table.textContent()).toContain('route');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    await browser.page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => browser.page.getByTestId('audit-verification').textContent()).toMatch(/Chain intact/);
    expect(browser.errors).toEqual([]);
  });

  it('revokes a key only once its name is typed, and the audit log records who did', async () => {
    const created = ((await fixture.steward.api('POST', '/api/keys', { body: { name: 'old-ci-key', role: 'service' } })).body as { record: { id: string } }).record;
    await open('keys');
    const row = browser.page.getByRole('table', { name: 'api keys' }).locator(`tr[data-key="${created.id}"]`);
    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = browser.page.getByRole('button', { name: 'Revoke old-ci-key' });
    expect(await confirm.isDisabled()).toBe(true);
    await browser.page.getByLabel('Revoke old-ci-key: type old-ci-key to confirm').fill('old-ci-key');
    await confirm.click();
    await expect.poll(async () => ((await fixture.steward.api('GET', `/api/keys/${created.id}`)).body as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const audit = (await fixture.steward.api('GET', `/api/audit?resourceId=${created.id}`)).body as { data: { action: string }[] };
    expect(audit.data.map((entry) => entry.action)).toContain('keys.revoke');
    expect(browser.errors).toEqual([]);
  });
});
