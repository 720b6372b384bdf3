// The dashboard in a real browser (headless Chromium) against a real, seeded server: what a user
// sees after signing in — live charts, a trace they just made, training progress, the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type DashboardBrowser, HAS_CHROMIUM, launchDashboardBrowser } from './browser.js';
import { type DashboardFixture, startDashboardFixture } from './dashboard-fixture.js';
import { ensureDashboardBuild } from './ensure-dashboard-build.js';

// The dashboard does not depend on the store engine; one engine keeps the browser tests quick.
const engine = ENGINES[0];

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

  it('draws the overview charts from live traffic without console errors', async () => {
    await open('overview');
    for (const name of ['requests', 'latency', 'tokens', 'cost', 'by route']) {
      await browser.page.locator(`[data-chart="${name}"] canvas`).first().waitFor();
    }
    const requests = browser.page.locator('.stat', { hasText: 'Requests' }).locator('.stat-value');
    await expect.poll(async () => Number((await requests.textContent())?.replace(/,/g, ''))).toBeGreaterThanOrEqual(fixture.traceIds.length);
    // The failing request to an unknown route shows in the error rate.
    expect(await browser.page.locator('.stat', { hasText: 'Error rate' }).locator('.stat-value').textContent()).not.toBe('0.0%');
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
    expect(await browser.page.getByRole('table', { name: 'attempts' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);

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
    expect(await browser.page.getByRole('table', { name: 'dataset versions' }).locator('tbody tr').count()).toBe(2);

    await open('routes/support-chat');
    await browser.page.locator('[data-chart="traffic split"] canvas').waitFor();
    browser.page.once('dialog', (dialog) => void dialog.accept());
    await browser.page.getByRole('table', { name: 'revisions' }).locator('tr', { hasText: 'first route' }).getByRole('button', { name: 'Roll back here' }).click();
    await browser.page.getByText('Rolled back to revision 1.').waitFor();
    const route = await fixture.steward.api('GET', '/api/routes/support-chat');
    expect(route.body.revision).toBe(3);
    expect(route.body.config).toMatchObject({ targets: [{ model: 'mock/gpt-4o-mini', weight: 90 }, { model: 'backup/gpt-4o-mini', weight: 10 }] });
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
});
