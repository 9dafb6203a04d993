// One error taxonomy for every vendor: status -> class, the vendor's message and code carried,
// quirks absorbed (HTTP-200 errors, text/plain JSON, HTML and cut-off bodies), never a SyntaxError.
import { describe, expect, it } from 'vitest';
import { json, text } from '../../../test-support/scripted-fetch.js';
import {
  AuthenticationError,
  ConnectionError,
  InsufficientCreditsError,
  InvalidRequestError,
  type JobRef,
  MediaJobsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../src/index.js';
import { facadeWith } from './helpers.js';

const REFS: Record<string, JobRef> = {
  tensorslab: { provider: 'tensorslab', id: 'task_1' },
  tavus: { provider: 'tavus', id: 'v1' },
  bifrost: { provider: 'bifrost', id: 'video_1:openai' },
  a2e: { provider: 'a2e', id: '668d0108b3cb5f841f30f8f4' },
};
/** Each vendor's own error body for a message and a code. */
const ERROR_BODY: Record<string, (message: string) => unknown> = {
  tensorslab: (message) => ({ code: 9999, msg: message }),
  tavus: (message) => ({ error: message }),
  bifrost: (message) => ({ event_id: 'evt_1', error: { code: 'some_code', message } }),
  a2e: (message) => ({ code: 1, msg: message }),
};

const TAXONOMY = [
  [400, InvalidRequestError],
  [401, AuthenticationError],
  [402, InsufficientCreditsError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [408, TimeoutError],
  [409, InvalidRequestError],
  [422, InvalidRequestError],
  [429, RateLimitError],
  [500, ServerError],
  [502, ServerError],
  [503, ServerError],
] as const;

async function failureOf(promise: Promise<unknown>): Promise<MediaJobsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(MediaJobsError.isInstance(error), String(error)).toBe(true);
  return error as MediaJobsError;
}

describe.each(Object.keys(REFS))('%s errors', (provider) => {
  const ref = REFS[provider] as JobRef;

  it.each(TAXONOMY)('HTTP %i -> %o, with the vendor message, for delete and get', async (status, ErrorClass) => {
    const { jobs } = facadeWith(() => json(status, ERROR_BODY[provider]?.('vendor says no')), { maxRetries: 0 });
    for (const call of [() => jobs.delete(ref), () => jobs.get(ref)]) {
      const error = await failureOf(call());
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ provider, status });
      expect(error.message).toContain(`${provider}: HTTP ${status}: vendor says no`);
      expect(error.retryable).toBe([408, 429, 500, 502, 503].includes(status));
    }
  });

  it('an HTML 502 page becomes a ServerError that says so, not a SyntaxError', async () => {
    const { jobs } = facadeWith(() => text(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html'), {
      maxRetries: 0,
    });
    const error = await failureOf(jobs.delete(ref));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toMatch(/HTTP 502: the answer was not JSON \(an HTML page, text\/html/);
  });

  it('a 200 cut off mid-JSON on get is a retryable ConnectionError', async () => {
    const { jobs } = facadeWith(() => text(200, '{"status": "rea', 'application/json'), { maxRetries: 0 });
    const error = await failureOf(jobs.get(ref));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.retryable).toBe(true);
  });

  it('an error answer cut off mid-JSON is a retryable ConnectionError, then the whole answer counts', async () => {
    let n = 0;
    const { jobs, calls } = facadeWith(
      () => (n++ === 0 ? text(400, '{"error":"Invalid', 'application/json') : json(400, { error: 'Invalid video_id' })),
      { backoff: { initialMs: 1, maxMs: 1 } },
    );
    const error = await failureOf(jobs.get(REFS.tavus as JobRef));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(calls).toHaveLength(2);
    const once = facadeWith(() => text(400, '{"error":"Invalid', 'application/json'), { maxRetries: 0 });
    const cut = await failureOf(once.jobs.get(REFS.tavus as JobRef));
    expect(cut).toBeInstanceOf(ConnectionError);
    expect(cut.message).toBe(
      'tavus: HTTP 400: the answer was not JSON (text or cut-off JSON, application/json, 17 characters); expected JSON',
    );
  });

  it('keeps the request id the vendor sent', async () => {
    const { jobs } = facadeWith(() => json(500, {}, { 'x-request-id': 'req_42' }), { maxRetries: 0 });
    expect(await failureOf(jobs.get(ref))).toMatchObject({ requestId: 'req_42' });
  });
});

