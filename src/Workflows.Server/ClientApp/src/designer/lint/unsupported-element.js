// Elements and event definitions the engine refuses at deploy time (docs/workflow-format.md), so the
// designer marks them while drawing rather than at publish.
import { text } from './messages.js';

const unsupported = {
  'bpmn:ScriptTask': ['脚本任务', 'script task'],
  'bpmn:SendTask': ['发送任务', 'send task'],
  'bpmn:ReceiveTask': ['接收任务', 'receive task'],
  'bpmn:BusinessRuleTask': ['业务规则任务', 'business rule task'],
  'bpmn:ManualTask': ['手工任务', 'manual task'],
  'bpmn:CallActivity': ['调用活动', 'call activity'],
  'bpmn:EventBasedGateway': ['事件网关', 'event-based gateway'],
  'bpmn:ComplexGateway': ['复杂网关', 'complex gateway'],
  'bpmn:Transaction': ['事务子流程', 'transaction'],
  'bpmn:AdHocSubProcess': ['自由子流程', 'ad-hoc sub-process'],
  'bpmn:MessageFlow': ['消息流', 'message flow'],
  'bpmn:StandardLoopCharacteristics': ['标准循环', 'standard loop'],
  'bpmn:MessageEventDefinition': ['消息事件', 'message event'],
  'bpmn:SignalEventDefinition': ['信号事件', 'signal event'],
  'bpmn:EscalationEventDefinition': ['升级事件', 'escalation event'],
  'bpmn:ConditionalEventDefinition': ['条件事件', 'conditional event'],
  'bpmn:CompensateEventDefinition': ['补偿事件', 'compensation event'],
  'bpmn:LinkEventDefinition': ['链接事件', 'link event'],
  'bpmn:CancelEventDefinition': ['取消事件', 'cancel event'],
};

export default function unsupportedElement() {
  function check(node, reporter) {
    const type = node.$type;
    let kind = unsupported[type];
    if (!kind && type === 'bpmn:SubProcess' && node.triggeredByEvent) kind = ['事件子流程', 'event sub-process'];
    if (!kind) return;
    // An event definition is reported on its event, which is what the diagram shows.
    const target = type.endsWith('EventDefinition') || type === 'bpmn:StandardLoopCharacteristics' ? node.$parent : node;
    if (!target?.id) return;
    reporter.report(target.id, text(`不支持${kind[0]}：发布时会被拒绝`, `Unsupported ${kind[1]}: publishing will refuse it`));
  }
  return { check };
}
