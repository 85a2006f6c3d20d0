// CSM Flow: what the case tab (Tasklist, Cockpit) and the SLA board (Cockpit) share. Plain ES module, no
// framework: the webapps load plugins with import(), and everything here builds DOM nodes with textContent,
// so no text from the platform is ever parsed as HTML.

/**
 * The platform API's root. The webapps live under their application path (app-root, e.g. "/camunda"), the
 * platform API beside them at "<context path>/api".
 */
export function apiRoot() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return appRoot.replace(/\/[^/]*$/, '') + '/api';
}

/** GET on the platform API with the webapp session (the cookie rides along; reads need no CSRF token). */
export async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const error = new Error(`${response.status}`);
    error.status = response.status;
    throw error;
  }
  return { body: await response.json(), headers: response.headers };
}

/** An element with classes and children (strings become text nodes). */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Dates in the reader's own zone, the zone named: "7 Dec 2026, 09:30 CET".
// (dateStyle/timeStyle cannot be combined with timeZoneName, hence the single fields.)
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** The reader's zone, e.g. "Europe/Berlin". */
export const READER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function when(instant) {
  return instant ? DATE_TIME.format(new Date(instant)) : '–';
}

/** An ISO-8601 duration (PT2H14M, -PT14M, PT-14M) in words: "2 h 14 min". */
export function duration(iso) {
  if (!iso) {
    return '–';
  }
  const negative = iso.includes('-');
  const match = /P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?/.exec(iso.replace(/-/g, ''));
  if (!match) {
    return iso;
  }
  const days = Number(match[1] || 0);
  const hours = Number(match[2] || 0) + days * 24;
  const minutes = Number(match[3] || 0);
  const seconds = Math.floor(Number(match[4] || 0));
  const parts = [];
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (!hours && !minutes) parts.push(`${seconds} s`);
  return (negative ? '-' : '') + parts.join(' ');
}

/** Business time left, or how far overdue. */
export function timeLeft(clock) {
  if (clock.state === 'MET' || clock.state === 'BREACHED') {
    return clock.state === 'MET' ? 'met' : 'breached';
  }
  const text = duration(clock.remaining);
  return text.startsWith('-') ? `overdue by ${text.slice(1)}` : `${text} left`;
}

const LIGHT_TEXT = {
  BREACHED: 'breached',
  WARNED: 'at risk',
  RUNNING: 'running',
  PAUSED: 'paused',
  MET: 'met',
};

/** A traffic light: coloured dot and word (the word for readers who do not see colours). */
export function light(value) {
  return el('span', `csmflow-light csmflow-light-${String(value).toLowerCase()}`, el('i'), LIGHT_TEXT[value] || value);
}

export function table(headings, rows) {
  const head = el('tr', null, ...headings.map((heading) => el('th', null, heading)));
  return el('table', 'table table-condensed csmflow-table', el('thead', null, head), el('tbody', null, ...rows));
}

export function row(...cells) {
  return el('tr', null, ...cells.map((cell) => (cell instanceof HTMLTableCellElement ? cell : el('td', null, cell))));
}

/** Once per page: the lights' colours and the tables' spacing. */
export function addStyles() {
  if (document.getElementById('csmflow-case-styles')) {
    return;
  }
  const style = el('style');
  style.id = 'csmflow-case-styles';
  style.textContent = `
    .csmflow-case, .csmflow-board { padding: 10px 15px; }
    .csmflow-case h4, .csmflow-board h4 { margin-top: 18px; color: #0b6e69; }
    .csmflow-table td, .csmflow-table th { vertical-align: top; }
    .csmflow-muted { color: #6b6b6b; font-size: 90%; }
    .csmflow-light { white-space: nowrap; font-weight: 600; }
    .csmflow-light i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
      vertical-align: baseline; background: #999; }
    .csmflow-light-breached i { background: #c62828; }
    .csmflow-light-warned i { background: #f0a500; }
    .csmflow-light-running i { background: #2e7d32; }
    .csmflow-light-paused i { background: #78909c; }
    .csmflow-light-met i { background: #fff; border: 2px solid #2e7d32; }
    .csmflow-board .filters { margin-bottom: 10px; }
    .csmflow-board .filters select, .csmflow-board .filters input { margin-right: 8px; }
  `;
  document.head.appendChild(style);
}

function notificationState(n) {
  if (n.status === 'SENT') {
    return `sent ${when(n.sentAt)}`;
  }
  if (n.status === 'PENDING') {
    return n.notBefore && new Date(n.notBefore) > new Date() ? `held until ${when(n.notBefore)}` : 'waiting to be sent';
  }
  if (n.status === 'FAILED') {
    return `failed ${n.attempts}×, retrying${n.lastError ? ': ' + n.lastError : ''}`;
  }
  if (n.status === 'NOT_DELIVERED') {
    return 'not delivered (no mail server)';
  }
  return n.status;
}

