// CSM Flow: a "Case" tab beside each task in Tasklist (plugin point tasklist.task.detail). It asks the
// engine API which instance the task belongs to, then the platform API for that instance's case, both with
// the user's own webapp login and rights.
import { getJson, renderMessage, showCaseOfInstance } from '../../csm-flow/case-view.js';

export default {
  id: 'csm-flow-case',
  pluginPoint: 'tasklist.task.detail',
  priority: 5,
  properties: {
    label: 'Case',
  },
  render(node, { api, taskId }) {
    renderMessage(node, 'Loading the case …');
    getJson(`${api.engineApi}/task/${encodeURIComponent(taskId)}`)
      .then(({ body }) => showCaseOfInstance(node, body.processInstanceId, {}))
      .catch(() => renderMessage(node, 'The task could not be read.'));
  },
};
