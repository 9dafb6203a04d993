// startMockVendors: mocks built from the shipped specs. Prism checks each request against its spec;
// the answers come from jobs the mocks hold (MOCK_JOBS), which deletes really remove, for one start.
// Only the vendors asked for start; every port is freed on stop, and a log folder of the mocks' own
// goes with them.
import { existsSync, readdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMediaJobs, type Job, type JobRef } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { MOCK_JOBS, type MockVendors, startMockVendors, VENDORS, type Vendor } from '../src/index.js';

const DAY_MS = 86_400_000;

/** One job the mocks hold on each of the five APIs. */
const ONE_REF_PER_API: JobRef[] = [
  { provider: 'tensorslab', id: 'abcd_1234567890abcdef' },
  { provider: 'tensorslab', id: 'abcd_fedcba0987654321', kind: 'image' },
  { provider: 'tavus', id: '8a4f94e736' },
  { provider: 'bifrost', id: 'video_abc123:openai' },
  { provider: 'a2e', id: '668d0108b3cb5f841f30f8f4' },
];

/** An id no mock holds, on each of the five APIs. */
const UNKNOWN_REF_PER_API: JobRef[] = [
  { provider: 'tensorslab', id: 'abcd_0000000000000000' },
  { provider: 'tensorslab', id: 'abcd_0000000000000000', kind: 'image' },
  { provider: 'tavus', id: 'does-not-exist' },
  { provider: 'bifrost', id: 'video_nope:openai' },
  { provider: 'a2e', id: '000000000000000000000000' },
];

const label = (ref: JobRef) => `${ref.provider}${ref.kind ? ` ${ref.kind}` : ''} ${ref.id}`;

/** Resolves to whether something accepts connections on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function facadeOn(mocks: MockVendors) {
  const block = (provider: Vendor) => ({
    baseUrl: mocks.baseUrls[provider],
    apiKey: mocks.apiKey,
  });
  return createMediaJobs({
    tensorslab: block('tensorslab'),
    tavus: block('tavus'),
    bifrost: block('bifrost'),
    a2e: block('a2e'),
    maxRetries: 0,
  });
}

/** The error a call fails with (its name and message), or 'no error'. */
async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'no error';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function collect(jobs: AsyncIterable<Job>): Promise<Job[]> {
  const all: Job[] = [];
  for await (const job of jobs) all.push(job);
  return all;
}

describe('startMockVendors', () => {
  it('serves a delete on all five APIs, then stop() leaves no port open', async () => {
    const mocks = await startMockVendors();
    const urls = Object.values(mocks.baseUrls);
    expect(Object.keys(mocks.baseUrls).sort()).toEqual([...VENDORS].sort());
    const outcomes = await facadeOn(mocks).deleteMany(ONE_REF_PER_API);
    expect(outcomes.map((outcome) => [outcome.ref.provider, outcome.ok])).toEqual(
      ONE_REF_PER_API.map((ref) => [ref.provider, true]),
    );
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => true));
    await mocks.stop();
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => false));
  });

  it('validates requests as the specs say: a call without its key is refused with 401', async () => {
    const mocks = await startMockVendors({ providers: ['tavus', 'bifrost'] });
    try {
      const tavus = await fetch(`${mocks.baseUrls.tavus}/v2/videos/8a4f94e736`, { method: 'DELETE' });
      expect(tavus.status).toBe(401);
      // A Bifrost list without its required `provider` is refused by the spec, not answered from the jobs.
      const list = await fetch(`${mocks.baseUrls.bifrost}/v1/videos`, {
        headers: { authorization: `Bearer ${mocks.apiKey}` },
      });
      expect(list.status).toBe(400);
      // Neither touched the jobs: the video is still there.
      expect(await facadeOn(mocks).get({ provider: 'tavus', id: '8a4f94e736' })).toMatchObject({ status: 'succeeded' });
    } finally {
      await mocks.stop();
    }
  });

  it('starts only the vendors asked for, logging each to <logDir>/<provider>.log, which stop() keeps', async () => {
    const logDir = join(tmpdir(), `mediajobs-testing-${process.pid}-only`);
    const mocks = await startMockVendors({ providers: ['a2e'], logDir });
    try {
      expect(Object.keys(mocks.baseUrls)).toEqual(['a2e']);
      expect(mocks.logDir).toBe(logDir);
      expect(readdirSync(logDir)).toEqual(['a2e.log']);
    } finally {
      await mocks.stop();
    }
    expect(readdirSync(logDir)).toEqual(['a2e.log']);
  });

  it('without logDir, logs to a fresh temporary folder each time, which stop() removes', async () => {
    const [first, second] = await Promise.all([
      startMockVendors({ providers: ['tavus'] }),
      startMockVendors({ providers: ['tavus'] }),
    ]);
    expect(first.logDir).not.toBe(second.logDir);
    expect(readdirSync(first.logDir)).toEqual(['tavus.log']);
    await Promise.all([first.stop(), second.stop(), first.stop()]);
    expect(existsSync(first.logDir)).toBe(false);
    expect(existsSync(second.logDir)).toBe(false);
  });

  it('a mock that cannot start fails with the log folder named, and the others are stopped', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const logDir = join(tmpdir(), `mediajobs-testing-${process.pid}-taken`);
    try {
      // tavus asks for the taken port; bifrost, on the next one, starts and must be stopped again.
      await expect(startMockVendors({ providers: ['tavus', 'bifrost'], port, logDir })).rejects.toThrow(
        new RegExp(`the tavus mock did not start: .*its log is in ${logDir}`),
      );
      expect(await listening(`http://127.0.0.1:${port + 1}`)).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('a mock that cannot start keeps the temporary log folder its error names', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await startMockVendors({ providers: ['tavus'], port }).catch((caught: Error) => caught);
      const named = /its log is in (\S+)$/.exec(String((error as Error).message))?.[1] ?? '';
      expect(named).toContain('mediajobs-mocks-');
      expect(readdirSync(named)).toEqual(['tavus.log']);
    } finally {
      taken.close();
    }
  });

  it('refuses a vendor it has no mock for', async () => {
    await expect(startMockVendors({ providers: ['runway' as 'tavus'] })).rejects.toThrow(
      'no mock for runway; use tensorslab, tavus, bifrost, a2e',
    );
  });
});

