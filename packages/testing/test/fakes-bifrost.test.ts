// The Bifrost fake's log store (`log`, /api/logs): pages by offset, newest first, time range and
// content_search, the gateway's answers (a delete that succeeds whatever the ids, 404 "log not found"),
// in the fault server and in the mocks (which Prism checks against specs/bifrost.yaml).
import { describe, expect, it } from 'vitest';
import { FAKES, routeOf } from '../src/fakes/index.js';
import { type SeededJob, startFaultServer, startMockVendors } from '../src/index.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const AUTH = { authorization: 'Bearer the-key' };

async function call(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    violations: response.headers.get('sl-violations'),
    body: text === '' ? undefined : JSON.parse(text),
  };
}

const LOGS: SeededJob[] = [10, 20, 30, 40, 50].map((days) => ({
  provider: 'bifrost',
  kind: 'log',
  id: `log-${days}d`,
  createdAtMs: NOW - days * DAY,
}));

describe('the Bifrost fake: logs', () => {
  it("routes /api/logs to the log kind, and reads a delete's ids from its body", () => {
    expect(routeOf('GET', '/api/logs')).toMatchObject({ vendor: 'bifrost', kind: 'log', operation: 'list' });
    expect(routeOf('DELETE', '/api/logs')).toMatchObject({ vendor: 'bifrost', kind: 'log', operation: 'delete' });
    expect(routeOf('GET', '/api/logs/l1')).toMatchObject({ kind: 'log', operation: 'get', pathId: 'l1' });
    const route = { vendor: 'bifrost', kind: 'log', operation: 'delete' } as const;
    expect(FAKES.bifrost.idsOf?.(route, { ids: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(FAKES.bifrost.idsOf?.(route, { ids: 'a' })).toEqual([]);
  });

  it('the fault server pages by offset, newest first, with the time range, total_count and RFC 3339 times', async () => {
    const server = await startFaultServer({ jobs: LOGS });
    try {
      const first = await call(server.url, 'GET', '/api/logs?limit=2&offset=0');
      expect(first.body.logs.map((log: { id: string }) => log.id)).toEqual(['log-10d', 'log-20d']);
      expect(first.body.pagination).toMatchObject({ limit: 2, offset: 0, total_count: 5 });
      expect(first.body.logs[0].timestamp).toBe(new Date(NOW - 10 * DAY).toISOString());
      const last = await call(server.url, 'GET', '/api/logs?limit=2&offset=4');
      expect(last.body.logs.map((log: { id: string }) => log.id)).toEqual(['log-50d']);
      const range = new URLSearchParams({
        start_time: new Date(NOW - 45 * DAY).toISOString(),
        end_time: new Date(NOW - 15 * DAY).toISOString(),
      });
      const ranged = await call(server.url, 'GET', `/api/logs?${range}`);
      expect(ranged.body.logs.map((log: { id: string }) => log.id)).toEqual(['log-20d', 'log-30d', 'log-40d']);
      expect(ranged.body.pagination.total_count).toBe(3);
      const searched = await call(server.url, 'GET', '/api/logs?content_search=log-30d');
      expect(searched.body.logs.map((log: { id: string }) => log.id)).toEqual(['log-30d']);
      expect((await call(server.url, 'GET', '/api/logs?limit=1001')).status).toBe(400);
    } finally {
      await server.stop();
    }
  });

  it('the fault server: a batch delete lands in the ledger; unknown ids are the same 200; a read of none is 404', async () => {
    const server = await startFaultServer({ jobs: LOGS });
    try {
      const deleted = await call(server.url, 'DELETE', '/api/logs', { ids: ['log-40d', 'log-50d'] });
      expect(deleted).toMatchObject({ status: 200, body: { message: 'Logs deleted successfully' } });
      expect([...server.ledger.deleted].sort()).toEqual(['bifrost/log/log-40d', 'bifrost/log/log-50d']);
      // Gone from the store too: no longer listed, and a read is the gateway's 404.
      const listed = await call(server.url, 'GET', '/api/logs');
      expect(listed.body.logs.map((log: { id: string }) => log.id)).toEqual(['log-10d', 'log-20d', 'log-30d']);
      expect((await call(server.url, 'GET', '/api/logs/log-40d')).status).toBe(404);
      // A batch repeated (ids already deleted, or never there): the same 200, as the gateway answers.
      const again = await call(server.url, 'DELETE', '/api/logs', { ids: ['log-40d', 'log-50d'] });
      expect(again).toMatchObject({ status: 200, body: { message: 'Logs deleted successfully' } });
      const one = await call(server.url, 'DELETE', '/api/logs', { ids: ['log-30d'] });
      expect(one.status).toBe(200);
      expect(await call(server.url, 'GET', '/api/logs/log-30d')).toMatchObject({
        status: 404,
        body: { status_code: 404, error: { message: 'log not found' } },
      });
      expect(await call(server.url, 'GET', '/api/logs/log-10d')).toMatchObject({
        status: 200,
        body: { id: 'log-10d', status: 'success', input_history: [{ content: 'Prompt of log-10d' }] },
      });
    } finally {
      await server.stop();
    }
  });

  it('the mocks list, read and batch-delete logs, and a deleted one reads 404; every answer fits the spec', async () => {
    const mocks = await startMockVendors({ providers: ['bifrost'] });
    try {
      const base = mocks.baseUrls.bifrost as string;
      const listed = await call(base, 'GET', '/api/logs');
      const ids = listed.body.logs.map((log: { id: string }) => log.id);
      expect(ids.length).toBe(5);
      const old = new URLSearchParams({ end_time: new Date(Date.now() - 30 * DAY).toISOString() });
      const oldIds = (await call(base, 'GET', `/api/logs?${old}`)).body.logs.map((log: { id: string }) => log.id);
      expect(oldIds).toHaveLength(2);
      expect(await call(base, 'DELETE', '/api/logs', { ids: oldIds })).toMatchObject({ status: 200 });
      expect((await call(base, 'GET', `/api/logs/${oldIds[0]}`)).status).toBe(404);
      expect((await call(base, 'GET', `/api/logs/${ids[0]}`)).body).toMatchObject({ id: ids[0], status: 'success' });
      expect((await call(base, 'GET', '/api/logs')).body.pagination.total_count).toBe(3);
      expect((await call(base, 'GET', '/api/logs')).violations).toBeNull();
    } finally {
      await mocks.stop();
    }
  });
});

const FILES: SeededJob[] = [5, 15, 25, 35, 45].map((days) => ({
  provider: 'bifrost',
  kind: 'file',
  id: `file-${days}d`,
  upstream: 'openai',
  createdAtMs: NOW - days * DAY,
}));

describe('the Bifrost fake: files', () => {
  it('routes /v1/files to the file kind, the id from the path as the gateway has it', () => {
    expect(routeOf('GET', '/v1/files')).toMatchObject({ vendor: 'bifrost', kind: 'file', operation: 'list' });
    expect(routeOf('GET', '/v1/files/file-1')).toMatchObject({ kind: 'file', operation: 'get', pathId: 'file-1' });
    expect(routeOf('DELETE', '/v1/files/file-1')).toMatchObject({ kind: 'file', operation: 'delete' });
  });

  it('the fault server lists one upstream by after, newest first, with has_more, after and unix seconds', async () => {
    const other: SeededJob = { ...(FILES[0] as SeededJob), id: 'file-gemini', upstream: 'gemini' };
    const server = await startFaultServer({ jobs: [...FILES, other] });
    try {
      const first = await call(server.url, 'GET', '/v1/files?x-model-provider=openai&limit=2');
      expect(first.body.data.map((file: { id: string }) => file.id)).toEqual(['file-5d', 'file-15d']);
      expect(first.body).toMatchObject({ has_more: true, after: 'file-15d' });
      expect(first.body.data[0].created_at).toBe(Math.floor((NOW - 5 * DAY) / 1000));
      const last = await call(server.url, 'GET', '/v1/files?x-model-provider=openai&limit=2&after=file-35d');
      expect(last.body.data.map((file: { id: string }) => file.id)).toEqual(['file-45d']);
      expect(last.body.has_more).toBeUndefined();
      const gemini = await call(server.url, 'GET', '/v1/files?x-model-provider=gemini');
      expect(gemini.body.data.map((file: { id: string }) => file.id)).toEqual(['file-gemini']);
      expect((await call(server.url, 'GET', '/v1/files')).body).toMatchObject({
        status_code: 400,
        error: { message: 'x-model-provider query parameter or x-model-provider header is required' },
      });
    } finally {
      await server.stop();
    }
  });

  it("the fault server deletes a held file once; then it is not listed and reads as OpenAI's 404", async () => {
    const server = await startFaultServer({ jobs: FILES });
    try {
      const deleted = await call(server.url, 'DELETE', '/v1/files/file-45d?provider=openai');
      expect(deleted).toMatchObject({ status: 200, body: { id: 'file-45d', deleted: true } });
      expect([...server.ledger.deleted]).toEqual(['bifrost/file/file-45d']);
      const listed = await call(server.url, 'GET', '/v1/files?x-model-provider=openai');
      expect(listed.body.data.map((file: { id: string }) => file.id)).not.toContain('file-45d');
      expect(await call(server.url, 'GET', '/v1/files/file-45d?provider=openai')).toMatchObject({
        status: 404,
        body: { status_code: 404, error: { message: 'No such File object: file-45d' } },
      });
      expect((await call(server.url, 'DELETE', '/v1/files/file-45d?provider=openai')).status).toBe(404);
      // The fault server holds files under the gateway's id: another upstream's is another file.
      const elsewhere = await call(server.url, 'GET', '/v1/files?x-model-provider=gemini&after=file-5d');
      expect(elsewhere.body.data).toEqual([]);
      expect((await call(server.url, 'GET', '/v1/files/file-5d?provider=openai')).body).toMatchObject({
        id: 'file-5d',
        status: 'processed',
      });
    } finally {
      await server.stop();
    }
  });

  it('the mocks list, read and delete files per upstream (provider in the query); every answer fits the spec', async () => {
    const mocks = await startMockVendors({ providers: ['bifrost'] });
    try {
      const base = mocks.baseUrls.bifrost as string;
      const listed = await call(base, 'GET', '/v1/files?x-model-provider=openai');
      expect(listed.violations).toBeNull();
      const ids = listed.body.data.map((file: { id: string }) => file.id);
      expect(ids).toEqual(['file-abc123', 'file-def456', 'file-0a1b2c', 'file-3d4e5f']);
      const paged = await call(base, 'GET', '/v1/files?x-model-provider=openai&limit=3');
      expect(paged.body).toMatchObject({ has_more: true, after: 'file-0a1b2c' });
      expect((await call(base, 'GET', '/v1/files?x-model-provider=gemini')).body.data).toHaveLength(1);
      const deleted = await call(base, 'DELETE', '/v1/files/file-3d4e5f?provider=openai');
      expect(deleted).toMatchObject({ status: 200, body: { id: 'file-3d4e5f', deleted: true }, violations: null });
      const gone = await call(base, 'GET', '/v1/files/file-3d4e5f?provider=openai');
      expect(gone).toMatchObject({ status: 404, violations: null });
      // The same id at another upstream is another file: not there.
      expect((await call(base, 'GET', '/v1/files/file-abc123?provider=gemini')).status).toBe(404);
      const read = await call(base, 'GET', '/v1/files/file-abc123?provider=openai');
      expect(read).toMatchObject({ status: 200, body: { id: 'file-abc123', status: 'processed' }, violations: null });
    } finally {
      await mocks.stop();
    }
  });
});

describe('the Bifrost fake: stored responses', () => {
  it('routes /v1/responses/{id} to the response kind (get and delete; no list route)', () => {
    expect(routeOf('GET', '/v1/responses/resp_1')).toMatchObject({
      vendor: 'bifrost',
      kind: 'response',
      operation: 'get',
      pathId: 'resp_1',
    });
    expect(routeOf('DELETE', '/v1/responses/resp_1')).toMatchObject({ kind: 'response', operation: 'delete' });
    expect(FAKES.bifrost.routes.some((route) => route.kind === 'response' && route.operation === 'list')).toBe(false);
  });

  it("the fault server deletes a response once; then it reads as OpenAI's 404", async () => {
    const held: SeededJob = {
      provider: 'bifrost',
      kind: 'response',
      id: 'resp_old',
      upstream: 'openai',
      createdAtMs: NOW - 40 * DAY,
    };
    const server = await startFaultServer({ jobs: [held] });
    try {
      const read = await call(server.url, 'GET', '/v1/responses/resp_old?provider=openai');
      expect(read.body).toMatchObject({
        id: 'resp_old',
        object: 'response',
        status: 'completed',
        created_at: Math.floor((NOW - 40 * DAY) / 1000),
      });
      const deleted = await call(server.url, 'DELETE', '/v1/responses/resp_old?provider=openai');
      expect(deleted).toMatchObject({
        status: 200,
        body: { id: 'resp_old', object: 'response.deleted', deleted: true },
      });
      expect([...server.ledger.deleted]).toEqual(['bifrost/response/resp_old']);
      expect(await call(server.url, 'GET', '/v1/responses/resp_old?provider=openai')).toMatchObject({
        status: 404,
        body: { status_code: 404, error: { message: "Response with id 'resp_old' not found." } },
      });
      expect((await call(server.url, 'DELETE', '/v1/responses/resp_old?provider=openai')).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('the mocks read and delete responses per upstream (openai when provider is absent); every answer fits the spec', async () => {
    const mocks = await startMockVendors({ providers: ['bifrost'] });
    try {
      const base = mocks.baseUrls.bifrost as string;
      const read = await call(base, 'GET', '/v1/responses/resp_abc123?provider=openai');
      expect(read).toMatchObject({
        status: 200,
        body: { id: 'resp_abc123', object: 'response', status: 'completed' },
        violations: null,
      });
      // Without provider the gateway reads openai.
      expect((await call(base, 'GET', '/v1/responses/resp_0a1b2c')).status).toBe(200);
      // The same id at another upstream is another response: not there.
      expect((await call(base, 'GET', '/v1/responses/resp_abc123?provider=anthropic')).status).toBe(404);
      expect((await call(base, 'GET', '/v1/responses/resp_9e8d7c?provider=anthropic')).status).toBe(200);
      const deleted = await call(base, 'DELETE', '/v1/responses/resp_abc123?provider=openai');
      expect(deleted).toMatchObject({
        status: 200,
        body: { id: 'resp_abc123', object: 'response.deleted', deleted: true },
        violations: null,
      });
      const gone = await call(base, 'GET', '/v1/responses/resp_abc123?provider=openai');
      expect(gone).toMatchObject({ status: 404, violations: null });
      expect((await call(base, 'DELETE', '/v1/responses/resp_abc123?provider=openai')).status).toBe(404);
    } finally {
      await mocks.stop();
    }
  });
});

const CONTAINERS: SeededJob[] = [5, 15, 25, 35, 45].map((days) => ({
  provider: 'bifrost',
  kind: 'container',
  id: `cntr_${days}d`,
  upstream: 'openai',
  createdAtMs: NOW - days * DAY,
}));

describe('the Bifrost fake: containers', () => {
  it('routes /v1/containers to the container kind, the id from the path as the gateway has it', () => {
    expect(routeOf('GET', '/v1/containers')).toMatchObject({ vendor: 'bifrost', kind: 'container', operation: 'list' });
    expect(routeOf('GET', '/v1/containers/cntr_1')).toMatchObject({
      kind: 'container',
      operation: 'get',
      pathId: 'cntr_1',
    });
    expect(routeOf('DELETE', '/v1/containers/cntr_1')).toMatchObject({ kind: 'container', operation: 'delete' });
    expect(FAKES.bifrost.kinds).toContain('container');
  });

  it('the fault server lists one upstream by provider and after, newest first, with has_more, first_id, last_id and after', async () => {
    const other: SeededJob = { ...(CONTAINERS[0] as SeededJob), id: 'cntr_azure', upstream: 'azure' };
    const server = await startFaultServer({ jobs: [...CONTAINERS, other] });
    try {
      const first = await call(server.url, 'GET', '/v1/containers?provider=openai&limit=2');
      expect(first.body.data.map((c: { id: string }) => c.id)).toEqual(['cntr_5d', 'cntr_15d']);
      expect(first.body).toMatchObject({ first_id: 'cntr_5d', last_id: 'cntr_15d', has_more: true, after: 'cntr_15d' });
      expect(first.body.data[0]).toMatchObject({
        object: 'container',
        created_at: Math.floor((NOW - 5 * DAY) / 1000),
        status: 'expired',
      });
      const last = await call(server.url, 'GET', '/v1/containers?provider=openai&limit=2&after=cntr_35d');
      expect(last.body.data.map((c: { id: string }) => c.id)).toEqual(['cntr_45d']);
      expect(last.body.has_more).toBeUndefined();
      const azure = await call(server.url, 'GET', '/v1/containers?provider=azure');
      expect(azure.body.data.map((c: { id: string }) => c.id)).toEqual(['cntr_azure']);
      // The gateway reads the upstream from `provider` here, not x-model-provider as for files.
      expect((await call(server.url, 'GET', '/v1/containers?x-model-provider=openai')).body).toMatchObject({
        status_code: 400,
        error: { message: 'provider query parameter is required' },
      });
    } finally {
      await server.stop();
    }
  });

  it("the fault server deletes a held container once; then it is not listed and reads as the upstream's 404", async () => {
    const server = await startFaultServer({ jobs: CONTAINERS });
    try {
      const deleted = await call(server.url, 'DELETE', '/v1/containers/cntr_45d?provider=openai');
      expect(deleted).toMatchObject({
        status: 200,
        body: { id: 'cntr_45d', object: 'container.deleted', deleted: true },
      });
      expect([...server.ledger.deleted]).toEqual(['bifrost/container/cntr_45d']);
      const listed = await call(server.url, 'GET', '/v1/containers?provider=openai');
      expect(listed.body.data.map((c: { id: string }) => c.id)).not.toContain('cntr_45d');
      expect(await call(server.url, 'GET', '/v1/containers/cntr_45d?provider=openai')).toMatchObject({
        status: 404,
        body: { status_code: 404, error: { message: "Container with id 'cntr_45d' not found." } },
      });
      expect((await call(server.url, 'DELETE', '/v1/containers/cntr_45d?provider=openai')).status).toBe(404);
      expect((await call(server.url, 'GET', '/v1/containers/cntr_5d?provider=openai')).body).toMatchObject({
        id: 'cntr_5d',
        status: 'expired',
      });
    } finally {
      await server.stop();
    }
  });

  it('the mocks list, read and delete containers per upstream (provider in the query); every answer fits the spec', async () => {
    const mocks = await startMockVendors({ providers: ['bifrost'] });
    try {
      const base = mocks.baseUrls.bifrost as string;
      const listed = await call(base, 'GET', '/v1/containers?provider=openai');
      expect(listed.violations).toBeNull();
      expect(listed.body.data.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
        ['cntr_abc123', 'running'],
        ['cntr_def456', 'expired'],
        ['cntr_0a1b2c', 'expired'],
      ]);
      const paged = await call(base, 'GET', '/v1/containers?provider=openai&limit=2');
      expect(paged).toMatchObject({ body: { has_more: true, after: 'cntr_def456' }, violations: null });
      const next = await call(base, 'GET', '/v1/containers?provider=openai&limit=2&after=cntr_def456');
      expect(next.body.data.map((c: { id: string }) => c.id)).toEqual(['cntr_0a1b2c']);
      expect((await call(base, 'GET', '/v1/containers?provider=azure')).body.data).toHaveLength(1);
      const deleted = await call(base, 'DELETE', '/v1/containers/cntr_0a1b2c?provider=openai');
      expect(deleted).toMatchObject({ status: 200, body: { id: 'cntr_0a1b2c', deleted: true }, violations: null });
      const gone = await call(base, 'GET', '/v1/containers/cntr_0a1b2c?provider=openai');
      expect(gone).toMatchObject({ status: 404, violations: null });
      // The same id at another upstream is another container: not there.
      expect((await call(base, 'GET', '/v1/containers/cntr_abc123?provider=azure')).status).toBe(404);
      const read = await call(base, 'GET', '/v1/containers/cntr_abc123?provider=openai');
      expect(read).toMatchObject({ status: 200, body: { id: 'cntr_abc123', status: 'running' }, violations: null });
    } finally {
      await mocks.stop();
    }
  });
});
