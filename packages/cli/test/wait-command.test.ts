// `mediajobs wait`, in the test's own process, against a loopback Tavus: its exit code says how the job
// ended, it needs only the key of the vendor asked, and it leaves the caller's Ctrl-C as it was.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startOrigin } from '../../../test-support/origins.js';
import { runCli } from './run-cli.js';
import { listenersOf, signalCommand } from './signals.js';

/** A Tavus whose one video is in `status`; other paths are 404. */
async function tavusWith(status: string, details?: string) {
  const origin = await startOrigin();
  onTestFinished(() => origin.close());
  origin.handle((request, response) => {
    if (request.method !== 'GET' || request.path !== '/v2/videos/v1') return response.writeHead(404).end('{}');
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ video_id: 'v1', status, status_details: details }));
  });
  // Only Tavus's key: waiting on a Tavus job must not ask for the other vendors' keys.
  return { PATH: process.env.PATH ?? '', TAVUS_BASE_URL: origin.url, TAVUS_API_KEY: 'wait-test-key' };
}

describe('mediajobs wait', () => {
  it('a job that ends failed: exit 1, and the vendor’s reason printed', async () => {
    const env = await tavusWith('error', 'the script was empty');
    const { code, stdout, stderr } = await runCli(['wait', 'tavus', 'v1', '--json'], { env });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      provider: 'tavus',
      id: 'v1',
      status: 'failed',
      error: 'the script was empty',
    });
  });

  it('a job that ends ready: exit 0', async () => {
    const env = await tavusWith('ready');
    const { code, stdout } = await runCli(['wait', 'tavus', 'v1', '--json'], { env });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'v1', status: 'succeeded' });
  });

  it('Ctrl-C stops the wait at once, the job still queued: exit 130, and the listener is gone', async () => {
    const env = await tavusWith('queued');
    const before = listenersOf('SIGINT');
    const waiting = runCli(['wait', 'tavus', 'v1', '--timeout', '1m'], { env });
    while (process.listenerCount('SIGINT') === before.size) await sleep(10);
    signalCommand('SIGINT', before);
    const { code, stderr } = await waiting;
    expect({ code, stderr }).toEqual({
      code: 130,
      stderr: 'mediajobs: stopped waiting for tavus v1 (SIGINT); waiting changes nothing\n',
    });
    expect(process.listenerCount('SIGINT')).toBe(before.size);
  });

  it('leaves no SIGINT listener behind: the caller’s Ctrl-C is its own again', async () => {
    const env = await tavusWith('ready');
    const before = process.listenerCount('SIGINT');
    await runCli(['wait', 'tavus', 'v1'], { env });
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
