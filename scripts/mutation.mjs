#!/usr/bin/env node
// `pnpm test:mutation`: Stryker (stryker/stryker.config.mjs) once per package, then the mutation score of every file
// it mutated, checked against stryker/thresholds.json. See stryker/README.md.
//
//   node scripts/mutation.mjs                      every package (core, mediajobs, cli, ledger), incremental
//   node scripts/mutation.mjs core mediajobs       those packages
//   node scripts/mutation.mjs --changed [<base>]   only the source files changed against the merge base with <base>
//                                                  (default MUTATION_BASE, else origin/main, else main); on the base
//                                                  itself, the files of the last commit
//   node scripts/mutation.mjs --critical           the security-critical files (thresholds.json "critical")
//   node scripts/mutation.mjs --files a.ts,b.ts    those files
//   --report-only                                  no Stryker: the scores of the last reports (reports/mutation/*.json)
//   --concurrency <n>                              Stryker's test runners (default 1: see below)
//
// Exit 1 when Stryker fails (its thresholds.break: the package's threshold, on a whole-package run) or when a file
// mutated in this run scores below its threshold (the files thresholds.json names; the others are reported). Prints
// the scores as a markdown table (RELIABILITY.md's).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { MUTATION_BASE, MUTATION_MAX_FILES = '8' } = process.env;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'mediajobs', 'cli', 'ledger'];
const THRESHOLDS = JSON.parse(readFileSync(path.join(ROOT, 'stryker/thresholds.json'), 'utf8'));

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  args.splice(i, 1);
  return true;
};
const option = (name) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};

const reportOnly = flag('--report-only');
const critical = flag('--critical');
// One runner by default: with two, the files are split between two processes in an order that can put an
// environment stub before a test that it breaks (isolation is off), and the initial run then fails.
const concurrency = option('--concurrency') ?? '1';
const filesOption = option('--files');
let changedBase;
if (args.includes('--changed')) {
  const i = args.indexOf('--changed');
  const next = args[i + 1];
  changedBase = next && !next.startsWith('-') && !PACKAGES.includes(next) ? next : '';
  args.splice(i, changedBase ? 2 : 1);
}
const unknown = args.filter((a) => !PACKAGES.includes(a));
if (unknown.length > 0) {
  console.error(`mutation: unknown argument(s) ${unknown.join(' ')}; packages are ${PACKAGES.join(', ')}`);
  process.exit(2);
}
const packages = args.length > 0 ? args : PACKAGES;

const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
const isSource = (file) => /^packages\/([a-z0-9-]+)\/src\/(?!generated\/).*\.ts$/.test(file) && !file.endsWith('.d.ts');
const packageOf = (file) => file.split('/')[1];

/** The files to mutate per package; undefined: the whole package. */
function selection() {
  let files;
  if (filesOption !== undefined) files = filesOption.split(',').filter(Boolean);
  else if (critical) files = THRESHOLDS.critical;
  else if (changedBase !== undefined) files = changedFiles(changedBase);
  else return new Map(packages.map((p) => [p, undefined]));
  const byPackage = new Map();
  for (const file of files) {
    if (!isSource(file) || !existsSync(path.join(ROOT, file))) continue;
    const pkg = packageOf(file);
    if (!packages.includes(pkg)) continue;
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), file]);
  }
  return byPackage;
}

function changedFiles(given) {
  const candidates = given ? [given] : [MUTATION_BASE, 'origin/main', 'main'].filter(Boolean);
  const base = candidates.find((ref) => {
    try {
      git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
      return true;
    } catch {
      return false;
    }
  });
  if (base === undefined) throw new Error(`mutation --changed: none of ${candidates.join(', ')} is a commit`);
  let from = git('merge-base', 'HEAD', base);
  // On the base itself (CI on main): what the last commit changed.
  if (from === git('rev-parse', 'HEAD')) from = git('rev-parse', 'HEAD~1');
  const committed = git('diff', '--name-only', '--diff-filter=AMR', from, 'HEAD').split('\n');
  const working = git('diff', '--name-only', '--diff-filter=AMR', 'HEAD').split('\n');
  const changed = [...new Set([...committed, ...working])].filter(isSource);
  console.log(
    `mutation: ${changed.length} source file(s) changed since ${from.slice(0, 10)} (merge base with ${base})`,
  );
  // Bounded, to fit CI's time (about 25 mutants a minute on 2 cores): the critical files first.
  const max = Number(MUTATION_MAX_FILES);
  const ordered = [
    ...changed.filter((f) => THRESHOLDS.critical.includes(f)),
    ...changed.filter((f) => !THRESHOLDS.critical.includes(f)),
  ];
  if (ordered.length > max)
    console.log(`mutation: only the first ${max} (MUTATION_MAX_FILES); not ${ordered.slice(max).join(', ')}`);
  return ordered.slice(0, max);
}

