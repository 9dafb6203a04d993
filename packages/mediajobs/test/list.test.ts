// jobs.list: every job once, in bounded pages, whatever the vendor's paging does; filters that never
// guess a creation time; the refusals that come before any request.

import type { KindOperations } from '@mediajobs/core';
import { type SeededJob, seedJobs, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../../test-support/scripted-fetch.js';
import {
  DEFAULT_MAX_JOBS,
  InvalidRequestError,
  type Job,
  type ListOptions,
  MAX_JOBS_EXCEEDED,
  type MediaJobsError,
  ServerError,
  UnsupportedOperationError,
} from '../src/index.js';
import { listJobs } from '../src/list.js';
import { facadeAt, facadeWith } from './helpers.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12);

async function collect(iterable: AsyncIterable<Job>): Promise<Job[]> {
  const jobs: Job[] = [];
  for await (const job of iterable) jobs.push(job);
  return jobs;
}

/** How many jobs a list yielded before it failed, and its error. */
async function countUntilFailure(iterable: AsyncIterable<Job>): Promise<{ listed: number; error: unknown }> {
  let listed = 0;
  try {
    for await (const _ of iterable) listed += 1;
  } catch (error) {
    return { listed, error };
  }
  throw new Error('expected the list to fail');
}

async function failureOf(iterable: AsyncIterable<Job>): Promise<unknown> {
  return collect(iterable).then(
    () => new Error('expected the list to fail'),
    (error: unknown) => error,
  );
}

const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serverWith(jobs: SeededJob[], faults: { faultRate?: number; seed?: number } = {}) {
  const server = await startFaultServer({
    jobs,
    faults: ['http500', 'http502Html', 'http503', 'rateLimit', 'reset', 'truncated'],
    ...faults,
  });
  servers.push(server);
  return server;
}

const LISTS: [string, ListOptions][] = [
  ['tavus', { provider: 'tavus' }],
  ['bifrost', { provider: 'bifrost', upstream: 'openai' }],
  ['a2e', { provider: 'a2e' }],
];

describe.each(LISTS)('%s against the fault server', (provider, options) => {
  it('every job exactly once over many pages, at 20% faults', async () => {
    const seeded = seedJobs({ count: 1_050, now: NOW });
    const server = await serverWith(seeded, { faultRate: 0.2, seed: 3 });
    const jobs = facadeAt(server.url, { maxRetries: 8, backoff: { initialMs: 1, maxMs: 5 } });
    const listed = await collect(jobs.list(options));
    const expected = seeded.filter((job) => job.provider === provider).map((job) => job.id);
    expect(listed.map((job) => job.id).sort()).toEqual(expected.sort());
    expect(server.ledger.faults.size).toBeGreaterThan(0);
  });

  it('older than a cutoff is strict, and newer than one too: a job created at the cutoff matches neither', async () => {
    const cutoff = NOW - 30 * DAY;
    const seeded: SeededJob[] = [cutoff - 1000, cutoff, cutoff + 1000].map((createdAtMs, n) => ({
      provider: provider as SeededJob['provider'],
      id: provider === 'bifrost' ? `j${n}:openai` : `j${n}`,
      upstream: provider === 'bifrost' ? 'openai' : undefined,
      createdAtMs,
    }));
    const jobs = facadeAt((await serverWith(seeded)).url);
    const ids = async (filter: Partial<ListOptions>) =>
      (await collect(jobs.list({ ...options, ...filter }))).map((job) => job.id.split(':')[0]);
    expect(await ids({ createdBefore: new Date(cutoff) })).toEqual(['j0']);
    expect(await ids({ createdAfter: new Date(cutoff) })).toEqual(['j2']);
    expect((await ids({})).sort()).toEqual(['j0', 'j1', 'j2']);
  });
});

describe('a vendor that never stops paging (new ids on every page)', () => {
  /**
   * Each vendor's list page of 100 jobs never listed before, and "more to come". (It stops after 20
   * pages, so that a walk without the cap ends, and the test fails rather than hangs.)
   */
  const freshPage = (provider: string, page: number) => {
    const ids = page < 20 ? Array.from({ length: 100 }, (_, n) => `j${page * 100 + n}`) : [];
    if (provider === 'tavus') return { data: ids.map((video_id) => ({ video_id, status: 'ready' })) };
    if (provider === 'a2e') return { code: 0, data: { data: ids.map((_id) => ({ _id, status: 'success' })) } };
    const data = ids.map((id) => ({ id: `${id}:openai`, status: 'completed', created_at: 1 }));
    return {
      object: 'list',
      data,
      has_more: ids.length > 0,
      last_id: ids.length > 0 ? `${ids.at(-1)}:openai` : undefined,
    };
  };

  it.each(LISTS)(
    '%s: ends after maxJobs distinct jobs with a ServerError coded MAX_JOBS_EXCEEDED',
    async (provider, options) => {
      let page = 0;
      const { jobs, calls } = facadeWith(() => json(200, freshPage(provider, page++)));
      const { listed, error } = await countUntilFailure(jobs.list({ ...options, maxJobs: 250 }));
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ code: MAX_JOBS_EXCEEDED, retryable: false });
      expect((error as Error).message).toBe(
        `${provider}: the vendor listed more than 250 jobs without ending; it may be paging endlessly (new ids on every page). If the account really holds more, raise maxJobs`,
      );
      // Two pages listed (200 jobs); the third took it past 250, and nothing was read after it.
      expect(listed).toBe(200);
      expect(calls).toHaveLength(3);
    },
  );

  it(`without maxJobs, the list ends past DEFAULT_MAX_JOBS (${DEFAULT_MAX_JOBS}) jobs`, async () => {
    // The walk itself (listJobs), with pages of 50,000 from memory: the facade's decoding and
    // redaction of a million jobs would only make this slower.
    let pages = 0;
    const adapter = {
      // It ends after 30 pages (1.5 million jobs), so that a walk without the cap ends.
      listPage: async () => ({
        jobs: Array.from({ length: 50_000 }, (_, n) => ({ id: `v${pages}_${n}` }) as Job),
        next: ++pages < 30 ? String(pages) : undefined,
      }),
    } as unknown as KindOperations;
    const walk = listJobs(
      { provider: 'tavus' },
      {
        operations: () => adapter,
        readPage: (read) => read(undefined),
        get: async (job) => job,
        job: (job) => job as Job,
        error: (e) => e,
      },
    );
    const { listed, error } = await countUntilFailure(walk);
    expect(error).toMatchObject({ code: MAX_JOBS_EXCEEDED });
    expect(listed).toBe(DEFAULT_MAX_JOBS);
    expect(pages).toBe(21);
  });

  it('an account of exactly maxJobs jobs lists whole', async () => {
    const { jobs } = facadeWith(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      return json(200, freshPage('tavus', page < 2 ? page : 20));
    });
    expect(await collect(jobs.list({ provider: 'tavus', maxJobs: 200 }))).toHaveLength(200);
  });
});

