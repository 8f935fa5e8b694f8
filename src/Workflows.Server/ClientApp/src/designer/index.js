// The workflow designer (流程设计): bpmn-js Modeler with the Zeebe properties panel, our element
// templates, live lint with our rules, token simulation, minimap, undo/redo and zh-CN labels.
// The Blazor page (Components/Designer/WorkflowDesigner.razor) drives it through window.workflowsDesigner;
// saving, checking and publishing go through the server, which runs the engine's own check.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import LintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import MinimapModule from 'diagram-js-minimap';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import './designer.css';

import { linterConfig } from './lint/config.js';
import { setLintLanguage } from './lint/messages.js';
import SubsetModule from './subset.js';
import BindingModule from './binding.js';
import TemplatesModule, { withPublishedChoices } from './templates.js';
import translateModule from './translate.js';

const designers = new WeakMap();

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/** Published forms and document templates, and the element templates, from the server. */
async function loadCatalog() {
  const [forms, documentTemplates, templates] = await Promise.all([
    getJson('/api/v1/forms').catch(() => []),
    getJson('/api/v1/documents/templates').catch(() => []),
    getJson('/api/v1/designer/element-templates').catch(() => []),
  ]);
  const catalog = { forms, documentTemplates };
  return { catalog, templates: withPublishedChoices(templates, catalog) };
}

export function newDiagram(processId, name) {
  const escape = (s) => String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[c]));
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${escape(processId)}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Workflows" exporterVersion="1.0.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${escape(processId)}" name="${escape(name)}" isExecutable="true">
    <bpmn:startEvent id="submitted" name="提交申请" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${escape(processId)}">
      <bpmndi:BPMNShape id="submitted_di" bpmnElement="submitted"><dc:Bounds x="180" y="160" width="36" height="36" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/**
 * Opens the designer in `container` (diagram) and `panel` (properties). `dotnet` receives
 * OnChanged(canUndo, canRedo, dirty) and OnLint(issues) (and may be null).
 */
async function open(container, panel, xml, language, dotnet) {
  designers.get(container)?.modeler.destroy();
  setLintLanguage(language);
  const { catalog, templates } = await loadCatalog();
  const modeler = new Modeler({
    container,
    keyboard: { bind: true },
    propertiesPanel: { parent: panel },
    moddleExtensions: { zeebe: zeebeModdle },
    elementTemplates: templates,
    linting: { bpmnlint: linterConfig, active: true },
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule,
      CloudElementTemplatesPropertiesProviderModule, ZeebeBehaviorsModule,
      LintModule, TokenSimulationModule, MinimapModule,
      SubsetModule, BindingModule, TemplatesModule,
      translateModule(language), { catalog: ['value', catalog] },
    ],
  });
  const state = { modeler, dotnet, savedStack: 0, language, markers: { problems: [], selected: [], changes: [] } };
  designers.set(container, state);
  const eventBus = modeler.get('eventBus');
  eventBus.on('commandStack.changed', () => notifyChanged(state));
  // A template the validator refuses is left out of the chooser; say so where a developer looks.
  eventBus.on('elementTemplates.errors', ({ errors }) => console.warn('element templates refused', errors));
  eventBus.on('linting.completed', ({ issues }) => {
    const flat = [];
    for (const [id, list] of Object.entries(issues || {})) {
      for (const issue of list) flat.push({ elementId: id, rule: issue.rule, category: issue.category, message: issue.message });
    }
    // The page hears only of a change (a large diagram is linted after every edit); the first 200 are plenty for a list.
    const shown = flat.slice(0, 200);
    const key = JSON.stringify(shown);
    state.lastLint = flat;
    if (key === state.lastLintKey) return;
    state.lastLintKey = key;
    dotnet?.invokeMethodAsync('OnLint', shown).catch(() => {});
  });
  const result = await importXml(container, xml);
  modeler.get('minimap').open();
  if (language !== 'en') keepSimulationLabelChinese(container);
  return result;
}

// The token simulation's switch writes its English label itself, again on every toggle.
function keepSimulationLabelChinese(container) {
  const label = container.querySelector('.bts-toggle-mode');
  if (!label) return;
  const apply = () => {
    for (const node of label.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.data.includes('Token Simulation')) node.data = node.data.replace('Token Simulation', '流程模拟');
    }
  };
  apply();
  new MutationObserver(apply).observe(label, { childList: true });
}

function notifyChanged(state) {
  const stack = state.modeler.get('commandStack');
  const dirty = stack._stackIdx !== state.savedStack;
  state.dotnet?.invokeMethodAsync('OnChanged', stack.canUndo(), stack.canRedo(), dirty).catch(() => {});
}

