import { describe, expect, it } from 'vitest';
import { parseVendorTime } from '../src/index.js';

describe('parseVendorTime: creation times as each vendor writes them, never guessed', () => {
  it.each([
    ['Bifrost unix seconds', 1767225600, '2026-01-01T00:00:00.000Z'],
    ['Tavus HTTP date', 'Mon, 14 Jul 2025 09:14:24 GMT', '2025-07-14T09:14:24.000Z'],
    ['A2E ISO with Z', '2023-10-11T08:25:26.713Z', '2023-10-11T08:25:26.713Z'],
    ['ISO with an offset', '2023-10-11T10:25:26+02:00', '2023-10-11T08:25:26.000Z'],
    ['ISO with a space and Z', '2023-10-11 08:25:26Z', '2023-10-11T08:25:26.000Z'],
  ])('%s', (_, value, iso) => {
    expect(parseVendorTime(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a time without a zone (Tavus callbacks)', '2024-08-28 15:27:40.824457'],
    ['a date alone', '2024-08-28'],
    ['words', 'yesterday'],
    ['zero seconds', 0],
    ['a negative number', -5],
    ['NaN', Number.NaN],
    ['null', null],
    ['an object', { seconds: 5 }],
  ])('%s is undefined', (_, value) => {
    expect(parseVendorTime(value)).toBeUndefined();
  });
});
