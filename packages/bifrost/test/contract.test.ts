// Bifrost client against a Prism mock of specs/bifrost.yaml: every operation, every documented
// status, a missing key and an invalid request for each.

import { type BifrostComponents, createBifrostClient } from '@mediajobs/bifrost';
import { InvalidRequestError } from '@mediajobs/core';
import { describe, expect, it, vi } from 'vitest';
import {
  type ContractFetchOptions,
  contractFetch,
  describeMissingAuth,
  prismUrl,
  recordRefusedBeforeSending,
} from '../../../test-support/contract.js';

const KEY = 'sk-bf-contract-key';

function bifrost(options: ContractFetchOptions & { apiKey?: string } = {}) {
  const { fetch, calls } = contractFetch('bifrost', options);
  return { client: createBifrostClient({ baseUrl: prismUrl('bifrost'), apiKey: options.apiKey ?? KEY, fetch }), calls };
}
const prefer = (code: number) => ({ headers: { Prefer: `code=${code}` } });
const VIDEO = { params: { path: { video_id: 'video_abc123:openai' } } };
/** What each error status's first documented example holds (specs/bifrost.yaml). */
const ENVELOPES: Record<number, object> = {
  400: { status_code: 400, is_bifrost_error: false },
  401: { status_code: 401, type: 'virtual_key_required' },
  402: { status_code: 402, type: 'budget_exceeded' },
  403: { status_code: 403, type: 'provider_blocked' },
  404: { status_code: 404, is_bifrost_error: false, error: { type: 'invalid_request_error' } },
  429: { status_code: 429, type: 'request_limited' },
  500: { status_code: 500, is_bifrost_error: false },
};
/** The governance answers every operation documents. */
const GOVERNANCE = [401, 402, 403, 429];

/** The documented error statuses of an operation, all answered with Bifrost's error envelope. */
const errorStatuses = (...statuses: number[]) =>
  [...statuses, ...GOVERNANCE].sort().map((status) => [status, ENVELOPES[status] as object] as const);

