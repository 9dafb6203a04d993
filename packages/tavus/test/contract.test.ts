// Tavus client against a Prism mock of specs/tavus.yaml: every operation, every documented status,
// a missing key and an invalid request for each.
import { AuthenticationError, InvalidRequestError } from '@mediajobs/core';
import { createTavusClient } from '@mediajobs/tavus';
import { describe, expect, it, vi } from 'vitest';
import {
  type ContractFetchOptions,
  contractFetch,
  describeMissingAuth,
  prismUrl,
  recordRefusedBeforeSending,
} from '../../../test-support/contract.js';

const KEY = 'tvs_contract_key';

function tavus(options: ContractFetchOptions & { apiKey?: string } = {}) {
  const { fetch, calls } = contractFetch('tavus', options);
  return { client: createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: options.apiKey ?? KEY, fetch }), calls };
}
const prefer = (code: number) => ({ headers: { Prefer: `code=${code}` } });
const VIDEO = { params: { path: { video_id: '8a4f94e736' } } };

describe('deleteVideo: DELETE /v2/videos/{video_id}', () => {
  it('200: deletes, with an empty body', async () => {
    const { client, calls } = tavus();
    const { data, error, response } = await client.DELETE('/v2/videos/{video_id}', VIDEO);
    expect(response.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(calls[0]?.headers.get('x-api-key')).toBe(KEY);
  });

  it('sends hard=true as a query flag', async () => {
    const { client, calls } = tavus();
    const { response } = await client.DELETE('/v2/videos/{video_id}', {
      params: { path: { video_id: '8a4f94e736' }, query: { hard: true } },
    });
    expect(response.status).toBe(200);
    expect(calls[0]?.url.search).toBe('?hard=true');
  });

  it('400: the vendor message in {error}', async () => {
    const { error, response } = await tavus().client.DELETE('/v2/videos/{video_id}', { ...VIDEO, ...prefer(400) });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: 'Invalid video_id' });
  });

  it('401: the vendor message in {message}', async () => {
    const { error, response } = await tavus().client.DELETE('/v2/videos/{video_id}', { ...VIDEO, ...prefer(401) });
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Invalid access token' });
  });

  it('invalid request: an id of ".." is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(client.DELETE('/v2/videos/{video_id}', { params: { path: { video_id: '..' } } })).rejects.toThrow(
      InvalidRequestError,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'deleteVideo');
  });

  it('invalid request: a non-boolean hard flag is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.DELETE('/v2/videos/{video_id}', {
      // @ts-expect-error hard is a boolean
      params: { path: { video_id: '8a4f94e736' }, query: { hard: 'maybe' } },
    });
    expect(response.status).toBe(400);
  });
});

