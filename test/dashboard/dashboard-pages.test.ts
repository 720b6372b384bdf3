// Every dashboard page in a real browser against a seeded server, at 1280 px: each loads its data
// with no console error and is screenshotted for review; the actions a person expects work and are
// audited; a viewer meets no write control and a page it may not read says so once; a remembered
// key signs other tabs in until sign-out.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type DashboardBrowser, HAS_CHROMIUM, launchDashboardBrowser } from './browser.js';
import { type DashboardExtras, type DashboardFixture, startDashboardFixture } from './dashboard-fixture.js';
import { ensureDashboardBuild } from './ensure-dashboard-build.js';

const engine = ENGINES[0];
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const WIDTH = 1280;
/** Buttons that write; a viewer must see none of them. */
const WRITE_BUTTONS = /^(Run now|Move to .*|Set alias|Deprecate|Pause|Resume|Abort|Roll back here|Cancel|Retry|Create|Revoke|Stop experiment|Run checks|Save limits|Remove|Verify chain|Save as dataset item)$/;

/** Polls `read` until `done` holds (hang guard 60 s); for setup, where expect.poll is not allowed. */
async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface AuditRow {
  action: string;
  resourceId: string | null;
  actor: { name: string };
  after: unknown;
}

describe.skipIf(!HAS_CHROMIUM)('dashboard pages, actions and roles', () => {
  let fixture: DashboardFixture;
  let extras: DashboardExtras;
  let browser: DashboardBrowser;
  let tuned: { id: string; name: string };

  beforeAll(async () => {
    ensureDashboardBuild();
    // A long training job, so it can be cancelled from the page.
    [fixture, browser] = await Promise.all([startDashboardFixture(engine, { trainerSteps: 5000, trainerTickMs: 50 }), launchDashboardBrowser()]);
    if (!fixture.extras) throw new Error('this server lacks the APIs the newer pages read');
    extras = fixture.extras;
    await browser.page.setViewportSize({ width: WIDTH, height: 900 });
    await browser.signIn(fixture.steward.url, fixture.steward.adminKey);
    // The pipeline run trains support-tuned-001: the lineage page starts from it.
    const run = await waitUntil(async () => (await fixture.steward.api('GET', `/api/pipeline-runs/${extras.pipelineRunId}`)).body, (body) => body.status !== 'running', 'the pipeline run');
    if (run.status !== 'succeeded') throw new Error(`the seeded pipeline run ended ${run.status}: ${JSON.stringify(run)}`);
    const versions = (await fixture.steward.api('GET', '/api/models/support-tuned/versions')).body.data as { id: string; name: string }[];
    tuned = versions[0];
    // The Overview reads roll-ups: run the worker until it has folded in the seeded traffic.
    await waitUntil(
      async () => {
        await fixture.steward.api('POST', '/api/metrics/rollups/run');
        const series = await fixture.steward.api('GET', `/api/metrics/timeseries?metric=requests&from=${Date.now() - 3_600_000}`);
        return (series.body.data as { value: number }[]).reduce((sum, point) => sum + point.value, 0);
      },
      (requests) => requests >= fixture.traceIds.length + 16,
      'the roll-ups',
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const url = (hash: string) => `${fixture.steward.url}/ui/#/${hash}`;
  const audit = async (action: RegExp, resourceId?: string) => {
    const rows = ((await fixture.steward.api('GET', '/api/audit?limit=500')).body.data as AuditRow[]).filter((row) => action.test(row.action) && (resourceId === undefined || row.resourceId === resourceId));
    return rows;
  };
  const shoot = async (page: Page, name: string) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
  };
  /** Nothing wider than the window: no page scrolls sideways and no table cuts a column off. */
  const overflow = (page: Page) =>
    page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('.table-wrap')].filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).map((wrap) => wrap.querySelector('table')?.getAttribute('aria-label')),
    }));

  it('loads every page with seeded data, no console error and nothing wider than 1280 px, and screenshots it', async () => {
    const page = browser.page;
    const pages: { hash: string; shot: string; ready(): Promise<unknown> }[] = [
      {
        hash: 'overview',
        shot: 'page-overview',
        ready: async () => {
          await page.locator('[data-chart="requests"] canvas').waitFor();
          await expect.poll(async () => Number((await page.locator('.stat', { hasText: 'Requests' }).locator('.stat-value').textContent())?.replace(/,/g, '')), { timeout: 20_000 }).toBeGreaterThanOrEqual(fixture.traceIds.length);
          // Each row is its own roll-up query: on a busy machine the breakdowns take a while.
          await page.getByRole('table', { name: 'by route' }).locator('tr[data-key="support-chat"]').waitFor({ timeout: 45_000 });
          await page.getByRole('table', { name: 'by model' }).locator('tbody tr').first().waitFor({ timeout: 45_000 });
        },
      },
      { hash: 'traces', shot: 'page-traces', ready: () => page.locator(`tr[data-key="${fixture.traceIds[0]}"]`).waitFor() },
      { hash: 'alerts', shot: 'page-alerts', ready: () => page.getByRole('heading', { name: 'Alerts' }).waitFor() },
      {
        hash: `drift/${extras.driftMonitor}`,
        shot: 'page-drift',
        ready: async () => {
          await page.getByRole('table', { name: 'latest drift results' }).locator('tr[data-key="input_length"]').waitFor();
          await page.locator('[data-chart="drift history"] canvas').waitFor();
        },
      },
      {
        hash: `experiments/${extras.experimentId}`,
        shot: 'page-experiments',
        ready: async () => {
          const arms = page.getByRole('table', { name: 'experiment arms' });
          await arms.locator('tr[data-key="backup"]').waitFor();
          expect(await arms.locator('tbody tr').count()).toBe(2);
          await page.getByTestId('experiment-decision').waitFor();
        },
      },
      { hash: 'models/support/support-002', shot: 'page-models', ready: () => page.getByRole('table', { name: 'gate results' }).locator('tr[data-key="answer-quality"]').waitFor() },
      { hash: 'routes/support-chat', shot: 'page-routes', ready: () => page.locator('[data-chart="traffic split"] canvas').waitFor() },
      { hash: 'prompts', shot: 'page-prompts', ready: () => page.getByText('support-system').first().waitFor() },
      { hash: 'datasets/support-qa', shot: 'page-datasets', ready: () => page.getByRole('table', { name: 'dataset versions' }).locator('tbody tr').first().waitFor() },
      { hash: `evals/${fixture.evalRunIds[0]}`, shot: 'page-evals', ready: () => page.locator('[data-chart="metric scores"] canvas').waitFor() },
      { hash: `training/${fixture.trainingJobId}`, shot: 'page-training', ready: () => page.locator('[data-chart="loss curve"] canvas').waitFor() },
      {
        hash: `pipelines/${extras.pipeline}/${extras.pipelineRunId}`,
        shot: 'page-pipelines',
        ready: async () => {
          const steps = page.getByRole('list', { name: 'run steps' });
          await steps.locator('[data-step="train"]').waitFor();
          expect(await steps.locator('[data-step="train"] a', { hasText: tuned.name }).count()).toBe(1);
        },
      },
      {
        hash: `lineage/model_version/${tuned.id}`,
        shot: 'page-lineage',
        ready: async () => {
          await page.locator('[data-chart="lineage graph"] canvas').waitFor();
          const nodes = page.getByRole('table', { name: 'lineage nodes' });
          const rows = (kind: string) => nodes.locator(`tr[data-key^="${kind}:"]`).allTextContents();
          const some = (texts: string[], pattern: RegExp) => texts.some((text) => pattern.test(text));
          // One GraphQL walk, depth 3: model version ← training job ← curated dataset version ← the traces its items came from.
          await expect.poll(() => rows('model_version').then((texts) => some(texts, new RegExp(`${tuned.name}.*start`))), { timeout: 20_000 }).toBe(true);
          await expect.poll(() => rows('training_job').then((texts) => texts.filter((text) => text.includes('1this —produced→ model version')).length)).toBe(1);
          await expect.poll(() => rows('dataset_version').then((texts) => some(texts, /support-curated@1.*2this —trained→ training job/))).toBe(true);
          await expect.poll(() => rows('trace').then((texts) => some(texts, /3this —curated_into→ dataset version/))).toBe(true);
          // Each node links to its own page, with the dataset and version, or the model, read from its label.
          const link = (kind: string, name: string) => nodes.locator(`tr[data-key^="${kind}:"]`, { hasText: name }).getByRole('link', { name: 'open →' }).getAttribute('href');
          expect(await link('dataset_version', 'support-curated@1')).toBe('#/datasets/support-curated/1');
          expect(await link('model_version', tuned.name)).toBe(`#/models/support-tuned/${tuned.name}`);
          // Clicking a node walks from it: from the training job, the model version is one step down.
          await nodes.locator('tr[data-key^="training_job:"] td').nth(1).click();
          await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/lineage\/training_job\//);
          await expect.poll(() => rows('model_version').then((texts) => some(texts, new RegExp(`${tuned.name}.*1training job —produced→ this`)))).toBe(true);
          await expect.poll(() => rows('dataset_version').then((texts) => some(texts, /support-curated@1.*1this —trained→ training job/))).toBe(true);
        },
      },
      { hash: 'playground', shot: 'page-playground', ready: () => page.getByLabel('Model', { exact: true }).waitFor() },
      { hash: 'keys', shot: 'page-keys', ready: () => page.getByRole('table', { name: 'api keys' }).locator('tbody tr').first().waitFor() },
      { hash: 'limits', shot: 'page-limits', ready: () => page.getByRole('table', { name: 'limits' }).locator('tbody tr').first().waitFor() },
      { hash: 'audit', shot: 'page-audit', ready: () => page.getByRole('table', { name: 'audit entries' }).locator('tbody tr').first().waitFor() },
    ];
    const wide: Record<string, unknown> = {};
    for (const entry of pages) {
      await page.goto(url(entry.hash));
      await entry.ready();
      // Every panel of the page finishes loading (a panel still fetching on a busy machine is given
      // time; a "Loading…" that never ends fails).
      await expect.poll(() => page.getByText('Loading…').count(), { message: entry.hash, timeout: 30_000 }).toBe(0);
      const measured = await overflow(page);
      if (measured.page > 0 || measured.tables.length) wide[entry.hash] = measured;
      await shoot(page, entry.shot);
    }
    expect(wide).toEqual({});
    expect(browser.errors).toEqual([]);
  });

  it('chats in the playground through a bound prompt, opens the trace and saves the exchange as a dataset item', async () => {
    const page = browser.page;
    await page.goto(url('playground'));
    await page.getByLabel('Model', { exact: true }).selectOption(extras.promptedRoute);
    await page.getByLabel('Variable product').fill('Acme routers');
    await page.getByLabel('System prompt').fill('Answer in one sentence.');
    await page.getByLabel('Message').fill('Where is my router?');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByTestId('answer');
    await expect.poll(async () => (await answer.textContent())?.length ?? 0).toBeGreaterThan(0);
    const traceLink = page.getByRole('link', { name: 'Open trace' });
    const traceId = decodeURIComponent(((await traceLink.getAttribute('href')) ?? '').split('/').pop() ?? '');
    expect(traceId).toMatch(/\S+/);
    // The gateway rendered the bound prompt with the variable, before the playground's own messages.
    await expect.poll(async () => (await fixture.steward.api('GET', `/api/traces/${traceId}`)).status, { timeout: 20_000 }).toBe(200);
    const trace = (await fixture.steward.api('GET', `/api/traces/${traceId}`)).body as { route: string; request: { messages: { role: string; content: string }[] } };
    expect(trace.route).toBe(extras.promptedRoute);
    expect(trace.request.messages.slice(0, 2)).toEqual([
      { role: 'system', content: 'You support Acme routers customers.' },
      { role: 'system', content: 'Answer in one sentence.' },
    ]);
    await page.getByLabel('Dataset').selectOption('support-qa');
    await page.getByRole('button', { name: 'Save as dataset item' }).click();
    await expect.poll(() => page.getByTestId('saved').textContent(), { timeout: 20_000 }).toMatch(/^saved to support-qa v\d+$/);
    const versions = (await fixture.steward.api('GET', '/api/datasets/support-qa/versions')).body.data as { version: number; itemCount: number }[];
    const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    const items = (await fixture.steward.api('GET', `/api/datasets/support-qa/versions/${newest.version}/items?limit=1000`)).body.data as { item: { provenance?: { traceId?: string } } }[];
    expect(items.filter((row) => row.item.provenance?.traceId === traceId)).toHaveLength(1);
    await shoot(page, 'page-playground-chat');
    await traceLink.click();
    await expect.poll(() => page.getByTestId('trace-detail').textContent()).toContain('Where is my router?');
    expect(browser.errors).toEqual([]);
  });

  it('promotes, aliases and deprecates a version after a typed confirmation, each audited', async () => {
    const page = browser.page;
    await page.goto(url('models/support/support-002'));
    const actions = page.getByTestId('version-actions');
    await page.getByLabel('New stage').selectOption('staging');
    await page.getByLabel('Reason').fill('passed the smoke tests');
    const move = actions.getByRole('button', { name: 'Move to staging' });
    expect(await move.isDisabled()).toBe(true);
    await actions.getByLabel('Move to staging: type support-002 to confirm').fill('support-002');
    await move.click();
    await page.getByRole('status').filter({ hasText: 'support-002 is now staging.' }).waitFor();
    expect(((await fixture.steward.api('GET', '/api/models/support/versions/support-002')).body as { status: string }).status).toBe('staging');
    const id002 = String((await fixture.steward.api('GET', '/api/models/support/versions/support-002')).body.id);
    expect((await audit(/^models\.versions\./, id002)).some((row) => JSON.stringify(row.after).includes('staging'))).toBe(true);

    await actions.getByLabel('Alias').fill('canary');
    await actions.getByRole('button', { name: 'Set alias' }).click();
    await page.getByRole('status').filter({ hasText: 'canary → support-002.' }).waitFor();
    expect(await audit(/^models\.aliases\.set$/, 'support@canary')).toHaveLength(1);

    await page.goto(url('models/support/support-001'));
    await page.getByLabel('Sunset date').fill('2031-01-01');
    await page.getByLabel('Replacement').fill('support-002');
    await page.getByLabel('Deprecate: type support-001 to confirm').fill('support-001');
    await page.getByRole('button', { name: 'Deprecate', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'support-001 is deprecated.' }).waitFor();
    const v1 = (await fixture.steward.api('GET', '/api/models/support/versions/support-001')).body as { id: string; status: string; sunsetAt: string; replacement: string };
    expect(v1).toMatchObject({ status: 'deprecated', replacement: 'support-002' });
    expect(v1.sunsetAt.startsWith('2031-01-01')).toBe(true);
    expect(await audit(/^models\.versions\.deprecate$/, v1.id)).toHaveLength(1);
    expect(browser.errors).toEqual([]);
  });

  it('pauses, resumes and aborts a rollout, rolls a route back, cancels and retries a job, starts a pipeline run, stops an experiment and creates a key — each audited', async () => {
    const page = browser.page;
    await page.goto(url('routes/canary-chat'));
    const rollouts = page.getByRole('table', { name: 'rollouts' });
    const row = rollouts.locator(`tr[data-key="${extras.rolloutId}"]`);
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByRole('button', { name: 'Resume' }).waitFor();
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByRole('button', { name: 'Pause' }).waitFor();
    await row.getByRole('button', { name: 'Abort' }).click();
    await expect.poll(() => row.locator('.badge').first().textContent()).toBe('aborted');
    expect((await audit(/^rollouts\./, extras.rolloutId)).map((entry) => entry.action)).toEqual(['rollouts.start', 'rollouts.pause', 'rollouts.resume', 'rollouts.aborted']);

    await fixture.steward.api('PUT', '/api/routes/prompted-chat', { body: { config: { targets: [{ model: 'backup/gpt-4o-mini' }] }, reason: 'try the backup' } });
    await page.goto(url('routes/prompted-chat'));
    await page.getByRole('table', { name: 'revisions' }).locator('tr', { hasText: 'bound prompt' }).getByRole('button', { name: 'Roll back here' }).click();
    await page.getByLabel('Roll back to revision 1: type prompted-chat to confirm').fill('prompted-chat');
    await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await page.getByText('Rolled back to revision 1.').waitFor();
    expect((await audit(/^routes\./, 'prompted-chat')).length).toBeGreaterThanOrEqual(3);

    await page.goto(url(`training/${fixture.trainingJobId}`));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(async () => (await audit(/^training\.(cancel|retry)$/, fixture.trainingJobId as string)).map((entry) => entry.action)).toEqual(['training.cancel', 'training.retry']);
    await fixture.steward.api('POST', `/api/training/jobs/${fixture.trainingJobId}/cancel`);

    await page.goto(url(`pipelines/${extras.pipeline}`));
    const before = (await audit(/^pipelines\.run$/)).length;
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(async () => (await audit(/^pipelines\.run$/)).length).toBe(before + 1);

    await page.goto(url(`experiments/${extras.experimentId}`));
    await page.getByLabel('Winner').selectOption('backup');
    await page.getByLabel(`Stop experiment: type ${extras.experimentName} to confirm`).fill(extras.experimentName);
    await page.getByRole('button', { name: 'Stop experiment' }).click();
    await expect.poll(() => page.getByTestId('experiment-decision').textContent()).toContain('backup won');
    expect(await audit(/^experiments\.stop$/, extras.experimentId)).toHaveLength(1);

    await page.goto(url('keys'));
    await page.getByLabel('Name').fill('from-the-page');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('new-key').waitFor();
    expect((await audit(/^keys\.create$/)).some((entry) => JSON.stringify(entry.after).includes('from-the-page'))).toBe(true);
    expect(browser.errors).toEqual([]);
  });

  it('shows a viewer no write control, says once where its role may not read, and remembers its key across tabs until sign-out', async () => {
    const viewer = await fixture.steward.api('POST', '/api/keys', { body: { name: 'read-only', role: 'viewer' } });
    const context = browser.page.context();
    const tab = await context.newPage();
    await tab.setViewportSize({ width: WIDTH, height: 900 });
    const errors: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && errors.push(`${tab.url()}: ${message.text()}`));
    try {
      await tab.goto(`${fixture.steward.url}/ui/`);
      await tab.evaluate(() => sessionStorage.clear());
      await tab.goto(`${fixture.steward.url}/ui/`);
      await tab.getByLabel('API key').fill(String(viewer.body.key));
      await tab.getByLabel('Remember this key in this browser').check();
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('navigation', { name: 'Pages' }).waitFor();

      const visits: [string, () => Promise<unknown>][] = [
        ['overview', () => tab.locator('[data-chart="requests"] canvas').waitFor()],
        [`models/support/support-002`, () => tab.getByRole('table', { name: 'gate results' }).waitFor()],
        ['routes/canary-chat', () => tab.getByRole('table', { name: 'revisions' }).waitFor()],
        [`training/${fixture.trainingJobId}`, () => tab.locator('[data-chart="loss curve"] canvas').waitFor()],
        ['datasets/support-qa', () => tab.getByRole('table', { name: 'dataset versions' }).waitFor()],
        [`drift/${extras.driftMonitor}`, () => tab.getByRole('table', { name: 'latest drift results' }).waitFor()],
        [`experiments/${extras.experimentId}`, () => tab.getByRole('table', { name: 'experiment arms' }).waitFor()],
        [`pipelines/${extras.pipeline}`, () => tab.getByRole('list', { name: 'run steps' }).waitFor()],
        ['limits', () => tab.getByText('this view is read-only').waitFor()],
        // The data plane takes service and developer keys and above: a viewer is told so instead of a chat box.
        ['playground', () => tab.getByTestId('forbidden').waitFor()],
      ];
      for (const [hash, ready] of visits) {
        await tab.goto(url(hash));
        await ready();
        const writes = (await tab.getByRole('button').allTextContents()).map((text) => text.trim()).filter((text) => WRITE_BUTTONS.test(text));
        expect(writes, hash).toEqual([]);
        expect(await tab.getByText(/^Type .* to confirm$/).count(), hash).toBe(0);
        if (hash.startsWith('models/')) await shoot(tab, 'viewer-models');
      }
      // Pages for admins say once that this key may not read them, and never hang on "Loading…".
      for (const hash of ['keys', 'audit']) {
        await tab.goto(url(hash));
        await tab.getByTestId('forbidden').waitFor();
        expect(await tab.getByTestId('forbidden').count(), hash).toBe(1);
        expect(await tab.getByText('Loading…').count(), hash).toBe(0);
      }
      await shoot(tab, 'viewer-forbidden');

      // Remembered: another tab of this browser opens signed in as the viewer.
      const other = await context.newPage();
      await other.goto(url('overview'));
      await expect.poll(() => other.locator('.whoami-name').textContent()).toBe('read-only');
      await other.getByRole('button', { name: 'Sign out' }).click();
      await other.getByLabel('API key').waitFor();
      await other.close();
      const fresh = await context.newPage();
      await fresh.goto(url('overview'));
      await fresh.getByLabel('API key').waitFor();
      expect(await fresh.evaluate(() => localStorage.getItem('steward.apiKey'))).toBeNull();
      await fresh.close();
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
