// The facade reads the environment only for a key or base URL not given, and never fails where the
// environment cannot be read: with every key and base URL given, it runs under `deno run --allow-net`
// (there, any read of process.env throws NotCapable). scripts/runtimes/ runs it in Deno itself.
import { AuthenticationError, MISSING_API_KEY } from '@mediajobs/core';
import { type FaultServer, seedJobs, startFaultServer } from '@mediajobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeEnv } from '../../core/test/fake-env.js';
import {
  createMediaJobs,
  type MediaJobs,
  type MediaJobsOptions,
  PROVIDERS,
  type Provider,
  vendorOf,
} from '../src/index.js';
import { KEY } from './helpers.js';

const NOW = Date.UTC(2026, 0, 1);
let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer({ apiKey: KEY, jobs: seedJobs({ count: 12, now: NOW }) });
});
afterAll(() => server.stop());

/** Every call the facade makes, each through the redactor: deletes, reads, a 404, lists, a bulk delete. */
async function useEveryPath(jobs: MediaJobs, id: string) {
  expect(await jobs.delete({ provider: 'tavus', id: `${id}-1` })).toMatchObject({ deleted: true });
  expect(await jobs.get({ provider: 'bifrost', id: `${id}-2:openai` })).toMatchObject({ status: 'succeeded' });
  await expect(jobs.get({ provider: 'tavus', id: `gone-${id}` })).rejects.toMatchObject({ name: 'NotFoundError' });
  const listed = [];
  for await (const job of jobs.list({ provider: 'a2e', createdBefore: new Date(NOW) })) listed.push(job.id);
  for await (const job of jobs.list({ provider: 'bifrost', upstream: 'openai' })) listed.push(job.id);
  expect(listed).toHaveLength(8);
  const outcomes = await jobs.deleteMany(
    PROVIDERS.map((provider) => ({ provider, id: provider === 'bifrost' ? `${id}-m:openai` : `${id}-m` })),
  );
  expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, true]);
}

/** Every key and base URL given, and every vendor's own credential (a gateway's adminAuth): all a facade reads. */
const given = (except?: Provider, part: 'apiKey' | 'baseUrl' = 'apiKey'): MediaJobsOptions =>
  Object.fromEntries(
    PROVIDERS.map((provider) => {
      const options: Record<string, string> = { apiKey: KEY, baseUrl: server.url };
      for (const [name, option] of Object.entries(vendorOf(provider)?.ownOptions ?? {})) {
        if (option.secret) options[name] = KEY;
      }
      if (provider === except) delete options[part];
      return [provider, options];
    }),
  );

describe('the facade and the environment', () => {
  it('reads no variable when every key and base URL is given', async () => {
    const reads = fakeEnv({ TAVUS_API_KEY: 'from-env', TAVUS_BASE_URL: 'http://127.0.0.1:9' });
    await useEveryPath(createMediaJobs({ ...given(), maxRetries: 0 }), 'given');
    expect(reads).toEqual([]);
  });

  it("reads a vendor's own credential's variable only when that option is not given", async () => {
    const reads = fakeEnv({});
    const options = given();
    const bifrostBlock = { ...(options.bifrost as Record<string, unknown>) };
    delete bifrostBlock.adminAuth;
    await useEveryPath(createMediaJobs({ ...options, bifrost: bifrostBlock, maxRetries: 0 }), 'admin');
    expect(new Set(reads)).toEqual(new Set(['BIFROST_ADMIN_AUTH']));
  });

  it('works where reading the environment throws (Deno without --allow-env), every key and base URL given', async () => {
    const reads = fakeEnv({}, { refuse: true });
    await useEveryPath(createMediaJobs({ ...given(), maxRetries: 0 }), 'refused');
    expect(reads).toEqual([]);
  });

  it("reads only a missing key's variable, and only that one", async () => {
    const reads = fakeEnv({ TAVUS_API_KEY: KEY, TENSORSLAB_API_KEY: 'unused' });
    await useEveryPath(createMediaJobs({ ...given('tavus'), maxRetries: 0 }), 'tavus-key');
    expect(new Set(reads)).toEqual(new Set(['TAVUS_API_KEY']));
  });

  it("reads only a missing base URL's variable, and only that one", async () => {
    const reads = fakeEnv({ A2E_BASE_URL: server.url });
    await useEveryPath(createMediaJobs({ ...given('a2e', 'baseUrl'), maxRetries: 0 }), 'a2e-url');
    expect(new Set(reads)).toEqual(new Set(['A2E_BASE_URL']));
  });

  it('without a key where the environment refuses: that vendor fails with an AuthenticationError, the others work', async () => {
    fakeEnv({}, { refuse: true });
    const jobs = createMediaJobs({ ...given('tavus'), maxRetries: 0 });
    const error = await jobs.delete({ provider: 'tavus', id: 'no-key' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: MISSING_API_KEY, message: expect.stringContaining('set TAVUS_API_KEY') });
    expect(await jobs.delete({ provider: 'a2e', id: 'no-key' })).toMatchObject({ deleted: true });
  });
});
