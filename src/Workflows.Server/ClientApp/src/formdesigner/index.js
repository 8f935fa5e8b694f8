// The form designer (表单设计): the form-js editor with its properties panel, our option lists as a
// source of options, zh-CN texts, and a live preview in the form-js viewer with sample data. The
// page (Blazor) saves, checks and publishes; this island edits and reports what changed.
import { FormEditor, Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js/dist/assets/properties-panel.css';
import './formdesigner.css';
import optionListsModule from './optionLists.js';
import { createTranslator, translationModule, translateRendered } from './translations.js';
import { useLanguage, translateWithin } from '../form/texts.js';

const designers = new WeakMap();

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

async function open(container, schemaJson, options) {
  dispose(container);
  const { sampleDataJson, optionListsJson, language, listener } = options;
  const translator = createTranslator(language);
  const canvas = container.querySelector('[data-designer="canvas"]');
  const properties = container.querySelector('[data-designer="properties"]');
  const preview = container.querySelector('[data-designer="preview"]');
  const editor = new FormEditor({
    container: canvas,
    propertiesPanel: { parent: properties },
    workflowsOptionLists: { lists: JSON.parse(optionListsJson || '[]') },
    additionalModules: [translationModule(translator), optionListsModule],
  });
  const stopEditorTexts = translateRendered([canvas, properties], translator);
  // The fields drawn on the canvas and in the preview are the viewer's: the portal's translation of its words.
  useLanguage(translator.english);
  const stopViewerTexts = [canvas, preview].map((element) => translateWithin(element, translator.english));
  const stopTranslating = () => {
    stopEditorTexts();
    stopViewerTexts.forEach((stop) => stop());
  };
  const sampleData = JSON.parse(sampleDataJson || '{}');
  const viewer = new Form({ container: preview });
  const state = { editor, viewer, sampleData, stopTranslating, listener, version: 0 };
  designers.set(container, state);

  try {
    await editor.importSchema(JSON.parse(schemaJson));
  } catch (error) {
    container.dataset.state = 'error';
    throw new Error(error?.message ?? String(error));
  }
  await showPreview(state);

  const refresh = debounce(() => showPreview(state), 250);
  editor.on('changed', () => {
    state.version += 1;
    preview.dataset.previewState = 'stale';
    refresh();
    listener?.invokeMethodAsync('OnSchemaChanged');
  });
  container.dataset.state = 'ready';
}

// The preview shows the schema as it is now; one that form-js cannot render keeps the last good one.
async function showPreview(state) {
  const rendered = state.version;
  const schema = state.editor.saveSchema();
  try {
    await state.viewer.importSchema(schema, state.sampleData);
    const element = state.viewer._container?.parentElement;
    element?.removeAttribute('data-preview-error');
    // Fresh only when no change came in while the preview was being drawn.
    if (element && rendered === state.version) element.dataset.previewState = 'fresh';
  } catch (error) {
    state.viewer._container?.parentElement?.setAttribute('data-preview-error', String(error?.message ?? error));
  }
}

// The schema as the editor would save it, as bytes the page reads as a stream (it can be large).
function schema(container) {
  const state = designers.get(container);
  const json = state ? JSON.stringify(state.editor.saveSchema(), null, 2) : '{}';
  return new TextEncoder().encode(json);
}

async function replace(container, schemaJson) {
  const state = designers.get(container);
  if (!state) return;
  await state.editor.importSchema(JSON.parse(schemaJson));
  await showPreview(state);
}

// Selects the field a problem is about: by id, else by key, else by its place (components[2].components[0]).
function select(container, componentId, key, location) {
  const state = designers.get(container);
  if (!state) return false;
  const registry = state.editor.get('formFieldRegistry');
  const all = registry.getAll();
  let field = (componentId && registry.get(componentId)) || (key && all.find((f) => f.key === key));
  if (!field && location && location !== '$') {
    let node = state.editor.getSchema();
    for (const part of location.split('.')) {
      const match = /^components\[(\d+)\]$/.exec(part);
      node = match ? node?.components?.[Number(match[1])] : undefined;
    }
    field = node?.id ? registry.get(node.id) : undefined;
  }
  if (!field) return false;
  state.editor.get('selection').set(field);
  const element = container.querySelector(`[data-designer="canvas"] [data-id="${CSS.escape(field.id)}"]`);
  element?.scrollIntoView({ block: 'center', behavior: 'instant' });
  return true;
}

// Marks the fields with errors on the canvas until the next check.
function markProblems(container, ids) {
  const canvas = container.querySelector('[data-designer="canvas"]');
  if (!canvas) return;
  canvas.querySelectorAll('.wf-designer-problem').forEach((e) => e.classList.remove('wf-designer-problem'));
  for (const id of ids ?? []) {
    canvas.querySelector(`[data-id="${CSS.escape(id)}"]`)?.classList.add('wf-designer-problem');
  }
}

// The selected field as the editor holds it (for people's tools and tests).
function selectedField(container) {
  const state = designers.get(container);
  const selected = state?.editor.get('selection').get();
  return selected ? JSON.parse(JSON.stringify(selected, (k, v) => (k === 'components' ? undefined : v))) : null;
}

function download(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportSchema(container, fileName) {
  const state = designers.get(container);
  if (state) download(fileName, JSON.stringify(state.editor.saveSchema(), null, 2));
}

function dispose(container) {
  const state = designers.get(container);
  if (!state) return;
  state.stopTranslating();
  state.editor.destroy();
  state.viewer.destroy();
  designers.delete(container);
}

window.workflowsFormDesigner = { open, schema, replace, select, selectedField, markProblems, exportSchema, dispose };
