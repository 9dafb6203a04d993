// The rate limiter's decisions on a fake clock: when it engages, how far it cuts, how it grows back,
// the fixed ceiling, the vendor's rate-limit headers, and aborts while waiting for a turn.

import { InvalidRequestError, RateLimitError } from '@mediajobs/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, rateLimitResetMs } from '../src/rate.js';
import { withRetries } from '../src/retry.js';
import { DEFAULT_MAX_REQUEUE_MS, DEFAULT_MAX_REQUEUES } from '../src/retry-policy.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** `count` accepted answers, evenly over `ms` of fake time. */
async function accept(limiter: RateLimiter, count: number, ms: number) {
  for (let n = 0; n < count; n += 1) {
    await vi.advanceTimersByTimeAsync(ms / count);
    limiter.onAnswer(200);
  }
}

/** `value` within `percent` of `expected`. */
function expectNear(value: number | undefined, expected: number, percent = 3) {
  expect(value).toBeGreaterThanOrEqual(expected * (1 - percent / 100));
  expect(value).toBeLessThanOrEqual(expected * (1 + percent / 100));
}

/** How many acquires complete within `ms` of fake time, with `waiting` of them queued. */
async function sentWithin(limiter: RateLimiter, ms: number, waiting = 1_000): Promise<number> {
  let sent = 0;
  for (let n = 0; n < waiting; n += 1) void limiter.acquire().then(() => (sent += 1));
  await vi.advanceTimersByTimeAsync(ms);
  return sent;
}

describe('RateLimiter, adaptive', () => {
  it('sends without limit until the vendor first throttles', async () => {
    const limiter = new RateLimiter();
    expect(limiter.requestsPerSecond).toBeUndefined();
    expect(await sentWithin(limiter, 0, 500)).toBe(500);
  });

  it('a vendor that has accepted nothing is left to the retries: no limit is set', () => {
    const limiter = new RateLimiter();
    limiter.onAnswer(429);
    expect(limiter.requestsPerSecond).toBeUndefined();
  });

  it('cuts to 70% of the rate the vendor accepted, then paces at that rate', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000); // 100 accepted per second
    limiter.onAnswer(429);
    expectNear(limiter.requestsPerSecond, 70);
    expect(limiter.state().throttled).toBe(true);
    // Queued requests go out paced at that rate, not all at once.
    expectNear(await sentWithin(limiter, 1_000), limiter.requestsPerSecond as number);
  });

  it('throttling answers to calls already sent do not cut again for a second', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000);
    limiter.onAnswer(429);
    limiter.onAnswer(429);
    const cut = limiter.requestsPerSecond;
    await vi.advanceTimersByTimeAsync(500);
    limiter.onAnswer(429);
    expect(limiter.requestsPerSecond).toBe(cut);
  });

  it('grows back to the accepted rate in 1.5 s while calls succeed, then probes beyond it', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000);
    limiter.onAnswer(429);
    await accept(limiter, 75, 750);
    const halfway = limiter.requestsPerSecond as number;
    expect(halfway).toBeGreaterThan(70);
    expect(halfway).toBeLessThan(100);
    await accept(limiter, 75, 750);
    const plateau = limiter.requestsPerSecond as number;
    expectNear(plateau, 100);
    await accept(limiter, 200, 2_000);
    // 2 s past the plateau: 0.5 x 2^3 = 4 requests per second more.
    expect((limiter.requestsPerSecond as number) - plateau).toBeCloseTo(4, 0);
  });

  it('a vendor that stops accepting: the next cut starts from the rate sent', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000);
    limiter.onAnswer(429);
    const first = limiter.requestsPerSecond as number;
    await vi.advanceTimersByTimeAsync(1_500); // the window empties: nothing accepted lately
    limiter.onAnswer(429);
    expectNear(limiter.requestsPerSecond, first * 0.7, 1);
  });

  it('a 503 with Retry-After is throttling; a 503 without is not', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000);
    limiter.onAnswer(503);
    expect(limiter.requestsPerSecond).toBeUndefined();
    limiter.onAnswer(503, new Headers({ 'retry-after': '1' }));
    expectNear(limiter.requestsPerSecond, 70);
  });

  it('with adaptive off, throttling changes nothing', async () => {
    const limiter = new RateLimiter({ adaptive: false });
    await accept(limiter, 100, 1_000);
    limiter.onAnswer(429);
    expect(limiter.requestsPerSecond).toBeUndefined();
  });
});

describe('RateLimiter, fixed ceiling', () => {
  it('never sends more than maxRequestsPerSecond, whatever the vendor answers', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 50 });
    // 50 per second, from the first at 0 ms: 101 in the two seconds to 2,000 ms inclusive.
    expect(await sentWithin(limiter, 2_000)).toBe(101);
    await accept(limiter, 500, 1_000); // growth never lifts the ceiling
    expect(limiter.requestsPerSecond).toBe(50);
  });

  it('throttling still cuts below the ceiling', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 50 });
    await accept(limiter, 40, 1_000);
    limiter.onAnswer(429);
    expectNear(limiter.requestsPerSecond, 28);
  });

  it('refuses a ceiling that is not above 0', () => {
    expect(() => new RateLimiter({ maxRequestsPerSecond: 0 })).toThrow(InvalidRequestError);
  });
});

