// What the rate limiter reports about itself and how it treats its callers' signals: the rate shown in progress
// reports (rounded, absent while unlimited), how long "throttled" lasts, the message for a bad ceiling, and a signal
// that fired before the call; and how it paces: callers in the order they asked, no burst saved up while idle, when
// a throttling answer cuts again, and a vendor measured as unlimited that throttles before accepting anything. (Found by rate.ts's first full mutation run, issue 28: each test here failed with one
// operator of rate.ts changed.)
import { InvalidRequestError } from '@mediajobs/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../src/rate.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('state(), for progress reports', () => {
  it('the rate to a tenth of a request per second, and none while the vendor counts as unlimited', async () => {
    const limiter = new RateLimiter();
    expect(limiter.state()).toEqual({ requestsPerSecond: 30, throttled: false });
    for (let n = 0; n < 7; n += 1) {
      await vi.advanceTimersByTimeAsync(100);
      limiter.onAnswer(200);
    }
    limiter.onAnswer(429); // 7 accepted in the 600 ms since the first: 11.67/s, cut to 70%: 8.17
    expect(limiter.state().requestsPerSecond).toBe(8.2);
    expect(new RateLimiter({ adaptive: false }).state().requestsPerSecond).toBeUndefined();
    const ceiling = new RateLimiter({ maxRequestsPerSecond: 2 / 3 });
    expect(ceiling.state().requestsPerSecond).toBe(0.7);
  });

  it('"throttled" holds for 3 s after a throttling answer, then clears', async () => {
    const limiter = new RateLimiter();
    limiter.onAnswer(200);
    limiter.onAnswer(429);
    expect(limiter.state().throttled).toBe(true);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(limiter.state().throttled).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(limiter.state().throttled).toBe(false);
  });
});

describe('the ceiling and the caller’s signal', () => {
  it('a ceiling that is not above 0 is refused, naming the option and the value given', () => {
    expect(() => new RateLimiter({ maxRequestsPerSecond: -5 })).toThrow(InvalidRequestError);
    expect(() => new RateLimiter({ maxRequestsPerSecond: -5 })).toThrow(
      'maxRequestsPerSecond must be a number above 0, got -5',
    );
  });

  it('a signal that fired before the call: rejected with its reason, and no turn taken', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 1 });
    const controller = new AbortController();
    controller.abort(new Error('the caller gave up'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('the caller gave up');
    // The turn it did not take is still free: the next call goes at once.
    let sent = false;
    void limiter.acquire().then(() => (sent = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(true);
  });
});

describe('pacing', () => {
  it('callers go in the order they asked: one asking when a slot has just come free does not pass those waiting', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 10 });
    const order: string[] = [];
    // Set before the limiter's own timer, so it runs first when the second slot comes free at 100 ms.
    setTimeout(() => void limiter.acquire().then(() => order.push('late')), 100);
    await limiter.acquire();
    void limiter.acquire().then(() => order.push('second'));
    void limiter.acquire().then(() => order.push('third'));
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual(['second']);
    await vi.advanceTimersByTimeAsync(200);
    expect(order).toEqual(['second', 'third', 'late']);
  });

  it('after an idle spell the calls are paced from the first one: no burst is saved up', async () => {
    const limiter = new RateLimiter({ maxRequestsPerSecond: 10 });
    await limiter.acquire();
    await vi.advanceTimersByTimeAsync(5_000);
    let sent = 0;
    for (let n = 0; n < 5; n += 1) void limiter.acquire().then(() => (sent += 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toBe(2);
  });

  it('a throttling answer whose sending time is not known cuts again once a second has passed since the cut', async () => {
    const limiter = new RateLimiter();
    for (let n = 0; n < 10; n += 1) {
      await vi.advanceTimersByTimeAsync(50);
      limiter.onAnswer(200);
    }
    limiter.onAnswer(429);
    const cut = limiter.state().requestsPerSecond as number;
    await vi.advanceTimersByTimeAsync(999);
    limiter.onAnswer(429);
    expect(limiter.state().requestsPerSecond).toBe(cut);
    await vi.advanceTimersByTimeAsync(1);
    limiter.onAnswer(429);
    expect(limiter.state().requestsPerSecond).toBeLessThan(cut);
  });

  it('a vendor measured as unlimited that throttles after an idle spell, before accepting anything, stays unlimited', async () => {
    const limiter = new RateLimiter();
    // Slow start ends past 1,000 requests/s: 30 + 3 per accepted call.
    for (let n = 0; n < 324; n += 1) limiter.onAnswer(200);
    expect(limiter.state().requestsPerSecond).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2_000);
    limiter.onAnswer(429); // no rate to cut from: left to the retries
    expect(limiter.state()).toEqual({ requestsPerSecond: undefined, throttled: true });
    limiter.onAnswer(200);
    limiter.onAnswer(429); // one accepted call since: cut from the rate the vendor accepted
    expect(limiter.state().requestsPerSecond).toBeGreaterThan(0);
  });
});
