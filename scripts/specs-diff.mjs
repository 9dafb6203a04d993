#!/usr/bin/env node
// pnpm specs:diff [--base <git ref>] [--no-changeset]
// Compares each spec in specs/ with its version at <base> (default HEAD), prints what changed per
// API with its semver level, and adds one changeset per affected package:
// .changeset/specs-<pkg>-<hash>.md, named by a hash of its text. Pending changesets are never
// rewritten, lowered or deleted: changesets releases each package at the highest level across all
// its files, so an earlier breaking change stays major whatever a later edit adds. Running again on
// the same edit finds its file already there; after a further uncommitted edit of the same spec, the
// earlier run's file goes only if git does not track it and the new file has its level and every
// one of its lines (scripts/lib/changeset-files.mjs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { GENERATED_NAME, releaseLevels, supersedes } from './lib/changeset-files.mjs';
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
    changesets: [...changesets.values()].map(({ pkg, specs: parts }) => {
      const text = changesetText(pkg.name, parts);
      return { file: changesetFile(pkg.dir, text), pkg, level: levelOf(parts.flatMap((s) => s.changes)), text };
    }),
  };
}

/** `specs-<dir>-<hash>.md`: the same change always gets the same name, a different one another. */
export function changesetFile(dir, text) {
  return `specs-${dir}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.md`;
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

function printReport(specs, log) {
  for (const spec of specs) {
    if (spec.changes.length === 0) {
      log(`${spec.file}: no changes`);
      continue;
    }
    log(
      `${spec.file}: ${spec.level} (${spec.changes.length} change${spec.changes.length === 1 ? '' : 's'}) -> ${spec.pkg?.name ?? 'no package'}`,
    );
    for (const change of spec.changes) log(`  [${change.level}] ${change.where}: ${change.what}`);
  }
}

/**
 * The files in .changeset/ that git tracks (staged or committed), or undefined when git cannot say:
 * then every file counts as tracked and none is removed.
 */
export function trackedChangesets(root) {
  try {
    const list = (args) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const names = list(['ls-files', '--', '.changeset']).split('\n');
    try {
      names.push(...list(['ls-tree', '--name-only', 'HEAD', '.changeset/']).split('\n'));
    } catch {
      // No commit yet: the index is all there is.
    }
    return new Set(names.filter((n) => n.startsWith('.changeset/')).map((n) => n.slice('.changeset/'.length)));
  } catch {
    return undefined;
  }
}

/**
 * Adds each changeset to `changesetDir` unless a file of that name (the same change) is there.
 * Removes only an untracked file of specs:diff's own naming that a new changeset supersedes (same
 * package, its level or higher, every line). Never touches any other file.
 * @returns {{ file: string, action: 'wrote' | 'unchanged' | 'kept-edited' | 'removed' | 'left' }[]}
 */
export function writeChangesets({ changesetDir, changesets, tracked }) {
  const actions = [];
  const current = new Set(changesets.map((c) => c.file));
  for (const changeset of changesets) {
    const path = join(changesetDir, changeset.file);
    if (!existsSync(path)) {
      writeFileSync(path, changeset.text);
      actions.push({ file: changeset.file, action: 'wrote', level: changeset.level });
    } else if (readFileSync(path, 'utf8') === changeset.text) {
      actions.push({ file: changeset.file, action: 'unchanged', level: changeset.level });
    } else {
      // Same change, text edited by hand since: the edit stands.
      actions.push({ file: changeset.file, action: 'kept-edited', level: changeset.level });
    }
  }
  for (const file of readdirSync(changesetDir).sort()) {
    if (current.has(file) || !GENERATED_NAME.test(file)) continue;
    if (tracked === undefined || tracked.has(file)) continue;
    const earlier = readFileSync(join(changesetDir, file), 'utf8');
    if (changesets.some((c) => supersedes(c.text, earlier))) {
      rmSync(join(changesetDir, file));
      actions.push({ file, action: 'removed' });
    } else {
      actions.push({ file, action: 'left' });
    }
  }
  return actions;
}

/** The whole command, on the repository at `root`. */
export function runSpecsDiff({ root, base = 'HEAD', changeset = true, log = console.log }) {
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
  const report = specReport({ specsDir: join(root, 'specs'), packagesDir: join(root, 'packages'), readBase });
  log(`Spec changes since ${base}:`);
  printReport(report.specs, log);
  if (!changeset) return { ...report, actions: [] };
  const changesetDir = join(root, '.changeset');
  const actions = writeChangesets({ changesetDir, changesets: report.changesets, tracked: trackedChangesets(root) });
  for (const { file, action, level } of actions) {
    if (action === 'wrote') log(`wrote .changeset/${file} (${level})`);
    if (action === 'unchanged') log(`.changeset/${file} (${level}) is already there`);
    if (action === 'kept-edited') log(`.changeset/${file} is already there, edited by hand: left as it is`);
    if (action === 'removed') log(`removed .changeset/${file}: an earlier run's file, untracked, all in the new one`);
    if (action === 'left')
      log(
        `left .changeset/${file} alone: an earlier run's untracked file with changes or a level the new diff lacks; delete it if those changes are gone`,
      );
  }
  // What the release will do: the highest level across every pending file of each package.
  const pending = readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const texts = new Map(pending.map((f) => [f, readFileSync(join(changesetDir, f), 'utf8')]));
  const levels = releaseLevels(texts.values());
  for (const { pkg } of report.changesets) {
    const files = pending.filter((f) => releaseLevels([texts.get(f)]).has(pkg.name));
    log(`${pkg.name} will be released as ${levels.get(pkg.name)} (pending: ${files.join(', ')})`);
  }
  return { ...report, actions };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const base = args.includes('--base') ? args[args.indexOf('--base') + 1] : 'HEAD';
  runSpecsDiff({ root, base, changeset: !args.includes('--no-changeset') });
}
