// startMockVendors: Prism mocks of the shipped specs, only the vendors asked for, every port freed on stop.
import { existsSync, readdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMediaJobs, type JobRef } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { type MockVendors, startMockVendors, VENDORS, type Vendor } from '../src/index.js';

const ONE_REF_PER_API: JobRef[] = [
  { provider: 'tensorslab', id: 't1' },
  { provider: 'tensorslab', id: 't2', kind: 'image' },
  { provider: 'tavus', id: 'v1' },
  { provider: 'bifrost', id: 'video_1:openai' },
  { provider: 'a2e', id: 'a1' },
];

/** Resolves to whether something accepts connections on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function facadeOn(mocks: MockVendors) {
  const block = (provider: Vendor) => ({
    baseUrl: mocks.baseUrls[provider],
    apiKey: mocks.apiKey,
  });
  return createMediaJobs({
    tensorslab: block('tensorslab'),
    tavus: block('tavus'),
    bifrost: block('bifrost'),
    a2e: block('a2e'),
  });
}

describe('startMockVendors', () => {
  it('serves a delete on all five APIs, then stop() leaves no port open', async () => {
    const mocks = await startMockVendors();
    const urls = Object.values(mocks.baseUrls);
    expect(Object.keys(mocks.baseUrls).sort()).toEqual([...VENDORS].sort());
    const outcomes = await facadeOn(mocks).deleteMany(ONE_REF_PER_API);
    expect(outcomes.map((outcome) => [outcome.ref.provider, outcome.ok])).toEqual(
      ONE_REF_PER_API.map((ref) => [ref.provider, true]),
    );
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => true));
    await mocks.stop();
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => false));
  });

  it('validates requests as the specs say: a call without its key is refused with 401', async () => {
    const mocks = await startMockVendors({ providers: ['tavus'] });
    try {
      const answer = await fetch(`${mocks.baseUrls.tavus}/v2/videos/v1`, { method: 'DELETE' });
      expect(answer.status).toBe(401);
    } finally {
      await mocks.stop();
    }
  });

  it('starts only the vendors asked for, logging each to <logDir>/<provider>.log', async () => {
    const logDir = join(tmpdir(), `mediajobs-testing-${process.pid}-only`);
    const mocks = await startMockVendors({ providers: ['a2e'], logDir });
    try {
      expect(Object.keys(mocks.baseUrls)).toEqual(['a2e']);
      expect(mocks.logDir).toBe(logDir);
      expect(readdirSync(logDir)).toEqual(['a2e.log']);
    } finally {
      await mocks.stop();
    }
  });

  it('without logDir, logs to a fresh temporary folder each time', async () => {
    const [first, second] = await Promise.all([
      startMockVendors({ providers: ['tavus'] }),
      startMockVendors({ providers: ['tavus'] }),
    ]);
    await Promise.all([first.stop(), second.stop()]);
    expect(first.logDir).not.toBe(second.logDir);
    expect(existsSync(join(first.logDir, 'tavus.log'))).toBe(true);
  });

  it('a mock that cannot start fails with the log folder named, and the others are stopped', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const logDir = join(tmpdir(), `mediajobs-testing-${process.pid}-taken`);
    try {
      // tavus asks for the taken port; bifrost, on the next one, starts and must be stopped again.
      await expect(startMockVendors({ providers: ['tavus', 'bifrost'], port, logDir })).rejects.toThrow(
        new RegExp(`the tavus mock did not start: .*its log is in ${logDir}`),
      );
      expect(await listening(`http://127.0.0.1:${port + 1}`)).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('refuses a vendor it has no mock for', async () => {
    await expect(startMockVendors({ providers: ['runway' as 'tavus'] })).rejects.toThrow(
      'no mock for runway; use tensorslab, tavus, bifrost, a2e',
    );
  });
});
