#!/usr/bin/env node
/*
 * Sums the results of every suite ./scripts/test ran and prints the closing
 * line `N passed, N failed`. Each suite leaves one file in the results folder:
 *   <suite>.check.json  {"name", "passed": true|false}   (type check, lint, ...)
 *   <suite>-<part>.check.json  several checks of one suite (build of each package)
 *   <suite>.jest.json   Jest's --json output
 *   <suite>.playwright.json  Playwright's JSON reporter output
 * A suite that should have left a file but did not counts as one failure.
 */
const fs = require('node:fs');
const path = require('node:path');

function count(file) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (file.endsWith('.check.json')) {
    return { passed: data.passed ? 1 : 0, failed: data.passed ? 0 : 1 };
  }
  if (file.endsWith('.jest.json')) {
    // A suite that fails to load (syntax error, missing module) has no tests
    // but must still fail the run.
    const brokenSuites = data.numRuntimeErrorTestSuites ?? 0;
    return {
      passed: data.numPassedTests,
      failed: data.numFailedTests + brokenSuites,
    };
  }
  if (file.endsWith('.playwright.json')) {
    const { expected = 0, unexpected = 0, flaky = 0 } = data.stats ?? {};
    const loadErrors = (data.errors ?? []).length;
    return { passed: expected + flaky, failed: unexpected + loadErrors };
  }
  throw new Error(`unknown result file ${file}`);
}

const [resultsDir, ...expectedSuites] = process.argv.slice(2);
let passed = 0;
let failed = 0;
const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : [];
for (const suite of expectedSuites) {
  const suiteFiles = files.filter(
    f =>
      f.endsWith('.json') &&
      (f.startsWith(`${suite}.`) || f.startsWith(`${suite}-`)),
  );
  const result = { passed: 0, failed: 0 };
  if (suiteFiles.length === 0) {
    result.failed = 1;
    console.log(`${suite}: it left no results`);
  }
  for (const file of suiteFiles) {
    try {
      const counted = count(path.join(resultsDir, file));
      result.passed += counted.passed;
      result.failed += counted.failed;
    } catch (error) {
      result.failed += 1;
      console.log(`${suite}: could not read ${file} (${error.message})`);
    }
  }
  console.log(`${suite}: ${result.passed} passed, ${result.failed} failed`);
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
