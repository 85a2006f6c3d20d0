// CSM Flow (issue 16, item 10): when the platform refuses a completion or a start, its reason appears under the
// field it names, and the error box stays out of the way of the Complete button (docs/forms.md).
//
// The platform answers a refused form with 400 and a message "<prefix>: <field>: <reason>"
// (InvalidInputException); Tasklist shows it as a notification in the corner. This script finds the field in the
// open Camunda Form and puts the reason under it, in form-js's own error style, then closes the notification.
// form-js does not write field keys into the page, only component ids, so the field keys of every form Tasklist
// loads (GET .../deployed-form, .../deployed-start-form) are noted on the way in.
const fieldIdsByKey = new Map();

const plainFetch = window.fetch.bind(window);
window.fetch = function csmFlowFetch(resource, init) {
  const answer = plainFetch(resource, init);
  const url = typeof resource === 'string' ? resource : (resource && resource.url) || '';
  if (/\/deployed-(start-)?form(\?|$)/.test(url)) {
    answer
      .then(response => response.clone().json())
      .then(schema => noteFields(schema.components))
      .catch(() => {});
  }
  return answer;
};

function noteFields(components) {
  (components || []).forEach(component => {
    if (component.key && component.id) {
      fieldIdsByKey.set(component.key, component.id);
    }
    noteFields(component.components);
  });
}

// "Cannot submit task form 4711: cabMembers: 'x' is not a member ..." -> the first "word: " naming a field
function refusal(message) {
  const parts = message.split(/:\s+/);
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i].trim();
    if (fieldIdsByKey.has(key)) {
      return {key, reason: parts.slice(i + 1).join(': ')};
    }
  }
  return null;
}

// the open form: the start dialog's when there is one, else the task's
function openForm() {
  const forms = document.querySelectorAll('.fjs-form');
  return forms.length ? forms[forms.length - 1] : null;
}

function fieldElement(form, key) {
  const id = fieldIdsByKey.get(key);
  const label = Array.from(form.querySelectorAll('[id], [for]')).find(element => {
    // fjs-form-<form>-<component id>, with -date / -time / -error-message ... after it for some parts
    const ref = element.getAttribute('for') || element.id;
    const at = ref.indexOf('-' + id);
    const after = ref.charAt(at + id.length + 1);
    return at >= 0 && (after === '' || after === '-');
  });
  return label ? label.closest('.fjs-form-field') : null;
}

function clearServerErrors() {
  document.querySelectorAll('.csm-flow-server-error').forEach(error => {
    const field = error.closest('.fjs-form-field');
    error.remove();
    if (field && !field.querySelector('.fjs-form-field-error')) {
      field.classList.remove('fjs-has-errors');
    }
  });
}

function showAtField(alert) {
  const message = alert.querySelector('.message');
  const form = openForm();
  const found = message && form ? refusal(message.textContent || '') : null;
  const field = found ? fieldElement(form, found.key) : null;
  if (!field) {
    return; // no field to show it at: the notification stays (at the top, see user-styles.css)
  }
  clearServerErrors();
  const error = document.createElement('div');
  error.className = 'fjs-form-field-error csm-flow-server-error';
  error.setAttribute('role', 'alert');
  const list = document.createElement('ul');
  const item = document.createElement('li');
  item.textContent = found.reason;
  list.appendChild(item);
  error.appendChild(list);
  field.appendChild(error);
  field.classList.add('fjs-has-errors');
  field.scrollIntoView({block: 'center'});
  // the reason is where the user looks now: close the corner notification the way its own button does
  const close = alert.querySelector('button.close');
  if (close) {
    setTimeout(() => close.click());
  }
}

// the reason goes once the user works on that field again (types, picks, removes a tag)
['input', 'change', 'click'].forEach(type =>
  document.addEventListener(
    type,
    event => {
      const field = event.target.closest && event.target.closest('.fjs-form-field');
      const error = field && field.querySelector('.csm-flow-server-error');
      if (error) {
        error.remove();
        if (!field.querySelector('.fjs-form-field-error')) {
          field.classList.remove('fjs-has-errors');
        }
      }
    },
    true
  )
);

// Angular adds a notification first and fills in its text a moment later: look once the page settles.
let scanPending = false;
function scanSoon() {
  if (!scanPending) {
    scanPending = true;
    setTimeout(() => {
      scanPending = false;
      document.querySelectorAll('.notifications .alert.alert-danger:not(.ng-hide)').forEach(alert => {
        const text = (alert.querySelector('.message') || {}).textContent || '';
        if (text.trim() && alert.dataset.csmFlowSeen !== text) {
          alert.dataset.csmFlowSeen = text;
          showAtField(alert);
        }
      });
    }, 50);
  }
}

new MutationObserver(scanSoon).observe(document.documentElement, {
  childList: true,
  subtree: true,
  characterData: true
});

export default [];