describe('videoDelete: DELETE /v1/videos/{video_id}', () => {
  it('200: the deletion confirmation; the id:provider id is sent as it is', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.DELETE('/v1/videos/{video_id}', VIDEO);
    expect(data).toMatchObject({ id: 'video_abc123:openai', object: 'video.deleted', deleted: true });
    expect(data?.extra_fields).toMatchObject({ provider: 'openai', original_model_requested: 'sora-2' });
    expect(calls[0]?.url.pathname).toBe('/v1/videos/video_abc123:openai');
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it.each(['x-bf-vk', 'x-api-key'] as const)(
    '200: a key sent in %s alone (keyHeader) is accepted; Authorization stays empty',
    async (keyHeader) => {
      const { fetch, calls } = contractFetch('bifrost');
      const client = createBifrostClient({ baseUrl: prismUrl('bifrost'), apiKey: KEY, keyHeader, fetch });
      const { response } = await client.DELETE('/v1/videos/{video_id}', VIDEO);
      expect(response.status).toBe(200);
      expect(calls[0]?.headers.get(keyHeader)).toBe(KEY);
      expect(calls[0]?.headers.has('authorization')).toBe(false);
    },
  );

  it('an unknown keyHeader is refused when the client is made', () => {
    // @ts-expect-error keyHeader is one of authorization, x-bf-vk, x-api-key
    expect(() => createBifrostClient({ keyHeader: 'x-key' })).toThrow(InvalidRequestError);
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.DELETE('/v1/videos/{video_id}', { ...VIDEO, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
    expect(error?.error?.message).toEqual(expect.any(String));
  });

  it('missing auth: with no key configured, nothing is sent in Authorization and the gateway may refuse', async () => {
    vi.stubEnv('BIFROST_API_KEY', '');
    const { fetch, calls } = contractFetch('bifrost', { expect: 'missing-auth' });
    const { response } = await createBifrostClient({ baseUrl: prismUrl('bifrost'), fetch }).DELETE(
      '/v1/videos/{video_id}',
      VIDEO,
    );
    vi.unstubAllEnvs();
    expect(calls[0]?.headers.has('authorization')).toBe(false);
    expect(response.status).toBe(401);
  });

  it('invalid request: an id with a control character is refused before sending', async () => {
    const { client, calls } = bifrost();
    await expect(client.DELETE('/v1/videos/{video_id}', { params: { path: { video_id: 'a\nb' } } })).rejects.toThrow(
      InvalidRequestError,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('bifrost', 'videoDelete');
  });
});

describe('videoRetrieve: GET /v1/videos/{video_id}', () => {
  it('200: the job with its outputs', async () => {
    const { data } = await bifrost().client.GET('/v1/videos/{video_id}', VIDEO);
    expect(data?.status).toBe('completed');
    expect(data?.videos?.[0]?.url).toBe('https://example.com/videos/video_abc123.mp4');
  });

  it('200: a failed job carries its error', async () => {
    const { data } = await bifrost().client.GET('/v1/videos/{video_id}', {
      ...VIDEO,
      headers: { Prefer: 'example=failed' },
    });
    expect(data?.status).toBe('failed');
    expect(data?.error?.code).toBe('moderation_blocked');
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/videos/{video_id}', { ...VIDEO, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: "." is refused before sending', async () => {
    const { client, calls } = bifrost();
    await expect(client.GET('/v1/videos/{video_id}', { params: { path: { video_id: '.' } } })).rejects.toThrow(
      'cannot be "."',
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('bifrost', 'videoRetrieve');
  });
});

describe('videoList: GET /v1/videos', () => {
  it('200: a page; seconds is a string, or null when the provider gave none', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/videos', {
      params: { query: { provider: 'openai', limit: 2, order: 'desc' } },
    });
    expect(data?.data?.map((video) => video.seconds)).toEqual(['4', null]);
    expect(data?.has_more).toBe(false);
    expect(calls[0]?.url.search).toBe('?provider=openai&limit=2&order=desc');
  });

  it.each(errorStatuses(400, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/videos', {
      params: { query: { provider: 'openai' } },
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: the required provider is missing', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/v1/videos', {
      // @ts-expect-error provider is required
      params: { query: {} },
    });
    expect(response.status).toBe(400);
  });
});

describe('videoGeneration: POST /v1/videos', () => {
  const body = {
    model: 'openai/sora-2',
    prompt: 'A paper boat drifting down a rainy street',
    seconds: '4',
    fallbacks: ['gemini/veo-3'],
  };

  it('200: the queued job; seconds as a string and "provider/model" fallbacks are accepted', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.POST('/v1/videos', { body });
    expect(data).toMatchObject({ id: 'video_abc123:openai', status: 'queued' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    ['seconds as a number', { ...body, seconds: 4 }],
    ['fallbacks as objects', { ...body, fallbacks: [{ provider: 'gemini', model: 'veo-3' }] }],
  ])('4xx: %s (what the gateway cannot decode) is refused by the mock', async (_, wrong) => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.POST('/v1/videos', {
      body: wrong as never,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each(errorStatuses(400, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.POST('/v1/videos', { body, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: a body without prompt gets the documented 400', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.POST('/v1/videos', {
      // @ts-expect-error prompt is required
      body: { model: 'm' },
    });
    expect(response.status).toBe(400);
  });
});

// Checked by the type-check of `pnpm test` (tsc over the tests): each directive fails it if its line compiles.
describe('the generated types refuse what the gateway cannot decode', () => {
  type Generation = BifrostComponents['schemas']['VideoGenerationRequest'];
  type Remix = BifrostComponents['schemas']['VideoRemixRequest'];
  it('seconds as a number, fallbacks as objects, fallbacks on a remix', () => {
    // @ts-expect-error seconds is a string
    const numberSeconds: Generation = { model: 'm', prompt: 'p', seconds: 4 };
    const objectFallbacks: Generation = {
      model: 'm',
      prompt: 'p',
      // @ts-expect-error fallbacks are "provider/model" strings
      fallbacks: [{ provider: 'gemini', model: 'veo-3' }],
    };
    // @ts-expect-error a remix takes no fallbacks
    const remixFallbacks: Remix = { prompt: 'p', fallbacks: ['gemini/veo-3'] };
    const accepted: Generation = { model: 'm', prompt: 'p', seconds: '4', fallbacks: ['gemini/veo-3'] };
    expect([numberSeconds, objectFallbacks, remixFallbacks, accepted]).toHaveLength(4);
  });
});

describe('videoDownload: GET /v1/videos/{video_id}/content', () => {
  it('200: the raw bytes, read as a blob', async () => {
    const { data, response } = await bifrost().client.GET('/v1/videos/{video_id}/content', {
      params: { path: { video_id: 'video_abc123:openai' }, query: { variant: 'video' } },
      parseAs: 'blob',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(data).toBeInstanceOf(Blob);
    expect(data?.size).toBeGreaterThan(0);
  });

  it('200: a thumbnail is an image', async () => {
    const { data, response } = await bifrost().client.GET('/v1/videos/{video_id}/content', {
      params: { path: { video_id: 'video_abc123:openai' }, query: { variant: 'thumbnail' } },
      headers: { Accept: 'image/*' },
      parseAs: 'blob',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\//);
    expect(data?.size).toBeGreaterThan(0);
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/videos/{video_id}/content', {
      ...VIDEO,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: an unknown variant is refused by the gateway', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/v1/videos/{video_id}/content', {
      // @ts-expect-error variant is one of video, thumbnail, spritesheet
      params: { path: { video_id: 'video_abc123:openai' }, query: { variant: 'poster' } },
    });
    expect(response.status).toBe(400);
  });
});

describe('videoRemix: POST /v1/videos/{video_id}/remix', () => {
  const body = { prompt: 'The same street, now at night' };

  it('200: a new job that names its source', async () => {
    const { data } = await bifrost().client.POST('/v1/videos/{video_id}/remix', { ...VIDEO, body });
    expect(data).toMatchObject({ status: 'queued', remixed_from_video_id: 'video_abc123:openai' });
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.POST('/v1/videos/{video_id}/remix', {
      ...VIDEO,
      body,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: a body without prompt gets the documented 400', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.POST('/v1/videos/{video_id}/remix', {
      ...VIDEO,
      // @ts-expect-error prompt is required
      body: {},
    });
    expect(response.status).toBe(400);
  });
});

const FILE = { params: { path: { file_id: 'file-abc123' }, query: { provider: 'openai' } } };

describe('fileList: GET /v1/files', () => {
  it('200: a page of files; the upstream goes in the x-model-provider query parameter', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/files', {
      params: { query: { 'x-model-provider': 'openai', limit: 100, after: 'file-000', order: 'desc' } },
    });
    expect(data?.data.map((file) => [file.id, file.status, file.created_at])).toEqual([
      ['file-abc123', 'processed', 1767225600],
      ['file-def456', 'uploaded', 1767139200],
    ]);
    expect(data?.has_more).toBeUndefined();
    expect(calls[0]?.url.search).toBe('?x-model-provider=openai&limit=100&after=file-000&order=desc');
  });

  it.each(errorStatuses(400, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/files', {
      params: { query: { 'x-model-provider': 'openai' } },
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: without the upstream the request is refused', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/v1/files', {
      // @ts-expect-error x-model-provider is required
      params: { query: {} },
    });
    expect(response.status).toBe(400);
  });
});

describe('fileRetrieve: GET /v1/files/{file_id}', () => {
  it('200: the file; its id in the path as it is, the upstream in the provider query parameter', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/files/{file_id}', FILE);
    expect(data).toMatchObject({ id: 'file-abc123', status: 'processed', created_at: 1767225600, purpose: 'batch' });
    expect(calls[0]?.url.pathname).toBe('/v1/files/file-abc123');
    expect(calls[0]?.url.searchParams.get('provider')).toBe('openai');
  });

  it.each(['uploaded', 'processing', 'error'] as const)('200: the documented status %s', async (status) => {
    const { data } = await bifrost().client.GET('/v1/files/{file_id}', {
      ...FILE,
      headers: { Prefer: `example=${status}` },
    });
    expect(data?.status).toBe(status);
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/files/{file_id}', { ...FILE, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: without provider the request is refused', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/v1/files/{file_id}', {
      // @ts-expect-error provider is required
      params: { path: { file_id: 'file-abc123' }, query: {} },
    });
    expect(response.status).toBe(400);
  });
});

describe('fileDelete: DELETE /v1/files/{file_id}', () => {
  it('200: the deletion confirmation', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.DELETE('/v1/files/{file_id}', FILE);
    expect(data).toMatchObject({ id: 'file-abc123', deleted: true });
    expect(calls[0]?.url.search).toBe('?provider=openai');
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.DELETE('/v1/files/{file_id}', { ...FILE, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: without provider the request is refused', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.DELETE('/v1/files/{file_id}', {
      // @ts-expect-error provider is required
      params: { path: { file_id: 'file-abc123' }, query: {} },
    });
    expect(response.status).toBe(400);
  });
});

const RESPONSE = { params: { path: { response_id: 'resp_abc123' }, query: { provider: 'openai' } } };

describe('responseRetrieve: GET /v1/responses/{response_id}', () => {
  it('200: the stored response; its id in the path as it is, the upstream in the provider query parameter', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/responses/{response_id}', RESPONSE);
    expect(data).toMatchObject({ id: 'resp_abc123', object: 'response', status: 'completed', created_at: 1767225600 });
    expect(calls[0]?.url.pathname).toBe('/v1/responses/resp_abc123');
    expect(calls[0]?.url.search).toBe('?provider=openai');
  });

  it.each(['in_progress', 'queued', 'failed', 'cancelled', 'incomplete'] as const)(
    '200: the documented status %s',
    async (status) => {
      const { data } = await bifrost().client.GET('/v1/responses/{response_id}', {
        ...RESPONSE,
        headers: { Prefer: `example=${status}` },
      });
      expect(data?.status).toBe(status);
    },
  );

  it('200: without provider the gateway reads it as openai, so the parameter is optional', async () => {
    const { client, calls } = bifrost();
    const { response } = await client.GET('/v1/responses/{response_id}', {
      params: { path: { response_id: 'resp_abc123' } },
    });
    expect(response.status).toBe(200);
    expect(calls[0]?.url.search).toBe('');
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/responses/{response_id}', {
      ...RESPONSE,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: "." is refused before sending', async () => {
    const { client, calls } = bifrost();
    await expect(client.GET('/v1/responses/{response_id}', { params: { path: { response_id: '.' } } })).rejects.toThrow(
      'cannot be "."',
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('bifrost', 'responseRetrieve');
  });
});

describe('responseDelete: DELETE /v1/responses/{response_id}', () => {
  it('200: the deletion confirmation', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.DELETE('/v1/responses/{response_id}', RESPONSE);
    expect(data).toMatchObject({ id: 'resp_abc123', object: 'response.deleted', deleted: true });
    expect(calls[0]?.url.pathname).toBe('/v1/responses/resp_abc123');
    expect(calls[0]?.url.search).toBe('?provider=openai');
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.DELETE('/v1/responses/{response_id}', {
      ...RESPONSE,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: an id with a control character is refused before sending', async () => {
    const { client, calls } = bifrost();
    await expect(
      client.DELETE('/v1/responses/{response_id}', { params: { path: { response_id: 'a\nb' } } }),
    ).rejects.toThrow(InvalidRequestError);
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('bifrost', 'responseDelete');
  });
});

const CONTAINER = { params: { path: { container_id: 'cntr_abc123' }, query: { provider: 'openai' } } };

describe('containerList: GET /v1/containers', () => {
  it('200: a page of containers; the upstream goes in the provider query parameter', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/containers', {
      params: { query: { provider: 'openai', limit: 100, after: 'cntr_000', order: 'desc' } },
    });
    expect(data?.data.map((container) => [container.id, container.status, container.created_at])).toEqual([
      ['cntr_abc123', 'running', 1767225600],
      ['cntr_def456', 'expired', 1767139200],
    ]);
    expect(data).toMatchObject({ first_id: 'cntr_abc123', last_id: 'cntr_def456' });
    expect(data?.has_more).toBeUndefined();
    expect(calls[0]?.url.search).toBe('?provider=openai&limit=100&after=cntr_000&order=desc');
  });

  it.each(errorStatuses(400, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/containers', {
      params: { query: { provider: 'openai' } },
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: without the upstream the request is refused', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/v1/containers', {
      // @ts-expect-error provider is required
      params: { query: {} },
    });
    expect(response.status).toBe(400);
  });
});

