// startFaultServer's public ledger: what it really deleted, as `provider:id`, against what the client said.
import { connect } from 'node:net';
import { createMediaJobs, type JobRef } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { startFaultServer } from '../src/index.js';

const PROVIDERS = ['tensorslab', 'tavus', 'bifrost', 'a2e'] as const;

describe('startFaultServer', () => {
  it('seed 7 at 20% faults: deleted() holds every ref the facade reported ok; stop() frees the port', async () => {
    const server = await startFaultServer({ seed: 7, faultRate: 0.2 });
    const refs: JobRef[] = Array.from({ length: 400 }, (_, i) => {
      const provider = PROVIDERS[i % PROVIDERS.length] as (typeof PROVIDERS)[number];
      return { provider, id: provider === 'bifrost' ? `video_${i}:openai` : `job-${i}` };
    });
    const vendor = { baseUrl: server.url, apiKey: 'test-key' };
    const jobs = createMediaJobs({
      tensorslab: vendor,
      tavus: vendor,
      bifrost: vendor,
      a2e: vendor,
      timeoutMs: 500,
      maxResponseBytes: 256 * 1024,
      backoff: { initialMs: 5, maxMs: 40 },
    });
    const outcomes = await jobs.deleteMany(refs);
    const reallyDeleted = server.deleted();
    const ok = outcomes.filter((outcome) => outcome.ok);
    expect(ok.length).toBeGreaterThan(refs.length * 0.8);
    expect(ok.filter((outcome) => !reallyDeleted.has(`${outcome.ref.provider}:${outcome.ref.id}`))).toEqual([]);
    // The run was faulty, and the client retried: requests repeated earlier ones.
    expect(server.ledger.repeats).toBeGreaterThan(0);
    expect(server.requests()).toBeGreaterThan(server.ledger.repeats);
    expect([...server.ledger.faults.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);

    await server.stop();
    const port = Number(new URL(server.url).port);
    const refused = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(false));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 60_000);
});
