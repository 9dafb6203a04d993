// The rate limiter's decisions on a fake clock: slow start, how far it cuts, how it grows back, the
// fixed ceiling, the vendor's rate-limit headers, clients sharing one limit, and aborts while waiting
// for a turn.

import { InvalidRequestError, RateLimitError } from '@mediajobs/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observedFetch, RateLimiter, rateLimitAllowance } from '../src/rate.js';
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

describe('RateLimiter, slow start', () => {
  it('a vendor not measured yet gets 3 calls at once, then 30 requests/s: never a burst', async () => {
    const limiter = new RateLimiter();
    expect(limiter.requestsPerSecond).toBe(30);
    // No answer yet: the window's 3 at once, then 30 a second.
    let sent = 0;
    for (let n = 0; n < 500; n += 1) void limiter.acquire().then(() => (sent += 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toBeGreaterThanOrEqual(3 + 29);
    expect(sent).toBeLessThanOrEqual(3 + 30);
    // An answer frees a place in the window at once.
    limiter.onAnswer(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBeGreaterThanOrEqual(3 + 30);
  });

  it('each accepted call raises the rate by 3 requests/s; past 1,000 the vendor is taken as unlimited', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 10, 100);
    expect(limiter.requestsPerSecond).toBe(60);
    await accept(limiter, 320, 1_000);
    expect(limiter.requestsPerSecond).toBeUndefined();
    expect(await sentWithin(limiter, 0, 500)).toBe(500);
  });

  it('a few calls at a time are never paced: a call made while fewer than 3 are unanswered goes at once', async () => {
    const limiter = new RateLimiter();
    for (let n = 0; n < 100; n += 1) {
      let sent = 0;
      for (let call = 0; call < 3; call += 1) void limiter.acquire().then(() => (sent += 1));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toBe(3);
      for (let call = 0; call < 3; call += 1) limiter.onAnswer(200);
    }
  });

  it('a call that got no answer (connection refused) is not counted as unanswered for ever', async () => {
    const limiter = new RateLimiter();
    const refused = observedFetch(limiter, async () => {
      throw new TypeError('fetch failed');
    });
    for (let n = 0; n < 8; n += 1) {
      let sent = false;
      void limiter.acquire().then(() => (sent = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toBe(true); // in the window again: the refused calls no longer count
      await expect(refused('http://127.0.0.1:9/')).rejects.toThrow('fetch failed');
    }
  });

  it('a vendor that has accepted nothing is left to the retries: slow start goes on', () => {
    const limiter = new RateLimiter();
    limiter.onAnswer(429);
    expect(limiter.requestsPerSecond).toBe(30);
    limiter.onAnswer(200);
    expect(limiter.requestsPerSecond).toBe(33);
  });

  it('with a ceiling there is no slow start: the ceiling is the measure', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 200 });
    expect(limiter.requestsPerSecond).toBe(200);
  });
});

