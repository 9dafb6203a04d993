// TensorsLab video and images clients against Prism mocks of specs/tensorslab-*.yaml: every
// operation, every documented status (and the HTTP-200 body codes), a missing key and an invalid
// request for each.
import { AuthenticationError } from '@mediajobs/core';
import { createTensorsLabImagesClient, createTensorsLabVideoClient } from '@mediajobs/tensorslab';
import { describe, expect, it, vi } from 'vitest';
import {
  type ContractFetchOptions,
  contractFetch,
  describeMissingAuth,
  prismUrl,
} from '../../../test-support/contract.js';

const KEY = 'tl_contract_key';

function video(options: ContractFetchOptions = {}) {
  const { fetch, calls } = contractFetch('tensorslab-video', options);
  return { client: createTensorsLabVideoClient({ baseUrl: prismUrl('tensorslab-video'), apiKey: KEY, fetch }), calls };
}
function images(options: ContractFetchOptions = {}) {
  const { fetch, calls } = contractFetch('tensorslab-images', options);
  return {
    client: createTensorsLabImagesClient({ baseUrl: prismUrl('tensorslab-images'), apiKey: KEY, fetch }),
    calls,
  };
}
const prefer = (value: string) => ({ headers: { Prefer: value } });
const TASKS = { taskids: ['abcd_1234567890abcdef', 'abcd_fedcba0987654321'] };

