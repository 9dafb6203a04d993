// The vendor fakes (src/fakes/): one per vendor in the registry, each spoken through the fault server,
// and Tavus's replicas (a second kind, its stock `system` replicas kept out of a `replica_type=user` list)
// in the fault server and in the mocks.
import { describe, expect, it } from 'vitest';
import { FAKES, routeOf } from '../src/fakes/index.js';
import {
  type FaultServer,
  jobKey,
  type SeededJob,
  seedJobs,
  startFaultServer,
  startMockVendors,
  VENDORS,
  type Vendor,
} from '../src/index.js';

const KEY = 'the-key';
const NOW = Date.UTC(2026, 0, 31);
const DAY_MS = 86_400_000;

const auth = (vendor: Vendor, key = KEY): Record<string, string> =>
  vendor === 'tavus' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` };

async function call(base: string, vendor: Vendor, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth(vendor), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, json: () => JSON.parse(text) };
}

describe('the registry of fakes', () => {
  it('has one fake per vendor, under its own name, and every route leads back to its fake', () => {
    expect([...VENDORS]).toEqual(['tensorslab', 'tavus', 'bifrost', 'a2e']);
    expect(Object.keys(FAKES).sort()).toEqual([...VENDORS].sort());
    for (const vendor of VENDORS) {
      const fake = FAKES[vendor];
      expect(fake.name).toBe(vendor);
      for (const route of fake.routes) {
        const matched = routeOf(route.method, route.path.replace('{id}', 'some-id'));
        expect(matched, `${vendor} ${route.method} ${route.path}`).toMatchObject({
          vendor,
          operation: route.operation,
          kind: route.kind,
        });
        expect(fake.kinds).toContain(route.kind);
      }
    }
  });

  it('jobKey keys by the kind given, else the vendor first kind: the existing keys stay', () => {
    expect(jobKey('tavus', undefined, 'r-1')).toBe('tavus/video/r-1');
    expect(jobKey('tavus', 'replica', 'r-1')).toBe('tavus/replica/r-1');
    expect(jobKey('tavus', 'replica', 'r-1')).not.toBe(jobKey('tavus', 'video', 'r-1'));
    expect(jobKey('tensorslab', undefined, 't-1')).toBe('tensorslab/video/t-1');
    expect(jobKey('tensorslab', 'image', 't-1')).toBe('tensorslab/image/t-1');
    expect(jobKey('bifrost', undefined, 'v:openai')).toBe('bifrost/video/v:openai');
    expect(jobKey('a2e', 'video', 'x')).toBe('a2e/video/x');
  });

  it('seedJobs spreads jobs over the listing vendors, as before', () => {
    const jobs = seedJobs({ count: 6, now: NOW });
    expect(jobs.map((job) => job.provider)).toEqual(['tavus', 'bifrost', 'a2e', 'tavus', 'bifrost', 'a2e']);
    expect(jobs[1]).toMatchObject({ id: 'listed_1:openai', upstream: 'openai' });
    expect(jobs[2]?.kind).toBeUndefined();
  });
});

describe('each fake through the fault server', () => {
  const withServer = async (
    options: Parameters<typeof startFaultServer>[0],
    run: (server: FaultServer) => Promise<void>,
  ) => {
    const server = await startFaultServer(options);
    try {
      await run(server);
    } finally {
      await server.stop();
    }
  };

  it('deletes on every API, in each vendor envelope, and keeps the ledger by vendor, kind and id', async () => {
    await withServer({}, async (server) => {
      const base = server.url;
      const tensorslab = await call(base, 'tensorslab', 'POST', '/v1/images/deleteimagestask', { taskids: ['t-1'] });
      expect(tensorslab.json()).toMatchObject({ code: 1000, data: { status: 'Success' } });
      const tavus = await call(base, 'tavus', 'DELETE', '/v2/videos/v-1');
      expect([tavus.status, tavus.text]).toEqual([200, '']);
      const bifrost = await call(base, 'bifrost', 'DELETE', '/v1/videos/b-1:openai');
      expect(bifrost.json()).toMatchObject({ id: 'b-1:openai', object: 'video.deleted', deleted: true });
      const a2e = await call(base, 'a2e', 'DELETE', '/api/v1/video/a-1');
      expect([a2e.type, a2e.json()]).toEqual(['text/plain', { code: 0, data: {} }]);
      expect([...server.ledger.deleted].sort()).toEqual(
        ['a2e/video/a-1', 'bifrost/video/b-1:openai', 'tavus/video/v-1', 'tensorslab/image/t-1'].sort(),
      );
      // Deleting again: not found where the vendor says so, a no-op success where it does not.
      expect((await call(base, 'tavus', 'DELETE', '/v2/videos/v-1')).status).toBe(404);
      expect((await call(base, 'a2e', 'DELETE', '/api/v1/video/a-1')).json()).toEqual({ code: 0, data: {} });
    });
  });

  it('a vendorError is a 200 with a failure code where the vendor does that, else a 500', async () => {
    await withServer({ faultRate: 1, faults: ['vendorError'] }, async (server) => {
      const answers = await Promise.all([
        call(server.url, 'tensorslab', 'POST', '/v1/video/infobytaskid', { taskid: 't-1' }),
        call(server.url, 'tavus', 'GET', '/v2/replicas/r-1'),
        call(server.url, 'bifrost', 'GET', '/v1/videos/b-1:openai'),
        call(server.url, 'a2e', 'POST', '/api/v1/video/awsResult', { _id: 'a-1' }),
      ]);
      expect(answers.map((answer) => [answer.status, answer.json().code])).toEqual([
        [200, 9999],
        [500, undefined],
        [500, undefined],
        [200, 1],
      ]);
    });
  });

  it('the rate limit answers 429 in each vendor envelope; a wrong key is refused in its header', async () => {
    await withServer({ apiKey: KEY, rateLimit: { requestsPerSecond: 0.001, burst: 1 } }, async (server) => {
      const first = await call(server.url, 'bifrost', 'GET', '/v1/videos/b-1:openai');
      expect(first.status).toBe(200);
      const limited = await call(server.url, 'bifrost', 'GET', '/v1/videos/b-1:openai');
      expect([limited.status, limited.json().type]).toEqual([429, 'rate_limited']);
      const wrong = await fetch(`${server.url}/v2/replicas/r-1`, { headers: { authorization: `Bearer ${KEY}` } });
      expect([wrong.status, await wrong.json()]).toEqual([401, { error: 'invalid API key' }]);
    });
  });
});

describe('Tavus replicas in the fault server', () => {
  const created = (days: number) => NOW - days * DAY_MS;
  const jobs: SeededJob[] = [
    { provider: 'tavus', kind: 'replica', id: 'r-1', createdAtMs: created(40) },
    { provider: 'tavus', kind: 'replica', id: 'r-2', createdAtMs: created(10) },
    { provider: 'tavus', kind: 'replica', id: 'r-3', createdAtMs: created(2) },
    { provider: 'tavus', kind: 'replica', id: 'stock-1', createdAtMs: created(400), system: true },
    { provider: 'tavus', kind: 'replica', id: 'stock-2', createdAtMs: created(300), system: true },
    // A video with a replica's id: another job.
    { provider: 'tavus', id: 'r-1', createdAtMs: created(5) },
  ];
  const ids = (answer: { json: () => { data: { replica_id: string }[] } }) =>
    answer.json().data.map((item) => item.replica_id);

  it('lists system replicas only without replica_type or with system; never with user', async () => {
    const server = await startFaultServer({ jobs });
    try {
      const list = (query: string) => call(server.url, 'tavus', 'GET', `/v2/replicas${query}`);
      expect(ids(await list('?replica_type=user'))).toEqual(['r-3', 'r-2', 'r-1']);
      expect((await list('?replica_type=user')).json().total_count).toBe(3);
      expect(ids(await list('?replica_type=system'))).toEqual(['stock-2', 'stock-1']);
      expect(ids(await list(''))).toEqual(['r-3', 'r-2', 'r-1', 'stock-2', 'stock-1']);
      // Pages numbered from 0, as the videos'.
      expect(ids(await list('?replica_type=user&limit=2&page=0'))).toEqual(['r-3', 'r-2']);
      expect(ids(await list('?replica_type=user&limit=2&page=1'))).toEqual(['r-1']);
      expect(ids(await list('?replica_type=user&limit=2&page=2'))).toEqual([]);
      // The videos' list holds the video only.
      const videos = await call(server.url, 'tavus', 'GET', '/v2/videos');
      expect(videos.json().data.map((item: { video_id: string }) => item.video_id)).toEqual(['r-1']);
    } finally {
      await server.stop();
    }
  });

  it('reads a replica, deletes it (hard or not) as tavus/replica/<id>, and then it is unknown: 400 Invalid replica_id', async () => {
    const server = await startFaultServer({ jobs });
    try {
      const read = await call(server.url, 'tavus', 'GET', '/v2/replicas/r-1');
      expect(read.json()).toMatchObject({
        replica_id: 'r-1',
        status: 'completed',
        training_progress: '100/100',
        created_at: new Date(created(40)).toISOString(),
      });
      expect((await call(server.url, 'tavus', 'DELETE', '/v2/replicas/r-1')).status).toBe(200);
      expect((await call(server.url, 'tavus', 'DELETE', '/v2/replicas/r-2?hard=true')).status).toBe(200);
      expect([...server.ledger.deleted].sort()).toEqual(['tavus/replica/r-1', 'tavus/replica/r-2']);
      expect(server.ledger.requests.get('tavus delete')).toBe(2);
      for (const [method, path] of [
        ['GET', '/v2/replicas/r-1'],
        ['DELETE', '/v2/replicas/r-1'],
        ['DELETE', '/v2/replicas/gone-r-9'],
      ] as const) {
        const answer = await call(server.url, 'tavus', method, path);
        expect([method, path, answer.status, answer.json()]).toEqual([
          method,
          path,
          400,
          { error: 'Invalid replica_id' },
        ]);
      }
      const left = await call(server.url, 'tavus', 'GET', '/v2/replicas?replica_type=user');
      expect(ids(left)).toEqual(['r-3']);
      // The video r-1 is another job: still there.
      expect((await call(server.url, 'tavus', 'GET', '/v2/videos/r-1')).json()).toMatchObject({ status: 'ready' });
      expect(server.ledger.deleted.has(jobKey('tavus', undefined, 'r-1'))).toBe(false);
      expect((await call(server.url, 'tavus', 'DELETE', '/v2/videos/r-1')).status).toBe(200);
      expect(server.ledger.deleted.has(jobKey('tavus', 'video', 'r-1'))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

describe('Tavus replicas in the mocks (specs/tavus.yaml)', () => {
  it('lists, reads and deletes replicas, answers that fit the spec; replica_type=user never lists a stock one', async () => {
    const mocks = await startMockVendors({ providers: ['tavus'] });
    try {
      const base = mocks.baseUrls.tavus as string;
      const fits: string[] = [];
      const get = async (method: string, path: string) => {
        const response = await fetch(`${base}${path}`, { method, headers: { 'x-api-key': mocks.apiKey } });
        const text = await response.text();
        fits.push(`${method} ${path} ${response.status} ${response.headers.get('sl-violations') ?? 'fits'}`);
        return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
      };
      const listed = async (query: string) =>
        ((await get('GET', `/v2/replicas${query}`)).body as { data: { replica_id: string; replica_type: string }[] })
          .data;
      const user = await listed('?replica_type=user');
      expect(user.map((item) => item.replica_type)).toEqual(user.map(() => 'user'));
      expect(user.length).toBeGreaterThan(0);
      const system = await listed('?replica_type=system');
      expect(system.length).toBeGreaterThan(0);
      expect((await listed('')).length).toBe(user.length + system.length);

      const [first] = user;
      expect((await get('GET', `/v2/replicas/${first?.replica_id}`)).body).toMatchObject({ status: 'completed' });
      expect((await get('DELETE', `/v2/replicas/${first?.replica_id}`)).status).toBe(200);
      expect(await get('GET', `/v2/replicas/${first?.replica_id}`)).toEqual({
        status: 400,
        body: { error: 'Invalid replica_id' },
      });
      expect((await listed('?replica_type=user')).map((item) => item.replica_id)).not.toContain(first?.replica_id);
      expect(fits.filter((line) => !line.endsWith(' fits'))).toEqual([]);
    } finally {
      await mocks.stop();
    }
  });
});
