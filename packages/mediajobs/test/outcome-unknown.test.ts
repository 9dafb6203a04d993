// `error.outcomeUnknown`: set when a delete may have been acted on although it failed, and only then.
import { describe, expect, it } from 'vitest';
import { hang, json } from '../../../test-support/scripted-fetch.js';
import { AuthenticationError, ConnectionError, NotFoundError, TimeoutError } from '../src/index.js';
import { facadeWith, KEY } from './helpers.js';

const TAVUS = { provider: 'tavus', id: 'v1' } as const;
const fast = { backoff: { initialMs: 1, maxMs: 1 } };

describe('outcomeUnknown on a delete', () => {
  it('is true after a timeout', async () => {
    const { jobs } = facadeWith((_, signal) => hang(signal), { timeoutMs: 20, maxRetries: 0 });
    const error = await jobs.delete(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ outcomeUnknown: true });
  });

  it('is true after a dropped connection', async () => {
    const { jobs } = facadeWith(
      () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })),
      { ...fast, maxRetries: 1 },
    );
    const error = await jobs.delete(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: true });
  });

  it('is true on the final error after an unclear attempt (a 5xx, then a 401), and in deleteMany outcomes', async () => {
    let n = 0;
    const script = () => (n++ % 2 === 0 ? json(502, {}) : json(401, { error: 'key revoked' }));
    const { jobs } = facadeWith(script, fast);
    const error = await jobs.delete(TAVUS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ retryable: false, outcomeUnknown: true });
    const [outcome] = await jobs.deleteMany([TAVUS]);
    expect(outcome).toMatchObject({ ok: false, error: { name: 'AuthenticationError', outcomeUnknown: true } });
    const each = [];
    for await (const item of jobs.deleteEach([TAVUS])) each.push(item);
    expect(each).toMatchObject([{ ok: false, error: { outcomeUnknown: true } }]);
  });

  it('is true on a final retryable error after an unclear attempt, its message as it was', async () => {
    const { jobs } = facadeWith(() => json(503, { error: 'busy' }), { ...fast, maxRetries: 1 });
    const error = await jobs.delete(TAVUS).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, outcomeUnknown: true, message: 'tavus: HTTP 503: busy (retry later)' });
  });

  it('survives redaction (the error echoing the key is mended in place)', async () => {
    let n = 0;
    const { jobs } = facadeWith(() => (n++ === 0 ? json(500, {}) : json(401, { error: `bad key ${KEY}` })), fast);
    const error = (await jobs.delete(TAVUS).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(KEY);
    expect(error).toMatchObject({ outcomeUnknown: true });
  });

  it('is absent after a clear refusal: a 404 on the first attempt, a 401', async () => {
    const gone = await facadeWith(() => json(404, {}))
      .jobs.delete(TAVUS)
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).outcomeUnknown).toBeUndefined();
    const denied = await facadeWith(() => json(401, {}))
      .jobs.delete(TAVUS)
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect((denied as AuthenticationError).outcomeUnknown).toBeUndefined();
  });

  it('is absent after a 429 then a clear refusal (the vendor did not act on a 429)', async () => {
    let n = 0;
    const { jobs } = facadeWith(() => (n++ === 0 ? json(429, {}, { 'retry-after': '0' }) : json(401, {})));
    const error = (await jobs.delete(TAVUS).catch((e: unknown) => e)) as AuthenticationError;
    expect(error.outcomeUnknown).toBeUndefined();
    expect(error.message).not.toContain('may already be deleted');
  });
});
