// Error names survive minification: a bundler that renames classes (esbuild --minify without
// --keep-names, the default of most) must not turn NotFoundError into "a", since users and the
// library itself compare `error.name`.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('every error class keeps its name in a minified bundle', async () => {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const code = outputFiles[0]?.text ?? '';
  const core = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<
    string,
    unknown
  >;
  const classes = Object.entries(core).filter(([name]) => name.endsWith('Error') && name !== 'toMediaJobsError');
  expect(classes.length).toBeGreaterThanOrEqual(12);
  for (const [name, ErrorClass] of classes) {
    expect(new (ErrorClass as new (message: string) => Error)('x').name).toBe(name);
  }
});
