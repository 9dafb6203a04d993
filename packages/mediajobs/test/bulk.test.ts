// deleteMany and deleteEach: one outcome per ref, input order (deleteMany), TensorsLab batches,
// concurrency bounded per vendor, bounded reading of the input, aborts that lose nothing.
import { describe, expect, it, vi } from 'vitest';
import { BASE, hang, json } from '../../../test-support/scripted-fetch.js';
import { AbortError, InvalidRequestError, type JobRef, NotFoundError, ServerError } from '../src/index.js';
import { facadeWith } from './helpers.js';

/** Answers every vendor's delete with success, after `delayMs`. */
const succeed =
  (delayMs = 0) =>
  async (call: { url: URL; method: string }) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (call.url.origin === BASE.tensorslab) return json(200, { code: 1000, msg: 'ok', data: { status: 'Success' } });
    if (call.url.origin === BASE.a2e) return json(200, { code: 0, data: {} });
    if (call.url.origin === BASE.bifrost) return json(200, { deleted: true });
    return new Response(null, { status: 200 });
  };

const mixed = (n: number): JobRef[] =>
  Array.from({ length: n }, (_, i) => {
    const provider = (['tensorslab', 'tavus', 'bifrost', 'a2e'] as const)[i % 4] ?? 'tavus';
    return provider === 'tensorslab'
      ? { provider, id: `t${i}`, kind: i % 8 === 0 ? 'image' : 'video' }
      : { provider, id: provider === 'bifrost' ? `video_${i}:openai` : `id${i}` };
  });

