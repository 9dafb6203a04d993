import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { redirectTo, useTwoOrigins } from '../../../test-support/origins.js';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  checkBaseUrl,
  createVendorClient,
  DEFAULT_TIMEOUT_MS,
  InvalidRequestError,
  TimeoutError,
  type VendorDescription,
} from '../src/index.js';
import type { TestPaths } from './test-paths.js';

const KEY = 'sk_canary_4f1d9c2b7a';
const ENV = 'MEDIAJOBS_TEST_API_KEY';
const bearerVendor = (baseUrl: string, optional = false): VendorDescription => ({
  provider: 'a2e',
  packageName: '@mediajobs/test',
  version: '1.2.3',
  defaultBaseUrl: baseUrl,
  auth: { header: 'authorization', prefix: 'Bearer', envVar: ENV, optional },
});

const origins = useTwoOrigins();

beforeEach(() => vi.unstubAllEnvs());

describe('createVendorClient', () => {
  it('sends the key in the vendor header, with its prefix, and a user-agent naming the package', async () => {
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY });
    const { data } = await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(data).toEqual({ id: 'j1' });
    expect(origins.api.seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(origins.api.seen[0]?.headers['user-agent']).toBe('@mediajobs/test/1.2.3');
  });

  it('sends a bare key when the vendor has no prefix (x-api-key)', async () => {
    const vendor = { ...bearerVendor(origins.api.url), auth: { header: 'x-api-key', envVar: ENV } };
    await createVendorClient<TestPaths>(vendor, { apiKey: KEY }).GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(origins.api.seen[0]?.headers['x-api-key']).toBe(KEY);
    expect(origins.api.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('reads the environment variable at request time, so constructing needs no key', async () => {
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url));
    vi.stubEnv(ENV, 'from-env');
    await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(origins.api.seen[0]?.headers.authorization).toBe('Bearer from-env');
  });

  it('fails a request without a key before sending it, naming the variable to set', async () => {
    vi.stubEnv(ENV, '');
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url));
    const call = client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    await expect(call).rejects.toBeInstanceOf(AuthenticationError);
    await expect(call).rejects.toThrow(`a2e: no API key; pass \`apiKey\` to the client or set ${ENV}`);
    expect(origins.api.seen).toHaveLength(0);
  });

  it('sends no auth header when the key is optional and absent (a gateway with auth off)', async () => {
    vi.stubEnv(ENV, '');
    await createVendorClient<TestPaths>(bearerVendor(origins.api.url, true)).GET('/jobs/{id}', {
      params: { path: { id: 'j1' } },
    });
    expect(origins.api.seen).toHaveLength(1);
    expect(origins.api.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses a bad id before any request', async () => {
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY });
    await expect(client.GET('/jobs/{id}', { params: { path: { id: '' } } })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(client.GET('/jobs/{id}', { params: { path: { id: '..' } } })).rejects.toThrow('cannot be ".."');
    expect(origins.api.seen).toHaveLength(0);
  });

  it('puts an id with reserved characters into one segment', async () => {
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY });
    await client.GET('/jobs/{id}', { params: { path: { id: 'a/../b?c#d' } } });
    expect(origins.api.seen[0]?.path).toBe('/jobs/a%2F..%2Fb%3Fc%23d');
  });

  it('refuses a baseUrl that is not an absolute http(s) URL', () => {
    expect(() => createVendorClient<TestPaths>(bearerVendor('not a url'))).toThrow(InvalidRequestError);
    expect(() => createVendorClient<TestPaths>(bearerVendor('ftp://x.test'))).toThrow(/must be an http\(s\) URL/);
  });

  it('keeps the key out of an inspected client', () => {
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });
});

