// Faults, accounting and bounds, against the fault server of @mediajobs/testing on 127.0.0.1: every ref ends with
// exactly one outcome, every success is in the server's ledger, and nothing is lost or duplicated.
import { FAULT_KINDS, type FaultServer, jobKey, PLANNED, startFaultServer } from '@mediajobs/testing';
import {
  auditSoak,
  countHoldingKey,
  SOAK_CLIENT,
  SOAK_RATE_LIMITED,
  SOAK_SERVER,
  type SoakRef,
  soakRefs,
  soakViolations,
} from '@mediajobs/testing/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../../test-support/scripted-fetch.js';
import { DEFAULT_CONCURRENCY, type JobRef } from '../src/index.js';
import { facadeAt, HOSTILE_KEY, KEY } from './helpers.js';

// The testing package names kinds as strings (it does not depend on the facade); the facade checks them.
const asRefs = (refs: readonly SoakRef[]) => refs as readonly JobRef[];

// CI runs a smaller soak; `pnpm soak` runs the full 10,000 (SOAK_SIZE overrides here too).
const SOAK_SIZE = Number(process.env.SOAK_SIZE ?? 2_000);

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('soak: deleteMany with 20% faults of every kind', () => {
  it(`${SOAK_SIZE} refs over five APIs: one outcome each, successes all in the ledger, nothing lost`, async () => {
    // The canary: a key whose echoes differ by encoding, echoed back by the `echoKey` faults.
    server = await startFaultServer({ ...SOAK_SERVER, seed: 7, apiKey: HOSTILE_KEY });
    const refs = soakRefs(SOAK_SIZE);
    const jobs = facadeAt(server.url, SOAK_CLIENT, HOSTILE_KEY);
    const outcomes = await jobs.deleteMany(asRefs(refs));
    const audit = auditSoak(refs, outcomes, server.ledger);
    // Status reads under the same faults: jobs and errors, which echoes reach too.
    const reads = await Promise.all(
      asRefs(refs.slice(0, 500)).map((ref) => jobs.get(ref).catch((error: unknown) => error)),
    );

    expect(soakViolations(audit)).toEqual([]);
    expect(outcomes).toHaveLength(refs.length);
    outcomes.forEach((outcome, index) => {
      expect(outcome.ref).toBe(refs[index]);
    });
    // The run was really faulty: every kind was injected, and the client retried.
    expect(Object.keys(audit.faults).sort()).toEqual([...FAULT_KINDS].sort());
    expect(audit.retries).toBeGreaterThan(SOAK_SIZE * 0.05);
    expect(audit.planned).toBeGreaterThan(0);
    expect(audit.ok).toBeGreaterThan(SOAK_SIZE * 0.8);
    expect(server.ledger.faults.get('echoKey')).toBeGreaterThan(0);
    expect(countHoldingKey([...outcomes, ...reads], HOSTILE_KEY)).toBe(0);
  }, 120_000);

  it('a rate-limited phase: throttled refs are re-queued, none lost, none failed for throttling', async () => {
    server = await startFaultServer({ ...SOAK_RATE_LIMITED.server, seed: 9 });
    const refs = soakRefs(Math.min(SOAK_SIZE, 1_500));
    const outcomes = await facadeAt(server.url, SOAK_RATE_LIMITED.client).deleteMany(asRefs(refs), { concurrency: 16 });
    const audit = auditSoak(refs, outcomes, server.ledger);
    expect(soakViolations(audit)).toEqual([]);
    const throttled = [...server.ledger.throttled.values()].reduce((sum, n) => sum + n, 0);
    expect(throttled).toBeGreaterThan(0);
    expect(audit.failed.RateLimitError ?? 0).toBe(0);
    expect(audit.ok).toBeGreaterThan(refs.length * 0.8);
  }, 120_000);

  it('the same seed injects the same faults', async () => {
    const counts = [];
    for (let run = 0; run < 2; run += 1) {
      const faulty = await startFaultServer({ faultRate: 0.5, seed: 3, faults: ['http500', 'rateLimit'] });
      const jobs = facadeAt(faulty.url, { maxRetries: 0, adaptiveRate: false });
      for (let n = 0; n < 40; n += 1) await jobs.delete({ provider: 'bifrost', id: `seeded_${n}` }).catch(() => {});
      counts.push(Object.fromEntries(faulty.ledger.faults));
      await faulty.stop();
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(Object.values(counts[0] ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
  });
});

describe('permanent failures', () => {
  it('are reported per ref with their class and sent once: 404, 401, A2E failure code', async () => {
    server = await startFaultServer({ apiKey: KEY });
    const refs: JobRef[] = [
      { provider: 'tavus', id: `${PLANNED.gone}t` },
      { provider: 'bifrost', id: `${PLANNED.gone}b` },
      { provider: 'a2e', id: `${PLANNED.gone}a` },
      { provider: 'tavus', id: `${PLANNED.denied}t` },
      { provider: 'bifrost', id: `${PLANNED.denied}b` },
      { provider: 'a2e', id: `${PLANNED.denied}a` },
      { provider: 'tavus', id: 'fine' },
    ];
    const outcomes = await facadeAt(server.url).deleteMany(refs);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.name))).toEqual([
      'NotFoundError',
      'NotFoundError',
      'MediaJobsError',
      'AuthenticationError',
      'AuthenticationError',
      'AuthenticationError',
      'ok',
    ]);
    expect(server.requests()).toBe(refs.length);
    expect(server.ledger.repeats).toBe(0);
  });

  it('TensorsLab insufficient credits fails the whole batch once, not retried', async () => {
    server = await startFaultServer({ apiKey: KEY });
    const refs = Array.from(
      { length: 250 },
      (_, n): JobRef => ({ provider: 'tensorslab', id: `${PLANNED.noCredit}${n}` }),
    );
    const outcomes = await facadeAt(server.url).deleteMany(refs);
    expect(new Set(outcomes.map((o) => (o.ok ? 'ok' : o.error.name)))).toEqual(new Set(['InsufficientCreditsError']));
    expect(server.ledger.requests.get('tensorslab delete')).toBe(3); // 100 + 100 + 50
    expect(server.ledger.repeats).toBe(0);
    expect(server.ledger.deleted.size).toBe(0);
  });
});

