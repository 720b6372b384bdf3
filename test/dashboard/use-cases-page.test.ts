// The Use cases page in a real browser against a seeded server: a use case with KPIs met, missed
// and without data shows each with the right badge and colour, a chart per KPI with
// its threshold, links to its route, model and dataset and its derived gate; no console error,
// nothing wider than 1280 px; screenshotted for review.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';
import { SEED_NOW, seedUseCase } from '../usecases/use-case-seed.js';
import { type DashboardBrowser, HAS_CHROMIUM, launchDashboardBrowser } from './browser.js';
import { ensureDashboardBuild } from './ensure-dashboard-build.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe.skipIf(!HAS_CHROMIUM)('the Use cases page', () => {
  let s: TestSteward;
  let browser: DashboardBrowser;
  beforeAll(async () => {
    ensureDashboardBuild();
    [s, browser] = await Promise.all([
      startTestSteward(ENGINES[0], { overrides: { providers: [UNREACHABLE_OPENAI], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 }, now: () => SEED_NOW }),
      launchDashboardBrowser(),
    ]);
    await seedUseCase(s);
    await browser.page.setViewportSize({ width: 1280, height: 900 });
    await browser.signIn(s.url, s.adminKey);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shows each KPI against its threshold, live and offline, with a met, missed or no data badge', async () => {
    const page = browser.page;
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Use cases' }).click();
    const useCase = page.locator('[data-use-case="support-answers"]');
    await useCase.waitFor();
    await expect.poll(() => useCase.getByText('Answer customer questions correctly and fast').count()).toBe(1);
    await expect.poll(() => useCase.getByText('ana@example.com, support-team').count()).toBe(1);

    const kpi = (name: string) => page.locator(`[data-kpi="${name}"]`);
    await kpi('latency').locator('canvas').waitFor();
    const badge = async (name: string) => ({ text: await kpi(name).locator('.card-actions .badge').textContent(), class: await kpi(name).locator('.card-actions .badge').getAttribute('class') });
    expect(await badge('latency')).toEqual({ text: 'missed', class: 'badge badge-bad' });
    expect(await badge('cost')).toEqual({ text: 'met', class: 'badge badge-good' });
    expect(await badge('accuracy')).toEqual({ text: 'met', class: 'badge badge-good' });
    expect(await badge('satisfaction')).toEqual({ text: 'no data', class: 'badge badge-muted' });
    // The whole use case misses: one of its KPIs does.
    expect(await page.locator('.card-header', { hasText: 'support-answers' }).first().locator('.badge').textContent()).toBe('missed');

    // Threshold and the live figures in words beside each chart.
    await expect.poll(() => kpi('latency').textContent()).toMatch(/latency_p95_ms <= 800 ms.*Live: 1,0\d\d ms over 40 requests.*Offline: 650 ms on golden \(helpdesk@production\)/);
    expect(await kpi('cost').textContent()).toMatch(/cost_per_request_usd <= \$0\.0020.*Live: \$0\.0010 per request over 40 requests/);
    expect(await kpi('accuracy').textContent()).toMatch(/exact_match >= 0\.800.*Live: no data.*Offline: 0\.850 on golden/);
    expect(await kpi('accuracy').getByRole('link', { name: 'helpdesk@production' }).getAttribute('href')).toMatch(/^#\/evals\/run_/);
    for (const name of ['latency', 'cost', 'accuracy', 'satisfaction']) await expect.poll(() => kpi(name).getByRole('img', { name: `KPI ${name}` }).count()).toBe(1);

    // Links to what the use case is made of, and the gate its KPIs derive.
    expect(await useCase.getByRole('link', { name: 'support', exact: true }).getAttribute('href')).toBe('#/routes/support');
    expect(await useCase.getByRole('link', { name: 'helpdesk', exact: true }).getAttribute('href')).toBe('#/models/helpdesk');
    expect(await useCase.getByRole('link', { name: 'golden' }).first().getAttribute('href')).toBe('#/datasets/golden');
    const gate = page.getByRole('table', { name: 'gates derived from support-answers' }).locator('tbody tr');
    await expect.poll(() => gate.count()).toBe(1);
    expect(await gate.textContent()).toContain('latency_p95 <= 800 · exact_match >= 0.8');

    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(wide).toBe(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}page-use-cases.png`, fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});
