// The CLI is one ESM file, run by bin/mediajobs.js; its dependencies stay external (installed with it).
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