describe('containerRetrieve: GET /v1/containers/{container_id}', () => {
  it('200: the container; its id in the path as it is, the upstream in the provider query parameter', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/containers/{container_id}', CONTAINER);
    expect(data).toMatchObject({
      id: 'cntr_abc123',
      name: 'analysis-sandbox',
      status: 'running',
      created_at: 1767225600,
    });
    expect(calls[0]?.url.pathname).toBe('/v1/containers/cntr_abc123');
    expect(calls[0]?.url.search).toBe('?provider=openai');
  });

  it('200: the documented status expired', async () => {
    const { data } = await bifrost().client.GET('/v1/containers/{container_id}', {
      ...CONTAINER,
      headers: { Prefer: 'example=expired' },
    });
    expect(data?.status).toBe('expired');
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.GET('/v1/containers/{container_id}', {
      ...CONTAINER,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: without provider the request is refused', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/v1/containers/{container_id}', {
      // @ts-expect-error provider is required
      params: { path: { container_id: 'cntr_abc123' }, query: {} },
    });
    expect(response.status).toBe(400);
  });
});

describe('containerDelete: DELETE /v1/containers/{container_id}', () => {
  it('200: the deletion confirmation', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.DELETE('/v1/containers/{container_id}', CONTAINER);
    expect(data).toMatchObject({ id: 'cntr_abc123', object: 'container.deleted', deleted: true });
    expect(calls[0]?.url.pathname).toBe('/v1/containers/cntr_abc123');
    expect(calls[0]?.url.search).toBe('?provider=openai');
  });

  it.each(errorStatuses(400, 404, 500))('%i: the Bifrost error envelope', async (status, envelope) => {
    const { error, response } = await bifrost().client.DELETE('/v1/containers/{container_id}', {
      ...CONTAINER,
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(envelope);
  });

  it('invalid request: without provider the request is refused', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.DELETE('/v1/containers/{container_id}', {
      // @ts-expect-error provider is required
      params: { path: { container_id: 'cntr_abc123' }, query: {} },
    });
    expect(response.status).toBe(400);
  });
});

