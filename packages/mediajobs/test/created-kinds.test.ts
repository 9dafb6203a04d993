// Every kind's create operations (issue 26): a create call through each vendor's raw client, with core's
// recordCreated middleware, records exactly the provider, kind and id the facade's get and delete take,
// against a scripted fetch; an answer that is the vendor's refusal (HTTP 200 with an error code) records
// nothing and reaches the caller as it came; one without its id fails the call, saying so.
import { readFileSync } from 'node:fs';
import { a2e, createA2eClient } from '@mediajobs/a2e';
import { type CreatedResource, recordCreated, ServerError, type VendorModule } from '@mediajobs/core';
import { createTavusClient, tavus } from '@mediajobs/tavus';
import { createTensorsLabImagesClient, createTensorsLabVideoClient, tensorslab } from '@mediajobs/tensorslab';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BASE, json, scriptedFetch, text } from '../../../test-support/scripted-fetch.js';

const SPECS: Record<string, string[]> = {
  a2e: ['a2e'],
  tavus: ['tavus'],
  tensorslab: ['tensorslab-video', 'tensorslab-images'],
};

function recorder() {
  const recorded: CreatedResource[] = [];
  return { recorded, record: (created: CreatedResource) => void recorded.push(created) };
}

describe('every declared create operation is one of its spec', () => {
  it.each(Object.entries(SPECS))('%s', (provider, specs) => {
    const vendor = { a2e, tavus, tensorslab }[provider] as VendorModule;
    const operations = new Set(
      specs.flatMap((spec) => {
        const doc = parse(readFileSync(`specs/${spec}.yaml`, 'utf8')) as { paths: Record<string, object> };
        return Object.entries(doc.paths).flatMap(([path, item]) =>
          Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
        );
      }),
    );
    const declared = vendor.kinds.flatMap((kind) => kind.creates.map((create) => `${create.method} ${create.path}`));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((operation) => !operations.has(operation))).toEqual([]);
  });
});

describe('A2E: the id is data._id, and an HTTP 200 with a non-zero code made nothing', () => {
  const A2E_CREATES = [
    ['avatar', '/api/v1/userVideoTwin/startTraining', { name: 'Jane', video_url: 'https://example.com/jane.mp4' }],
    ['voice', '/api/v1/userVoice/training', { name: 'Jane', voice_urls: ['https://example.com/jane.mp3'] }],
    [
      'face-swap-task',
      '/api/v1/userFaceSwapTask/add',
      { name: 's', face_url: 'https://e.com/f.jpg', video_url: 'https://e.com/v.mp4' },
    ],
    [
      'video',
      '/api/v1/video/generate',
      { title: 't', anchor_id: 'a1', anchor_type: 0, audioSrc: 'https://e.com/a.mp3' },
    ],
    [
      'dubbing',
      '/api/v1/userDubbing/startDubbing',
      { name: 'd', source_url: 'https://e.com/v.mp4', target_lang: 'de' },
    ],
    ['image-to-video', '/api/v1/userImage2Video/start', { name: 'i', image_url: 'https://e.com/i.jpg', prompt: 'p' }],
    ['caption-removal', '/api/v1/userCaptionRemoval/start', { name: 'c', video_url: 'https://e.com/v.mp4' }],
  ] as const;

  function client(answer: () => Response) {
    const { fetch, calls } = scriptedFetch(answer);
    const { recorded, record } = recorder();
    const c = createA2eClient({ baseUrl: BASE.a2e, apiKey: 'sk_k', fetch });
    c.use(recordCreated(a2e, record));
    return { client: c, calls, recorded };
  }

  it.each(A2E_CREATES)('%s: POST %s records data._id under its kind', async (kind, path, body) => {
    const id = `66${kind.length}f1765699df7e9d25311f`;
    const { client: c, recorded } = client(() =>
      json(200, { code: 0, data: { _id: id, current_status: 'initialized' } }),
    );
    const { data } = await c.POST(path, { body } as never);
    expect(recorded).toEqual([{ provider: 'a2e', kind, id }]);
    expect(data).toMatchObject({ code: 0, data: { _id: id } });
  });

  it('an answer sent as text/plain (as A2E sends some) is read all the same', async () => {
    const { client: c, recorded } = client(() => text(200, JSON.stringify({ code: 0, data: { _id: 'v-plain' } })));
    await c.POST('/api/v1/userVoice/training', { body: { name: 'n', voice_urls: ['https://e.com/a.mp3'] } });
    expect(recorded).toEqual([{ provider: 'a2e', kind: 'voice', id: 'v-plain' }]);
  });

  it('a refusal (HTTP 200, code 1001) records nothing and reaches the caller unchanged, not as an unknown outcome', async () => {
    const refusal = { code: 1001, msg: 'Insufficient balance' };
    const { client: c, recorded } = client(() => json(200, refusal));
    const { data, response } = await c.POST('/api/v1/userVideoTwin/startTraining', { body: { name: 'Jane' } });
    expect(recorded).toEqual([]);
    expect(response.status).toBe(200);
    expect(data).toEqual(refusal);
  });

  it('a success (code 0) without data._id fails the call: the avatar may exist, unrecorded', async () => {
    const { client: c, recorded } = client(() => json(200, { code: 0, data: {} }));
    const error = await c
      .POST('/api/v1/userVideoTwin/startTraining', { body: { name: 'Jane' } })
      .catch((e: unknown) => e);
    expect(recorded).toEqual([]);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ provider: 'a2e', outcomeUnknown: true });
    expect((error as Error).message).toBe(
      'a2e: POST /api/v1/userVideoTwin/startTraining answered 200 without a string `data._id`, so the avatar it may have made cannot be recorded',
    );
  });

  it('an id at the top level, not under data, is not taken for the record', async () => {
    const { client: c } = client(() => json(200, { code: 0, _id: 'top', data: null }));
    await expect(c.POST('/api/v1/userVoice/training', { body: { name: 'n', voice_urls: ['u'] } })).rejects.toThrow(
      ServerError,
    );
  });

  it('reads and deletes record nothing', async () => {
    const { client: c, recorded, calls } = client(() => json(200, { code: 0, data: { _id: 'x' } }));
    await c.GET('/api/v1/userVideoTwin/{_id}', { params: { path: { _id: 'x' } } });
    await c.DELETE('/api/v1/userVoice/{_id}', { params: { path: { _id: 'x' } } });
    expect(calls).toHaveLength(2);
    expect(recorded).toEqual([]);
  });
});

