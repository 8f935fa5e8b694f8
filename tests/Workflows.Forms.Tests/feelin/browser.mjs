// A small model of what the form-js viewer does at submit time, evaluated with feelin (the FEEL
// interpreter the viewer uses): which fields are hidden by `conditional.hide`, and what the
// `expression` fields compute. The server's results are compared with these.
// Input (stdin):  { "now": ISO instant, "cases": [{ "id", "schema", "state", "opened" }] }
//   state:  the form data at submit time (initial data merged with the applicant's values, every field initialised)
//   opened: the data when the form was opened (initialised), which the viewer merges under visible data
// Output (stdout): [{ "id", "hidden": [paths], "computed": { path: value }, "error": string|null }]
process.env.TZ = 'UTC';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const fixed = Date.parse(request.now);
Date.now = () => fixed;

const { evaluate, unaryTest } = await import('feelin');

const KEYED = new Set(['textfield', 'textarea', 'number', 'datetime', 'expression', 'filepicker', 'checkbox', 'checklist', 'radio', 'select', 'taglist']);
const PATHED = new Set(['group', 'dynamiclist']);

const clone = (value) => JSON.parse(JSON.stringify(value));

function context(self, parent, i, data) {
  const special = { this: self, parent, i };
  const result = { ...special, ...(data && typeof data === 'object' && !Array.isArray(data) ? data : {}) };
  for (const [key, value] of Object.entries(special)) {
    result[`_${key}_`] = value;
  }
  return result;
}

function getAt(root, path) {
  let node = root;
  for (const segment of path) {
    if (node === null || node === undefined) return undefined;
    node = node[segment];
  }
  return node;
}

function setAt(root, path, value) {
  let node = root;
  for (let k = 0; k < path.length - 1; k++) {
    if (node[path[k]] === null || node[path[k]] === undefined || typeof node[path[k]] !== 'object') {
      node[path[k]] = typeof path[k + 1] === 'number' ? [] : {};
    }
    node = node[path[k]];
  }
  node[path[path.length - 1]] = value;
}

function clearAt(root, path) {
  for (let length = path.length; length > 0; length--) {
    const parent = getAt(root, path.slice(0, length - 1));
    if (parent === null || typeof parent !== 'object') return;
    const segment = path[length - 1];
    if (Array.isArray(parent)) {
      if (segment >= parent.length) return;
      parent[segment] = null;
    } else {
      delete parent[segment];
    }
    const emptied = Array.isArray(parent) ? parent.every((item) => item === null) : Object.keys(parent).length === 0;
    if (!emptied) return;
  }
}

const show = (path) => path.map((s, k) => (typeof s === 'number' ? `[${s}]` : (k === 0 ? s : `.${s}`))).join('');

function ownSegments(component) {
  if (KEYED.has(component.type) && component.key) return component.key.split('.');
  if (PATHED.has(component.type) && component.path) return component.path.split('.');
  return [];
}

const repeats = (component) => component.type === 'dynamiclist' && component.isRepeating === true;

function isHidden(hide, ctx) {
  if (typeof hide !== 'string' || !hide.startsWith('=')) return false;
  try {
    return unaryTest(hide.slice(1), ctx).value === true;
  } catch {
    return false;
  }
}

// The submit-time walk: bare names read the whole form's data; in a row, `this` is the row,
// `parent` the enclosing scope's raw data and `i` the 1-based row numbers.
function walk(schema, state) {
  const visible = [];
  const hidden = [];
  const visit = (component, scope, inherited, prefix) => {
    const keyed = KEYED.has(component.type);
    const pathed = PATHED.has(component.type);
    if (!keyed && !pathed) {
      for (const child of component.components || []) visit(child, scope, inherited, prefix);
      return;
    }
    const path = [...scope.base, ...prefix, ...ownSegments(component)];
    const hiddenHere = inherited || (component.conditional && isHidden(component.conditional.hide, context(scope.self, scope.parent, scope.i, state)));
    if (keyed) {
      (hiddenHere ? hidden : visible).push({ component, path, rows: scope.rows });
      return;
    }
    if (repeats(component)) {
      if (hiddenHere) {
        hidden.push({ component, path, rows: scope.rows });
        return;
      }
      const rows = getAt(state, path);
      if (!Array.isArray(rows)) return;
      rows.forEach((row, index) => {
        const rowScope = { base: [...path, index], self: row, parent: scope.self, i: [...scope.i, index + 1], rows: [...scope.rows, [...path, index]] };
        for (const child of component.components || []) visit(child, rowScope, false, []);
      });
      return;
    }
    for (const child of component.components || []) visit(child, scope, hiddenHere, [...prefix, ...ownSegments(component)]);
  };
  const top = { base: [], self: state, parent: null, i: [], rows: [] };
  for (const child of schema.components || []) visit(child, top, false, []);
  return { visible, hidden };
}

// The viewer's render context: visible data over the opened data; in a row, `this` is the row and
// `parent` the enclosing level's context.
function renderContext(state, filtered, rows) {
  let level = { data: filtered, self: filtered, parent: null, i: [] };
  for (const rowPath of rows) {
    const parent = context(level.self, level.parent, level.i, level.self);
    level = { data: level.data, self: getAt(state, rowPath), parent, i: [...level.i, rowPath[rowPath.length - 1] + 1] };
  }
  return context(level.self, level.parent, level.i, level.data);
}

function run(c) {
  const state = clone(c.state);
  let result = walk(c.schema, state);
  const expressions = () => result.visible.filter((v) => v.component.type === 'expression');
  for (let pass = 0; pass <= 20; pass++) {
    const filtered = clone(state);
    for (const h of result.hidden) clearAt(filtered, h.path);
    const merged = { ...clone(c.opened || {}), ...filtered };
    let changed = false;
    for (const v of expressions()) {
      let value = null;
      try {
        value = evaluate(v.component.expression.slice(1), renderContext(state, merged, v.rows)).value;
      } catch {
        value = null;
      }
      value = value === undefined ? null : JSON.parse(JSON.stringify(value));
      if (JSON.stringify(getAt(state, v.path)) !== JSON.stringify(value)) {
        setAt(state, v.path, value);
        changed = true;
      }
    }
    if (!changed) break;
    result = walk(c.schema, state);
  }
  const computed = {};
  for (const v of expressions()) computed[show(v.path)] = getAt(state, v.path) ?? null;
  return { hidden: result.hidden.map((h) => show(h.path)), computed };
}

const results = request.cases.map((c) => {
  try {
    return { id: c.id, ...run(c), error: null };
  } catch (e) {
    return { id: c.id, hidden: [], computed: {}, error: String((e && e.message) || e) };
  }
});
process.stdout.write(JSON.stringify(results));
