#!/usr/bin/env node
// `npm test`: typecheck, lint and every test (real Redis, SQLite and Chromium). Prints
// `N passed, N failed` last, read from vitest's JSON report, and exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNodeVersion, ensureClientBuild, ensureDependencies, ensureBundles, root } from '../../server/bin/bootstrap.mjs';

checkNodeVersion();
ensureDependencies();
ensureClientBuild();
await ensureBundles();

const bin = (name) => join(root, 'node_modules', '.bin', name);
const checks = [];
function step(name, command, args) {
  console.log(`\n[test] ${name}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  checks.push({ name, ok: r.status === 0 });
}

for (const project of ['shared', 'server', 'worker', 'client', 'tests']) step(`typecheck ${project}`, bin('tsc'), ['-p', project]);
step('lint', bin('eslint'), ['.', '--max-warnings', '0']);

const report = join(mkdtempSync(join(tmpdir(), 'siar-vitest-')), 'report.json');
console.log('\n[test] vitest');
const vitest = spawnSync(bin('vitest'), ['run', '--config', 'tests/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

let passed = checks.filter((c) => c.ok).length;
let failed = checks.filter((c) => !c.ok).length;
for (const c of checks.filter((c) => !c.ok)) console.log(`FAILED: ${c.name}`);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  // A file that fails to load has no failed test of its own: count it once.
  if (!json.numFailedTests && json.numFailedTestSuites) failed += json.numFailedTestSuites;
  if ((json.numTotalTests ?? 0) === 0) failed += 1;
} else {
  console.log('FAILED: vitest wrote no report');
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed += 1;
const hasPostgres = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'postgres')));
if (!hasPostgres || process.env.SIAR_TEST_POSTGRES === '0') console.log('\nskipped: postgres (the database suites ran on SQLite only)');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
