import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the packages' sources; `pnpm packages:check` checks the built output.
    alias: [
      { find: /^@mediajobs\/([a-z0-9-]+)$/, replacement: `${packagesDir}/$1/src/index.ts` },
      { find: /^@mediajobs\/testing\/internal$/, replacement: `${packagesDir}/testing/src/internal.ts` },
      { find: /^mediajobs$/, replacement: `${packagesDir}/mediajobs/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts'],
    // The @mediajobs/testing README's example: readme.test.ts runs it under vitest's defaults, as a user would.
    exclude: ['packages/testing/test/example/**', '**/node_modules/**'],
    globalSetup: ['test-support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
  },
});
