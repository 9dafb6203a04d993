// Recording what the vendor clients create, as they create it (for the ledger of who each resource was
// made for): the kinds' `creates` and core's recordCreated middleware, against the Prism mocks and scripted.
import { bifrost, createBifrostClient } from '@mediajobs/bifrost';
import { type CreatedResource, recordCreated, ServerError } from '@mediajobs/core';
import { createTavusClient, tavus } from '@mediajobs/tavus';
import { describe, expect, it } from 'vitest';
import { contractFetch, prismUrl } from '../../../test-support/contract.js';
import { json, scriptedFetch } from '../../../test-support/scripted-fetch.js';

const TAVUS_BODY = { replica_id: 'r665388ec672', script: 'Hi, this is my first video.', video_name: 'My First Video' };
const BIFROST_BODY = { model: 'openai/sora-2', prompt: 'A paper boat drifting down a rainy street', seconds: '4' };

describe('recordCreated against the mocks', () => {
  it('a Tavus video created is recorded with its id, before the caller sees the answer', async () => {
    const recorded: CreatedResource[] = [];
    const { fetch } = contractFetch('tavus');
    const client = createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: 'k', fetch });
    client.use(recordCreated(tavus, (created) => void recorded.push(created)));
    const { data } = await client.POST('/v2/videos', { body: TAVUS_BODY });
    expect(recorded).toEqual([{ provider: 'tavus', kind: 'video', id: data?.video_id }]);
    expect(data?.video_id).toBe('abcd123');
  });

  it('a Bifrost video and its remix are recorded in the id:provider form the gateway answers with', async () => {
    const recorded: CreatedResource[] = [];
    const { fetch } = contractFetch('bifrost');
    const client = createBifrostClient({ baseUrl: prismUrl('bifrost'), apiKey: 'sk-bf-k', fetch });
    client.use(recordCreated(bifrost, (created) => void recorded.push(created)));
    await client.POST('/v1/videos', { body: BIFROST_BODY });
    await client.POST('/v1/videos/{video_id}/remix', {
      params: { path: { video_id: 'video_abc123:openai' } },
      body: { prompt: 'The same boat, at night' },
    });
    expect(recorded.map((created) => created.id)).toEqual(['video_abc123:openai', expect.stringMatching(/:openai$/)]);
    expect(recorded.every((created) => created.provider === 'bifrost' && created.kind === 'video')).toBe(true);
  });

  it('reads and deletes record nothing; a refused create records nothing', async () => {
    const recorded: CreatedResource[] = [];
    const { fetch } = contractFetch('tavus', { prefer: 'code=400' });
    const client = createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: 'k', fetch });
    client.use(recordCreated(tavus, (created) => void recorded.push(created)));
    const { response } = await client.POST('/v2/videos', { body: TAVUS_BODY });
    expect(response.status).toBe(400);
    const read = createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: 'k', fetch: contractFetch('tavus').fetch });
    read.use(recordCreated(tavus, (created) => void recorded.push(created)));
    await read.GET('/v2/videos/{video_id}', { params: { path: { video_id: '8a4f94e736' } } });
    await read.DELETE('/v2/videos/{video_id}', { params: { path: { video_id: '8a4f94e736' } } });
    expect(recorded).toEqual([]);
  });
});

describe('recordCreated, scripted', () => {
  it('a create answer without its id fails the call, saying the resource may exist unrecorded', async () => {
    const { fetch } = scriptedFetch(() => json(200, { status: 'queued' }));
    const client = createTavusClient({ baseUrl: 'https://tavus.test', apiKey: 'k', fetch });
    client.use(recordCreated(tavus, () => undefined));
    const error = await client.POST('/v2/videos', { body: TAVUS_BODY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ provider: 'tavus', outcomeUnknown: true, retryable: false });
    expect((error as Error).message).toBe(
      'tavus: POST /v2/videos answered 200 without a string `video_id`, so the video it may have made cannot be recorded',
    );
  });

  it('a record that fails fails the call: nothing the caller believes recorded goes unrecorded', async () => {
    const { fetch } = scriptedFetch(() => json(200, { video_id: 'v1' }));
    const client = createTavusClient({ baseUrl: 'https://tavus.test', apiKey: 'k', fetch });
    client.use(
      recordCreated(tavus, () => {
        throw new Error('the ledger is full');
      }),
    );
    await expect(client.POST('/v2/videos', { body: TAVUS_BODY })).rejects.toThrow(/the ledger is full/);
  });
});
