// pnpm soak: the reliability figures for RELIABILITY.md. A deleteMany soak with 20% faults of every
// kind against the fault server of @mediajobs/testing, audited against its ledger; a rate-limited phase; a purge
// by age of 20,000 seeded jobs through the built CLI; then deleteEach's peak RSS over growing inputs
// with an in-memory fetch (each size in its own process).
// Flags: --size=10000 (soak refs), --memory-sizes=10000,100000,1000000, --seed=7
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { seedJobs, startFaultServer } from '@mediajobs/testing';
import {
  auditPurge,
  auditSoak,
  countHoldingKey,
  PURGE_SOAK,
  purgeViolations,
  SOAK_CLIENT,
  SOAK_RATE_LIMITED,
  SOAK_SERVER,
  type SoakRef,
  soakRefs,
  soakViolations,
} from '@mediajobs/testing/internal';
import { API_KEY_VARIABLES, createMediaJobs, type JobRef, PROVIDERS, vendorOf } from 'mediajobs';

// The testing package names kinds as strings (it does not depend on the facade); the facade checks them.
const asRefs = (refs: readonly SoakRef[]) => refs as readonly JobRef[];

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    'memory-sizes': { type: 'string', default: '10000,100000,1000000' },
    seed: { type: 'string', default: '7' },
  },
});
// The canary: echoed back by the server's echoKey faults; its echoes differ by encoding.
const KEY = 'sk/soak+canary"0000';

const server = await startFaultServer({ ...SOAK_SERVER, seed: Number(values.seed), apiKey: KEY });
const vendor = { apiKey: KEY, baseUrl: server.url };
const jobs = createMediaJobs({ tensorslab: vendor, tavus: vendor, bifrost: vendor, a2e: vendor, ...SOAK_CLIENT });
const refs = soakRefs(Number(values.size));
const started = performance.now();
const outcomes = await jobs.deleteMany(asRefs(refs));
const seconds = (performance.now() - started) / 1000;
const audit = auditSoak(refs, outcomes, server.ledger);
// Status reads under the same faults: the echoes reach jobs and their errors too.
const reads = await Promise.all(
  asRefs(refs.slice(0, 1_000)).map((ref) => jobs.get(ref).catch((error: unknown) => error)),
);
const keyInOutcomes = countHoldingKey([...outcomes, ...reads], KEY);
await server.stop();
const violations = soakViolations(audit);
console.log(`soak: ${refs.length} refs, 20% faults, seed ${values.seed}, ${seconds.toFixed(1)} s`);
console.log(JSON.stringify(audit, null, 2));
console.log(`values holding the key (outcomes and 1,000 reads): ${keyInOutcomes}`);
console.log(violations.length ? `VIOLATIONS: ${violations.join(', ')}` : 'all accounting checks hold');

// The rate-limited phase: every vendor allows 300 requests/s; the adaptive rate on.
const limited = await startFaultServer({ ...SOAK_RATE_LIMITED.server, seed: Number(values.seed) });
const limitedVendor = { apiKey: KEY, baseUrl: limited.url };
const governed = createMediaJobs({
  tensorslab: limitedVendor,
  tavus: limitedVendor,
  bifrost: limitedVendor,
  a2e: limitedVendor,
  ...SOAK_RATE_LIMITED.client,
});
const limitedRefs = soakRefs(Math.min(Number(values.size), 5_000));
const limitedStarted = performance.now();
const limitedOutcomes = await governed.deleteMany(asRefs(limitedRefs), { concurrency: 16 });
const rateLimited = {
  seconds: (performance.now() - limitedStarted) / 1000,
  audit: auditSoak(limitedRefs, limitedOutcomes, limited.ledger),
  throttled: Object.fromEntries(limited.ledger.throttled),
};
await limited.stop();
const limitedViolations = soakViolations(rateLimited.audit);
console.log(
  `rate-limited phase: ${limitedRefs.length} refs, 100 requests/s per vendor, 10% other faults (no stalls), ${rateLimited.seconds.toFixed(1)} s`,
);
console.log(JSON.stringify({ ...rateLimited.audit, throttled: rateLimited.throttled }, null, 2));
console.log(limitedViolations.length ? `VIOLATIONS: ${limitedViolations.join(', ')}` : 'all accounting checks hold');

