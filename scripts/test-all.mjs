// `npm test`: every suite in order, then one summary line "N passed, N failed, N skipped" summed over
// all of them (CI reads that line). Static checks (types, lint, build) count as one check each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-results', 'summary');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${[cmd.replace(root + '/', ''), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(name, cmd, args) {
  const r = step(name, cmd, args);
  totals[r.ok ? 'passed' : 'failed'] += 1;
  lines.push(`${name}: ${r.ok ? 'ok' : 'FAILED'} (${r.seconds}s)`);
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('typecheck (e2e)', bin('tsc'), ['-p', 'tsconfig.e2e.json']);
check('lint', bin('eslint'), ['.']);

// Unit tests
{
  const file = join(outDir, 'vitest.json');
  const r = step('unit (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const j = readJson(file);
  if (j) {
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    lines.push(`unit: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped (${r.seconds}s)`);
  } else {
    totals.failed += 1;
    lines.push(`unit: runner failed before reporting (${r.seconds}s)`);
  }
  if (!r.ok && j && j.numFailedTests === 0) {
    totals.failed += 1;
    lines.push('unit: runner exited non-zero (unhandled error?)');
  }
}

// Build, then end-to-end against the real gateway fixture
const built = check('build (electron-vite)', bin('electron-vite'), ['build']);
if (built) {
  const file = join(outDir, 'playwright.json');
  const r = step('end-to-end (playwright)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const j = readJson(file);
  if (j?.stats) {
    const passed = j.stats.expected + (j.stats.flaky ?? 0);
    totals.passed += passed;
    totals.failed += j.stats.unexpected;
    totals.skipped += j.stats.skipped;
    lines.push(`e2e: ${passed} passed (${j.stats.flaky ?? 0} flaky), ${j.stats.unexpected} failed, ${j.stats.skipped} skipped (${r.seconds}s)`);
    if (!r.ok && j.stats.unexpected === 0) {
      totals.failed += 1;
      lines.push('e2e: runner exited non-zero (setup or teardown failed?)');
    }
  } else {
    totals.failed += 1;
    lines.push(`e2e: runner failed before reporting (${r.seconds}s)`);
  }
}

console.log('\n=== summary');
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
