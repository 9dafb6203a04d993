#!/usr/bin/env node
// Fails when a package changed without a pending changeset that names it. "Changed" means since the
// last release (the last commit that consumed changesets: `changeset version` deletes them), or
// since the first commit; a package changes through its own files or through a spec it is
// generated from. Docs and tests are excepted. CHANGESET_BASE=<ref> overrides the base.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagesBySpec } from './specs-diff.mjs';

const git = (root, args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/** The commit to compare with: CHANGESET_BASE, else the last release, else the first commit. */
function baseCommit(root) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a release check run directly, not a turbo task
  const override = process.env.CHANGESET_BASE;
  if (override) return override;
  const release = git(root, ['log', '--diff-filter=D', '--format=%H', '-1', '--', '.changeset/*.md']);
  return release || git(root, ['rev-list', '--max-parents=0', 'HEAD']).split('\n').pop();
}

/** Does this changed file change what a package ships? (Docs and tests do not.) */
export function isReleaseRelevant(file) {
  return !/(^|\/)(test|tests|__tests__)\//.test(file) && !file.endsWith('.md') && !file.endsWith('.test.ts');
}

/** Package names touched by the changed files. */
export function changedPackages(files, packagesDir) {
  const bySpec = packagesBySpec(packagesDir);
  const packageOf = (dir) => {
    const pkgFile = join(packagesDir, dir, 'package.json');
    return existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : undefined;
  };
  // Packages that ship every spec (`files` holds "specs": @mediajobs/testing's mocks) change with any.
  const shippingSpecs = readdirSync(packagesDir)
    .map(packageOf)
    .filter((pkg) => pkg && !pkg.private && pkg.files?.includes('specs'));
  const names = new Set();
  for (const file of files.filter(isReleaseRelevant)) {
    const inPackage = file.match(/^packages\/([^/]+)\//);
    const pkg = inPackage ? packageOf(inPackage[1]) : undefined;
    // A private package is never published, so it has no release to describe.
    if (pkg && !pkg.private) names.add(pkg.name);
    const spec = file.match(/^specs\/([^/]+\.yaml)$/);
    if (spec && bySpec.has(spec[1])) names.add(bySpec.get(spec[1]).name);
    if (spec && spec[1] !== 'sources.yaml') for (const shipping of shippingSpecs) names.add(shipping.name);
  }
  return names;
}

/** Package names named by the pending changesets in a .changeset folder. */
export function namedInChangesets(changesetDir) {
  const names = new Set();
  for (const file of readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const front = readFileSync(join(changesetDir, file), 'utf8').match(/^---\n([\s\S]*?)\n---/);
    for (const line of front?.[1].split('\n') ?? []) {
      const name = line.match(/^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/);
      if (name) names.add(name[1]);
    }
  }
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const base = baseCommit(root);
  const files = [
    ...git(root, ['diff', '--name-only', base]).split('\n'),
    ...git(root, ['ls-files', '--others', '--exclude-standard']).split('\n'),
  ].filter(Boolean);
  const changed = changedPackages(files, join(root, 'packages'));
  const named = namedInChangesets(join(root, '.changeset'));
  const missing = [...changed].filter((name) => !named.has(name)).sort();
  if (missing.length > 0) {
    console.error(`These packages changed since ${base.slice(0, 12)} without a changeset: ${missing.join(', ')}`);
    console.error('Run `pnpm changeset`, choose the semver level the change really is, and commit the file.');
    process.exit(1);
  }
  console.log(
    `changesets cover every changed package since ${base.slice(0, 12)} (${[...changed].sort().join(', ') || 'none'})`,
  );
}
