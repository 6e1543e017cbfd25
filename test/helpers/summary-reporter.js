// Writes jest's aggregated result to test/artifacts/jest-results.json on every run, so
// .ci/run can print its own "N passed, N failed" line while running plain `npm test`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = join(this.rootDir, 'test', 'artifacts');
    mkdirSync(dir, { recursive: true });
    const suites = results.testResults.map((suite) => ({
      file: suite.testFilePath,
      failureMessage: suite.failureMessage ?? null,
      numPassingTests: suite.numPassingTests,
      numFailingTests: suite.numFailingTests,
      numPendingTests: suite.numPendingTests,
      testExecError: suite.testExecError ? String(suite.testExecError.message ?? suite.testExecError) : null,
    }));
    const summary = {
      success: results.success,
      numPassedTests: results.numPassedTests,
      numFailedTests: results.numFailedTests,
      numPendingTests: results.numPendingTests,
      numTodoTests: results.numTodoTests,
      numFailedTestSuites: results.numFailedTestSuites,
      numRuntimeErrorTestSuites: results.numRuntimeErrorTestSuites,
      suites,
    };
    writeFileSync(join(dir, 'jest-results.json'), JSON.stringify(summary, null, 2));
  }
}
