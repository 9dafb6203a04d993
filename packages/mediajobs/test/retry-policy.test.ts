// The retry policy's decisions (retry-policy.ts), and where errors learn that the vendor may have acted.

import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  MediaJobsError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  toMediaJobsError,
} from '@mediajobs/core';
import { describe, expect, it } from 'vitest';
import { withRetries } from '../src/retry.js';
import {
  isRequeue,
  isThrottling,
  MAX_RETRY_AFTER_MS,
  mayHaveActed,
  retryWaitMs,
  shouldRetry,
} from '../src/retry-policy.js';

const accepting = { acceptedSince: () => true };
const idle = { acceptedSince: () => false };

describe('retry policy', () => {
  it.each([
    [new RateLimitError('x'), true],
    [new ServerError('x'), true],
    [new ConnectionError('x'), true],
    [new TimeoutError('x'), true],
    [new ServerError('an answer no valid one looks like', { retryable: false }), false],
    [new InvalidRequestError('x'), false],
    [new AuthenticationError('x'), false],
    [new NotFoundError('x'), false],
    [new AbortError('x'), false],
    [new MediaJobsError('x'), false],
  ])('shouldRetry(%o) is %s', (error, expected) => {
    expect(shouldRetry(error)).toBe(expected);
  });

  it('retries nothing once the caller has aborted', () => {
    expect(shouldRetry(new ServerError('x'), AbortSignal.abort())).toBe(false);
  });

  it('honours a Retry-After up to MAX_RETRY_AFTER_MS, and fails at once past it', async () => {
    expect(shouldRetry(new RateLimitError('x', { retryAfterMs: MAX_RETRY_AFTER_MS }))).toBe(true);
    expect(shouldRetry(new RateLimitError('x', { retryAfterMs: MAX_RETRY_AFTER_MS + 1 }))).toBe(false);
    let attempts = 0;
    const tooLong = new RateLimitError('x', { status: 429, retryAfterMs: MAX_RETRY_AFTER_MS + 1 });
    const error = await withRetries(
      async () => {
        attempts += 1;
        throw tooLong;
      },
      { provider: 'tavus', sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).toBe(tooLong);
    expect(attempts).toBe(1);
  });

  it('a 429, or a 503 with Retry-After, is throttling; a bare 503 is not', () => {
    expect(isThrottling(new RateLimitError('x', { status: 429 }))).toBe(true);
    expect(isThrottling(new ServerError('x', { status: 503, retryAfterMs: 0 }))).toBe(true);
    expect(isThrottling(new ServerError('x', { status: 503 }))).toBe(false);
  });

  it('throttling re-queues (not counted) only while the vendor accepted other calls since the first attempt', () => {
    const throttled = new RateLimitError('x', { status: 429 });
    expect(isRequeue(throttled, accepting, 0)).toBe(true);
    expect(isRequeue(throttled, idle, 0)).toBe(false);
    expect(isRequeue(throttled, undefined, 0)).toBe(false);
    expect(isRequeue(throttled, accepting, undefined)).toBe(false);
    expect(isRequeue(new ServerError('x', { status: 500 }), accepting, 0)).toBe(false);
  });

  it("waits the vendor's Retry-After, else nothing for a re-queue, else backoff with jitter", () => {
    expect(retryWaitMs(new RateLimitError('x', { retryAfterMs: 1234 }), true, 3)).toBe(1234);
    expect(retryWaitMs(new RateLimitError('x'), true, 3)).toBe(0);
    expect(retryWaitMs(new ServerError('x'), false, 0, { random: () => 1 })).toBe(500);
    expect(retryWaitMs(new ServerError('x'), false, 2, { random: () => 0 })).toBe(1500);
    expect(
      retryWaitMs(new ServerError('x'), false, 9, { random: () => 1, backoff: { initialMs: 10, maxMs: 40 } }),
    ).toBe(40);
  });

  it('the vendor may have acted after no answer, a timeout or a 5xx; not after a 429 or a clear refusal', () => {
    expect(mayHaveActed(new TypeError('fetch failed'))).toBe(true);
    expect(mayHaveActed(new ServerError('x', { status: 502 }))).toBe(true);
    expect(mayHaveActed(new TimeoutError('x'))).toBe(true);
    expect(mayHaveActed(new RateLimitError('x', { status: 429 }))).toBe(false);
    expect(mayHaveActed(new NotFoundError('x', { status: 404 }))).toBe(false);
    expect(mayHaveActed(new AuthenticationError('x', { status: 401 }))).toBe(false);
  });
});

describe('outcomeUnknown', () => {
  it('is set by toMediaJobsError for a timeout, a failed connection and an abort in flight', () => {
    expect(toMediaJobsError('tavus', new Error('x'), { timedOut: true, timeoutMs: 5 })).toMatchObject({
      name: 'TimeoutError',
      outcomeUnknown: true,
    });
    expect(toMediaJobsError('tavus', new TypeError('fetch failed'))).toMatchObject({
      name: 'ConnectionError',
      outcomeUnknown: true,
    });
    expect(toMediaJobsError('tavus', new Error('x'), { signal: AbortSignal.abort() })).toMatchObject({
      name: 'AbortError',
      outcomeUnknown: true,
    });
  });

  it('is absent from a clear answer, and kept when given', () => {
    expect(new NotFoundError('x', { status: 404 }).outcomeUnknown).toBeUndefined();
    expect(new AuthenticationError('x', { status: 401 }).outcomeUnknown).toBeUndefined();
    expect(Object.keys(new ServerError('x'))).not.toContain('outcomeUnknown');
    expect(new AuthenticationError('x', { outcomeUnknown: true }).outcomeUnknown).toBe(true);
  });
});