function shortValue(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

function changes(entry) {
  const fields = entry.changes && typeof entry.changes === 'object' ? Object.entries(entry.changes) : [];
  if (!fields.length) {
    return '–';
  }
  return el(
    'span',
    null,
    ...fields.slice(0, 8).map(([name, change]) =>
      el('div', null, `${name}: `,
        change && typeof change === 'object' && 'new' in change
          ? `${shortValue(change.old)} → ${shortValue(change.new)}`
          : shortValue(change)),
    ),
    fields.length > 8 ? el('div', 'csmflow-muted', `… ${fields.length - 8} more`) : null,
  );
}

/** The case: register row, clocks, what was sent, audit trail; {@code cockpitLinks} adds instance links. */
export function renderCase(node, view, { cockpitBase } = {}) {
  addStyles();
  const record = view.record;
  const header = el(
    'div',
    null,
    el('h3', null, view.reference, view.clientName ? ` · ${view.clientName}` : view.clientReference ? ` · ${view.clientReference}` : ''),
    el(
      'div',
      'csmflow-muted',
      record ? `${record.register} register · ` : 'no register row · ',
      `dates in your time zone (${READER_ZONE})`,
      view.clientTimeZone ? `; the client works in ${view.clientTimeZone}` : '',
    ),
  );

  const clocks = view.clocks.length
    ? table(
      ['', 'Clock', 'Target', 'Due', 'Warning', 'Time left (business hours)'],
      view.clocks.map((clock) =>
        row(
          light(clock.light),
          el('span', null, clock.clockName, el('div', 'csmflow-muted', `${clock.metric} · ${clock.priority}`)),
          `${duration(clock.target)} (${clock.calendar})`,
          clock.state === 'PAUSED' ? `paused since ${when(clock.pausedAt)}` : when(clock.stoppedAt || clock.dueAt),
          when(clock.warningAt),
          timeLeft(clock),
        ),
      ),
    )
    : el('p', 'csmflow-muted', 'No SLA clock runs for this case.');

  const sent = view.notifications.length
    ? table(
      ['Written', 'To', 'What', 'State'],
      view.notifications.map((n) =>
        row(
          when(n.createdAt),
          el('span', null, n.recipient, el('div', 'csmflow-muted', `${n.audience === 'CLIENT' ? 'client' : 'staff'} · ${n.channel.toLowerCase()}${n.urgent ? ' · urgent' : ''}`)),
          el('span', null, n.subject || n.template, el('div', 'csmflow-muted', `${n.template} · ${n.language}`)),
          el('span', 'csmflow-sent-state', notificationState(n)),
        ),
      ),
    )
    : el('p', 'csmflow-muted', 'Nothing sent yet.');

  const fields = record
    ? table(
      ['Field', 'Value'],
      Object.entries(record.fields).map(([name, value]) => row(name, shortValue(value))),
    )
    : el('p', 'csmflow-muted', 'No register holds this reference.');

  const audit = view.audit.length
    ? table(
      ['When', 'Who', 'What', 'Changes'],
      [...view.audit].reverse().map((entry) =>
        row(when(entry.changedAt), entry.userId, `${entry.action} ${entry.register} ${entry.reference}`, changes(entry)),
      ),
    )
    : el('p', 'csmflow-muted', 'No audit entries.');

  const instances = view.instances.length
    ? el(
      'ul',
      null,
      ...view.instances.map((instance) =>
        el(
          'li',
          null,
          cockpitBase ? linkTo(`${cockpitBase}#/process-instance/${instance.id}/runtime`, instance.processDefinitionName || instance.processDefinitionKey)
            : instance.processDefinitionName || instance.processDefinitionKey,
          ` · ${instance.state} · started ${when(instance.startTime)}${instance.endTime ? ', ended ' + when(instance.endTime) : ''}`,
        ),
      ),
    )
    : null;

  node.replaceChildren(
    el(
      'div',
      'csmflow-case',
      header,
      el('h4', null, 'SLA clocks'),
      clocks,
      el('h4', null, 'Sent to the client and to staff'),
      sent,
      el('h4', null, record ? `Register row (${record.register})` : 'Register row'),
      fields,
      instances ? el('h4', null, 'Process instances') : null,
      instances,
      el('h4', null, 'Audit trail'),
      audit,
    ),
  );
}

export function linkTo(href, text) {
  const a = el('a', null, text);
  a.setAttribute('href', href);
  return a;
}

/** A message in place of the case (not found, no rights, no case). */
export function renderMessage(node, text) {
  addStyles();
  node.replaceChildren(el('div', 'csmflow-case', el('p', 'csmflow-muted', text)));
}

/** Loads and shows the case of a process instance. */
export async function showCaseOfInstance(node, processInstanceId, options) {
  renderMessage(node, 'Loading the case …');
  try {
    const { body } = await getJson(`${apiRoot()}/cases/of-instance/${encodeURIComponent(processInstanceId)}`);
    renderCase(node, body, options);
  } catch (error) {
    renderMessage(
      node,
      error.status === 404
        ? 'No case to show: this instance has no case reference, or you may not read it.'
        : `The case could not be loaded (${error.message}).`,
    );
  }
}
