// Browser test: a change whose window opens in a few hours asks the CSM to confirm the short notice;
// the form shows the window in the client's time (zone named) and, in a date field, in the user's own
// zone (the browser here runs in New York, the client ALPENWERK is in Munich).
//
// The app must already run at BASE_URL (e2e/run.sh starts it). Screenshots land in target/e2e/.
// Run: BASE_URL=http://localhost:8080 node --test short-notice.spec.mjs

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
const FORM_DEBOUNCE_MS = 500;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const CSM = ['csm', 'csm'];
const ADMIN = ['admin', 'admin'];
const USER_ZONE = 'America/New_York';
const CLIENT_ZONE = 'Europe/Berlin';

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
const rest = (method, path, options) => call('/engine-rest', method, path, options);
const api = (method, path, options) => call('/api', method, path, options);

async function eventually(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result || Date.now() > deadline) {
      return result ?? null;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** "HH:mm" of an instant in a zone, 24 h. */
function timeIn(instant, zone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(instant);
}

test('a CSM confirms a short notice; the form shows the window in the client\'s and the user\'s zone', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const marker = `E2E-${Date.now()}`;
  // three hours ahead, on a quarter hour: inside every change.notice lead time
  const start = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 900_000) * 900_000);
  const end = new Date(start.getTime() + 3600_000);

  const change = await api('POST', '/changes', {
    user: CSM,
    body: {
      clientReference: 'ALPENWERK', title: `Firewall firmware (${marker})`, description: 'Firmware 17.3',
      requestedType: 'standard', nonStandard: false, impactedServices: ['Networking'],
      windowStart: start.toISOString(), windowEnd: end.toISOString(),
      urgency: 'low', impact: 'low', billable: false, requesterEmail: 'it@alpenwerk.example',
    },
  });
  const reference = change.reference;
  const instanceId = change.processInstanceId;
  t.diagnostic(`change ${reference}, instance ${instanceId}, window ${start.toISOString()}`);

  // The client's "received" mail runs as a job on a side branch beside the approval; when that branch ends the
  // engine regroups the instance's executions and updates the waiting task, so a claim at that very moment
  // answers 409 ("changed by someone else"). A person never claims that fast: wait for the mail job first.
  const settled = await eventually(async () =>
    (await rest('GET', `/job?processInstanceId=${instanceId}&messages=true`, { user: ADMIN })).length === 0, 30_000);
  assert.ok(settled, 'the change\'s background jobs did not finish');

  // The CSM keeps the window in the schedule task (REST: the schedule form is not under test here).
  const [schedule] = await rest('GET', `/task?processInstanceId=${instanceId}&taskDefinitionKey=Task_ScheduleChange`, { user: CSM });
  assert.ok(schedule, 'the change should wait at "Schedule the maintenance window"');
  await rest('POST', `/task/${schedule.id}/claim`, { user: CSM, body: { userId: 'csm' } });
  await rest('POST', `/task/${schedule.id}/complete`, { user: CSM, body: { variables: {} } });
  const confirm = await eventually(async () => {
    const [task] = await rest('GET', `/task?processInstanceId=${instanceId}&taskDefinitionKey=Task_ConfirmShortNotice`, { user: CSM });
    return task;
  }, STEP_TIMEOUT_MS);
  assert.ok(confirm, 'a window inside the lead time should ask the CSM to confirm the short notice');

  const profile = mkdtempSync(join(tmpdir(), 'csm-flow-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1100 }, locale: 'en-US', timezoneId: USER_ZONE,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = context.pages()[0] ?? await context.newPage();
  let step = 'start';
  const shot = async (name) => {
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot ${path}`);
  };
  try {
    step = 'log into Tasklist as csm (browser in New York)';
    await page.goto(`${BASE_URL}/camunda/app/tasklist/#/?task=${confirm.id}`);
    await signIn(page, 'csm', 'csm');

    step = 'open the short-notice task';
    const form = page.locator('.fjs-form');
    await form.getByText(`Firewall firmware (${marker})`).waitFor();

    step = 'the window reads in the client\'s time, zone named';
    const clientTime = timeIn(start, CLIENT_ZONE);
    const header = await form.locator('.fjs-form-field-text').first().innerText();
    assert.match(header, new RegExp(`Window \\(client's time\\): \\w{3} \\d{1,2} \\w{3} \\d{4}, ${clientTime} (CET|CEST)`),
      `the form should name the window in the client's zone: ${header}`);
    assert.doesNotMatch(header, /\d{4}-\d{2}-\d{2}T/, `no ISO date-time in the form: ${header}`);

    step = 'the date field shows the window start in the user\'s zone';
    const userTime = timeIn(start, USER_ZONE);
    // the datetime field draws a date and a time input (plus pickers): one of them holds the time
    const values = await form.locator('.fjs-form-field-datetime input').evaluateAll(
      (inputs) => inputs.map((input) => input.value));
    assert.ok(values.includes(userTime), `the time field should read ${userTime} (New York), inputs hold ${JSON.stringify(values)}`);
    assert.ok(!values.includes(clientTime) || clientTime === userTime, 'the time field must not show the client\'s time');
    await shot('short-notice-1-form');

    step = 'claim, confirm with a reason, complete';
    const claim = page.getByRole('button', { name: 'Claim', exact: true });
    await claim.click();
    await claim.waitFor({ state: 'detached' });
    await form.getByLabel('Confirm: tell the client now, at short notice').check();
    const reason = form.getByLabel('Why the client is told at short notice (recorded in the change register)');
    await reason.fill(`Client agreed on the phone (${marker})`);
    await reason.blur();
    await page.waitForTimeout(FORM_DEBOUNCE_MS);
    await shot('short-notice-2-confirmed');
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByText('Select a task in the list.').waitFor();

    step = 'the register has the reason, the notice went out';
    const recorded = await eventually(async () => {
      const row = await api('GET', `/changes/${reference}`, { user: CSM });
      return row.noticeSentAt ? row : null;
    }, STEP_TIMEOUT_MS);
    assert.ok(recorded, `the notice of ${reference} should be recorded as sent`);
    assert.equal(recorded.shortNoticeReason, `Client agreed on the phone (${marker})`);
    assert.equal(recorded.shortNoticeConfirmedBy, 'csm');
    const [notice] = await api('GET', `/notifications?businessKey=${reference}&size=50`, { user: CSM })
      .then((rows) => rows.filter((row) => row.template === 'change-maintenance-notice' && row.audience === 'CLIENT'));
    assert.ok(notice, 'a maintenance notice to the client should be in the outbox');
    assert.ok(notice.notBefore == null, `a confirmed short notice is not held for business hours: ${JSON.stringify(notice)}`);
  } catch (error) {
    const failure = join(SHOTS, 'failure-short-notice.png');
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    const message = error.message.split('\n').slice(0, 12).join('\n');
    throw new Error(`Step "${step}" failed at ${page.url()}:\n${message}\nScreenshot: ${failure}`, { cause: error });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
