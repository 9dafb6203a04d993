// A copy of core as users' bundlers make it: esbuild, bundled and minified (classes renamed), loaded
// as its own module instance, for tests of what must survive both.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundledCopy(): Promise<Record<string, unknown>> {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  // A comment makes each copy's URL, and so each module instance, distinct.
  const code = `${outputFiles[0]?.text ?? ''}\n// copy ${Math.random()}`;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<
    string,
    unknown
  >;
}
