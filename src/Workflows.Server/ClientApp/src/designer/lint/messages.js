// Lint messages follow the page's language; the designer sets it before the modeler starts.
let english = false;

export function setLintLanguage(language) {
  english = language === 'en';
}

export function text(zh, en) {
  return english ? en : zh;
}
