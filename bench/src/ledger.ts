// The ledger (pnpm bench --only=ledger): recording throughput, one by one and batched, on SQLite and
// PostgreSQL; finding one subject's resources among 1,000,000 records (p50/p99); and erasing 1,000
// resources of one subject across four vendors, each limited to 100 requests/s by the fault server,
// against the physical limit (the slowest vendor's requests over its rate).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ledger, openLedger, type RecordInput } from '@mediajobs/ledger';
import { startFaultServer } from '@mediajobs/testing';
import { createMediaJobs } from 'mediajobs';
import pg from 'pg';

const BURST = 20;
const KEY = 'bench-ledger-key-0123456789abcdef0123456789';
const KINDS = [
  ['tavus', 'video'],
  ['tensorslab', 'image'],
  ['bifrost', 'video'],
  ['a2e', 'avatar'],
] as const;

export interface LedgerBench {
  recording: { backend: string; oneByOnePerSecond: number; batchedPerSecond: number; batchedVsOneByOne: number }[];
  find: { backend: string; records: number; resourcesPerSubject: number; p50ms: number; p99ms: number }[];
  erase: {
    backend: string;
    resources: number;
    rateLimit: string;
    seconds: number;
    physicalLimitSeconds: number;
    vsLimit: number;
    answered429: number;
  }[];
}

interface Backend {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<{ location: string; dispose(): Promise<void> }>;
}

function record(subject: string, i: number): RecordInput {
  const [provider, kind] = KINDS[i % KINDS.length] as (typeof KINDS)[number];
  return {
    subject,
    provider,
    kind,
    id: provider === 'bifrost' ? `r${i}:openai` : `r${i}`,
    createdAt: 1_790_000_000_000 + i,
  };
}

async function recording(ledger: Ledger, quick: boolean) {
  const one = quick ? 500 : 2_000;
  let started = performance.now();
  for (let i = 0; i < one; i += 1) await ledger.record(record(`one-${i % 50}`, i));
  const oneByOne = one / ((performance.now() - started) / 1000);
  const many = quick ? 20_000 : 100_000;
  started = performance.now();
  for (let start = 0; start < many; start += 1_000) {
    await ledger.recordMany(Array.from({ length: 1_000 }, (_, j) => record(`many-${(start + j) % 1000}`, start + j)));
  }
  const batched = many / ((performance.now() - started) / 1000);
  return {
    oneByOnePerSecond: Math.round(oneByOne),
    batchedPerSecond: Math.round(batched),
    batchedVsOneByOne: Math.round(batched / oneByOne),
  };
}

async function finding(ledger: Ledger, records: number) {
  const perSubject = 10;
  const subjects = records / perSubject;
  for (let start = 0; start < records; start += 5_000) {
    await ledger.recordMany(
      Array.from({ length: 5_000 }, (_, j) => record(`subject-${(start + j) % subjects}`, start + j)),
    );
  }
  const times: number[] = [];
  for (let n = 0; n < 400; n += 1) {
    const subject = `subject-${Math.floor(Math.random() * subjects)}`;
    const started = performance.now();
    const found = await ledger.find(subject);
    times.push(performance.now() - started);
    if (found.length !== perSubject) throw new Error(`found ${found.length} of ${subject}'s ${perSubject}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 100) / 100;
  return { records, resourcesPerSubject: perSubject, p50ms: at(0.5), p99ms: at(0.99) };
}

async function erasing(ledger: Ledger, resources: number) {
  const rate = 100;
  const server = await startFaultServer({
    latencyMs: 5,
    rateLimit: { requestsPerSecond: rate, burst: BURST, retryAfterSeconds: 1 },
  });
  try {
    await ledger.recordMany(Array.from({ length: resources }, (_, i) => record('user-42', i)));
    const vendor = { apiKey: 'sk_bench_1', baseUrl: server.url };
    const jobs = createMediaJobs({ tensorslab: vendor, tavus: vendor, bifrost: vendor, a2e: vendor });
    const started = performance.now();
    let n = 0;
    for await (const outcome of ledger.erase('user-42', jobs, { concurrency: 8 })) {
      if (outcome.outcome === 'failed') throw new Error(`${outcome.provider} ${outcome.id}: ${outcome.error?.message}`);
      n += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    if (n !== resources) throw new Error(`erased ${n} of ${resources}`);
    // Each resource is one delete and one read back, at its vendor's 100 requests/s after a burst of
    // 20: the slowest vendor's requests, less the burst, over the rate is as fast as any client can go.
    const perVendor = Math.max(...KINDS.map((_, k) => Math.ceil((resources - k) / KINDS.length)));
    const limit = (perVendor * 2 - BURST) / rate;
    const throttled = [...server.ledger.throttled.values()].reduce((sum, count) => sum + count, 0);
    return {
      resources,
      rateLimit: `${rate}/s per vendor`,
      seconds: Math.round(seconds * 100) / 100,
      physicalLimitSeconds: limit,
      vsLimit: Math.round((seconds / limit) * 100) / 100,
      answered429: throttled,
    };
  } finally {
    await server.stop();
  }
}

async function postgresServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.MEDIAJOBS_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: async () => {} };
  const script = new URL('../../scripts/postgres.mjs', import.meta.url).href;
  const { startPostgres, stopPostgres } = (await import(script)) as {
    startPostgres(): Promise<{ url: string; dir: string }>;
    stopPostgres(dir: string): Promise<void>;
  };
  const server = await startPostgres();
  return { url: server.url, stop: () => stopPostgres(server.dir) };
}

export async function measureLedger({ quick = false } = {}): Promise<LedgerBench> {
  const server = await postgresServer();
  const backends: Backend[] = [
    {
      name: 'sqlite',
      async fresh() {
        const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
        return {
          location: `sqlite:${join(dir, 'ledger.db')}`,
          dispose: async () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    },
    {
      name: 'postgres',
      async fresh() {
        const name = `bench_ledger_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: server.url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const url = new URL(server.url);
        url.pathname = `/${name}`;
        return {
          location: url.toString(),
          async dispose() {
            const client = new pg.Client({ connectionString: server.url });
            await client.connect();
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await client.end();
          },
        };
      },
    },
  ];
  const result: LedgerBench = { recording: [], find: [], erase: [] };
  try {
    for (const backend of backends) {
      for (const [section, run] of [
        ['recording', (ledger: Ledger) => recording(ledger, quick)],
        ['find', (ledger: Ledger) => finding(ledger, quick ? 100_000 : 1_000_000)],
        ['erase', (ledger: Ledger) => erasing(ledger, quick ? 400 : 1_000)],
      ] as const) {
        const { location, dispose } = await backend.fresh();
        const ledger = await openLedger(location, { key: KEY });
        try {
          (result[section] as unknown[]).push({ backend: backend.name, ...(await run(ledger)) });
        } finally {
          await ledger.close();
          await dispose();
        }
      }
    }
  } finally {
    await server.stop();
  }
  return result;
}
