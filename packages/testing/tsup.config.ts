// Node-only (it starts servers). The public entry and the repo's internal one in ESM and CJS, with
// `shims` giving the CJS build an import.meta.url (it finds the shipped specs and serve.js with it);
// serve.js, the fault server's own process, is one ESM script.
import { defineConfig } from 'tsup';

const node = { platform: 'node', target: 'node20', sourcemap: true } as const;

export default defineConfig([
  { ...node, entry: ['src/index.ts', 'src/internal.ts'], format: ['esm', 'cjs'], dts: true, shims: true },
  { ...node, entry: ['src/serve.ts'], format: ['esm'] },
]);
