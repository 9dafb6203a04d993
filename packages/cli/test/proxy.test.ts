// proxyFetchFromEnv against a real recording proxy and a target server, both on 127.0.0.1. The target
// is addressed as api.mediajobs.test (loopback always goes direct): through the proxy, the proxy
// forwards that name to the target; direct, a lookup patched for *.mediajobs.test finds 127.0.0.1.
// Nothing leaves this machine.
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { AbortError, ConnectionError, createCredentialedFetch, PlainRequest } from '@mediajobs/core';
import { createRedactor } from 'mediajobs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLoopback, proxyCredentials, proxyFetchFromEnv } from '../src/proxy.js';
import { UsageError } from '../src/usage-error.js';
import { finish, startCli } from './spawn-cli.js';

const SECRET = 's3cret-proxy-pass';
const HOST = 'api.mediajobs.test';

interface Recorded {
  method: string;
  url: string;
  proxyAuthorization?: string;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** What the target answers: its view of the request, a redirect, a chunked body, or nothing. */
const target = http.createServer((req, res) => {
  if (req.url === '/redirect') {
    res.writeHead(302, { location: '/final' });
    res.end();
  } else if (req.url === '/chunked') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('one ');
    setTimeout(() => res.end('two'), 5);
  } else if (req.url === '/hang') {
    // Never answers: the caller aborts.
  } else if (req.url?.startsWith('/v2/videos/')) {
    // A Tavus video, for the command line's own request.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ video_id: req.url.slice('/v2/videos/'.length), status: 'ready' }));
  } else {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          host: req.headers.host,
          apiKey: req.headers['x-api-key'] ?? null,
          proxyAuthorization: req.headers['proxy-authorization'] ?? null,
          body,
        }),
      );
    });
  }
});

/**
 * A forward proxy: plain-HTTP requests in absolute form (`GET http://host:port/path`) are recorded
 * and sent on to the target whatever the host name; CONNECT is recorded and refused (403).
 */
