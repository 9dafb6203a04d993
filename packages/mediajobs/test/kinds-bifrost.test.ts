import { type SeededJob, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../../test-support/scripted-fetch.js';
import { type Job, kindOf, vendorOf } from '../src/index.js';
import { facadeAt, facadeWith, KEY } from './helpers.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const logOf = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  timestamp: '2026-11-20T09:15:02.123Z',
  object: 'chat.completion',
  status: 'success',
  created_at: '2026-11-20T09:15:03.001Z',
  ...extra,
});
const page = (logs: unknown[], total: number, offset = 0) => ({
  logs,
  pagination: { limit: 500, offset, sort_by: 'timestamp', order: 'desc', total_count: total },
  stats: {},
  has_logs: total > 0,
});

describe('Bifrost log, scripted', () => {
  it('is a kind that deletes in batches, reads and lists with contentSearch', () => {
    const bifrost = vendorOf('bifrost');
    expect(bifrost && kindOf(bifrost, 'log')).toMatchObject({
      delete: 'batch',
      get: true,
      list: true,
      listOptions: { contentSearch: { type: 'string' } },
    });
  });

  it('the management routes get adminAuth (user:password as Basic), never the inference key', async () => {
    const { jobs, calls } = facadeWith(() => json(200, logOf('l1')), {
      bifrost: { apiKey: KEY, baseUrl: 'https://bifrost.test', adminAuth: 'admin:s3cret' },
    });
    await jobs.get({ provider: 'bifrost', id: 'l1', kind: 'log' });
    expect(calls[0]?.url.pathname).toBe('/api/logs/l1');
    expect(calls[0]?.headers.get('authorization')).toBe(`Basic ${btoa('admin:s3cret')}`);
    const session = facadeWith(() => json(200, logOf('l1')), {
      bifrost: { apiKey: KEY, baseUrl: 'https://bifrost.test', adminAuth: 'session-token-1' },
    });
    await session.jobs.get({ provider: 'bifrost', id: 'l1', kind: 'log' });
    expect(session.calls[0]?.headers.get('authorization')).toBe('Bearer session-token-1');
    // Without adminAuth nothing is sent there (auth off); videos keep the inference key.
    const none = facadeWith((call) =>
      call.url.pathname.startsWith('/api') ? json(200, logOf('l1')) : json(200, { id: 'v:openai', status: 'queued' }),
    );
    await none.jobs.get({ provider: 'bifrost', id: 'l1', kind: 'log' });
    await none.jobs.get({ provider: 'bifrost', id: 'v:openai' });
    expect(none.calls.map((call) => call.headers.get('authorization'))).toEqual([null, `Bearer ${KEY}`]);
  });

  it('an admin credential the gateway echoes is redacted from the error', async () => {
    const { jobs } = facadeWith(() => json(401, { status_code: 401, error: { message: 'bad admin:s3cret' } }), {
      bifrost: { apiKey: KEY, baseUrl: 'https://bifrost.test', adminAuth: 'admin:s3cret' },
    });
    const error = await jobs.get({ provider: 'bifrost', id: 'l1', kind: 'log' }).catch((caught) => caught);
    expect(error).toMatchObject({ name: 'AuthenticationError' });
    expect(String(error.message)).not.toContain('s3cret');
  });

  it('get maps the status words and takes createdAt from timestamp; 404 "log not found" is a NotFoundError', async () => {
    const answers = [
      logOf('l1'),
      logOf('l1', { status: 'processing' }),
      logOf('l1', { status: 'error', error_details: { error: { message: 'Rate limit reached' } } }),
    ];
    let n = 0;
    const { jobs } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'bifrost', id: 'l1', kind: 'log' });
    expect(await read()).toMatchObject({
      kind: 'log',
      status: 'succeeded',
      createdAt: new Date('2026-11-20T09:15:02.123Z'),
      raw: { object: 'chat.completion' },
    });
    expect(await read()).toMatchObject({ status: 'running' });
    expect(await read()).toMatchObject({ status: 'failed', error: 'Rate limit reached' });
    const gone = facadeWith(() =>
      json(404, { is_bifrost_error: false, status_code: 404, error: { message: 'log not found' } }),
    );
    await expect(gone.jobs.get({ provider: 'bifrost', id: 'l9', kind: 'log' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('an answer of another shape fails saying what was expected and what came', async () => {
    const unknownWord = facadeWith(() => json(200, logOf('l1', { status: 'archived' })));
    await expect(unknownWord.jobs.get({ provider: 'bifrost', id: 'l1', kind: 'log' })).rejects.toThrow(
      /unknown job status "archived"/,
    );
    const noLogs = facadeWith(() => json(200, { data: [] }));
    await expect(noLogs.jobs.list({ provider: 'bifrost', kind: 'log' }).next()).rejects.toThrow(
      /expected logs to be an array of jobs with a string id, got nothing/,
    );
    const noMessage = facadeWith(() => json(200, { deleted: true }));
    await expect(noMessage.jobs.delete({ provider: 'bifrost', id: 'l1', kind: 'log' })).rejects.toThrow(
      /expected \{"message": "Logs deleted successfully"\}, got an object with deleted/,
    );
  });

  it('the list sends the date filter as the time range and content_search, and pages by offset', async () => {
    const { jobs, calls } = facadeWith((call) =>
      call.url.searchParams.get('offset') === '0'
        ? json(200, page([logOf('l1'), logOf('l2')], 3))
        : json(200, page([logOf('l3')], 3, 2)),
    );
    const listed: Job[] = [];
    for await (const job of jobs.list({
      provider: 'bifrost',
      kind: 'log',
      createdAfter: new Date('2026-11-01T00:00:00Z'),
      createdBefore: new Date('2026-11-30T00:00:00Z'),
    })) {
      listed.push(job);
    }
    expect(listed.map((job) => job.id)).toEqual(['l1', 'l2', 'l3']);
    expect(calls.map((call) => call.url.searchParams.get('offset'))).toEqual(['0', '2']);
    for (const call of calls) {
      expect(call.url.pathname).toBe('/api/logs');
      expect(call.url.searchParams.get('start_time')).toBe('2026-11-01T00:00:00.000Z');
      expect(call.url.searchParams.get('end_time')).toBe('2026-11-30T00:00:00.000Z');
    }
    const searched = facadeWith(() => json(200, page([logOf('l1')], 1)));
    const found: Job[] = [];
    const kindOptions = { contentSearch: 'jane@example.com' };
    for await (const job of searched.jobs.list({ provider: 'bifrost', kind: 'log', kindOptions })) found.push(job);
    expect(found).toMatchObject([{ id: 'l1', kind: 'log' }]);
    expect(searched.calls[0]?.url.searchParams.get('content_search')).toBe('jane@example.com');
  });

  it('deleteMany sends the ids in batches of up to 100, in a JSON body', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { message: 'Logs deleted successfully' }));
    const refs = Array.from({ length: 150 }, (_, n) => ({
      provider: 'bifrost' as const,
      kind: 'log' as const,
      id: `l${n}`,
    }));
    const outcomes = await jobs.deleteMany(refs);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const bodies = calls.map((call) => JSON.parse(call.body) as { ids: string[] });
    expect(calls.every((call) => call.method === 'DELETE' && call.url.pathname === '/api/logs')).toBe(true);
    expect(bodies.map((body) => body.ids.length).sort((a, b) => b - a)).toEqual([100, 50]);
    expect(bodies.flatMap((body) => body.ids).sort()).toEqual(refs.map((ref) => ref.id).sort());
  });
});

