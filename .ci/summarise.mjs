// Sums the JSON reports of every suite into one line: "N passed, N failed[, N skipped]".
// A suite whose report is missing (it crashed before reporting) counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const suites = [
  {
    file: "test-results/vitest.json",
    count: (r) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests + (r.numFailedTestSuites ?? 0),
      skipped: r.numPendingTests + r.numTodoTests,
    }),
  },
  {
    file: "test-results/playwright.json",
    count: (r) => ({
      passed: r.stats.expected,
      failed: r.stats.unexpected + r.stats.flaky + (r.errors?.length ?? 0),
      skipped: r.stats.skipped,
    }),
  },
];

const total = { passed: 0, failed: 0, skipped: 0 };
for (const suite of suites) {
  if (!existsSync(suite.file)) {
    console.log(`${suite.file}: missing, counted as 1 failure`);
    total.failed += 1;
    continue;
  }
  const counts = suite.count(JSON.parse(readFileSync(suite.file, "utf8")));
  console.log(`${suite.file}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
