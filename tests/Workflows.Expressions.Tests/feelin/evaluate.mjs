// Evaluates FEEL cases with feelin, the interpreter form-js runs in the browser.
// Input (stdin): { "now": ISO instant, "cases": [{ "id", "expression", "context", "unaryTests"?, "input"? }] }
// Output (stdout): [{ "id", "value": <normalised value>, "error": string|null }]
// Values are normalised as { "type", "value" | "items" | "entries" } so both sides compare alike.
process.env.TZ = 'UTC';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

// now() and today() read the clock; pin it to the batch's instant.
const fixed = Date.parse(request.now);
Date.now = () => fixed;

const { evaluate, unaryTest, isRange, isFunction, FeelDate, FeelTime, FeelDateTime, FeelDuration } = await import('feelin');

function normalise(value, depth = 0) {
  if (depth > 100) return { type: 'too-deep' };
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: 'number', value: String(value) };
  if (typeof value === 'string') return { type: 'string', value };
  if (Array.isArray(value)) return { type: 'list', items: value.map(v => normalise(v, depth + 1)) };
  if (value instanceof FeelDate) return { type: 'date', value: value.toString() };
  if (value instanceof FeelDateTime) return { type: 'date and time', value: value.toString() };
  if (value instanceof FeelTime) return { type: 'time', value: value.toString() };
  if (value instanceof FeelDuration) return { type: 'duration', value: value.toString() };
  if (isRange(value)) {
    return {
      type: 'range',
      value: (value['start included'] ? '[' : '(') + JSON.stringify(normalise(value.start, depth + 1)) + '..' +
        JSON.stringify(normalise(value.end, depth + 1)) + (value['end included'] ? ']' : ')')
    };
  }
  if (isFunction(value) || typeof value === 'function') return { type: 'function' };
  if (typeof value === 'object') {
    const entries = {};
    for (const [key, entry] of Object.entries(value)) {
      entries[key] = normalise(entry, depth + 1);
    }
    return { type: 'context', entries };
  }
  return { type: 'unknown', value: String(value) };
}

const results = [];
for (const c of request.cases) {
  try {
    const context = c.context ?? {};
    const outcome = c.unaryTests
      ? unaryTest(c.expression, { ...context, '?': c.input ?? null })
      : evaluate(c.expression, context);
    results.push({ id: c.id, value: normalise(outcome.value), error: null });
  } catch (e) {
    results.push({ id: c.id, value: { type: 'null' }, error: String(e && e.message || e) });
  }
}
process.stdout.write(JSON.stringify(results));
