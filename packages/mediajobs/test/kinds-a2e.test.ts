// A2E's erasable kinds beyond videos (issue 25) through the facade: the wire format of each, scripted,
// and against the fault server (date-filtered lists, deleteMany, exactly the right ledger keys).
import { type SeededJob, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../../test-support/scripted-fetch.js';
import { type Job, kindOf, UnsupportedOperationError, vendorOf } from '../src/index.js';
import { facadeAt, facadeWith } from './helpers.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** Each kind: how it deletes, reads and lists on the wire. */
const KINDS = [
  {
    kind: 'avatar',
    delete: 'POST /api/v1/userVideoTwin/remove',
    get: '/api/v1/userVideoTwin/',
    list: '/api/v1/userVideoTwin/records',
  },
  {
    kind: 'voice',
    delete: 'DELETE /api/v1/userVoice/',
    get: '/api/v1/userVoice/',
    list: '/api/v1/userVoice/completedRecord',
  },
  { kind: 'face-swap-image', delete: 'DELETE /api/v1/userFaceSwapImage/', list: '/api/v1/userFaceSwapImage/records' },
  {
    kind: 'face-swap-task',
    delete: 'DELETE /api/v1/userFaceSwapTask/',
    get: '/api/v1/userFaceSwapTask/',
    list: '/api/v1/userFaceSwapTask/records',
  },
  { kind: 'dubbing', delete: 'DELETE /api/v1/userDubbing/', list: '/api/v1/userDubbing/allRecords' },
  {
    kind: 'image-to-video',
    delete: 'DELETE /api/v1/userImage2Video/',
    get: '/api/v1/userImage2Video/',
    list: '/api/v1/userImage2Video/allRecords',
  },
  {
    kind: 'caption-removal',
    delete: 'DELETE /api/v1/userCaptionRemoval/',
    list: '/api/v1/userCaptionRemoval/allRecords',
  },
  { kind: 'background', delete: 'DELETE /api/v1/anchor/background/' },
] as const;

const ROW = { _id: 'r1', name: 'one', current_status: 'completed', createdAt: '2026-11-01T00:00:00.000Z' };

describe('A2E record kinds, scripted', () => {
  it('are kinds of the registry, each unverified, with what it is made from', () => {
    const a2e = vendorOf('a2e');
    if (!a2e) throw new Error('no a2e');
    for (const { kind, ...wire } of KINDS) {
      expect(kindOf(a2e, kind), kind).toMatchObject({
        delete: 'one',
        get: 'get' in wire,
        list: 'list' in wire,
      });
      expect(kindOf(a2e, kind)?.unverified, kind).toBeTruthy();
    }
    expect(kindOf(a2e, 'video')?.madeFrom).toEqual(['avatar']);
    expect(kindOf(a2e, 'voice')?.madeFrom).toEqual(['avatar']);
    expect(kindOf(a2e, 'face-swap-task')?.madeFrom).toEqual(['face-swap-image']);
    expect(kindOf(a2e, 'background')?.cannotList).toMatch(/stock/);
  });

  it.each(KINDS)(
    '$kind: delete sends its request with the bearer key; code 0 is done',
    async ({ kind, delete: wire }) => {
      const { jobs, calls } = facadeWith(() => json(200, { code: 0, data: {} }));
      await expect(jobs.delete({ provider: 'a2e', id: 'r1', kind })).resolves.toMatchObject({ deleted: true, kind });
      const [method, path] = wire.split(' ') as [string, string];
      expect(calls[0]?.method).toBe(method);
      if (method === 'POST') {
        expect(calls[0]?.url.pathname).toBe(path);
        expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ _id: 'r1' });
      } else expect(calls[0]?.url.pathname).toBe(`${path}r1`);
      expect(calls[0]?.headers.get('authorization')).toMatch(/^Bearer /);
    },
  );

  it('a delete answered with a non-zero code fails with the vendor message, not as deleted', async () => {
    const { jobs } = facadeWith(() => json(200, { code: 1, msg: 'voice not found' }));
    await expect(jobs.delete({ provider: 'a2e', id: 'r1', kind: 'voice' })).rejects.toThrow('voice not found');
  });

  it.each(KINDS.filter((wire) => 'get' in wire))(
    '$kind: get maps current_status and createdAt; data null is a NotFoundError',
    async ({ kind }) => {
      const answers = [
        { code: 0, data: { ...ROW, current_status: 'processing' } },
        { code: 0, data: { ...ROW, result_url: 'https://r/1.mp4' } },
        { code: 0, data: { ...ROW, current_status: 'failed', failed_message: 'no face' } },
        { code: 0, data: null },
      ];
      let n = 0;
      const { jobs } = facadeWith(() => json(200, answers[n++]));
      const read = () => jobs.get({ provider: 'a2e', id: 'r1', kind });
      expect(await read()).toMatchObject({ kind, status: 'running', createdAt: new Date(ROW.createdAt) });
      expect(await read()).toMatchObject({ status: 'succeeded', urls: ['https://r/1.mp4'] });
      expect(await read()).toMatchObject({ status: 'failed', error: 'no face' });
      await expect(read()).rejects.toMatchObject({ name: 'NotFoundError' });
    },
  );

  it('an unknown status word is an error, not a guess; a task without status too, an avatar without one exists', async () => {
    const unknown = facadeWith(() => json(200, { code: 0, data: { ...ROW, current_status: 'queued-ish' } }));
    await expect(unknown.jobs.get({ provider: 'a2e', id: 'r1', kind: 'image-to-video' })).rejects.toThrow(
      /unknown job status "queued-ish"/,
    );
    const { current_status: _, ...noStatus } = ROW;
    const task = facadeWith(() => json(200, { code: 0, data: noStatus }));
    await expect(task.jobs.get({ provider: 'a2e', id: 'r1', kind: 'face-swap-task' })).rejects.toThrow(
      /unknown job status/,
    );
    const avatar = facadeWith(() => json(200, { code: 0, data: noStatus }));
    expect(await avatar.jobs.get({ provider: 'a2e', id: 'r1', kind: 'avatar' })).toMatchObject({ status: 'succeeded' });
  });

  it.each(KINDS.filter((wire) => 'list' in wire && wire.kind !== 'voice'))(
    '$kind: the list pages with pageNum from 1 until a page is empty, reading data.rows',
    async ({ kind, list }) => {
      const { jobs, calls } = facadeWith((call) =>
        json(200, { code: 0, data: { rows: call.url.searchParams.get('pageNum') === '1' ? [ROW] : [], count: 1 } }),
      );
      const listed: Job[] = [];
      for await (const job of jobs.list({ provider: 'a2e', kind })) listed.push(job);
      expect(listed.map((job) => [job.id, job.kind, job.createdAt?.toISOString()])).toEqual([
        ['r1', kind, ROW.createdAt],
      ]);
      expect(calls.map((call) => `${call.url.pathname}?${call.url.searchParams.get('pageNum')}`)).toEqual([
        `${list}?1`,
        `${list}?2`,
      ]);
    },
  );

  it('voices are listed at once, as an array under data', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { code: 0, data: [ROW] }));
    const listed: Job[] = [];
    for await (const job of jobs.list({ provider: 'a2e', kind: 'voice' })) listed.push(job);
    expect(listed.map((job) => job.id)).toEqual(['r1']);
    expect(calls.map((call) => call.url.pathname)).toEqual(['/api/v1/userVoice/completedRecord']);
  });

  it('an answer of another shape fails saying what was expected and what came', async () => {
    const paged = facadeWith(() => json(200, { code: 0, data: { list: [ROW] } }));
    await expect(paged.jobs.list({ provider: 'a2e', kind: 'avatar' }).next()).rejects.toThrow(
      /expected data\.rows to be an array of jobs with a string _id, got/,
    );
    const voices = facadeWith(() => json(200, { code: 0, data: { rows: [ROW] } }));
    await expect(voices.jobs.list({ provider: 'a2e', kind: 'voice' }).next()).rejects.toThrow(
      /expected data to be an array of jobs with a string _id, got an object/,
    );
    const one = facadeWith(() => json(200, { code: 0, data: [ROW] }));
    await expect(one.jobs.get({ provider: 'a2e', id: 'r1', kind: 'avatar' })).rejects.toThrow(
      /expected data to be an array of jobs with a string _id, got item 0/,
    );
  });

  it('backgrounds cannot be listed: the error says what to do instead, before any request', async () => {
    const { jobs, calls } = facadeWith(() => json(200, {}));
    const listing = jobs.list({ provider: 'a2e', kind: 'background' });
    await expect(listing.next()).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(jobs.list({ provider: 'a2e', kind: 'background' }).next()).rejects.toThrow(/add_background/);
    expect(calls).toHaveLength(0);
  });
});

