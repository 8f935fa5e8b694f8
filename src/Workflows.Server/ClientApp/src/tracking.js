// The tracking diagram (流程跟踪图): the case's workflow with the steps already done, the step it
// is at now and the path taken between them highlighted. Read-only; zoom and pan only.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './tracking.css';

const viewers = new WeakMap();

async function render(container, xml, completed, active) {
  viewers.get(container)?.destroy();
  const viewer = new NavigatedViewer({ container });
  viewers.set(container, viewer);
  try {
    await viewer.importXML(xml);
  } catch (error) {
    container.dataset.state = 'error';
    return { ok: false, message: String(error?.message ?? error) };
  }
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const done = new Set(completed);
  const now = new Set(active);
  for (const id of done) {
    if (registry.get(id) && !now.has(id)) canvas.addMarker(id, 'wf-done');
  }
  for (const id of now) {
    if (registry.get(id)) canvas.addMarker(id, 'wf-active');
  }
  // A flow was taken when the step it leaves is done and the step it reaches was reached.
  for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow')) {
    const from = flow.businessObject.sourceRef?.id;
    const to = flow.businessObject.targetRef?.id;
    if (done.has(from) && (done.has(to) || now.has(to))) canvas.addMarker(flow.id, 'wf-path');
  }
  canvas.zoom('fit-viewport', 'auto');
  container.dataset.state = 'rendered';
  return { ok: true, message: '' };
}

function zoom(container, step) {
  const viewer = viewers.get(container);
  if (!viewer) return;
  const canvas = viewer.get('canvas');
  if (step === 0) canvas.zoom('fit-viewport', 'auto');
  else canvas.zoom(Math.max(0.2, Math.min(4, canvas.zoom() + step)));
}

function dispose(container) {
  viewers.get(container)?.destroy();
  viewers.delete(container);
}

window.workflowsTracking = { render, zoom, dispose };
