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
    before.set(dir, JSON.parse(readFileSync(manifest, 'utf8')));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], {
    cwd: copy,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const named = namedInChangesets(join(root, '.changeset'));
  const problems = [];
  for (const [dir, pkg] of before) {
    const after = JSON.parse(readFileSync(join(copy, 'packages', dir, 'package.json'), 'utf8'));
    const changelog = join(copy, 'packages', dir, 'CHANGELOG.md');
    if (!named.has(pkg.name)) continue;
    if (after.version === pkg.version) problems.push(`${pkg.name} kept version ${pkg.version}`);
    if (!existsSync(changelog)) problems.push(`${pkg.name} got no CHANGELOG.md`);
    else console.log(`${pkg.name}: ${pkg.version} -> ${after.version}`);
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