describe('deleteMany', () => {
  it('returns one outcome per ref, in input order, the refs as given', async () => {
    const refs = mixed(40);
    const { jobs } = facadeWith(succeed(1));
    const outcomes = await jobs.deleteMany(refs, { concurrency: 3 });
    expect(outcomes).toHaveLength(40);
    outcomes.forEach((outcome, i) => {
      expect(outcome.ref).toBe(refs[i]);
      expect(outcome.ok).toBe(true);
    });
  });

  it('sends TensorsLab ids in batches (per kind, chunk size configurable); one answer settles the batch', async () => {
    const refs = Array.from({ length: 25 }, (_, i): JobRef => ({ provider: 'tensorslab', id: `t${i}` }));
    refs.push({ provider: 'tensorslab', id: 'img1', kind: 'image' });
    const { jobs, calls } = facadeWith(succeed(), {
      tensorslab: { apiKey: 'k', baseUrl: BASE.tensorslab, batchSize: 10 },
    });
    const outcomes = await jobs.deleteMany(refs);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const batches = calls.map((call) => [call.url.pathname, JSON.parse(call.body).taskids.length]);
    expect(batches).toEqual([
      ['/v1/video/deletevideotask', 10],
      ['/v1/video/deletevideotask', 10],
      ['/v1/video/deletevideotask', 5],
      ['/v1/images/deleteimagestask', 1],
    ]);
  });

  it('a failed batch fails each of its refs with that error', async () => {
    const refs = Array.from({ length: 3 }, (_, i): JobRef => ({ provider: 'tensorslab', id: `t${i}` }));
    const { jobs } = facadeWith(() => json(200, { code: 9999, msg: 'Delete failed', data: { status: 'Failed' } }));
    const outcomes = await jobs.deleteMany(refs);
    expect(outcomes.map((outcome) => !outcome.ok && outcome.error.code)).toEqual([9999, 9999, 9999]);
    const [first] = outcomes;
    expect(first?.ok === false && first.error.message).toBe('tensorslab: Delete failed');
  });

  it('a per-ref failure never rejects the call; bad refs get an InvalidRequestError outcome', async () => {
    const refs = [
      { provider: 'tavus', id: 'ok1' },
      { provider: 'tavus', id: 'missing' },
      { provider: 'tavus', id: '' },
      { provider: 'elsewhere', id: 'x' },
      { provider: 'tavus', id: 'ok2' },
    ] as JobRef[];
    const { jobs, calls } = facadeWith((call) =>
      call.url.pathname.endsWith('/missing') ? json(404, { error: 'not found' }) : new Response(null, { status: 200 }),
    );
    const outcomes = await jobs.deleteMany(refs);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.name))).toEqual([
      'ok',
      'NotFoundError',
      'InvalidRequestError',
      'InvalidRequestError',
      'ok',
    ]);
    expect(outcomes[1]?.ok === false && outcomes[1].error).toBeInstanceOf(NotFoundError);
    expect(outcomes[3]?.ok === false && outcomes[3].error).toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(3);
  });

  it('bounds concurrency per vendor', async () => {
    // Without the rate limiter's slow start, which keeps an unmeasured vendor's opening below 4 in flight.
    const { jobs, maxInFlight } = facadeWith(succeed(5), { adaptiveRate: false });
    await jobs.deleteMany(mixed(120), { concurrency: 4 });
    for (const origin of [BASE.tavus, BASE.bifrost, BASE.a2e]) {
      expect(maxInFlight.get(new URL(origin).host)).toBe(4);
    }
    expect(maxInFlight.get(new URL(BASE.tensorslab).host)).toBeLessThanOrEqual(4);
  });

  it('reports progress after each outcome', async () => {
    const progress: string[] = [];
    const { jobs } = facadeWith((call) => (call.url.pathname.endsWith('/bad') ? json(400, {}) : new Response(null)));
    await jobs.deleteMany(
      [
        { provider: 'tavus', id: 'a' },
        { provider: 'tavus', id: 'bad' },
      ],
      { concurrency: 1, onProgress: ({ done, failed, total }) => progress.push(`${done}/${total} (${failed} failed)`) },
    );
    expect(progress).toEqual(['1/2 (0 failed)', '2/2 (1 failed)']);
  });

  it('an abort mid-run stops promptly: every ref has one outcome, nothing starts afterwards', async () => {
    // Fake timers: were any step of the abort to wait on a timer, the run would never end.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const controller = new AbortController();
      const refs = Array.from({ length: 50 }, (_, i): JobRef => ({ provider: 'tavus', id: `v${i}` }));
      let answered = 0;
      let hanging = 0;
      const { jobs, calls } = facadeWith(async (_, signal) => {
        if (answered >= 6) {
          hanging += 1;
          // The abort fires once both lanes hold a call that never answers.
          if (hanging === 2) queueMicrotask(() => controller.abort());
          return hang(signal);
        }
        answered += 1;
        return new Response(null, { status: 200 });
      });
      const outcomes = await jobs.deleteMany(refs, { concurrency: 2, signal: controller.signal });
      expect(outcomes).toHaveLength(50);
      const ok = outcomes.filter((outcome) => outcome.ok).length;
      const aborted = outcomes.filter((outcome) => !outcome.ok && outcome.error instanceof AbortError);
      expect(ok).toBe(6);
      expect(aborted).toHaveLength(44);
      expect(aborted.filter((o) => !o.ok && o.error.message.includes('in flight'))).toHaveLength(2);
      const sentAtAbort = calls.length;
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls.length).toBe(sentAtAbort);
      expect(sentAtAbort).toBe(8); // 6 answered + the 2 in flight when it fired
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries transient failures per batch and reports each ref once', async () => {
    let n = 0;
    const { jobs, calls } = facadeWith((call) =>
      call.url.pathname.endsWith('/flaky') && n++ === 0 ? json(503, {}, { 'retry-after': '0' }) : new Response(null),
    );
    const outcomes = await jobs.deleteMany([
      { provider: 'tavus', id: 'flaky' },
      { provider: 'tavus', id: 'fine' },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect(calls).toHaveLength(3);
  });

  it('a ServerError that outlasts the retries is that ref outcome', async () => {
    const { jobs } = facadeWith(() => json(500, { error: 'down' }, { 'retry-after': '0' }), { maxRetries: 1 });
    const [outcome] = await jobs.deleteMany([{ provider: 'tavus', id: 'v' }]);
    expect(outcome?.ok === false && outcome.error).toBeInstanceOf(ServerError);
  });
});

