#!/usr/bin/env node
// The runtime matrix (`pnpm runtimes`, part of `pnpm test`): one user's erasure script
// (app/consumer.mjs), from the packed tarballs installed with npm, run under this machine's Node,
// Node 20.19 (the engines floor), 22 and 24, Bun, Deno with network permission only, workerd through
// miniflare (an esbuild bundle, no nodejs_compat) and Vercel's edge-runtime, each against a fresh
// fault server (@mediajobs/testing, on 127.0.0.1) that this process holds: the script asserts its
// outcomes, and this compares the server's ledger with what the script says it deleted. The CLI (a
// delete with receipts) and @mediajobs/testing (mocks and fault server started inside the runtime)
// run under Node 20.19, 22, 24 and Bun too.
// Runtimes are pinned in install.mjs and cached (MEDIAJOBS_RUNTIMES_CACHE, else
// ~/.cache/mediajobs-runtimes). Needs the packages built and the npm registry. Prints a table of
// runtime, version, seconds and result; exits 1 on any failure.
// Options: --only=<row id>[,...] runs those rows; --keep leaves the temporary folder.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { npmEnv, packPackages } from '../lib/pack.mjs';
import { CACHE, ESBUILD, ensureRuntime, PINS, pruneCache } from './install.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const keep = args.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'mediajobs-runtimes-'));
const app = join(work, 'app');
const RUN_TIMEOUT_MS = 180_000;
const KEY = 'rt-key-0123456789';
const NOW = Date.UTC(2026, 5, 1);
const CUTOFF = NOW - 30 * 86_400_000;
const started = performance.now();
const seconds = (from) => ((performance.now() - from) / 1000).toFixed(1);

/** Runs a command to its end; resolves to its exit code and output, never rejects. */
function spawn(command, commandArgs, options = {}) {
  return new Promise((resolve) => {
    execFile(
      command,
      commandArgs,
      { cwd: app, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH }, ...options },
      (error, stdout, stderr) =>
        resolve({ code: error ? (error.code ?? 1) : 0, signal: error?.signal, stdout, stderr }),
    );
  });
}

