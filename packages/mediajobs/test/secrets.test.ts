// One canary key through every error path, every vendor and the bulk paths: it must appear in no
// error's message, stack, String(), JSON or inspection, and in no inspected client or result.
import { inspect } from 'node:util';
import { createA2eClient } from '@mediajobs/a2e';
import { createBifrostClient } from '@mediajobs/bifrost';
import { AuthenticationError, MediaJobsError } from '@mediajobs/core';
import { createTavusClient, tavus as tavusModule } from '@mediajobs/tavus';
import { createTensorsLabVideoClient } from '@mediajobs/tensorslab';
import { FAULT_KINDS, startFaultServer } from '@mediajobs/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Origin, type SeenRequest, startOrigin } from '../../../test-support/origins.js';
import { hang, json, text } from '../../../test-support/scripted-fetch.js';
import { createMediaJobs } from '../src/index.js';
import { echoForms, facadeAt, facadeWith, HOSTILE_KEY, KEY, label, ONE_REF_PER_API, REFS } from './helpers.js';

/** Answers that echo the key back, as careless servers and proxies do; all fail every call unless noted. */
const ECHOES: [string, () => Response | Promise<Response>, string[]?][] = [
  [
    'a 401 whose message quotes the key',
    () => json(401, { error: `bad key ${KEY}`, message: `bad key ${KEY}`, msg: KEY }),
  ],
  ['a 500 HTML page with the key in it', () => text(500, `<html>Authorization: Bearer ${KEY}</html>`, 'text/html')],
  // Only the vendors that answer errors with HTTP 200 read this as a failure.
  [
    'a 200 with an error code and the key',
    () => json(200, { code: 9999, msg: `key ${KEY} refused` }),
    ['tensorslab', 'a2e'],
  ],
  ['a Bifrost envelope with the key', () => json(400, { error: { message: `key ${KEY}`, code: KEY } })],
  ['a dropped connection', () => Promise.reject(new TypeError('fetch failed'))],
  ['a 429 with a long Retry-After', () => json(429, { error: KEY }, { 'retry-after': '999' })],
];

/** Neither the key nor any echo form of it is in any view of `value` (inspected, String, JSON, stack). */
function expectNoKey(value: unknown, where: string, key = KEY) {
  const views = [inspect(value, { depth: 20, showHidden: true }), String(value), JSON.stringify(value) ?? ''];
  if (value instanceof Error) views.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 20 }));
  for (const view of views) for (const form of echoForms(key)) expect(view, where).not.toContain(form);
}

describe('the API key never leaks', () => {
  it.each(ECHOES)('%s: not in any error, for any vendor, single or bulk', async (_, answer, failing) => {
    const { jobs } = facadeWith(answer, { maxRetries: 0 });
    const refs = REFS.filter((ref) => !failing || failing.includes(ref.provider));
    for (const ref of refs) {
      for (const call of [() => jobs.delete(ref), () => jobs.get(ref), () => jobs.wait(ref, { timeoutMs: 50 })]) {
        const error = await call().catch((e: unknown) => e);
        expect(error, `${ref.provider} should fail`).toBeInstanceOf(Error);
        expectNoKey(error, `${ref.provider}: ${String(error)}`);
      }
    }
    const outcomes = await jobs.deleteMany(refs);
    expect(outcomes.every((outcome) => !outcome.ok)).toBe(true);
    expectNoKey(outcomes, 'deleteMany outcomes');
    for (const outcome of outcomes) if (!outcome.ok) expectNoKey(outcome.error, 'bulk error');
  });

  it('not in a timeout or an abort', async () => {
    const { jobs } = facadeWith((_, signal) => hang(signal), { timeoutMs: 20, maxRetries: 0 });
    expectNoKey(await jobs.get(ONE_REF_PER_API.tavus).catch((e: unknown) => e), 'timeout');
    expectNoKey(
      await jobs.delete(ONE_REF_PER_API.bifrost, { signal: AbortSignal.abort() }).catch((e: unknown) => e),
      'abort',
    );
  });

  it('not in the inspected client, nor in results', async () => {
    const { jobs } = facadeWith(() => json(200, { status: 'ready', deleted: true }));
    expectNoKey(jobs, 'client before use');
    const results = [await jobs.get(ONE_REF_PER_API.tavus), await jobs.delete(ONE_REF_PER_API.bifrost)];
    expectNoKey(jobs, 'client after use');
    expectNoKey(results, 'results');
  });
});