describe("the vendor's rate-limit headers", () => {
  it('x-ratelimit-remaining: 0 with x-ratelimit-reset pauses sending until the reset', async () => {
    const limiter = new RateLimiter();
    limiter.onAnswer(200, new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }));
    let sent = 0;
    for (let n = 0; n < 5; n += 1) void limiter.acquire().then(() => (sent += 1));
    await vi.advanceTimersByTimeAsync(1_900);
    expect(sent).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toBe(5);
  });

  it('reads a reset as seconds from now, or as a Unix time', () => {
    const headers = (reset: string) => new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    expect(rateLimitResetMs(headers('3'), 0)).toBe(3_000);
    expect(rateLimitResetMs(headers('1800000010'), 1_800_000_000_000)).toBe(10_000);
    expect(rateLimitResetMs(new Headers({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '3' }))).toBeUndefined();
  });
});

describe('aborts while waiting for a turn', () => {
  it('ends the wait at once; the request is never sent, and the queue moves on', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    // The aborted one took no slot: the next request goes at the next second.
    let next = false;
    void limiter.acquire().then(() => (next = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(next).toBe(true);
  });
});

describe('withRetries with a limiter', () => {
  const throttled = (retryAfterMs?: number) =>
    new RateLimitError('tavus: HTTP 429', { provider: 'tavus', status: 429, retryAfterMs });

  it('a throttled call is tried again without counting while the vendor accepts others', async () => {
    const limiter = new RateLimiter();
    let attempts = 0;
    const done = withRetries(
      async () => {
        attempts += 1;
        limiter.onAnswer(200); // meanwhile, another call of the run was accepted
        if (attempts <= 5) {
          limiter.onAnswer(429);
          throw throttled(0);
        }
        return 'deleted';
      },
      { provider: 'tavus', maxRetries: 1, limiter },
    );
    await vi.runAllTimersAsync();
    expect(await done).toBe('deleted');
    expect(attempts).toBe(6);
  });

  /** A call answered 429 for ever while every other call of the run is accepted. */
  async function throttledForEver(retryAfterMs: number, options: { maxRequeues?: number; maxRequeueMs?: number } = {}) {
    const limiter = new RateLimiter();
    let attempts = 0;
    const done = withRetries(
      async () => {
        attempts += 1;
        limiter.onAnswer(200); // another call of the run
        limiter.onAnswer(429);
        throw throttled(retryAfterMs);
      },
      { provider: 'tavus', maxRetries: 2, limiter, ...options },
    ).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    return { error: (await done) as RateLimitError, attempts };
  }

  it(`a call throttled while others are accepted is re-queued at most DEFAULT_MAX_REQUEUES (${DEFAULT_MAX_REQUEUES}) times`, async () => {
    const { error, attempts } = await throttledForEver(0);
    expect(attempts).toBe(DEFAULT_MAX_REQUEUES + 1);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toMatch(
      /^tavus: HTTP 429 \(throttled 21 times over \d+\.\d s while the vendor accepted other calls: something limits this call alone; retry it later, or raise maxRequeues and maxRequeueMs if the vendor is only busy\)$/,
    );
    expect((await throttledForEver(0, { maxRequeues: 3 })).attempts).toBe(4);
  });

  it(`a throttled call is re-queued for at most DEFAULT_MAX_REQUEUE_MS (${DEFAULT_MAX_REQUEUE_MS} ms) after its first attempt`, async () => {
    // Retry-After 30 s: the 11th answer comes 300 s after the first, and ends it (count bound not reached).
    const { error, attempts } = await throttledForEver(30_000);
    expect(attempts).toBe(11);
    expect(error.message).toContain('(throttled 11 times over 300.0 s while the vendor accepted other calls');
    expect((await throttledForEver(30_000, { maxRequeueMs: 60_000 })).attempts).toBe(3);
  });

  it('a Retry-After delays the throttled call at least that long', async () => {
    const limiter = new RateLimiter();
    limiter.onAnswer(200);
    const sentAt: number[] = [];
    const done = withRetries(
      async () => {
        sentAt.push(performance.now());
        limiter.onAnswer(200);
        if (sentAt.length === 1) throw throttled(1_000);
        return 'ok';
      },
      { provider: 'tavus', limiter },
    );
    await vi.runAllTimersAsync();
    await done;
    expect((sentAt[1] as number) - (sentAt[0] as number)).toBeGreaterThanOrEqual(1_000);
  });

  it('when the vendor accepts nothing, throttling counts, and the error says so', async () => {
    const limiter = new RateLimiter();
    let attempts = 0;
    const done = withRetries(
      async () => {
        attempts += 1;
        limiter.onAnswer(429);
        throw throttled(0);
      },
      { provider: 'tavus', maxRetries: 2, limiter, backoff: { initialMs: 1, maxMs: 1 } },
    ).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = await done;
    expect(attempts).toBe(3);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toContain('the vendor accepted no call since this one was first tried');
  });

  it('an abort while waiting for a turn ends the call with an AbortError, nothing sent', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    let attempts = 0;
    const done = withRetries(
      async () => {
        attempts += 1;
      },
      { provider: 'tavus', limiter, signal: controller.signal },
    ).catch((e: unknown) => e);
    controller.abort();
    expect(((await done) as Error).name).toBe('AbortError');
    expect(attempts).toBe(0);
  });
});