describe('deleteEach', () => {
  it('yields outcomes as they complete, from an async generator, reading only as far as it needs', async () => {
    let produced = 0;
    async function* refs(): AsyncGenerator<JobRef> {
      for (let i = 0; i < 1_000; i += 1) {
        produced += 1;
        yield { provider: 'bifrost', id: `video_${i}:openai` };
      }
    }
    const { jobs } = facadeWith(succeed(1));
    let seen = 0;
    let maxAhead = 0;
    for await (const outcome of jobs.deleteEach(refs(), { concurrency: 4 })) {
      expect(outcome.ok).toBe(true);
      seen += 1;
      maxAhead = Math.max(maxAhead, produced - seen);
    }
    expect(seen).toBe(1_000);
    // Read-ahead is capped at concurrency x 2 (batch size 1), whatever the input size.
    expect(maxAhead).toBeLessThanOrEqual(4 * 2 + 1);
  });

  it('sends a partial TensorsLab batch while a slow source keeps it waiting', async () => {
    async function* slow(): AsyncGenerator<JobRef> {
      yield { provider: 'tensorslab', id: 'a' };
      yield { provider: 'tensorslab', id: 'b' };
      await new Promise((resolve) => setTimeout(resolve, 100));
      yield { provider: 'tensorslab', id: 'c' };
    }
    const { jobs, calls } = facadeWith(succeed());
    const order: string[] = [];
    for await (const outcome of jobs.deleteEach(slow())) order.push(outcome.ref.id);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(calls.map((call) => JSON.parse(call.body).taskids)).toEqual([['a', 'b'], ['c']]);
  });

  it('stopping the loop early aborts what is in flight and reads no further', async () => {
    let produced = 0;
    function* refs(): Generator<JobRef> {
      for (let i = 0; i < 100; i += 1) {
        produced += 1;
        yield { provider: 'tavus', id: `v${i}` };
      }
    }
    // The first call answers; the others hang until their signal fires.
    const signals: (AbortSignal | undefined)[] = [];
    const { jobs } = facadeWith((_, signal) => {
      signals.push(signal);
      return signals.length === 1 ? new Response(null, { status: 200 }) : hang(signal);
    });
    for await (const _ of jobs.deleteEach(refs(), { concurrency: 2 })) break;
    const inFlight = signals.slice(1);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.every((signal) => signal?.aborted)).toBe(true);
    expect(produced).toBeLessThan(10);
  });

  it('a batch that fails gives exactly one outcome per ref, and then the run ends', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { code: 9999, msg: 'batch refused' }));
    const ids = ['t1', 't2', 't3', 't4', 't5'];
    const run = jobs.deleteEach(ids.map((id): JobRef => ({ provider: 'tensorslab', id })));
    // Each next() is raced against the event loop going idle (the scripted vendor answers at once),
    // so a missing outcome fails here instead of hanging until the test times out.
    const idle = () => new Promise<'idle'>((resolve) => setImmediate(() => setImmediate(() => resolve('idle'))));
    const seen: string[] = [];
    for (let n = 0; n < ids.length; n += 1) {
      const next = await Promise.race([run.next(), idle()]);
      if (next === 'idle' || next.done) break;
      expect(next.value.ok).toBe(false);
      seen.push(next.value.ref.id);
    }
    expect(seen.sort()).toEqual(ids);
    expect(await Promise.race([run.next(), idle()])).toEqual({ done: true, value: undefined });
    expect(calls).toHaveLength(1);
  });

  it('rethrows an error of the source after the outcomes of what it had given', async () => {
    async function* broken(): AsyncGenerator<JobRef> {
      yield { provider: 'tavus', id: 'v1' };
      throw new Error('source failed');
    }
    const { jobs } = facadeWith(succeed());
    const seen: boolean[] = [];
    await expect(async () => {
      for await (const outcome of jobs.deleteEach(broken())) seen.push(outcome.ok);
    }).rejects.toThrow('source failed');
    expect(seen).toEqual([true]);
  });

  it('refuses a concurrency that is not a whole number of at least 1', async () => {
    const { jobs } = facadeWith(succeed());
    await expect(jobs.deleteMany([], { concurrency: 0 })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe('drain', () => {
  it('stops reading and starting, lets calls in flight finish, and ends the rest as AbortError', async () => {
    const drain = new AbortController();
    let produced = 0;
    function* refs(): Generator<JobRef> {
      for (let i = 0; i < 100; i += 1) {
        produced += 1;
        yield { provider: 'tavus', id: `v${i}` };
      }
    }
    // Both lanes' first calls are held; once both are in flight the drain fires, then they answer.
    const held: (() => void)[] = [];
    const { jobs, calls } = facadeWith(
      () =>
        new Promise<Response>((resolve) => {
          held.push(() => resolve(new Response(null, { status: 200 })));
          if (held.length === 2) {
            drain.abort();
            for (const release of held) release();
          }
        }),
    );
    const outcomes: string[] = [];
    for await (const outcome of jobs.deleteEach(refs(), { concurrency: 2, drain: drain.signal })) {
      outcomes.push(outcome.ok ? 'ok' : outcome.error.name);
    }
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2); // the two in flight finished
    expect(calls).toHaveLength(2); // nothing started after the drain
    expect(outcomes.filter((o) => o === 'AbortError').length).toBe(outcomes.length - 2);
    expect(produced).toBeLessThan(10);
  });
});

describe('notFoundIsDeleted', () => {
  it('counts a 404 as deleted when asked (a resumed run), and as NotFoundError otherwise', async () => {
    const { jobs } = facadeWith(() => json(404, { error: 'gone' }));
    const refs: JobRef[] = [{ provider: 'tavus', id: 'v1' }];
    const resumed = await jobs.deleteMany(refs, { notFoundIsDeleted: true });
    expect(resumed[0]?.ok).toBe(true);
    const fresh = await jobs.deleteMany(refs);
    expect(fresh[0]?.ok === false && fresh[0].error).toBeInstanceOf(NotFoundError);
  });
});