describe('Tavus', () => {
  it('list items have no creation time: it is read per video, and only when a date filter asks', async () => {
    const seeded = seedJobs({ count: 30, now: NOW, providers: ['tavus'] });
    const server = await serverWith(seeded);
    const jobs = facadeAt(server.url);
    const all = await collect(jobs.list({ provider: 'tavus' }));
    expect(all.every((job) => job.createdAt === undefined)).toBe(true);
    expect(server.ledger.requests.get('tavus get')).toBeUndefined();
    const old = await collect(jobs.list({ provider: 'tavus', createdBefore: new Date(NOW - 30 * DAY) }));
    expect(server.ledger.requests.get('tavus get')).toBe(30);
    const expected = seeded.filter((job) => job.createdAtMs < NOW - 30 * DAY);
    expect(old.map((job) => job.createdAt?.getTime()).sort()).toEqual(expected.map((job) => job.createdAtMs).sort());
  });

  it('pages numbered from 1 (page 0 repeating page 1) still give every video once', async () => {
    const videos = Array.from({ length: 250 }, (_, n) => ({ video_id: `v${n}`, status: 'ready' }));
    const { jobs, calls } = facadeWith(({ url }) => {
      const page = Math.max(1, Number(url.searchParams.get('page')));
      const limit = Number(url.searchParams.get('limit'));
      return json(200, { data: videos.slice((page - 1) * limit, page * limit) });
    });
    const listed = await collect(jobs.list({ provider: 'tavus' }));
    expect(listed.map((job) => job.id)).toEqual(videos.map((video) => video.video_id));
    expect(calls.map((call) => call.url.searchParams.get('page'))).toEqual(['0', '1', '2', '3', '4']);
  });

  it('pages numbered from 1 with an empty page 0: page 1 is read before the list is called empty', async () => {
    const videos = Array.from({ length: 150 }, (_, n) => ({ video_id: `v${n}`, status: 'ready' }));
    const { jobs, calls } = facadeWith(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      const limit = Number(url.searchParams.get('limit'));
      return json(200, { data: page === 0 ? [] : videos.slice((page - 1) * limit, page * limit) });
    });
    const listed = await collect(jobs.list({ provider: 'tavus' }));
    expect(listed.map((job) => job.id)).toEqual(videos.map((video) => video.video_id));
    expect(calls.map((call) => call.url.searchParams.get('page'))).toEqual(['0', '1', '2', '3']);
  });

  it('an empty account: pages 0 and 1 read, nothing listed', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { data: [] }));
    expect(await collect(jobs.list({ provider: 'tavus' }))).toEqual([]);
    expect(calls.map((call) => call.url.searchParams.get('page'))).toEqual(['0', '1']);
  });

  it('a video whose creation time has no zone is skipped through onSkip, never guessed', async () => {
    const { jobs } = facadeWith(({ url }) =>
      url.pathname === '/v2/videos'
        ? json(200, { data: url.searchParams.get('page') === '0' ? [{ video_id: 'v1', status: 'ready' }] : [] })
        : json(200, { video_id: 'v1', status: 'ready', created_at: '2024-08-28 15:27:40.824457' }),
    );
    const skipped: [string, string][] = [];
    const listed = await collect(
      jobs.list({
        provider: 'tavus',
        createdBefore: new Date(NOW),
        onSkip: (job, reason) => skipped.push([job.id, reason]),
      }),
    );
    expect(listed).toEqual([]);
    expect(skipped).toEqual([['v1', expect.stringContaining('no creation time that can be read')]]);
  });
});

