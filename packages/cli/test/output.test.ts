// The progress line's throttling note: one entry per vendor that is throttling now, with its rate.
import { describe, expect, it } from 'vitest';
import { Reporter } from '../src/output.js';

describe('Reporter.throttling', () => {
  it('names each throttling vendor with the rate it is sent at, and nothing for the others', () => {
    const reporter = new Reporter({ stdout: { write: () => true }, stderr: { write: () => true } }, false, undefined);
    expect(reporter.throttling()).toBe('');
    reporter.vendors.add('tavus');
    reporter.vendors.add('bifrost');
    reporter.rates = (provider) =>
      provider === 'tavus'
        ? { requestsPerSecond: 41, throttled: true }
        : { requestsPerSecond: undefined, throttled: false };
    expect(reporter.throttling()).toBe(' | tavus throttled, 41 req/s');
  });
});
