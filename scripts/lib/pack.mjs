// Packs workspace packages as `pnpm publish` packs them, into one folder, for the tests that install
// them with npm as a user would (scripts/consumer-test.mjs, scripts/cli-install-test.mjs,
// scripts/runtimes/run.mjs). Every public package, or only the folders named in `only`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
export function npmEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
}
