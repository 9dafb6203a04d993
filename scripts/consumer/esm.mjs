// ESM, as a new user writes it: the README's calls, against @mediajobs/testing's mocks.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordCreated } from '@mediajobs/core';
import { openLedger, summarize } from '@mediajobs/ledger';
import { createTavusClient, tavus } from '@mediajobs/tavus';
import { startFaultServer, startMockVendors } from '@mediajobs/testing';
import { ConnectionError, createMediaJobs, InvalidRequestError } from 'mediajobs';

const mocks = await startMockVendors();
try {
  const block = (provider) => ({ baseUrl: mocks.baseUrls[provider], apiKey: mocks.apiKey });
  const jobs = createMediaJobs({
    tensorslab: block('tensorslab'),
    tavus: block('tavus'),
    bifrost: block('bifrost'),
    a2e: block('a2e'),
  });
  const outcomes = await jobs.deleteMany([
    { provider: 'tensorslab', id: 'abcd_1234567890abcdef' },
    { provider: 'tensorslab', id: 'abcd_fedcba0987654321', kind: 'image' },
    { provider: 'tavus', id: '8a4f94e736' },
    { provider: 'bifrost', id: 'video_abc123:openai' },
    { provider: 'a2e', id: '668d0108b3cb5f841f30f8f4' },
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.ok),
    [true, true, true, true, true],
  );

  // The *_BASE_URL variables `mediajobs mock` prints are read when no baseUrl is given.
  process.env.TAVUS_BASE_URL = mocks.baseUrls.tavus;
  process.env.TAVUS_API_KEY = mocks.apiKey;
  // The mocks remember the delete above: Tavus soft-deleted the video, which now reads as deleted.
  assert.equal((await createMediaJobs().get({ provider: 'tavus', id: '8a4f94e736' })).status, 'deleted');
  const { data } = await createTavusClient().GET('/v2/videos/{video_id}', {
    params: { path: { video_id: '8a4f94e736' } },
  });
  assert.equal(typeof data?.status, 'string');
} finally {
  await mocks.stop();
}

// Options at the top level fail at once, saying where they go.
assert.throws(() => createMediaJobs({ apiKey: 'k' }), InvalidRequestError);
// A vendor client whose server is down throws the typed ConnectionError.
await assert.rejects(
  createTavusClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k' }).GET('/v2/videos/{video_id}', {
    params: { path: { video_id: 'x' } },
  }),
  ConnectionError,
);

const server = await startFaultServer({ seed: 7, faultRate: 0.2 });
try {
  const vendor = { baseUrl: server.url, apiKey: 'k' };
  const jobs = createMediaJobs({ tavus: vendor, a2e: vendor, timeoutMs: 1000 });
  const refs = Array.from({ length: 60 }, (_, i) => ({ provider: i % 2 ? 'tavus' : 'a2e', id: `job-${i}` }));
  const outcomes = await jobs.deleteMany(refs);
  for (const outcome of outcomes)
    if (outcome.ok) assert.ok(server.deleted().has(`${outcome.ref.provider}:${outcome.ref.id}`));
} finally {
  await server.stop();
}
// The ledger, as its README uses it: record at creation, then erase a subject, with its native SQLite module.
const folder = mkdtempSync(join(tmpdir(), 'consumer-ledger-'));
const vendorServer = await startFaultServer();
try {
  const ledger = await openLedger(`sqlite:${join(folder, 'ledger.db')}`);
  assert.equal(statSync(join(folder, 'ledger.db')).mode & 0o777, 0o600);
  const client = createTavusClient({
    apiKey: 'k',
    fetch: async () => Response.json({ video_id: 'v-made', status: 'queued' }),
  });
  client.use(recordCreated(tavus, ledger.recorderFor('user-42')));
  await client.POST('/v2/videos', { body: { replica_id: 'r1', script: 'hello' } });
  const jobs = createMediaJobs({ tavus: { baseUrl: vendorServer.url, apiKey: 'k' } });
  const erasure = ledger.erase('user-42', jobs);
  const outcomes = [];
  for await (const outcome of erasure) outcomes.push(outcome);
  assert.deepEqual(
    outcomes.map((o) => `${o.provider} ${o.kind} ${o.id} ${o.outcome} ${o.verified}`),
    ['tavus video v-made deleted true'],
  );
  assert.match(summarize(await ledger.report(erasure.request)), /Complete: every recorded resource is erased/);
  await ledger.close();
} finally {
  await vendorServer.stop();
  rmSync(folder, { recursive: true, force: true });
}
console.log('esm: ok');
