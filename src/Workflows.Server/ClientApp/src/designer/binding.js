// Our properties group "业务绑定": the form a start event or user task opens (a dropdown of the
// published forms) and the template a document task fills (a dropdown of the published document
// templates). The lists come from the server when the designer opens (the "catalog" service).
import { SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

function extension(bo, type) {
  return (bo.get('extensionElements')?.get('values') || []).find((value) => is(value, type));
}

/** Adds an extension element of the given type when missing, as one undoable change. */
function ensureExtension(element, type, bpmnFactory, modeling) {
  const bo = getBusinessObject(element);
  let extensionElements = bo.get('extensionElements');
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = bo;
    modeling.updateProperties(element, { extensionElements });
  }
  let found = extension(bo, type);
  if (!found) {
    found = bpmnFactory.create(type, {});
    found.$parent = extensionElements;
    modeling.updateModdleProperties(element, extensionElements, { values: [...extensionElements.get('values'), found] });
  }
  return found;
}

export function formIdOf(element) {
  const form = extension(getBusinessObject(element), 'zeebe:FormDefinition');
  return form?.get('formId') || form?.get('formKey') || '';
}

export function setFormId(element, value, bpmnFactory, modeling) {
  const bo = getBusinessObject(element);
  if (!value) {
    const form = extension(bo, 'zeebe:FormDefinition');
    if (form) {
      const extensionElements = bo.get('extensionElements');
      modeling.updateModdleProperties(element, extensionElements, { values: extensionElements.get('values').filter((v) => v !== form) });
    }
    return;
  }
  const form = ensureExtension(element, 'zeebe:FormDefinition', bpmnFactory, modeling);
  modeling.updateModdleProperties(element, form, { formId: value, formKey: undefined });
}

function documentHeader(element) {
  const headers = extension(getBusinessObject(element), 'zeebe:TaskHeaders');
  return (headers?.get('values') || []).find((header) => header.key === 'template');
}

export function isDocumentTask(element) {
  return is(element, 'bpmn:ServiceTask') && extension(getBusinessObject(element), 'zeebe:TaskDefinition')?.type === 'document';
}

function setDocumentTemplate(element, value, bpmnFactory, modeling) {
  let header = documentHeader(element);
  if (!header) {
    const headers = ensureExtension(element, 'zeebe:TaskHeaders', bpmnFactory, modeling);
    header = bpmnFactory.create('zeebe:Header', { key: 'template', value });
    header.$parent = headers;
    modeling.updateModdleProperties(element, headers, { values: [...(headers.get('values') || []), header] });
    return;
  }
  modeling.updateModdleProperties(element, header, { value });
}

function FormEntry({ element, id }) {
  const translate = useService('translate');
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const catalog = useService('catalog');
  const current = formIdOf(element);
  return h(SelectEntry, {
    element, id, label: translate('Form'),
    description: translate('The published form to fill in at this step'),
    getValue: () => formIdOf(element),
    setValue: (value) => setFormId(element, value, bpmnFactory, modeling),
    getOptions: () => {
      const options = [{ value: '', label: translate('(none)') }, ...catalog.forms.map((f) => ({ value: f.formId, label: `${f.title} (${f.formId})` }))];
      if (current && !catalog.forms.some((f) => f.formId === current)) options.push({ value: current, label: `${current} (${translate('not published')})` });
      return options;
    },
  });
}

function DocumentTemplateEntry({ element, id }) {
  const translate = useService('translate');
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const catalog = useService('catalog');
  const current = documentHeader(element)?.value || '';
  return h(SelectEntry, {
    element, id, label: translate('Document template'),
    description: translate('The published document template this step fills in'),
    getValue: () => documentHeader(element)?.value || '',
    setValue: (value) => setDocumentTemplate(element, value, bpmnFactory, modeling),
    getOptions: () => {
      const options = [{ value: '', label: translate('(none)') }, ...catalog.documentTemplates.map((t) => ({ value: t.key, label: `${t.name} (${t.key})` }))];
      if (current && !catalog.documentTemplates.some((t) => t.key === current)) options.push({ value: current, label: `${current} (${translate('not published')})` });
      return options;
    },
  });
}

const UNSUPPORTED_GROUPS = new Set(['Zeebe__ExecutionListeners', 'Zeebe__TaskListeners']);

function BindingPropertiesProvider(propertiesPanel, translate) {
  this.getGroups = function (element) {
    return function (groups) {
      // Listeners are refused by the engine (ignoring them would change what a workflow does): not offered.
      for (let i = groups.length - 1; i >= 0; i--) {
        if (UNSUPPORTED_GROUPS.has(groups[i].id)) groups.splice(i, 1);
      }
      const entries = [];
      if (is(element, 'bpmn:StartEvent') || is(element, 'bpmn:UserTask')) {
        entries.push({ id: 'workflows-form', element, component: FormEntry, isEdited: isSelectEntryEdited });
      }
      if (isDocumentTask(element)) {
        entries.push({ id: 'workflows-document-template', element, component: DocumentTemplateEntry, isEdited: isSelectEntryEdited });
      }
      if (entries.length) {
        groups.splice(Math.min(1, groups.length), 0, { id: 'workflows-binding', label: translate('Form and document'), entries });
      }
      return groups;
    };
  };
  // After the element templates provider (300), which hides other groups on a templated element.
  propertiesPanel.registerProvider(200, this);
}
BindingPropertiesProvider.$inject = ['propertiesPanel', 'translate'];

export default {
  __init__: ['bindingPropertiesProvider'],
  bindingPropertiesProvider: ['type', BindingPropertiesProvider],
};
