// Hostile input, property-based (fast-check): any id, any answer. The client either does the one
// right thing or fails with a MediaJobsError; it never throws anything else, never hangs, and never
// sends an id anywhere but the one path segment (or body field) it belongs in.
import { a2e, createA2eClient } from '@mediajobs/a2e';
import { bifrost, createBifrostClient } from '@mediajobs/bifrost';
import { InvalidRequestError, MediaJobsError, ServerError } from '@mediajobs/core';
import { createTavusClient, tavus } from '@mediajobs/tavus';
import { createTensorsLabVideoClient, tensorslab } from '@mediajobs/tensorslab';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTwoOrigins } from '../../../test-support/origins.js';
import { BASE, json, type ScriptedCall, scriptedFetch } from '../../../test-support/scripted-fetch.js';
import { createMediaJobs, type Provider } from '../src/index.js';
import { facadeWith, KEY, ONE_REF_PER_API, ONE_REF_PER_VENDOR, REFS } from './helpers.js';

/** A success answer for whichever vendor `call` went to. */
function success(call: ScriptedCall): Response {
  switch (call.url.origin) {
    case BASE.tavus:
      return new Response(null, { status: 200 });
    case BASE.bifrost:
      return json(200, { id: 'x', object: 'video.deleted', deleted: true });
    case BASE.a2e:
      return json(200, { code: 0, data: {} });
    default:
      return json(200, { code: 1000, msg: 'ok', data: { status: 'Success' } });
  }
}

/** Where each vendor puts the id of a delete: a path prefix, or TensorsLab's body. */
const PATH_PREFIX: Partial<Record<Provider, string>> = {
  tavus: '/v2/videos/',
  bifrost: '/v1/videos/',
  a2e: '/api/v1/video/',
};

/** Checks that `call` carried exactly `id`, in one path segment or in the body. */
function expectIdSentIntact(provider: Provider, call: ScriptedCall | undefined, id: string) {
  const prefix = PATH_PREFIX[provider];
  if (!prefix) {
    expect(JSON.parse(call?.body ?? '{}').taskids).toEqual([id]);
    return;
  }
  // The raw URL as sent: URL parsing must not have moved the id out of its segment.
  const path = call?.url.pathname ?? '';
  expect(path.startsWith(prefix)).toBe(true);
  const segment = path.slice(prefix.length);
  expect(segment).not.toContain('/');
  expect(segment).not.toContain('?');
  expect(decodeURIComponent(segment)).toBe(id);
}