/** The `RESULT {...}` line a run printed, or an error with its output. */
function resultOf(run) {
  const line = run.stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (run.code !== 0 || !line) {
    const output = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${line ? '' : ', no RESULT line'}\n${output}`,
    );
  }
  return JSON.parse(line.slice('RESULT '.length));
}

/** esbuild, from the app's install (its native binary); returns the output's size, plain and gzipped. */
function bundle(entry, outfile, extra = []) {
  execFileSync(
    join(app, 'node_modules', '.bin', 'esbuild'),
    [entry, '--bundle', '--minify', `--outfile=${outfile}`, '--log-level=warning', ...extra],
    { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = readFileSync(outfile);
  // No Node built-in may reach a worker: workerd runs without nodejs_compat.
  if (/\bnode:[a-z_]/.test(code.toString('utf8'))) throw new Error(`${outfile} imports a node: module`);
  return { bytes: code.length, gzip: gzipSync(code).length };
}

// ---- Preparing: packs and the app install, while the runtimes install (or are found in the cache).
const wanted = (id) => !only || only.some((prefix) => id.startsWith(prefix));
// A row names its runtime (cli-bun, testing-node22); workerd runs miniflare under Node 22.
const runtimeNames = Object.keys(PINS).filter(
  (name) =>
    !only ||
    only.some((row) => row.includes(name) || name.startsWith(row)) ||
    (['node22', 'miniflare'].includes(name) && only.some((row) => 'workerd'.startsWith(row))),
);
const pruned = only ? [] : pruneCache();
if (pruned.length > 0) console.log(`removed from ${CACHE}: ${pruned.join(', ')} (no longer pinned)`);
const installing = Promise.all(
  runtimeNames.map(async (name) => {
    const from = performance.now();
    const runtime = await ensureRuntime(name);
    return [name, { ...runtime, seconds: seconds(from) }];
  }),
).then((entries) => Object.fromEntries(entries));
installing.catch(() => {}); // awaited below; a failure here must not end the process first

const rows = [];
let failed = false;
let fault;
try {
  const packStart = performance.now();
  const { tarballs } = packPackages(root, join(work, 'packs'));
  cpSync(join(here, 'app'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{ "name": "runtime-consumer", "private": true, "type": "module" }\n');
  await spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ESBUILD], {
    env: npmEnv(),
  }).then((run) => {
    if (run.code !== 0) throw new Error(`npm install in the app failed:\n${run.stderr}`);
  });
  console.log(`packed and installed ${tarballs.length} tarballs and ${ESBUILD} in ${seconds(packStart)} s`);

  // The worker and the edge function are bundled minified, with class names renamed as most bundlers
  // do by default (no --keep-names): the errors name themselves, and the checks read `error.name`. The
  // facade alone is measured too (the README's figure for edge deployments).
  const browser = ['--platform=browser'];
  const worker = bundle('worker.mjs', join(app, 'out', 'worker.js'), ['--format=esm', ...browser]);
  const edge = bundle('edge.mjs', join(app, 'out', 'edge.js'), ['--format=iife', ...browser]);
  writeFileSync(join(app, 'facade.mjs'), "export { createMediaJobs } from 'mediajobs';\n");
  const facade = bundle('facade.mjs', join(app, 'out', 'facade.js'), ['--format=esm', ...browser]);
  const kb = ({ bytes, gzip }) => `${(bytes / 1000).toFixed(1)} kB (${(gzip / 1000).toFixed(1)} kB gzip)`;
  console.log(`bundles (minified): createMediaJobs ${kb(facade)}, worker ${kb(worker)}, edge function ${kb(edge)}`);

  const installStart = performance.now();
  const runtimes = await installing;
  console.log(
    `runtimes in ${CACHE}: ${Object.entries(runtimes)
      .map(([name, runtime]) => `${name} ${runtime.installed ? `installed in ${runtime.seconds} s` : 'cached'}`)
      .join(', ')} (waited ${seconds(installStart)} s more)`,
  );

  const { seedJobs, startFaultServer } = await import(
    pathToFileURL(join(app, 'node_modules', '@mediajobs', 'testing', 'dist', 'index.js')).href
  );
  const jobs = seedJobs({ count: 24, now: NOW, seed: 3 });
  const before = (provider) =>
    jobs
      .filter((job) => job.provider === provider && job.createdAtMs < CUTOFF)
      .map((job) => job.id)
      .sort();
  const plan = { cutoff: new Date(CUTOFF).toISOString(), a2eBefore: before('a2e'), bifrostBefore: before('bifrost') };
  if (plan.a2eBefore.length === 0 || plan.bifrostBefore.length === 0) throw new Error('the seed lists nothing to find');
  const keys = { tensorslab: KEY, tavus: KEY, bifrost: KEY, a2e: KEY };

  /**
   * One row: a fresh fault server, the run, then what the server really deleted against what the run
   * says it deleted (or `expectDeleted`). `serve: false` for a run that starts its own servers.
   */
  const row = async (id, runtimeLabel, version, run, { expectDeleted, serve = true } = {}) => {
    if (!wanted(id)) return;
    if (serve) fault = await startFaultServer({ jobs, apiKey: KEY });
    const from = performance.now();
    let result = 'ok';
    try {
      const { checks, deleted } = await run(fault?.url);
      let tally = '';
      if (serve) {
        const ledger = [...fault.deleted()].sort();
        const want = [...(expectDeleted ?? deleted)].sort();
        if (ledger.join() !== want.join()) {
          throw new Error(`the server deleted ${JSON.stringify(ledger)}, the run says ${JSON.stringify(want)}`);
        }
        tally = `, ${ledger.length} deleted`;
      }
      result = `ok, ${checks.length} checks${tally}`;
    } catch (error) {
      failed = true;
      result = 'FAILED';
      console.error(`\n${id} (${runtimeLabel} ${version}) failed: ${error.message}\n`);
    } finally {
      await fault?.stop();
      fault = undefined;
    }
    rows.push({ id, runtime: runtimeLabel, version, seconds: seconds(from), result });
    console.log(`  ${id}: ${result} (${rows.at(-1).seconds} s)`);
  };
  const input = (url) => JSON.stringify({ url, keys, plan });
  const script =
    (binary, before = []) =>
    async (url) =>
      resultOf(await spawn(binary, [...before, 'main.mjs', input(url)]));

  const labels = { node20: 'Node 20 (engines floor)', node22: 'Node 22', node24: 'Node 24', bun: 'Bun' };
  await row('node-machine', 'Node (this machine)', process.version.slice(1), script(process.execPath));
  for (const name of ['node20', 'node22', 'node24', 'bun']) {
    if (runtimes[name]) await row(name, labels[name], PINS[name].version, script(runtimes[name].binary));
  }
  if (runtimes.deno) {
    // Network permission only, to the loopback address: no env, read or write permission, no prompt.
    const deno = runtimes.deno.binary;
    const denoEnv = { PATH: process.env.PATH, DENO_DIR: join(runtimes.deno.dir, 'deno-dir'), NO_COLOR: '1' };
    await row('deno', 'Deno, --allow-net only', PINS.deno.version, async (url) => {
      const flags = ['run', '--no-prompt', '--no-lock', '--allow-net=127.0.0.1'];
      const result = resultOf(await spawn(deno, [...flags, 'main.mjs', input(url)], { env: denoEnv }));
      const granted = Object.entries(result.permissions ?? {}).filter(([, state]) => state === 'granted');
      if (!result.permissions || granted.length > 0) {
        throw new Error(`expected no permission but net, got ${JSON.stringify(result.permissions)}`);
      }
      return result;
    });
  }
  if (runtimes.miniflare && runtimes.node22) {
    await row('workerd', 'workerd (miniflare)', PINS.miniflare.version, async (url) =>
      resultOf(
        await spawn(runtimes.node22.binary, [
          join(here, 'workerd.mjs'),
          runtimes.miniflare.dir,
          join(app, 'out', 'worker.js'),
          input(url),
        ]),
      ),
    );
  }
  if (runtimes['edge-runtime']) {
    await row('edge-runtime', 'edge-runtime', PINS['edge-runtime'].version, async (url) =>
      resultOf(
        await spawn(process.execPath, [
          join(here, 'edge.mjs'),
          runtimes['edge-runtime'].dir,
          join(app, 'out', 'edge.js'),
          input(url),
        ]),
      ),
    );
  }

  // The CLI and @mediajobs/testing where a Node-like runtime runs them.
  const cliBin = join(app, 'node_modules', '@mediajobs', 'cli', 'bin', 'mediajobs.js');
  const cliRefs = [
    { provider: 'tensorslab', id: 'cli-ts', kind: 'video' },
    { provider: 'tavus', id: 'cli-tv' },
    { provider: 'bifrost', id: 'cli-bf:openai' },
    { provider: 'a2e', id: 'cli-a2' },
    { provider: 'tavus', id: 'gone-cli' },
  ];
  const cliExpect = ['tensorslab:cli-ts', 'tavus:cli-tv', 'bifrost:cli-bf:openai', 'a2e:cli-a2'];
  writeFileSync(join(app, 'refs.jsonl'), `${cliRefs.map((ref) => JSON.stringify(ref)).join('\n')}\n`);
  for (const name of ['node20', 'node22', 'node24', 'bun']) {
    const binary = runtimes[name]?.binary;
    if (!binary) continue;
    await row(
      `cli-${name}`,
      `${labels[name]}: mediajobs delete`,
      PINS[name].version,
      async (url) => {
        const receipts = join(app, `receipts-${name}.jsonl`);
        rmSync(receipts, { force: true });
        const env = { PATH: process.env.PATH, NO_COLOR: '1' };
        for (const provider of ['TENSORSLAB', 'TAVUS', 'BIFROST', 'A2E']) {
          env[`${provider}_API_KEY`] = KEY;
          env[`${provider}_BASE_URL`] = url;
        }
        const run = await spawn(binary, [cliBin, 'delete', '--from', 'refs.jsonl', '--receipts', receipts], { env });
        // Exit 1: some refs failed (the gone- one), the others deleted; the receipts say which.
        if (run.code !== 1) throw new Error(`exit ${run.code}, expected 1\n${run.stdout}\n${run.stderr}`);
        const lines = readFileSync(receipts, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        const got = lines.map((receipt) => `${receipt.provider}:${receipt.id}:${receipt.ok}`).sort();
        const want = cliRefs.map((ref) => `${ref.provider}:${ref.id}:${!ref.id.startsWith('gone-')}`).sort();
        if (got.join() !== want.join())
          throw new Error(`receipts ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
        return { checks: ['exit 1 for the missing job', 'one receipt per ref'], deleted: cliExpect };
      },
      { expectDeleted: cliExpect },
    );
    await row(
      `testing-${name}`,
      `${labels[name]}: @mediajobs/testing`,
      PINS[name].version,
      async () => {
        const result = resultOf(await spawn(binary, ['testing-smoke.mjs']));
        if (result.checks.length !== 2) throw new Error(`checks: ${JSON.stringify(result.checks)}`);
        return result;
      },
      { serve: false },
    );
  }
} catch (error) {
  failed = true;
  console.error(`runtimes: ${error.stack ?? error}`);
} finally {
  await fault?.stop();
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const width = (key, title) => Math.max(title.length, ...rows.map((row) => row[key].length));
const columns = [
  ['runtime', 'runtime'],
  ['version', 'version'],
  ['seconds', 'seconds'],
  ['result', 'result'],
];
const line = (cells) => `| ${cells.join(' | ')} |`;
console.log(`\n${line(columns.map(([key, title]) => title.padEnd(width(key, title))))}`);
console.log(line(columns.map(([key, title]) => '-'.repeat(width(key, title)))));
for (const row of rows) console.log(line(columns.map(([key, title]) => row[key].padEnd(width(key, title)))));
const okRows = rows.filter((row) => row.result.startsWith('ok')).length;
console.log(`\nruntimes: ${okRows} of ${rows.length} rows ok in ${seconds(started)} s`);
if (failed || rows.length === 0) process.exitCode = 1;
