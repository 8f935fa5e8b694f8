// Small helpers every page uses: keyboard shortcuts for lists and focus management.
const shortcutOwners = new Map();

function isTyping(target) {
  const tag = target?.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable;
}

// The inbox's keys (j/k to move, Enter to open, a to approve) go to .NET only when no text field
// and no dialog has the focus, so typing a comment never triggers an action.
function registerShortcuts(key, dotnet, keys) {
  unregisterShortcuts(key);
  const handler = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (document.querySelector('.mud-dialog-container')) return;
    if (!keys.includes(event.key)) return;
    // Enter on a link or button does what it always does.
    if (event.key === 'Enter' && event.target?.closest?.('a,button')) return;
    event.preventDefault();
    dotnet.invokeMethodAsync('OnShortcut', event.key);
  };
  document.addEventListener('keydown', handler);
  shortcutOwners.set(key, handler);
}

function unregisterShortcuts(key) {
  const handler = shortcutOwners.get(key);
  if (handler) document.removeEventListener('keydown', handler);
  shortcutOwners.delete(key);
}

function focusSelector(selector) {
  const element = document.querySelector(selector);
  if (element) {
    element.focus();
    element.scrollIntoView({ block: 'nearest' });
  }
}

// Page bundles (diagram, forms) load on the pages that need them, once.
const loaded = new Map();

function load(scriptUrl, styleUrl) {
  if (styleUrl && !document.querySelector(`link[data-bundle="${styleUrl}"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = styleUrl;
    link.dataset.bundle = styleUrl;
    document.head.appendChild(link);
  }
  if (!loaded.has(scriptUrl)) {
    loaded.set(scriptUrl, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = scriptUrl;
      script.onload = () => resolve(true);
      script.onerror = () => reject(new Error(`could not load ${scriptUrl}`));
      document.head.appendChild(script);
    }));
  }
  return loaded.get(scriptUrl);
}

// Marks the page as interactive (the server connection is up), for people's tools and for tests.
function ready() {
  document.body.dataset.ready = 'true';
}

window.workflowsApp = { registerShortcuts, unregisterShortcuts, focusSelector, load, ready };
