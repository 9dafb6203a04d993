// The facade against Prism mocks of every spec: each method, each vendor, and the documented error
// answers mapped to the one taxonomy.
import { describe, expect, it } from 'vitest';
import { type ContractFetchOptions, contractFetchForAll, prismUrl } from '../../../test-support/contract.js';
import {
  AuthenticationError,
  createMediaJobs,
  InsufficientCreditsError,
  InvalidRequestError,
  type JobRef,
  MediaJobsError,
  NotFoundError,
  PermissionDeniedError,
  ServerError,
  UnsupportedOperationError,
} from '../src/index.js';
import { label } from './helpers.js';

function facade(options: ContractFetchOptions = {}) {
  const { fetch, calls } = contractFetchForAll(options);
  const jobs = createMediaJobs({
    tensorslab: { apiKey: 'tl_key', baseUrl: prismUrl('tensorslab-video') },
    tavus: { apiKey: 'tvs_key', baseUrl: prismUrl('tavus') },
    bifrost: { apiKey: 'sk-bf-key', baseUrl: prismUrl('bifrost') },
    a2e: { apiKey: 'sk_a2e_key', baseUrl: prismUrl('a2e') },
    fetch,
    maxRetries: 0,
  });
  return { jobs, calls };
}

const REFS: JobRef[] = [
  { provider: 'tensorslab', id: 'abcd_1234567890abcdef' },
  { provider: 'tensorslab', id: 'abcd_1234567890abcdef', kind: 'image' },
  { provider: 'tavus', id: '8a4f94e736' },
  { provider: 'bifrost', id: 'video_abc123:openai' },
  { provider: 'a2e', id: '668d0108b3cb5f841f30f8f4' },
  // The worked example of a new kind (CONTRIBUTING.md): the spec's example replica.
  { provider: 'tavus', id: 'r783537ef5', kind: 'replica' },
];

describe.each(REFS.map((ref) => [label(ref), ref] as const))('%s through the facade', (_, ref) => {
  it('delete', async () => {
    const { jobs, calls } = facade();
    await expect(jobs.delete(ref)).resolves.toEqual({
      ...ref,
      // Every ref comes back with its kind: the vendor's first when it named none.
      kind: ref.kind ?? 'video',
      deleted: true,
    });
    expect(calls()).toHaveLength(1);
  });

  it('get: the documented example job, as a succeeded Job with its URL', async () => {
    const job = await facade().jobs.get(ref);
    expect(job).toMatchObject({ provider: ref.provider, id: ref.id, kind: ref.kind ?? 'video', status: 'succeeded' });
    // The spec's example replica has no thumbnail; every example job has its result's URL.
    expect(job.urls.length).toBeGreaterThan(ref.kind === 'replica' ? -1 : 0);
    expect(job.raw).toBeTypeOf('object');
  });

  it('wait: returns the terminal job', async () => {
    expect((await facade().jobs.wait(ref, { intervalMs: 10 })).status).toBe('succeeded');
  });

  it('deleteMany and deleteEach', async () => {
    const { jobs } = facade();
    expect((await jobs.deleteMany([ref, ref])).map((outcome) => outcome.ok)).toEqual([true, true]);
    const each: boolean[] = [];
    for await (const outcome of jobs.deleteEach([ref])) each.push(outcome.ok);
    expect(each).toEqual([true]);
  });

  it('a key that does not arrive is an AuthenticationError', async () => {
    const error = await facade({ expect: 'missing-auth', dropCredentials: true })
      .jobs.delete(ref)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ provider: ref.provider, status: 401 });
  });
});

