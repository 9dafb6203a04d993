// A base URL with a user name, password, query or fragment is refused before any request: the facade
// checks the given ones at construction, and a <PROVIDER>_BASE_URL variable on the vendor's first use.
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Origin, startOrigin } from '../../../test-support/origins.js';
import { createMediaJobs, InvalidRequestError, type Provider } from '../src/index.js';
import { KEY } from './helpers.js';

const SECRET = 'hunter2-base-url-secret';

let origin: Origin;
beforeAll(async () => {
  origin = await startOrigin();
});
afterAll(() => origin.close());
afterEach(() => {
  vi.unstubAllEnvs();
  origin.seen.length = 0;
});

const PARTS: [string, (url: string) => string, string][] = [
  [
    'a user name and password',
    (url) => url.replace('//', `//user:${SECRET}@`),
    'must not contain a user name or password; pass the key as apiKey',
  ],
  ['a query', (url) => `${url}/?api_key=${SECRET}`, 'must not contain a query (?...)'],
  ['a fragment', (url) => `${url}/#${SECRET}`, 'must not contain a fragment (#...)'],
];
const PROVIDERS: Provider[] = ['tensorslab', 'tavus', 'bifrost', 'a2e'];

describe('createMediaJobs refuses a base URL with a user name, password, query or fragment', () => {
  it.each(PARTS)('%s: at construction, naming the part and never the value', (_, withPart, words) => {
    for (const provider of PROVIDERS) {
      let error: unknown;
      try {
        createMediaJobs({ [provider]: { apiKey: KEY, baseUrl: withPart(origin.url) } });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain(`${provider}: baseUrl ${words}`);
      expect(inspect(error)).not.toContain(SECRET);
    }
  });

  it.each(PARTS)(
    '%s in TAVUS_BASE_URL: every call fails naming the variable, and no request is sent',
    async (_, withPart, words) => {
      vi.stubEnv('TAVUS_BASE_URL', withPart(origin.url));
      const jobs = createMediaJobs({ tavus: { apiKey: KEY } });
      const ref = { provider: 'tavus', id: 'v1' } as const;
      const failures = [
        await jobs.delete(ref).catch((e: unknown) => e),
        await jobs.get(ref).catch((e: unknown) => e),
        ((await jobs.deleteMany([ref]))[0] as { error?: unknown }).error,
      ];
      for (const error of failures) {
        expect(error).toBeInstanceOf(InvalidRequestError);
        expect((error as Error).message).toContain(`tavus: TAVUS_BASE_URL ${words}`);
        expect(inspect(error)).not.toContain(SECRET);
      }
      expect(origin.seen).toHaveLength(0);
    },
  );

  it('a base URL with ?x=1 never sends the delete (it went to /?x=1/v2/videos/v1 and was reported deleted)', async () => {
    const deleteThrough = async (baseUrl: string) =>
      createMediaJobs({ tavus: { apiKey: KEY, baseUrl } }).delete({ provider: 'tavus', id: 'v1' });
    await expect(deleteThrough(`${origin.url}/?x=1`)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(origin.seen).toHaveLength(0);
  });
});
