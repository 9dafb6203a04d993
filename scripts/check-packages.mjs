#!/usr/bin/env node
// Release checks on every package's built output: its LICENSE, its bin files in git, publint (strict) for package.json and its
// exports, and @arethetypeswrong/cli on the packed tarball for ESM and CJS type resolution of
// every package with exports (the libraries, and the CLI's `run`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failed = [];
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue; // never published
  // The README's install line must install this package (a copied line names its sibling).
  const install = readFileSync(join(dir, 'README.md'), 'utf8').match(/^npm install (?:-[gD] )?(\S+)$/m)?.[1];
  if (install !== pkg.name) {
    failed.push(`README packages/${name}`);
    console.log(
      `FAILED  README   packages/${name}: its install line installs ${install ?? 'nothing'}, not ${pkg.name}`,
    );
  }
  // A bin must exist before any build: installing the workspace links it, and warns for a missing file.
  for (const file of Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}))) {
    const tracked = execFileSync('git', ['ls-files', '--', file], { cwd: dir, encoding: 'utf8' }).trim();
    if (!tracked) {
      failed.push(`bin packages/${name}`);
      console.log(`FAILED  bin      packages/${name}: ${file} is not in the repository (made by a build?)`);
    }
  }
  // npm ships a package folder's LICENSE whatever `files` says; the root one is not in the tarball.
  const license = join(dir, 'LICENSE');
  if (!existsSync(license) || readFileSync(license, 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')) {
    failed.push(`LICENSE packages/${name}`);
    console.log(`FAILED  LICENSE  packages/${name}: missing, or not the root LICENSE`);
  }
  const checks = [['publint', [dir, '--strict']]];
  // attw checks the types of every package's entry points (a package without `exports` would have none).
  // `./internal` (the repo's own test helpers, not public API) is left out: it makes no promise to
  // node10-style resolution, which has no subpath exports.
  const internal = pkg.exports?.['./internal'] ? ['--exclude-entrypoints', './internal'] : [];
  if (pkg.exports) checks.push(['attw', ['--pack', dir, '--format', 'table-flipped', ...internal]]);
  for (const [tool, args] of checks) {
    try {
      execFileSync(bin(tool), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`ok      ${tool.padEnd(8)} packages/${name}`);
    } catch (error) {
      failed.push(`${tool} packages/${name}`);
      console.log(`FAILED  ${tool.padEnd(8)} packages/${name}\n${error.stdout}${error.stderr}`);
    }
  }
}
if (failed.length > 0) {
  console.error(`package checks failed: ${failed.join(', ')}`);
  process.exit(1);
}
