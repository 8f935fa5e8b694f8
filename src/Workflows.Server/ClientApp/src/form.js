// Forms (表单) in the browser: the form-js viewer shows the same JSON schema the server validates.
// Read-only in the case view; in the applicant portal the page reads the data back when it saves,
// and shows the server's field errors beside the fields. Filepickers upload to the server at once
// (see upload.js); the viewer's own words follow the page's language (see texts.js).
import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import { uploadModule } from './form/upload.js';
import { useLanguage, translateWithin } from './form/texts.js';

const forms = new WeakMap();

// options: { readOnly, english, files: [{ id, fileName, mediaType, length }], applicationId, dotnet }
// dotnet (the editor page) is asked to save a draft before the first upload of a new application.
async function render(container, schemaJson, dataJson, options) {
  dispose(container);
  const settings = options ?? {};
  const english = !!settings.english;
  useLanguage(english);
  const files = new Map((settings.files ?? []).map((f) => [f.id, f]));
  const uploads = {
    english,
    files,
    readOnly: !!settings.readOnly,
    applicationId: settings.applicationId ?? null,
    async ensureApplication() {
      if (this.applicationId) return this.applicationId;
      if (!settings.dotnet) return null;
      this.applicationId = await settings.dotnet.invokeMethodAsync('EnsureDraftAsync');
      return this.applicationId;
    },
  };
  const form = new Form({ container, additionalModules: [uploadModule(uploads)] });
  const stopTranslating = translateWithin(container, english);
  forms.set(container, { form, stopTranslating });
  await form.importSchema(JSON.parse(schemaJson), dataJson ? JSON.parse(dataJson) : {});
  form.setProperty('readOnly', !!settings.readOnly);
  container.dataset.state = 'rendered';
}

// Only the fields' values, as form-js submits them: the option lists it was opened with stay behind.
function data(container) {
  const form = forms.get(container)?.form;
  return form ? JSON.stringify(form._getSubmitData() ?? {}) : '{}';
}

// The server's errors, each with the form-js field id it belongs to, shown by form-js beside the fields.
function showErrors(container, issues) {
  const form = forms.get(container)?.form;
  if (!form) return;
  const byId = {};
  for (const issue of issues) {
    if (!issue.fieldId) continue;
    (byId[issue.fieldId] ??= []).push(issue.message);
  }
  form._setState({ errors: byId });
}

function dispose(container) {
  const entry = forms.get(container);
  if (!entry) return;
  entry.stopTranslating();
  entry.form.destroy();
  forms.delete(container);
}

window.workflowsForms = { render, data, showErrors, dispose };
