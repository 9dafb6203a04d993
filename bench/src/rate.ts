// Rate governance (pnpm bench --only=rate): bulk deletes against a vendor that enforces a token bucket
// of 100 requests/s (burst 20), in one run, the facade's old fixed-concurrency runner against the
// governed one, same server settings, same refs; then the same vendor describing its bucket in
// x-ratelimit-* headers. Each client runs in its own process; the server too.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RateLimitMode } from '@mediajobs/testing';
import { spawnFaultServer } from '@mediajobs/testing/internal';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./rate-run.js', import.meta.url));
const LIMIT = { requestsPerSecond: 100, burst: 20 };

interface ClientRun {
  ok: number;
  failed: number;
  firstError?: string;
  seconds: number;
}

export interface RateRow {
  scenario: string;
  runner: string;
  refs: number;
  seconds: number;
  /** Deleted ids per second, and as a share of the vendor's allowed rate. */
  idsPerSecond: number;
  ofAllowed: string;
  /** Requests sent per second, all answers counted. */
  requestsPerSecond: number;
  requests: number;
  answered429: string;
  failed: number;
  /** Each process's time, for the shared-limit scenario: a fair share ends them together. */
  processSeconds?: string;
  /** The slowest process's time over the fair time (its refs at its equal share of the rate). */
  slowestVsFair?: number;
}

async function scenario(
  name: string,
  runner: string,
  limit: RateLimitMode,
  clients: { vendor: 'tavus' | 'bifrost'; size: number; mode: string; rate?: number }[],
): Promise<RateRow> {
  const server = await spawnFaultServer({ latencyMs: 20, rateLimit: limit });
  try {
    const runs = await Promise.all(
      clients.map(async (client, index) => {
        const args = [
          script,
          `--size=${client.size}`,
          `--url=${server.url}`,
          `--vendor=${client.vendor}`,
          `--mode=${client.mode}`,
          `--rate=${client.rate ?? ''}`,
          `--prefix=p${index}`,
        ];
        const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 24 });
        return JSON.parse(stdout) as ClientRun;
      }),
    );
    const stats = await server.stats();
    const requests = Object.values(stats.requests).reduce((sum, count) => sum + count, 0);
    const throttled = Object.values(stats.throttled).reduce((sum, count) => sum + count, 0);
    const seconds = Math.max(...runs.map((r) => r.seconds));
    const ok = runs.reduce((sum, r) => sum + r.ok, 0);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      scenario: name,
      runner,
      refs: clients.reduce((sum, c) => sum + c.size, 0),
      seconds: round(seconds),
      idsPerSecond: round(ok / seconds),
      ofAllowed: `${Math.round((ok / seconds / limit.requestsPerSecond) * 100)}%`,
      requestsPerSecond: round(requests / seconds),
      requests,
      answered429: `${round((throttled / requests) * 100)}%`,
      failed: runs.reduce((sum, r) => sum + r.failed, 0),
      processSeconds: clients.length > 1 ? runs.map((r) => round(r.seconds)).join(', ') : undefined,
      slowestVsFair:
        clients.length > 1
          ? Math.round((seconds / (clients.reduce((sum, c) => sum + c.size, 0) / limit.requestsPerSecond)) * 100) / 100
          : undefined,
    };
  } finally {
    await server.stop();
  }
}

export async function measureRate({ quick = false } = {}): Promise<RateRow[]> {
  const size = quick ? 500 : 1_500;
  const perProcess = quick ? 150 : 400;
  const rows: RateRow[] = [];
  for (const [name, limit, vendor] of [
    ['Tavus-like, Retry-After: 1', { ...LIMIT, retryAfterSeconds: 1 }, 'tavus'],
    ["Bifrost's 429 body, no Retry-After", LIMIT, 'bifrost'],
  ] as const) {
    for (const mode of ['fixed', 'governed']) {
      rows.push(await scenario(name, mode, limit, [{ vendor, size, mode }]));
    }
  }
  // A vendor that describes its bucket in x-ratelimit-* headers (none of ours does): paced to them.
  rows.push(
    await scenario('Tavus-like, x-ratelimit-* headers', 'governed', { ...LIMIT, retryAfterSeconds: 1, headers: true }, [
      { vendor: 'tavus', size, mode: 'governed' },
    ]),
  );
  rows.push(
    await scenario('maxRequestsPerSecond: 50', 'ceiling', { ...LIMIT, retryAfterSeconds: 1 }, [
      { vendor: 'tavus', size: quick ? 300 : 750, mode: 'ceiling', rate: 50 },
    ]),
  );
  for (const [mode, headers] of [
    ['fixed', false],
    ['governed', false],
    ['governed', true],
  ] as const) {
    const clients = Array.from({ length: 4 }, () => ({ vendor: 'tavus' as const, size: perProcess, mode }));
    rows.push(
      await scenario(
        `4 processes, one shared limit, Retry-After: 1${headers ? ', x-ratelimit-* headers' : ''}`,
        mode,
        { ...LIMIT, retryAfterSeconds: 1, headers },
        clients,
      ),
    );
  }
  return rows;
}
