// CommonJS: the same packages through require().
const assert = require('node:assert/strict');
const { startMockVendors } = require('@mediajobs/testing');
const { createMediaJobs, MediaJobsError } = require('mediajobs');
const { createBifrostClient } = require('@mediajobs/bifrost');

(async () => {
  const mocks = await startMockVendors({ providers: ['bifrost', 'a2e'] });
  try {
    assert.deepEqual(Object.keys(mocks.baseUrls), ['bifrost', 'a2e']);
    const jobs = createMediaJobs({
      bifrost: { baseUrl: mocks.baseUrls.bifrost, apiKey: mocks.apiKey },
      a2e: { baseUrl: mocks.baseUrls.a2e, apiKey: mocks.apiKey },
    });
    assert.deepEqual(await jobs.delete({ provider: 'a2e', id: '668d0108b3cb5f841f30f8f4' }), {
      provider: 'a2e',
      id: '668d0108b3cb5f841f30f8f4',
      kind: 'video',
      deleted: true,
    });
    const bifrost = createBifrostClient({ baseUrl: mocks.baseUrls.bifrost, apiKey: mocks.apiKey });
    const { response } = await bifrost.DELETE('/v1/videos/{video_id}', {
      params: { path: { video_id: 'video_abc123:openai' } },
    });
    assert.equal(response.status, 200);
    await assert.rejects(createMediaJobs().delete({ provider: 'tavus', id: 'x' }), MediaJobsError);
    // The ledger through require(): a bad location is its typed error.
    const { openLedger, LedgerInputError } = require('@mediajobs/ledger');
    await assert.rejects(openLedger('mysql://x'), LedgerInputError);
  } finally {
    await mocks.stop();
  }
  console.log('cjs: ok');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
