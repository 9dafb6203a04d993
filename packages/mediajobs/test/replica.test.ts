// Tavus replicas (the worked example of a new kind): delete with `hard`, read, and list only the
// account's own replicas, through the facade, scripted and against the fault server.
import { type SeededJob, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../../test-support/scripted-fetch.js';
import { InvalidRequestError, type Job, kindOf, vendorOf } from '../src/index.js';
import { facadeAt, facadeWith } from './helpers.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('Tavus replica, scripted', () => {
  it('is a kind of the registry that deletes one per call with hard, reads and lists', () => {
    const tavus = vendorOf('tavus');
    expect(tavus && kindOf(tavus, 'replica')).toMatchObject({
      delete: 'one',
      get: true,
      list: true,
      deleteOptions: { hard: { type: 'boolean' } },
    });
  });

  it('delete sends DELETE /v2/replicas/{id}, with hard=true only when asked', async () => {
    const { jobs, calls } = facadeWith(() => json(200, {}));
    await expect(jobs.delete({ provider: 'tavus', id: 'r1', kind: 'replica' })).resolves.toEqual({
      provider: 'tavus',
      id: 'r1',
      kind: 'replica',
      deleted: true,
    });
    await jobs.delete({ provider: 'tavus', id: 'r2', kind: 'replica' }, { hard: true });
    expect(calls.map((call) => `${call.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      'DELETE /v2/replicas/r1',
      'DELETE /v2/replicas/r2?hard=true',
    ]);
  });

  it('get maps the status words and training progress; an unknown replica is a NotFoundError', async () => {
    const answers = [
      { replica_id: 'r1', status: 'started', training_progress: '40/100', created_at: '2026-11-01T00:00:00Z' },
      { replica_id: 'r1', status: 'completed', training_progress: '100/100', thumbnail_video_url: 'https://t/1.mp4' },
      { replica_id: 'r1', status: 'error', error_message: 'footage too short' },
    ];
    let n = 0;
    const { jobs } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'tavus', id: 'r1', kind: 'replica' });
    expect(await read()).toMatchObject({
      kind: 'replica',
      status: 'running',
      progress: 40,
      createdAt: new Date('2026-11-01T00:00:00Z'),
    });
    expect(await read()).toMatchObject({ status: 'succeeded', progress: 100, urls: ['https://t/1.mp4'] });
    expect(await read()).toMatchObject({ status: 'failed', error: 'footage too short' });
    const gone = facadeWith(() => json(400, { error: 'Invalid replica_id' }));
    await expect(gone.jobs.get({ provider: 'tavus', id: 'nope', kind: 'replica' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('the list asks for user replicas only, on every page', async () => {
    const { jobs, calls } = facadeWith((call) =>
      json(200, {
        data: call.url.searchParams.get('page') === '0' ? [{ replica_id: 'r1', status: 'completed' }] : [],
      }),
    );
    const listed: Job[] = [];
    for await (const job of jobs.list({ provider: 'tavus', kind: 'replica' })) listed.push(job);
    expect(listed.map((job) => [job.id, job.kind])).toEqual([['r1', 'replica']]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.url.pathname).toBe('/v2/replicas');
      expect(call.url.searchParams.get('replica_type')).toBe('user');
    }
  });

  it('a list option the kind does not take is refused before any request', async () => {
    const { jobs, calls } = facadeWith(() => json(200, {}));
    const listing = jobs.list({ provider: 'tavus', kind: 'replica', upstream: 'openai' });
    await expect(listing.next()).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe('Tavus replica against the fault server', () => {
  it("erasing old replicas deletes the account's own and never a stock (system) replica or a video", async () => {
    const seeded: SeededJob[] = [
      { provider: 'tavus', kind: 'replica', id: 'r-old', createdAtMs: NOW - 40 * DAY },
      { provider: 'tavus', kind: 'replica', id: 'r-new', createdAtMs: NOW - 1 * DAY },
      { provider: 'tavus', kind: 'replica', id: 'r-stock', createdAtMs: NOW - 400 * DAY, system: true },
      { provider: 'tavus', id: 'r-old', createdAtMs: NOW - 90 * DAY },
    ];
    const server = await startFaultServer({ jobs: seeded });
    servers.push(server);
    const jobs = facadeAt(server.url);
    const old: Job[] = [];
    for await (const job of jobs.list({
      provider: 'tavus',
      kind: 'replica',
      createdBefore: new Date(NOW - 30 * DAY),
    })) {
      old.push(job);
    }
    expect(old.map((job) => job.id)).toEqual(['r-old']);
    const outcomes = await jobs.deleteMany(old, { hard: true });
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect([...server.ledger.deleted]).toEqual(['tavus/replica/r-old']);
  });
});
