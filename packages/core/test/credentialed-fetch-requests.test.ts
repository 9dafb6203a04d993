// What createCredentialedFetch (exported: a user's own openapi-fetch client can use it) does with the two kinds of
// request it takes: a WHATWG Request, as openapi-fetch makes by default, whose body must be read before it is sent
// (and may be sent again on a redirect), and a vendor URL written another way than its origin. (Found by mutation
// testing, issue 28: each test here failed with one operator of fetch.ts changed.)
import { describe, expect, it } from 'vitest';
import { createCredentialedFetch, PlainRequest } from '../src/index.js';

const ORIGIN = 'https://api.vendor.test';
const KEY = 'sk_requests_5d1c';

function setup() {
  const sent: { url: string; method: string; key: string | null; body: string | null }[] = [];
  const fetch = createCredentialedFetch({
    provider: 'tavus',
    origin: ORIGIN,
    credentials: () => ({ 'x-api-key': KEY }),
    fetch: async (input, init) => {
      const body = init?.body == null ? null : new TextDecoder().decode(init.body as ArrayBuffer);
      sent.push({
        url: String(input),
        method: init?.method ?? 'GET',
        key: new Headers(init?.headers).get('x-api-key'),
        body,
      });
      return new Response('{}', { status: 200 });
    },
  });
  return { fetch, sent };
}

describe('a WHATWG Request (openapi-fetch without PlainRequest)', () => {
  it('a GET goes without a body (fetch refuses a GET that has one), with the key', async () => {
    const { fetch, sent } = setup();
    const response = await fetch(new Request(`${ORIGIN}/v2/videos/v1`));
    expect(response.status).toBe(200);
    expect(sent).toEqual([{ url: `${ORIGIN}/v2/videos/v1`, method: 'GET', key: KEY, body: null }]);
  });

  it("a POST's JSON body arrives whole", async () => {
    const { fetch, sent } = setup();
    const body = JSON.stringify({ script: 'hello', replica_id: 'r1' });
    await fetch(new Request(`${ORIGIN}/v2/videos`, { method: 'POST', body }));
    expect(sent).toEqual([{ url: `${ORIGIN}/v2/videos`, method: 'POST', key: KEY, body }]);
  });
});

// A PlainRequest keeps its URL as written (a WHATWG Request would normalize it): openapi-fetch builds it from the
// base URL the user gave, which may differ from the origin the client checked it against only in form.
describe('the vendor origin written another way', () => {
  it.each([
    ['upper-case host', 'https://API.Vendor.TEST/v2/videos/v1'],
    ['the default port written out', 'https://api.vendor.test:443/v2/videos/v1'],
  ])('%s is the same origin: the key is sent', async (_, url) => {
    const { fetch, sent } = setup();
    await fetch(new PlainRequest(url, {}));
    expect(sent[0]?.key).toBe(KEY);
  });

  it('another host is not: no key', async () => {
    const { fetch, sent } = setup();
    await fetch(new PlainRequest('https://api.vendor.test.evil.example/v2/videos/v1', {}));
    expect(sent[0]?.key).toBeNull();
  });
});
