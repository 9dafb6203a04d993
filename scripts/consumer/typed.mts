// TypeScript with no DOM lib, @types/node and skipLibCheck off: the published .d.ts files must compile here.
import assert from 'node:assert/strict';
import { createA2eClient } from '@mediajobs/a2e';
import { createTensorsLabImagesClient } from '@mediajobs/tensorslab';
import { type MockVendors, startMockVendors } from '@mediajobs/testing';
import { createMediaJobs, type DeleteOutcome, type Job, type JobRef, MediaJobsError } from 'mediajobs';

const mocks: MockVendors = await startMockVendors({ providers: ['tensorslab', 'tavus'] });
try {
  const jobs = createMediaJobs({
    tensorslab: { baseUrl: mocks.baseUrls.tensorslab, apiKey: mocks.apiKey },
    tavus: { baseUrl: mocks.baseUrls.tavus, apiKey: mocks.apiKey },
  });
  const refs: JobRef[] = [
    { provider: 'tensorslab', id: 'abcd_fedcba0987654321', kind: 'image' },
    { provider: 'tavus', id: '8a4f94e736' },
  ];
  const outcomes: DeleteOutcome[] = await jobs.deleteMany(refs);
  assert.ok(outcomes.every((outcome) => outcome.ok));
  const job: Job = await jobs.get({ provider: 'tavus', id: '8a4f94e736' });
  assert.equal(job.provider, 'tavus');
  const images = createTensorsLabImagesClient({ baseUrl: mocks.baseUrls.tensorslab, apiKey: mocks.apiKey });
  const { data } = await images.POST('/v1/images/infobytaskid', { body: { taskid: 'abcd_edcba0987654321f' } });
  assert.equal(data?.data.image_status, 3);
  const a2e = createA2eClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
  await assert.rejects(
    a2e.GET('/api/v1/video/awsList', { params: { query: { current: 1, pageSize: 10 } } }),
    MediaJobsError,
  );
} finally {
  await mocks.stop();
}
console.log('typed: ok');
