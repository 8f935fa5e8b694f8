// Runs the three-level approval in bpmn-engine, one instance after another, and prints
// instances per second as one JSON line. FEEL conditions (=outcome = "reject") are evaluated
// with feelin, the FEEL interpreter form-js uses, so both engines take the same decisions.
import { Engine } from 'bpmn-engine';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { evaluate } from 'feelin';

const source = readFileSync(new URL('./three-level-approval.bpmn', import.meta.url), 'utf8');
const instances = Number(process.argv[2] ?? 500);
let rejected = 0;

const expressions = {
  resolveExpression(text, context) {
    if (typeof text === 'string' && text.startsWith('=')) return evaluate(text.slice(1), { ...context.environment.variables }).value;
    return text;
  },
  isExpression: (text) => typeof text === 'string' && text.startsWith('='),
  hasExpression: (text) => typeof text === 'string' && text.startsWith('='),
};

async function runOne(index) {
  const listener = new EventEmitter();
  const engine = new Engine({ name: `approval-${index}`, source, expressions });
  const variables = { applicant: '五一社区', amount: 350000 };
  listener.on('wait', (api) => {
    // One application in four is rejected at county level.
    const outcome = api.id === 'countyReview' && index % 4 === 0 ? 'reject' : 'approve';
    api.environment.variables.outcome = outcome;
    api.signal({ outcome });
  });
  listener.on('activity.end', (api) => {
    if (api.id === 'rejected') rejected++;
  });
  const done = new Promise((resolve, reject) => {
    engine.once('end', resolve);
    engine.once('error', reject);
  });
  await engine.execute({ listener, variables });
  await done;
}

for (let i = 0; i < Math.min(50, instances); i++) await runOne(i);
rejected = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < instances; i++) await runOne(i);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ engine: 'bpmn-engine', instances, rejected, seconds, perSecond: instances / seconds }));
