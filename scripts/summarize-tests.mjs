// Adds up the JSON reports of vitest (unit, integration) and Playwright into one closing line.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of ['unit', 'int']) {
  const file = `test-results/${name}.json`;
  if (!existsSync(file)) throw new Error(`${file} is missing: the ${name} tests did not report`);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // Pending counts skipped tests.
  skipped += r.numPendingTests;
}
const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')).stats;
passed += e2e.expected;
failed += e2e.unexpected;
skipped += e2e.skipped;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
