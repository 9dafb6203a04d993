// Bulk throughput and memory: deleteEach across the vendors against a server (another process) that
// adds a fixed latency to every answer. Each run is its own process, so peak RSS is per run.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnFaultServer } from '@mediajobs/testing/internal';

const run = promisify(execFile);

export interface BulkRun {
  size: number;
  concurrency: number;
  latencyMs: number;
  seconds: number;
  idsPerSecond: number;
  /** ids/s if every lane kept `concurrency` calls in flight and each took exactly `latencyMs`. */
  idealIdsPerSecond: number;
  ofIdeal: number;
  peakRssMB: number;
  ok: number;
  failed: number;
  requests: Record<string, number>;
  /** TensorsLab ids per TensorsLab request. */
  tensorsLabIdsPerRequest: number;
}

export interface RawRun {
  size: number;
  inFlight: number;
  requestsPerSecond: number;
  peakRssMB: number;
}

export interface BulkResult {
  runs: BulkRun[];
  /** Plain fetch, same server, latency and sizes, as many in flight as the three non-batched lanes. */
  rawFetch: RawRun[];
}

export async function measureBulk({
  sizes,
  concurrency,
  latencyMs,
}: {
  sizes: number[];
  concurrency: number[];
  latencyMs: number;
}): Promise<BulkResult> {
  const runs: BulkRun[] = [];
  const rawFetch: RawRun[] = [];
  for (const lanes of concurrency) {
    for (const size of sizes) {
      runs.push(await bulkRun(size, lanes, latencyMs));
      const raw = await child(size, lanes, latencyMs, true);
      rawFetch.push({
        size,
        inFlight: 3 * lanes,
        requestsPerSecond: Math.round(size / raw.result.seconds),
        peakRssMB: round(raw.result.peakRssMB),
      });
    }
  }
  return { runs, rawFetch };
}

interface ChildResult {
  ok: number;
  failed: number;
  seconds: number;
  peakRssMB: number;
}

/** One run in its own process, against a fresh server; returns its result and the server's counts. */
async function child(size: number, concurrency: number, latencyMs: number, raw: boolean) {
  const server = await spawnFaultServer({ latencyMs });
  try {
    const script = fileURLToPath(new URL('./bulk-run.js', import.meta.url));
    const args = [script, `--size=${size}`, `--concurrency=${concurrency}`, `--url=${server.url}`];
    const { stdout } = await run(process.execPath, raw ? [...args, '--raw'] : args, { maxBuffer: 64 << 20 });
    return { result: JSON.parse(stdout) as ChildResult, stats: await server.stats() };
  } finally {
    await server.stop();
  }
}

async function bulkRun(size: number, concurrency: number, latencyMs: number): Promise<BulkRun> {
  const { result, stats } = await child(size, concurrency, latencyMs, false);
  // The slowest lane sets the pace: each non-batched vendor has size/5 calls.
  const idealSeconds = ((size / 5) * latencyMs) / 1000 / concurrency;
  const idealIdsPerSecond = size / idealSeconds;
  const idsPerSecond = size / result.seconds;
  return {
    size,
    concurrency,
    latencyMs,
    seconds: round(result.seconds),
    idsPerSecond: Math.round(idsPerSecond),
    idealIdsPerSecond: Math.round(idealIdsPerSecond),
    ofIdeal: round(idsPerSecond / idealIdsPerSecond),
    peakRssMB: round(result.peakRssMB),
    ok: result.ok,
    failed: result.failed,
    requests: stats.requests,
    tensorsLabIdsPerRequest: round(((2 / 5) * size) / Math.max(1, stats.requests['tensorslab delete'] ?? 0)),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
