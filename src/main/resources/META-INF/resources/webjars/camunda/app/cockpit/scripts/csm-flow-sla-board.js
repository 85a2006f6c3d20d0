// CSM Flow: the managers' SLA board in Cockpit (route #/sla-board, entry "SLA board" in the header). Every open
// SLA clock across cases, breached first, then at risk, then by due; filters by client, target and group;
// each row links to its process instance. Below, this month's compliance per client and target.
// Below that, last month's process KPIs. Reads /api/sla/board, /api/sla/compliance and /api/kpis with the user's webapp login (managers only; others get 403).
import {
  addStyles, apiRoot, el, getJson, light, linkTo, READER_ZONE, renderMessage, row, table, timeLeft, when,
} from '../../csm-flow/case-view.js';

const PAGE_SIZE = 50;
// The candidate groups of the workflows' user tasks (RoleGroup).
const GROUPS = ['csm', 'cse', 'cab', 'service-manager', 'delivery-manager', 'dc-head', 'account-manager',
  'competence-manager', 'hr', 'hrdc', 'isec', 'it'];

function select(name, label, options) {
  const node = el('select', 'form-control input-sm', el('option', null, `all ${label}`), ...options.map(([value, text]) => {
    const option = el('option', null, text);
    option.value = value;
    return option;
  }));
  node.options[0].value = '';
  node.name = name;
  node.style.display = 'inline-block';
  node.style.width = 'auto';
  return node;
}

async function options(path, value, text) {
  try {
    const { body } = await getJson(path);
    // most lists are arrays; the client register answers a page object ({items, ...})
    const items = Array.isArray(body) ? body : body.items || [];
    const seen = new Map();
    items.forEach((item) => seen.set(value(item), text(item)));
    return [...seen.entries()].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  } catch (error) {
    return [];
  }
}

function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== '' && value !== null && value !== undefined) {
      search.set(key, value);
    }
  });
  return search.toString();
}