describe('Bifrost log against the fault server', () => {
  it('erasing old logs lists only those (the time range reaches the server) and deletes exactly them in a batch', async () => {
    const seeded: SeededJob[] = [
      { provider: 'bifrost', kind: 'log', id: 'log-old-1', createdAtMs: NOW - 40 * DAY },
      { provider: 'bifrost', kind: 'log', id: 'log-old-2', createdAtMs: NOW - 60 * DAY },
      { provider: 'bifrost', kind: 'log', id: 'log-new', createdAtMs: NOW - 1 * DAY },
      { provider: 'bifrost', id: 'video_old:openai', upstream: 'openai', createdAtMs: NOW - 90 * DAY },
    ];
    const server = await startFaultServer({ jobs: seeded });
    servers.push(server);
    const jobs = facadeAt(server.url);
    const old: Job[] = [];
    for await (const job of jobs.list({ provider: 'bifrost', kind: 'log', createdBefore: new Date(NOW - 30 * DAY) })) {
      old.push(job);
    }
    expect(old.map((job) => job.id)).toEqual(['log-old-1', 'log-old-2']);
    expect(server.ledger.requests.get('bifrost list')).toBe(1);
    const outcomes = await jobs.deleteMany(old);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(server.ledger.requests.get('bifrost delete')).toBe(1);
    expect([...server.ledger.deleted].sort()).toEqual(['bifrost/log/log-old-1', 'bifrost/log/log-old-2']);
  });

  it('contentSearch narrows the erasure to one subject', async () => {
    const seeded: SeededJob[] = [
      { provider: 'bifrost', kind: 'log', id: 'log-jane-1', createdAtMs: NOW - 5 * DAY },
      { provider: 'bifrost', kind: 'log', id: 'log-bob-1', createdAtMs: NOW - 5 * DAY },
    ];
    const server = await startFaultServer({ jobs: seeded });
    servers.push(server);
    const found: Job[] = [];
    const listing = facadeAt(server.url).list({
      provider: 'bifrost',
      kind: 'log',
      kindOptions: { contentSearch: 'jane' },
    });
    for await (const job of listing) found.push(job);
    expect(found.map((job) => job.id)).toEqual(['log-jane-1']);
    await facadeAt(server.url).deleteMany(found);
    expect([...server.ledger.deleted]).toEqual(['bifrost/log/log-jane-1']);
  });
});