const LOG_ID = '0f8b2c1e-6a4d-4f3e-9b7a-2d5c8e1f0a9b';
const LOG = { params: { path: { log_id: LOG_ID } } };
/** The management routes' error answers: SendError's envelope, no governance (no virtual key there). */
const managementError = (status: number, message: string) => ({
  is_bifrost_error: false,
  status_code: status,
  error: { message },
});

describe('logList: GET /api/logs (management route)', () => {
  it('200: a page of logs with its pagination; the time range and content_search go in the query', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/api/logs', {
      params: {
        query: {
          start_time: '2026-11-01T00:00:00.000Z',
          end_time: '2026-11-30T00:00:00.000Z',
          content_search: 'Paris',
          limit: 500,
          offset: 0,
          sort_by: 'timestamp',
          order: 'desc',
        },
      },
    });
    expect(data?.logs[0]).toMatchObject({ id: LOG_ID, status: 'success', timestamp: '2026-11-20T09:15:02.123Z' });
    expect(data?.pagination).toMatchObject({ limit: 50, offset: 0, total_count: 1 });
    expect(calls[0]?.url.searchParams.get('content_search')).toBe('Paris');
    expect(calls[0]?.url.searchParams.get('start_time')).toBe('2026-11-01T00:00:00.000Z');
  });

  it.each([
    [400, 'limit cannot exceed 1000'],
    [401, 'Unauthorized'],
    [500, "Search failed: (the log store's error)"],
  ])("%i: the gateway's error envelope", async (status, message) => {
    const { error, response } = await bifrost().client.GET('/api/logs', prefer(status));
    expect(response.status).toBe(status);
    expect(error).toMatchObject(managementError(status, message));
  });

  it('invalid request: a page larger than 1000 is refused by the mock', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.GET('/api/logs', {
      params: { query: { limit: 1001 } },
    });
    expect(response.status).toBe(400);
  });
});

