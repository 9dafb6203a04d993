#!/usr/bin/env node
// A new user's first hour, automated: every public package packed with pnpm (as `pnpm publish`
// packs it), the tarballs installed with plain npm into an empty project, then an ESM, a CJS and a
// TypeScript example (no DOM lib, @types/node, skipLibCheck off: the published .d.ts files must
// compile there) run against @mediajobs/testing's mocks, and the installed CLI run with --mock.
// The examples are scripts/consumer/. Needs the packages built (`pnpm build`) and the npm registry.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'mediajobs-consumer-'));
const packs = join(work, 'packs');
const app = join(work, 'app');
const run = (command, args, cwd) => {
  const started = performance.now();
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`  ${command} ${args.join(' ').slice(0, 90)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
};

try {
  mkdirSync(packs);
  const names = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    names.push(pkg.name);
    execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(root, 'packages', dir), stdio: 'ignore' });
  }
  console.log(`packed ${names.join(', ')}`);

  cpSync(join(root, 'scripts', 'consumer'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "private": true }\n');
  const tarballs = readdirSync(packs).map((file) => join(packs, file));
  // The same TypeScript and @types/node as the repository, from its lockfile's pins.
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const typescript = `typescript@${rootPkg.devDependencies.typescript}`;
  const typesNode = `@types/node@${rootPkg.devDependencies['@types/node']}`;
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, typescript, typesNode], app);

  run(process.execPath, ['esm.mjs'], app);
  run(process.execPath, ['cjs.cjs'], app);
  run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app);
  run(process.execPath, [join('out', 'typed.mjs')], app);
  run(
    process.execPath,
    [join(app, 'node_modules', '.bin', 'mediajobs'), 'delete', '--mock', 'tavus', '8a4f94e736'],
    app,
  );
  console.log('consumer test: ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}
