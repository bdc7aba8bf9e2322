// Prints one closing line for CI: "tests: N passed, N failed[, N skipped]" summed over the
// vitest JSON reports of the unit and e2e runs (a missing report counts as a failure).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['artifacts/results-unit.json', 'artifacts/results-e2e.json']) {
  if (!existsSync(file)) {
    console.log(`(no report at ${file})`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
