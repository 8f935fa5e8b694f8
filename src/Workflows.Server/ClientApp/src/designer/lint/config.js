// Our bpmnlint configuration, compiled into the bundle: the rule modules are imported directly and
// served by a static resolver, so no bpmnlint CLI or config file is needed at run time.
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import unsupportedElement from './unsupported-element.js';
import gatewayDefault from './gateway-default.js';
import userTaskAssignment from './user-task-assignment.js';

export const rules = {
  'workflows/unsupported-element': 'error',
  'workflows/gateway-default': 'warn',
  'workflows/user-task-assignment': 'warn',
  'start-event-required': 'error',
  'end-event-required': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'warn',
};

export const linterConfig = {
  config: { rules },
  resolver: new StaticResolver({
    'rule:bpmnlint-plugin-workflows/unsupported-element': unsupportedElement,
    'rule:bpmnlint-plugin-workflows/gateway-default': gatewayDefault,
    'rule:bpmnlint-plugin-workflows/user-task-assignment': userTaskAssignment,
    'rule:bpmnlint/start-event-required': startEventRequired,
    'rule:bpmnlint/end-event-required': endEventRequired,
    'rule:bpmnlint/no-disconnected': noDisconnected,
    'rule:bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  }),
};