/** Per file: killed, timedOut, survived, noCoverage, score (Stryker's: detected / valid mutants). */
function scoresOf(pkg) {
  const report = path.join(ROOT, 'reports/mutation', `${pkg}.json`);
  if (!existsSync(report)) return new Map();
  const { files } = JSON.parse(readFileSync(report, 'utf8'));
  const scores = new Map();
  for (const [name, { mutants }] of Object.entries(files)) {
    const count = (status) => mutants.filter((m) => m.status === status).length;
    const row = { killed: count('Killed'), timedOut: count('Timeout'), survived: count('Survived') };
    row.noCoverage = count('NoCoverage');
    const valid = row.killed + row.timedOut + row.survived + row.noCoverage;
    row.score = valid === 0 ? 100 : (100 * (row.killed + row.timedOut)) / valid;
    row.valid = valid;
    scores.set(path.relative(ROOT, path.resolve(ROOT, name)), row);
  }
  return scores;
}

/**
 * Drops, from the package's incremental file, the earlier results of the mutants that survived (or that no test
 * reached) in the files about to be mutated, so that Stryker tests them again. Stryker decides from a result's
 * recorded coverage whether a test added since reaches it; a result recorded without coverage (Stryker before 9.6.1
 * recorded none with vitest 4.1: stryker/README.md) is reused while its code is unchanged, and the test written to
 * kill it would never be counted. A survivor runs only the tests that reach it, so this is cheap. Killed results
 * are kept: a test that still exists still kills them, and a changed one is seen by Stryker.
 */
function forgetSurvivors(pkg, files) {
  const file = path.join(ROOT, 'reports/mutation', `${pkg}.incremental.json`);
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let forgotten = 0;
  for (const [name, entry] of Object.entries(report.files)) {
    if (files !== undefined && !files.includes(path.relative(ROOT, path.resolve(ROOT, name)))) continue;
    const kept = entry.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
    forgotten += entry.mutants.length - kept.length;
    entry.mutants = kept;
  }
  writeFileSync(file, JSON.stringify(report));
  if (forgotten > 0) console.log(`mutation: ${pkg}: ${forgotten} earlier survivor(s) to be tested again`);
}

/** A file's threshold: only the files thresholds.json names fail the run; the others are reported. */
function thresholdOf(file) {
  return THRESHOLDS.files[file];
}

const wanted = selection();
if (wanted.size === 0) {
  console.log('mutation: no source file to mutate');
  process.exit(0);
}

let failed = false;
const mutated = new Map(); // package -> files mutated in this run (undefined: all)
for (const [pkg, files] of wanted) {
  mutated.set(pkg, files);
  if (reportOnly) continue;
  forgetSurvivors(pkg, files);
  const started = Date.now();
  const strykerArgs = ['stryker', 'run', 'stryker/stryker.config.mjs', '--concurrency', concurrency];
  if (files !== undefined) strykerArgs.push('--mutate', files.join(','));
  console.log(`\nmutation: ${pkg}: ${files ? files.join(', ') : 'every source file'}`);
  const run = spawnSync('npx', strykerArgs, {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      MUTATION_PACKAGE: pkg,
      // Stryker's own break: the package's threshold, on a whole-package run; the files' own are checked below.
      MUTATION_BREAK: files === undefined ? String(THRESHOLDS.packages[pkg] ?? 80) : '',
    },
  });
  console.log(`mutation: ${pkg}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) {
    console.error(`mutation: Stryker failed on ${pkg} (exit ${run.status})`);
    failed = true;
  }
}

console.log('\n| file | mutants | killed | timed out | survived | no coverage | score | threshold |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [pkg, files] of mutated) {
  const scores = scoresOf(pkg);
  const total = { killed: 0, timedOut: 0, survived: 0, noCoverage: 0, valid: 0 };
  for (const [file, row] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    if (files !== undefined && !files.includes(file)) continue;
    for (const k of Object.keys(total)) total[k] += row[k];
    const threshold = thresholdOf(file);
    const below = threshold !== undefined && row.score < threshold;
    if (below) failed = true;
    console.log(
      `| ${file} | ${row.valid} | ${row.killed} | ${row.timedOut} | ${row.survived} | ${row.noCoverage} | ${row.score.toFixed(1)}%${below ? ' **below**' : ''} | ${threshold === undefined ? '-' : `${threshold}%`} |`,
    );
  }
  if (files === undefined && total.valid > 0) {
    const score = (100 * (total.killed + total.timedOut)) / total.valid;
    const threshold = THRESHOLDS.packages[pkg] ?? 80;
    if (score < threshold) failed = true;
    console.log(
      `| **${pkg}** | ${total.valid} | ${total.killed} | ${total.timedOut} | ${total.survived} | ${total.noCoverage} | **${score.toFixed(1)}%** | ${threshold}% |`,
    );
  }
}
if (failed) {
  console.error('\nmutation: a score is below its threshold, or Stryker failed (stryker/README.md says what to do)');
  process.exit(1);
}
