// Where credentials go when a vendor redirects, how a redirected request changes (as fetch would change it), when
// the client stops following, and how much of an answer it reads: createCredentialedFetch over a fetch that records
// what it was asked and answers from a script.
import { describe, expect, it } from 'vitest';
import { ConnectionError, createCredentialedFetch, PlainRequest, ServerError } from '../src/index.js';

const ORIGIN = 'https://api.vendor.test';
const KEY = 'sk_redirect_9f3a';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A credentialed fetch whose requests are recorded in `sent`; `answer` gives each hop's response. */
function setup(
  answer: (hop: number, url: string) => Response,
  options: { maxRedirects?: number; maxResponseBytes?: number } = {},
) {
  const sent: Sent[] = [];
  const fetch = createCredentialedFetch({
    provider: 'tavus',
    origin: ORIGIN,
    credentials: () => ({ 'x-api-key': KEY }),
    fetch: async (input, init) => {
      const url = String(input);
      sent.push({
        url,
        method: init?.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: init?.body ?? null,
      });
      return answer(sent.length - 1, url);
    },
    ...options,
  });
  return { fetch, sent };
}

const redirect = (location: string, status = 302) => new Response(null, { status, headers: { location } });
const ok = (text = '{}') => new Response(text, { status: 200 });
const request = (method = 'GET', body?: string, url = `${ORIGIN}/v2/videos/v1`) =>
  new PlainRequest(url, {
    method,
    body,
    headers: { 'content-type': 'application/json', 'x-tenant': 'tenant-secret', 'user-agent': 'ua/1' },
  });

describe('credentials on redirects', () => {
  it('are not sent to another origin whose URL merely ends with the trusted origin', async () => {
    const trap = `https://evil.test/collect?next=${ORIGIN}/`;
    const { fetch, sent } = setup((hop) => (hop === 0 ? redirect(trap) : ok()));
    await fetch(request());
    expect(sent.map((s) => s.url)).toEqual([`${ORIGIN}/v2/videos/v1`, trap]);
    expect(sent[1]?.headers['x-api-key']).toBeUndefined();
    expect(sent[1]?.headers['x-tenant']).toBeUndefined();
    expect(sent[1]?.headers['user-agent']).toBe('ua/1');
  });

  it('are not sent to a host that only starts like the trusted one', async () => {
    const lookalike = `${ORIGIN}.evil.test/v2/videos/v1`;
    const { fetch, sent } = setup((hop) => (hop === 0 ? redirect(lookalike) : ok()));
    await fetch(request());
    expect(sent[1]?.url).toBe(lookalike);
    expect(sent[1]?.headers['x-api-key']).toBeUndefined();
  });

  it('are sent again on a redirect that stays on the origin, even when written with its default port', async () => {
    const samePort = 'https://api.vendor.test:443/v2/videos/v2';
    const { fetch, sent } = setup((hop) => (hop === 0 ? redirect(samePort) : ok()));
    await fetch(request());
    expect(sent.map((s) => s.headers['x-api-key'])).toEqual([KEY, KEY]);
    expect(sent[1]?.headers['x-tenant']).toBe('tenant-secret');
  });

  it("fail with a ConnectionError naming the vendor where the runtime's fetch hides the redirect (opaqueredirect)", async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as unknown as Response;
    const { fetch, sent } = setup(() => opaque);
    const error = await fetch(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).provider).toBe('tavus');
    expect((error as Error).message).toContain('call the final URL directly (set baseUrl)');
    expect(sent).toHaveLength(1);
  });
});

describe('how a redirected request continues, as fetch would', () => {
  it.each([
    [303, 'POST', 'GET', null],
    [303, 'PUT', 'GET', null],
    [303, 'HEAD', 'HEAD', null],
    [301, 'POST', 'GET', null],
    [302, 'POST', 'GET', null],
    [307, 'POST', 'POST', '{"a":1}'],
    [308, 'POST', 'POST', '{"a":1}'],
    [301, 'PUT', 'PUT', '{"a":1}'],
    [302, 'DELETE', 'DELETE', '{"a":1}'],
  ])('a %i after %s goes on as %s', async (status, method, after, body) => {
    const { fetch, sent } = setup((hop) => (hop === 0 ? redirect(`${ORIGIN}/next`, status) : ok()));
    const sentBody = method === 'HEAD' ? undefined : '{"a":1}';
    await fetch(request(method, sentBody));
    expect(sent[1]?.method).toBe(after);
    expect(sent[1]?.body).toBe(method === 'HEAD' ? null : body);
    expect(sent[1]?.headers['content-type']).toBe(body === null ? undefined : 'application/json');
  });

  it('a 3xx that is not a redirect (304) or a redirect without Location is the answer', async () => {
    for (const response of [
      new Response(null, { status: 304, headers: { location: '/x' } }),
      new Response(null, { status: 302 }),
    ]) {
      const { fetch, sent } = setup(() => response);
      expect((await fetch(request())).status).toBe(response.status);
      expect(sent).toHaveLength(1);
    }
  });
});

describe('the redirect limit', () => {
  const chain = (redirects: number) => (hop: number) =>
    hop < redirects ? redirect(`${ORIGIN}/hop/${hop + 1}`) : ok('done');

  it('follows exactly maxRedirects redirects (default 5)', async () => {
    const { fetch, sent } = setup(chain(5));
    expect(await (await fetch(request())).text()).toBe('done');
    expect(sent).toHaveLength(6);
  });

  it('gives up on the next one, without requesting it', async () => {
    const { fetch, sent } = setup(chain(6));
    const error = await fetch(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).status).toBe(302);
    expect((error as Error).message).toBe('tavus: more than 5 redirects; check baseUrl');
    expect(sent).toHaveLength(6);
  });

  it('follows none with maxRedirects: 0', async () => {
    const { fetch, sent } = setup(chain(1), { maxRedirects: 0 });
    await expect(fetch(request())).rejects.toThrow('more than 0 redirects');
    expect(sent).toHaveLength(1);
  });
});

describe('the size of an answer', () => {
  const chunked = (...parts: string[]) =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      }),
      { status: 200, headers: { 'x-kept': 'yes' } },
    );

  it('a chunked answer within the limit arrives whole, chunk after chunk, with its status and headers', async () => {
    const { fetch } = setup(() => chunked('{"id":', '"abc",', '"ok":true}'), { maxResponseBytes: 23 });
    const response = await fetch(request());
    expect(await response.text()).toBe('{"id":"abc","ok":true}');
    expect(response.headers.get('x-kept')).toBe('yes');
  });

  it('a chunked answer one byte over the limit is refused, not retryable', async () => {
    const { fetch } = setup(() => chunked('{"id":', '"abc",', '"ok":true}!'), { maxResponseBytes: 22 });
    const error = await fetch(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryable).toBe(false);
    expect((error as Error).message).toContain('larger than 22 bytes');
  });

  it('a declared length at the limit is read; one byte over is refused without reading', async () => {
    const declared = (length: number) =>
      new Response('x'.repeat(length), { status: 200, headers: { 'content-length': String(length) } });
    expect(await (await setup(() => declared(10), { maxResponseBytes: 10 }).fetch(request())).text()).toBe(
      'x'.repeat(10),
    );
    await expect(setup(() => declared(11), { maxResponseBytes: 10 }).fetch(request())).rejects.toThrow(
      'larger than 10 bytes',
    );
  });
});
