#!/usr/bin/env node
// The CLI installed for real work: its tarball and its dependencies' (packed as `pnpm publish` packs
// them), and not @mediajobs/testing nor @mediajobs/ledger, installed with plain npm into an empty folder. Counts what npm
// installed (at most MAX_PACKAGES: the mocks' Prism alone is about 140), then runs the installed
// command: --version, a request to a closed port (a typed error, exit 1), and --mock, which must say
// how to get the mocks (exit 2), and erase, which must say how to get the ledger (exit 2). Needs the packages built and the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv, packPackages } from './lib/pack.mjs';

const MAX_PACKAGES = 25;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'mediajobs-cli-install-'));

/** The workspace packages the CLI needs at run time, itself included, by folder. */
function runtimeFolders() {
  const byName = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    byName.set(pkg.name, { dir, pkg });
  }
  const needed = new Set();
  const visit = (name) => {
    const entry = byName.get(name);
    if (!entry || needed.has(entry.dir)) return;
    needed.add(entry.dir);
    for (const dependency of Object.keys(entry.pkg.dependencies ?? {})) visit(dependency);
  };
  visit('@mediajobs/cli');
  return [...needed];
}

function fail(message) {
  console.error(`cli install test: ${message}`);
  process.exitCode = 1;
}

try {
  const packs = join(work, 'packs');
  const app = join(work, 'app');
  mkdirSync(app);
  const folders = runtimeFolders();
  if (folders.includes('testing')) fail('@mediajobs/testing is among the CLI dependencies');
  const { tarballs } = packPackages(root, packs, { only: folders });
  writeFileSync(join(app, 'package.json'), '{ "name": "cli-user", "private": true }\n');
  const started = performance.now();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: app,
    env: npmEnv(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const installed = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: app, env: npmEnv(), encoding: 'utf8' })
    .trim()
    .split('\n')
    .slice(1); // the project itself
  console.log(`installed ${folders.length} workspace tarballs: ${installed.length} packages in ${seconds} s`);
  if (installed.length > MAX_PACKAGES) fail(`${installed.length} packages installed, more than ${MAX_PACKAGES}`);
  if (installed.some((path) => path.includes('prism'))) fail('Prism was installed');

  const bin = join(app, 'node_modules', '.bin', 'mediajobs');
  const mediajobs = (args, env = {}) =>
    spawnSync(bin, args, { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  const version = mediajobs(['--version']);
  if (version.status !== 0 || !/^\d+\.\d+\.\d+/.test(version.stdout)) fail(`--version: ${version.stderr}`);

  const port = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
  const refused = mediajobs(['get', 'tavus', 'v1'], { TAVUS_BASE_URL: `http://127.0.0.1:${port}`, TAVUS_API_KEY: 'k' });
  if (refused.status !== 1 || !refused.stderr.includes('ConnectionError')) {
    fail(`a closed port: exit ${refused.status}, ${refused.stderr}`);
  }

  const mock = mediajobs(['get', '--mock', 'tavus', 'v1']);
  if (mock.status !== 2 || !mock.stderr.includes('npx --yes -p @mediajobs/cli -p @mediajobs/testing')) {
    fail(`--mock without @mediajobs/testing: exit ${mock.status}, ${mock.stderr}`);
  }
  const erase = mediajobs(['erase', '--subject', 'user-42', '--dry-run']);
  if (erase.status !== 2 || !erase.stderr.includes('npx --yes -p @mediajobs/cli -p @mediajobs/ledger')) {
    fail(`erase without @mediajobs/ledger: exit ${erase.status}, ${erase.stderr}`);
  }
  if (!process.exitCode) console.log('cli install test: ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}
