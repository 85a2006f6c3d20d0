// Browser test (issue 16, items 4 and 5): the case beside the task and the managers' SLA board.
//
// An escalation is raised through the platform API as csm, with the escalation acknowledgement targets
// set to two seconds for the moment (restored right after), so its acknowledgement clock is breached at
// once. Then, in Debian's Chromium driven by playwright-core:
//   - csm opens the escalation's task in Tasklist: the "Case" tab shows the clock and the mail that told
//     the CSMs;
//   - service-manager opens Cockpit's "SLA board": a breached clock is listed first, the escalation's among
//     the breached; then the escalation's instance in Cockpit, whose "Case" tab shows the same case.
// Screenshots land in target/e2e/ (case-*.png, and case-failure.png on error).
//
// Run: BASE_URL=http://localhost:8080 node --test case-tab.spec.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { openInTasklist, signIn } from './login.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(HERE, '..', 'target', 'e2e'));
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 30_000);
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const CSM = ['csm', 'csm'];
const SERVICE_MANAGER = ['service-manager', 'service-manager'];
const METRIC = 'escalation.acknowledge';

/** Calls BASE_URL + path with HTTP Basic; fails with the status and body when not 2xx. */
async function call(method, path, { user, body } = {}) {
  const [name, password] = user;
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64'),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      Accept: 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} as ${name} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : null;
}

async function eventually(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result || Date.now() > deadline) {
      return result ?? null;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'csm-flow-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return { profile, context };
}

async function logIn(page, app, [name, password]) {
  await page.goto(`${BASE_URL}/camunda/app/${app}/`);
  await signIn(page, name, password);
}

/** Raises an escalation whose acknowledgement clock is due two seconds later. */
async function raiseBreachingEscalation(marker) {
  const targets = (await call('GET', '/api/sla-targets?size=200', { user: SERVICE_MANAGER }))
    .filter((target) => target.metric === METRIC);
  assert.ok(targets.length > 0, `no ${METRIC} SLA targets`);
  const body = (target, duration, calendar) => ({
    tier: target.tier, priority: target.priority, metric: target.metric,
    duration, calendar, warningPercent: target.warningPercent,
  });
  try {
    for (const target of targets) {
      await call('PUT', `/api/sla-targets/${target.id}`, {
        user: SERVICE_MANAGER, body: body(target, 'PT2S', 'TWENTY_FOUR_SEVEN'),
      });
    }
    const escalation = await call('POST', '/api/escalations', {
      user: CSM,
      body: {
        clientReference: 'ALPENWERK',
        subject: `Line controllers offline (${marker})`,
        description: 'Raised by the case tab browser test.',
        reportedImpact: 'critical',
        contactName: 'Katrin Huber',
        contactEmail: 'k.huber@alpenwerk.example',
      },
    });
    return escalation.reference;
  } finally {
    for (const target of targets) {
      await call('PUT', `/api/sla-targets/${target.id}`, {
        user: SERVICE_MANAGER, body: body(target, target.duration, target.calendar),
      });
    }
  }
}

