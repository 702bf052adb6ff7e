// CI allows one retry of a failed spec (TEST_RETRY in .ci/run) so that a timing hiccup on a shared,
// busy machine does not throw away a whole run. A retry must never hide anything, so this reporter
// names every spec that passed only on its retry, at the end of the run and in a file CI keeps.
import { appendFileSync } from 'node:fs';
import type { Reporter, TestCase } from 'vitest/node';

export default class RetryReporter implements Reporter {
  private readonly retried: string[] = [];

  onTestCaseResult(test: TestCase) {
    const d = test.diagnostic();
    // vitest marks a spec flaky when it was retried, whatever the end: only those that then passed.
    if (d?.flaky && test.result().state === 'passed')
      this.retried.push(`${test.module.relativeModuleId} > ${test.fullName} (retries: ${d.retryCount})`);
  }

  onTestRunEnd() {
    if (!this.retried.length) return;
    const text = `\nPassed only on a retry (${this.retried.length}):\n${this.retried.map((r) => `  - ${r}`).join('\n')}\n`;
    console.log(text);
    if (process.env.TEST_RETRY_LOG) appendFileSync(process.env.TEST_RETRY_LOG, text);
  }
}
