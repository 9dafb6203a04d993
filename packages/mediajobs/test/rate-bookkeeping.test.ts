// The rate limiter's bookkeeping, apart from its adaptive pacing: the listeners it puts on a caller's signal (none
// left behind, whether the calls were let through or aborted, and a signal fired late disturbs no one), which answers
// count as throttling (a 429, or a 503 with Retry-After; not another status with Retry-After), the vendor's rate-limit
// headers (what remains paced to the reset, less our calls still in flight; none left pauses sending only when none
// of ours is unanswered; they do not undo a cut), and which header values are read. (Found by rate.ts's first full
// mutation run, issue 28: each test here failed with one operator of rate.ts changed.)
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, rateLimitAllowance } from '../src/rate.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const limitHeaders = (remaining: string, reset: string) =>
  new Headers({ 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': reset });

describe('the caller’s signal', () => {
  it('a signal shared by many calls holds no listener of the limiter’s once they are let through, and firing it later disturbs no one', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 10 });
    const controller = new AbortController();
    let sent = 0;
    for (let round = 0; round < 10; round += 1) {
      for (let n = 0; n < 5; n += 1) void limiter.acquire(controller.signal).then(() => (sent += 1));
      await vi.advanceTimersByTimeAsync(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(4); // one for each call still waiting
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(sent).toBe(50);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // A call of another caller waiting for its turn keeps it when the long-lived signal fires.
    let other = false;
    void limiter.acquire().then(() => (other = true));
    controller.abort(new Error('the run is over'));
    await vi.advanceTimersByTimeAsync(100);
    expect(other).toBe(true);
  });

  it('an aborted signal holds no listener of the limiter’s', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = [limiter.acquire(controller.signal), limiter.acquire(controller.signal)];
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(2);
    controller.abort(new Error('stop'));
    for (const call of waiting) await expect(call).rejects.toThrow('stop');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('what counts as throttling', () => {
  it('only a 429, or a 503 with Retry-After: a 500, 502 or 200 that carries Retry-After is not', () => {
    const limiter = new RateLimiter();
    for (const status of [500, 502, 200]) {
      limiter.onAnswer(status, new Headers({ 'retry-after': '1' }));
      expect(limiter.state().throttled).toBe(false);
    }
    limiter.onAnswer(503, new Headers({ 'retry-after': '1' }));
    expect(limiter.state().throttled).toBe(true);
  });
});

describe("the vendor's rate-limit headers", () => {
  it('calls left, with none of ours in flight: sending goes on at once, paced so that they last until the reset', async () => {
    const limiter = new RateLimiter();
    limiter.onAnswer(200, limitHeaders('5', '1')); // 5 over 1 s: one every 200 ms
    expect(limiter.state().requestsPerSecond).toBe(5);
    let sent = 0;
    for (let n = 0; n < 3; n += 1) void limiter.acquire().then(() => (sent += 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toBe(3);
  });

  it('none left while one of ours is still unanswered: sending is not paused until the reset (its answer may say more)', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 100 });
    for (let n = 0; n < 2; n += 1) void limiter.acquire();
    await vi.advanceTimersByTimeAsync(10);
    limiter.onAnswer(200, limitHeaders('0', '10')); // one of the two answered, the other still in flight
    let sent = false;
    void limiter.acquire().then(() => (sent = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toBe(true);
  });

  it('what remains is less our calls still in flight: a call that got no answer no longer counts, the others still do', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 100 });
    for (let n = 0; n < 3; n += 1) void limiter.acquire();
    await vi.advanceTimersByTimeAsync(20);
    limiter.onNoAnswer(); // the connection failed: 2 in flight
    limiter.onAnswer(200, limitHeaders('5', '1')); // 1 in flight: 4 of the 5 left are ours to spend over 1 s
    expect(limiter.state().requestsPerSecond).toBe(4);
  });

  it('headers that allow more do not undo a cut: the rate throttling taught still holds', async () => {
    const limiter = new RateLimiter();
    for (let n = 0; n < 100; n += 1) {
      await vi.advanceTimersByTimeAsync(10);
      limiter.onAnswer(200);
    }
    limiter.onAnswer(429); // 100 accepted a second: cut below that
    expect(limiter.state().requestsPerSecond).toBeLessThan(100);
    limiter.onAnswer(200, limitHeaders('1000', '1'));
    expect(limiter.state().requestsPerSecond).toBeLessThan(100);
    await vi.advanceTimersByTimeAsync(1_000); // past the reset too
    expect(limiter.state().requestsPerSecond).toBeLessThan(100);
  });
});

describe('rateLimitAllowance', () => {
  it('a remaining that is negative or not a number gives no allowance; none remaining, or a reset of 0 (now), is one', () => {
    expect(rateLimitAllowance(limitHeaders('-1', '5'), 0)).toBeUndefined();
    expect(rateLimitAllowance(limitHeaders('many', '5'), 0)).toBeUndefined();
    expect(rateLimitAllowance(limitHeaders('3', '-1'), 0)).toBeUndefined();
    expect(rateLimitAllowance(limitHeaders('0', '5'), 0)).toEqual({ remaining: 0, resetMs: 5_000 });
    expect(rateLimitAllowance(limitHeaders('3', '0'), 0)).toEqual({ remaining: 3, resetMs: 0 });
  });
});
