// The vitest configuration Stryker runs (stryker/stryker.config.mjs): the root one (its aliases to the packages'
// sources, resolved from this file's copy inside Stryker's sandbox, and its global setup: Prism mocks and a
// PostgreSQL), with the suites of core, the facade, the CLI and the ledger (SQLite, and the global setup's
// PostgreSQL). A mutant runs only the tests whose coverage reaches it, so the CLI's tests that spawn the built
// command (dist/cli.js, which a mutant of src never reaches) cost only the initial run. Left out, for time
// (stryker/README.md):
// - packages/mediajobs/test/reliability.test.ts, the 2,000-ref soak (the faults it injects are each asserted by the
//   unit suites);
// - the contract tests (packages/mediajobs/test/contract.test.ts, created.test.ts), the vendors' spec examples
//   replayed through Prism;
// - the vendor packages' tests and the scripts'.
import { mergeConfig } from 'vitest/config';
import root from '../vitest.config.js';

const config = mergeConfig(root, {
  plugins: [
    {
      name: 'mediajobs:mutation-forks',
      // Stryker's runner asks for worker threads, where the CLI's tests cannot process.chdir(): forks, set after
      // Stryker's options are resolved into the config.
      configureVitest({ vitest, project }) {
        vitest.config.pool = 'forks';
        project.config.pool = 'forks';
        // One process for all the test files of a mutant's run, not one each (3 to 5 times faster here).
        vitest.config.isolate = false;
        project.config.isolate = false;
      },
    },
  ],
});
// Replaced, not merged (mergeConfig would add to the root's lists).
config.test.include = [
  'packages/core/test/**/*.test.ts',
  'packages/mediajobs/test/**/*.test.ts',
  'packages/cli/test/**/*.test.ts',
  'packages/ledger/test/**/*.test.ts',
];
// Read by the CLI's 20,000-job purge soak (packages/cli/test/purge.test.ts), which is skipped here for time.
config.test.env = { ...config.test.env, MEDIAJOBS_MUTATION: '1' };
// Without isolation, base-url.test.ts's stubs of the environment reach the next file: left out.
config.test.exclude = [
  ...(root.test?.exclude ?? []),
  'packages/mediajobs/test/{reliability,contract,created,base-url}.test.ts',
];

export default config;