describe('Bifrost governance answers (the gateway refuses before any provider call)', () => {
  const BIFROST = REFS.bifrost as JobRef;
  const refusal = (status: number, type: string, message: string) => () =>
    json(status, { type, is_bifrost_error: false, status_code: status, error: { message }, extra_fields: {} });

  it.each([
    [402, 'budget_exceeded', 'Budget exceeded: virtual key budget reached', InsufficientCreditsError],
    [403, 'provider_blocked', "Provider 'openai' is not allowed", PermissionDeniedError],
    [403, 'model_blocked', "Model 'sora-2' is not allowed", PermissionDeniedError],
    [403, 'virtual_key_blocked', 'Virtual key is inactive', PermissionDeniedError],
    [403, 'virtual_key_not_found', 'Virtual key not found', AuthenticationError],
    [
      401,
      'virtual_key_required',
      'virtual key is required. Provide a virtual key via the x-bf-vk header.',
      AuthenticationError,
    ],
  ] as const)('%i %s: %o after one request, saying what refused it', async (status, type, message, ErrorClass) => {
    const { jobs, calls } = facadeWith(refusal(status, type, message));
    const error = await failureOf(jobs.delete(BIFROST));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ provider: 'bifrost', status, code: type, retryable: false });
    expect(error.message).toContain(`bifrost: HTTP ${status}: ${type}: ${message}`);
    expect(error.message.includes('check the API key')).toBe(ErrorClass === AuthenticationError);
    // A refused key: the advice names the variable it came from.
    const refusedKey = ErrorClass === AuthenticationError || ErrorClass === PermissionDeniedError;
    expect(error.message.includes('BIFROST_API_KEY or the apiKey option')).toBe(refusedKey);
    expect(calls).toHaveLength(1);
  });

  it.each(['rate_limited', 'request_limited', 'token_limited'])(
    '429 %s without Retry-After is a RateLimitError, retried with backoff',
    async (type) => {
      const { jobs, calls } = facadeWith(refusal(429, type, 'Rate limit exceeded: 100 requests per minute'), {
        maxRetries: 2,
        backoff: { initialMs: 1, maxMs: 2 },
      });
      const error = await failureOf(jobs.delete(BIFROST));
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ retryable: true, retryAfterMs: undefined, code: type });
      expect(calls).toHaveLength(3);
    },
  );
});