// Strings of every kind: ASCII with the URL's special characters, full Unicode, controls, dots.
const ids = fc.oneof(
  fc.string({ unit: 'grapheme-ascii' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '.', '..', '../x', '%2e%2e', 'a/b', 'a?b#c', '\u0000', 'x\r\ny', 'ok:provider', '@'),
  fc
    .array(fc.constantFrom('/', '.', '%', '?', '#', '\\', ':', '@', ' ', 'a', '\u202e'), { maxLength: 8 })
    .map((a) => a.join('')),
);

describe('any id, through the facade', () => {
  it.each(['tavus', 'bifrost', 'a2e', 'tensorslab'] as const)(
    '%s: sent as exactly one encoded segment that decodes back to it, or refused before any request',
    async (provider) => {
      await fc.assert(
        fc.asyncProperty(ids, async (id) => {
          const { jobs, calls } = facadeWith(success, { maxRetries: 0 });
          const error = await jobs.delete({ provider, id }).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error === undefined) {
            expect(calls).toHaveLength(1);
            expectIdSentIntact(provider, calls[0], id);
          } else {
            expect(error).toBeInstanceOf(InvalidRequestError);
            expect(calls).toHaveLength(0);
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe('any id, through the vendor packages used directly', () => {
  const clients = {
    tavus: (fetch: typeof globalThis.fetch) => (id: string) =>
      createTavusClient({ apiKey: KEY, baseUrl: BASE.tavus, fetch }).DELETE('/v2/videos/{video_id}', {
        params: { path: { video_id: id } },
      }),
    bifrost: (fetch: typeof globalThis.fetch) => (id: string) =>
      createBifrostClient({ apiKey: KEY, baseUrl: BASE.bifrost, fetch }).DELETE('/v1/videos/{video_id}', {
        params: { path: { video_id: id } },
      }),
    a2e: (fetch: typeof globalThis.fetch) => (id: string) =>
      createA2eClient({ apiKey: KEY, baseUrl: BASE.a2e, fetch }).DELETE('/api/v1/video/{_id}', {
        params: { path: { _id: id } },
      }),
    tensorslab: (fetch: typeof globalThis.fetch) => (id: string) =>
      createTensorsLabVideoClient({ apiKey: KEY, baseUrl: BASE.tensorslab, fetch }).POST('/v1/video/deletevideotask', {
        body: { taskids: [id] },
      }),
  };

  it.each(Object.keys(clients) as (keyof typeof clients)[])('%s', async (provider) => {
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        const scripted = scriptedFetch(success);
        const error = await clients[provider](scripted.fetch)(id).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (error === undefined) {
          expect(scripted.calls).toHaveLength(1);
          expectIdSentIntact(provider, scripted.calls[0], id);
        } else {
          expect(error).toBeInstanceOf(InvalidRequestError);
          expect(scripted.calls).toHaveLength(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const encoder = new TextEncoder();

/** Answers a vendor might give: any status, any content type, random bytes or near-miss envelopes. */
const answers = fc.record({
  status: fc.constantFrom(200, 201, 202, 204, 299, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 599),
  contentType: fc.constantFrom('application/json', 'text/plain', 'text/html', 'application/octet-stream', null),
  body: fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.json().map((text) => encoder.encode(text)),
    fc.string().map((text) => encoder.encode(text)),
    // The vendors' own envelopes with every field of any type, or missing.
    fc
      .record(
        {
          code: fc.oneof(fc.constantFrom(0, 1000, 9000, 9999), fc.anything()),
          msg: fc.anything(),
          data: fc.oneof(
            fc.record({ status: fc.anything(), task_status: fc.anything(), url: fc.anything() }, { requiredKeys: [] }),
            fc.array(fc.record({ status: fc.anything(), result: fc.anything() }, { requiredKeys: [] })),
            fc.anything(),
          ),
          status: fc.oneof(fc.constantFrom('ready', 'completed', 'queued', 'error', 'failed'), fc.anything()),
          deleted: fc.anything(),
          error: fc.oneof(fc.record({ message: fc.anything(), code: fc.anything() }), fc.anything()),
          videos: fc.anything(),
          download_url: fc.anything(),
        },
        { requiredKeys: [] },
      )
      .map((envelope) => encoder.encode(JSON.stringify(envelope))),
  ),
});

/** Settles within `ms`, or fails the test: a hang is a defect too. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms)),
  ]);
}

describe('any answer', () => {
  it('delete and get end in a valid result or a MediaJobsError, for every vendor', async () => {
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom(...REFS), async ({ status, contentType, body }, ref) => {
        const headers = contentType ? { 'content-type': contentType } : undefined;
        const { jobs } = facadeWith(
          () => new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, headers }),
          { maxRetries: 0 },
        );
        for (const call of [(): Promise<unknown> => jobs.delete(ref), (): Promise<unknown> => jobs.get(ref)]) {
          const result = await within(2_000, call()).then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
          if ('error' in result) {
            expect(MediaJobsError.isInstance(result.error), String(result.error)).toBe(true);
            // The network never fails here, so nothing foreign may hide inside (a bug of ours would).
            const cause = (result.error as Error).cause;
            expect(cause === undefined || MediaJobsError.isInstance(cause), String(cause)).toBe(true);
            continue;
          }
          const value = result.value as { deleted?: true; status?: string; urls?: unknown };
          if ('deleted' in value) expect(value.deleted).toBe(true);
          else {
            expect(['queued', 'running', 'succeeded', 'failed', 'deleted']).toContain(value.status);
            expect(Array.isArray(value.urls) && value.urls.every((url) => typeof url === 'string')).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('answers larger than maxResponseBytes', () => {
  /** A body that would go on for `total` bytes, counting what the client pulled. */
  function endless(total: number) {
    const pulled = { bytes: 0 };
    const chunk = new Uint8Array(16 * 1024).fill(97);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= total) return controller.close();
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled };
  }

  it('a chunked body is cut off at the limit: a ServerError, and the rest is never read', async () => {
    const { stream, pulled } = endless(64 * 1024 * 1024);
    const { jobs } = facadeWith(() => new Response(stream, { status: 200 }), { maxResponseBytes: 100_000 });
    const error = await jobs.get(ONE_REF_PER_API.tavus).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServerError', retryable: false });
    expect(String(error)).toContain('larger than 100000 bytes');
    expect(pulled.bytes).toBeLessThan(200_000);
  });

  it('a declared length over the limit is refused before reading anything', async () => {
    const { stream, pulled } = endless(64 * 1024 * 1024);
    const { jobs } = facadeWith(
      () => new Response(stream, { status: 200, headers: { 'content-length': String(64 * 1024 * 1024) } }),
    );
    const error = await jobs.get(ONE_REF_PER_API.bifrost).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ServerError', retryable: false });
    expect(pulled.bytes).toBeLessThanOrEqual(16 * 1024);
  });

  it('an answer within the limit is read whole, with or without a declared length', async () => {
    const body = JSON.stringify({ id: 'v', status: 'ready', padding: 'x'.repeat(50_000) });
    for (const headers of [{}, { 'content-length': String(body.length) }] as Record<string, string>[]) {
      const { jobs } = facadeWith(() => new Response(body, { status: 200, headers }), { maxResponseBytes: 60_000 });
      await expect(jobs.get(ONE_REF_PER_API.tavus)).resolves.toMatchObject({ status: 'succeeded' });
    }
  });
});

describe('an answer nested 100,000 levels deep', () => {
  // Valid JSON that JSON.parse reads, but that anything walking it recursively (the redactor,
  // JSON.stringify) would meet with a RangeError. Arrays and objects alternate; a status sits outside.
  const LEVELS = 100_000;
  const deep = `{"status":"ready","code":0,"data":${'[{"a":'.repeat(LEVELS / 2)}1${'}]'.repeat(LEVELS / 2)}}`;
  const deepAnswer = (status: number) => async () =>
    new Response(deep, { status, headers: { 'content-type': 'application/json' } });

  const expectTooDeep = (error: unknown, where: string) => {
    expect(error, where).toBeInstanceOf(ServerError);
    expect(error, where).toMatchObject({ retryable: false });
    expect((error as Error).message, where).toMatch(/: the answer is nested too deeply \(more than 100 levels/);
  };

  it.each([200, 400, 500])('HTTP %i: get, delete and list end in a ServerError, not a RangeError', async (status) => {
    const { jobs, calls } = facadeWith(deepAnswer(status), { maxRetries: 2 });
    for (const ref of REFS) {
      expectTooDeep(await jobs.get(ref).catch((e: unknown) => e), `get ${ref.provider}`);
      expectTooDeep(await jobs.delete(ref).catch((e: unknown) => e), `delete ${ref.provider}`);
    }
    for (const options of [
      { provider: 'tavus' },
      { provider: 'bifrost', upstream: 'openai' },
      { provider: 'a2e' },
    ] as const) {
      const listed = (async () => {
        for await (const _ of jobs.list(options)) {
        }
      })();
      expectTooDeep(await listed.catch((e: unknown) => e), `list ${options.provider}`);
    }
    // Not retried: one request per call.
    expect(calls).toHaveLength(REFS.length * 2 + 3);
  });

  it('the vendor modules used directly say the same, for every kind', async () => {
    const options = { apiKey: KEY, baseUrl: 'https://vendor.test', fetch: deepAnswer(200) };
    let kinds = 0;
    for (const vendor of [tavus, bifrost, a2e, tensorslab]) {
      for (const [, operations] of vendor.connect(options)) {
        if (!operations.get) continue; // a kind with no read endpoint
        expectTooDeep(await operations.get('j:openai', { options: {} }).catch((e: unknown) => e), vendor.provider);
        kinds += 1;
      }
    }
    expect(kinds).toBeGreaterThanOrEqual(5);
  });
});

describe('a redirect to another origin, over real HTTP', () => {
  const origins = useTwoOrigins();
  const HEADERS = { 'x-team-token': 'team-secret-123' };

  it.each(ONE_REF_PER_VENDOR)('%s: never carries the key or custom headers', async (provider, ref, header) => {
    origins.api.handle((_, response) =>
      response.writeHead(307, { location: `${origins.elsewhere.url}/landing` }).end(),
    );
    const vendor = { apiKey: KEY, baseUrl: origins.api.url, headers: HEADERS };
    const jobs = createMediaJobs({ [provider]: vendor, maxRetries: 0 });
    await jobs.delete(ref).catch(() => undefined);
    await jobs.get(ref).catch(() => undefined);
    expect(
      origins.api.seen.map((request) => [request.headers[header] !== undefined, request.headers['x-team-token']]),
    ).toEqual([
      [true, 'team-secret-123'],
      [true, 'team-secret-123'],
    ]);
    expect(origins.elsewhere.seen).toHaveLength(2);
    for (const request of origins.elsewhere.seen) {
      expect(JSON.stringify(request.headers)).not.toContain(KEY);
      expect(request.headers['x-team-token']).toBeUndefined();
      expect(request.headers[header]).toBeUndefined();
    }
  });
});
