// The time helpers every vendor client uses: the Retry-After a vendor sends.
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../src/index.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('retryAfterMs', () => {
  it.each([
    [{ 'retry-after': '2' }, 2_000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Sun, 22 Nov 2026 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Sun, 22 Nov 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-3' }, undefined],
    [{}, undefined],
  ])('%j -> %s', (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), NOW)).toBe(expected);
  });
});
