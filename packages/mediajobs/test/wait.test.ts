// get maps each vendor's status words; wait polls until a terminal status, its timeout or its signal.
import { describe, expect, it, vi } from 'vitest';
import { startOrigin } from '../../../test-support/origins.js';
import { json, text } from '../../../test-support/scripted-fetch.js';
import { AbortError, type JobRef, TimeoutError } from '../src/index.js';
import { drip, facadeAt, facadeWith } from './helpers.js';

describe('get maps status words to the five job statuses', () => {
  const cases: [JobRef, unknown, string][] = [
    [{ provider: 'tavus', id: 'v' }, { status: 'queued' }, 'queued'],
    [{ provider: 'tavus', id: 'v' }, { status: 'generating' }, 'running'],
    [{ provider: 'tavus', id: 'v' }, { status: 'ready' }, 'succeeded'],
    [{ provider: 'tavus', id: 'v' }, { status: 'error' }, 'failed'],
    [{ provider: 'tavus', id: 'v' }, { status: 'deleted' }, 'deleted'],
    [{ provider: 'bifrost', id: 'v:openai' }, { status: 'in_progress', progress: 40 }, 'running'],
    [{ provider: 'bifrost', id: 'v:openai' }, { status: 'completed' }, 'succeeded'],
    [{ provider: 'bifrost', id: 'v:openai' }, { status: 'failed' }, 'failed'],
    ...(['init', 'pending', 'start', 'process', 'copy', 'success', 'fail'] as const).map(
      (word, i): [JobRef, unknown, string] => [
        { provider: 'a2e', id: 'a' },
        { code: 0, data: [{ status: word }] },
        ['queued', 'queued', 'running', 'running', 'running', 'succeeded', 'failed'][i] as string,
      ],
    ),
    ...[1, 2, 3, 4, 5].map((n): [JobRef, unknown, string] => [
      { provider: 'tensorslab', id: 't' },
      { code: 1000, msg: 'ok', data: { task_status: n } },
      ['queued', 'running', 'succeeded', 'failed', 'running'][n - 1] as string,
    ]),
    ...[1, 2, 3, 4].map((n): [JobRef, unknown, string] => [
      { provider: 'tensorslab', id: 't', kind: 'image' },
      { code: 1000, msg: 'ok', data: { image_status: n } },
      ['queued', 'running', 'succeeded', 'failed'][n - 1] as string,
    ]),
  ];
  it.each(cases)('%j answering %j is %s', async (ref, body, status) => {
    const { jobs } = facadeWith(() => json(200, body));
    expect((await jobs.get(ref)).status).toBe(status);
  });

  it('returns urls, progress, the failure message and the raw answer', async () => {
    const raw = { status: 'completed', progress: 100, videos: [{ type: 'url', url: 'https://x.test/1.mp4' }] };
    const { jobs } = facadeWith(() => json(200, raw));
    expect(await jobs.get({ provider: 'bifrost', id: 'v:openai' })).toEqual({
      provider: 'bifrost',
      id: 'v:openai',
      kind: 'video',
      status: 'succeeded',
      progress: 100,
      urls: ['https://x.test/1.mp4'],
      error: undefined,
      raw,
    });
    const failed = facadeWith(() => text(200, '{"code":0,"data":[{"status":"fail","msg":"bad audio","process":0}]}'));
    expect(await failed.jobs.get({ provider: 'a2e', id: 'a' })).toMatchObject({ status: 'failed', error: 'bad audio' });
  });

  it('A2E: an empty data list is a NotFoundError', async () => {
    const { jobs } = facadeWith(() => json(200, { code: 0, data: [] }));
    await expect(jobs.get({ provider: 'a2e', id: 'a' })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('wait', () => {
  it('polls until the status is terminal, waiting longer each time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const words = ['queued', 'generating', 'generating', 'ready'];
      const polledAt: number[] = [];
      const { jobs, calls } = facadeWith(() => {
        polledAt.push(Date.now());
        return json(200, { status: words[Math.min(calls.length - 1, 3)] });
      });
      const waiting = jobs.wait({ provider: 'tavus', id: 'v' }, { intervalMs: 20 });
      await vi.runAllTimersAsync();
      const job = await waiting;
      expect(job.status).toBe('succeeded');
      // 20 ms, then 1.5 times longer each time.
      expect(polledAt.slice(1).map((at, i) => at - (polledAt[i] as number))).toEqual([20, 30, 45]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('returns at once for a job already failed or deleted', async () => {
    const { jobs, calls } = facadeWith(() => json(200, { status: 'deleted' }));
    expect((await jobs.wait({ provider: 'tavus', id: 'v' })).status).toBe('deleted');
    expect(calls).toHaveLength(1);
  });

  it('gives up with a TimeoutError that says where the job stood', async () => {
    const { jobs } = facadeWith(() => json(200, { status: 'generating' }));
    const error = await jobs.wait({ provider: 'tavus', id: 'v' }, { intervalMs: 10, timeoutMs: 60 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('tavus: job v still running after 60 ms (wait longer, or check the job)');
  });

  it('bounds the whole wait: a status read in flight at the deadline is aborted (real HTTP)', async () => {
    const origin = await startOrigin();
    try {
      const { handler, state } = drip();
      let reads = 0;
      // The first read answers "generating"; the second sends its headers, then drips for ever.
      origin.handle((request, response) => {
        reads += 1;
        if (reads === 1) return response.writeHead(200).end('{"status":"generating"}');
        handler(request, response);
      });
      // Each attempt may take a minute; the wait may take 300 ms, and that is what counts.
      const jobs = facadeAt(origin.url, { timeoutMs: 60_000 });
      const started = performance.now();
      const error = await jobs.wait({ provider: 'tavus', id: 'v' }, { intervalMs: 10, timeoutMs: 300 }).catch((e) => e);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe('tavus: job v still running after 300 ms (wait longer, or check the job)');
      await vi.waitFor(() => expect(state.hungUp).toBe(1));

      origin.handle(handler);
      const never = await jobs.wait({ provider: 'tavus', id: 'w' }, { timeoutMs: 300 }).catch((e) => e);
      expect(never).toBeInstanceOf(TimeoutError);
      expect(never.message).toBe(
        'tavus: job w: no status, the vendor did not answer in time, after 300 ms (wait longer, or check the job)',
      );
    } finally {
      await origin.close();
    }
  });

  it('stops on its signal, while it waits between polls', async () => {
    const controller = new AbortController();
    // The first poll answers "queued" and then fires the signal: the wait that follows must end.
    const { jobs, calls } = facadeWith(() => {
      queueMicrotask(() => controller.abort());
      return json(200, { status: 'queued' });
    });
    await expect(
      jobs.wait({ provider: 'tavus', id: 'v' }, { intervalMs: 60_000, signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });
});
