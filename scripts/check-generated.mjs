#!/usr/bin/env node
// Fails when a package's src/generated/ differs from what the generator makes of the current specs:
// it snapshots the files, regenerates (turbo run generate), and compares. Generated code is never
// edited by hand; change the spec or the generator, run `pnpm generate`, and commit the result.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function snapshot() {
  const files = new Map();
  for (const name of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', name, 'src', 'generated');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir))
      files.set(relative(root, join(dir, file)), readFileSync(join(dir, file), 'utf8'));
  }
  return files;
}

const before = snapshot();
execFileSync(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'generate', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
const after = snapshot();
const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
  (file) => before.get(file) !== after.get(file),
);
if (changed.length > 0) {
  console.error(`Generated files were stale or edited by hand (now regenerated):\n  ${changed.sort().join('\n  ')}`);
  console.error('Commit the regenerated files; to change them, change the spec or the generator.');
  process.exit(1);
}
console.log(`generated types are up to date (${after.size} files)`);
