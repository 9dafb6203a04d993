// Bifrost client against a Prism mock of specs/bifrost.yaml: every operation, every documented
// status, a missing key and an invalid request for each.

import { createBifrostClient } from '@mediajobs/bifrost';
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
const NOT_FOUND = { type: 'not_found_error', status_code: 404, error: { code: 'video_not_found' } };

/** The documented error statuses of an operation, all answered with Bifrost's error envelope. */
const errorStatuses = (...statuses: number[]) =>
  statuses.map((status) => [status, status === 404 ? NOT_FOUND : { status_code: status }] as const);

describe('videoDelete: DELETE /v1/videos/{video_id}', () => {
  it('200: the deletion confirmation; the id:provider id is sent as it is', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.DELETE('/v1/videos/{video_id}', VIDEO);
    expect(data).toMatchObject({ id: 'video_abc123:openai', object: 'video.deleted', deleted: true });
    expect(data?.extra_fields?.provider).toBe('openai');
    expect(calls[0]?.url.pathname).toBe('/v1/videos/video_abc123:openai');
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
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
  it('200: a page; seconds may be an integer or a numeric string', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.GET('/v1/videos', {
      params: { query: { provider: 'openai', limit: 2, order: 'desc' } },
    });
    expect(data?.data?.map((video) => video.seconds)).toEqual([4, '8']);
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
  const body = { model: 'openai/sora-2', prompt: 'A paper boat drifting down a rainy street', seconds: 4 };

  it('200: the queued job', async () => {
    const { client, calls } = bifrost();
    const { data } = await client.POST('/v1/videos', { body });
    expect(data).toMatchObject({ id: 'video_abc123:openai', status: 'queued' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
  });

  it('200: seconds may be sent as a numeric string', async () => {
    const { data } = await bifrost().client.POST('/v1/videos', { body: { ...body, seconds: '8' } });
    expect(data?.status).toBe('queued');
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

describeMissingAuth('bifrost', (fetch) => createBifrostClient({ baseUrl: prismUrl('bifrost'), apiKey: KEY, fetch }), {
  videoDelete: (client) => client.DELETE('/v1/videos/{video_id}', VIDEO),
  videoRetrieve: (client) => client.GET('/v1/videos/{video_id}', VIDEO),
  videoList: (client) => client.GET('/v1/videos', { params: { query: { provider: 'openai' } } }),
  videoGeneration: (client) => client.POST('/v1/videos', { body: { model: 'openai/sora-2', prompt: 'A boat' } }),
  videoDownload: (client) => client.GET('/v1/videos/{video_id}/content', VIDEO),
  videoRemix: (client) => client.POST('/v1/videos/{video_id}/remix', { ...VIDEO, body: { prompt: 'At night' } }),
});
