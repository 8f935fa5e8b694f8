// A user task needs someone to do it (a role at a level, a person or candidates) and a form to fill in.
import { text } from './messages.js';

function extensions(node, type) {
  return (node.extensionElements?.values || []).filter((value) => value.$type === type);
}

export default function userTaskAssignment() {
  function check(node, reporter) {
    if (node.$type !== 'bpmn:UserTask') return;
    const assignment = extensions(node, 'zeebe:AssignmentDefinition')[0];
    const headers = extensions(node, 'zeebe:TaskHeaders').flatMap((h) => h.values || []);
    const byHeaders = headers.some((h) => h.key === 'level') && headers.some((h) => h.key === 'role');
    if (!(assignment && (assignment.assignee || assignment.candidateGroups || assignment.candidateUsers)) && !byHeaders) {
      reporter.report(node.id, text('审核环节没有指定办理人（级别和角色）', 'User task without an assignment (level and role)'));
    }
    const form = extensions(node, 'zeebe:FormDefinition')[0];
    if (!(form && (form.formId || form.formKey))) {
      reporter.report(node.id, text('审核环节没有绑定表单', 'User task without a form'));
    }
  }
  return { check };
}