async function renderBoard(node) {
  addStyles();
  renderMessage(node, 'Loading the SLA board …');
  const api = apiRoot();
  const [clients, metrics] = await Promise.all([
    options(`${api}/clients?size=200`, (c) => c.reference, (c) => `${c.name} (${c.reference})`),
    options(`${api}/sla-targets?size=200`, (t) => t.metric, (t) => t.metric),
  ]);
  const clientFilter = select('clientReference', 'clients', clients);
  const metricFilter = select('metric', 'targets', metrics);
  const groupFilter = select('group', 'groups', GROUPS.map((g) => [g, g]));
  const boardNode = el('div', 'csmflow-board-rows');
  const complianceNode = el('div', 'csmflow-board-compliance');
  const kpiNode = el('div', 'csmflow-board-kpis');
  let page = 0;

  async function load() {
    const filters = { clientReference: clientFilter.value, metric: metricFilter.value, group: groupFilter.value };
    try {
      const { body, headers } = await getJson(`${api}/sla/board?${query({ ...filters, page, size: PAGE_SIZE })}`);
      const total = Number(headers.get('X-Total-Count') || body.length);
      const rows = body.map((clock) =>
        row(
          light(clock.light),
          clock.processInstanceId
            ? linkTo(`#/process-instance/${clock.processInstanceId}/runtime`, clock.businessKey)
            : clock.businessKey,
          clock.clientReference,
          el('span', null, clock.clockName, el('div', 'csmflow-muted', `${clock.metric} · ${clock.priority} · ${clock.tier}`)),
          clock.state === 'PAUSED' ? `paused since ${when(clock.pausedAt)}` : when(clock.dueAt),
          timeLeft(clock),
        ));
      const pager = el(
        'div',
        'csmflow-muted',
        `${total} open clock${total === 1 ? '' : 's'}`,
        total > PAGE_SIZE ? ` · page ${page + 1} of ${Math.ceil(total / PAGE_SIZE)} ` : '',
      );
      if (page > 0) {
        const previous = el('button', 'btn btn-default btn-xs', '‹ previous');
        previous.onclick = () => { page -= 1; load(); };
        pager.append(previous);
      }
      if ((page + 1) * PAGE_SIZE < total) {
        const next = el('button', 'btn btn-default btn-xs', 'next ›');
        next.onclick = () => { page += 1; load(); };
        pager.append(' ', next);
      }
      boardNode.replaceChildren(
        pager,
        rows.length
          ? table(['', 'Case', 'Client', 'Clock', 'Due', 'Time left (business hours)'], rows)
          : el('p', 'csmflow-muted', 'No open clock matches.'),
      );
    } catch (error) {
      boardNode.replaceChildren(el('p', 'text-danger', error.status === 403
        ? 'The SLA board is for service, delivery and delivery-centre managers.'
        : `The board could not be loaded (${error.message}).`));
    }
    try {
      const { body } = await getJson(`${api}/sla/compliance?${query({ clientReference: clientFilter.value, metric: metricFilter.value })}`);
      const byClient = new Map();
      body.forEach((item) => {
        if (!byClient.has(item.clientReference)) byClient.set(item.clientReference, []);
        byClient.get(item.clientReference).push(item);
      });
      const month = body.length ? body[0].month : '';
      complianceNode.replaceChildren(
        el('h4', null, `Compliance this month${month ? ` (${month}, UTC)` : ''}`),
        body.length
          ? table(
            ['Client', 'Target', 'Met', 'Breached', '% met'],
            [...byClient.entries()].flatMap(([client, items]) => items.map((item, index) => row(
              index === 0 ? client : '',
              `${item.metric} · ${item.priority} · ${item.tier}`,
              String(item.met),
              String(item.breached),
              item.percentMet === null || item.percentMet === undefined ? '–' : `${item.percentMet} %`,
            ))),
          )
          : el('p', 'csmflow-muted', 'No clock has stopped this month yet.'),
      );
    } catch (error) {
      complianceNode.replaceChildren();
    }
    try {
      // the process KPIs of the last completed month (GET /api/kpis), for the client picked or the provider
      const { body: k } = await getJson(`${api}/kpis?${query({ clientReference: clientFilter.value })}`);
      const value = (v, unit = '') => (v === null || v === undefined ? '–' : `${v}${unit}`);
      kpiNode.replaceChildren(
        el('h4', null, `KPIs of ${k.period} (${k.clientReference || 'all clients'})`),
        table(['KPI', 'Value'], [
          row('SLA targets met', value(k.slaPercentMet, ' %')),
          row('Reviews held on time / late', `${k.reviewsHeldOnTime} / ${k.reviewsHeldLate}`),
          row('Mean time to acknowledge an escalation', value(k.meanMinutesToAcknowledge, ' min')),
          row('Changes failed / implemented', `${k.changesFailed} / ${k.changesImplemented}`),
          row('Complaints', value(k.complaints)),
          row('Security events', value(k.securityEvents)),
        ]),
        el('div', 'csmflow-muted', (k.notes || []).join(' · ')),
      );
    } catch (error) {
      kpiNode.replaceChildren();
    }
  }

  [clientFilter, metricFilter, groupFilter].forEach((filter) => {
    filter.onchange = () => { page = 0; load(); };
  });
  node.replaceChildren(
    el(
      'div',
      'csmflow-board',
      el('h3', null, 'SLA board'),
      el('div', 'csmflow-muted', `Breached first, then at risk, then by due · dates in your time zone (${READER_ZONE}) · time left counted in each client's business hours`),
      el('div', 'filters', clientFilter, metricFilter, groupFilter),
      boardNode,
      complianceNode,
      kpiNode,
    ),
  );
  await load();
}

export default [
  {
    id: 'csm-flow-sla-board',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: {
      path: '/sla-board',
      label: 'SLA board',
    },
    render(node) {
      renderBoard(node);
    },
  },
  {
    id: 'csm-flow-sla-board-link',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {
      path: '/sla-board',
      pagePath: '#/sla-board',
      label: 'SLA board',
      checkActive: (path) => path.indexOf('#/sla-board') > -1,
    },
  },
];