const recorded: Recorded[] = [];
const proxy = http.createServer((req, res) => {
  recorded.push({
    method: req.method ?? '',
    url: req.url ?? '',
    proxyAuthorization: req.headers['proxy-authorization'],
  });
  const url = new URL(req.url ?? '');
  const { 'proxy-authorization': _, 'proxy-connection': __, ...headers } = req.headers;
  const upstream = http.request(
    { host: '127.0.0.1', port: targetPort, path: `${url.pathname}${url.search}`, method: req.method, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
});
proxy.on('connect', (req, socket) => {
  recorded.push({ method: 'CONNECT', url: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
  socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
});

/** A proxy that wants credentials it never accepts. */
const strictProxy = http.createServer((_req, res) => {
  res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' });
  res.end();
});

let targetPort = 0;
let proxyPort = 0;
let strictPort = 0;
let closedPort = 0;
const originalLookup = dns.lookup;

beforeAll(async () => {
  targetPort = await listen(target);
  proxyPort = await listen(proxy);
  strictPort = await listen(strictProxy);
  const closed = http.createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  // *.mediajobs.test is 127.0.0.1 for a direct connection (the proxy maps the name itself).
  const patched = (hostname: string, options: unknown, callback?: unknown) => {
    const [opts, done] = (typeof options === 'function' ? [{}, options] : [options ?? {}, callback]) as [
      { all?: boolean },
      (error: Error | null, address: unknown, family?: number) => void,
    ];
    if (!hostname.endsWith('.mediajobs.test'))
      return (originalLookup as (...args: unknown[]) => void)(hostname, opts, done);
    if (opts.all) done(null, [{ address: '127.0.0.1', family: 4 }]);
    else done(null, '127.0.0.1', 4);
  };
  (dns as { lookup: unknown }).lookup = patched;
});
afterAll(async () => {
  (dns as { lookup: unknown }).lookup = originalLookup;
  for (const server of [target, proxy, strictProxy]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
beforeEach(() => {
  recorded.length = 0;
});

const proxyUrl = () => `http://127.0.0.1:${proxyPort}`;
const targetUrl = (path: string) => `http://${HOST}:${targetPort}${path}`;

function proxied(env: Record<string, string>): typeof fetch {
  const proxyFetch = proxyFetchFromEnv(env);
  if (!proxyFetch) throw new Error('expected a proxy fetch');
  return proxyFetch;
}

describe('proxyFetchFromEnv: when', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('no proxy variable (or only NO_PROXY, or blank ones): undefined, so the global fetch stays', () => {
    expect(proxyFetchFromEnv({})).toBeUndefined();
    expect(proxyFetchFromEnv({ NO_PROXY: HOST, no_proxy: '*' })).toBeUndefined();
    expect(proxyFetchFromEnv({ HTTP_PROXY: '', https_proxy: '  ' })).toBeUndefined();
  });

  it('reads only the environment it is given, not process.env behind it', async () => {
    process.env.HTTP_PROXY = proxyUrl();
    process.env.http_proxy = proxyUrl();
    expect(proxyFetchFromEnv({})).toBeUndefined();
    // HTTPS_PROXY alone: an http:// URL goes direct even though process.env names a proxy for it.
    const answer = await proxied({ HTTPS_PROXY: `http://127.0.0.1:${closedPort}` })(targetUrl('/direct'));
    expect(answer.status).toBe(200);
    expect(recorded).toEqual([]);
  });

  it('a proxy reached over https:// is taken (undici speaks TLS to it)', () => {
    expect(proxyFetchFromEnv({ HTTPS_PROXY: 'https://proxy.example:3128' })).toBeTypeOf('function');
  });

  it('reads process.env by default', () => {
    process.env.HTTPS_PROXY = proxyUrl();
    expect(proxyFetchFromEnv()).toBeTypeOf('function');
  });
});

describe('proxyFetchFromEnv: through the proxy', () => {
  it('HTTP_PROXY: the proxy gets the request in absolute form and the target answers', async () => {
    const answer = await proxied({ HTTP_PROXY: proxyUrl() })(targetUrl('/v1/jobs/42?page=1'), {
      method: 'GET',
      headers: { 'x-api-key': 'key-1' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ url: '/v1/jobs/42?page=1', host: `${HOST}:${targetPort}` });
    expect(recorded).toEqual([{ method: 'GET', url: targetUrl('/v1/jobs/42?page=1'), proxyAuthorization: undefined }]);
  });

  it("a Request of Node's own fetch is sent as it is", async () => {
    const request = new Request(targetUrl('/request'), {
      method: 'POST',
      body: 'hello',
      headers: { 'x-api-key': 'k' },
    });
    const answer = await proxied({ HTTP_PROXY: proxyUrl() })(request);
    expect(await answer.json()).toMatchObject({ method: 'POST', url: '/request', apiKey: 'k', body: 'hello' });
    expect(recorded.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${targetUrl('/request')}`]);
  });

  it("a GET Request of Node's own fetch (no body) is sent without one", async () => {
    const answer = await proxied({ HTTP_PROXY: proxyUrl() })(new Request(targetUrl('/get-request')));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ method: 'GET', url: '/get-request', body: '' });
  });

  it('http_proxy (lower case) wins over HTTP_PROXY, as in curl and undici', async () => {
    const answer = await proxied({ http_proxy: proxyUrl(), HTTP_PROXY: `http://127.0.0.1:${closedPort}` })(
      targetUrl('/lower'),
    );
    expect(answer.status).toBe(200);
    expect(recorded.map((r) => r.url)).toEqual([targetUrl('/lower')]);
  });

  it('a proxy without a scheme is http://', async () => {
    const answer = await proxied({ HTTP_PROXY: `127.0.0.1:${proxyPort}` })(targetUrl('/bare'));
    expect(answer.status).toBe(200);
    expect(recorded.map((r) => r.url)).toEqual([targetUrl('/bare')]);
  });

  it('credentials in the URL go to the proxy as Proxy-Authorization, not to the target', async () => {
    const env = { HTTP_PROXY: `http://mj-user:${encodeURIComponent(`${SECRET}@x`)}@127.0.0.1:${proxyPort}` };
    const answer = await proxied(env)(targetUrl('/auth'));
    expect((await answer.json()).proxyAuthorization).toBeNull();
    expect(recorded[0]?.proxyAuthorization).toBe(`Basic ${Buffer.from(`mj-user:${SECRET}@x`).toString('base64')}`);
  });

  it('HTTPS_PROXY: an https:// URL is tunnelled with CONNECT (here refused, as the error says)', async () => {
    await expect(proxied({ HTTPS_PROXY: proxyUrl() })(`https://${HOST}/v1/jobs`)).rejects.toThrow(TypeError);
    expect(recorded).toEqual([{ method: 'CONNECT', url: `${HOST}:443`, proxyAuthorization: undefined }]);
  });

  it('HTTP_PROXY alone serves https:// URLs too (undici: HTTPS_PROXY defaults to it)', async () => {
    await expect(proxied({ HTTP_PROXY: proxyUrl() })(`https://${HOST}/v1/jobs`)).rejects.toThrow(TypeError);
    expect(recorded.map((r) => r.method)).toEqual(['CONNECT']);
  });
});

describe('proxyFetchFromEnv: direct', () => {
  it.each([
    ['the host', () => HOST],
    ['a parent domain', () => 'mediajobs.test'],
    ['a parent domain with a leading dot', () => '.mediajobs.test'],
    ['the host and port', () => `${HOST}:${targetPort}`],
    ['a list with spaces', () => `example.test, ${HOST}`],
    ['*', () => '*'],
  ])('NO_PROXY naming %s: the target answers and the proxy sees nothing', async (_, noProxy) => {
    const answer = await proxied({ HTTP_PROXY: proxyUrl(), NO_PROXY: noProxy() })(targetUrl('/direct'));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ url: '/direct' });
    expect(recorded).toEqual([]);
  });

  it('no_proxy (lower case) counts too; NO_PROXY naming another host or port does not exempt this one', async () => {
    await proxied({ HTTP_PROXY: proxyUrl(), no_proxy: HOST })(targetUrl('/a'));
    expect(recorded).toEqual([]);
    await proxied({ HTTP_PROXY: proxyUrl(), NO_PROXY: `other.test,${HOST}:1` })(targetUrl('/b'));
    expect(recorded.map((r) => r.url)).toEqual([targetUrl('/b')]);
  });

  it.each(['127.0.0.1', 'localhost'])('loopback (%s) never goes to the proxy, whatever NO_PROXY says', async (host) => {
    const answer = await proxied({ HTTP_PROXY: proxyUrl(), NO_PROXY: 'example.test' })(
      `http://${host}:${targetPort}/local`,
    );
    expect(answer.status).toBe(200);
    expect(recorded).toEqual([]);
  });

  it('knows the loopback names and addresses', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'mock.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '[::1]',
      '[::ffff:7f00:1]',
      // A fully qualified name (a trailing dot), every octet of two or three digits, and IPv4 in IPv6.
      'localhost.',
      '127.10.200.255',
      '::1',
      '[::ffff:127.10.200.255]',
      '[::ffff:7fab:cdef]',
    ])
      expect(isLoopback(host), host).toBe(true);
    for (const host of [
      'api.mediajobs.test',
      '128.0.0.1',
      '10.0.0.1',
      'localhost.example',
      '[::2]',
      '127.example',
      // Loopback-looking parts inside another name or address are not loopback.
      '10.127.0.0.1',
      '127.0.0.1.example',
      '[::ffff:10.127.0.0.1]',
      '[::ffff:127.0.0.1].example',
    ])
      expect(isLoopback(host), host).toBe(false);
  });
});

describe('proxyFetchFromEnv under the library (createCredentialedFetch)', () => {
  const client = (env: Record<string, string>) =>
    createCredentialedFetch({
      provider: 'tavus',
      origin: `http://${HOST}:${targetPort}`,
      credentials: () => ({ 'x-api-key': 'key-1' }),
      fetch: proxied(env),
    });

  it('follows a redirect itself (redirect: manual), sends the key, reads the answer', async () => {
    const answer = await client({ HTTP_PROXY: proxyUrl() })(new PlainRequest(targetUrl('/redirect')));
    expect(answer.status).toBe(200);
    expect(JSON.parse(await answer.text())).toMatchObject({ url: '/final', apiKey: 'key-1' });
    expect(recorded.map((r) => r.url)).toEqual([targetUrl('/redirect'), targetUrl('/final')]);
  });

  it('reads a body of unknown length with getReader and a POST body gets there', async () => {
    const answer = await client({ HTTP_PROXY: proxyUrl() })(new PlainRequest(targetUrl('/chunked')));
    expect(await answer.text()).toBe('one two');
    const posted = await client({ HTTP_PROXY: proxyUrl() })(
      new PlainRequest(targetUrl('/post'), { method: 'POST', body: JSON.stringify({ a: 1 }) }),
    );
    expect(await posted.json()).toMatchObject({ method: 'POST', url: '/post' });
  });

  it('an abort while the request is in flight is an AbortError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      client({ HTTP_PROXY: proxyUrl() })(new PlainRequest(targetUrl('/hang'), { signal: controller.signal })),
    ).rejects.toBeInstanceOf(AbortError);
  });
});