describe('logRetrieve: GET /api/logs/{log_id} (management route)', () => {
  it('200: one log with its prompt and output', async () => {
    const { data } = await bifrost().client.GET('/api/logs/{log_id}', LOG);
    expect(data).toMatchObject({ id: LOG_ID, status: 'success', output_message: { content: 'Paris.' } });
  });

  it.each(['processing', 'error'] as const)('200: the documented status %s', async (status) => {
    const { data } = await bifrost().client.GET('/api/logs/{log_id}', {
      ...LOG,
      headers: { Prefer: `example=${status}` },
    });
    expect(data?.status).toBe(status);
  });

  it.each([
    [401, 'Unauthorized'],
    [404, 'log not found'],
    [500, "Search failed: (the log store's error)"],
  ])("%i: the gateway's error envelope", async (status, message) => {
    const { error, response } = await bifrost().client.GET('/api/logs/{log_id}', { ...LOG, ...prefer(status) });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(managementError(status, message));
  });

  it('invalid request: an id with a control character is refused before sending', async () => {
    const { client, calls } = bifrost();
    await expect(client.GET('/api/logs/{log_id}', { params: { path: { log_id: 'a\nb' } } })).rejects.toThrow(
      InvalidRequestError,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('bifrost', 'logRetrieve');
  });
});

describe('logDelete: DELETE /api/logs (management route, a batch)', () => {
  it('200: the ids go in the JSON body; the answer is the message', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.DELETE('/api/logs', { body: { ids: [LOG_ID, 'another'] } });
    expect(data).toEqual({ message: 'Logs deleted successfully' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ ids: [LOG_ID, 'another'] });
  });

  it.each([
    [400, 'No log IDs provided'],
    [401, 'Unauthorized'],
    [500, 'Failed to delete logs'],
  ])("%i: the gateway's error envelope", async (status, message) => {
    const { error, response } = await bifrost().client.DELETE('/api/logs', {
      body: { ids: [LOG_ID] },
      ...prefer(status),
    });
    expect(response.status).toBe(status);
    expect(error).toMatchObject(managementError(status, message));
  });

  it('invalid request: an empty id list gets the documented 400', async () => {
    const { response } = await bifrost({ expect: 'invalid-request' }).client.DELETE('/api/logs', {
      body: { ids: [] },
    });
    expect(response.status).toBe(400);
  });
});

