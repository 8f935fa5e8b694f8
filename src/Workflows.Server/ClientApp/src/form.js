// Forms (表单) in the browser: the form-js viewer shows the same JSON schema the server validates.
// Read-only in the case view; in the applicant portal it reports every change back to the page,
// and the page shows the server's field errors beside the fields.
import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';

const forms = new WeakMap();

async function render(container, schemaJson, dataJson, readOnly, listener) {
  forms.get(container)?.destroy();
  const form = new Form({ container });
  forms.set(container, form);
  await form.importSchema(JSON.parse(schemaJson), dataJson ? JSON.parse(dataJson) : {});
  form.setProperty('readOnly', !!readOnly);
  if (listener) {
    form.on('changed', (event) => {
      listener.invokeMethodAsync('OnFormChanged', JSON.stringify(event.data ?? {}));
    });
  }
  container.dataset.state = 'rendered';
}

// Only the fields' values, as form-js submits them: the option lists it was opened with stay behind.
function data(container) {
  const form = forms.get(container);
  return form ? JSON.stringify(form._getSubmitData() ?? {}) : '{}';
}

// The server's errors, each with the form-js field id it belongs to, shown by form-js beside the fields.
function showErrors(container, issues) {
  const form = forms.get(container);
  if (!form) return;
  const byId = {};
  for (const issue of issues) {
    if (!issue.fieldId) continue;
    (byId[issue.fieldId] ??= []).push(issue.message);
  }
  form._setState({ errors: byId });
}

function dispose(container) {
  forms.get(container)?.destroy();
  forms.delete(container);
}

window.workflowsForms = { render, data, showErrors, dispose };
