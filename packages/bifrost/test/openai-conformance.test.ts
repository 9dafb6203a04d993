// An independent client of the same API as a conformance check of specs/bifrost.yaml: the openai
// package speaks OpenAI's videos API, which a Bifrost gateway mirrors. Driven against the Bifrost
// Prism mock (request validation on, --errors), every request it sends must pass the spec and every
// answer the spec produces must parse. Its videos.create is not here: it sends multipart, which the
// gateway's /v1/videos does not decode (specs/README.md). Its files.list, files.retrieve and files.delete
// too, with the upstream passed in the query as the gateway's handlers read it (files.create is multipart), and
// its responses.retrieve and responses.delete.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { contractFetch, prismUrl } from '../../../test-support/contract.js';

const ID = 'video_abc123:openai';

function openaiAgainstMock() {
  const { fetch, calls } = contractFetch('bifrost');
  const client = new OpenAI({
    apiKey: 'sk-bf-conformance-key',
    baseURL: `${prismUrl('bifrost')}/v1`,
    fetch,
    maxRetries: 0,
  });
  return { client, calls };
}

describe('the openai package against the Bifrost mock', () => {
  it('videos.retrieve: the request passes the spec and the job parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const video = await client.videos.retrieve(ID);
    expect(video).toMatchObject({ id: ID, object: 'video', status: 'completed', seconds: '4' });
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['videoRetrieve', 200, undefined],
    ]);
  });

  it('videos.list with provider in the query: the page parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const page = await client.videos.list({ limit: 2, order: 'desc' }, { query: { provider: 'openai' } });
    expect(page.data.map((video) => video.id)).toEqual([ID, 'video_def456:openai']);
    expect(calls[0]?.url.searchParams.get('provider')).toBe('openai');
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['videoList', 200, undefined],
    ]);
  });

  it('videos.remix: the body passes the spec and the new job parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const video = await client.videos.remix(ID, { prompt: 'The same street, now at night' });
    expect(video).toMatchObject({ status: 'queued', remixed_from_video_id: ID });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ prompt: 'The same street, now at night' });
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['videoRemix', 200, undefined],
    ]);
  });

  it('videos.delete: the confirmation parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const deleted = await client.videos.delete(ID);
    expect(deleted).toMatchObject({ id: ID, object: 'video.deleted', deleted: true });
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['videoDelete', 200, undefined],
    ]);
  });

  it("the mock's governance refusals reach it as its own typed errors", async () => {
    const { client } = openaiAgainstMock();
    const refused = await client.videos.delete(ID, { headers: { Prefer: 'code=403' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const limited = await client.videos.delete(ID, { headers: { Prefer: 'code=429' } }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
  });
});

describe("the openai package's files against the Bifrost mock", () => {
  const FILE_ID = 'file-abc123';
  const provider = { query: { provider: 'openai' } };

  it('files.list with x-model-provider in the query: the page parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const page = await client.files.list({ limit: 2 }, { query: { 'x-model-provider': 'openai' } });
    expect(page.data.map((file) => [file.id, file.created_at])).toEqual([
      [FILE_ID, 1767225600],
      ['file-def456', 1767139200],
    ]);
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['fileList', 200, undefined],
    ]);
  });

  it('files.retrieve with provider in the query: the file parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const file = await client.files.retrieve(FILE_ID, provider);
    expect(file).toMatchObject({ id: FILE_ID, object: 'file', purpose: 'batch', status: 'processed' });
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['fileRetrieve', 200, undefined],
    ]);
  });

  it('files.delete with provider in the query: the confirmation parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const deleted = await client.files.delete(FILE_ID, provider);
    expect(deleted).toMatchObject({ id: FILE_ID, deleted: true });
    expect(calls[0]?.url.searchParams.get('provider')).toBe('openai');
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['fileDelete', 200, undefined],
    ]);
  });

  it("an unknown file (the upstream's 404, passed through) is the SDK's NotFoundError", async () => {
    const { client } = openaiAgainstMock();
    const gone = await client.files
      .delete(FILE_ID, { ...provider, headers: { Prefer: 'code=404' } })
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe("the openai package's responses against the Bifrost mock", () => {
  const RESPONSE_ID = 'resp_abc123';
  const provider = { query: { provider: 'openai' } };

  it('responses.retrieve with provider in the query: the response parses', async () => {
    const { client, calls } = openaiAgainstMock();
    const response = await client.responses.retrieve(RESPONSE_ID, {}, provider);
    expect(response).toMatchObject({ id: RESPONSE_ID, object: 'response', status: 'completed' });
    expect(calls[0]?.url.searchParams.get('provider')).toBe('openai');
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['responseRetrieve', 200, undefined],
    ]);
  });

  it('responses.delete with provider in the query: the request passes the spec', async () => {
    const { client, calls } = openaiAgainstMock();
    await client.responses.delete(RESPONSE_ID, provider);
    expect(calls[0]?.url.searchParams.get('provider')).toBe('openai');
    expect(calls.map((call) => [call.operationId, call.response.status, call.violation])).toEqual([
      ['responseDelete', 200, undefined],
    ]);
  });
});
