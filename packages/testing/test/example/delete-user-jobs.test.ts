import { startFaultServer, startMockVendors } from '@mediajobs/testing';
import type { JobRef } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { deleteUserJobs } from './delete-user-jobs.js';

describe('deleteUserJobs', () => {
  it('sends each vendor the requests its spec describes', async () => {
    const mocks = await startMockVendors({ providers: ['tavus', 'bifrost'] });
    try {
      const { baseUrls, apiKey } = mocks;
      const result = await deleteUserJobs(
        [
          { provider: 'tavus', id: '8a4f94e736' },
          { provider: 'bifrost', id: 'video_abc123:openai' },
        ],
        { tavus: { baseUrl: baseUrls.tavus, apiKey }, bifrost: { baseUrl: baseUrls.bifrost, apiKey } },
      );
      expect(result.failed).toEqual([]);
      expect(result.deleted).toHaveLength(2);
    } finally {
      await mocks.stop();
    }
  });

  it('on a bad day, reports deleted only what the vendor really deleted', async () => {
    // 20% of requests fail: 5xx, HTML 502s, 429s, answers lost after the delete, 200s with an error inside.
    const server = await startFaultServer({ seed: 7, faultRate: 0.2 });
    try {
      const refs: JobRef[] = Array.from({ length: 200 }, (_, i) => ({ provider: 'tavus', id: `video-${i}` }));
      const result = await deleteUserJobs(refs, {
        tavus: { baseUrl: server.url, apiKey: 'test-key' },
        timeoutMs: 1_000,
      });
      const reallyDeleted = server.deleted();
      for (const ref of result.deleted) expect(reallyDeleted.has(`tavus:${ref.id}`)).toBe(true);
      expect(result.deleted.length + result.failed.length).toBe(refs.length);
    } finally {
      await server.stop();
    }
  });
});