describe('vendor quirks', () => {
  it('TensorsLab: HTTP 200 with code 9000 is an InsufficientCreditsError', async () => {
    const { jobs } = facadeWith(() =>
      json(200, { code: 9000, msg: 'Insufficient credits', data: { status: 'Failed' } }),
    );
    const error = await failureOf(jobs.delete({ provider: 'tensorslab', id: 't1' }));
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ code: 9000, status: 200, retryable: false });
    expect(error.message).toBe('tensorslab: Insufficient credits');
  });

  it('TensorsLab: HTTP 200 with code 9999 is a MediaJobsError with that code, never a success', async () => {
    const { jobs, calls } = facadeWith(() =>
      json(200, { code: 9999, msg: 'Task not found', data: { status: 'Failed' } }),
    );
    const error = await failureOf(jobs.delete({ provider: 'tensorslab', id: 't1' }));
    expect(error.constructor).toBe(MediaJobsError);
    expect(error).toMatchObject({ code: 9999, retryable: false });
    expect(calls).toHaveLength(1);
  });

  it.each(['video', 'image'] as const)(
    'TensorsLab %s get: HTTP 200 with a failure code is an error, never a job',
    async (kind) => {
      // The answer also carries a task, as a careless vendor might: the code decides.
      const { jobs } = facadeWith((call) =>
        call.url.pathname.endsWith('/infobytaskid')
          ? json(200, {
              code: call.body.includes('nocredit') ? 9000 : 9999,
              msg: 'refused',
              data: { task_status: 3, image_status: 3 },
            })
          : json(500, {}),
      );
      const refused = await failureOf(jobs.get({ provider: 'tensorslab', id: 't1', kind }));
      expect(refused.constructor).toBe(MediaJobsError);
      expect(refused).toMatchObject({ code: 9999, status: 200, retryable: false, message: 'tensorslab: refused' });
      const broke = await failureOf(jobs.get({ provider: 'tensorslab', id: 'nocredit', kind }));
      expect(broke).toBeInstanceOf(InsufficientCreditsError);
    },
  );

  it('TensorsLab: code 1000 with data.status Failed is a failure too', async () => {
    const { jobs } = facadeWith(() => json(200, { code: 1000, msg: 'ok', data: { status: 'Failed' } }));
    const error = await failureOf(jobs.delete({ provider: 'tensorslab', id: 't1', kind: 'image' }));
    expect(error).toMatchObject({ code: 'Failed' });
    expect(error.message).toContain('deletion status Failed');
  });

  it('TensorsLab: image refs use the images API', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { code: 1000, msg: 'ok', data: { status: 'Success' } }));
    await jobs.delete({ provider: 'tensorslab', id: 't1', kind: 'image' });
    expect(calls[0]?.url.pathname).toBe('/v1/images/deleteimagestask');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ taskids: ['t1'] });
  });

  it('A2E: JSON sent as text/plain is parsed, and a non-zero code is an error', async () => {
    const { jobs } = facadeWith(() => text(200, '{"code":1005,"msg":"video not found"}'));
    const error = await failureOf(jobs.delete({ provider: 'a2e', id: 'x1' }));
    expect(error).toMatchObject({ code: 1005, status: 200 });
    expect(error.message).toBe('a2e: video not found');
    const ok = facadeWith(() => text(200, '{"code":0,"data":{}}'));
    await expect(ok.jobs.delete({ provider: 'a2e', id: 'x1' })).resolves.toEqual({
      provider: 'a2e',
      id: 'x1',
      kind: 'video',
      deleted: true,
    });
  });

  it('Tavus: the message comes from {error} or {message}', async () => {
    const { jobs } = facadeWith((call) =>
      call.method === 'DELETE'
        ? json(400, { error: 'Invalid video_id' })
        : json(401, { message: 'Invalid access token' }),
    );
    expect((await failureOf(jobs.delete({ provider: 'tavus', id: 'v' }))).message).toContain('Invalid video_id');
    expect((await failureOf(jobs.get({ provider: 'tavus', id: 'v' }))).message).toContain('Invalid access token');
  });

  it('Bifrost: message and code from its envelope, event_id as the request id', async () => {
    const { jobs } = facadeWith(() =>
      json(404, { event_id: 'evt_9', error: { type: 'x', code: 'video_not_found', message: 'Video not found.' } }),
    );
    const error = await failureOf(jobs.delete({ provider: 'bifrost', id: 'video_1:openai' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'video_not_found', requestId: 'evt_9' });
  });

  it('Bifrost: a 200 without deleted: true is not a success', async () => {
    const { jobs } = facadeWith(() => json(200, { id: 'video_1:openai', deleted: false }));
    await expect(jobs.delete({ provider: 'bifrost', id: 'video_1:openai' })).rejects.toThrow('without `deleted: true`');
  });

  it('an unknown status word is an error, not a guess', async () => {
    const { jobs } = facadeWith(() => json(200, { status: 'teleporting' }));
    await expect(jobs.get({ provider: 'tavus', id: 'v' })).rejects.toThrow('unknown job status "teleporting"');
  });
});
