import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { activityBench } from './activity.bench';
import { apiBench } from './api.bench';
import { burstBench } from './burst.bench';
import { clientBench } from './client.bench';
import { importBench } from './import.bench';
import { memoryBench } from './memory.bench';

// `npm run bench [-- burst|api|client|memory|import|activity ...]`: JSON on stdout and in
// bench-results/latest.json, a readable summary on stderr.
const scenarios: Record<string, () => Promise<unknown>> = { burst: burstBench, api: apiBench, client: clientBench, memory: memoryBench, import: importBench, activity: activityBench };
const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !scenarios[w]);
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; choose from ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const results: Record<string, unknown> = {};
for (const name of wanted.length ? wanted : Object.keys(scenarios)) {
  const t0 = Date.now();
  console.error(`[bench] ${name}…`);
  results[name] = await scenarios[name]!();
  console.error(`[bench] ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n${JSON.stringify(results[name], null, 2)}`);
}
const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, durationS: Math.round((Date.now() - started) / 1000), results };
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report));
process.exit(0);
