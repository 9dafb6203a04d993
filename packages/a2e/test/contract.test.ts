// A2E client against a Prism mock of specs/a2e.yaml: every operation, their documented status, a
// missing key and an invalid request for each.

import type { A2ePaths as paths } from '@mediajobs/a2e';
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

const RECORD = { params: { path: { _id: '6674f1765699df7e9d25311b' } } };
const PAGE = { params: { query: { pageNum: '1', pageSize: '10' } } };
const BLANK = { params: { path: { _id: ' \t ' } } };

/** A delete by `_id` in the path: 200 `code` 0, and a blank id refused before sending. */
function describeDelete(
  operationId: string,
  call: (client: ReturnType<typeof a2e>['client'], options: typeof RECORD) => Promise<{ data?: unknown }>,
) {
  describe(`${operationId} (unverified)`, () => {
    it('200: code 0', async () => {
      const { client, calls } = a2e();
      const { data } = await call(client, RECORD);
      expect(data).toEqual({ code: 0, data: {} });
      expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
      expect(calls[0]?.url.pathname).toMatch(/\/6674f1765699df7e9d25311b$/);
    });

    it('invalid request: a whitespace-only id is refused before sending', async () => {
      const { client, calls } = a2e();
      await expect(call(client, BLANK)).rejects.toThrow(InvalidRequestError);
      expect(calls).toHaveLength(0);
      recordRefusedBeforeSending('a2e', operationId);
    });
  });
}

