// A2E client against a Prism mock of specs/a2e.yaml: every operation, their documented status, a
// missing key and an invalid request for each.

import { createA2eClient } from '@mediajobs/a2e';
import { AuthenticationError, InvalidRequestError } from '@mediajobs/core';
import { describe, expect, it, vi } from 'vitest';
import {
  type ContractFetchOptions,
  contractFetch,
  describeMissingAuth,
  prismUrl,
  recordRefusedBeforeSending,
} from '../../../test-support/contract.js';

const KEY = 'sk_a2e_contract_key';

function a2e(options: ContractFetchOptions & { apiKey?: string } = {}) {
  const { fetch, calls } = contractFetch('a2e', options);
  return { client: createA2eClient({ baseUrl: prismUrl('a2e'), apiKey: options.apiKey ?? KEY, fetch }), calls };
}
const VIDEO = { params: { path: { _id: '668d0108b3cb5f841f30f8f4' } } };

describe('deleteVideo: DELETE /api/v1/video/{_id}', () => {
  it('200: the text/plain body is parsed as the documented {code, data}', async () => {
    const { client, calls } = a2e();
    const { data, response } = await client.DELETE('/api/v1/video/{_id}', VIDEO);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(data).toEqual({ code: 0, data: {} });
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  it('missing auth: no key anywhere fails before sending, naming A2E_API_KEY', async () => {
    vi.stubEnv('A2E_API_KEY', '');
    const { fetch, calls } = contractFetch('a2e');
    const call = createA2eClient({ baseUrl: prismUrl('a2e'), fetch }).DELETE('/api/v1/video/{_id}', VIDEO);
    await expect(call).rejects.toThrow(AuthenticationError);
    await expect(call).rejects.toThrow('A2E_API_KEY');
    expect(calls).toHaveLength(0);
    vi.unstubAllEnvs();
  });

  it('invalid request: a whitespace-only id is refused before sending', async () => {
    const { client, calls } = a2e();
    await expect(client.DELETE('/api/v1/video/{_id}', { params: { path: { _id: ' \t ' } } })).rejects.toThrow(
      InvalidRequestError,
    );
    expect(calls).toHaveLength(0);
    recordRefusedBeforeSending('a2e', 'deleteVideo');
  });
});

describe('getVideoStatus: POST /api/v1/video/awsResult', () => {
  const body = { _id: '652630d6bae4de626f8b49ec' };

  it('200: the task record, with its result URL once finished', async () => {
    const { data } = await a2e().client.POST('/api/v1/video/awsResult', { body });
    expect(data?.code).toBe(0);
    expect(data?.data?.[0]).toMatchObject({ _id: body._id, status: 'success', process: 100 });
    expect(data?.data?.[0]?.result).toMatch(/^https:\/\/.*\.mp4$/);
  });

  it('200: a failed task says so in status and msg', async () => {
    const { data } = await a2e().client.POST('/api/v1/video/awsResult', {
      body,
      headers: { Prefer: 'example=failed' },
    });
    expect(data?.data?.[0]).toMatchObject({ status: 'fail', msg: 'The audio could not be processed' });
  });

  it('invalid request: a body without _id is refused by the server', async () => {
    const { response } = await a2e({ expect: 'invalid-request' }).client.POST('/api/v1/video/awsResult', {
      // @ts-expect-error _id is required
      body: {},
    });
    expect(response.status).toBe(422);
  });
});

describe('listVideos: GET /api/v1/video/awsList (unverified)', () => {
  it('200: a page of tasks under data.data, paged with current and pageSize', async () => {
    const { client, calls } = a2e();
    const { data } = await client.GET('/api/v1/video/awsList', { params: { query: { current: 1, pageSize: 2 } } });
    expect(data?.code).toBe(0);
    expect(data?.data.data.map((task) => task._id)).toEqual(['668d0108b3cb5f841f30f8f4', '668d0108b3cb5f841f30f8f5']);
    expect(data?.data.data[0]?.createdAt).toBe('2023-10-11T08:25:26.713Z');
    expect(calls[0]?.url.search).toBe('?current=1&pageSize=2');
  });

  it('200: past the last page, an empty list', async () => {
    const { data } = await a2e().client.GET('/api/v1/video/awsList', {
      params: { query: { current: 9 } },
      headers: { Prefer: 'example=lastPage' },
    });
    expect(data).toEqual({ code: 0, data: { data: [] } });
  });

  it('invalid request: page 0 (pages count from 1) is refused by the server', async () => {
    const { response } = await a2e({ expect: 'invalid-request' }).client.GET('/api/v1/video/awsList', {
      params: { query: { current: 0 } },
    });
    expect(response.status).toBe(422);
  });
});

describeMissingAuth('a2e', (fetch) => createA2eClient({ baseUrl: prismUrl('a2e'), apiKey: KEY, fetch }), {
  deleteVideo: (client) => client.DELETE('/api/v1/video/{_id}', VIDEO),
  getVideoStatus: (client) => client.POST('/api/v1/video/awsResult', { body: { _id: '652630d6bae4de626f8b49ec' } }),
  listVideos: (client) => client.GET('/api/v1/video/awsList'),
});
