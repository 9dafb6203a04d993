// What a caller sees of withRetries at its edges: the abort errors (message, provider, cause) whether the
// signal fired before the call, while it waited for the rate limiter or while it waited to retry; the
// re-queue limit's RateLimitError (its count and the fields it keeps); the attempt numbers; and that a
// finished call leaves no timer or listener behind. Stryker's survivors of retry.ts (stryker/survivors.md).
import { getEventListeners } from 'node:events';
import { AbortError, RateLimitError, ServerError } from '@mediajobs/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../src/rate.js';
import { withRetries } from '../src/retry.js';

const noSleep = async () => {};

describe('withRetries: aborts', () => {
  it('a signal that has already fired starts no attempt, and says "aborted by the caller" with the provider', async () => {
    const controller = new AbortController();
    controller.abort();
    let attempts = 0;
    const error = await withRetries(
      async () => {
        attempts += 1;
        return 'sent';
      },
      { provider: 'tavus', signal: controller.signal, sleep: noSleep },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(0);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'tavus: aborted by the caller', provider: 'tavus' });
  });

  it('an abort while waiting for its turn under the rate limit says so, with the provider and the reason as cause', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 0.5 }); // one call every 2 s
    await withRetries(async () => 'first', { provider: 'heygen', limiter }); // takes the turn
    const controller = new AbortController();
    let attempts = 0;
    const call = withRetries(
      async () => {
        attempts += 1;
        return 'second';
      },
      { provider: 'heygen', limiter, signal: controller.signal },
    ).catch((e: unknown) => e);
    const reason = new Error('user pressed stop');
    setTimeout(() => controller.abort(reason), 10);
    const error = await call;
    expect(attempts).toBe(0);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({
      message: 'heygen: aborted while waiting for its turn under the rate limit',
      provider: 'heygen',
      cause: reason,
    });
  });

  it('an abort during the wait before a retry says "aborted while waiting to retry", with the provider and the failure it was retrying', async () => {
    const controller = new AbortController();
    const failure = new ServerError('tavus: 502 bad gateway', { provider: 'tavus', status: 502 });
    let attempts = 0;
    const call = withRetries(
      async () => {
        attempts += 1;
        setTimeout(() => controller.abort(), 10); // during the backoff
        throw failure;
      },
      { provider: 'tavus', signal: controller.signal, backoff: { initialMs: 60_000, maxMs: 60_000 } },
    ).catch((e: unknown) => e);
    const error = await call;
    expect(attempts).toBe(1);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'tavus: aborted while waiting to retry', provider: 'tavus' });
    expect((error as Error).cause).toBe(failure);
  });
});

describe('withRetries: the re-queue limit', () => {
  /** A limiter under which another call is accepted during each attempt, and one that always answers 429. */
  const throttledAlone = (failures: Error[], maxRequeues: number) => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 1000 });
    let attempts = 0;
    const call = withRetries(
      async () => {
        limiter.onAnswer(200); // another call of the same vendor accepted meanwhile
        const failure = failures[Math.min(attempts, failures.length - 1)] as Error;
        attempts += 1;
        throw failure;
      },
      { provider: 'tavus', limiter, maxRequeues, sleep: noSleep, random: () => 1 },
    ).catch((e: unknown) => e);
    return { call, attempts: () => attempts };
  };

  it('counts in "throttled N times" only the throttling answers, not the other failures retried before them', async () => {
    const server = new ServerError('tavus: 500', { provider: 'tavus', status: 500 });
    const tooMany = new RateLimitError('tavus: 429 too many requests', { provider: 'tavus', status: 429 });
    const { call, attempts } = throttledAlone([server, tooMany], 2);
    const error = await call;
    expect(attempts()).toBe(4); // the 500, then 429 three times: two re-queues, then the limit
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(
      /^tavus: 429 too many requests \(throttled 3 times over \d+\.\d s while the vendor accepted other calls: /,
    );
  });

  it("keeps the vendor's provider, status, code and request id, with the last 429 as its cause", async () => {
    const tooMany = new RateLimitError('tavus: 429 too many requests', {
      provider: 'tavus',
      status: 429,
      code: 'rate_limited',
      requestId: 'req-123',
    });
    const { call } = throttledAlone([tooMany], 1);
    const error = await call;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).not.toBe(tooMany);
    expect(error).toMatchObject({ provider: 'tavus', status: 429, code: 'rate_limited', requestId: 'req-123' });
    expect((error as Error).cause).toBe(tooMany);
  });
});

describe('withRetries: attempts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('numbers the attempts 0, 1, 2, ... (the attempt can tell a retry from the first try)', async () => {
    const numbers: number[] = [];
    await withRetries(
      async (_signal, attemptNumber) => {
        numbers.push(attemptNumber);
        if (numbers.length < 3) throw new ServerError('tavus: 503', { provider: 'tavus', status: 503 });
        return 'ok';
      },
      { provider: 'tavus', sleep: noSleep },
    );
    expect(numbers).toEqual([0, 1, 2]);
  });

  it("a finished call leaves no timer running and no listener on the caller's signal, after retries too", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    let attempts = 0;
    const result = await withRetries(
      async () => {
        attempts += 1;
        if (attempts < 3) throw new ServerError('tavus: 500', { provider: 'tavus', status: 500 });
        return 'ok';
      },
      { provider: 'tavus', signal: controller.signal, timeoutMs: 30_000, sleep: noSleep },
    );
    expect(result).toBe('ok');
    expect(vi.getTimerCount()).toBe(0); // no attempt's time limit keeps the process alive
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0); // a long-lived signal does not pile them up
  });
});
