// Evaluations per second of feelin on the benchmark's cases, on one thread.
// Input (stdin): { "expression", "contexts": [..], "seconds" }. Output: { "evaluations", "seconds", "perSecond", "results" }.
import { evaluate } from 'feelin';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const { expression, contexts, seconds } = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = contexts.map(context => evaluate(expression, context).value);

// Warm up the JIT before measuring.
for (let i = 0; i < 2000; i++) {
  evaluate(expression, contexts[i % contexts.length]);
}

let evaluations = 0;
const start = process.hrtime.bigint();
const limit = BigInt(Math.round(seconds * 1e9));
let elapsed = 0n;
while (elapsed < limit) {
  for (let i = 0; i < 100; i++) {
    evaluate(expression, contexts[(evaluations + i) % contexts.length]);
  }
  evaluations += 100;
  elapsed = process.hrtime.bigint() - start;
}
const took = Number(elapsed) / 1e9;
process.stdout.write(JSON.stringify({ evaluations, seconds: took, perSecond: evaluations / took, results }));
