import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, ConnectionError, InvalidRequestError, MediaJobsError } from '../src/index.js';

describe('MediaJobsError', () => {
  it('carries provider, status, code, retryable and requestId', () => {
    const error = new ConnectionError('tavus: socket hang up', {
      provider: 'tavus',
      status: 502,
      code: 'bad_gateway',
      retryable: true,
      requestId: 'req_1',
    });
    expect(error).toBeInstanceOf(MediaJobsError);
    expect(error).toMatchObject({ name: 'ConnectionError', provider: 'tavus', status: 502, code: 'bad_gateway' });
    expect(error.retryable).toBe(true);
    expect(error.requestId).toBe('req_1');
  });

  it('is retryable only when told so', () => {
    expect(new InvalidRequestError('x').retryable).toBe(false);
  });

  it('is recognised by its marker, not only by instanceof (two copies of the package)', () => {
    const fromOtherCopy = Object.defineProperty(new Error('other copy'), Symbol.for('mediajobs.error'), {
      value: true,
    });
    expect(fromOtherCopy instanceof MediaJobsError).toBe(false);
    expect(MediaJobsError.isInstance(fromOtherCopy)).toBe(true);
    expect(MediaJobsError.isInstance(new AuthenticationError('x'))).toBe(true);
    expect(MediaJobsError.isInstance(new Error('plain'))).toBe(false);
    expect(MediaJobsError.isInstance(null)).toBe(false);
  });

  it('keeps its cause and prints its name', () => {
    const cause = new TypeError('fetch failed');
    const error = new ConnectionError('a2e: fetch failed', { provider: 'a2e', cause });
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('ConnectionError: a2e: fetch failed');
    expect(inspect(error)).toContain('ConnectionError: a2e: fetch failed');
  });
});