test('csm sees the case beside the task; service-manager sees a breached clock first on the SLA board', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  rmSync(join(SHOTS, 'case-failure.png'), { force: true });
  const marker = `E2E-${Date.now()}`;
  const reference = await raiseBreachingEscalation(marker);
  t.diagnostic(`escalation ${reference}`);

  // The job executor sends the CSMs' mail and starts the handling; wait for the task and the outbox row.
  const task = await eventually(async () => {
    const tasks = await call('GET', `/engine-rest/task?processInstanceBusinessKey=${reference}`, { user: CSM });
    return tasks[0];
  }, STEP_TIMEOUT_MS);
  assert.ok(task, `no task of ${reference} for csm`);
  const mail = await eventually(async () => {
    const rows = await call('GET', `/api/notifications?businessKey=${reference}`, { user: CSM });
    return rows.find((row) => row.template === 'escalation-raised');
  }, STEP_TIMEOUT_MS);
  assert.ok(mail, `no escalation-raised mail for ${reference}`);

  let { profile, context } = await launchBrowser();
  let page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  const refused = [];
  const watch = (p) => {
    p.on('pageerror', (error) => pageErrors.push(error.message));
    // what the server refused, for the failure message (the login page's own probes excepted)
    p.on('response', (response) => {
      if (response.status() >= 400 && !/camunda-welcome|auth\/user\/default$/.test(response.url())) {
        refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
  };
  watch(page);
  let step = 'start';
  const shot = async (name) => {
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot ${path}`);
  };
  try {
    step = 'log into Tasklist as csm';
    await logIn(page, 'tasklist', CSM);

    step = 'open the task\'s Case tab';
    await openInTasklist(page, `${BASE_URL}/camunda/app/tasklist/#/?task=${task.id}&detailsTab=csm-flow-case`);
    const caseView = page.locator('.csmflow-case');
    await caseView.getByRole('heading', { name: new RegExp(reference) }).waitFor();

    step = 'the Case tab shows the clock';
    const clockRow = caseView.locator('tr', { hasText: 'escalationAcknowledge' });
    await clockRow.waitFor();
    assert.match(await clockRow.locator('.csmflow-light').innerText(), /breached|at risk|running|paused/);

    step = 'the Case tab shows the mail sent to the CSMs';
    // every member of the csm group is told (csm and csm-backup): the row of csm
    const mailRow = caseView.locator('tr', { hasText: 'escalation-raised' })
      .filter({ hasText: 'csm@demo.csmflow.example' });
    await mailRow.waitFor();
    assert.match(await mailRow.innerText(), /csm@demo\.csmflow\.example/);
    assert.match(await mailRow.innerText(), /sent|not delivered|held until|waiting|failed/);
    // dates in the reader's zone, the zone named
    assert.match(await caseView.innerText(), /Europe\/Berlin/);
    await shot('case-1-tasklist-case-tab');

    await context.close();
    rmSync(profile, { recursive: true, force: true });
    ({ profile, context } = await launchBrowser());
    page = context.pages()[0] ?? await context.newPage();
    watch(page);

    step = 'log into Cockpit as service-manager';
    // the dashboard's last call: once it answered, Cockpit has settled its session
    const dashboardLoaded = page.waitForResponse((r) => r.url().includes('/process-definition/statistics'))
      .catch(() => null);
    await logIn(page, 'cockpit', SERVICE_MANAGER);
    await dashboardLoaded;

    step = 'open the SLA board from the header';
    // the dashboard first: a route change while Cockpit still sets up the session sends it back to login
    await page.locator('[cam-widget-header]').getByRole('link', { name: 'Processes' }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('[cam-widget-header]').getByRole('link', { name: 'SLA board' }).first().click();
    const board = page.locator('.csmflow-board');
    await board.locator('table tbody tr').first().waitFor();

    step = 'the SLA board lists a breached clock first';
    const firstLight = await board.locator('.csmflow-board-rows table tbody tr').first().locator('.csmflow-light').innerText();
    assert.match(firstLight, /breached/, `the first row of the board is "${firstLight}"`);

    step = 'filtered to the client, the escalation\'s clock is breached';
    await board.locator('select[name="clientReference"]').selectOption('ALPENWERK');
    const ours = board.locator('.csmflow-board-rows tr', { hasText: reference });
    await ours.first().waitFor();
    assert.match(await ours.first().locator('.csmflow-light').innerText(), /breached/);
    await shot('case-2-cockpit-sla-board');

    step = 'the row links to its instance, whose Case tab shows the case';
    await ours.first().getByRole('link', { name: reference }).click();
    await page.waitForURL(/#\/process-instance\//);
    const url = new URL(page.url());
    await page.goto(`${url.origin}${url.pathname}${url.hash.split('?')[0]}?tab=csm-flow-case-runtime`);
    await page.locator('.csmflow-case').getByRole('heading', { name: new RegExp(reference) }).waitFor();
    await page.locator('.csmflow-case tr', { hasText: 'escalationAcknowledge' }).first().waitFor();
    await shot('case-3-cockpit-case-tab');
    assert.deepEqual(pageErrors, [], `page errors: ${pageErrors.join(' | ')}`);
  } catch (error) {
    const failure = join(SHOTS, 'case-failure.png');
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    const extra = (pageErrors.length ? `\nPage errors: ${pageErrors.join(' | ')}` : '')
      + (refused.length ? `\nRefused: ${refused.slice(-10).join(' | ')}` : '');
    const message = error.message.split('\n').slice(0, 12).join('\n');
    throw new Error(`Step "${step}" failed at ${page.url()}:\n${message}\nScreenshot: ${failure}${extra}`, { cause: error });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
