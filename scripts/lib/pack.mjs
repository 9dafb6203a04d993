// Packs workspace packages as `pnpm publish` packs them, into one folder, for the tests that install
// them with npm as a user would (scripts/consumer-test.mjs, scripts/cli-install-test.mjs,
// scripts/runtimes/run.mjs). Every public package, or only the folders named in `only`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Returns the packed packages' names and their tarballs' paths. */
export function packPackages(root, destination, { only } = {}) {
  mkdirSync(destination, { recursive: true });
  const names = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    if (only && !only.includes(dir)) continue;
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    if (!existsSync(join(root, 'packages', dir, 'dist'))) throw new Error(`packages/${dir} is not built: pnpm build`);
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: join(root, 'packages', dir),
      stdio: 'ignore',
    });
    names.push(pkg.name);
  }
  return { names, tarballs: readdirSync(destination).map((file) => join(destination, file)) };
}

/**
 * The environment for running npm from a pnpm script: pnpm hands its own settings to scripts as
 * `npm_config_*` variables, and npm warns about each one it does not know ("Unknown env config").
 */
export function npmEnv({ withLedger = false } = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
  // npm warns about this variable (it is the native module's, not npm's): only where the ledger is installed.
  return withLedger ? { ...env, npm_config_better_sqlite3_local_prebuilds: sqlitePrebuilds() } : env;
}

/**
 * A folder holding the workspace's own build of better-sqlite3 (the ledger's database) as the prebuilt
 * binary its install script looks for (prebuild-install's `<package>_local_prebuilds`). A user's
 * install downloads that binary from GitHub in seconds; these machines cannot reach GitHub, and
 * compiling it from source takes minutes per install, so the installs here get the same binary from
 * this folder instead. Made once per machine and Node ABI.
 */
function sqlitePrebuilds() {
  const ledger = fileURLToPath(new URL('../../packages/ledger/package.json', import.meta.url));
  const sqlite = dirname(createRequire(ledger).resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8'));
  const dir = join(tmpdir(), 'mediajobs-sqlite-prebuilds');
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  if (!existsSync(join(dir, name))) {
    mkdirSync(dir, { recursive: true });
    const draft = join(dir, `${name}.${process.pid}.tmp`);
    execFileSync('tar', ['-czf', draft, '-C', sqlite, 'build/Release/better_sqlite3.node']);
    execFileSync('mv', [draft, join(dir, name)]);
  }
  return dir;
}