describe('video deleteVideoTask: POST /v1/video/deletevideotask', () => {
  it('200: code 1000 and data.status Success; the key goes in Authorization as a Bearer token', async () => {
    const { client, calls } = video();
    const { data } = await client.POST('/v1/video/deletevideotask', { body: TASKS });
    expect(data).toEqual({ code: 1000, msg: 'Successfully', data: { status: 'Success' } });
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(TASKS);
  });

  it.each([
    ['failed', 9999],
    ['insufficientCredits', 9000],
  ])('200 with an error inside (%s): body code %i and data.status Failed', async (example, code) => {
    const { data, response } = await video().client.POST('/v1/video/deletevideotask', {
      body: TASKS,
      ...prefer(`example=${example}`),
    });
    expect(response.status).toBe(200);
    expect(data?.code).toBe(code);
    expect(data?.data.status).toBe('Failed');
  });

  it('400: {code, msg}', async () => {
    const { error, response } = await video().client.POST('/v1/video/deletevideotask', {
      body: TASKS,
      ...prefer('code=400'),
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({ code: 9999, msg: 'Parameter error: taskids is required' });
  });

  it('missing auth: no key anywhere fails before sending, naming TENSORSLAB_API_KEY', async () => {
    vi.stubEnv('TENSORSLAB_API_KEY', '');
    const { fetch, calls } = contractFetch('tensorslab-video');
    const call = createTensorsLabVideoClient({ baseUrl: prismUrl('tensorslab-video'), fetch }).POST(
      '/v1/video/deletevideotask',
      { body: TASKS },
    );
    await expect(call).rejects.toThrow(AuthenticationError);
    await expect(call).rejects.toThrow('TENSORSLAB_API_KEY');
    expect(calls).toHaveLength(0);
    vi.unstubAllEnvs();
  });

  it('invalid request: a body without taskids gets the documented 400', async () => {
    const { response, error } = await video({ expect: 'invalid-request' }).client.POST('/v1/video/deletevideotask', {
      // @ts-expect-error taskids is required
      body: {},
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: expect.any(Number) });
  });
});

describe('video infoByTaskId: POST /v1/video/infobytaskid', () => {
  const body = { taskid: 'abcd_1234567890abcdef', moreTaskInfo: true };

  it('200: a completed task with its video URL', async () => {
    const { data } = await video().client.POST('/v1/video/infobytaskid', { body });
    expect(data?.code).toBe(1000);
    expect(data?.data).toMatchObject({ taskid: body.taskid, task_status: 3, url: ['https://example.com/video.mp4'] });
  });

  it('200: a failed task (task_status 4) with its message', async () => {
    const { data } = await video().client.POST('/v1/video/infobytaskid', { body, ...prefer('example=failed') });
    expect(data?.data).toMatchObject({ task_status: 4, message: 'Content policy violation' });
  });

  it('404: {code, msg}', async () => {
    const { error, response } = await video().client.POST('/v1/video/infobytaskid', { body, ...prefer('code=404') });
    expect(response.status).toBe(404);
    expect(error).toEqual({ code: 9999, msg: 'Task does not exist' });
  });

  it('invalid request: a body without taskid is refused by the server', async () => {
    const { response } = await video({ expect: 'invalid-request' }).client.POST('/v1/video/infobytaskid', {
      // @ts-expect-error taskid is required
      body: {},
    });
    expect(response.status).toBe(422);
  });
});

describe('images deleteImagesTask: POST /v1/images/deleteimagestask', () => {
  it("200: the vendor's own success example", async () => {
    const { data } = await images().client.POST('/v1/images/deleteimagestask', { body: { ...TASKS, uid: 'u_1' } });
    expect(data).toEqual({ code: 1000, msg: 'Successfully', data: { status: 'Success' } });
  });

  it('200 with an error inside: insufficient credits', async () => {
    const { data } = await images().client.POST('/v1/images/deleteimagestask', {
      body: TASKS,
      ...prefer('example=insufficientCredits'),
    });
    expect(data).toMatchObject({ code: 9000, data: { status: 'Failed' } });
  });

  it('400: {code, msg}', async () => {
    const { error, response } = await images().client.POST('/v1/images/deleteimagestask', {
      body: TASKS,
      ...prefer('code=400'),
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 9999 });
  });

  it('invalid request: taskids of the wrong type gets the documented 400', async () => {
    const { response } = await images({ expect: 'invalid-request' }).client.POST('/v1/images/deleteimagestask', {
      // @ts-expect-error taskids is an array of strings
      body: { taskids: 'abcd_1234567890abcdef' },
    });
    expect(response.status).toBe(400);
  });
});

describe('images infoByTaskId: POST /v1/images/infobytaskid', () => {
  const body = { taskid: 'abcd_1234567890abcdef' };

  it("200: the vendor's own completed example", async () => {
    const { data } = await images().client.POST('/v1/images/infobytaskid', { body });
    expect(data?.data).toMatchObject({ image_status: 3, url: ['https://example.com/image.jpg'], width: 2048 });
  });

  it('invalid request: a body without taskid is refused by the server', async () => {
    const { response } = await images({ expect: 'invalid-request' }).client.POST('/v1/images/infobytaskid', {
      // @ts-expect-error taskid is required
      body: {},
    });
    expect(response.status).toBe(422);
  });
});

/** A multipart generation request, as TensorsLab's own scripts send it. */
function form(fields: Record<string, string>): never {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data as never;
}

describe.each([
  ['video generateVideoSeedanceV2', '/v1/video/seedancev2'],
  ['images generateImageSeedreamV45', '/v1/images/seedreamv45'],
] as const)('%s: POST %s', (_, path) => {
  const connect = (options: ContractFetchOptions = {}) =>
    path === '/v1/video/seedancev2' ? video(options) : images(options);
  const post = (client: ReturnType<typeof connect>['client'], body: never, headers = {}) =>
    (client as ReturnType<typeof video>['client']).POST(path as '/v1/video/seedancev2', { body, headers });

  it('200: code 1000 and the new task id in data.taskid; the body goes as multipart', async () => {
    const { client, calls } = connect();
    const { data } = await post(client, form({ prompt: 'A lighthouse at dawn' }));
    expect(data).toEqual({ code: 1000, msg: 'Task created successfully', data: { taskid: 'abcd_1234567890abcdef' } });
    expect(calls[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('200: insufficient credits is HTTP 200 with code 9000 and no task', async () => {
    const { client } = connect();
    const { data, response } = await post(client, form({ prompt: 'p' }), prefer('example=insufficientCredits').headers);
    expect(response.status).toBe(200);
    expect(data).toEqual({ code: 9000, msg: 'Insufficient credits' });
  });

  it('invalid request: without a prompt the server refuses it', async () => {
    const { client } = connect({ expect: 'invalid-request' });
    const { response } = await post(client, form({ ratio: '16:9' }));
    expect(response.status).toBe(422);
  });
});

describeMissingAuth(
  'tensorslab-video',
  (fetch) => createTensorsLabVideoClient({ baseUrl: prismUrl('tensorslab-video'), apiKey: KEY, fetch }),
  {
    deleteVideoTask: (client) => client.POST('/v1/video/deletevideotask', { body: TASKS }),
    infoByTaskId: (client) => client.POST('/v1/video/infobytaskid', { body: { taskid: 'abcd_1234567890abcdef' } }),
    generateVideoSeedanceV2: (client) => client.POST('/v1/video/seedancev2', { body: form({ prompt: 'p' }) }),
  },
);

describeMissingAuth(
  'tensorslab-images',
  (fetch) => createTensorsLabImagesClient({ baseUrl: prismUrl('tensorslab-images'), apiKey: KEY, fetch }),
  {
    deleteImagesTask: (client) => client.POST('/v1/images/deleteimagestask', { body: TASKS }),
    infoByTaskId: (client) => client.POST('/v1/images/infobytaskid', { body: { taskid: 'abcd_1234567890abcdef' } }),
    generateImageSeedreamV45: (client) => client.POST('/v1/images/seedreamv45', { body: form({ prompt: 'p' }) }),
  },
);
