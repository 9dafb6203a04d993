// @mediajobs/testing in a runtime: the Prism mocks and the fault server start there, and one facade
// call goes to each. Prints one `RESULT {...}` line; a failed check exits 1.
import { startFaultServer, startMockVendors } from '@mediajobs/testing';
import { createMediaJobs } from 'mediajobs';

const mocks = await startMockVendors({ providers: ['tavus'] });
const server = await startFaultServer({ seed: 1 });
try {
  const viaMocks = createMediaJobs({ tavus: { baseUrl: mocks.baseUrls.tavus, apiKey: mocks.apiKey } });
  const fromMock = await viaMocks.delete({ provider: 'tavus', id: '8a4f94e736' });
  if (fromMock.deleted !== true) throw new Error(`mock delete: ${JSON.stringify(fromMock)}`);

  const viaServer = createMediaJobs({ a2e: { baseUrl: server.url, apiKey: 'smoke-key' } });
  const outcomes = await viaServer.deleteMany([{ provider: 'a2e', id: 'smoke-1' }]);
  const deleted = [...server.deleted()];
  if (!outcomes[0]?.ok || deleted.length !== 1 || deleted[0] !== 'a2e:smoke-1') {
    throw new Error(`fault server delete: ${JSON.stringify({ outcomes, deleted })}`);
  }
  console.log(`RESULT ${JSON.stringify({ checks: ['mock delete', 'fault server delete and ledger'], deleted })}`);
} finally {
  await server.stop();
  await mocks.stop();
}
