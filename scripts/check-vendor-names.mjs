#!/usr/bin/env node
// Fails when a source file outside the vendor packages spells three or more vendor names in its code.
//
// Knowledge of a vendor belongs in its package (and its test fake); everything else derives from two
// registries, the facade's (packages/mediajobs/src/vendors.ts) and the testing package's fakes
// (packages/testing/src/fakes/index.ts), the only files allowed to name them all. A file that names
// three vendors is a list of vendors written out by hand, which the next vendor would have to find.
//
// The vendors are the packages with a src/vendor.ts (their folder names). Comments are not counted
// (prose may name vendors); strings and identifiers are, case-insensitively, as whole words.
// Usage: node scripts/check-vendor-names.mjs [root] [--list]   (--list prints every file's count)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
  process.argv.slice(2).find((arg) => !arg.startsWith('--')) ??
    path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
);
const LIMIT = 3;
const ALLOWED = new Set(['packages/mediajobs/src/vendors.ts', 'packages/testing/src/fakes/index.ts']);

const packages = readdirSync(path.join(ROOT, 'packages'));
const vendors = packages.filter((name) => existsSync(path.join(ROOT, 'packages', name, 'src', 'vendor.ts')));
const others = packages.filter((name) => !vendors.includes(name));

function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' || entry === 'generated' ? [] : tsFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [full] : [];
  });
}

/** The text without its comments (a string holding `//`, as in a URL, is kept). */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const names = new RegExp(`\\b(${vendors.join('|')})\\b`, 'gi');
const files = [...others.map((name) => path.join(ROOT, 'packages', name, 'src')), path.join(ROOT, 'test-support')]
  .flatMap(tsFiles)
  .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
const counts = files.map((file) => {
  const found = new Set(
    (code(readFileSync(path.join(ROOT, file), 'utf8')).match(names) ?? []).map((n) => n.toLowerCase()),
  );
  return { file, found: [...found].sort() };
});

if (vendors.length < LIMIT) {
  console.error(
    `check-vendor-names: found only ${vendors.length} vendor packages (${vendors.join(', ')}); expected more`,
  );
  process.exit(1);
}
const listing = process.argv.includes('--list');
const offenders = counts.filter(({ file, found }) => found.length >= LIMIT && !ALLOWED.has(file));
for (const { file, found } of counts) {
  if (listing && found.length > 0) console.log(`${found.length} ${file} (${found.join(', ')})`);
}
const spelled = counts.filter(({ found }) => found.length >= LIMIT).length;
if (offenders.length > 0) {
  console.error(
    `${offenders.length} source file(s) outside the vendor packages spell ${LIMIT} or more vendor names; derive them from the registry (packages/mediajobs/src/vendors.ts, or the testing fakes) instead:`,
  );
  for (const { file, found } of offenders) console.error(`  ${file}: ${found.join(', ')}`);
  process.exit(1);
}
console.log(
  `vendor names: ${spelled} of ${files.length} source files outside the ${vendors.length} vendor packages spell ${LIMIT} or more (allowed: ${[...ALLOWED].join(', ')})`,
);
