// An exclusive or inclusive gateway that splits without a default flow stops the case with an
// incident when no condition holds.
import { text } from './messages.js';

export default function gatewayDefault() {
  function check(node, reporter) {
    if (node.$type !== 'bpmn:ExclusiveGateway' && node.$type !== 'bpmn:InclusiveGateway') return;
    if ((node.outgoing || []).length > 1 && !node.default) {
      reporter.report(node.id, text('网关没有默认路径：条件都不满足时流程会出错', 'Gateway without a default flow: the case stops if no condition holds'));
    }
  }
  return { check };
}
