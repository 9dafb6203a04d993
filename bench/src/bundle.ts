// Bundle sizes from size-limit (esbuild, browser platform, minified, gzipped), using the same
// .size-limit.json that CI checks, so the table and the budgets never disagree.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL('..', import.meta.url));

export interface BundleEntry {
  name: string;
  gzipBytes: number;
  limitBytes?: number;
  passed: boolean;
}

export async function measureBundles(): Promise<BundleEntry[]> {
  // size-limit exits non-zero when a budget is exceeded; the JSON still says which.
  const { stdout } = await run('pnpm', ['exec', 'size-limit', '--json'], { cwd: benchDir }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }),
  );
  const entries = JSON.parse(stdout) as { name: string; size: number; sizeLimit?: number; passed: boolean }[];
  return entries.map(({ name, size, sizeLimit, passed }) => ({ name, gzipBytes: size, limitBytes: sizeLimit, passed }));
}
