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
    // Stalls (200 ms) outlast the time limit (100 ms), so answers are still lost after the delete; with short
    // waits between retries it takes about a second, well inside vitest's default 5 s test timeout.
    const server = await startFaultServer({ seed: 7, faultRate: 0.2, stallMs: 200 });
    try {
      const refs: JobRef[] = Array.from({ length: 50 }, (_, i) => ({ provider: 'tavus', id: `video-${i}` }));
      const result = await deleteUserJobs(refs, {
        tavus: { baseUrl: server.url, apiKey: 'test-key' },
        timeoutMs: 100,
        backoff: { initialMs: 10, maxMs: 80 },
      });
      const reallyDeleted = server.deleted();
      for (const ref of result.deleted) expect(reallyDeleted.has(`tavus:${ref.id}`)).toBe(true);
      expect(result.deleted.length).toBeGreaterThan(0);
      expect(result.deleted.length + result.failed.length).toBe(refs.length);
    } finally {
      await server.stop();
    }
  });
});
