// Browser test (issue 18): a client's onboarding is started through the API and the CSM records the
// kick-off in Tasklist.
//
// As csm: creates a client and starts its onboarding with POST /api/clients/{reference}/onboarding (the
// contract's figures), then logs into Tasklist, opens the kick-off task ("Record the kick-off with the
// client · ONB-… · <client>") from the "Client Service Manager tasks" filter, fills in the Camunda Form
// (current state, pain points, gaps, success criteria, agreed cadence) and completes it. Checks through
// REST that the form's values are saved and the onboarding moved on (to the CSM's tier confirmation).
// Screenshots in target/e2e/onboarding-*.png.
//
// Run: BASE_URL=http://localhost:8080 node --test onboarding.spec.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { signIn } from './login.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(HERE, '..', 'target', 'e2e'));
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 30_000);
// form-js waits this long after the last keystroke before it takes a text field's value into its data.
const FORM_DEBOUNCE_MS = 500;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const ADMIN = ['admin', 'admin'];
const CSM = ['csm', 'csm'];
const GROUP_FILTER = 'Client Service Manager tasks';
const KICK_OFF = 'Task_KickOff';

const rest = (method, path, options) => call('/engine-rest', method, path, options);
const api = (method, path, options) => call('/api', method, path, options);

async function call(base, method, path, { user, body } = {}) {
  const [name, password] = user;
  const response = await fetch(`${BASE_URL}${base}${path}`, {
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
    throw new Error(`${method} ${base}${path} as ${name} answered ${response.status}: ${text.slice(0, 500)}`);
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

test('the CSM records the kick-off of an onboarding started through the API in Tasklist', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  rmSync(join(SHOTS, 'onboarding-failure.png'), { force: true });
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const client = `E2E-ONB-${suffix}`;
  const clientName = `Onboarding browser test ${suffix}`;
  const kickOff = {
    currentState: `Two data centres, no monitoring baseline (${suffix})`,
    painPoints: 'Slow incident response at night',
    gaps: 'No runbooks for the firewalls',
    successCriteria: 'P1 response under 30 minutes\nMonthly report on time',
    cadence: 'Weekly health check, monthly executive summary, quarterly review',
  };

  // 1. The contract is signed: the client and its onboarding, through the API as the CSM.
  await api('POST', '/clients', {
    user: CSM,
    body: {
      reference: client, name: clientName, tier: 'STANDARD', language: 'en', timeZone: 'Europe/London',
      businessDayStart: '09:00', businessDayEnd: '17:00',
      businessDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], holidayRegion: 'GB',
      designatedCsm: 'csm', cseTeam: ['cse'],
    },
  });
  const onboarding = await api('POST', `/clients/${client}/onboarding`, {
    user: CSM,
    body: { monthlySpend: 45000, technologyGroups: 2, deviceCount: 400 },
  });
  assert.match(onboarding.reference ?? '', /^ONB-/, `the onboarding should carry an ONB- reference: ${JSON.stringify(onboarding)}`);
  const task = await eventually(async () => {
    const [found] = await rest('GET', `/task?processInstanceBusinessKey=${onboarding.reference}&taskDefinitionKey=${KICK_OFF}`, { user: CSM });
    return found;
  }, STEP_TIMEOUT_MS);
  assert.ok(task, `no kick-off task of ${onboarding.reference}`);
  assert.equal(task.assignee, 'csm', 'the kick-off goes to the client\'s designated CSM');
  t.diagnostic(`onboarding ${onboarding.reference}, task "${task.name}" (${task.id})`);

  // 2. The browser part.
  const profile = mkdtempSync(join(tmpdir(), 'csm-flow-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1100 }, locale: 'en-US', timezoneId: 'UTC',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const shot = async (name) => {
    const path = join(SHOTS, `onboarding-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot ${path}`);
  };
  let step = 'start';
  try {
    step = 'log into Tasklist as csm';
    await page.goto(`${BASE_URL}/camunda/app/tasklist/`);
    await signIn(page, 'csm', 'csm');

    step = `open the kick-off task from the "${GROUP_FILTER}" filter`;
    await page.locator('.task-filters .task-filter', { hasText: GROUP_FILTER }).first().click();
    const item = page.locator('ol.tasks-list li', { has: page.locator(`a[href="#/?task=${task.id}"]`) });
    await item.waitFor();
    const text = await item.innerText();
    assert.match(text, new RegExp(onboarding.reference), `the list entry should name ${onboarding.reference}: ${text}`);
    assert.match(text, new RegExp(client), `the list entry should name the client: ${text}`);
    await item.locator(`a[href="#/?task=${task.id}"]`).click();
    await page.getByRole('heading', { name: /Record the kick-off with the client/ }).first().waitFor();
    const form = page.locator('.fjs-form');
    // the form's heading names the case and the client
    await form.getByText(`Onboarding ${onboarding.reference}: ${clientName}`).waitFor();

    step = 'fill in the kick-off form';
    const fields = [
      ['Current state of the client\'s environment and service', kickOff.currentState],
      ['Pain points', kickOff.painPoints],
      ['Gaps', kickOff.gaps],
      ['Success criteria as KPIs (one a line)', kickOff.successCriteria],
      ['Agreed cadence (calls, reports, reviews)', kickOff.cadence],
    ];
    for (const [label, value] of fields) {
      // a required field's label ends in "*": matched by its beginning
      const field = form.getByLabel(label);
      await field.fill(value);
      // form-js debounces text input and flushes it on blur
      await field.blur();
      await page.waitForTimeout(FORM_DEBOUNCE_MS);
    }
    await shot('1-kick-off-filled');

    step = 'complete the kick-off';
    const complete = page.getByRole('button', { name: 'Complete', exact: true });
    const submitted = page.waitForRequest((request) => request.url().endsWith(`/task/${task.id}/submit-form`));
    await complete.click();
    const submittedVariables = (await submitted).postDataJSON()?.variables ?? {};
    assert.equal(submittedVariables.currentState?.value, kickOff.currentState,
      `Tasklist submitted without the typed current state: ${JSON.stringify(submittedVariables)}`);
    await page.locator(`ol.tasks-list a[href="#/?task=${task.id}"]`).waitFor({ state: 'detached' });
    await shot('2-after-completion');

    step = 'check through REST that the kick-off is saved and the onboarding moved on';
    const [handled] = await rest('GET', `/history/task?taskId=${task.id}`, { user: ADMIN });
    assert.equal(handled.deleteReason, 'completed', `the kick-off should be completed, delete reason is ${handled.deleteReason}`);
    assert.equal(handled.assignee, 'csm');
    const variables = await rest('GET', `/history/variable-instance?processInstanceId=${task.processInstanceId}&deserializeValues=false`, { user: ADMIN });
    const value = (name) => variables.find((v) => v.name === name)?.value;
    for (const [name, expected] of Object.entries(kickOff)) {
      assert.equal(value(name), expected, `variable "${name}" should hold what was typed into the form`);
    }
    // the next step (the CSM's tier confirmation today) is open: the onboarding moved on
    const next = await eventually(async () => {
      const open = await rest('GET', `/task?processInstanceId=${task.processInstanceId}`, { user: ADMIN });
      return open.find((entry) => entry.taskDefinitionKey !== KICK_OFF) ?? null;
    }, STEP_TIMEOUT_MS);
    assert.ok(next, `no step after the kick-off is open in ${onboarding.reference}`);
    t.diagnostic(`next: "${next.name}" (${next.taskDefinitionKey})`);
    assert.equal((await rest('GET', `/task?processInstanceId=${task.processInstanceId}&taskDefinitionKey=${KICK_OFF}`, { user: ADMIN })).length, 0);
    assert.deepEqual(pageErrors, [], `page errors: ${pageErrors.join(' | ')}`);
  } catch (error) {
    const failure = join(SHOTS, 'onboarding-failure.png');
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    const extra = pageErrors.length ? `\nPage errors: ${pageErrors.join(' | ')}` : '';
    throw new Error(`Step "${step}" failed at ${page.url()}:\n${error.message.split('\n').slice(0, 12).join('\n')}` +
      `\nScreenshot: ${failure}${extra}`, { cause: error });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
