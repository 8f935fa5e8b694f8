// Forms (表单) in the browser: the form-js viewer shows the same JSON schema the server validates.
// Read-only in the case view; in the applicant portal the page reads the data back when it saves,
// and shows the server's field errors beside the fields. Filepickers upload to the server at once
// (see upload.js); the viewer's own words follow the page's language (see texts.js).
import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import { uploadModule } from './form/upload.js';
import { useLanguage, translateWithin } from './form/texts.js';

const forms = new WeakMap();

// What was typed is also kept in the tab's sessionStorage under the page's key until it is saved: a
// page reloaded after the connection dropped or the session expired (sign in again, come back) shows
// it again instead of the last saved draft.
function remembered(key) {
  try {
    const text = key ? sessionStorage.getItem(key) : null;
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function remember(key, value) {
  try {
    if (key) sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the server's draft is still there.
  }
}

// options: { readOnly, english, files: [{ id, fileName, mediaType, length }], applicationId, dotnet, storageKey }
// dotnet (the editor page) is asked to save a draft before the first upload of a new application.
// Returns true when what was typed before (and not saved) was put back into the form.
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
  // Every keystroke goes into the form's data at once: with form-js's default delay of 300 ms, a
  // render inside that time (a server error shown, a field recomputed) puts the old value back.
  const form = new Form({ container, debounce: false, additionalModules: [uploadModule(uploads)] });
  const stopTranslating = translateWithin(container, english);
  const entry = { form, stopTranslating, storageKey: settings.readOnly ? null : settings.storageKey ?? null };
  forms.set(container, entry);
  const saved = dataJson ? JSON.parse(dataJson) : {};
  const typed = remembered(entry.storageKey);
  await form.importSchema(JSON.parse(schemaJson), typed ? { ...saved, ...typed } : saved);
  form.setProperty('readOnly', !!settings.readOnly);
  if (entry.storageKey) {
    form.on('field.updated', () => {
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => remember(entry.storageKey, form._getSubmitData() ?? {}), 200);
    });
  }
  container.dataset.state = 'rendered';
  if (typed) container.dataset.restored = 'true';
  return !!typed;
}

// After a save: nothing typed is unsaved any more; later changes are kept under the (new) key.
function saved(container, storageKeys, nextKey) {
  const entry = forms.get(container);
  if (entry) {
    clearTimeout(entry.timer);
    entry.storageKey = nextKey ?? entry.storageKey;
  }
  for (const key of storageKeys ?? []) {
    try {
      sessionStorage.removeItem(key);
    } catch {
      // nothing to forget
    }
  }
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
  clearTimeout(entry.timer);
  entry.stopTranslating();
  entry.form.destroy();
  forms.delete(container);
}

window.workflowsForms = { render, data, showErrors, saved, dispose };
