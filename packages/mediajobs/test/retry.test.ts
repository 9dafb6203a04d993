import {
  AbortError,
  ConnectionError,
  DEFAULT_TIMEOUT_MS,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@mediajobs/core';
import { describe, expect, it, vi } from 'vitest';
import { withRetries } from '../src/retry.js';
import { backoffMs } from '../src/retry-policy.js';

describe('backoffMs', () => {
  it('doubles from 0.5 s up to 8 s, with a jitter in [0.75, 1]', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffMs(0, () => 0)).toBe(375);
  });
});

describe('withRetries', () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  const run = <T>(attempt: (signal: AbortSignal | undefined, n: number) => Promise<T>, extra = {}) => {
    sleeps.length = 0;
    return withRetries(attempt, { provider: 'tavus', sleep, random: () => 1, ...extra });
  };

  it('retries retryable errors with backoff, then returns', async () => {
    let n = 0;
    await expect(run(async () => (n++ < 2 ? Promise.reject(new ServerError('x')) : 'done'))).resolves.toBe('done');
    expect(sleeps).toEqual([500, 1000]);
  });

  it("waits the vendor's Retry-After instead of the backoff", async () => {
    let n = 0;
    await run(async () => (n++ === 0 ? Promise.reject(new RateLimitError('x', { retryAfterMs: 1234 })) : 'ok'));
    expect(sleeps).toEqual([1234]);
  });

  it('stops after maxRetries and throws the last error', async () => {
    let n = 0;
    await expect(run(async () => Promise.reject(new ConnectionError(`try ${n++}`)), { maxRetries: 1 })).rejects.toThrow(
      'try 1',
    );
  });

  it('never retries an error that is not retryable', async () => {
    let n = 0;
    await expect(
      run(async () => {
        n += 1;
        throw new InvalidRequestError('bad');
      }),
    ).rejects.toThrow('bad');
    expect(n).toBe(1);
  });

  it('turns anything fetch throws into a ConnectionError, and a timed-out attempt into a TimeoutError', async () => {
    await expect(
      run(async () => Promise.reject(new TypeError('fetch failed')), { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ConnectionError);
    const timedOut = run(
      (signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
      { maxRetries: 0, timeoutMs: 10 },
    );
    await expect(timedOut).rejects.toBeInstanceOf(TimeoutError);
  });

  it(`times each attempt out after DEFAULT_TIMEOUT_MS (${DEFAULT_TIMEOUT_MS} ms) when no timeoutMs is given`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const signals: (AbortSignal | undefined)[] = [];
      const call = run(
        (signal) => {
          signals.push(signal);
          return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
        },
        { maxRetries: 0 },
      ).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
      expect(signals[0]?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await call;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toBe('tavus: no complete answer within 60000 ms (retry, or raise timeoutMs)');
    } finally {
      vi.useRealTimers();
    }
  });

  it("timeoutMs: Infinity sets no limit (no signal without a caller's)", async () => {
    let seen: AbortSignal | undefined | null = null;
    await run(
      async (signal) => {
        seen = signal;
      },
      { timeoutMs: Number.POSITIVE_INFINITY },
    );
    expect(seen).toBeUndefined();
  });

  it('an abort wins over everything and is never retried', async () => {
    const controller = new AbortController();
    let n = 0;
    const call = run(
      async () => {
        n += 1;
        controller.abort();
        throw new ServerError('x');
      },
      { signal: controller.signal },
    );
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(n).toBe(1);
  });
});