/** A paged list: 200 with rows and count, an empty page past the last, and a missing pageNum refused. */
function describePagedList(
  operationId: string,
  path:
    | '/api/v1/userVideoTwin/records'
    | '/api/v1/userFaceSwapImage/records'
    | '/api/v1/userFaceSwapTask/records'
    | '/api/v1/userDubbing/allRecords'
    | '/api/v1/userImage2Video/allRecords'
    | '/api/v1/userCaptionRemoval/allRecords',
) {
  describe(`${operationId}: GET ${path}`, () => {
    it('200: a page of records under data.rows, paged with pageNum and pageSize', async () => {
      const { client, calls } = a2e();
      const { data } = await client.GET(path, PAGE);
      expect(data?.code).toBe(0);
      expect(data?.data.rows[0]?._id).toMatch(/^[0-9a-f]{24}$/);
      expect(data?.data.rows[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(data?.data.count).toBeGreaterThan(0);
      expect(calls[0]?.url.search).toBe('?pageNum=1&pageSize=10');
    });

    it('200: past the last page, no rows', async () => {
      const { data } = await a2e().client.GET(path, { ...PAGE, headers: { Prefer: 'example=lastPage' } });
      expect(data?.data.rows).toEqual([]);
    });

    it('invalid request: without pageNum the server refuses it', async () => {
      const { response } = await a2e({ expect: 'invalid-request' }).client.GET(path, {
        // @ts-expect-error pageNum is required
        params: { query: { pageSize: '10' } },
      });
      expect(response.status).toBe(422);
    });
  });
}

/** A read of one record: completed, failed, and gone (`data: null`); a blank id refused before sending. */
function describeRead(
  operationId: string,
  path:
    | '/api/v1/userVideoTwin/{_id}'
    | '/api/v1/userVoice/{_id}'
    | '/api/v1/userFaceSwapTask/{_id}'
    | '/api/v1/userImage2Video/{_id}',
) {
  describe(`${operationId}: GET ${path}`, () => {
    it('200: the record, with its status and creation time', async () => {
      const { data } = await a2e().client.GET(path, RECORD);
      expect(data?.code).toBe(0);
      expect(data?.data).toMatchObject({ current_status: 'completed' });
      expect(data?.data?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('200: a failed record says so, with failed_message', async () => {
      const { data } = await a2e().client.GET(path, { ...RECORD, headers: { Prefer: 'example=failed' } });
      expect(data?.data).toMatchObject({ current_status: 'failed' });
      expect(data?.data?.failed_message).toBeTruthy();
    });

    it('200: a record that is gone reads as data null', async () => {
      const { data } = await a2e().client.GET(path, { ...RECORD, headers: { Prefer: 'example=gone' } });
      expect(data).toEqual({ code: 0, data: null });
    });

    it('invalid request: a whitespace-only id is refused before sending', async () => {
      const { client, calls } = a2e();
      await expect(client.GET(path, BLANK)).rejects.toThrow(InvalidRequestError);
      expect(calls).toHaveLength(0);
      recordRefusedBeforeSending('a2e', operationId);
    });
  });
}

describe('removeAvatar: POST /api/v1/userVideoTwin/remove (unverified)', () => {
  it('200: code 0, the _id in a JSON body', async () => {
    const { client, calls } = a2e();
    const { data } = await client.POST('/api/v1/userVideoTwin/remove', { body: { _id: '6674f1765699df7e9d25311b' } });
    expect(data).toEqual({ code: 0, data: {} });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ _id: '6674f1765699df7e9d25311b' });
  });

  it('invalid request: a body without _id is refused by the server', async () => {
    const { response } = await a2e({ expect: 'invalid-request' }).client.POST('/api/v1/userVideoTwin/remove', {
      // @ts-expect-error _id is required
      body: {},
    });
    expect(response.status).toBe(422);
  });
});

describe('listCompletedVoices: GET /api/v1/userVoice/completedRecord (unverified)', () => {
  it('200: every finished voice clone, as an array under data', async () => {
    const { data } = await a2e().client.GET('/api/v1/userVoice/completedRecord');
    expect(data?.data.map((voice) => voice._id)).toEqual(['6674f1765699df7e9d25311d']);
  });

  it('200: none', async () => {
    const { data } = await a2e().client.GET('/api/v1/userVoice/completedRecord', {
      headers: { Prefer: 'example=none' },
    });
    expect(data).toEqual({ code: 0, data: [] });
  });
});

/** A create operation (unverified): started with `data._id`, refused with HTTP 200, and a body the server refuses. */
function describeCreate<Path extends keyof CreateBodies>(operationId: string, path: Path, body: CreateBodies[Path]) {
  describe(`${operationId}: POST ${path} (unverified)`, () => {
    it('200: code 0, the new record under data with its _id', async () => {
      const { client, calls } = a2e();
      const { data } = await client.POST(path, { body } as never);
      expect(data).toMatchObject({ code: 0, data: { _id: '6674f1765699df7e9d25311f' } });
      expect(JSON.parse(calls[0]?.body ?? '')).toEqual(body);
    });

    it('200: a refusal is HTTP 200 with a non-zero code and no record', async () => {
      const { data, response } = await a2e().client.POST(path, {
        body,
        headers: { Prefer: 'example=refused' },
      } as never);
      expect(response.status).toBe(200);
      expect(data).toEqual({ code: 1001, msg: 'Insufficient balance' });
    });

    it('invalid request: an empty body is refused by the server', async () => {
      const { response } = await a2e({ expect: 'invalid-request' }).client.POST(path, { body: {} } as never);
      expect(response.status).toBe(422);
    });
  });
}

type CreateBodies = {
  [P in keyof paths as paths[P] extends { post: { requestBody?: { content: { 'application/json': unknown } } } }
    ? P
    : never]: paths[P] extends { post: { requestBody?: { content: { 'application/json': infer B } } } } ? B : never;
};

const CREATES = {
  createAvatar: [
    '/api/v1/userVideoTwin/startTraining',
    { name: 'Jane', gender: 'female', video_url: 'https://example.com/jane.mp4' },
  ],
  trainVoice: [
    '/api/v1/userVoice/training',
    { name: 'Jane', voice_urls: ['https://example.com/jane.mp3'], language: 'en' },
  ],
  addFaceSwapTask: [
    '/api/v1/userFaceSwapTask/add',
    { name: 'swap', face_url: 'https://example.com/face.jpg', video_url: 'https://example.com/clip.mp4' },
  ],
  generateVideo: [
    '/api/v1/video/generate',
    {
      title: 'Hello',
      anchor_id: '6674f1765699df7e9d25311b',
      anchor_type: 0,
      audioSrc: 'https://example.com/hello.mp3',
    },
  ],
  startDubbing: [
    '/api/v1/userDubbing/startDubbing',
    { name: 'dub', source_url: 'https://example.com/talk.mp4', target_lang: 'de' },
  ],
  startImageToVideo: [
    '/api/v1/userImage2Video/start',
    { name: 'i2v', image_url: 'https://example.com/photo.jpg', prompt: 'animate this image' },
  ],
  startCaptionRemoval: [
    '/api/v1/userCaptionRemoval/start',
    { name: 'cap', video_url: 'https://example.com/captioned.mp4' },
  ],
} as const satisfies Record<string, readonly [keyof CreateBodies, object]>;

for (const [operationId, [path, body]] of Object.entries(CREATES)) describeCreate(operationId, path, body as never);

describeDelete('deleteVoice', (client, options) => client.DELETE('/api/v1/userVoice/{_id}', options));
describeDelete('deleteFaceSwapImage', (client, options) => client.DELETE('/api/v1/userFaceSwapImage/{_id}', options));
describeDelete('deleteFaceSwapTask', (client, options) => client.DELETE('/api/v1/userFaceSwapTask/{_id}', options));
describeDelete('deleteDubbing', (client, options) => client.DELETE('/api/v1/userDubbing/{_id}', options));
describeDelete('deleteImageToVideo', (client, options) => client.DELETE('/api/v1/userImage2Video/{_id}', options));
describeDelete('deleteCaptionRemoval', (client, options) => client.DELETE('/api/v1/userCaptionRemoval/{_id}', options));
describeDelete('deleteBackground', (client, options) => client.DELETE('/api/v1/anchor/background/{_id}', options));
describePagedList('listAvatars', '/api/v1/userVideoTwin/records');
describePagedList('listFaceSwapImages', '/api/v1/userFaceSwapImage/records');
describePagedList('listFaceSwapTasks', '/api/v1/userFaceSwapTask/records');
describePagedList('listDubbings', '/api/v1/userDubbing/allRecords');
describePagedList('listImageToVideos', '/api/v1/userImage2Video/allRecords');
describePagedList('listCaptionRemovals', '/api/v1/userCaptionRemoval/allRecords');
describeRead('getAvatar', '/api/v1/userVideoTwin/{_id}');
describeRead('getVoice', '/api/v1/userVoice/{_id}');
describeRead('getFaceSwapTask', '/api/v1/userFaceSwapTask/{_id}');
describeRead('getImageToVideo', '/api/v1/userImage2Video/{_id}');

describeMissingAuth('a2e', (fetch) => createA2eClient({ baseUrl: prismUrl('a2e'), apiKey: KEY, fetch }), {
  deleteVideo: (client) => client.DELETE('/api/v1/video/{_id}', VIDEO),
  getVideoStatus: (client) => client.POST('/api/v1/video/awsResult', { body: { _id: '652630d6bae4de626f8b49ec' } }),
  listVideos: (client) => client.GET('/api/v1/video/awsList'),
  removeAvatar: (client) => client.POST('/api/v1/userVideoTwin/remove', { body: { _id: '6674f1765699df7e9d25311b' } }),
  listAvatars: (client) => client.GET('/api/v1/userVideoTwin/records', PAGE),
  getAvatar: (client) => client.GET('/api/v1/userVideoTwin/{_id}', RECORD),
  listCompletedVoices: (client) => client.GET('/api/v1/userVoice/completedRecord'),
  getVoice: (client) => client.GET('/api/v1/userVoice/{_id}', RECORD),
  deleteVoice: (client) => client.DELETE('/api/v1/userVoice/{_id}', RECORD),
  listFaceSwapImages: (client) => client.GET('/api/v1/userFaceSwapImage/records', PAGE),
  deleteFaceSwapImage: (client) => client.DELETE('/api/v1/userFaceSwapImage/{_id}', RECORD),
  listFaceSwapTasks: (client) => client.GET('/api/v1/userFaceSwapTask/records', PAGE),
  getFaceSwapTask: (client) => client.GET('/api/v1/userFaceSwapTask/{_id}', RECORD),
  deleteFaceSwapTask: (client) => client.DELETE('/api/v1/userFaceSwapTask/{_id}', RECORD),
  listDubbings: (client) => client.GET('/api/v1/userDubbing/allRecords', PAGE),
  deleteDubbing: (client) => client.DELETE('/api/v1/userDubbing/{_id}', RECORD),
  listImageToVideos: (client) => client.GET('/api/v1/userImage2Video/allRecords', PAGE),
  getImageToVideo: (client) => client.GET('/api/v1/userImage2Video/{_id}', RECORD),
  deleteImageToVideo: (client) => client.DELETE('/api/v1/userImage2Video/{_id}', RECORD),
  listCaptionRemovals: (client) => client.GET('/api/v1/userCaptionRemoval/allRecords', PAGE),
  deleteCaptionRemoval: (client) => client.DELETE('/api/v1/userCaptionRemoval/{_id}', RECORD),
  deleteBackground: (client) => client.DELETE('/api/v1/anchor/background/{_id}', RECORD),
  ...Object.fromEntries(
    Object.entries(CREATES).map(([operationId, [path, body]]) => [
      operationId,
      (client: ReturnType<typeof createA2eClient>) => client.POST(path, { body } as never),
    ]),
  ),
});