describe('getVideo: GET /v2/videos/{video_id}', () => {
  it('200: the video, typed', async () => {
    const { data } = await tavus().client.GET('/v2/videos/{video_id}', {
      params: { path: { video_id: '8a4f94e736' }, query: { verbose: true } },
    });
    expect(data?.status).toBe('ready');
    expect(data?.video_id).toBe('8a4f94e736');
    expect(data?.download_url).toMatch(/^https:\/\//);
  });

  it.each([
    [400, { error: 'Invalid video_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/videos/{video_id}', { ...VIDEO, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('missing auth: no key anywhere fails before sending, naming TAVUS_API_KEY', async () => {
    vi.stubEnv('TAVUS_API_KEY', '');
    const { fetch, calls } = contractFetch('tavus');
    const client = createTavusClient({ baseUrl: prismUrl('tavus'), fetch });
    await expect(client.GET('/v2/videos/{video_id}', VIDEO)).rejects.toThrow(AuthenticationError);
    await expect(client.GET('/v2/videos/{video_id}', VIDEO)).rejects.toThrow('TAVUS_API_KEY');
    expect(calls).toHaveLength(0);
    vi.unstubAllEnvs();
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(client.GET('/v2/videos/{video_id}', { params: { path: { video_id: '' } } })).rejects.toThrow(
      /`video_id` is empty/,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'getVideo');
  });
});

describe('listVideos: GET /v2/videos', () => {
  it('200: a page of videos and the total', async () => {
    const { client, calls } = tavus();
    const { data } = await client.GET('/v2/videos', { params: { query: { page: 0, limit: 2 } } });
    expect(data?.total_count).toBe(2);
    expect(data?.data?.map((video) => video.video_id)).toEqual(['783537ef5', '8a4f94e736']);
    expect(calls[0]?.url.search).toBe('?page=0&limit=2');
  });

  it('401: the vendor error body', async () => {
    const { error, response } = await tavus().client.GET('/v2/videos', prefer(401));
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Invalid access token' });
  });

  it('invalid request: a non-integer limit is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.GET('/v2/videos', {
      // @ts-expect-error limit is an integer
      params: { query: { limit: 'ten' } },
    });
    expect(response.status).toBe(422);
  });
});

describe('generateVideo: POST /v2/videos', () => {
  const body = { replica_id: 'r665388ec672', script: 'Hi, this is my first video.', video_name: 'My First Video' };

  it('200: the queued video', async () => {
    const { client, calls } = tavus();
    const { data } = await client.POST('/v2/videos', { body });
    expect(data).toMatchObject({ video_id: 'abcd123', status: 'queued' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    [400, { error: 'Invalid replica_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, errorBody) => {
    const { error, response } = await tavus().client.POST('/v2/videos', { body, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toEqual(errorBody);
  });

  it('invalid request: a body without replica_id gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.POST('/v2/videos', {
      // @ts-expect-error replica_id is required
      body: { script: 'no replica' },
    });
    expect(response.status).toBe(400);
  });
});

describe('renameVideo: PATCH /v2/videos/{video_id}/name', () => {
  it('200: renamed, with an empty body', async () => {
    const { client, calls } = tavus();
    const { response, data } = await client.PATCH('/v2/videos/{video_id}/name', {
      ...VIDEO,
      body: { video_name: 'Sales' },
    });
    expect(response.status).toBe(200);
    expect(data).toBeUndefined();
    expect(calls[0]?.url.pathname).toBe('/v2/videos/8a4f94e736/name');
  });

  it.each([
    [400, { error: 'Invalid video_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, errorBody) => {
    const { error, response } = await tavus().client.PATCH('/v2/videos/{video_id}/name', {
      ...VIDEO,
      body: { video_name: 'Sales' },
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(errorBody);
  });

  it('invalid request: a body without video_name gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.PATCH('/v2/videos/{video_id}/name', {
      ...VIDEO,
      // @ts-expect-error video_name is required
      body: {},
    });
    expect(response.status).toBe(400);
  });
});

const REPLICA = { params: { path: { replica_id: 'r783537ef5' } } };

describe('listReplicas: GET /v2/replicas', () => {
  it('200: a page of replicas and the total', async () => {
    const { client, calls } = tavus();
    const { data } = await client.GET('/v2/replicas', {
      params: { query: { page: 0, limit: 2, replica_type: 'user', verbose: true } },
    });
    expect(data?.total_count).toBe(2);
    expect(data?.data?.map((replica) => [replica.replica_id, replica.status])).toEqual([
      ['r783537ef5', 'completed'],
      ['rf4e9d9790f0', 'started'],
    ]);
    expect(calls[0]?.url.search).toBe('?page=0&limit=2&replica_type=user&verbose=true');
  });

  it('401: the vendor error body', async () => {
    const { error, response } = await tavus().client.GET('/v2/replicas', prefer(401));
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Invalid access token' });
  });

  it('invalid request: a replica_type other than user or system is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.GET('/v2/replicas', {
      // @ts-expect-error replica_type is user or system
      params: { query: { replica_type: 'robot' } },
    });
    expect(response.status).toBe(422);
  });
});

describe('getReplica: GET /v2/replicas/{replica_id}', () => {
  it('200: the replica, typed', async () => {
    const { data } = await tavus().client.GET('/v2/replicas/{replica_id}', {
      params: { path: { replica_id: 'r783537ef5' }, query: { verbose: true } },
    });
    expect(data).toMatchObject({ replica_id: 'r783537ef5', status: 'completed', training_progress: '100/100' });
  });

  it.each([
    [400, { error: 'Invalid replica_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/replicas/{replica_id}', {
      ...REPLICA,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(client.GET('/v2/replicas/{replica_id}', { params: { path: { replica_id: '' } } })).rejects.toThrow(
      /`replica_id` is empty/,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'getReplica');
  });
});

describe('deleteReplica: DELETE /v2/replicas/{replica_id}', () => {
  it('200: deletes, with an empty body', async () => {
    const { client, calls } = tavus();
    const { data, error, response } = await client.DELETE('/v2/replicas/{replica_id}', REPLICA);
    expect(response.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(calls[0]?.headers.get('x-api-key')).toBe(KEY);
  });

  it('sends hard=true as a query flag', async () => {
    const { client, calls } = tavus();
    const { response } = await client.DELETE('/v2/replicas/{replica_id}', {
      params: { path: { replica_id: 'r783537ef5' }, query: { hard: true } },
    });
    expect(response.status).toBe(200);
    expect(calls[0]?.url.search).toBe('?hard=true');
  });

  it.each([
    [400, { error: 'Invalid replica_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.DELETE('/v2/replicas/{replica_id}', {
      ...REPLICA,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: a non-boolean hard flag is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.DELETE('/v2/replicas/{replica_id}', {
      // @ts-expect-error hard is a boolean
      params: { path: { replica_id: 'r783537ef5' }, query: { hard: 'maybe' } },
    });
    expect(response.status).toBe(400);
  });
});

describeMissingAuth('tavus', (fetch) => createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: KEY, fetch }), {
  deleteVideo: (client) => client.DELETE('/v2/videos/{video_id}', VIDEO),
  getVideo: (client) => client.GET('/v2/videos/{video_id}', VIDEO),
  listVideos: (client) => client.GET('/v2/videos'),
  generateVideo: (client) => client.POST('/v2/videos', { body: { replica_id: 'r665388ec672', script: 'Hi' } }),
  renameVideo: (client) => client.PATCH('/v2/videos/{video_id}/name', { ...VIDEO, body: { video_name: 'Sales' } }),
  listReplicas: (client) => client.GET('/v2/replicas'),
  getReplica: (client) => client.GET('/v2/replicas/{replica_id}', REPLICA),
  deleteReplica: (client) => client.DELETE('/v2/replicas/{replica_id}', REPLICA),
});