describe('A2E record kinds against the fault server', () => {
  it.each(KINDS.filter((wire) => 'list' in wire))(
    '$kind: listing old records and deleteMany deletes exactly those, nothing of another kind',
    async ({ kind }) => {
      const seeded: SeededJob[] = [
        { provider: 'a2e', kind, id: 'old-1', createdAtMs: NOW - 40 * DAY },
        { provider: 'a2e', kind, id: 'old-2', createdAtMs: NOW - 35 * DAY },
        { provider: 'a2e', kind, id: 'new-1', createdAtMs: NOW - 1 * DAY },
        { provider: 'a2e', id: 'old-1', createdAtMs: NOW - 90 * DAY },
        { provider: 'a2e', kind: kind === 'avatar' ? 'voice' : 'avatar', id: 'old-2', createdAtMs: NOW - 90 * DAY },
      ];
      const server = await startFaultServer({ jobs: seeded });
      servers.push(server);
      const jobs = facadeAt(server.url);
      const old: Job[] = [];
      for await (const job of jobs.list({ provider: 'a2e', kind, createdBefore: new Date(NOW - 30 * DAY) })) {
        old.push(job);
      }
      // Newest first, as A2E's records come.
      expect(old.map((job) => [job.id, job.kind])).toEqual([
        ['old-2', kind],
        ['old-1', kind],
      ]);
      const outcomes = await jobs.deleteMany(old);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect([...server.ledger.deleted].sort()).toEqual([`a2e/${kind}/old-1`, `a2e/${kind}/old-2`]);
      const left: string[] = [];
      for await (const job of jobs.list({ provider: 'a2e', kind })) left.push(job.id);
      expect(left).toEqual(['new-1']);
    },
  );

  it.each(KINDS.filter((wire) => 'get' in wire))(
    '$kind: a deleted record reads back as not found',
    async ({ kind }) => {
      const server = await startFaultServer({ jobs: [{ provider: 'a2e', kind, id: 'r1', createdAtMs: NOW - DAY }] });
      servers.push(server);
      const jobs = facadeAt(server.url);
      expect(await jobs.get({ provider: 'a2e', id: 'r1', kind })).toMatchObject({ kind, status: 'succeeded' });
      await jobs.delete({ provider: 'a2e', id: 'r1', kind });
      await expect(jobs.get({ provider: 'a2e', id: 'r1', kind })).rejects.toMatchObject({ name: 'NotFoundError' });
      expect([...server.ledger.deleted]).toEqual([`a2e/${kind}/r1`]);
    },
  );

  it('a background is deleted by id', async () => {
    const server = await startFaultServer({
      jobs: [{ provider: 'a2e', kind: 'background', id: 'b1', createdAtMs: NOW }],
    });
    servers.push(server);
    await facadeAt(server.url).delete({ provider: 'a2e', id: 'b1', kind: 'background' });
    expect([...server.ledger.deleted]).toEqual(['a2e/background/b1']);
  });
});
