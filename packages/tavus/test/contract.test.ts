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

describe('createReplica: POST /v2/replicas', () => {
  const body = {
    train_video_url: 'https://my-example-bucket.s3.us-east-1.amazonaws.com/your-train-video.mp4',
    consent_video_url: 'https://my-example-bucket.s3.us-east-1.amazonaws.com/your-consent-video.mp4',
    replica_name: 'Rio',
  };

  it('200: the new replica, training started', async () => {
    const { client, calls } = tavus();
    const { data } = await client.POST('/v2/replicas', { body });
    expect(data).toEqual({ replica_id: 'r783537ef5', status: 'started' });
    expect(calls[0]?.method).toBe('POST');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    [400, { error: 'Invalid train_video_url' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, errorBody) => {
    const { error, response } = await tavus().client.POST('/v2/replicas', { body, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toEqual(errorBody);
  });

  it('invalid request: a body without train_video_url gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.POST('/v2/replicas', {
      // @ts-expect-error train_video_url is required
      body: { replica_name: 'Rio' },
    });
    expect(response.status).toBe(400);
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

const CONVERSATION = { params: { path: { conversation_id: 'c123456' } } };
const PERSONA = { params: { path: { persona_id: 'pf3073f2dcc1' } } };
const DOCUMENT = { params: { path: { document_id: 'd8-5c71baca86fc' } } };
const MEMORY_STORE = { params: { path: { memory_store_id: 'ms1a2b3c4d' } } };

describe('listConversations: GET /v2/conversations', () => {
  it('200: a page of conversations with their replica and persona', async () => {
    const { client, calls } = tavus();
    const { data } = await client.GET('/v2/conversations', {
      params: { query: { page: 0, limit: 2, status: 'ended' } },
    });
    expect(data?.total_count).toBe(2);
    expect(data?.data?.map((c) => [c.conversation_id, c.status, c.replica_id, c.persona_id])).toEqual([
      ['c123456', 'active', 'r79e1c033f', 'p5317866'],
      ['c7e2f1a90', 'ended', 'r783537ef5', 'pf3073f2dcc1'],
    ]);
    expect(calls[0]?.url.search).toBe('?page=0&limit=2&status=ended');
  });

  it('401: the vendor error body', async () => {
    const { error, response } = await tavus().client.GET('/v2/conversations', prefer(401));
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Invalid access token' });
  });

  it('invalid request: a non-integer page is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.GET('/v2/conversations', {
      // @ts-expect-error page is an integer
      params: { query: { page: 'first' } },
    });
    expect(response.status).toBe(422);
  });
});

describe('createConversation: POST /v2/conversations', () => {
  const body = { replica_id: 'rfe12d8b9597', persona_id: 'pdced222244b', conversation_name: 'Improve Sales Technique' };

  it('200: the new conversation, active', async () => {
    const { client, calls } = tavus();
    const { data } = await client.POST('/v2/conversations', { body });
    expect(data).toMatchObject({ conversation_id: 'c123456', status: 'active' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    [400, { error: 'There was an error creating the conversation, please reach out to support at support@tavus.io!' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, errorBody) => {
    const { error, response } = await tavus().client.POST('/v2/conversations', { body, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toEqual(errorBody);
  });

  it('invalid request: max_participants below 2 gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.POST('/v2/conversations', {
      body: { ...body, max_participants: 1 },
    });
    expect(response.status).toBe(400);
  });
});

describe('getConversation: GET /v2/conversations/{conversation_id}', () => {
  it('200: the conversation, typed', async () => {
    const { data } = await tavus().client.GET('/v2/conversations/{conversation_id}', CONVERSATION);
    expect(data).toMatchObject({ conversation_id: 'c123456', status: 'active', replica_id: 'r79e1c033f' });
  });

  it.each([
    [400, { error: 'Invalid conversation_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/conversations/{conversation_id}', {
      ...CONVERSATION,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(
      client.GET('/v2/conversations/{conversation_id}', { params: { path: { conversation_id: '' } } }),
    ).rejects.toThrow(/`conversation_id` is empty/);
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'getConversation');
  });
});

describe('deleteConversation: DELETE /v2/conversations/{conversation_id}', () => {
  it('204: deletes, with no content; hard=true as a query flag', async () => {
    const { client, calls } = tavus();
    const { data, error, response } = await client.DELETE('/v2/conversations/{conversation_id}', {
      params: { path: { conversation_id: 'c123456' }, query: { hard: true } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(calls[0]?.url.search).toBe('?hard=true');
    expect(calls[0]?.headers.get('x-api-key')).toBe(KEY);
  });

  it.each([
    [400, { error: 'Invalid conversation_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.DELETE('/v2/conversations/{conversation_id}', {
      ...CONVERSATION,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: a non-boolean hard flag is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.DELETE(
      '/v2/conversations/{conversation_id}',
      // @ts-expect-error hard is a boolean
      { params: { path: { conversation_id: 'c123456' }, query: { hard: 'maybe' } } },
    );
    expect(response.status).toBe(400);
  });
});

describe('listPersonas: GET /v2/personas', () => {
  it('200: a page of the account own personas', async () => {
    const { client, calls } = tavus();
    const { data } = await client.GET('/v2/personas', {
      params: { query: { page: 0, limit: 2, persona_type: 'user' } },
    });
    expect(data?.total_count).toBe(2);
    expect(data?.data?.map((p) => [p.persona_id, p.persona_type])).toEqual([
      ['p5317866', 'user'],
      ['pf3073f2dcc1', 'user'],
    ]);
    expect(calls[0]?.url.search).toBe('?page=0&limit=2&persona_type=user');
  });

  it('401: the vendor error body', async () => {
    const { error, response } = await tavus().client.GET('/v2/personas', prefer(401));
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Invalid access token' });
  });

  it('invalid request: a persona_type other than user or system is refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.GET('/v2/personas', {
      // @ts-expect-error persona_type is user or system
      params: { query: { persona_type: 'robot' } },
    });
    expect(response.status).toBe(422);
  });
});

describe('createPersona: POST /v2/personas', () => {
  const body = {
    persona_name: 'Life Coach',
    pipeline_mode: 'full' as const,
    system_prompt: 'As a Life Coach, you are a dedicated professional who specializes in...',
    default_replica_id: 'rfe12d8b9597',
  };

  it('200: the new persona', async () => {
    const { client, calls } = tavus();
    const { data } = await client.POST('/v2/personas', { body });
    expect(data).toMatchObject({ persona_id: 'p5317866', persona_name: 'Life Coach' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    [400, { error: 'Invalid replica_uuid' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, errorBody) => {
    const { error, response } = await tavus().client.POST('/v2/personas', { body, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toEqual(errorBody);
  });

  it('invalid request: a pipeline_mode other than full or echo gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.POST('/v2/personas', {
      // @ts-expect-error pipeline_mode is full or echo
      body: { ...body, pipeline_mode: 'half' },
    });
    expect(response.status).toBe(400);
  });
});

describe('getPersona: GET /v2/personas/{persona_id}', () => {
  it('200: the persona, in a data array as documented', async () => {
    const { data } = await tavus().client.GET('/v2/personas/{persona_id}', PERSONA);
    expect(data?.data?.[0]).toMatchObject({ persona_id: 'pf3073f2dcc1', persona_name: 'Life Coach' });
  });

  it.each([
    [400, { error: 'Invalid persona_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/personas/{persona_id}', {
      ...PERSONA,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(client.GET('/v2/personas/{persona_id}', { params: { path: { persona_id: '' } } })).rejects.toThrow(
      /`persona_id` is empty/,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'getPersona');
  });
});

describe('deletePersona: DELETE /v2/personas/{persona_id}', () => {
  it('204: deletes, with no content', async () => {
    const { data, error, response } = await tavus().client.DELETE('/v2/personas/{persona_id}', PERSONA);
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it.each([
    [400, { error: 'Invalid persona_id' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.DELETE('/v2/personas/{persona_id}', {
      ...PERSONA,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(client.DELETE('/v2/personas/{persona_id}', { params: { path: { persona_id: '' } } })).rejects.toThrow(
      /`persona_id` is empty/,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'deletePersona');
  });
});

describe('listDocuments: GET /v2/documents', () => {
  it('200: a 0-based page of documents, filtered by tags', async () => {
    const { client, calls } = tavus();
    const { data } = await client.GET('/v2/documents', {
      params: { query: { page: 0, limit: 10, tags: 'docs,important' } },
    });
    expect(data).toMatchObject({ total_count: 2, page: 0, limit: 10 });
    expect(data?.data?.map((d) => [d.document_id, d.status, d.created_at])).toEqual([
      ['d8-5c71baca86fc', 'ready', '2024-01-01T12:00:00Z'],
      ['d2468101214', 'processing', '2024-01-02T09:00:00Z'],
    ]);
    expect(calls[0]?.url.search).toBe('?page=0&limit=10&tags=docs%2Cimportant');
  });

  it.each([
    [400, { error: 'Invalid request: limit must be a positive integer' }],
    [401, { message: 'Invalid access token' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/documents', prefer(status));
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: a sort other than ascending or descending gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.GET('/v2/documents', {
      // @ts-expect-error sort is ascending or descending
      params: { query: { sort: 'sideways' } },
    });
    expect(response.status).toBe(400);
  });
});

describe('createDocument: POST /v2/documents', () => {
  const body = { document_url: 'https://docs.example.com/', document_name: 'Example Docs', tags: ['docs'] };

  it('200: the new document, processing started', async () => {
    const { client, calls } = tavus();
    const { data } = await client.POST('/v2/documents', { body });
    expect(data).toMatchObject({ document_id: 'd8-5c71baca86fc', status: 'started' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    [400, { error: 'Invalid request: document_url is required' }],
    [401, { message: 'Invalid access token' }],
    [429, { error: 'Crawl document limit reached (100). Contact support@tavus.io to increase your limit.' }],
  ])('%i: the vendor error body', async (status, errorBody) => {
    const { error, response } = await tavus().client.POST('/v2/documents', { body, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toEqual(errorBody);
  });

  it('invalid request: a body without document_url gets the documented 400', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.POST('/v2/documents', {
      // @ts-expect-error document_url is required
      body: { document_name: 'Example Docs' },
    });
    expect(response.status).toBe(400);
  });
});

describe('getDocument: GET /v2/documents/{document_id}', () => {
  it('200: the document, typed', async () => {
    const { data } = await tavus().client.GET('/v2/documents/{document_id}', DOCUMENT);
    expect(data).toMatchObject({ document_id: 'd8-5c71baca86fc', status: 'ready', tags: ['docs'] });
  });

  it.each([
    [401, { message: 'Invalid access token' }],
    [404, { message: 'Document not found' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/documents/{document_id}', {
      ...DOCUMENT,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(client.GET('/v2/documents/{document_id}', { params: { path: { document_id: '' } } })).rejects.toThrow(
      /`document_id` is empty/,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'getDocument');
  });
});

describe('deleteDocument: DELETE /v2/documents/{document_id}', () => {
  it('204: deletes, with no content', async () => {
    const { data, error, response } = await tavus().client.DELETE('/v2/documents/{document_id}', DOCUMENT);
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it.each([
    [401, { message: 'Invalid access token' }],
    [404, { message: 'Document not found' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.DELETE('/v2/documents/{document_id}', {
      ...DOCUMENT,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(
      client.DELETE('/v2/documents/{document_id}', { params: { path: { document_id: '' } } }),
    ).rejects.toThrow(/`document_id` is empty/);
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'deleteDocument');
  });
});

describe('listMemoryStores: GET /v2/memory-stores (unverified)', () => {
  it('200: the memory stores of one PAL and participant', async () => {
    const { client, calls } = tavus();
    const { data } = await client.GET('/v2/memory-stores', {
      params: { query: { pal_id: 'p5317866', participant_tag: 'anna' } },
    });
    expect(data?.data?.map((m) => m.memory_store_id)).toEqual(['ms1a2b3c4d', 'ms5e6f7a8b']);
    expect(calls[0]?.url.search).toBe('?pal_id=p5317866&participant_tag=anna');
  });

  it('401: the vendor error body', async () => {
    const { error, response } = await tavus().client.GET('/v2/memory-stores', prefer(401));
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Invalid access token' });
  });

  it('invalid request: two pal_id values where one string is expected are refused by the server', async () => {
    const { response } = await tavus({ expect: 'invalid-request' }).client.GET('/v2/memory-stores', {
      // @ts-expect-error pal_id is one string
      params: { query: { pal_id: ['p1', 'p2'] } },
    });
    expect(response.status).toBe(422);
  });
});

describe('getMemoryStore: GET /v2/memory-stores/{memory_store_id} (unverified)', () => {
  it('200: the memory store', async () => {
    const { data } = await tavus().client.GET('/v2/memory-stores/{memory_store_id}', MEMORY_STORE);
    expect(data).toMatchObject({ memory_store_id: 'ms1a2b3c4d', participant_tag: 'anna' });
  });

  it.each([
    [401, { message: 'Invalid access token' }],
    [404, { message: 'Memory store not found' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.GET('/v2/memory-stores/{memory_store_id}', {
      ...MEMORY_STORE,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(
      client.GET('/v2/memory-stores/{memory_store_id}', { params: { path: { memory_store_id: '' } } }),
    ).rejects.toThrow(/`memory_store_id` is empty/);
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'getMemoryStore');
  });
});

describe('deleteMemoryStore: DELETE /v2/memory-stores/{memory_store_id} (unverified)', () => {
  it('204: deletes, with no content', async () => {
    const { data, error, response } = await tavus().client.DELETE('/v2/memory-stores/{memory_store_id}', MEMORY_STORE);
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it.each([
    [401, { message: 'Invalid access token' }],
    [403, { message: 'Forbidden' }],
    [404, { message: 'Memory store not found' }],
  ])('%i: the vendor error body', async (status, body) => {
    const { error, response } = await tavus().client.DELETE('/v2/memory-stores/{memory_store_id}', {
      ...MEMORY_STORE,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toEqual(body);
  });

  it('invalid request: an empty id is refused before sending', async () => {
    const { client, calls } = tavus();
    await expect(
      client.DELETE('/v2/memory-stores/{memory_store_id}', { params: { path: { memory_store_id: '' } } }),
    ).rejects.toThrow(/`memory_store_id` is empty/);
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('tavus', 'deleteMemoryStore');
  });
});

describeMissingAuth('tavus', (fetch) => createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: KEY, fetch }), {
  deleteVideo: (client) => client.DELETE('/v2/videos/{video_id}', VIDEO),
  getVideo: (client) => client.GET('/v2/videos/{video_id}', VIDEO),
  listVideos: (client) => client.GET('/v2/videos'),
  generateVideo: (client) => client.POST('/v2/videos', { body: { replica_id: 'r665388ec672', script: 'Hi' } }),
  renameVideo: (client) => client.PATCH('/v2/videos/{video_id}/name', { ...VIDEO, body: { video_name: 'Sales' } }),
  listReplicas: (client) => client.GET('/v2/replicas'),
  createReplica: (client) =>
    client.POST('/v2/replicas', { body: { train_video_url: 'https://example.com/train.mp4' } }),
  getReplica: (client) => client.GET('/v2/replicas/{replica_id}', REPLICA),
  deleteReplica: (client) => client.DELETE('/v2/replicas/{replica_id}', REPLICA),
  listConversations: (client) => client.GET('/v2/conversations'),
  createConversation: (client) => client.POST('/v2/conversations', { body: { persona_id: 'pdced222244b' } }),
  getConversation: (client) => client.GET('/v2/conversations/{conversation_id}', CONVERSATION),
  deleteConversation: (client) => client.DELETE('/v2/conversations/{conversation_id}', CONVERSATION),
  listPersonas: (client) => client.GET('/v2/personas'),
  createPersona: (client) => client.POST('/v2/personas', { body: { system_prompt: 'You coach.' } }),
  getPersona: (client) => client.GET('/v2/personas/{persona_id}', PERSONA),
  deletePersona: (client) => client.DELETE('/v2/personas/{persona_id}', PERSONA),
  listDocuments: (client) => client.GET('/v2/documents'),
  createDocument: (client) => client.POST('/v2/documents', { body: { document_url: 'https://docs.example.com/' } }),
  getDocument: (client) => client.GET('/v2/documents/{document_id}', DOCUMENT),
  deleteDocument: (client) => client.DELETE('/v2/documents/{document_id}', DOCUMENT),
  listMemoryStores: (client) => client.GET('/v2/memory-stores'),
  getMemoryStore: (client) => client.GET('/v2/memory-stores/{memory_store_id}', MEMORY_STORE),
  deleteMemoryStore: (client) => client.DELETE('/v2/memory-stores/{memory_store_id}', MEMORY_STORE),
});