describe('TensorsLab: the id is data.taskid, and an HTTP 200 with a code other than 1000 made no task', () => {
  function form(prompt: string): never {
    const data = new FormData();
    data.append('prompt', prompt);
    return data as never;
  }
  function clients(answer: () => Response) {
    const { fetch } = scriptedFetch(answer);
    const { recorded, record } = recorder();
    const video = createTensorsLabVideoClient({ baseUrl: BASE.tensorslab, apiKey: 'k', fetch });
    const images = createTensorsLabImagesClient({ baseUrl: BASE.tensorslab, apiKey: 'k', fetch });
    video.use(recordCreated(tensorslab, record));
    images.use(recordCreated(tensorslab, record));
    return { video, images, recorded };
  }

  it('a video task and an image task are recorded under their kinds with the task id the batch delete takes', async () => {
    let n = 0;
    const { video, images, recorded } = clients(() =>
      json(200, { code: 1000, msg: 'Task created successfully', data: { taskid: `abcd_${++n}` } }),
    );
    await video.POST('/v1/video/seedancev2', { body: form('a boat') });
    await images.POST('/v1/images/seedreamv45', { body: form('a lighthouse') });
    expect(recorded).toEqual([
      { provider: 'tensorslab', kind: 'video', id: 'abcd_1' },
      { provider: 'tensorslab', kind: 'image', id: 'abcd_2' },
    ]);
  });

  it.each([
    [9000, 'Insufficient credits'],
    [9999, 'Failure'],
  ])('code %i (HTTP 200) records nothing and reaches the caller unchanged', async (code, msg) => {
    const { video, recorded } = clients(() => json(200, { code, msg }));
    const { data } = await video.POST('/v1/video/seedancev2', { body: form('a boat') });
    expect(recorded).toEqual([]);
    expect(data).toEqual({ code, msg });
  });

  it('code 1000 without data.taskid fails the call: the task may exist, unrecorded', async () => {
    const { images } = clients(() => json(200, { code: 1000, msg: 'ok', data: { taskid: '' } }));
    await expect(images.POST('/v1/images/seedreamv45', { body: form('a lighthouse') })).rejects.toThrow(
      'tensorslab: POST /v1/images/seedreamv45 answered 200 without a string `data.taskid`, so the image it may have made cannot be recorded',
    );
  });
});

