// Build and type-check times: a cold turbo build (cache ignored), the cached rebuild, and tsc on a
// consumer file that uses every client (with its type instantiation count).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
// The benchmark's own package is left out: rebuilding it would rewrite the code running this.
const BUILD = ['exec', 'turbo', 'run', 'build', '--filter=!@mediajobs/bench', '--output-logs=none'];

export interface BuildResult {
  coldBuildSeconds: number;
  cachedBuildSeconds: number;
  consumerTypecheck: { seconds: number; instantiations: number; types: number; checkSeconds: number };
}

async function timed(command: string, args: string[]): Promise<[seconds: number, stdout: string]> {
  const started = performance.now();
  const { stdout } = await run(command, args, { cwd: root, env, maxBuffer: 16 << 20 });
  return [(performance.now() - started) / 1000, stdout];
}

export async function measureBuild(): Promise<BuildResult> {
  const [coldBuildSeconds] = await timed('pnpm', [...BUILD, '--force']);
  const [cachedBuildSeconds, cachedLog] = await timed('pnpm', [...BUILD, '--summarize=false']);
  if (!/FULL TURBO|cached/.test(cachedLog)) console.warn('the second build was not all cache hits:\n', cachedLog);
  const [seconds, diagnostics] = await timed('pnpm', [
    'exec',
    'tsc',
    '-p',
    'bench/consumer/tsconfig.json',
    '--extendedDiagnostics',
  ]);
  const field = (name: string) => Number(diagnostics.match(new RegExp(`${name}:\\s+([\\d.]+)`))?.[1] ?? Number.NaN);
  return {
    coldBuildSeconds: round(coldBuildSeconds),
    cachedBuildSeconds: round(cachedBuildSeconds),
    consumerTypecheck: {
      seconds: round(seconds),
      instantiations: field('Instantiations'),
      types: field('Types'),
      checkSeconds: field('Check time'),
    },
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
