#!/usr/bin/env node
// pnpm specs:diff [--base <git ref>] [--no-changeset]
// Compares each spec in specs/ with its version at <base> (default HEAD), prints what changed per
// API with its semver level, and writes one changeset per affected package (.changeset/specs-<pkg>.md,
// rewritten on every run so that a long-lived update branch keeps one current changeset).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { diffSpecs, levelOf } from './lib/spec-diff.mjs';

const HEADINGS = { major: 'Breaking changes', minor: 'New', patch: 'Documentation' };

/** Which package is generated from which spec file (package.json "mediajobs.specs"). */
export function packagesBySpec(packagesDir) {
  const bySpec = new Map();
  for (const dir of readdirSync(packagesDir)) {
    const file = join(packagesDir, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    for (const spec of Object.values(pkg.mediajobs?.specs ?? {})) bySpec.set(spec, { name: pkg.name, dir });
  }
  return bySpec;
}

/**
 * The changes per spec and the changeset per package. `readBase(file)` returns a spec's text at the
 * base, or undefined when it did not exist there.
 */
export function specReport({ specsDir, packagesDir, readBase }) {
  const bySpec = packagesBySpec(packagesDir);
  const specs = [];
  for (const file of readdirSync(specsDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'sources.yaml')
    .sort()) {
    const after = parse(readFileSync(join(specsDir, file), 'utf8'));
    const baseText = readBase(file);
    const changes =
      baseText === undefined ? [{ level: 'minor', where: file, what: 'new API' }] : diffSpecs(parse(baseText), after);
    specs.push({ file, title: after.info?.title ?? file, changes, level: levelOf(changes), pkg: bySpec.get(file) });
  }
  const changesets = new Map();
  for (const spec of specs.filter((s) => s.changes.length > 0 && s.pkg)) {
    const entry = changesets.get(spec.pkg.name) ?? { pkg: spec.pkg, specs: [] };
    entry.specs.push(spec);
    changesets.set(spec.pkg.name, entry);
  }
  return {
    specs,
    changesets: [...changesets.values()].map(({ pkg, specs: parts }) => ({
      file: `specs-${pkg.dir}.md`,
      level: levelOf(parts.flatMap((s) => s.changes)),
      text: changesetText(pkg.name, parts),
    })),
  };
}

function changesetText(packageName, specs) {
  const level = levelOf(specs.flatMap((s) => s.changes));
  const lines = ['---', `"${packageName}": ${level}`, '---', ''];
  for (const spec of specs) {
    lines.push(`Regenerated from an updated vendor spec: ${spec.title} (specs/${spec.file}).`, '');
    for (const lvl of ['major', 'minor', 'patch']) {
      const these = spec.changes.filter((c) => c.level === lvl);
      if (these.length === 0) continue;
      lines.push(`${HEADINGS[lvl]}:`, ...these.map((c) => `- ${c.where}: ${c.what}`), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function printReport(specs) {
  for (const spec of specs) {
    if (spec.changes.length === 0) {
      console.log(`${spec.file}: no changes`);
      continue;
    }
    console.log(
      `${spec.file}: ${spec.level} (${spec.changes.length} change${spec.changes.length === 1 ? '' : 's'}) -> ${spec.pkg?.name ?? 'no package'}`,
    );
    for (const change of spec.changes) console.log(`  [${change.level}] ${change.where}: ${change.what}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const base = args.includes('--base') ? args[args.indexOf('--base') + 1] : 'HEAD';
  const readBase = (file) => {
    try {
      return execFileSync('git', ['show', `${base}:specs/${file}`], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return undefined;
    }
  };
  const { specs, changesets } = specReport({
    specsDir: join(root, 'specs'),
    packagesDir: join(root, 'packages'),
    readBase,
  });
  console.log(`Spec changes since ${base}:`);
  printReport(specs);
  if (!args.includes('--no-changeset')) {
    const changesetDir = join(root, '.changeset');
    for (const spec of specs) {
      const stale = spec.pkg && join(changesetDir, `specs-${spec.pkg.dir}.md`);
      if (stale && !changesets.some((c) => c.file === basename(stale))) rmSync(stale, { force: true });
    }
    for (const changeset of changesets) {
      writeFileSync(join(changesetDir, changeset.file), changeset.text);
      console.log(`wrote .changeset/${changeset.file} (${changeset.level})`);
    }
  }
}
