// CSM Flow settings for Camunda Cockpit. This file replaces the webjar's config.js (which sets nothing
// else); date formats and locales stay at the webapp defaults.
export default {
  // The header and the window title read "CSM Flow Cockpit".
  app: {
    name: 'Cockpit',
    vendor: 'CSM Flow'
  },

  // CSM Flow plugins (ES modules, paths relative to the cockpit folder): the "Case" tab on each process
  // instance and the managers' SLA board (#/sla-board).
  customScripts: ['scripts/csm-flow-case-tab.js', 'scripts/csm-flow-sla-board.js']
};
