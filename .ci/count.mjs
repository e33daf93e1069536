// Prints "N passed, N failed" from vitest's JSON report, and the names of CI's other steps that
// failed (the arguments after the report), each counted as one failure. A test file that failed to
// load has no test results of its own; it counts as one failure so that a broken file can never
// look green.
import { existsSync, readFileSync } from 'node:fs';

const [path, ...failedSteps] = process.argv.slice(2);
for (const step of failedSteps) console.error(`failed: ${step}`);
if (!path || !existsSync(path)) {
  console.log(`0 passed, ${1 + failedSteps.length} failed`);
  console.error(`no vitest report at ${path}: the build or the test run stopped before any test ran`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
const passed = report.numPassedTests;
const failed = report.numFailedTests + brokenFiles + failedSteps.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
