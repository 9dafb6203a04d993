// What the rate limiter reports about itself and how it treats its callers' signals: the rate shown in progress
// reports (rounded, absent while unlimited), how long "throttled" lasts, the message for a bad ceiling, and a signal
// that fired before the call. (Found by rate.ts's first full mutation run, issue 28: each test here failed with one
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
    await vi.advanceTimersByTimeAsync(2_900);
    expect(limiter.state().throttled).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
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