const fileOf = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'file',
  bytes: 2048,
  created_at: 1767225600,
  filename: 'input.jsonl',
  purpose: 'batch',
  status: 'processed',
  ...extra,
});

describe('Bifrost file, scripted', () => {
  it('is a kind that deletes one per call, reads, and lists per required upstream', () => {
    const bifrost = vendorOf('bifrost');
    expect(bifrost && kindOf(bifrost, 'file')).toMatchObject({
      delete: 'one',
      get: true,
      list: true,
      madeFrom: [],
      listOptions: { upstream: { type: 'string', required: true } },
    });
  });

  it('get and delete send the upstream id in the path and the provider in the query; createdAt from created_at', async () => {
    const { jobs, calls } = facadeWith((call) =>
      call.method === 'DELETE'
        ? json(200, { id: 'file-abc', object: 'file', deleted: true })
        : json(200, fileOf('file-abc')),
    );
    const job = await jobs.get({ provider: 'bifrost', kind: 'file', id: 'file-abc:openai' });
    expect(job).toMatchObject({
      id: 'file-abc:openai',
      kind: 'file',
      status: 'succeeded',
      createdAt: new Date(1767225600 * 1000),
    });
    await jobs.delete({ provider: 'bifrost', kind: 'file', id: 'files/a:b:gemini' });
    expect(calls.map((call) => [call.method, call.url.pathname, call.url.search])).toEqual([
      ['GET', '/v1/files/file-abc', '?provider=openai'],
      ['DELETE', '/v1/files/files%2Fa:b', '?provider=gemini'],
    ]);
  });

  it('maps the status words (none: it exists); the upstream 404 is a NotFoundError', async () => {
    const answers = [
      fileOf('f', { status: undefined }),
      fileOf('f', { status: 'uploaded' }),
      fileOf('f', { status: 'processing' }),
      fileOf('f', { status: 'error', status_details: 'line 3 is not JSON' }),
    ];
    let n = 0;
    const { jobs } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'bifrost', kind: 'file', id: 'f:openai' });
    expect(await read()).toMatchObject({ status: 'succeeded' });
    expect(await read()).toMatchObject({ status: 'succeeded' });
    expect(await read()).toMatchObject({ status: 'running' });
    expect(await read()).toMatchObject({ status: 'failed', error: 'line 3 is not JSON' });
    const gone = facadeWith(() =>
      json(404, { status_code: 404, error: { type: 'invalid_request_error', message: 'No such File object: f' } }),
    );
    await expect(gone.jobs.get({ provider: 'bifrost', kind: 'file', id: 'f:openai' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('an id without its provider, or an answer of another shape, fails saying what was expected', async () => {
    const { jobs, calls } = facadeWith(() => json(200, fileOf('f')));
    await expect(jobs.get({ provider: 'bifrost', kind: 'file', id: 'file-abc' })).rejects.toThrow(
      /a file id is <file_id>:<provider>/,
    );
    expect(calls).toHaveLength(0);
    const noDeleted = facadeWith(() => json(200, { id: 'f', object: 'file' }));
    await expect(noDeleted.jobs.delete({ provider: 'bifrost', kind: 'file', id: 'f:openai' })).rejects.toThrow(
      /expected `deleted: true` for the file/,
    );
    const noData = facadeWith(() => json(200, { object: 'list', files: [] }));
    await expect(
      noData.jobs.list({ provider: 'bifrost', kind: 'file', kindOptions: { upstream: 'openai' } }).next(),
    ).rejects.toThrow(/expected data to be an array of jobs with a string id, got nothing/);
    const unknownWord = facadeWith(() => json(200, fileOf('f', { status: 'archived' })));
    await expect(unknownWord.jobs.get({ provider: 'bifrost', kind: 'file', id: 'f:openai' })).rejects.toThrow(
      /unknown job status "archived"/,
    );
  });

  it('the list sends x-model-provider and pages by the answer’s after (else the last id) while has_more', async () => {
    const pages = [
      { object: 'list', data: [fileOf('f1'), fileOf('f2')], has_more: true, after: 'cursor-2' },
      { object: 'list', data: [fileOf('f3')], has_more: true },
      { object: 'list', data: [fileOf('f4')] },
    ];
    let n = 0;
    const { jobs, calls } = facadeWith(() => json(200, pages[n++]));
    const listed: Job[] = [];
    for await (const job of jobs.list({ provider: 'bifrost', kind: 'file', kindOptions: { upstream: 'openai' } })) {
      listed.push(job);
    }
    expect(listed.map((job) => job.id)).toEqual(['f1:openai', 'f2:openai', 'f3:openai', 'f4:openai']);
    expect(calls.map((call) => call.url.searchParams.get('after'))).toEqual([null, 'cursor-2', 'f3']);
    expect(calls.every((call) => call.url.searchParams.get('x-model-provider') === 'openai')).toBe(true);
  });
});

describe('Bifrost file against the fault server', () => {
  it('erasing old files of one upstream lists only that upstream and deletes exactly the old ones', async () => {
    const file = (id: string, days: number, upstream = 'openai'): SeededJob => ({
      provider: 'bifrost',
      kind: 'file',
      id,
      upstream,
      createdAtMs: NOW - days * DAY,
    });
    const seeded = [
      file('file-old-1', 40),
      file('file-old-2', 60),
      file('file-new', 1),
      file('file-gemini-old', 90, 'gemini'),
      { provider: 'bifrost', id: 'video_old:openai', upstream: 'openai', createdAtMs: NOW - 90 * DAY } as SeededJob,
    ];
    const server = await startFaultServer({ jobs: seeded });
    servers.push(server);
    const jobs = facadeAt(server.url);
    const old: Job[] = [];
    const listing = jobs.list({
      provider: 'bifrost',
      kind: 'file',
      kindOptions: { upstream: 'openai' },
      createdBefore: new Date(NOW - 30 * DAY),
    });
    for await (const job of listing) old.push(job);
    expect(old.map((job) => job.id)).toEqual(['file-old-1:openai', 'file-old-2:openai']);
    const outcomes = await jobs.deleteMany(old);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(server.ledger.requests.get('bifrost delete')).toBe(2);
    expect([...server.ledger.deleted].sort()).toEqual(['bifrost/file/file-old-1', 'bifrost/file/file-old-2']);
    await expect(jobs.get({ provider: 'bifrost', kind: 'file', id: 'file-old-1:openai' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

const responseOf = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'response',
  created_at: 1767225600,
  status: 'completed',
  model: 'gpt-4o-mini',
  output: [],
  ...extra,
});

describe('Bifrost response, scripted', () => {
  it('is a kind that deletes one per call and reads, and cannot list: it says what to do instead', async () => {
    const bifrost = vendorOf('bifrost');
    expect(bifrost && kindOf(bifrost, 'response')).toMatchObject({ delete: 'one', get: true, list: false });
    expect(bifrost && kindOf(bifrost, 'response')?.cannotList).toMatch(
      /no list of stored responses.*delete the ids recorded when they were created/,
    );
    const { jobs, calls } = facadeWith(() => json(200, {}));
    await expect(jobs.list({ provider: 'bifrost', kind: 'response' }).next()).rejects.toMatchObject({
      name: 'UnsupportedOperationError',
      message: expect.stringMatching(/delete the ids recorded/),
    });
    expect(calls).toHaveLength(0);
  });

  it('get and delete send the upstream id in the path and the provider in the query; createdAt from created_at', async () => {
    const { jobs, calls } = facadeWith((call) =>
      call.method === 'DELETE'
        ? json(200, { id: 'resp_abc', object: 'response.deleted', deleted: true })
        : json(200, responseOf('resp_abc')),
    );
    const job = await jobs.get({ provider: 'bifrost', kind: 'response', id: 'resp_abc:openai' });
    expect(job).toMatchObject({
      id: 'resp_abc:openai',
      kind: 'response',
      status: 'succeeded',
      urls: [],
      createdAt: new Date(1767225600 * 1000),
    });
    await jobs.delete({ provider: 'bifrost', kind: 'response', id: 'resp/a:b:anthropic' });
    expect(calls.map((call) => [call.method, call.url.pathname, call.url.search])).toEqual([
      ['GET', '/v1/responses/resp_abc', '?provider=openai'],
      ['DELETE', '/v1/responses/resp%2Fa:b', '?provider=anthropic'],
    ]);
  });

  it('maps the six status words (none: completed, as the gateway defaults); the upstream 404 is a NotFoundError', async () => {
    const answers = [
      responseOf('r', { status: undefined }),
      responseOf('r', { status: 'completed' }),
      responseOf('r', { status: 'in_progress' }),
      responseOf('r', { status: 'queued' }),
      responseOf('r', { status: 'failed', error: { code: 'server_error', message: 'The model failed' } }),
      responseOf('r', { status: 'cancelled' }),
      responseOf('r', { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }),
    ];
    let n = 0;
    const { jobs } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'bifrost', kind: 'response', id: 'r:openai' });
    expect(await read()).toMatchObject({ status: 'succeeded', error: undefined });
    expect(await read()).toMatchObject({ status: 'succeeded', error: undefined });
    expect(await read()).toMatchObject({ status: 'running' });
    expect(await read()).toMatchObject({ status: 'queued' });
    expect(await read()).toMatchObject({ status: 'failed', error: 'The model failed' });
    expect(await read()).toMatchObject({ status: 'failed', error: 'cancelled' });
    expect(await read()).toMatchObject({ status: 'failed', error: 'incomplete: max_output_tokens' });
    const gone = facadeWith(() =>
      json(404, {
        status_code: 404,
        error: { type: 'invalid_request_error', message: "Response with id 'r' not found." },
      }),
    );
    await expect(gone.jobs.get({ provider: 'bifrost', kind: 'response', id: 'r:openai' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('an id without its provider, or an answer of another shape, fails saying what was expected', async () => {
    const { jobs, calls } = facadeWith(() => json(200, responseOf('r')));
    await expect(jobs.delete({ provider: 'bifrost', kind: 'response', id: 'resp_abc' })).rejects.toThrow(
      /a response id is <response_id>:<provider>/,
    );
    expect(calls).toHaveLength(0);
    const noDeleted = facadeWith(() => json(200, { id: 'r', object: 'response' }));
    await expect(noDeleted.jobs.delete({ provider: 'bifrost', kind: 'response', id: 'r:openai' })).rejects.toThrow(
      /expected `deleted: true` for the response/,
    );
    const noId = facadeWith(() => json(200, { response: responseOf('r') }));
    await expect(noId.jobs.get({ provider: 'bifrost', kind: 'response', id: 'r:openai' })).rejects.toThrow(
      /expected a response with a string id, got none/,
    );
    const notObject = facadeWith(() => json(200, [responseOf('r')]));
    await expect(notObject.jobs.get({ provider: 'bifrost', kind: 'response', id: 'r:openai' })).rejects.toThrow(
      /expected/,
    );
    const unknownWord = facadeWith(() => json(200, responseOf('r', { status: 'archived' })));
    await expect(unknownWord.jobs.get({ provider: 'bifrost', kind: 'response', id: 'r:openai' })).rejects.toThrow(
      /unknown job status "archived"/,
    );
  });
});

describe('Bifrost response against the fault server', () => {
  it('deletes exactly the recorded ids; a deleted response then reads as not found', async () => {
    const response = (id: string, days: number): SeededJob => ({
      provider: 'bifrost',
      kind: 'response',
      id,
      upstream: 'openai',
      createdAtMs: NOW - days * DAY,
    });
    const server = await startFaultServer({ jobs: [response('resp_a', 10), response('resp_b', 20)] });
    servers.push(server);
    const jobs = facadeAt(server.url);
    expect(await jobs.get({ provider: 'bifrost', kind: 'response', id: 'resp_a:openai' })).toMatchObject({
      status: 'succeeded',
      createdAt: new Date(Math.floor((NOW - 10 * DAY) / 1000) * 1000),
    });
    const outcomes = await jobs.deleteMany([{ provider: 'bifrost', kind: 'response', id: 'resp_a:openai' }]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect([...server.ledger.deleted]).toEqual(['bifrost/response/resp_a']);
    await expect(jobs.get({ provider: 'bifrost', kind: 'response', id: 'resp_a:openai' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    // The other one is untouched.
    expect(await jobs.get({ provider: 'bifrost', kind: 'response', id: 'resp_b:openai' })).toMatchObject({
      status: 'succeeded',
    });
  });
});

const containerOf = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'container',
  name: 'analysis-sandbox',
  created_at: 1767225600,
  status: 'running',
  expires_after: { anchor: 'last_active_at', minutes: 20 },
  last_active_at: 1767225900,
  ...extra,
});

describe('Bifrost container, scripted', () => {
  it('is a kind that deletes one per call, reads, and lists per required upstream; it says what is unverified', () => {
    const bifrost = vendorOf('bifrost');
    expect(bifrost && kindOf(bifrost, 'container')).toMatchObject({
      delete: 'one',
      get: true,
      list: true,
      madeFrom: [],
      listOptions: { upstream: { type: 'string', required: true } },
    });
    expect(bifrost && kindOf(bifrost, 'container')?.unverified).toMatch(/expired/);
  });

  it('get and delete send the upstream id in the path and the provider in the query; createdAt from created_at', async () => {
    const { jobs, calls } = facadeWith((call) =>
      call.method === 'DELETE'
        ? json(200, { id: 'cntr_abc', object: 'container.deleted', deleted: true })
        : json(200, containerOf('cntr_abc')),
    );
    const job = await jobs.get({ provider: 'bifrost', kind: 'container', id: 'cntr_abc:openai' });
    expect(job).toMatchObject({
      id: 'cntr_abc:openai',
      kind: 'container',
      status: 'running',
      urls: [],
      createdAt: new Date(1767225600 * 1000),
    });
    await jobs.delete({ provider: 'bifrost', kind: 'container', id: 'cntr/a:b:azure' });
    expect(calls.map((call) => [call.method, call.url.pathname, call.url.search])).toEqual([
      ['GET', '/v1/containers/cntr_abc', '?provider=openai'],
      ['DELETE', '/v1/containers/cntr%2Fa:b', '?provider=azure'],
    ]);
  });

  it('maps running and expired (still there: succeeded, not deleted), none as running; the upstream 404 is a NotFoundError', async () => {
    const answers = [
      containerOf('c'),
      containerOf('c', { status: 'expired' }),
      containerOf('c', { status: undefined }),
    ];
    let n = 0;
    const { jobs } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'bifrost', kind: 'container', id: 'c:openai' });
    expect(await read()).toMatchObject({ status: 'running' });
    const expired = await read();
    expect(expired.status).toBe('succeeded');
    expect(expired.error).toBeUndefined();
    expect(await read()).toMatchObject({ status: 'running' });
    const gone = facadeWith(() =>
      json(404, {
        status_code: 404,
        error: { type: 'invalid_request_error', message: "Container with id 'c' not found." },
      }),
    );
    await expect(gone.jobs.get({ provider: 'bifrost', kind: 'container', id: 'c:openai' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('an id without its provider, or an answer of another shape, fails saying what was expected', async () => {
    const { jobs, calls } = facadeWith(() => json(200, containerOf('c')));
    await expect(jobs.get({ provider: 'bifrost', kind: 'container', id: 'cntr_abc' })).rejects.toThrow(
      /a container id is <container_id>:<provider>/,
    );
    await expect(jobs.delete({ provider: 'bifrost', kind: 'container', id: 'cntr_abc:' })).rejects.toThrow(
      /a container id is <container_id>:<provider>/,
    );
    expect(calls).toHaveLength(0);
    const noDeleted = facadeWith(() => json(200, { id: 'c', object: 'container.deleted' }));
    await expect(noDeleted.jobs.delete({ provider: 'bifrost', kind: 'container', id: 'c:openai' })).rejects.toThrow(
      /expected `deleted: true` for the container/,
    );
    const noId = facadeWith(() => json(200, { object: 'container', name: 'x' }));
    await expect(noId.jobs.get({ provider: 'bifrost', kind: 'container', id: 'c:openai' })).rejects.toThrow(
      /expected a container with a string id/,
    );
    const noData = facadeWith(() => json(200, { object: 'list', containers: [] }));
    await expect(
      noData.jobs.list({ provider: 'bifrost', kind: 'container', kindOptions: { upstream: 'openai' } }).next(),
    ).rejects.toThrow(/expected data to be an array of jobs with a string id, got nothing/);
    const unknownWord = facadeWith(() => json(200, containerOf('c', { status: 'paused' })));
    await expect(unknownWord.jobs.get({ provider: 'bifrost', kind: 'container', id: 'c:openai' })).rejects.toThrow(
      /unknown job status "paused"/,
    );
  });

  it('the list sends provider and pages by the answer’s after, else last_id, else the last id, while has_more', async () => {
    const pages = [
      { object: 'list', data: [containerOf('c1'), containerOf('c2')], has_more: true, after: 'enc-cursor-2' },
      { object: 'list', data: [containerOf('c3')], first_id: 'c3', last_id: 'c3-last', has_more: true },
      { object: 'list', data: [containerOf('c4')], has_more: true },
      { object: 'list', data: [containerOf('c5', { status: 'expired' })] },
    ];
    let n = 0;
    const { jobs, calls } = facadeWith(() => json(200, pages[n++]));
    const listed: Job[] = [];
    const listing = jobs.list({ provider: 'bifrost', kind: 'container', kindOptions: { upstream: 'openai' } });
    for await (const job of listing) listed.push(job);
    expect(listed.map((job) => [job.id, job.status])).toEqual([
      ['c1:openai', 'running'],
      ['c2:openai', 'running'],
      ['c3:openai', 'running'],
      ['c4:openai', 'running'],
      ['c5:openai', 'succeeded'],
    ]);
    expect(calls.map((call) => call.url.searchParams.get('after'))).toEqual([null, 'enc-cursor-2', 'c3-last', 'c4']);
    expect(calls.every((call) => call.url.pathname === '/v1/containers')).toBe(true);
    expect(calls.every((call) => call.url.searchParams.get('provider') === 'openai')).toBe(true);
    expect(calls.every((call) => !call.url.searchParams.has('x-model-provider'))).toBe(true);
    expect(calls[0]?.url.searchParams.get('limit')).toBe('100');
  });
});

describe('Bifrost container against the fault server', () => {
  it('erasing old containers of one upstream lists only those and deletes exactly them; then they read as not found', async () => {
    const container = (id: string, days: number, upstream = 'openai'): SeededJob => ({
      provider: 'bifrost',
      kind: 'container',
      id,
      upstream,
      createdAtMs: NOW - days * DAY,
    });
    const seeded = [
      container('cntr_old_1', 40),
      container('cntr_old_2', 60),
      container('cntr_new', 1),
      container('cntr_azure_old', 90, 'azure'),
      { provider: 'bifrost', kind: 'file', id: 'file-old', upstream: 'openai', createdAtMs: NOW - 90 * DAY },
      { provider: 'bifrost', id: 'video_old:openai', upstream: 'openai', createdAtMs: NOW - 90 * DAY } as SeededJob,
    ] as SeededJob[];
    const server = await startFaultServer({ jobs: seeded });
    servers.push(server);
    const jobs = facadeAt(server.url);
    const old: Job[] = [];
    const listing = jobs.list({
      provider: 'bifrost',
      kind: 'container',
      kindOptions: { upstream: 'openai' },
      createdBefore: new Date(NOW - 30 * DAY),
    });
    for await (const job of listing) old.push(job);
    expect(old.map((job) => [job.id, job.status])).toEqual([
      ['cntr_old_1:openai', 'succeeded'],
      ['cntr_old_2:openai', 'succeeded'],
    ]);
    const outcomes = await jobs.deleteMany(old);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(server.ledger.requests.get('bifrost delete')).toBe(2);
    expect([...server.ledger.deleted].sort()).toEqual(['bifrost/container/cntr_old_1', 'bifrost/container/cntr_old_2']);
    for (const id of ['cntr_old_1:openai', 'cntr_old_2:openai']) {
      await expect(jobs.get({ provider: 'bifrost', kind: 'container', id })).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    }
    // The new one, the other upstream's and the other kinds are untouched.
    expect(await jobs.get({ provider: 'bifrost', kind: 'container', id: 'cntr_new:openai' })).toMatchObject({
      createdAt: new Date(Math.floor((NOW - DAY) / 1000) * 1000),
    });
    expect(await jobs.get({ provider: 'bifrost', kind: 'container', id: 'cntr_azure_old:azure' })).toMatchObject({
      id: 'cntr_azure_old:azure',
    });
  });
});
