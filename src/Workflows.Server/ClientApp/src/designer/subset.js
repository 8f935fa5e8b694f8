// Keeps the palette, the context pad's menus and the replace menu to the elements the engine runs
// (docs/workflow-format.md): nothing offered here is refused at publish.

const UNSUPPORTED = /(script|send-task|receive|rule-task|business-rule|manual|call-activity|event-based|complex|message|signal|escalation|conditional|compensat|link|event-subprocess|transaction|ad-hoc|adhoc|data-store|data-object|participant|pool|lane|toggle-loop|collapsed-subprocess)/i;

export function isOffered(id) {
  return !UNSUPPORTED.test(id);
}

function SubsetPaletteProvider(palette, create, elementFactory, translate) {
  this.getPaletteEntries = function () {
    const createShape = (type) => (event) => create.start(event, elementFactory.createShape({ type }));
    return function (entries) {
      for (const id of Object.keys(entries)) {
        if (!isOffered(id)) delete entries[id];
      }
      entries['create.user-task'] = {
        group: 'activity', className: 'bpmn-icon-user-task', title: translate('Create user task'),
        action: { dragstart: createShape('bpmn:UserTask'), click: createShape('bpmn:UserTask') },
      };
      entries['create.service-task'] = {
        group: 'activity', className: 'bpmn-icon-service-task', title: translate('Create service task'),
        action: { dragstart: createShape('bpmn:ServiceTask'), click: createShape('bpmn:ServiceTask') },
      };
      entries['create.parallel-gateway'] = {
        group: 'gateway', className: 'bpmn-icon-gateway-parallel', title: translate('Create parallel gateway'),
        action: { dragstart: createShape('bpmn:ParallelGateway'), click: createShape('bpmn:ParallelGateway') },
      };
      return entries;
    };
  };
  palette.registerProvider(500, this);
}
SubsetPaletteProvider.$inject = ['palette', 'create', 'elementFactory', 'translate'];

function SubsetPopupMenuProvider(popupMenu) {
  const filter = (entries) => {
    for (const id of Object.keys(entries)) {
      if (!isOffered(id)) delete entries[id];
    }
    return entries;
  };
  this.getPopupMenuEntries = () => filter;
  this.getPopupMenuHeaderEntries = () => filter;
  for (const menu of ['bpmn-replace', 'bpmn-append', 'bpmn-create']) {
    popupMenu.registerProvider(menu, 100, this);
  }
}
SubsetPopupMenuProvider.$inject = ['popupMenu'];

export default {
  __init__: ['subsetPaletteProvider', 'subsetPopupMenuProvider'],
  subsetPaletteProvider: ['type', SubsetPaletteProvider],
  subsetPopupMenuProvider: ['type', SubsetPopupMenuProvider],
};
