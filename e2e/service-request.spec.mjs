// Browser test for issue 17: a new service is asked for and decided in Tasklist.
//
// As account-manager (sales may take a client's request in, like the DC Head): start "Service request"
// from its start form, picking the client and typing the request's criteria, dates and price model. The
// platform records it and computes the staff and resource status and the recommendation. Then, as dc-head
// in a browser of their own: open "Decide go or no-go", see the criteria beside the status summary and the
// recommendation, decide go with a reason and complete; the request is then decided in the register and
// the DC Head's next task is to appoint SM and DM. Screenshots in target/e2e/service-request-*.png.
//
// Run: BASE_URL=http://localhost:8080 node --test service-request.spec.mjs

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
const FORM_DEBOUNCE_MS = 500;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const ADMIN = ['admin', 'admin'];
const DC_HEAD = ['dc-head', 'dc-head'];

async function call(method, url, user) {
  const [name, password] = user;
  const response = await fetch(`${BASE_URL}${url}`, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64'),
      Accept: 'application/json',
    },
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} as ${name} answered ${response.status}: ${text.slice(0, 500)}`);
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

async function pickFromSelect(form, label, search, entry) {
  const field = form.locator('.fjs-form-field-select', { hasText: label }).first();
  const input = field.locator('input.fjs-input');
  if (await input.count()) {
    await input.click();
    await input.fill(search);
  } else {
    await field.locator('.fjs-select-display').click();
  }
  await form.locator('.fjs-dropdownlist-item', { hasText: entry }).first().click();
}

async function typeDate(form, label, date) {
  const input = form.getByLabel(label);
  await input.fill(date);
  await input.press('Enter');
  await input.page().waitForTimeout(FORM_DEBOUNCE_MS);
}

/** A browser of the user's own, logged into Tasklist. */
async function tasklistAs(user, profiles) {
  const profile = mkdtempSync(join(tmpdir(), 'csm-flow-e2e-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1100 }, locale: 'en-US', timezoneId: 'UTC',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${BASE_URL}/camunda/app/tasklist/`);
  await signIn(page, user, user);
  await page.locator('[cam-widget-header]').getByText('Start process').waitFor();
  return { context, page };
}

