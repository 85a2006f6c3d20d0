// CSM Flow: a "Case" tab on each process instance in Cockpit (runtime view, and the history view where the
// edition has one), read from the platform API with the user's own webapp login and rights.
import { showCaseOfInstance } from '../../csm-flow/case-view.js';

function caseTab(id, pluginPoint) {
  return {
    id,
    pluginPoint,
    priority: 5,
    properties: {
      label: 'Case',
    },
    render(node, { processInstanceId }) {
      showCaseOfInstance(node, processInstanceId, { cockpitBase: '' });
    },
  };
}

export default [
  caseTab('csm-flow-case-runtime', 'cockpit.processInstance.runtime.tab'),
  caseTab('csm-flow-case-history', 'cockpit.processInstance.history.tab'),
];