describe('the API key never leaks over real HTTP, whatever the fault', () => {
  it.each(FAULT_KINDS)(
    '%s: not in errors, outcomes, inspected clients, nor any console or stdio line',
    async (fault) => {
      const server = await startFaultServer({ faultRate: 1, faults: [fault], stallMs: 300, apiKey: KEY });
      const lines: string[] = [];
      const capture = (...args: unknown[]) => {
        lines.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 20 }))).join(' '));
        return true;
      };
      const spies = [
        ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
          vi.spyOn(console, method).mockImplementation(capture),
        ),
        vi.spyOn(process.stdout, 'write').mockImplementation(capture),
        vi.spyOn(process.stderr, 'write').mockImplementation(capture),
      ];
      const onWarning = (warning: Error) => lines.push(String(warning), warning.stack ?? '');
      process.on('warning', onWarning);
      try {
        const vendor = { apiKey: KEY, baseUrl: server.url };
        const jobs = facadeAt(server.url, {
          timeoutMs: 100,
          maxRetries: 1,
          backoff: { initialMs: 1, maxMs: 2 },
          maxResponseBytes: 64 * 1024,
        });
        const errors: unknown[] = [];
        for (const ref of REFS) {
          errors.push(await jobs.delete(ref).catch((e: unknown) => e), await jobs.get(ref).catch((e: unknown) => e));
        }
        const outcomes = await jobs.deleteMany(REFS);
        for await (const outcome of jobs.deleteEach(REFS)) errors.push(outcome);
        const clients = [
          jobs,
          createTavusClient(vendor),
          createBifrostClient(vendor),
          createA2eClient(vendor),
          createTensorsLabVideoClient(vendor),
        ];
        for (const error of errors) expectNoKey(error, `${fault}: ${String(error)}`);
        expectNoKey(outcomes, `${fault}: outcomes`);
        for (const client of clients) expectNoKey(client, `${fault}: client`);
      } finally {
        for (const spy of spies) spy.mockRestore();
        process.off('warning', onWarning);
        await server.stop();
      }
      for (const line of lines) expect(line, `${fault}: a console line`).not.toContain(KEY);
    },
  );
});

