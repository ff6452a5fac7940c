// `npm test`: lint, type-check, then every Vitest tier (unit, integration on real PostgreSQL,
// e2e in real Chromium against a production build). Runs every step, then prints one summary.
// Extra arguments go to Vitest, e.g. `npm test -- --project unit`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => `${root}/node_modules/.bin/${name}`;
const report = `${root}/test-results/vitest.json`;
const vitestArgs = process.argv.slice(2);

type Step = { name: string; ok: boolean; seconds: number };
const steps: Step[] = [];

function step(name: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${name}: ${[command.replace(`${root}/`, ''), ...args].join(' ')}`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: (performance.now() - started) / 1000 });
  return ok;
}

step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('types', bin('tsc'), ['--noEmit']);
mkdirSync(`${root}/test-results`, { recursive: true });
rmSync(report, { force: true });
step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs]);

console.log('\n── Summary ─────────────────────────────────────────');
for (const { name, ok, seconds } of steps) {
  console.log(`${ok ? '✔' : '✘'} ${name.padEnd(6)} ${seconds.toFixed(1).padStart(6)} s`);
}
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed = results.numPassedTests;
  // A file that fails before its tests run (a beforeAll that throws, no browser) fails the run
  // as one failure even though each of its tests reads as skipped.
  failed = results.numFailedTests + (results.numFailedTests === 0 ? results.numFailedTestSuites : 0);
  skipped = results.numPendingTests + results.numTodoTests;
}
const failedSteps = steps.filter((s) => !s.ok).length;
// Lint and type errors count as failures too, so the closing line never reads green over them.
console.log(`Tests: ${passed} passed, ${failed + (failed === 0 && failedSteps ? failedSteps : 0)} failed, ${skipped} skipped`);
// Vitest's own exit code is not trusted alone: any failed test fails the run.
process.exit(failedSteps || failed ? 1 : 0);
