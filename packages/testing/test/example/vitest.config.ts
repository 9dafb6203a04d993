// The README's example as its reader runs it: vitest's defaults (no testTimeout, no global setup),
// with only `mediajobs` and `@mediajobs/testing` resolved to this repository's sources, as the root
// config resolves them. test/readme.test.ts runs it (a vitest of its own).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('../../..', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@mediajobs\/([a-z0-9-]+)$/, replacement: `${packagesDir}/$1/src/index.ts` },
      { find: /^mediajobs$/, replacement: `${packagesDir}/mediajobs/src/index.ts` },
    ],
  },
});