describe('proxyFetchFromEnv: failures, and the credentials never shown', () => {
  const withSecret = (port: number) => `http://mj-user:${SECRET}@127.0.0.1:${port}`;
  const shown = (error: unknown) => `${inspect(error, { depth: null, showHidden: true })}\n${String(error)}`;

  it('a proxy that refuses the connection: fetch throws, the library makes it a ConnectionError', async () => {
    const proxyFetch = proxied({ HTTP_PROXY: withSecret(closedPort) });
    const error = await proxyFetch(targetUrl('/x')).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(shown(error)).not.toContain(SECRET);
    const fromLibrary = await createCredentialedFetch({
      provider: 'tavus',
      origin: `http://${HOST}:${targetPort}`,
      credentials: () => ({}),
      fetch: proxyFetch,
    })(new PlainRequest(targetUrl('/x'))).catch((thrown: unknown) => thrown);
    expect(fromLibrary).toBeInstanceOf(ConnectionError);
    expect(shown(fromLibrary)).not.toContain(SECRET);
  });

  it('a proxy that answers 407: an error without the credentials', async () => {
    const error = await proxied({ HTTP_PROXY: withSecret(strictPort) })(targetUrl('/x')).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect(shown(error)).toContain('407');
    expect(shown(error)).not.toContain(SECRET);
  });

  it('a CONNECT refused by a proxy with credentials: an error without them', async () => {
    const error = await proxied({ HTTPS_PROXY: withSecret(proxyPort) })(`https://${HOST}/`).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect(shown(error)).not.toContain(SECRET);
  });

  it.each([
    ['an invalid URL', `http://mj-user:${SECRET}@proxy host:3128`],
    ['another scheme', `ftp://mj-user:${SECRET}@proxy:21`],
    ['no host', `http://mj-user:${SECRET}@`],
  ])('%s: a UsageError that names the variable, never its value', (_, value) => {
    let error: unknown;
    try {
      proxyFetchFromEnv({ https_proxy: value });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('https_proxy');
    expect(shown(error)).not.toContain(SECRET);
    expect(shown(error)).not.toContain('mj-user');
  });

  it('proxyCredentials gives a redactor every form of them', () => {
    const env = {
      HTTPS_PROXY: `http://mj-user:${encodeURIComponent(`${SECRET}/+`)}@proxy:3128`,
      HTTP_PROXY: 'proxy:3128',
    };
    const redactor = createRedactor(() => proxyCredentials(env));
    const basic = Buffer.from(`mj-user:${SECRET}/+`).toString('base64');
    const text = `${env.HTTPS_PROXY} ${SECRET}/+ Proxy-Authorization: Basic ${basic}`;
    expect(redactor.text(text)).not.toMatch(new RegExp(`${SECRET}|${basic.slice(0, 12)}`));
    expect(proxyCredentials({ HTTP_PROXY: 'http://proxy:3128' })).toEqual([]);
    // A token as the user name (no password) is the secret.
    expect(proxyCredentials({ http_proxy: `http://${SECRET}@proxy:3128` })).toContain(SECRET);
  });

  it('proxyCredentials: exactly the secret forms, from any of the four variables, blanks around ignored', () => {
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    // A token as user name: the token as written and decoded, and the Basic form with an empty password.
    expect(proxyCredentials({ HTTP_PROXY: 'http://tok%2Fen@proxy:3128' })).toEqual([
      'tok%2Fen',
      'tok/en',
      base64('tok/en:'),
    ]);
    // No user, a password: the password in every form, the user part empty.
    expect(proxyCredentials({ https_proxy: ` http://:${SECRET}@proxy:3128 ` })).toEqual([
      SECRET,
      SECRET,
      `:${SECRET}`,
      `:${SECRET}`,
      base64(`:${SECRET}`),
    ]);
    // Both parts empty: nothing to redact but the Basic form (an empty secret would match everywhere).
    expect(proxyCredentials({ HTTPS_PROXY: 'http://:@proxy:3128' })).toEqual([base64(':')]);
  });
});

describe('the mediajobs command', () => {
  it('sends its requests through HTTP_PROXY, with credentials that it never prints', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HTTP_PROXY: `http://mj-user:${SECRET}@127.0.0.1:${proxyPort}`,
      TAVUS_BASE_URL: `http://${HOST}:${targetPort}`,
      TAVUS_API_KEY: 'tvs-proxy-test',
    };
    const ok = await finish(startCli(['get', 'tavus', 'v1'], { env }));
    expect(ok).toMatchObject({ code: 0, stdout: 'tavus video v1: succeeded\n' });
    expect(recorded.map(({ method, url }) => `${method} ${url}`)).toEqual([`GET ${targetUrl('/v2/videos/v1')}`]);
    expect(recorded[0]?.proxyAuthorization).toBe(`Basic ${Buffer.from(`mj-user:${SECRET}`).toString('base64')}`);

    // A proxy that refuses the connection: the error says so, and holds no credential.
    const refused = await finish(
      startCli(['get', 'tavus', 'v1', '--timeout', '2s'], {
        env: { ...env, HTTP_PROXY: `http://mj-user:${SECRET}@127.0.0.1:${closedPort}` },
      }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ConnectionError');
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(SECRET);
  });
});
