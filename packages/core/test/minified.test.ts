// Error names survive minification: a bundler that renames classes (esbuild --minify without
// --keep-names, the default of most) must not turn NotFoundError into "a", since users compare
// `error.name` (the library itself goes by each class's marker: is-instance.test.ts).
import { expect, it } from 'vitest';
import { bundledCopy } from './bundled-copy.js';

it('every error class keeps its name in a minified bundle', async () => {
  const core = await bundledCopy();
  const classes = Object.entries(core).filter(([name]) => name.endsWith('Error') && name !== 'toMediaJobsError');
  expect(classes.length).toBeGreaterThanOrEqual(12);
  for (const [name, ErrorClass] of classes) {
    expect(new (ErrorClass as new (message: string) => Error)('x').name).toBe(name);
  }
});
