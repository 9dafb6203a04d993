#!/usr/bin/env node
// A new user's first hour, automated: every public package packed with pnpm (as `pnpm publish`
// packs it), the tarballs installed with plain npm into an empty project, then an ESM, a CJS and a
// TypeScript example (no DOM lib, @types/node, skipLibCheck off: the published .d.ts files must
// compile there) run against @mediajobs/testing's mocks, and the installed CLI run with --mock.
// The examples are scripts/consumer/. Then @mediajobs/testing's README example, copied verbatim out
// of its README, run by vitest (the repository's version) with vitest's defaults, no config: each
// test must pass within half of vitest's default 5 s test timeout.
// Needs the packages built (`pnpm build`) and the npm registry.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv, packPackages } from './lib/pack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'mediajobs-consumer-'));
const packs = join(work, 'packs');
const app = join(work, 'app');
/** vitest's default test timeout, which the README example must pass well inside of. */
const VITEST_DEFAULT_TIMEOUT_MS = 5_000;

/** The README's code block that follows the first mention of `file` (as `file`). */
function readmeBlock(readme, file) {
  const at = readme.indexOf(`\`${file}\``);
  const block = at === -1 ? null : /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`packages/testing/README.md: no ts block after \`${file}\``);
  return block[1];
}

const run = (command, args, cwd) => {
  const started = performance.now();
  execFileSync(command, args, { cwd, env: npmEnv({ withLedger: true }), stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`  ${command} ${args.join(' ').slice(0, 90)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
};

try {
  const { names, tarballs } = packPackages(root, packs);
  console.log(`packed ${names.join(', ')}`);

  cpSync(join(root, 'scripts', 'consumer'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "private": true }\n');
  // The same TypeScript and @types/node as the repository, from its lockfile's pins.
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const typescript = `typescript@${rootPkg.devDependencies.typescript}`;
  const typesNode = `@types/node@${rootPkg.devDependencies['@types/node']}`;
  const vitest = `vitest@${rootPkg.devDependencies.vitest}`;
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, typescript, typesNode, vitest],
    app,
  );

  run(process.execPath, ['esm.mjs'], app);
  run(process.execPath, ['cjs.cjs'], app);
  run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app);
  run(process.execPath, [join('out', 'typed.mjs')], app);
  run(
    process.execPath,
    [join(app, 'node_modules', '.bin', 'mediajobs'), 'delete', '--mock', 'tavus', '8a4f94e736'],
    app,
  );
  runReadmeExample(app);
  console.log('consumer test: ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * @mediajobs/testing's README example, its two files copied verbatim out of the README into a folder
 * of their own, run by the installed vitest with no config: vitest's defaults, its 5 s test timeout.
 */
function runReadmeExample(app) {
  const readme = readFileSync(join(root, 'packages', 'testing', 'README.md'), 'utf8');
  const example = join(app, 'readme-example');
  mkdirSync(example);
  for (const file of ['delete-user-jobs.ts', 'delete-user-jobs.test.ts']) {
    writeFileSync(join(example, file), readmeBlock(readme, file));
  }
  const report = join(app, 'readme-example-report.json');
  const vitestBin = join(app, 'node_modules', 'vitest', 'vitest.mjs');
  const started = performance.now();
  let failed;
  try {
    execFileSync(process.execPath, [vitestBin, 'run', '--reporter=json', `--outputFile=${report}`], {
      cwd: example,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    failed = error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const tests = JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((file) => file.assertionResults);
  for (const test of tests) {
    console.log(`  README example: ${test.status} in ${Math.round(test.duration)} ms: ${test.title}`);
  }
  console.log(`  vitest run of the README example, vitest's defaults (${seconds} s)`);
  if (failed || tests.length !== 2 || tests.some((test) => test.status !== 'passed')) {
    throw new Error("@mediajobs/testing's README example failed under vitest's defaults", { cause: failed });
  }
  const slow = tests.filter((test) => test.duration > VITEST_DEFAULT_TIMEOUT_MS / 2);
  if (slow.length > 0) {
    throw new Error(
      `@mediajobs/testing's README example: ${slow.map((test) => test.title).join('; ')} took more than half of vitest's default ${VITEST_DEFAULT_TIMEOUT_MS} ms timeout`,
    );
  }
}
