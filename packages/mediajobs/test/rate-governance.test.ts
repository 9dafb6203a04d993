// Rate governance end to end, on 127.0.0.1: bulk deletes against the fault server's token bucket (100
// requests/s, burst 20, 20 ms away), as `pnpm bench --only=rate` runs them, but smaller and in this
// process. The bounds are looser than the benchmark's goals (BENCHMARKS.md "Rate governance": >= 95%
// of the rate, <= 1% answered 429) so that a loaded CI machine does not fail them; what they guard is
// that no run opens with a burst of refusals, loses a ref, or throttles at all where the vendor's
// headers say how much is left.
import { type FaultServer, type RateLimitMode, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobRef } from '../src/index.js';
import { facadeAt } from './helpers.js';

const LIMIT: RateLimitMode = { requestsPerSecond: 100, burst: 20, retryAfterSeconds: 1 };
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function bulk(rateLimit: RateLimitMode, size: number) {
  server = await startFaultServer({ latencyMs: 20, rateLimit });
  const refs: JobRef[] = Array.from({ length: size }, (_, n) => ({ provider: 'tavus', id: `rate_${n}` }));
  const started = performance.now();
  const outcomes = await facadeAt(server.url).deleteMany(refs, { concurrency: 32 });
  const seconds = (performance.now() - started) / 1000;
  const requests = [...server.ledger.requests.values()].reduce((sum, n) => sum + n, 0);
  return {
    failed: outcomes.filter((outcome) => !outcome.ok).length,
    ofRate: size / seconds / rateLimit.requestsPerSecond,
    throttled: server.ledger.throttled.get('tavus') ?? 0,
    requests,
  };
}

describe('bulk deletes at a vendor limit of 100 requests/s (burst 20)', () => {
  it('slow start: no opening burst of 429s, the limit found and used, no ref lost', async () => {
    const run = await bulk(LIMIT, 400);
    expect(run.failed).toBe(0);
    // Before slow start, the first 32 calls went out at once and a dozen were refused.
    expect(run.throttled).toBeLessThanOrEqual(Math.max(8, run.requests * 0.04));
    expect(run.ofRate).toBeGreaterThanOrEqual(0.7);
  }, 30_000);

  it('x-ratelimit-* headers: paced to them, so next to nothing is refused', async () => {
    const run = await bulk({ ...LIMIT, headers: true }, 400);
    expect(run.failed).toBe(0);
    expect(run.throttled).toBeLessThanOrEqual(2);
    expect(run.ofRate).toBeGreaterThanOrEqual(0.7);
  }, 30_000);
});
