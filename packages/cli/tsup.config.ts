// The CLI's build; its dependencies stay external (installed with it). index.ts is the API
// (`import { run } from '@mediajobs/cli'`, ESM and CommonJS, with types); cli.ts is the process
// bin/mediajobs.js runs (ESM). The build script empties dist first: two configs cleaning it would race.
import { defineConfig } from 'tsup';

const common = { platform: 'node', target: 'node20', sourcemap: true } as const;

export default defineConfig([
  { ...common, entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, shims: true },
  { ...common, entry: ['src/cli.ts'], format: ['esm'] },
]);
