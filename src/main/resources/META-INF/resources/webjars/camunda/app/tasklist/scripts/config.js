// CSM Flow settings for Camunda Tasklist. This file replaces the webjar's config.js, so it keeps the
// webjar's keyboard shortcuts; date formats and locales stay at the webapp defaults.
export default {
  // The header and the window title read "CSM Flow Tasklist".
  app: {
    name: 'Tasklist',
    vendor: 'CSM Flow'
  },

  // CSM Flow scripts (ES modules, relative to the tasklist folder): a refused completion shows its reason
  // under the field it names (docs/forms.md); the "Case" tab beside each task (docs/cases.md).
  customScripts: ['scripts/csm-flow-field-errors.js', 'scripts/csm-flow-case-tab.js'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