const run = promisify(execFile);

// Purge by age: the built CLI (its binary, not its sources) against seeded jobs of many ages.
const now = Date.now();
const seeded = seedJobs({ count: PURGE_SOAK.jobs, now, seed: Number(values.seed), kinds: PURGE_SOAK.kinds });
const purgeServer = await startFaultServer({
  ...PURGE_SOAK.server,
  jobs: seeded,
  seed: Number(values.seed),
  apiKey: KEY,
});
const purgeDir = mkdtempSync(join(tmpdir(), 'mediajobs-purge-soak-'));
const cli = fileURLToPath(new URL('../../packages/cli/dist/cli.js', import.meta.url));
const purgeEnv: Record<string, string> = { PATH: process.env.PATH ?? '' };
for (const provider of PROVIDERS) {
  purgeEnv[`${provider.toUpperCase()}_BASE_URL`] = purgeServer.url;
  purgeEnv[API_KEY_VARIABLES[provider]] = KEY;
}
// The gateway's log routes take the admin credential (here the same key, sent as a Bearer session token).
purgeEnv.BIFROST_ADMIN_AUTH = KEY;
const purgeStarted = performance.now();
const purgeRun = await run(
  process.execPath,
  [cli, 'purge', '--older-than', '30d', '--upstream', 'openai', '--yes', ...PURGE_SOAK.flags],
  { cwd: purgeDir, env: purgeEnv, maxBuffer: 64 * 1024 * 1024 },
).catch((error: { code?: number; stdout?: string }) => ({ stdout: error.stdout ?? '', exitCode: error.code }));
const purgeSeconds = (performance.now() - purgeStarted) / 1000;
const receipts = readFileSync(join(purgeDir, 'mediajobs-purge.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
// A kind with no read endpoint cannot be verified after its delete (its receipts say so).
const readable = (provider: string, kind?: string) => {
  const vendor = vendorOf(provider);
  return vendor?.kinds.find((k) => k.name === (kind ?? vendor.kinds[0].name))?.get ?? false;
};
const purge = auditPurge(seeded, purgeServer.ledger, receipts, now - 30 * 86_400_000, readable);
await purgeServer.stop();
const purgeProblems = purgeViolations(purge);
if ('exitCode' in purgeRun) purgeProblems.push(`exit code ${purgeRun.exitCode}`);
const seededKinds = new Set(
  seeded.map((job) => `${job.provider} ${job.kind ?? vendorOf(job.provider)?.kinds[0].name}`),
);
console.log(
  `purge --older-than 30d --kind all: ${PURGE_SOAK.jobs} seeded resources of ${seededKinds.size} kinds (${seeded.filter((job) => job.system).length} stock), 20% faults, ${purgeSeconds.toFixed(1)} s`,
);
console.log(JSON.stringify(purge, null, 2));
console.log(purgeProblems.length ? `VIOLATIONS: ${purgeProblems.join(', ')}` : 'all purge checks hold');

const script = fileURLToPath(new URL('./bulk-run.js', import.meta.url));
const memory = [];
for (const size of values['memory-sizes'].split(',').map(Number)) {
  const { stdout } = await run(process.execPath, [
    script,
    `--size=${size}`,
    '--concurrency=8',
    '--url=http://127.0.0.1:9',
    '--stub',
  ]);
  const result = JSON.parse(stdout) as { ok: number; failed: number; seconds: number; peakRssMB: number };
  memory.push({ size, ...result, peakRssMB: Math.round(result.peakRssMB * 10) / 10 });
}
console.log('deleteEach peak RSS, in-memory fetch, one process per size');
console.table(memory);

const file = fileURLToPath(new URL('../soak-results.json', import.meta.url));
writeFileSync(
  file,
  `${JSON.stringify({ soak: { seconds, seed: Number(values.seed), settings: { server: SOAK_SERVER, client: SOAK_CLIENT }, audit, violations, keyInOutcomes }, rateLimited: { ...rateLimited, violations: limitedViolations }, purge: { seconds: purgeSeconds, audit: purge, violations: purgeProblems }, memory }, null, 2)}\n`,
);
console.log(`wrote ${file}`);
if (violations.length || limitedViolations.length || purgeProblems.length || keyInOutcomes) process.exit(1);