describe('abort in the middle of a bulk run', () => {
  it('stops promptly; every ref has one outcome; no request starts after the abort', async () => {
    server = await startFaultServer({ latencyMs: 20 });
    // Requests started, and how each ended: answered, or aborted after the abort fired.
    const starts: number[] = [];
    let inFlightAtAbort = -1;
    let answeredAfterAbort = 0;
    let active = 0;
    const controller = new AbortController();
    const countingFetch: typeof fetch = async (input, init) => {
      starts.push(performance.now());
      active += 1;
      try {
        const response = await fetch(input, init);
        if (controller.signal.aborted) answeredAfterAbort += 1;
        return response;
      } finally {
        active -= 1;
      }
    };
    const jobs = facadeAt(server.url, { fetch: countingFetch });
    const refs = soakRefs(3_000);
    let abortedAt = Number.POSITIVE_INFINITY;
    const outcomes = await jobs.deleteMany(asRefs(refs), {
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 200 && !controller.signal.aborted) {
          abortedAt = performance.now();
          inFlightAtAbort = active;
          controller.abort();
        }
      },
    });

    expect(outcomes).toHaveLength(refs.length);
    expect(outcomes.every((outcome, index) => outcome.ref === refs[index])).toBe(true);
    const aborted = outcomes.filter((o) => !o.ok && o.error.name === 'AbortError').length;
    const ok = outcomes.filter((o) => o.ok).length;
    expect(ok).toBeGreaterThanOrEqual(200 - DEFAULT_CONCURRENCY * 4);
    expect(aborted + ok).toBe(refs.length);
    expect(starts.filter((at) => at > abortedAt)).toEqual([]);
    // Promptly: the calls in flight were cut off, not waited for (the server takes 20 ms each).
    expect(inFlightAtAbort).toBeGreaterThan(0);
    expect(answeredAfterAbort).toBe(0);
    const inFlightAborts = outcomes.filter((o) => !o.ok && o.error.message.includes('in flight'));
    expect(inFlightAborts.length).toBeGreaterThan(0);
    // Every success is real. A failed ref the server deleted anyway was in flight at the abort, and
    // its error says so; a ref never sent was never deleted.
    const deleted = (o: (typeof outcomes)[number]) =>
      server?.ledger.deleted.has(jobKey(o.ref.provider, o.ref.kind, o.ref.id)) ?? false;
    expect(outcomes.filter((o) => o.ok && !deleted(o))).toEqual([]);
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ message: o.error.message, deleted: deleted(o) }]));
    expect(
      failed.filter((f) => f.deleted && !f.message.includes('in flight (the vendor may have acted on it)')),
    ).toEqual([]);
    expect(failed.filter((f) => f.deleted && f.message.includes('before it was sent'))).toEqual([]);
  });
});

describe('deleteEach over 100,000 refs from an async generator', () => {
  it('holds a bounded number of refs, whatever the input size', async () => {
    // One answer that every vendor's adapter reads as success.
    const jobs = facadeAt('http://127.0.0.1:9', {
      fetch: async () => json(200, { code: 1000, data: { status: 'Success' }, deleted: true }),
    });
    let pulled = 0;
    let yielded = 0;
    let mostHeld = 0;
    async function* refs(): AsyncGenerator<JobRef> {
      for (let n = 0; n < 100_000; n += 1) {
        pulled += 1;
        mostHeld = Math.max(mostHeld, pulled - yielded);
        yield n % 4 === 0 ? { provider: 'tensorslab', id: `t${n}` } : { provider: 'bifrost', id: `b${n}` };
      }
    }
    for await (const outcome of jobs.deleteEach(refs())) {
      expect(outcome.ok).toBe(true);
      yielded += 1;
    }
    expect(yielded).toBe(100_000);
    // Read ahead is capped at concurrency x 2 x the largest batch (TensorsLab's 100): 1,600.
    expect(mostHeld).toBeLessThanOrEqual(DEFAULT_CONCURRENCY * 2 * 100 + 1);
  }, 60_000);
});
