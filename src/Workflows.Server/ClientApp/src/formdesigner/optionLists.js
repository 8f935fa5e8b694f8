// Our option lists as a source of a field's options: when a select, radio group, checkbox group or
// tag list is selected, the properties panel gets a group where the administrator picks one of the
// server's lists; picking one sets the field's valuesKey (and drops static options or an options
// expression, which form-js would otherwise prefer).
// The entry is plain markup in the properties panel's classes: form-js's editor carries its own copy
// of the properties panel, whose components it does not export.
import { jsx, jsxs } from 'preact/jsx-runtime';

export const OPTION_FIELD_TYPES = ['select', 'radio', 'checklist', 'taglist'];

class OptionListsProvider {
  constructor(propertiesPanel, config, translator) {
    this._lists = config?.lists ?? [];
    this._translator = translator;
    propertiesPanel.registerProvider(this, 100);
  }

  getGroups(field, editField) {
    return (groups) => {
      if (!field || !OPTION_FIELD_TYPES.includes(field.type)) return groups;
      const t = this._translator.t;
      const group = {
        id: 'workflows-option-list',
        label: t('Option list'),
        entries: [{
          id: 'workflows-values-key',
          component: OptionListEntry,
          field,
          editField,
          lists: this._lists,
          t,
          isEdited: (node) => !!node?.value,
        }],
      };
      // Right after "General", where the label and key are.
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general < 0 ? 0 : general + 1, 0, group);
      return groups;
    };
  }
}
OptionListsProvider.$inject = ['propertiesPanel', 'config.workflowsOptionLists', 'workflowsTranslator'];

function OptionListEntry({ id, field, editField, lists, t }) {
  const getOptions = () => [
    { value: '', label: t('(none: options set in the form)') },
    ...lists.map((list) => ({ value: list.name, label: `${list.title} (${list.name})` })),
    // A key no list of the server has: shown so it is not lost silently; the schema check reports it.
    ...(field.valuesKey && !lists.some((l) => l.name === field.valuesKey)
      ? [{ value: field.valuesKey, label: `${field.valuesKey} ⚠` }] : []),
  ];
  const setValue = (value) => {
    if (value) {
      editField(field, { valuesKey: value, values: undefined, valuesExpression: undefined });
    } else {
      editField(field, { valuesKey: undefined, values: [{ label: t('Option 1'), value: 'option_1' }] });
    }
  };
  const value = field.valuesKey ?? '';
  const inputId = `bio-properties-panel-${id}`;
  return jsxs('div', {
    class: 'bio-properties-panel-entry',
    'data-entry-id': id,
    children: [
      jsxs('div', {
        class: 'bio-properties-panel-select',
        children: [
          jsx('label', { for: inputId, class: 'bio-properties-panel-label', children: t('Take options from the server list') }),
          jsx('select', {
            id: inputId,
            name: id,
            class: 'bio-properties-panel-input',
            value,
            onChange: (event) => setValue(event.target.value),
            children: getOptions().map((option) => jsx('option', { value: option.value, selected: option.value === value, children: option.label }, option.value)),
          }),
        ],
      }),
      jsx('div', { class: 'bio-properties-panel-description', children: t('The applicant sees the list as the server keeps it; the submission is checked against it.') }),
    ],
  });
}

export default {
  __init__: ['workflowsOptionLists'],
  workflowsOptionLists: ['type', OptionListsProvider],
};
