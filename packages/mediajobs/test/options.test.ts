// Option names: a misplaced or misspelt option fails at construction and says where it goes, naming
// options and never their values (a key given in the wrong place must not reach an error message).
import { createA2eClient } from '@mediajobs/a2e';
import { createBifrostClient } from '@mediajobs/bifrost';
import { InvalidRequestError } from '@mediajobs/core';
import { createTavusClient } from '@mediajobs/tavus';
import { createTensorsLabImagesClient, createTensorsLabVideoClient } from '@mediajobs/tensorslab';
import { describe, expect, it } from 'vitest';
import { createMediaJobs, type MediaJobsOptions } from '../src/index.js';

const SECRET = 'tvs_live_do_not_print_1234567890';

/** The error `create` throws, checked to be an InvalidRequestError that does not hold the secret. */
function refusal(create: () => unknown): InvalidRequestError {
  let thrown: unknown;
  try {
    create();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidRequestError);
  const error = thrown as InvalidRequestError;
  expect(`${error.message} ${String(error.cause ?? '')}`).not.toContain(SECRET);
  return error;
}

describe('createMediaJobs option names', () => {
  it.each(['apiKey', 'baseUrl', 'headers', 'maxRequestsPerSecond'])(
    'a vendor option at the top level (%s) says it is set per vendor',
    (name) => {
      const error = refusal(() => createMediaJobs({ [name]: SECRET } as MediaJobsOptions));
      expect(error.message).toBe(
        `createMediaJobs: unknown option "${name}"; ${name} is set per vendor: createMediaJobs({ tensorslab: { ${name} } }), and the same for tavus, bifrost, a2e`,
      );
    },
  );

  it.each([
    ['batchSize', 'tensorslab'],
    ['keyHeader', 'bifrost'],
  ])("one vendor's own option at the top level (%s) names that vendor", (name, provider) => {
    const error = refusal(() => createMediaJobs({ [name]: SECRET } as MediaJobsOptions));
    expect(error.message).toBe(
      `createMediaJobs: unknown option "${name}"; ${name} is set per vendor: createMediaJobs({ ${provider}: { ${name} } })`,
    );
  });

  it("a vendor's own option of the wrong type is refused, naming the type", () => {
    const error = refusal(() => createMediaJobs({ tensorslab: { batchSize: '10' } } as unknown as MediaJobsOptions));
    expect(error.message).toMatch(/^createMediaJobs: tensorslab\.batchSize must be a number \(task ids per batch/);
  });

  it('an unknown top-level name lists the options', () => {
    expect(refusal(() => createMediaJobs({ retries: 3 } as MediaJobsOptions)).message).toBe(
      'createMediaJobs: unknown option "retries"; the options are tensorslab, tavus, bifrost, a2e, fetch, maxRetries, timeoutMs, backoff, maxResponseBytes, adaptiveRate, maxRequeues, maxRequeueMs',
    );
  });

  it.each([
    [
      'tavus',
      { apikey: SECRET },
      'createMediaJobs: tavus: unknown option "apikey"; the options are apiKey, baseUrl, headers, maxRequestsPerSecond',
    ],
    [
      'tensorslab',
      { keyHeader: 'x' },
      'createMediaJobs: tensorslab: unknown option "keyHeader"; the options are apiKey, baseUrl, headers, maxRequestsPerSecond, batchSize',
    ],
    [
      'bifrost',
      { batchSize: 2 },
      'createMediaJobs: bifrost: unknown option "batchSize"; the options are apiKey, baseUrl, headers, maxRequestsPerSecond, keyHeader, adminAuth',
    ],
  ])('a misspelt or misplaced name in the %s block', (provider, block, message) => {
    expect(refusal(() => createMediaJobs({ [provider]: block } as MediaJobsOptions)).message).toBe(message);
  });

  it('a vendor block that is not an object is refused without echoing it', () => {
    expect(refusal(() => createMediaJobs({ tavus: SECRET } as unknown as MediaJobsOptions)).message).toBe(
      'createMediaJobs: tavus: options must be an object such as { apiKey, baseUrl }',
    );
  });

  it('every documented option is accepted', () => {
    const vendor = { apiKey: 'k', baseUrl: 'http://127.0.0.1:1', headers: {}, maxRequestsPerSecond: 5 };
    expect(() =>
      createMediaJobs({
        tensorslab: { ...vendor, batchSize: 10 },
        tavus: vendor,
        bifrost: { ...vendor, keyHeader: 'x-bf-vk' },
        a2e: vendor,
        fetch: globalThis.fetch,
        maxRetries: 1,
        timeoutMs: 1000,
        backoff: { initialMs: 1, maxMs: 2 },
        maxResponseBytes: 1024,
        adaptiveRate: false,
        maxRequeues: 5,
        maxRequeueMs: 60_000,
      }),
    ).not.toThrow();
  });
});

describe('vendor factory option names (checked where every client is made: createVendorClient)', () => {
  it.each([
    ['createTavusClient', '@mediajobs/tavus', createTavusClient],
    ['createA2eClient', '@mediajobs/a2e', createA2eClient],
    ['createTensorsLabVideoClient', '@mediajobs/tensorslab', createTensorsLabVideoClient],
    ['createTensorsLabImagesClient', '@mediajobs/tensorslab', createTensorsLabImagesClient],
    ['createBifrostClient', '@mediajobs/bifrost', createBifrostClient],
  ] as const)('%s refuses a misspelt option, and takes the documented ones', (_, packageName, create) => {
    expect(refusal(() => create({ apikey: SECRET } as never)).message).toBe(
      `${packageName}: unknown option "apikey"; the options are apiKey, baseUrl, fetch, headers, maxResponseBytes, timeoutMs`,
    );
    expect(() =>
      create({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', fetch, headers: {}, maxResponseBytes: 1, timeoutMs: 1 }),
    ).not.toThrow();
  });

  it('createBifrostClient also takes keyHeader', () => {
    expect(() => createBifrostClient({ keyHeader: 'x-bf-vk' })).not.toThrow();
  });
});
