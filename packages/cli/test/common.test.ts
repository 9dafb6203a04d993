// withJobs under --mock: only the vendors the command named are started, and nothing else is reachable.
import { ConnectionError } from 'mediajobs';
import { afterEach, describe, expect, it } from 'vitest';
import { withJobs } from '../src/common.js';
import { ioOf } from '../src/io.js';

const saved = process.env.BIFROST_BASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.BIFROST_BASE_URL;
  else process.env.BIFROST_BASE_URL = saved;
});

describe('withJobs --mock', () => {
  it('a vendor whose mock was not started is refused, not sent to its own base URL', async () => {
    // Were the guard gone, the request would go here (a closed loopback port), failing otherwise.
    process.env.BIFROST_BASE_URL = 'http://127.0.0.1:9';
    const attempt = withJobs(
      { mock: true, io: ioOf() },
      (jobs) => jobs.get({ provider: 'bifrost', id: 'video_1:openai' }),
      {
        providers: ['tavus'],
        maxRetries: 0,
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(ConnectionError);
    await expect(attempt).rejects.toThrow(/is not one of the started mocks/);
  });

  it('the vendor it started answers', async () => {
    const job = await withJobs(
      { mock: true, io: ioOf() },
      (jobs) => jobs.get({ provider: 'tavus', id: '8a4f94e736' }),
      {
        providers: ['tavus'],
      },
    );
    expect(job).toMatchObject({ provider: 'tavus', id: '8a4f94e736' });
  });
});