describe('redirects', () => {
  const headers = { 'x-team': 'secret-team-token' };

  it('keeps credentials and custom headers on a same-origin redirect', async () => {
    origins.api.handle((req, res) =>
      req.path === '/jobs/j1'
        ? redirectTo(`${origins.api.url}/jobs/j2`)(req, res)
        : res.writeHead(200).end('{"id":"j2"}'),
    );
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY, headers });
    const { data } = await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(data).toEqual({ id: 'j2' });
    expect(origins.api.seen.map((r) => [r.path, r.headers.authorization, r.headers['x-team']])).toEqual([
      ['/jobs/j1', `Bearer ${KEY}`, 'secret-team-token'],
      ['/jobs/j2', `Bearer ${KEY}`, 'secret-team-token'],
    ]);
  });

  it.each([301, 302, 303, 307, 308])(
    'drops credentials and custom headers on a cross-origin %i, and adds none the request had not',
    async (status) => {
      origins.api.handle(redirectTo(`${origins.elsewhere.url}/landing`, status));
      const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY, headers });
      await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
      expect(origins.elsewhere.seen).toHaveLength(1);
      const leaked = JSON.stringify(origins.elsewhere.seen[0]?.headers);
      expect(leaked).not.toContain(KEY);
      expect(leaked).not.toContain('secret-team-token');
      expect(origins.elsewhere.seen[0]?.headers['user-agent']).toBe('@mediajobs/test/1.2.3');
      // A GET has no content type: none is made up for the next origin (not even "null").
      expect(origins.elsewhere.seen[0]?.headers['content-type']).toBeUndefined();
    },
  );

  it('never gives credentials back once a chain has left the origin', async () => {
    origins.api.handle((req, res) =>
      req.path === '/jobs/j1'
        ? redirectTo(`${origins.elsewhere.url}/bounce`)(req, res)
        : res.writeHead(200).end('{"id":"x"}'),
    );
    origins.elsewhere.handle(redirectTo(`${origins.api.url}/jobs/back`));
    await createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY }).GET('/jobs/{id}', {
      params: { path: { id: 'j1' } },
    });
    expect(origins.api.seen.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/jobs/j1', `Bearer ${KEY}`],
      ['/jobs/back', undefined],
    ]);
  });

  it('replays the body on 307 and turns POST into a bodiless GET on 303', async () => {
    origins.api.handle((req, res) => {
      if (req.path === '/jobs') return redirectTo(`${origins.api.url}/jobs/again`, 307)(req, res);
      if (req.path === '/jobs/again' && req.method === 'POST')
        return redirectTo(`${origins.api.url}/jobs/result`, 303)(req, res);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"done"}');
    });
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY });
    const { data } = await client.POST('/jobs', { body: { name: 'n' } });
    expect(data).toEqual({ id: 'done' });
    expect(origins.api.seen.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/jobs', '{"name":"n"}'],
      ['POST', '/jobs/again', '{"name":"n"}'],
      ['GET', '/jobs/result', ''],
    ]);
    expect(origins.api.seen[2]?.headers['content-type']).toBeUndefined();
  });

  it('gives up after too many redirects with a ConnectionError', async () => {
    origins.api.handle(redirectTo('/jobs/loop'));
    const client = createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY });
    const call = client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    await expect(call).rejects.toBeInstanceOf(ConnectionError);
    await expect(call).rejects.toThrow('more than 5 redirects');
    const error = await call.catch((e: unknown) => e);
    expect(inspect(error)).not.toContain(KEY);
  });
});

describe('what fetch throws, as typed errors', () => {
  const client = (fetch?: typeof globalThis.fetch) =>
    createVendorClient<TestPaths>(bearerVendor('http://127.0.0.1:9'), { apiKey: KEY, fetch });
  const call = (c: ReturnType<typeof client>, signal?: AbortSignal) =>
    c.GET('/jobs/{id}', { params: { path: { id: 'j1' } }, signal }).catch((e: unknown) => e);
  const hang: typeof globalThis.fetch = (_, init) =>
    new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

  it('a refused connection is a ConnectionError with the cause attached', async () => {
    const error = await call(client());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).retryable).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("the caller's abort is an AbortError; a timeout signal is a TimeoutError", async () => {
    const controller = new AbortController();
    const aborted = call(client(hang), controller.signal);
    controller.abort();
    expect(await aborted).toBeInstanceOf(AbortError);
    expect(await call(client(hang), AbortSignal.timeout(10))).toBeInstanceOf(TimeoutError);
  });
});

describe('<PROVIDER>_BASE_URL', () => {
  it('is read when no baseUrl is given, and a given baseUrl wins over it', async () => {
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      seen.push(String(input));
      return new Response('{"id":"j1"}', { headers: { 'content-type': 'application/json' } });
    };
    vi.stubEnv('A2E_BASE_URL', 'http://127.0.0.1:7001');
    try {
      const vendor = bearerVendor('https://default.example');
      await createVendorClient<TestPaths>(vendor, { apiKey: KEY, fetch }).GET('/jobs/{id}', {
        params: { path: { id: 'j1' } },
      });
      await createVendorClient<TestPaths>(vendor, { apiKey: KEY, fetch, baseUrl: 'http://127.0.0.1:7002' }).GET(
        '/jobs/{id}',
        { params: { path: { id: 'j1' } } },
      );
    } finally {
      vi.unstubAllEnvs();
    }
    expect(seen).toEqual(['http://127.0.0.1:7001/jobs/j1', 'http://127.0.0.1:7002/jobs/j1']);
  });
});

/** Sends the headers at once, then one byte every 200 ms, for ever (until the client gives up). */
function drip(headers: Record<string, string>) {
  return (_: unknown, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.write('{');
    const timer = setInterval(() => response.write(' '), 200);
    response.on('close', () => clearInterval(timer));
  };
}

