// @ts-check
// Mutation testing (issue 28): `pnpm test:mutation` (scripts/mutation.mjs) runs Stryker once per package,
// MUTATION_PACKAGE naming it; see stryker/README.md.
const { MUTATION_PACKAGE: pkg = 'core', MUTATION_BREAK } = process.env;
// The package's threshold on a whole-package run (scripts/mutation.mjs sets it; empty: none, the script checks files).
const breakAt = MUTATION_BREAK === '' ? null : Number(MUTATION_BREAK ?? 80);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Named by path: under pnpm, Stryker does not find the plugin by its package name from its own folder.
  plugins: ['./node_modules/@stryker-mutator/vitest-runner/dist/src/index.js'],
  vitest: { configFile: 'stryker/vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // A static mutant (in code run once, at import: a constant, a regex, a table) can be tested only by reloading every
  // module and running every test: about 4 minutes each here. They are left out, reported as "Ignored".
  ignoreStatic: true,
  mutate: [`packages/${pkg}/src/**/*.ts`, `!packages/${pkg}/src/generated/**`],
  concurrency: 1, // scripts/mutation.mjs says why
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: `reports/mutation/${pkg}.incremental.json`,
  reporters: ['progress', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${pkg}.json` },
  htmlReporter: { fileName: `reports/mutation/${pkg}.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: breakAt },
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    'bench',
    '.ci/.tools',
    '.prism-logs',
    '.contract',
    '.typedoc',
    '.profiles',
    '.demo',
    'coverage',
    'reports',
    '**/.turbo',
  ],
  disableTypeChecks: false,
  cleanTempDir: true,
};
