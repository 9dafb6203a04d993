#!/usr/bin/env node
// A dry run of `changeset version`: applies the pending changesets to a copy of the workspace's
// package manifests and checks that each named package gets a new version and a changelog entry.
// Nothing in the repository is touched.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { namedInChangesets } from './check-changesets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readManifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Packs a package with pnpm, as `pnpm publish` would, and reads the manifest from the tarball. */
function packedManifest(dir, destination) {
  mkdirSync(destination, { recursive: true });
  const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: dir,
    encoding: 'utf8',
  });
  const tarball = JSON.parse(out).filename;
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
}
const copy = mkdtempSync(join(tmpdir(), 'changeset-version-'));
try {
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset'])
    cpSync(join(root, file), join(copy, file), { recursive: true });
  const before = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    mkdirSync(join(copy, 'packages', dir), { recursive: true });
    cpSync(manifest, join(copy, 'packages', dir, 'package.json'));
    before.set(dir, readManifest(join(root, 'packages', dir)));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], {
    cwd: copy,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const named = namedInChangesets(join(root, '.changeset'));
  const problems = [];
  for (const [dir, pkg] of before) {
    const after = readManifest(join(copy, 'packages', dir));
    const changelog = join(copy, 'packages', dir, 'CHANGELOG.md');
    if (!named.has(pkg.name)) continue;
    if (after.version === pkg.version) problems.push(`${pkg.name} kept version ${pkg.version}`);
    if (!existsSync(changelog)) problems.push(`${pkg.name} got no CHANGELOG.md`);
    else console.log(`${pkg.name}: ${pkg.version} -> ${after.version}`);
  }
  // The publish flow: what `pnpm pack` (and so `pnpm publish`) writes for each workspace dependency
  // must be a range that takes the version this release gives that package, not `^0.0.0`.
  const versions = new Map([...before.keys()].map((dir) => [dir, readManifest(join(copy, 'packages', dir))]));
  const byName = new Map([...versions.values()].map((pkg) => [pkg.name, pkg.version]));
  // Link each package's workspace dependencies as `pnpm install` would: pnpm pack reads their versions there.
  const dirByName = new Map([...versions].map(([dir, pkg]) => [pkg.name, dir]));
  for (const [dir, pkg] of versions) {
    for (const dependency of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
      if (!dirByName.has(dependency)) continue;
      const link = join(copy, 'packages', dir, 'node_modules', dependency);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(copy, 'packages', dirByName.get(dependency)), link, 'dir');
    }
  }
  for (const [dir, pkg] of versions) {
    if (pkg.private) continue;
    const packed = packedManifest(join(copy, 'packages', dir), join(copy, 'packs'));
    for (const [dependency, range] of Object.entries(packed.dependencies ?? {})) {
      if (!byName.has(dependency)) continue;
      const expected = `^${byName.get(dependency)}`;
      if (range !== expected)
        problems.push(`${pkg.name} ${packed.version} would publish ${dependency}@${range}, not ${expected}`);
      else console.log(`${pkg.name} ${packed.version} publishes ${dependency}@${range}`);
    }
  }
  const left = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (left.length > 0) problems.push(`changesets not consumed: ${left.join(', ')}`);
  if (problems.length > 0) {
    console.error(`changeset version dry run failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('changeset version dry run: ok');
} finally {
  rmSync(copy, { recursive: true, force: true });
}