describe('timeoutMs: every call of a vendor client ends', () => {
  const get = (options: Parameters<typeof createVendorClient>[1], signal?: AbortSignal) =>
    createVendorClient<TestPaths>(bearerVendor(origins.api.url), { apiKey: KEY, ...options })
      .GET('/jobs/{id}', { params: { path: { id: 'j1' } }, signal })
      .catch((e: unknown) => e);

  it.each([
    ['a declared length', { 'content-length': '1000' }],
    ['a chunked body', {}],
  ])('a body that drips after its headers (%s) ends with a TimeoutError within timeoutMs', async (_, headers) => {
    origins.api.handle(drip(headers));
    const started = performance.now();
    const error = await get({ timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('a2e: no complete answer within 300 ms (retry, or raise timeoutMs)');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
  });

  it(`is ${DEFAULT_TIMEOUT_MS} ms when not given: the call's signal fires then`, async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(60_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let sent: AbortSignal | undefined;
      const fetch: typeof globalThis.fetch = (_, init) => {
        sent = init?.signal ?? undefined;
        return new Promise((_, reject) => sent?.addEventListener('abort', () => reject(sent?.reason)));
      };
      const call = get({ fetch });
      await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
      expect(sent?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent?.aborted).toBe(true);
      expect(((await call) as Error).message).toBe(
        'a2e: no complete answer within 60000 ms (retry, or raise timeoutMs)',
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves no listener on the caller's signal, and the caller's abort is still an AbortError", async () => {
    const controller = new AbortController();
    for (let n = 0; n < 20; n += 1) await get({}, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    origins.api.handle(drip({}));
    const call = get({}, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await call).toBeInstanceOf(AbortError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it("Infinity sets no limit: fetch gets the caller's signal as it is, or none", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const fetch: typeof globalThis.fetch = async (_, init) => {
      signals.push(init?.signal);
      return new Response('{"id":"j1"}');
    };
    const controller = new AbortController();
    await get({ fetch, timeoutMs: Number.POSITIVE_INFINITY });
    await get({ fetch, timeoutMs: Number.POSITIVE_INFINITY }, controller.signal);
    expect(signals).toEqual([null, controller.signal]);
  });

  it.each([0, -1, Number.NaN, '5s'])('refuses timeoutMs %j at construction', (timeoutMs) => {
    expect(() =>
      createVendorClient<TestPaths>(bearerVendor(origins.api.url), { timeoutMs: timeoutMs as number }),
    ).toThrow(InvalidRequestError);
  });
});

describe('a base URL holds nothing but scheme, host, port and path', () => {
  const SECRET = 'hunter2-base-url-secret';
  const refused: [string, string, string][] = [
    [
      'a user name and password',
      `http://user:${SECRET}@127.0.0.1:1`,
      'must not contain a user name or password; pass the key as apiKey',
    ],
    ['a user name alone', `http://${SECRET}@127.0.0.1:1`, 'must not contain a user name or password'],
    ['a password alone', `http://:${SECRET}@127.0.0.1:1/v1`, 'must not contain a user name or password'],
    ['a query', `http://127.0.0.1:1/v1?api_key=${SECRET}`, 'must not contain a query (?...)'],
    ['an empty query', 'http://127.0.0.1:1/?', 'must not contain a query (?...)'],
    ['a fragment', `http://127.0.0.1:1/#${SECRET}`, 'must not contain a fragment (#...)'],
    ['an empty fragment', 'http://127.0.0.1:1/v1#', 'must not contain a fragment (#...)'],
    ['no scheme', `${SECRET} not a url`, 'is not an absolute URL'],
    ['another scheme (a key passed by mistake)', `skLive:${SECRET}`, 'must be an http(s) URL'],
  ];
  const thrown = (create: () => unknown) => {
    try {
      create();
    } catch (error) {
      return error as InvalidRequestError;
    }
    throw new Error('expected it to throw');
  };

  it.each(refused)('%s: refused at construction, naming the part, never the value', (_, baseUrl, words) => {
    const error = thrown(() =>
      createVendorClient<TestPaths>(bearerVendor('https://default.example'), { apiKey: KEY, baseUrl }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(`a2e: baseUrl ${words}`);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it.each(refused)('%s in A2E_BASE_URL: refused, naming the variable', (_, baseUrl, words) => {
    vi.stubEnv('A2E_BASE_URL', baseUrl);
    const error = thrown(() => createVendorClient<TestPaths>(bearerVendor('https://default.example'), { apiKey: KEY }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(`a2e: A2E_BASE_URL ${words}`);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it('a path, a trailing slash and a port are fine', () => {
    expect(checkBaseUrl('tavus', 'http://127.0.0.1:8080/api/v2/')).toBe('http://127.0.0.1:8080');
    expect(checkBaseUrl('tavus', 'https://tavusapi.com')).toBe('https://tavusapi.com');
  });
});
