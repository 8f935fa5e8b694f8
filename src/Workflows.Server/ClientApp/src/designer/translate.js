// zh-CN labels for the modeler, the properties panel, element templates, lint and token
// simulation. In English the texts stay as they are. Placeholders like {element} are filled in.
import zh from './zh-CN.js';

export function createTranslate(language) {
  const dictionary = language === 'en' ? {} : zh;
  return function translate(template, replacements) {
    const text = dictionary[template] ?? template;
    return replacements ? text.replace(/{([^}]+)}/g, (_, key) => replacements[key] ?? `{${key}}`) : text;
  };
}

export default function translateModule(language) {
  return { translate: ['value', createTranslate(language)] };
}