describe('startMockVendors: the jobs the mocks hold', () => {
  it('an id the mocks do not hold is not found on every API, as each vendor answers it', async () => {
    const mocks = await startMockVendors();
    try {
      const jobs = facadeOn(mocks);
      const got = await Promise.all(UNKNOWN_REF_PER_API.map((ref) => failure(jobs.get(ref))));
      expect(Object.fromEntries(UNKNOWN_REF_PER_API.map((ref, i) => [label(ref), got[i]?.split(':')[0]]))).toEqual(
        Object.fromEntries(UNKNOWN_REF_PER_API.map((ref) => [label(ref), 'NotFoundError'])),
      );
      // A delete of an unknown job fails too (TensorsLab and A2E say so in an HTTP 200).
      const deleted = await jobs.deleteMany(UNKNOWN_REF_PER_API);
      expect(deleted.map((outcome) => [label(outcome.ref), outcome.ok])).toEqual(
        UNKNOWN_REF_PER_API.map((ref) => [label(ref), false]),
      );
    } finally {
      await mocks.stop();
    }
  });

  it('a deleted job reads as deleted or gone, and is not deleted twice; each start begins afresh', async () => {
    const mocks = await startMockVendors();
    try {
      const jobs = facadeOn(mocks);
      const before = await Promise.all(ONE_REF_PER_API.map((ref) => jobs.get(ref)));
      expect(before.map((job) => job.status)).toEqual(ONE_REF_PER_API.map(() => 'succeeded'));
      expect((await jobs.deleteMany(ONE_REF_PER_API)).every((outcome) => outcome.ok)).toBe(true);

      const after = await Promise.all(
        ONE_REF_PER_API.map((ref) =>
          jobs.get(ref).then(
            (job) => `status ${job.status}`,
            (error: Error) => error.name,
          ),
        ),
      );
      // Tavus soft-deletes by default: the video reads as deleted; the others no longer know the job.
      expect(Object.fromEntries(ONE_REF_PER_API.map((ref, i) => [label(ref), after[i]]))).toEqual({
        'tensorslab abcd_1234567890abcdef': 'NotFoundError',
        'tensorslab image abcd_fedcba0987654321': 'NotFoundError',
        'tavus 8a4f94e736': 'status deleted',
        'bifrost video_abc123:openai': 'NotFoundError',
        'a2e 668d0108b3cb5f841f30f8f4': 'NotFoundError',
      });
      // A hard delete removes the soft-deleted video; then Tavus no longer knows it either.
      await jobs.delete({ provider: 'tavus', id: '8a4f94e736' }, { hard: true });
      expect(await failure(jobs.get({ provider: 'tavus', id: '8a4f94e736' }))).toMatch(/^NotFoundError/);
      // Deleting again: refused where the vendor refuses it (A2E answers a repeat delete as done).
      const again = await jobs.deleteMany(ONE_REF_PER_API);
      expect(again.map((outcome) => [outcome.ref.provider, outcome.ok])).toEqual([
        ['tensorslab', false],
        ['tensorslab', false],
        ['tavus', false],
        ['bifrost', false],
        ['a2e', true],
      ]);

      const fresh = await startMockVendors({ providers: ['bifrost'] });
      try {
        const job = await facadeOn(fresh).get({ provider: 'bifrost', id: 'video_abc123:openai' });
        expect(job.status).toBe('succeeded');
      } finally {
        await fresh.stop();
      }
    } finally {
      await mocks.stop();
    }
  });

  it('lists the jobs there are, with their creation times, some older than 30 days; a deleted one is gone', async () => {
    const mocks = await startMockVendors({ providers: ['tavus', 'bifrost', 'a2e'] });
    try {
      const jobs = facadeOn(mocks);
      const cutoff = new Date(Date.now() - 30 * DAY_MS);
      // A date filter that keeps all: Tavus's list items have no creation time, so each video is read for it.
      const createdBefore = new Date(Date.now() + DAY_MS);
      const lists = {
        tavus: await collect(jobs.list({ provider: 'tavus', createdBefore })),
        bifrost: await collect(jobs.list({ provider: 'bifrost', upstream: 'openai', createdBefore })),
        a2e: await collect(jobs.list({ provider: 'a2e', createdBefore })),
      };
      for (const [provider, listed] of Object.entries(lists)) {
        const held = MOCK_JOBS.filter(
          (job) => job.provider === provider && (provider !== 'bifrost' || job.id.endsWith(':openai')),
        );
        expect(listed.map((job) => job.id).sort(), provider).toEqual(held.map((job) => job.id).sort());
        for (const job of listed) {
          const age = (Date.now() - (job.createdAt?.getTime() ?? Number.NaN)) / DAY_MS;
          const seeded = held.find((one) => one.id === job.id)?.ageDays ?? -1;
          expect(Math.abs(age - seeded), `${provider} ${job.id}`).toBeLessThan(0.01);
        }
      }
      const old = await collect(jobs.list({ provider: 'a2e', createdBefore: cutoff }));
      expect(old.length).toBeGreaterThan(0);
      expect(old.every((job) => (job.createdAt?.getTime() ?? 0) < cutoff.getTime())).toBe(true);
      // Tavus lists its soft-deleted videos as deleted; Bifrost lists by upstream.
      expect(lists.tavus.filter((job) => job.status === 'deleted').map((job) => job.id)).toEqual(['e1f4d2a7c9']);
      const gemini = await collect(jobs.list({ provider: 'bifrost', upstream: 'gemini' }));
      expect(gemini.map((job) => job.id).sort()).toEqual(['video_6f5a4b:gemini', 'video_9c8d7e:gemini']);

      const [first] = old;
      await jobs.delete({ provider: 'a2e', id: first?.id ?? '' });
      const afterDelete = await collect(jobs.list({ provider: 'a2e' }));
      expect(afterDelete.map((job) => job.id)).not.toContain(first?.id);
      expect(afterDelete).toHaveLength(lists.a2e.length - 1);
    } finally {
      await mocks.stop();
    }
  });

  it('a Bifrost id without its :provider suffix is refused as the gateway refuses it (400)', async () => {
    const mocks = await startMockVendors({ providers: ['bifrost'] });
    try {
      const jobs = facadeOn(mocks);
      for (const call of [
        jobs.delete({ provider: 'bifrost', id: 'video_abc123' }),
        jobs.get({ provider: 'bifrost', id: 'video_abc123' }),
      ]) {
        expect(await failure(call)).toMatch(/video_id must be in id:provider format/);
      }
      // Refused, not acted on: the job with its suffix is still there.
      expect((await jobs.get({ provider: 'bifrost', id: 'video_abc123:openai' })).status).toBe('succeeded');
    } finally {
      await mocks.stop();
    }
  });

  it('every answer fits its spec: Prism, which checks them, flags none', async () => {
    const mocks = await startMockVendors();
    const urls = mocks.baseUrls as Record<Vendor, string>;
    const auth = (vendor: Vendor): Record<string, string> =>
      vendor === 'tavus' ? { 'x-api-key': mocks.apiKey } : { authorization: `Bearer ${mocks.apiKey}` };
    const call = async (vendor: Vendor, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${urls[vendor]}${path}`, {
        method,
        headers: { ...auth(vendor), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await response.arrayBuffer();
      return `${vendor} ${method} ${path} ${response.status} ${response.headers.get('sl-violations') ?? 'fits'}`;
    };
    try {
      const calls: [Vendor, string, string, unknown?][] = [
        ['tavus', 'GET', '/v2/videos?limit=2&page=1'],
        ['tavus', 'GET', '/v2/videos/8a4f94e736'],
        ['tavus', 'GET', '/v2/videos/e1f4d2a7c9'],
        ['tavus', 'DELETE', '/v2/videos/8a4f94e736'],
        ['tavus', 'DELETE', '/v2/videos/8a4f94e736'],
        ['tavus', 'GET', '/v2/videos/does-not-exist'],
        ['bifrost', 'GET', '/v1/videos?provider=openai&limit=2'],
        ['bifrost', 'GET', '/v1/videos?provider=nowhere'],
        ['bifrost', 'GET', '/v1/videos?provider=runware'],
        ['bifrost', 'GET', '/v1/videos/video_abc123:openai'],
        ['bifrost', 'DELETE', '/v1/videos/video_abc123:openai'],
        ['bifrost', 'DELETE', '/v1/videos/video_abc123:openai'],
        ['bifrost', 'GET', '/v1/videos/video_abc123'],
        ['a2e', 'GET', '/api/v1/video/awsList?current=1&pageSize=2'],
        ['a2e', 'GET', '/api/v1/video/awsList?current=9&pageSize=2'],
        ['a2e', 'POST', '/api/v1/video/awsResult', { _id: '668d0108b3cb5f841f30f8f4' }],
        ['a2e', 'DELETE', '/api/v1/video/668d0108b3cb5f841f30f8f4'],
        ['a2e', 'DELETE', '/api/v1/video/000000000000000000000000'],
        ['a2e', 'POST', '/api/v1/video/awsResult', { _id: '668d0108b3cb5f841f30f8f4' }],
        ['tensorslab', 'POST', '/v1/video/infobytaskid', { taskid: 'abcd_1234567890abcdef' }],
        ['tensorslab', 'POST', '/v1/images/infobytaskid', { taskid: 'abcd_fedcba0987654321' }],
        ['tensorslab', 'POST', '/v1/video/deletevideotask', { taskids: ['abcd_1234567890abcdef'] }],
        ['tensorslab', 'POST', '/v1/images/deleteimagestask', { taskids: ['abcd_fedcba0987654321'] }],
        ['tensorslab', 'POST', '/v1/video/deletevideotask', { taskids: ['abcd_1234567890abcdef'] }],
        ['tensorslab', 'POST', '/v1/video/infobytaskid', { taskid: 'abcd_1234567890abcdef' }],
      ];
      const seen: string[] = [];
      for (const [vendor, method, path, body] of calls) seen.push(await call(vendor, method, path, body));
      expect(seen.filter((line) => !line.endsWith(' fits'))).toEqual([]);
      // TensorsLab's image API documents no answer for an unknown task: the mock answers as its video
      // API does (404, code 9999), and Prism says the image spec does not list that status.
      const unknownImage = await call('tensorslab', 'POST', '/v1/images/infobytaskid', { taskid: 'abcd_0' });
      expect(unknownImage).toMatch(/ 404 .*Unable to match the returned status code/);
      expect(unknownImage).toContain('"severity":"Warning"');
    } finally {
      await mocks.stop();
    }
  });

  it("a request may still ask Prism for a spec's answer (Prefer), which changes no job", async () => {
    const mocks = await startMockVendors({ providers: ['tavus'] });
    try {
      const headers = { 'x-api-key': mocks.apiKey, prefer: 'example=generating' };
      const answer = await fetch(`${mocks.baseUrls.tavus}/v2/videos/does-not-exist`, { headers });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ video_id: '8a4f94e736', status: 'generating' });
      expect(await failure(facadeOn(mocks).get({ provider: 'tavus', id: 'does-not-exist' }))).toMatch(/^NotFoundError/);
    } finally {
      await mocks.stop();
    }
  });

  it('dynamicSeed keeps pure Prism: answers generated from the schemas for any id, nothing held', async () => {
    const mocks = await startMockVendors({ providers: ['bifrost'], dynamicSeed: '7' });
    try {
      const headers = { authorization: `Bearer ${mocks.apiKey}` };
      const answer = await fetch(`${mocks.baseUrls.bifrost}/v1/videos/video_nope:openai`, { headers });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toHaveProperty('id');
    } finally {
      await mocks.stop();
    }
  });
});