describe('keys in encoded forms, short keys and keys that cannot be sent', () => {
  it.each([
    ['percent-encoded', (key: string) => json(400, { error: `see /keys/${encodeURIComponent(key)}` })],
    ['JSON-escaped inside a string', (key: string) => json(400, { error: JSON.stringify({ key }) })],
    [
      'HTML-escaped inside a message',
      (key: string) => json(400, { error: `<b>${key.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</b>` }),
    ],
    ['as the status word', (key: string) => json(200, { status: key })],
  ])('an echo %s is redacted (Tavus, a key with characters that encode)', async (_, answer) => {
    vi.stubEnv('TAVUS_API_KEY', HOSTILE_KEY);
    try {
      const { jobs } = facadeWith(() => answer(HOSTILE_KEY), {
        maxRetries: 0,
        tavus: { baseUrl: 'https://tavus.test' },
      });
      const error = await jobs.get(ONE_REF_PER_API.tavus).catch((e: unknown) => e);
      expect(MediaJobsError.isInstance(error), String(error)).toBe(true);
      expectNoKey(error, String(error), HOSTILE_KEY);
      expect(String(error)).toContain('[redacted]');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a key of two characters is still redacted', async () => {
    const short = 'Zq';
    vi.stubEnv('TAVUS_API_KEY', short);
    try {
      const { jobs } = facadeWith(() => json(401, { error: `key ${short} unknown` }), {
        tavus: { baseUrl: 'https://tavus.test' },
      });
      const error = await jobs.get(ONE_REF_PER_API.tavus).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toContain('key [redacted] unknown');
      expectNoKey(error, String(error), short);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each([
    ['a newline inside', `${KEY.slice(0, 6)}\n${KEY.slice(6)}`],
    ['a trailing newline', `${KEY}\n`],
    ['a carriage return', `${KEY}\r`],
    ['a character beyond Latin-1', `${KEY}\u2028`],
    ['a trailing space', `${KEY} `],
  ])('a key with %s is refused before any request, without printing it', async (_, badKey) => {
    const vendor = { apiKey: badKey, baseUrl: 'https://tavus.test' };
    const { jobs, calls } = facadeWith(() => json(200, { status: 'ready' }), { tavus: vendor });
    for (const call of [
      () => jobs.get(ONE_REF_PER_API.tavus),
      () => jobs.delete(ONE_REF_PER_API.tavus),
      () =>
        createTavusClient({ ...vendor, fetch: fetchNever }).GET('/v2/videos/{video_id}', {
          params: { path: { video_id: 'v' } },
        }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).retryable).toBe(false);
      expect((error as Error).message).toMatch(
        /the API key in the `apiKey` option contains a character not allowed in an HTTP header/,
      );
      expectNoKey(error, String(error), badKey);
      expectNoKey(error, String(error), badKey.trim());
    }
    expect(calls).toHaveLength(0);
  });
});

/** A fetch that must never be called. */
const fetchNever = (): Promise<Response> => {
  throw new Error('a request was sent');
};

describe('a vendor that echoes the key everywhere (fault server, echoKey), over real HTTP', () => {
  it.each(REFS.map((ref) => [label(ref), ref] as const))(
    '%s: no Job, error or outcome holds the key, in any form',
    async (_, ref) => {
      const server = await startFaultServer({ faultRate: 1, faults: ['echoKey'], seed: 11, apiKey: HOSTILE_KEY });
      try {
        const jobs = facadeAt(server.url, { maxRetries: 0 }, HOSTILE_KEY);
        const seen = { failedJobs: 0, unknownStatus: 0, htmlPages: 0, envelopes: 0 };
        for (let round = 0; round < 8; round += 1) {
          const job = await jobs.get(ref).catch((e: Error) => e);
          expectNoKey(job, `get: ${inspect(job)}`, HOSTILE_KEY);
          if (job instanceof Error)
            seen.unknownStatus += Number(job.message.includes('unknown job status "[redacted]"'));
          else if (job.status === 'failed' && job.error === 'key [redacted] refused') seen.failedJobs += 1;
          const deleted = await jobs.delete(ref).catch((e: unknown) => e);
          expectNoKey(deleted, `delete: ${String(deleted)}`, HOSTILE_KEY);
          if ((deleted as MediaJobsError).status === 502) seen.htmlPages += 1;
          else if (String(deleted).includes('key [redacted] refused')) seen.envelopes += 1;
        }
        const outcomes = await jobs.deleteMany([ref, ref, ref, ref]);
        expectNoKey(outcomes, 'outcomes', HOSTILE_KEY);
        // Every kind of echo was really sent: the key as the status word, in a failed job's fields,
        // in the vendor's error envelope and in an HTML page.
        expect(
          Object.values(seen).every((count) => count > 0),
          JSON.stringify(seen),
        ).toBe(true);
      } finally {
        await server.stop();
      }
    },
  );
});

describe('header values given in `headers` are redacted like keys (a vendor that echoes them, over real HTTP)', () => {
  const TOKEN = 'tenant/token+"& 5e4d3c';
  let origin: Origin;
  beforeAll(async () => {
    origin = await startOrigin();
    // Echoes the tenant token it received: in an error's message, code and request id, and in a job's fields.
    origin.handle((request: SeenRequest, response) => {
      const token = String(request.headers['x-tenant-token']);
      const send = (status: number, body: unknown) =>
        response
          .writeHead(status, { 'content-type': 'application/json', 'x-request-id': token })
          .end(JSON.stringify(body));
      if (request.path.endsWith('/failing')) {
        return send(400, { error: `unknown tenant ${token}`, message: token, msg: token });
      }
      if (request.path.startsWith('/v1/')) return send(400, { error: { message: `tenant ${token}`, code: token } });
      send(200, {
        video_id: 'job',
        status: 'error',
        status_details: `tenant ${token} is over its quota`,
        download_url: `https://cdn.test/${encodeURIComponent(token)}/v.mp4`,
        [token]: { note: JSON.stringify({ token }) },
      });
    });
  });
  afterAll(() => origin.close());

  const headers = { 'x-tenant-token': TOKEN };
  const tavus = (id: string) => ({ provider: 'tavus', id }) as const;

  it('through the facade: not in an error (message, stack, code, request id) nor in a job', async () => {
    const jobs = createMediaJobs({
      tavus: { apiKey: KEY, baseUrl: origin.url, headers },
      bifrost: { apiKey: KEY, baseUrl: origin.url, headers },
      maxRetries: 0,
    });
    const errors = [
      await jobs.get(tavus('failing')).catch((e: unknown) => e),
      await jobs.delete(tavus('failing')).catch((e: unknown) => e),
      await jobs.get({ provider: 'bifrost', id: 'v:openai' }).catch((e: unknown) => e),
    ];
    const job = await jobs.get(tavus('job'));
    expect(job.status).toBe('failed');
    expect(String(errors[0])).toContain('[redacted]'); // the echo came, and was redacted
    expect(job.error).toBe('tenant [redacted] is over its quota');
    for (const error of errors) {
      expect(error).toBeInstanceOf(MediaJobsError);
      expectNoKey(error, String(error), TOKEN);
      expectNoKey((error as MediaJobsError).code, 'code', TOKEN);
      expectNoKey((error as MediaJobsError).requestId, 'request id', TOKEN);
    }
    expectNoKey(job, 'job', TOKEN);
    expect(origin.seen.every((request) => request.headers['x-tenant-token'] === TOKEN)).toBe(true);
  });

  it("through a vendor module's own redactor (no facade), in its errors as for its key", async () => {
    const video = tavusModule.connect({ apiKey: KEY, baseUrl: origin.url, headers }).get('video');
    const error = await video?.get?.('failing', { options: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaJobsError);
    expect(String(error)).toContain('[redacted]');
    expectNoKey(error, String(error), TOKEN);
  });
});

describe("a vendor's own credential (a gateway's admin credential) is redacted like a key", () => {
  const ADMIN = 'admin:adm1n-s3cret-pass';
  const echoing = () =>
    json(200, {
      logs: [{ id: 'l1', status: 'success', timestamp: '2026-11-01T00:00:00Z', input: `sent with ${ADMIN}` }],
      pagination: { limit: 500, offset: 0, total_count: 1 },
    });

  it('given as the adminAuth option: not in the jobs a list yields', async () => {
    const { jobs } = facadeWith(echoing, {
      bifrost: { apiKey: KEY, baseUrl: 'https://bifrost.test', adminAuth: ADMIN },
    });
    const listed = [];
    for await (const job of jobs.list({ provider: 'bifrost', kind: 'log' })) listed.push(job);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed.map((job) => job.raw))).not.toContain('adm1n-s3cret');
  });

  it('read from BIFROST_ADMIN_AUTH: not in the jobs either', async () => {
    vi.stubEnv('BIFROST_ADMIN_AUTH', ADMIN);
    try {
      const { jobs } = facadeWith(echoing);
      const listed = [];
      for await (const job of jobs.list({ provider: 'bifrost', kind: 'log' })) listed.push(job);
      expect(JSON.stringify(listed.map((job) => job.raw))).not.toContain('adm1n-s3cret');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