test('sales starts a service request in Tasklist and the DC Head decides go', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const marker = `E2E-SRQ-${Date.now()}`;
  const profiles = [];
  const contexts = [];
  const pageErrors = [];
  let page = null;
  const shot = async (name) => {
    const path = join(SHOTS, `service-request-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot ${path}`);
  };
  let step = 'start';
  try {
    step = 'log into Tasklist as account-manager';
    const sales = await tasklistAs('account-manager', profiles);
    contexts.push(sales.context);
    page = sales.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));

    step = 'open the start form of "Service request"';
    await page.locator('[cam-widget-header]').getByText('Start process').click();
    const dialog = page.locator('.modal-dialog');
    await dialog.getByText('Service request', { exact: true }).click();
    const form = dialog.locator('.fjs-form');
    await form.waitFor();

    step = 'fill in the client\'s request, the client picked from the list';
    const clientInput = form.locator('.fjs-form-field-select', { hasText: 'Client' }).first().locator('input.fjs-input');
    await clientInput.click();
    await clientInput.fill('alpen');
    await form.locator('.fjs-dropdownlist-item', { hasText: '(ALPENWERK)' }).first().click();
    await form.getByLabel('What service').fill(`Mainframe operations (${marker})`);
    await form.getByLabel('Criteria that come with the request').fill('24x7 batch monitoring, German-speaking team');
    await form.getByLabel('Required skills (comma-separated)').fill('java');
    await typeDate(form, 'Expected start', '01/04/2027');
    await typeDate(form, 'Term ends', '12/31/2027');
    await form.getByLabel('Fixed price', { exact: true }).check();
    await pickFromSelect(form, 'Risk', 'Low', 'Low');
    await form.getByLabel('Documents (references, comma-separated)').fill('RFP-E2E.pdf');
    await form.getByLabel("Requester's email").fill('e2e-requester@alpenwerk.example');
    await form.getByLabel("Requester's email").blur();
    await page.waitForTimeout(FORM_DEBOUNCE_MS);
    await shot('1-start-form');

    step = 'start it';
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    step = 'the request is in the register and waits for the DC Head';
    const request = await eventually(async () => {
      const found = await call('GET', '/api/service-requests?client=ALPENWERK&size=200', DC_HEAD);
      return found.find((r) => r.serviceName.includes(marker)) ?? null;
    }, STEP_TIMEOUT_MS);
    assert.ok(request, `no service request ${marker} in the register`);
    assert.equal(request.status, 'AWAITING_DECISION');
    assert.match(request.statusSummary, /Free resources/);
    const [instance] = await call('GET',
      `/engine-rest/process-instance?businessKey=${request.reference}&processDefinitionKey=service-request`, ADMIN);
    assert.ok(instance, `no instance for ${request.reference}`);
    const started = await call('GET', `/engine-rest/process-instance/${instance.id}/variables/requestedBy`, ADMIN);
    assert.equal(started.value, 'account-manager');
    const [decide] = await call('GET',
      `/engine-rest/task?processInstanceId=${instance.id}&taskDefinitionKey=Task_Decide`, DC_HEAD);
    assert.ok(decide, 'the DC Head should see "Decide go or no-go"');

    step = 'log into Tasklist as dc-head and open "Decide go or no-go"';
    const head = await tasklistAs('dc-head', profiles);
    contexts.push(head.context);
    page = head.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openInTasklist(page, `${BASE_URL}/camunda/app/tasklist/#/?task=${decide.id}`);
    const claim = page.getByRole('button', { name: 'Claim', exact: true });
    await claim.click();
    await claim.waitFor({ state: 'detached' });
    const taskForm = page.locator('.fjs-form');
    await taskForm.waitFor();

    step = 'the criteria, the status summary and the recommendation are beside the decision';
    await taskForm.getByText('24x7 batch monitoring').first().waitFor();
    await taskForm.getByText('Staff and resource status:').waitFor();
    await taskForm.getByText('Free resources').first().waitFor();
    await taskForm.getByText(request.recommendation, { exact: false }).first().waitFor();
    await taskForm.getByText(request.reference).first().waitFor();
    await taskForm.getByText('RFP-E2E.pdf').first().waitFor();
    const shown = await taskForm.innerText();
    assert.doesNotMatch(shown, /rO0AB/, 'a list variable is shown as serialized Java');
    await shot('2-decide-form');

    step = 'decide go with a reason and complete';
    await taskForm.getByLabel('Go: take the service on', { exact: true }).check();
    const reason = taskForm.getByLabel(/^Reason/);
    await reason.fill('Strategic client; the team can be staffed (e2e)');
    await reason.blur();
    await page.waitForTimeout(FORM_DEBOUNCE_MS);
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByText('Select a task in the list.').waitFor();
    await shot('3-decided');

    step = 'the decision is recorded, and the DC Head appoints SM and DM next';
    const decided = await call('GET', `/api/service-requests/${request.reference}`, DC_HEAD);
    assert.equal(decided.decision, 'go');
    assert.equal(decided.decidedBy, 'dc-head');
    assert.equal(decided.overruled, request.recommendation !== 'go');
    assert.match(decided.decisionReason, /Strategic client/);
    const [appoint] = await call('GET',
      `/engine-rest/task?processInstanceId=${instance.id}&taskDefinitionKey=Task_AppointService`, DC_HEAD);
    assert.ok(appoint, 'after go the DC Head appoints SM and DM');
    assert.deepEqual(pageErrors, [], `page errors: ${pageErrors.join(' | ')}`);
  } catch (error) {
    const failure = join(SHOTS, 'service-request-failure.png');
    if (page) {
      await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    }
    const extra = pageErrors.length ? `\nPage errors: ${pageErrors.join(' | ')}` : '';
    throw new Error(`Step "${step}" failed at ${page?.url()}:\n${error.message.split('\n').slice(0, 12).join('\n')}` +
      `\nScreenshot: ${failure}${extra}`, { cause: error });
  } finally {
    for (const context of contexts) {
      await context.close().catch(() => {});
    }
    for (const profile of profiles) {
      rmSync(profile, { recursive: true, force: true });
    }
  }
});
