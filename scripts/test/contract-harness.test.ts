// The contract harness must be able to fail: a call Prism flags is an error unless the test says
// it sends a bad request on purpose.
import { createTavusClient } from '@mediajobs/tavus';
import { describe, expect, it } from 'vitest';
import { contractFetch, prismUrl, recordRefusedBeforeSending } from '../../test-support/contract.js';

describe('contractFetch', () => {
  it('fails a happy-path call when Prism answers with sl-violations', async () => {
    const { fetch } = contractFetch('tavus');
    const client = createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: 'k', fetch });
    // @ts-expect-error replica_id is required: Prism answers the documented 400 with sl-violations
    await expect(client.POST('/v2/videos', { body: { script: 'x' } })).rejects.toThrow(
      /Prism reported a contract violation/,
    );
  });

  it("fails a happy-path call on a Prism-made problem (type under Prism's errors#)", async () => {
    const { fetch } = contractFetch('tavus');
    await expect(fetch(`${prismUrl('tavus')}/v3/unknown`, { headers: { 'x-api-key': 'k' } })).rejects.toThrow(
      /stoplight\.io\/prism\/errors#NO_PATH_MATCHED_ERROR/,
    );
  });

  it('lets a test that expects an invalid request see the answer', async () => {
    const { fetch, calls } = contractFetch('tavus', { expect: 'invalid-request' });
    const client = createTavusClient({ baseUrl: prismUrl('tavus'), apiKey: 'k', fetch });
    // @ts-expect-error replica_id is required
    const { response } = await client.POST('/v2/videos', { body: { script: 'x' } });
    expect(response.status).toBe(400);
    expect(calls[0]?.violation).toContain('replica_id');
  });

  it('refuses to record a client-side refusal for an operation the spec does not have', () => {
    expect(() => recordRefusedBeforeSending('tavus', 'noSuchOperation')).toThrow(
      'tavus has no operation noSuchOperation',
    );
  });
});