describeMissingAuth('bifrost', (fetch) => createBifrostClient({ baseUrl: prismUrl('bifrost'), apiKey: KEY, fetch }), {
  videoDelete: (client) => client.DELETE('/v1/videos/{video_id}', VIDEO),
  videoRetrieve: (client) => client.GET('/v1/videos/{video_id}', VIDEO),
  videoList: (client) => client.GET('/v1/videos', { params: { query: { provider: 'openai' } } }),
  videoGeneration: (client) => client.POST('/v1/videos', { body: { model: 'openai/sora-2', prompt: 'A boat' } }),
  videoDownload: (client) => client.GET('/v1/videos/{video_id}/content', VIDEO),
  videoRemix: (client) => client.POST('/v1/videos/{video_id}/remix', { ...VIDEO, body: { prompt: 'At night' } }),
  logList: (client) => client.GET('/api/logs'),
  logRetrieve: (client) => client.GET('/api/logs/{log_id}', LOG),
  logDelete: (client) => client.DELETE('/api/logs', { body: { ids: [LOG_ID] } }),
  fileList: (client) => client.GET('/v1/files', { params: { query: { 'x-model-provider': 'openai' } } }),
  fileRetrieve: (client) => client.GET('/v1/files/{file_id}', FILE),
  fileDelete: (client) => client.DELETE('/v1/files/{file_id}', FILE),
  responseRetrieve: (client) => client.GET('/v1/responses/{response_id}', RESPONSE),
  responseDelete: (client) => client.DELETE('/v1/responses/{response_id}', RESPONSE),
  containerList: (client) => client.GET('/v1/containers', { params: { query: { provider: 'openai' } } }),
  containerRetrieve: (client) => client.GET('/v1/containers/{container_id}', CONTAINER),
  containerDelete: (client) => client.DELETE('/v1/containers/{container_id}', CONTAINER),
});
