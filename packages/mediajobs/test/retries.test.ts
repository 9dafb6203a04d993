// Retries (408, 429, 5xx, connection errors, timeouts; nothing else, nothing after an abort), the
// vendor's Retry-After, per-attempt timeouts, and input refused before any request.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Origin, startOrigin } from '../../../test-support/origins.js';
import { BASE, hang, json, type Script, text } from '../../../test-support/scripted-fetch.js';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  createMediaJobs,
  DEFAULT_TIMEOUT_MS,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from '../src/index.js';
import { drip, facadeAt, facadeWith, ONE_REF_PER_VENDOR } from './helpers.js';

const TAVUS = { provider: 'tavus', id: 'v1' } as const;

/** How long, in fake time, the facade waits between a Tavus get's first and second attempts. */
async function waitBeforeRetry(script: Script): Promise<number> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-01-01T00:00:00Z') });
  try {
    const sentAt: number[] = [];
    const { jobs } = facadeWith((call, signal) => {
      sentAt.push(Date.now());
      return script(call, signal);
    });
    const done = jobs.get(TAVUS);
    await vi.runAllTimersAsync();
    await done;
    expect(sentAt).toHaveLength(2);
    return (sentAt[1] as number) - (sentAt[0] as number);
  } finally {
    vi.useRealTimers();
  }
}
const GONE = () => json(200, { status: 'ready', download_url: 'https://x.test/v.mp4' });

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i, then succeeds', async (status) => {
    let n = 0;
    const { jobs, calls } = facadeWith(() => (n++ < 2 ? json(status, {}, { 'retry-after': '0' }) : GONE()));
    await expect(jobs.get(TAVUS)).resolves.toMatchObject({ status: 'succeeded' });
    expect(calls).toHaveLength(3);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { jobs, calls } = facadeWith(() => json(503, { error: 'busy' }, { 'retry-after': '0' }), { maxRetries: 3 });
    await expect(jobs.get(TAVUS)).rejects.toThrow('tavus: HTTP 503: busy');
    expect(calls).toHaveLength(4);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry %i', async (status) => {
    const { jobs, calls } = facadeWith(() => json(status, {}));
    await expect(jobs.delete(TAVUS)).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it('retries a dropped connection as a ConnectionError, with backoff', async () => {
    let n = 0;
    const waited = await waitBeforeRetry(() => {
      if (n++ === 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return GONE();
    });
    // 0.5 s times a jitter in [0.75, 1].
    expect(waited).toBeGreaterThanOrEqual(375);
    expect(waited).toBeLessThanOrEqual(500);
  });

  it('reports a connection that never recovers as a ConnectionError naming the origin and the cause, with its code', async () => {
    const { jobs } = facadeWith(
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
      { maxRetries: 0 },
    );
    const error = await jobs.get({ ...TAVUS, id: 'secret-job-id' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const origin = new URL(BASE.tavus).origin;
    expect((error as Error).message).toBe(
      `tavus: the request to ${origin} failed without an answer: fetch failed (ECONNREFUSED)`,
    );
    expect((error as ConnectionError).code).toBe('ECONNREFUSED');
  });

  it('a port that fetch refuses to use keeps its reason (the cause has a message, no code)', async () => {
    // Real fetch, no server: Node's fetch refuses port 6000 (X11) before connecting.
    const jobs = createMediaJobs({ tavus: { apiKey: 'k', baseUrl: 'http://127.0.0.1:6000' }, maxRetries: 0 });
    const error = await jobs.get(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      'tavus: the request to http://127.0.0.1:6000 failed without an answer: fetch failed: bad port',
    );
  });

  it('waits what Retry-After says, in seconds', async () => {
    let n = 0;
    expect(await waitBeforeRetry(() => (n++ === 0 ? json(429, {}, { 'retry-after': '1' }) : GONE()))).toBe(1_000);
  });

  it('waits what retry-after-ms says, over Retry-After', async () => {
    let n = 0;
    const waited = await waitBeforeRetry(() =>
      n++ === 0 ? json(503, {}, { 'retry-after-ms': '150', 'retry-after': '30' }) : GONE(),
    );
    expect(waited).toBe(150);
  });

  it('waits until a Retry-After HTTP date', async () => {
    let n = 0;
    const waited = await waitBeforeRetry(() =>
      n++ === 0 ? json(429, {}, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() }) : GONE(),
    );
    expect(waited).toBe(2_000);
  });

  it('fails at once rather than wait a Retry-After over 60 s', async () => {
    const { jobs, calls } = facadeWith(() => json(429, { error: 'slow down' }, { 'retry-after': '3600' }));
    const error = await jobs.get(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(calls).toHaveLength(1);
  });

  it('after an attempt with no answer, a 404 on the retry means the job is gone: deleted', async () => {
    let n = 0;
    const { jobs, calls } = facadeWith(() => (n++ === 0 ? json(503, {}, { 'retry-after': '0' }) : json(404, {})));
    await expect(jobs.delete(TAVUS)).resolves.toEqual({ provider: 'tavus', id: 'v1', kind: 'video', deleted: true });
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['a dropped connection', () => Promise.reject(new TypeError('fetch failed'))],
    ['a timeout', (signal: AbortSignal | undefined) => hang(signal)],
    ['an HTML 502 page', () => text(502, '<html>bad gateway</html>', 'text/html')],
  ])('after %s, a 404 on the retry is reported deleted, in a single and a bulk delete', async (_, lost) => {
    let n = 0;
    const { jobs } = facadeWith((_call, signal) => (n++ % 2 === 0 ? lost(signal) : json(404, {})), {
      timeoutMs: 50,
      backoff: { initialMs: 1, maxMs: 1 },
    });
    await expect(jobs.delete(TAVUS)).resolves.toMatchObject({ deleted: true });
    const [outcome] = await jobs.deleteMany([TAVUS]);
    expect(outcome?.ok).toBe(true);
  });

  it('a ref answered 429 for ever while other calls succeed fails after maxRequeues re-queues, saying so', async () => {
    let attempts = 0;
    const { jobs } = facadeWith(
      async (call) => {
        if (!call.url.pathname.endsWith('/stuck')) return GONE();
        attempts += 1;
        await jobs.get({ provider: 'tavus', id: 'other' }); // accepted meanwhile
        return json(429, { error: 'slow down' });
      },
      { maxRequeues: 2 },
    );
    const [outcome] = await jobs.deleteMany([{ provider: 'tavus', id: 'stuck' }]);
    expect(attempts).toBe(3);
    expect(outcome?.ok).toBe(false);
    const error = (outcome as { error: Error }).error;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toMatch(/\(throttled 3 times over \d+\.\d s while the vendor accepted other calls: /);
  });

  it('after a 429 (which the vendor did not act on), a 404 on the retry is a NotFoundError', async () => {
    let n = 0;
    const { jobs, calls } = facadeWith(() => (n++ === 0 ? json(429, {}, { 'retry-after': '0' }) : json(404, {})));
    await expect(jobs.delete(TAVUS)).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toHaveLength(2);
  });

  it('after a lost answer, a definitive refusal says the job may already be deleted', async () => {
    let n = 0;
    const { jobs } = facadeWith(
      () => (n++ === 0 ? Promise.reject(new TypeError('fetch failed')) : json(401, { error: 'key revoked' })),
      { backoff: { initialMs: 1, maxMs: 1 } },
    );
    const error = await jobs.delete(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toContain('the job may already be deleted');
  });

  it('a 404 on the first attempt is a NotFoundError', async () => {
    const { jobs } = facadeWith(() => json(404, {}));
    await expect(jobs.delete(TAVUS)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('timeouts and aborts', () => {
  it('times out each attempt after timeoutMs, retries, then fails with a TimeoutError', async () => {
    const { jobs, calls } = facadeWith((_, signal) => hang(signal), { timeoutMs: 50, maxRetries: 1 });
    const error = await jobs.get(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('tavus: no complete answer within 50 ms (retry, or raise timeoutMs)');
    expect(calls).toHaveLength(2);
  });

  describe('a vendor that sends its headers, then drips its body a byte at a time (real HTTP)', () => {
    let origin: Origin;
    beforeAll(async () => {
      origin = await startOrigin();
    });
    afterAll(() => origin.close());

    it.each([
      ['a declared length', { 'content-length': '100000' }],
      ['a chunked body', {}],
    ])("%s: every vendor's attempt ends with a TimeoutError within timeoutMs", async (_, headers) => {
      const { handler, state } = drip(headers);
      origin.handle(handler);
      const jobs = facadeAt(origin.url, { timeoutMs: 300, maxRetries: 0 });
      const started = performance.now();
      const errors = await Promise.all(ONE_REF_PER_VENDOR.map(([, ref]) => jobs.get(ref).catch((e: unknown) => e)));
      const elapsed = performance.now() - started;
      for (const error of errors) expect(error).toBeInstanceOf(TimeoutError);
      expect((errors[0] as Error).message).toMatch(/: no complete answer within 300 ms \(retry, or raise timeoutMs\)$/);
      expect(elapsed).toBeLessThan(1_500);
      // The requests were aborted, not left dripping.
      await vi.waitFor(() => expect(state.hungUp).toBe(ONE_REF_PER_VENDOR.length));
    });
  });

  it(`without timeoutMs, an attempt times out after DEFAULT_TIMEOUT_MS (${DEFAULT_TIMEOUT_MS} ms)`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let sent: AbortSignal | undefined;
      const { jobs } = facadeWith(
        (_, signal) => {
          sent = signal;
          return hang(signal);
        },
        { maxRetries: 0 },
      );
      const call = jobs.get(TAVUS).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
      expect(sent?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await call;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toBe('tavus: no complete answer within 60000 ms (retry, or raise timeoutMs)');
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, -5, Number.NaN])('refuses timeoutMs %d at construction', (timeoutMs) => {
    expect(() => createMediaJobs({ timeoutMs })).toThrow(InvalidRequestError);
  });

  it('a slow first attempt times out and the retry succeeds', async () => {
    let n = 0;
    const { jobs } = facadeWith((_, signal) => (n++ === 0 ? hang(signal) : GONE()), { timeoutMs: 50 });
    await expect(jobs.get(TAVUS)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('an abort stops the call at once, as an AbortError, and nothing is retried', async () => {
    const controller = new AbortController();
    // The vendor never answers; the caller aborts once the request is out.
    const { jobs, calls } = facadeWith((_, signal) => {
      queueMicrotask(() => controller.abort());
      return hang(signal);
    });
    const error = await jobs.delete(TAVUS, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });

  it('an abort during the backoff ends the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const controller = new AbortController();
      const { jobs, calls } = facadeWith(() => json(503, {}, { 'retry-after': '30' }));
      const call = jobs.get(TAVUS, { signal: controller.signal }).catch((e: unknown) => e);
      // The 30 s wait has begun (its timer is set); no time passes before the abort.
      await vi.waitUntil(() => vi.getTimerCount() > 0);
      controller.abort();
      expect(await call).toBeInstanceOf(AbortError);
      expect(calls).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an already aborted signal sends nothing', async () => {
    const { jobs, calls } = facadeWith(GONE);
    await expect(jobs.get(TAVUS, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });
});

describe('input is checked before any request', () => {
  it.each([
    [{ provider: 'nope', id: 'x' }, 'unknown provider "nope"'],
    [{ provider: 'tavus', id: '' }, '`id` is empty'],
    [{ provider: 'tavus', id: ' \t' }, '`id` is empty'],
    [{ provider: 'bifrost', id: '.' }, 'cannot be "."'],
    [{ provider: 'a2e', id: '..' }, 'cannot be ".."'],
    [{ provider: 'tensorslab', id: 'a\u0007b' }, 'control character'],
    [{ provider: 'tensorslab', id: 't', kind: 'audio' }, "no kind \"audio\"; tensorslab has 'video' and 'image'"],
    // A kind the vendor does not have is refused, not taken for its only kind.
    [{ provider: 'tavus', id: 't', kind: 'image' }, 'tavus: no kind "image"; tavus has \'video\''],
    [{ provider: 'a2e', id: 't', kind: 'image' }, 'a2e: no kind "image"; a2e has \'video\''],
    [null, 'must be an object'],
  ])('%j is an InvalidRequestError (%s)', async (ref, message) => {
    const { jobs, calls } = facadeWith(GONE);
    for (const call of [() => jobs.delete(ref as never), () => jobs.get(ref as never), () => jobs.wait(ref as never)]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain(message);
    }
    expect(calls).toHaveLength(0);
  });

  it.each([
    [{ provider: 'a2e', id: 'x' }, { hard: true }, 'a2e video: delete has no option `hard`; it takes none'],
    [
      { provider: 'tensorslab', id: 'x', kind: 'image' },
      { hard: true },
      'tensorslab image: delete has no option `hard`',
    ],
    [{ provider: 'tavus', id: 'x' }, { hard: 'yes' }, 'tavus video: `hard` must be a non-empty boolean'],
  ])("an option %j's kind does not take (%j) is refused before any request", async (ref, options, message) => {
    const { jobs, calls } = facadeWith(GONE);
    const error = await jobs.delete(ref as never, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain(message);
    expect(calls).toHaveLength(0);
  });

  it('hard: false is the same as not asking, whatever the kind', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { code: 0, data: {} }));
    await expect(jobs.delete({ provider: 'a2e', id: 'x' }, { hard: false })).resolves.toMatchObject({ deleted: true });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['tavus', 'v', '/v2/videos/a%2Fb%3Fc%23d%25e:f%20%C3%BC'],
    ['bifrost', 'video_abc123:openai', '/v1/videos/video_abc123:openai'],
    ['a2e', 'x', '/api/v1/video/a%2Fb%3Fc%23d%25e:f%20%C3%BC'],
  ])('%s: any other character goes into exactly one path segment', async (provider, _, path) => {
    const { jobs, calls } = facadeWith(() => json(200, { code: 0, data: {}, deleted: true }));
    const id = provider === 'bifrost' ? 'video_abc123:openai' : 'a/b?c#d%e:f ü';
    await jobs.delete({ provider: provider as 'tavus', id });
    expect(calls[0]?.url.pathname).toBe(path);
  });

  it('constructing needs no key; a missing key fails the call, naming the variable, before sending', async () => {
    vi.stubEnv('TAVUS_API_KEY', '');
    const requests: unknown[] = [];
    const jobs = createMediaJobs({
      fetch: async (input) => {
        requests.push(input);
        return GONE();
      },
    });
    const error = await jobs.delete(TAVUS).catch((e: unknown) => e);
    vi.unstubAllEnvs();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('TAVUS_API_KEY');
    expect(requests).toHaveLength(0);
  });

  it('Tavus hard: true sends the hard-delete flag; the default sends none', async () => {
    const { jobs, calls } = facadeWith(() => new Response(null, { status: 200 }));
    await jobs.delete(TAVUS, { hard: true });
    await jobs.delete(TAVUS);
    expect(calls.map((call) => call.url.search)).toEqual(['?hard=true', '']);
  });

  it('a cut-off 200 on delete is retried, not reported as deleted', async () => {
    let n = 0;
    const { jobs, calls } = facadeWith(() =>
      n++ === 0 ? text(200, '{"id":"video_1:op', 'application/json') : json(200, { deleted: true }),
    );
    await jobs.delete({ provider: 'bifrost', id: 'video_1:openai' });
    expect(calls).toHaveLength(2);
  });
});

describe('redirects', () => {
  it.each(ONE_REF_PER_VENDOR)(
    '%s: the key follows a same-origin redirect, never a cross-origin one',
    async (_, ref, header) => {
      const { jobs, calls } = facadeWith((call) => {
        if (call.url.hostname === 'elsewhere.test') return json(200, {});
        if (call.url.pathname.startsWith('/moved')) {
          return new Response(null, {
            status: 307,
            headers: { location: `https://elsewhere.test${call.url.pathname}` },
          });
        }
        return new Response(null, { status: 307, headers: { location: `/moved${call.url.pathname}` } });
      });
      await jobs.delete(ref).catch(() => undefined);
      expect(calls.map((call) => [call.url.host, call.headers.has(header)])).toEqual([
        [calls[0]?.url.host, true],
        [calls[0]?.url.host, true],
        ['elsewhere.test', false],
      ]);
    },
  );
});