async function importXml(container, xml) {
  const state = designers.get(container);
  if (!state) return { ok: false, message: 'not open', warnings: [] };
  try {
    const { warnings } = await state.modeler.importXML(xml);
    state.modeler.get('canvas').zoom('fit-viewport', 'auto');
    state.savedStack = state.modeler.get('commandStack')._stackIdx;
    container.dataset.state = 'ready';
    notifyChanged(state);
    return { ok: true, message: '', warnings: warnings.map((w) => String(w.message || w)) };
  } catch (error) {
    container.dataset.state = 'error';
    return { ok: false, message: String(error?.message ?? error), warnings: [] };
  }
}

/**
 * The diagram as gzip-compressed BPMN XML (Blazor reads it as a stream and unpacks it): a
 * 500-element diagram is about 450 KB of XML but 30 KB compressed, a couple of SignalR chunks.
 */
async function exportXml(container) {
  const { xml } = await designers.get(container).modeler.saveXML({ format: true });
  const compressed = new Blob([xml]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

async function xmlText(container) {
  const { xml } = await designers.get(container).modeler.saveXML({ format: true });
  return xml;
}

/** What is on screen is what was saved; the page clears its own "unsaved" flag. */
function markSaved(container) {
  const state = designers.get(container);
  state.savedStack = state.modeler.get('commandStack')._stackIdx;
}

/** Removes our markers of one kind from the elements that have them (not every element: diagrams may be large). */
function clearMarkers(state, kind) {
  const canvas = state.modeler.get('canvas');
  const registry = state.modeler.get('elementRegistry');
  for (const [id, marker] of state.markers?.[kind] ?? []) {
    if (registry.get(id)) canvas.removeMarker(id, marker);
  }
  state.markers = { ...(state.markers ?? {}), [kind]: [] };
}

function addMarker(state, kind, id, marker) {
  state.modeler.get('canvas').addMarker(id, marker);
  state.markers[kind].push([id, marker]);
}

/** Marks the server's problems on their elements (red for errors, amber for warnings). */
function markProblems(container, problems) {
  const state = designers.get(container);
  const registry = state.modeler.get('elementRegistry');
  clearMarkers(state, 'problems');
  clearMarkers(state, 'selected');
  const marked = [];
  for (const problem of problems) {
    if (!problem.elementId || !registry.get(problem.elementId)) continue;
    addMarker(state, 'problems', problem.elementId, problem.severity === 'Error' ? 'wf-problem-error' : 'wf-problem-warning');
    marked.push(problem.elementId);
  }
  return marked;
}

/** Selects an element, scrolls it into view and marks it (a problem or a change clicked in a list). */
function select(container, elementId) {
  const state = designers.get(container);
  const { modeler } = state;
  const element = modeler.get('elementRegistry').get(elementId);
  if (!element) return false;
  clearMarkers(state, 'selected');
  addMarker(state, 'selected', elementId, 'wf-selected-problem');
  modeler.get('selection').select(element);
  if (element.waypoints || element.width) modeler.get('canvas').scrollToElement(element);
  return true;
}

/** Highlights what a comparison found: added and changed elements (removed ones are not in this diagram). */
function markChanges(container, added, changed) {
  const state = designers.get(container);
  const registry = state.modeler.get('elementRegistry');
  clearMarkers(state, 'changes');
  let count = 0;
  for (const [ids, marker] of [[added, 'wf-change-added'], [changed, 'wf-change-changed']]) {
    for (const id of ids) {
      if (registry.get(id)) {
        addMarker(state, 'changes', id, marker);
        count++;
      }
    }
  }
  return count;
}

function command(container, name) {
  const { modeler } = designers.get(container);
  switch (name) {
    case 'undo': modeler.get('commandStack').undo(); break;
    case 'redo': modeler.get('commandStack').redo(); break;
    case 'simulation': modeler.get('toggleMode').toggleMode(); break;
    case 'minimap': modeler.get('minimap').toggle(); break;
    case 'lint': modeler.get('linting').toggle(); break;
    case 'fit': modeler.get('canvas').zoom('fit-viewport', 'auto'); break;
    default: break;
  }
  return true;
}

function lintIssues(container) {
  return designers.get(container)?.lastLint ?? [];
}

/** Offers the XML as a file download (export .bpmn). */
async function download(container, fileName) {
  const xml = await xmlText(container);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** A JSON POST from the page (the migration dry run), answering the body text. */
async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' },
    body: JSON.stringify(body),
  });
  return response.text();
}

function modelerOf(container) {
  return designers.get(container)?.modeler;
}

function dispose(container) {
  designers.get(container)?.modeler.destroy();
  designers.delete(container);
}

window.workflowsDesigner = {
  open, importXml, exportXml, xmlText, markSaved, markProblems, select, markChanges, command, lintIssues, download, newDiagram, modelerOf, postJson, dispose,
};
