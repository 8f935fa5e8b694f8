// Element templates (workflows/templates/*.json, served by the API): the chooser that opens when
// "Select" is pressed in the properties panel, the published forms and document templates put into
// the templates' dropdowns, and the multi-instance settings of countersign (会签) and any-one-signs
// (或签), which the template schema cannot express and which we keep in the template's metadata.
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

/** Fills the "form" and "documentTemplate" dropdowns with what is published now. */
export function withPublishedChoices(templates, catalog) {
  const forms = catalog.forms.map((f) => ({ name: `${f.title} (${f.formId})`, value: f.formId }));
  const documents = catalog.documentTemplates.map((t) => ({ name: `${t.name} (${t.key})`, value: t.key }));
  return templates.map((template) => ({
    ...template,
    properties: template.properties.map((property) => {
      const choices = property.id === 'form' ? forms : property.id === 'documentTemplate' ? documents : null;
      if (!choices || choices.length === 0) return property;
      const value = choices.some((c) => c.value === property.value) ? property.value : choices[0].value;
      return { ...property, choices, value };
    }),
  }));
}

function applies(template, element) {
  return (template.appliesTo || []).some((type) => is(element, type));
}

function TemplateChooser(eventBus, elementTemplates, translate, canvas) {
  eventBus.on('elementTemplates.select', (event) => {
    const { element } = event;
    const candidates = elementTemplates.getAll().filter((t) => applies(t, element) && !t.deprecated);
    const dialog = document.createElement('div');
    dialog.className = 'wf-template-chooser';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-label', translate('Choose a building block'));
    const title = document.createElement('h2');
    title.textContent = translate('Choose a building block');
    dialog.appendChild(title);
    const list = document.createElement('ul');
    for (const template of candidates) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.templateId = template.id;
      button.innerHTML = '<strong></strong><span></span>';
      button.querySelector('strong').textContent = template.name;
      button.querySelector('span').textContent = template.description || '';
      button.addEventListener('click', () => {
        close();
        elementTemplates.applyTemplate(element, template);
      });
      item.appendChild(button);
      list.appendChild(item);
    }
    if (!candidates.length) {
      const none = document.createElement('p');
      none.textContent = translate('No template applies to this element.');
      dialog.appendChild(none);
    }
    dialog.appendChild(list);
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'wf-template-cancel';
    cancel.textContent = translate('Cancel');
    cancel.addEventListener('click', () => close());
    dialog.appendChild(cancel);
    const host = canvas.getContainer().closest('.wf-designer') || document.body;
    host.appendChild(dialog);
    dialog.querySelector('button')?.focus();
    function close() {
      dialog.remove();
    }
  });
}
TemplateChooser.$inject = ['eventBus', 'elementTemplates', 'translate', 'canvas'];

/** After a template with metadata.multiInstance is applied, the task gets its multi-instance settings. */
function MultiInstanceFromTemplate(eventBus, elementTemplates, bpmnFactory, modeling) {
  eventBus.on('commandStack.propertiesPanel.zeebe.changeTemplate.postExecuted', (event) => {
    const { element, newTemplate } = event.context;
    const loop = newTemplate?.metadata?.multiInstance;
    if (!loop || !element) return;
    const characteristics = bpmnFactory.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: !!loop.isSequential });
    const loopExtension = bpmnFactory.create('zeebe:LoopCharacteristics', {
      inputCollection: loop.inputCollection, inputElement: loop.inputElement,
      outputCollection: loop.outputCollection, outputElement: loop.outputElement,
    });
    const extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [loopExtension] });
    loopExtension.$parent = extensionElements;
    extensionElements.$parent = characteristics;
    characteristics.extensionElements = extensionElements;
    if (loop.completionCondition) {
      characteristics.completionCondition = bpmnFactory.create('bpmn:FormalExpression', { body: loop.completionCondition });
      characteristics.completionCondition.$parent = characteristics;
    }
    characteristics.$parent = getBusinessObject(element);
    modeling.updateProperties(element, { loopCharacteristics: characteristics });
  });
}
MultiInstanceFromTemplate.$inject = ['eventBus', 'elementTemplates', 'bpmnFactory', 'modeling'];

export default {
  __init__: ['templateChooser', 'multiInstanceFromTemplate'],
  templateChooser: ['type', TemplateChooser],
  multiInstanceFromTemplate: ['type', MultiInstanceFromTemplate],
};