describe('RateLimiter, adaptive', () => {
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

  it('grows back to 95% of the accepted rate in 1 s while calls succeed, then probes beyond it', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000);
    limiter.onAnswer(429);
    await accept(limiter, 50, 500);
    const halfway = limiter.requestsPerSecond as number;
    expect(halfway).toBeGreaterThan(70);
    expect(halfway).toBeLessThan(95);
    await accept(limiter, 50, 500);
    const plateau = limiter.requestsPerSecond as number;
    expectNear(plateau, 95);
    await accept(limiter, 200, 2_000);
    // 2 s past the plateau: 5% of 95 (4.75, more than 4) x 2^3 = 38 requests per second more.
    expect((limiter.requestsPerSecond as number) - plateau).toBeCloseTo(38, 0);
  });

  it('below 80 requests/s the probe adds the same for every client: 4 requests/s per second cubed', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 40, 1_000);
    limiter.onAnswer(429);
    await accept(limiter, 20, 1_000);
    const plateau = limiter.requestsPerSecond as number;
    expectNear(plateau, 38);
    await accept(limiter, 80, 2_000);
    expect((limiter.requestsPerSecond as number) - plateau).toBeCloseTo(32, 0);
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
    const before = limiter.requestsPerSecond as number;
    limiter.onAnswer(503);
    expect(limiter.requestsPerSecond).toBeGreaterThan(before);
    limiter.onAnswer(503, new Headers({ 'retry-after': '1' }));
    expectNear(limiter.requestsPerSecond, 70);
  });

  it('a throttling answer to a call sent after the cut cuts again at once; one sent before does not', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000);
    const before = limiter.time();
    await vi.advanceTimersByTimeAsync(10);
    limiter.onAnswer(429, undefined, before);
    const cut = limiter.requestsPerSecond as number;
    expectNear(cut, 70);
    limiter.onAnswer(429, undefined, before); // sent at the old rate
    expect(limiter.requestsPerSecond).toBe(cut);
    await vi.advanceTimersByTimeAsync(10);
    limiter.onAnswer(429, undefined, limiter.time() - 5); // sent at the new rate: still too much
    expect(limiter.requestsPerSecond).toBeLessThan(cut * 0.75);
  });

  it('a client whose calls found the allowance spent by others is not cut to a sliver of it', async () => {
    const limiter = new RateLimiter();
    // 40 answers a second, of which the vendor accepted 4: the others' calls took the rest. (The
    // throttling answers, to calls sent before the first cut, do not cut again.)
    for (let n = 0; n < 80; n += 1) {
      await vi.advanceTimersByTimeAsync(25);
      limiter.onAnswer(n % 10 === 0 ? 200 : 429, undefined, Number.NEGATIVE_INFINITY);
    }
    limiter.onAnswer(429, undefined, limiter.time());
    // Not 70% of the 4 accepted, but 70% of 70% of the 40 answered.
    expect(limiter.requestsPerSecond).toBeGreaterThanOrEqual(0.49 * 40 * 0.97);
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
    // Then paced again (twice the rate accepted lately, at least slow start's first rate).
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toBe(5);
  });

  it('reads a reset as seconds from now (fractions too), or as a Unix time', () => {
    const headers = (reset: string) => new Headers({ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': reset });
    expect(rateLimitAllowance(headers('3'), 0)).toEqual({ remaining: 7, resetMs: 3_000 });
    expect(rateLimitAllowance(headers('0.125'), 0)).toEqual({ remaining: 7, resetMs: 125 });
    expect(rateLimitAllowance(headers('1800000010'), 1_800_000_000_000)).toEqual({ remaining: 7, resetMs: 10_000 });
    expect(rateLimitAllowance(new Headers({ 'x-ratelimit-remaining': '5' }))).toBeUndefined();
    expect(rateLimitAllowance(new Headers({ 'x-ratelimit-reset': '5' }))).toBeUndefined();
  });

  it('paces what remains, less our calls not answered yet, over the time to the reset: before any 429', async () => {
    const limiter = new RateLimiter();
    await accept(limiter, 100, 1_000); // 100 accepted a second: the cap is twice that
    for (let n = 0; n < 5; n += 1) void limiter.acquire(); // 5 of ours in flight (one answered below)
    await vi.advanceTimersByTimeAsync(100);
    limiter.onAnswer(200, new Headers({ 'x-ratelimit-remaining': '14', 'x-ratelimit-reset': '0.2' }));
    // (14 - 4) over 0.2 s: 50 requests/s, slow start over although nothing was throttled.
    expectNear(limiter.requestsPerSecond, 50);
    limiter.onAnswer(200, new Headers({ 'x-ratelimit-remaining': '19', 'x-ratelimit-reset': '0.01' }));
    // 1,600 requests/s by the headers alone, but at most twice the rate accepted lately.
    expect(limiter.requestsPerSecond).toBeLessThanOrEqual(205);
    // After the reset, still at most that, until the next answer says more.
    await vi.advanceTimersByTimeAsync(20);
    expect(limiter.requestsPerSecond).toBeLessThanOrEqual(205);
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

describe('clients sharing one limit, on a fake clock', () => {
  /**
   * `clients` limiters, each with 32 calls in flight or waiting, against one token bucket of 100
   * requests/s (burst 20) 20 ms away that answers 429 with Retry-After: 1 past it; client n starts
   * `startsMs[n]` late. Returns each client's accepted calls per second over `windows`, and the 429s.
   */
  async function share(clients: number, seconds: number, startsMs: number[] = []) {
    const bucket = { tokens: 20, at: 0 };
    const take = () => {
      const now = performance.now();
      bucket.tokens = Math.min(20, bucket.tokens + ((now - bucket.at) / 1000) * 100);
      bucket.at = now;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const accepted: number[][] = Array.from({ length: clients }, () => []);
    let requests = 0;
    let throttled = 0;

    const end = seconds * 1_000;
    const worker = async (client: number, limiter: RateLimiter) => {
      while (performance.now() < end) {
        await limiter.acquire();
        const sentAt = limiter.time();
        await sleep(20);
        requests += 1;
        const ok = take();
        limiter.onAnswer(ok ? 200 : 429, undefined, sentAt);
        if (ok) (accepted[client] as number[]).push(performance.now());
        else {
          throttled += 1;
          await sleep(1_000);
        }
      }
    };
    for (let client = 0; client < clients; client += 1) {
      const limiter = new RateLimiter();
      setTimeout(() => {
        for (let n = 0; n < 32; n += 1) void worker(client, limiter);
      }, startsMs[client] ?? 0);
    }
    await vi.advanceTimersByTimeAsync(end + 2_000);
    /** Client `client`'s accepted calls per second from `from` to `to` seconds. */
    const rate = (client: number, from: number, to: number) =>
      (accepted[client] as number[]).filter((at) => at >= from * 1_000 && at < to * 1_000).length / (to - from);
    return { rate, throttledShare: throttled / requests };
  }

  it('one client: at the limit, without an opening burst of refusals', async () => {
    const { rate, throttledShare } = await share(1, 15);
    expect(rate(0, 0, 15)).toBeGreaterThanOrEqual(95);
    expect(throttledShare).toBeLessThanOrEqual(0.01);
  });

  it('four clients, one started 2 s late: the limit used, the late one not starved, shares within 30% of equal', async () => {
    // On this clock (deterministic): the late one gets 50, 33, 27 and 29 requests/s over 2-5, 5-8,
    // 8-11 and 11-20 s (its cuts are never below 70% of what it sent, so finding the limit spent does
    // not leave it a sliver); over 8-20 s the shares are 27, 20, 24 and 29; 3.0% of the requests are
    // answered 429. Shares wander rather than settle (this is one run: BENCHMARKS.md section 5 has the
    // spread over 100 simulated ones).
    const { rate, throttledShare } = await share(4, 20, [0, 0, 0, 2_000]);
    const shares = [0, 1, 2, 3].map((client) => rate(client, 8, 20));
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeGreaterThanOrEqual(95);
    for (const share of shares) {
      expect(share).toBeGreaterThanOrEqual(25 * 0.7);
      expect(share).toBeLessThanOrEqual(25 * 1.3);
    }
    expect(rate(3, 2, 8)).toBeGreaterThanOrEqual(25 * 0.8);
    expect(throttledShare).toBeLessThanOrEqual(0.035);
  });
});
