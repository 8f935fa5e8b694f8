// zh-CN for the form editor. form-js 1.23's editor has no translate service (its texts are written
// into its components), so the texts are translated where the editor lets us reach them:
//  - palette entries: the name in each field type's config, which the palette reads when it first renders;
//  - properties panel groups: a last properties provider renames the groups every provider made;
//  - everything else (entry labels, descriptions, placeholders, titles): the rendered text, as it
//    appears, by a mutation observer on the editor's and the properties panel's elements.
// English pages keep form-js's own English.

const zh = {
  // palette
  'Components': '组件', 'Search components': '搜索组件', 'No components found.': '没有找到组件', 'Clear content': '清空',
  'Input': '输入', 'Selection': '选择', 'Presentation': '展示', 'Containers': '容器', 'Action': '操作',
  'Text field': '单行文本', 'Text area': '多行文本', 'Number': '数字', 'Date time': '日期时间', 'Date': '日期', 'Checkbox': '复选框',
  'Checkbox group': '多选组', 'Radio group': '单选组', 'Select': '下拉选择', 'Tag list': '标签列表', 'Text view': '文本', 'Image view': '图片',
  'HTML view': 'HTML', 'Table': '表格', 'Separator': '分隔线', 'Spacer': '间距', 'Group': '分组', 'Dynamic list': '动态列表', 'iFrame': '内嵌网页',
  'Button': '按钮', 'Expression': '表达式', 'File picker': '附件上传', 'Document preview': '文档预览',
  'Build your form': '设计表单', 'Drag and drop components here to start designing.': '把左侧的组件拖到这里开始设计。',
  'Drag and drop components here.': '把组件拖到这里。', 'Use the preview window to test your form.': '在预览中试填表单。',
  // properties panel: groups
  'General': '常规', 'Condition': '条件', 'Validation': '校验', 'Appearance': '外观', 'Layout': '布局', 'Options source': '选项来源',
  'Static options': '固定选项', 'Dynamic options': '动态选项', 'Custom properties': '自定义属性', 'Serialization': '序列化', 'Constraints': '约束',
  'Options expression': '选项表达式', 'Security attributes': '安全属性', 'Content': '内容', 'Headers source': '表头来源', 'Header items': '表头',
  'Pagination': '分页', 'Columns': '列', 'Form submission': '表单提交',
  // properties panel: entries
  'Field label': '字段标签', 'Label': '标签', 'Key': '字段键', 'Path': '路径', 'Field description': '字段说明',
  'Default value': '默认值', 'Disabled': '禁用', 'Read only': '只读', 'Required': '必填', 'Minimum length': '最短长度', 'Maximum length': '最长长度',
  'Minimum': '最小值', 'Maximum': '最大值', 'Validation pattern': '校验规则', 'Custom regular expression': '自定义正则表达式', 'Custom error message': '自定义错误提示',
  'Email': '电子邮件', 'Phone': '电话', 'Custom': '自定义', 'Prefix': '前缀', 'Suffix': '后缀', 'Decimal digits': '小数位数', 'Increment': '步长',
  'Output as string': '输出为字符串', 'Hide if': '隐藏条件', 'Deactivate if': '停用条件', 'Searchable': '可搜索', 'Subtype': '子类型',
  'Date label': '日期标签', 'Time label': '时间标签', 'Time format': '时间格式', 'Time interval': '时间间隔', 'Use 24h': '24 小时制',
  'Disallow past dates': '不允许过去的日期', 'Text': '文本', 'Type': '类型', 'Value': '值', 'Auto': '自动',
  'Input values key': '输入数据键', 'Allow add/delete items': '允许增删条目', 'Default number of items': '默认条目数', 'Disable collapse': '不折叠',
  'Number of non-collapsing items': '不折叠的条目数', 'Show outline': '显示边框', 'Vertical alignment': '垂直对齐', 'Top': '顶部', 'Center': '居中', 'Bottom': '底部',
  'Height': '高度', 'Alternative text': '替代文本', 'Image source': '图片地址', 'Compute on': '计算时机', 'Value changes': '值变化时',
  'Supported file formats': '允许的文件格式', 'Upload multiple files': '允许多个文件', 'Submit': '提交', 'Reset': '重置', 'Checked': '已勾选', 'Not checked': '未勾选',
  'Repeatable': '可重复', 'Static': '固定', 'Create new list item': '新增一项', 'Delete item': '删除此项', 'Toggle section': '展开/折叠', 'Toggle list item': '展开/折叠',
  'Section contains an error': '此部分有错误', 'Section contains edits': '此部分已修改', '<empty>': '<空>', 'Create': '新增', 'List of items': '条目列表',
  'Binds to a form variable': '绑定到表单数据中的变量', 'Condition under which the field is hidden': '满足此条件时隐藏字段',
  'Condition under which the field is deactivated': '满足此条件时停用字段', 'Define which input property to populate the values from': '从输入数据的哪个属性取选项',
  'Define an expression to populate the options from.': '用表达式生成选项。', 'Define an expression to calculate the value of this field': '用表达式计算此字段的值',
  'Allows arbitrary precision values': '允许任意精度的数值', 'Where the child variables of this component are pathed to.': '此组件内字段的数据路径。',
  'Open documentation': '打开文档', 'Open pop-up editor': '在弹出窗口中编辑', 'Opened in editor': '已在编辑器中打开', 'Opened in popup': '已在弹出窗口中打开',
  'Learn more': '了解更多', 'Must not be empty.': '不能为空。', 'Must be unique.': '必须唯一。', 'Must be a unique key.': '必须是唯一的键。',
  'Select a form field to edit its properties.': '选择一个字段以编辑其属性。', 'Multiple form fields are selected. Edit them one at a time.': '选中了多个字段，请逐个编辑。',
  'Remove': '删除', 'Form': '表单', 'Version tag': '版本标签', 'Execution platform': '执行平台',
  // our own group
  'Option list': '选项列表', 'Take options from the server list': '选项取自服务器的列表', '(none: options set in the form)': '（无：在表单中设置选项）',
  'The applicant sees the list as the server keeps it; the submission is checked against it.': '申请人看到的是服务器保存的列表，提交时也按它校验。',
  'Option 1': '选项 1',
};

