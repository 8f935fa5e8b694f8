// form-js 1.23 has no translation service: its viewer writes English words as literals (the select's
// "Select", "Search", "Field is required." …). In Chinese the words are replaced where they appear,
// in text and in the placeholder, title and aria-label attributes. A MutationObserver on the form
// keeps the replacements when the viewer renders again: Preact only writes a text it changed, and
// every write is seen and replaced again. The date picker (flatpickr) takes its month and weekday
// names from its own locale.
import flatpickr from 'flatpickr';
import { Mandarin } from 'flatpickr/dist/l10n/zh.js';

const english = { ...flatpickr.l10ns.default };

// Exact texts (trimmed), English to Chinese.
const exact = new Map([
  ['Select', '请选择'],
  ['Search', '搜索'],
  ['Browse', '选择文件'],
  ['No files selected', '未选择文件'],
  ['No results', '没有匹配的选项'],
  ['All values selected', '已全部选择'],
  ['Nothing to show.', '没有可显示的内容。'],
  ['Add new', '添加一项'],
  ['Repeatable', '可重复'],
  ['Collapse', '收起'],
  ['Increment', '增加'],
  ['Decrement', '减少'],
  ['Previous page', '上一页'],
  ['Next page', '下一页'],
  ['Remove tag', '移除'],
  ['Skip to search', '跳到搜索'],
  ['Date', '日期'],
  ['Time', '时间'],
  ['of', '/'],
  ['Field is required.', '此项为必填项。'],
  ['Value is not a number.', '请输入数字。'],
  ['Field must be a valid email.', '请输入有效的电子邮箱地址。'],
  ['Field must be a valid  international phone number. (e.g. +4930664040900)', '请输入有效的国际电话号码（例如 +8645112345678）。'],
  ['Min validation value is not a valid number.', '最小值设置不是有效的数字。'],
  ['Max validation value is not a valid number.', '最大值设置不是有效的数字。'],
  ['Document reference is not defined.', '没有指定文档。'],
  ['Unable to download document', '无法下载文档'],
  ['Click to remove sorting', '点击取消排序'],
  ['mm/dd/yyyy', '月/日/年'],
  ['dd/mm/yyyy', '日/月/年'],
  ['yyyy/mm/dd', '年/月/日'],
]);

// Texts with a number or a name in them.
const patterns = [
  [/^Expression for '(.+)'$/, (m) => `表达式「${m[1]}」`],
  [/^(\d+) files selected$/, (m) => `已选择 ${m[1]} 个文件`],
  [/^Expand all \((\d+)\)$/, (m) => `展开全部（${m[1]}）`],
  [/^Remove list item (\d+)$/, (m) => `删除第 ${m[1]} 项`],
  [/^Download (.+)$/, (m) => `下载 ${m[1]}`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must have minimum length of (.+)\.$/, (m) => `至少 ${m[1]} 个字符。`],
  [/^Field must have maximum length of (.+)\.$/, (m) => `最多 ${m[1]} 个字符。`],
  [/^Field must match pattern (.+)\.$/, (m) => `格式不正确（应符合 ${m[1]}）。`],
  [/^Value is expected to be an integer\.$/, () => '请输入整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `最多 ${m[1]} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, (m) => `请输入有效的值，最接近的两个有效值是 ${m[1]} 和 ${m[2]}。`],
  [/^Click to sort by (.+) descending$/, (m) => `点击按「${m[1]}」降序排列`],
  [/^Click to sort by (.+) ascending$/, (m) => `点击按「${m[1]}」升序排列`],
];

/** The Chinese for one of the viewer's texts, or null when it is not one of them. */
export function chinese(text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const found = exact.get(trimmed);
  if (found) return text.replace(trimmed, found);
  for (const [pattern, make] of patterns) {
    const match = trimmed.match(pattern);
    if (match) return text.replace(trimmed, make(match));
  }
  return null;
}

/** The date picker's month and weekday names for every picker opened from now on. */
export function useLanguage(isEnglish) {
  flatpickr.localize(isEnglish ? english : Mandarin);
}

const attributes = ['placeholder', 'title', 'aria-label'];

function translateNode(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = chinese(node.data);
    if (text !== null && text !== node.data) node.data = text;
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  // What people type stays as they typed it.
  if (node.isContentEditable) return;
  for (const name of attributes) {
    const value = node.getAttribute(name);
    const text = value === null ? null : chinese(value);
    if (text !== null && text !== value) node.setAttribute(name, text);
  }
  for (const child of node.childNodes) translateNode(child);
}

/** Keeps the viewer's texts inside the container in Chinese until the returned function is called. */
export function translateWithin(container, isEnglish) {
  if (isEnglish) return () => {};
  translateNode(container);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') translateNode(mutation.target);
      else if (mutation.type === 'attributes') translateNode(mutation.target);
      else mutation.addedNodes.forEach(translateNode);
    }
  });
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attributes });
  return () => observer.disconnect();
}
