// Browser test: a Client Service Manager works a service desk request in Camunda Tasklist.
//
// The app must already run at BASE_URL (e2e/run.sh starts it). The test starts a process instance
// through the engine REST API, then, in Debian's Chromium driven by playwright-core, logs into
// Tasklist as the demo user csm, opens the task from the "Client Service Manager tasks" filter,
// claims it, fills in the Camunda Form and completes it. It then asks the history REST API whether
// the instance moved on. Screenshots land in target/e2e/ (one per step, and failure.png on error).
//
// Run: BASE_URL=http://localhost:8080 node --test tasklist.spec.mjs

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
// The machine may be busy (CI shares it): generous, but finite, waits.
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 30_000);
// form-js waits this long after the last keystroke before it takes a text field's value into its data.
const FORM_DEBOUNCE_MS = 500;

// Flags for a root, offline CI box: no sandbox, no GPU, and none of Chromium's calls home, which a
// closed network refuses (and which would slow every start).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const PROCESS_KEY = 'service-desk-request';
const USER_TASK_KEY = 'Task_HandleRequest';
const GROUP_FILTER = 'Client Service Manager tasks';

/** Calls the engine REST API with HTTP Basic; fails with the status and body when not 2xx. */
async function rest(method, path, { user, body } = {}) {
  const [name, password] = user;
  const response = await fetch(`${BASE_URL}/engine-rest${path}`, {
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
    throw new Error(`${method} /engine-rest${path} as ${name} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Polls until the check returns something (then returns it) or the time is up (then returns null). */
async function eventually(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result || Date.now() > deadline) {
      return result ?? null;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Headless Chromium on a fresh profile each run, so no session or local storage leaks in. */
async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'csm-flow-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return { profile, context };
}

const CSM = ['csm', 'csm'];
const ADMIN = ['admin', 'admin'];

const SERVICE_MANAGER = ['service-manager', 'service-manager'];
const BRAND = 'CSM Flow';
// The vendor's end-of-life banner ("It is time to migrate to Camunda 8 ...") that every Camunda 7 CE
// webapp draws above its header. Cockpit has its own "Migration" feature, so match the banner's words.
const VENDOR_BANNER = /Camunda 8|time to migrate/i;

/**
 * Checks that a logged-in webapp shows CSM Flow (header brand, window title, our logo) and not the
 * vendor's migration banner; names every deviation at once. Call it once the app's header and
 * translations are on the page.
 */
async function assertBranded(page, appName) {
  const problems = [];
  const brand = page.locator('[cam-widget-header] .navbar-brand .brand-name');
  await brand.waitFor();
  const brandText = (await brand.innerText()).trim();
  if (brandText !== `${BRAND} ${appName}`) {
    problems.push(`the header names "${brandText}", not "${BRAND} ${appName}"`);
  }
  const title = await page.title();
  if (!title.startsWith(`${BRAND} ${appName}`)) {
    problems.push(`the window title is "${title}", not "${BRAND} ${appName}"`);
  }
  const logo = await page.locator('[cam-widget-header] .navbar-brand .brand-logo')
    .evaluate((element) => getComputedStyle(element).backgroundImage);
  if (!/\/csm-flow\/logo\.svg/.test(logo)) {
    problems.push(`the header logo is not the CSM Flow logo (background: ${logo})`);
  }
  for (const banner of await page.locator('.ce-eol-banner').all()) {
    if (await banner.isVisible()) {
      problems.push('the vendor banner (.ce-eol-banner) is visible');
    }
  }
  for (const text of await page.getByText(VENDOR_BANNER).all()) {
    if (await text.isVisible()) {
      problems.push(`vendor banner text is visible: "${(await text.innerText()).slice(0, 80)}"`);
    }
  }
  assert.deepEqual(problems, [], `${appName} is not branded as ${BRAND}:\n- ${problems.join('\n- ')}`);
}

test('a CSM claims, fills in and completes a service desk request in Tasklist', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  rmSync(join(SHOTS, 'failure.png'), { force: true });
  // Business keys are issued by the platform (a caller's own is refused): the run is told apart by a marker.
  const marker = `E2E-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const resolution = `Replaced the toner cartridge (${marker}).`;

  // 1. A request arrives: start an instance as the csm user, as the service desk would.
  const instance = await rest('POST', `/process-definition/key/${PROCESS_KEY}/start`, {
    user: CSM,
    body: {
      variables: {
        subject: { value: `Printer on floor 3 jams (${marker})`, type: 'String' },
        requesterEmail: { value: 'requester@client.example', type: 'String' },
        description: { value: 'Paper jams on every second page since Monday.', type: 'String' },
        // a service desk request belongs to a client, with a category and a priority (issue 21)
        clientReference: { value: 'ALPENWERK', type: 'String' },
        category: { value: 'OTHER', type: 'String' },
        priority: { value: 'P4', type: 'String' },
      },
    },
  });
  const tasks = await rest('GET', `/task?processInstanceId=${instance.id}&taskDefinitionKey=${USER_TASK_KEY}`, { user: CSM });
  assert.equal(tasks.length, 1, `expected one open "${USER_TASK_KEY}" task for ${marker}, got ${tasks.length}`);
  const taskId = tasks[0].id;
  t.diagnostic(`instance ${instance.id}, marker ${marker}, task ${taskId}`);

  // 2. The browser part. A fresh profile each run, so no session or local storage leaks in.
  const { profile, context } = await launchBrowser();
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let step = 'start';
  const shot = async (name) => {
    const path = join(SHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot ${path}`);
  };

  try {
    step = 'log into Tasklist as csm';
    await page.goto(`${BASE_URL}/camunda/app/tasklist/`);
    await signIn(page, 'csm', 'csm');

    step = `open the "${GROUP_FILTER}" filter`;
    await page.locator('.task-filters .task-filter', { hasText: GROUP_FILTER }).click();

    step = 'Tasklist shows CSM Flow, without the vendor banner';
    await assertBranded(page, 'Tasklist');
    await shot('0-tasklist-branding');

    step = 'open the task from the list';
    // The list links each task by id; the id is the only thing telling our task from older ones.
    const taskLink = page.locator(`ol.tasks-list a[href="#/?task=${taskId}"]`);
    await taskLink.click();
    await page.getByRole('heading', { name: 'Handle service desk request' }).first().waitFor();
    // The Camunda Form shows what the requester asked.
    await page.getByText(`Printer on floor 3 jams (${marker})`).waitFor();

    step = 'claim the task';
    const claim = page.getByRole('button', { name: 'Claim', exact: true });
    await claim.click();
    // Once claimed, the header shows the assignee (and "Unclaim") instead of the Claim button.
    await claim.waitFor({ state: 'detached' });

    step = 'fill in the form';
    const form = page.locator('.fjs-form');
    const resolutionField = form.getByLabel('Resolution given to the requester');
    await resolutionField.fill(resolution);
    // form-js debounces text input (300 ms) and flushes it on blur: leave the field
    // and let the debounce window pass, so the form's data holds the text before anything else.
    await resolutionField.blur();
    await page.waitForTimeout(FORM_DEBOUNCE_MS);
    // form-js draws its own drop-down: open it, then pick the entry.
    await form.locator('.fjs-form-field-select', { hasText: 'Outcome' }).locator('.fjs-select-display').click();
    await form.locator('.fjs-dropdownlist-item', { hasText: 'Resolved' }).click();
    await form.locator('.fjs-form-field-select', { hasText: 'Outcome' })
      .locator('.fjs-select-display', { hasText: 'Resolved' }).waitFor();
    await shot('1-form-filled');

    step = 'complete the task';
    assert.equal(await resolutionField.inputValue(), resolution, 'the resolution text vanished from the form before Complete');
    const complete = page.getByRole('button', { name: 'Complete', exact: true });
    const submitted = page.waitForRequest((request) => request.url().endsWith(`/task/${taskId}/submit-form`));
    await complete.click();
    // What Tasklist sent: if the text is missing here, the form lost it, not the engine.
    const submittedVariables = (await submitted).postDataJSON()?.variables ?? {};
    assert.equal(submittedVariables.resolution?.value, resolution,
      `Tasklist submitted without the typed resolution: ${JSON.stringify(submittedVariables)}`);
    // Tasklist takes the task off the list and closes its form.
    await taskLink.waitFor({ state: 'detached' });
    await page.getByText('Select a task in the list.').waitFor();
    await shot('2-after-completion');

    // 3. Did the instance move on? Ask history, as admin (sees everything). By instance id, not by
    // business key: the notification-delivery instance that mails the requester carries the same
    // business key, and a query by key returns both in no fixed order.
    step = 'check through REST that the instance moved on';
    const [historic] = await rest('GET', `/history/process-instance?processInstanceId=${instance.id}`, { user: ADMIN });
    assert.ok(historic, `admin sees no historic process instance ${instance.id} (does admin hold READ_HISTORY?)`);
    assert.equal(historic.processDefinitionKey, PROCESS_KEY, 'history answered with an instance of another process');
    assert.ok(['COMPLETED', 'ACTIVE'].includes(historic.state),
      `instance ${marker} should be COMPLETED (or ACTIVE at a later step), is ${historic.state}`);

    const open = await rest('GET', `/task?processInstanceId=${historic.id}&taskDefinitionKey=${USER_TASK_KEY}`, { user: ADMIN });
    assert.equal(open.length, 0, `the "${USER_TASK_KEY}" task is still open after Complete`);

    const [handled] = await rest('GET', `/history/task?taskId=${taskId}`, { user: ADMIN });
    assert.equal(handled.assignee, 'csm', 'the task should have been claimed by csm');
    assert.equal(handled.deleteReason, 'completed', `the task should be completed, delete reason is ${handled.deleteReason}`);

    // After the task the process mails the requester in an asynchronous step, then ends: wait for the
    // end (the job executor may be busy on a loaded machine), then read the case's variables at rest.
    step = 'wait for the instance to end (asynchronous outcome mail)';
    const ended = await eventually(async () => {
      const [instance] = await rest('GET', `/history/process-instance?processInstanceId=${historic.id}`, { user: ADMIN });
      return instance.state === 'COMPLETED' ? instance : null;
    }, STEP_TIMEOUT_MS);
    assert.ok(ended, `instance ${marker} did not end within ${STEP_TIMEOUT_MS} ms after the task`);

    step = 'check the variables the form saved';
    const variables = await rest('GET', `/history/variable-instance?processInstanceId=${historic.id}&deserializeValues=false`, { user: ADMIN });
    const value = (name) => variables.find((v) => v.name === name)?.value;
    const saved = variables.map((v) => `${v.name} (${v.state})`).join(', ');
    assert.equal(value('resolution'), resolution, `variable "resolution" should hold what was typed into the form; history has: ${saved}`);
    assert.equal(value('outcome'), 'resolved', `variable "outcome" should be "resolved"; history has: ${saved}`);
    t.diagnostic(`instance ${marker} is ${ended.state}; resolution and outcome saved`);
  } catch (error) {
    const failure = join(SHOTS, 'failure.png');
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    const extra = pageErrors.length ? `\nPage errors: ${pageErrors.join(' | ')}` : '';
    const message = error.message.split('\n').slice(0, 12).join('\n');
    throw new Error(`Step "${step}" failed at ${page.url()}:\n${message}` +
      `\nScreenshot: ${failure}${extra}`, { cause: error });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a service manager sees Cockpit as CSM Flow, without the vendor banner', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const { profile, context } = await launchBrowser();
  const page = context.pages()[0] ?? await context.newPage();
  let step = 'start';
  try {
    step = 'log into Cockpit as service-manager';
    await page.goto(`${BASE_URL}/camunda/app/cockpit/`);
    await signIn(page, SERVICE_MANAGER[0], SERVICE_MANAGER[1]);
    // The dashboard's navigation is translated once the locale (and with it the banner text) is loaded.
    await page.locator('[cam-widget-header]').getByRole('link', { name: 'Processes' }).first().waitFor();

    step = 'Cockpit shows CSM Flow, without the vendor banner';
    await assertBranded(page, 'Cockpit');
    const path = join(SHOTS, '3-cockpit-branding.png');
    await page.screenshot({ path, fullPage: true });
    t.diagnostic(`screenshot ${path}`);
  } catch (error) {
    const failure = join(SHOTS, 'failure-cockpit.png');
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    const message = error.message.split('\n').slice(0, 12).join('\n');
    throw new Error(`Step "${step}" failed at ${page.url()}:\n${message}\nScreenshot: ${failure}`, { cause: error });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