describe('Bifrost', () => {
  it('an id that comes back without its provider suffix gets the upstream appended', async () => {
    const { jobs } = facadeWith(() =>
      json(200, { object: 'list', data: [{ id: 'video_1', status: 'completed', created_at: 1 }], has_more: false }),
    );
    expect((await collect(jobs.list({ provider: 'bifrost', upstream: 'openai' }))).map((job) => job.id)).toEqual([
      'video_1:openai',
    ]);
  });

  it('an upstream that cannot list fails with UnsupportedOperationError, not retried', async () => {
    const server = await serverWith([]);
    const error = await failureOf(facadeAt(server.url).list({ provider: 'bifrost', upstream: 'runware' }));
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(server.ledger.requests.get('bifrost list')).toBe(1);
  });
});

describe('A2E', () => {
  it('an answer of another shape says what was expected and what came', async () => {
    const { jobs } = facadeWith(() => json(200, { code: 0, data: { records: [], total: 0 } }));
    const error = await failureOf(jobs.list({ provider: 'a2e' }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toBe(
      'a2e: expected data.data to be an array of jobs with a string _id, got nothing',
    );
  });
});

describe('refused before any request', () => {
  it.each<[string, object, typeof MediaJobsError, string]>([
    [
      'TensorsLab cannot list',
      { provider: 'tensorslab' },
      UnsupportedOperationError,
      'delete the task ids you recorded',
    ],
    ['Bifrost without upstream', { provider: 'bifrost' }, InvalidRequestError, "upstream: 'openai'"],
    [
      'upstream elsewhere',
      { provider: 'tavus', upstream: 'openai' },
      InvalidRequestError,
      'tavus video: list has no option `upstream`; it takes none',
    ],
    [
      'a kind option the kind does not take',
      { provider: 'tavus', kind: 'document', kindOptions: { nope: 'x' } },
      InvalidRequestError,
      'tavus document: list has no option `nope`; it takes `tags`',
    ],
    ['an invalid date', { provider: 'a2e', createdBefore: new Date('nope') }, InvalidRequestError, 'valid Date'],
    ['an unknown status', { provider: 'a2e', status: 'done' }, InvalidRequestError, 'unknown status'],
    ...[0, -1, 1.5, Number.NaN, '10'].map((maxJobs): [string, object, typeof MediaJobsError, string] => [
      `maxJobs ${String(maxJobs)}`,
      { provider: 'tavus', maxJobs },
      InvalidRequestError,
      '`maxJobs` must be a whole number above 0',
    ]),
  ])('%s', async (_, options, ErrorClass, words) => {
    const { jobs, calls } = facadeWith(() => json(500, {}));
    const error = await failureOf(jobs.list(options as unknown as ListOptions));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error).message.toLowerCase()).toContain(words.toLowerCase());
    expect((error as { retryable: boolean }).retryable).toBe(false);
    expect(calls).toHaveLength(0);
  });
});
