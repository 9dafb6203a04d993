// The environment is read only for a value not given, and reading it never throws: Deno without
// --allow-env throws NotCapable on any read of process.env, and Workers (no nodejs_compat) and
// browsers have no `process`. Each test swaps process.env for a Proxy that records (and may refuse,
// as Deno's does) every read made from the packages' code (Node and vitest read a few variables of
// their own meanwhile; those are let through).
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/api-key.js';
import {
  AuthenticationError,
  createVendorClient,
  findApiKey,
  MISSING_API_KEY,
  requireApiKey,
  type VendorDescription,
} from '../src/index.js';
import { fakeEnv } from './fake-env.js';
import type { TestPaths } from './test-paths.js';

const VENDOR: VendorDescription = {
  provider: 'tavus',
  packageName: '@mediajobs/test-vendor',
  version: '0.0.0',
  defaultBaseUrl: 'https://default.test',
  auth: { header: 'x-api-key', envVar: 'TEST_VENDOR_API_KEY' },
};

/** A fetch that answers every call with `{ id }` and records where it went and which key it carried. */
function recordingFetch() {
  const calls: { url: string; key: string | null }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push({ url: request.url, key: request.headers.get('x-api-key') });
    return Response.json({ id: 'j1' });
  };
  return { fetch, calls };
}

describe('readEnv', () => {
  it('reads a variable', () => {
    const reads = fakeEnv({ SOME_VARIABLE: 'value' });
    expect(readEnv('SOME_VARIABLE')).toBe('value');
    expect(readEnv('UNSET_VARIABLE')).toBeUndefined();
    expect(reads).toEqual(['SOME_VARIABLE', 'UNSET_VARIABLE']);
  });

  it('treats an environment that refuses to be read (Deno without --allow-env) as empty', () => {
    const reads = fakeEnv({ SOME_VARIABLE: 'value' }, { refuse: true });
    expect(readEnv('SOME_VARIABLE')).toBeUndefined();
    expect(reads).toEqual(['SOME_VARIABLE']);
  });

  it('treats a runtime without `process` (a Worker, a browser) as empty', () => {
    const saved = globalThis.process;
    // Restored before anything else runs: the read is synchronous.
    (globalThis as { process?: unknown }).process = undefined;
    try {
      expect(readEnv('PATH')).toBeUndefined();
    } finally {
      globalThis.process = saved;
    }
  });
});

describe('a vendor client', () => {
  it('reads no variable when the key and the base URL are given', async () => {
    const reads = fakeEnv({ TEST_VENDOR_API_KEY: 'from-env', TAVUS_BASE_URL: 'https://env.test' });
    const { fetch, calls } = recordingFetch();
    const client = createVendorClient<TestPaths>(VENDOR, { apiKey: 'given', baseUrl: 'https://given.test', fetch });
    const { data } = await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(data).toEqual({ id: 'j1' });
    expect(calls).toEqual([{ url: 'https://given.test/jobs/j1', key: 'given' }]);
    expect(reads).toEqual([]);
  });

  it('works where the environment refuses to be read, with the key and the base URL given', async () => {
    const reads = fakeEnv({}, { refuse: true });
    const { fetch, calls } = recordingFetch();
    const client = createVendorClient<TestPaths>(VENDOR, { apiKey: 'given', baseUrl: 'https://given.test', fetch });
    await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(calls).toHaveLength(1);
    expect(reads).toEqual([]);
  });

  it('reads only the variable of what was not given', async () => {
    const reads = fakeEnv({ TEST_VENDOR_API_KEY: 'from-env', TAVUS_BASE_URL: 'https://env.test' });
    const { fetch, calls } = recordingFetch();
    const keyGiven = createVendorClient<TestPaths>(VENDOR, { apiKey: 'given', fetch });
    await keyGiven.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(reads).toEqual(['TAVUS_BASE_URL']);
    reads.length = 0;
    const urlGiven = createVendorClient<TestPaths>(VENDOR, { baseUrl: 'https://given.test', fetch });
    await urlGiven.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(reads).toEqual(['TEST_VENDOR_API_KEY']);
    expect(calls).toEqual([
      { url: 'https://env.test/jobs/j1', key: 'given' },
      { url: 'https://given.test/jobs/j1', key: 'from-env' },
    ]);
  });

  it('without a key where the environment refuses: the missing-key AuthenticationError, no NotCapable', async () => {
    fakeEnv({}, { refuse: true });
    const { fetch, calls } = recordingFetch();
    // Constructing reads the base URL variable: refused, so the default, and no throw.
    const client = createVendorClient<TestPaths>(VENDOR, { fetch });
    const error = await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      message: 'tavus: no API key; pass `apiKey` to the client or set TEST_VENDOR_API_KEY',
      code: MISSING_API_KEY,
    });
    expect(calls).toEqual([]);
  });

  it('with an optional key, goes to the default base URL without one where the environment refuses', async () => {
    fakeEnv({}, { refuse: true });
    const { fetch, calls } = recordingFetch();
    const client = createVendorClient<TestPaths>({ ...VENDOR, auth: { ...VENDOR.auth, optional: true } }, { fetch });
    await client.GET('/jobs/{id}', { params: { path: { id: 'j1' } } });
    expect(calls).toEqual([{ url: 'https://default.test/jobs/j1', key: null }]);
  });
});

describe('findApiKey and requireApiKey', () => {
  it('never read the variable when a key is given, even an empty one', () => {
    const reads = fakeEnv({ TEST_VENDOR_API_KEY: 'from-env' }, { refuse: true });
    const source = { provider: 'tavus', envVar: 'TEST_VENDOR_API_KEY' } as const;
    expect(findApiKey({ ...source, apiKey: 'given' })).toBe('given');
    expect(findApiKey({ ...source, apiKey: '' })).toBeUndefined();
    expect(() => requireApiKey({ ...source, apiKey: '' })).toThrow(
      /^tavus: no API key; pass `apiKey` to the client or set TEST_VENDOR_API_KEY$/,
    );
    expect(reads).toEqual([]);
  });
});