describe('Tavus: each kind is recorded with the id its create answers, which its get and delete take', () => {
  const TAVUS_CREATES = [
    [
      'replica',
      '/v2/replicas',
      'replica_id',
      'r783537ef5',
      { train_video_url: 'https://e.com/train.mp4', consent_video_url: 'https://e.com/consent.mp4' },
    ],
    ['video', '/v2/videos', 'video_id', 'abcd123', { replica_id: 'r783537ef5', script: 'Hi' }],
    ['conversation', '/v2/conversations', 'conversation_id', 'c123456', { persona_id: 'pdced222244b' }],
    ['persona', '/v2/personas', 'persona_id', 'p5317866', { system_prompt: 'You coach.' }],
    ['document', '/v2/documents', 'document_id', 'd8-5c71baca86fc', { document_url: 'https://docs.example.com/' }],
  ] as const;

  function client(answer: () => Response) {
    const { fetch, calls } = scriptedFetch(answer);
    const { recorded, record } = recorder();
    const c = createTavusClient({ baseUrl: BASE.tavus, apiKey: 'k', fetch });
    c.use(recordCreated(tavus, record));
    return { client: c, calls, recorded };
  }

  it.each(TAVUS_CREATES)('%s: POST %s records its %s', async (kind, path, idField, id, body) => {
    const { client: c, calls, recorded } = client(() => json(200, { [idField]: id, status: 'started' }));
    const { data } = await c.POST(path, { body } as never);
    expect(calls.map((call) => `${call.method} ${call.url.pathname}`)).toEqual([`POST ${path}`]);
    expect(recorded).toEqual([{ provider: 'tavus', kind, id }]);
    expect(data).toMatchObject({ [idField]: id });
  });

  it.each(TAVUS_CREATES)(
    "%s: a 200 from POST %s without its %s (another kind's id only) fails the call, saying so",
    async (kind, path, idField, _id, body) => {
      const other = idField === 'video_id' ? 'replica_id' : 'video_id';
      const { client: c, recorded } = client(() => json(200, { [other]: 'x1', status: 'started' }));
      const error = await c.POST(path, { body } as never).catch((e: unknown) => e);
      expect(recorded).toEqual([]);
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ provider: 'tavus', outcomeUnknown: true, retryable: false });
      expect((error as Error).message).toBe(
        `tavus: POST ${path} answered 200 without a string \`${idField}\`, so the ${kind} it may have made cannot be recorded`,
      );
    },
  );

  it('a document answered in the older form (`uuid`, no document_id) fails the call: it may exist, unrecorded', async () => {
    const { client: c, recorded } = client(() =>
      json(200, { uuid: 'd290f1ee-6c54-4b01-90e6-d701748f0851', status: 'processing' }),
    );
    await expect(c.POST('/v2/documents', { body: { document_url: 'https://e.com/a.pdf' } })).rejects.toThrow(
      'tavus: POST /v2/documents answered 200 without a string `document_id`, so the document it may have made cannot be recorded',
    );
    expect(recorded).toEqual([]);
  });

  it('a refused create (400) records nothing and reaches the caller as it came', async () => {
    const { client: c, recorded } = client(() => json(400, { error: 'Invalid train_video_url' }));
    const { error, response } = await c.POST('/v2/replicas', { body: { train_video_url: 'nope' } });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: 'Invalid train_video_url' });
    expect(recorded).toEqual([]);
  });

  it('reads and deletes of replicas record nothing', async () => {
    const { client: c, recorded, calls } = client(() => json(200, { replica_id: 'r783537ef5', status: 'completed' }));
    await c.GET('/v2/replicas/{replica_id}', { params: { path: { replica_id: 'r783537ef5' } } });
    await c.GET('/v2/replicas');
    await c.DELETE('/v2/replicas/{replica_id}', { params: { path: { replica_id: 'r783537ef5' } } });
    expect(calls).toHaveLength(3);
    expect(recorded).toEqual([]);
  });
});