describe('documented error answers, through the facade', () => {
  const cases: [string, JobRef, 'delete' | 'get', string, typeof MediaJobsError, string | number | undefined][] = [
    ['TensorsLab 400', REFS[0] as JobRef, 'delete', 'code=400', InvalidRequestError, 9999],
    [
      'TensorsLab HTTP 200, code 9000',
      REFS[0] as JobRef,
      'delete',
      'example=insufficientCredits',
      InsufficientCreditsError,
      9000,
    ],
    ['TensorsLab HTTP 200, code 9999', REFS[1] as JobRef, 'delete', 'example=failed', MediaJobsError, 9999],
    ['TensorsLab 404 on status', REFS[0] as JobRef, 'get', 'code=404', NotFoundError, 9999],
    ['Tavus 400 Invalid video_id (its not-found)', REFS[2] as JobRef, 'delete', 'code=400', NotFoundError, undefined],
    ['Tavus 401', REFS[2] as JobRef, 'get', 'code=401', AuthenticationError, undefined],
    ['Bifrost 400', REFS[3] as JobRef, 'delete', 'code=400', InvalidRequestError, undefined],
    ['Bifrost 401', REFS[3] as JobRef, 'delete', 'code=401', AuthenticationError, 'virtual_key_required'],
    ['Bifrost 402', REFS[3] as JobRef, 'delete', 'code=402', InsufficientCreditsError, 'budget_exceeded'],
    ['Bifrost 403', REFS[3] as JobRef, 'delete', 'code=403', PermissionDeniedError, 'provider_blocked'],
    ['Bifrost 404', REFS[3] as JobRef, 'delete', 'code=404', NotFoundError, undefined],
    ['Bifrost 500', REFS[3] as JobRef, 'get', 'code=500', ServerError, undefined],
  ];
  it.each(cases)('%s', async (_, ref, method, prefer, ErrorClass, code) => {
    const error = await facade({ prefer })
      .jobs[method](ref)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ provider: ref.provider, code });
    expect((error as Error).message).toMatch(new RegExp(`^${ref.provider}: `));
  });

  it("a failed TensorsLab image reports the vendor's error_message as the job's error", async () => {
    const job = await facade({ prefer: 'example=failed' }).jobs.get(REFS[1] as JobRef);
    expect(job).toMatchObject({
      status: 'failed',
      error: 'Generation failed: the prompt was rejected by the safety filter',
    });
  });

  it('an A2E task with a string anchor_type and a null custom_backs_id decodes to a job', async () => {
    const job = await facade({ prefer: 'example=success' }).jobs.get(REFS[4] as JobRef);
    expect(job).toMatchObject({ provider: 'a2e', status: 'succeeded' });
    expect(job.raw).toMatchObject({ anchor_type: '0', custom_backs_id: null });
  });

  it('a Bifrost job with the new extra_fields and content_filter decodes to a job', async () => {
    const job = await facade({ prefer: 'example=completed' }).jobs.get(REFS[3] as JobRef);
    expect(job).toMatchObject({ status: 'succeeded', urls: ['https://example.com/videos/video_abc123.mp4'] });
    expect(job.raw).toMatchObject({
      content_filter: { filtered_count: 0 },
      extra_fields: { resolved_model_used: 'sora-2' },
    });
  });

  it('a job still running, polled by wait, ends when the mock says it has failed', async () => {
    const job = await facade({ prefer: 'example=failed' }).jobs.wait(REFS[3] as JobRef, { intervalMs: 10 });
    expect(job).toMatchObject({ status: 'failed', error: "The prompt was blocked by the provider's moderation" });
  });
});

describe('list through the facade', () => {
  it('Tavus: a mock that serves the same page for every page number ends after the repeats, each job once', async () => {
    const { jobs, calls } = facade();
    const listed = [];
    for await (const job of jobs.list({ provider: 'tavus' })) listed.push(job);
    expect(listed.map((job) => [job.id, job.status])).toEqual([
      ['783537ef5', 'succeeded'],
      ['8a4f94e736', 'running'],
    ]);
    // page 0 is new; pages 1 and 2 repeat it, and two pages with nothing new end the walk
    expect(calls().map((call) => call.url.searchParams.get('page'))).toEqual(['0', '1', '2']);
  });

  it('Tavus: a date filter reads each video once for its creation time (an HTTP date)', async () => {
    const { jobs, calls } = facade();
    const listed = [];
    for await (const job of jobs.list({ provider: 'tavus', createdBefore: new Date('2025-08-01T00:00:00Z') })) {
      listed.push(job);
    }
    expect(listed.map((job) => job.createdAt?.toISOString())).toEqual([
      '2025-07-14T09:14:24.000Z',
      '2025-07-14T09:14:24.000Z',
    ]);
    expect(calls().filter((call) => call.operationId === 'getVideo')).toHaveLength(2);
  });

  it('Bifrost: one upstream, ids as the gateway gives them, unix-seconds creation times', async () => {
    const { jobs, calls } = facade();
    const listed = [];
    for await (const job of jobs.list({ provider: 'bifrost', upstream: 'openai' })) listed.push(job);
    expect(listed.map((job) => [job.id, job.createdAt?.getTime()])).toEqual([
      ['video_abc123:openai', 1767225600_000],
      ['video_def456:openai', 1767225900_000],
    ]);
    expect(calls()[0]?.url.searchParams.get('provider')).toBe('openai');
  });

  it("Bifrost: an upstream that cannot list is the gateway's 400, as an UnsupportedOperationError", async () => {
    const error = await (async () => {
      for await (const _ of facade({ prefer: 'code=400, example=unsupportedOperation' }).jobs.list({
        provider: 'bifrost',
        upstream: 'runware',
      })) {
        // nothing is listed
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ provider: 'bifrost', status: 400, retryable: false, code: 'unsupported_operation' });
  });

  it('A2E: tasks with their ISO creation times; the repeated page ends the walk', async () => {
    const { jobs } = facade();
    const listed = [];
    for await (const job of jobs.list({ provider: 'a2e', status: 'succeeded' })) listed.push(job);
    expect(listed.map((job) => [job.id, job.createdAt?.toISOString()])).toEqual([
      ['668d0108b3cb5f841f30f8f4', '2023-10-11T08:25:26.713Z'],
    ]);
  });
});