export function createTranslator(language) {
  const english = language === 'en';
  const t = (text) => (english ? text : zh[text] ?? text);
  return { english, t };
}

// Palette entries: their names (and a new field's label), before the palette first renders.
class PaletteNames {
  constructor(formFields, translator) {
    if (translator.english) return;
    for (const field of Object.values(formFields._formFields)) {
      const config = field.config;
      if (!config) continue;
      const name = config.name || config.label;
      // The label is also what a new field of the type is labelled with: 单行文本 rather than Text field.
      if (name && zh[name]) field.config = { ...config, name: zh[name], ...(config.label && zh[config.label] ? { label: zh[config.label] } : {}) };
    }
  }
}
PaletteNames.$inject = ['formFields', 'workflowsTranslator'];

// Group names of every provider, renamed last.
class GroupNames {
  constructor(propertiesPanel, translator) {
    this._t = translator.t;
    if (!translator.english) propertiesPanel.registerProvider(this, 1);
  }

  getGroups() {
    return (groups) => groups.map((group) => ({ ...group, label: typeof group.label === 'string' ? this._t(group.label) : group.label }));
  }
}
GroupNames.$inject = ['propertiesPanel', 'workflowsTranslator'];

export function translationModule(translator) {
  return {
    __init__: ['workflowsPaletteNames', 'workflowsGroupNames'],
    workflowsTranslator: ['value', translator],
    workflowsPaletteNames: ['type', PaletteNames],
    workflowsGroupNames: ['type', GroupNames],
  };
}

const ATTRIBUTES = ['title', 'placeholder', 'aria-label'];

// Writing a node, even with the same text, is a mutation again: only a text that changes is written.
function translateText(node, t) {
  const text = node.data.trim();
  if (text && zh[text] && zh[text] !== text) node.data = node.data.replace(text, t(text));
}

function translateAttributes(element, t) {
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name)?.trim();
    if (value && zh[value] && zh[value] !== value) element.setAttribute(name, t(value));
  }
}

// Form fields on the canvas show the administrator's own labels: they are left alone.
const onCanvas = (node) => !!(node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest('.fjs-form-field');

function translateNode(node, t) {
  if (onCanvas(node)) return;
  if (node.nodeType === Node.TEXT_NODE) {
    translateText(node, t);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  translateAttributes(node, t);
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => (n.nodeType === Node.ELEMENT_NODE && n.classList.contains('fjs-form-field') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current.nodeType === Node.TEXT_NODE) translateText(current, t);
    else translateAttributes(current, t);
  }
}

/** Translates what the editor renders inside the given elements, now and whenever it renders again. */
export function translateRendered(elements, translator) {
  if (translator.english) return () => {};
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') translateNode(mutation.target, translator.t);
      else if (mutation.type === 'attributes') translateNode(mutation.target, translator.t);
      else mutation.addedNodes.forEach((node) => translateNode(node, translator.t));
    }
  });
  for (const element of elements) {
    translateNode(element, translator.t);
    observer.observe(element, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  }
  return () => observer.disconnect();
}
