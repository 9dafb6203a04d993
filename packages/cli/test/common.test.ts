// What the commands share: the redactor of every key a run knows, the messages and receipts of
// outcomes, the signals that stop a bulk run, and the facade withJobs builds from the command line.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AuthenticationError, ConnectionError, MediaJobsError, MISSING_API_KEY, NotFoundError } from 'mediajobs';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { EXIT, messageOf, onInterrupt, receiptOf, redactEnv, redactor, withJobs } from '../src/common.js';
import { ioOf } from '../src/io.js';
import { tempFolder } from './temp-folder.js';

const saved = process.env.BIFROST_BASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.BIFROST_BASE_URL;
  else process.env.BIFROST_BASE_URL = saved;
});

/** A value no other test uses: the redactor remembers every key it has seen, for the whole process. */
const unique = (label: string) => `${label}-${randomUUID()}`;
/** What stands where a key was. */
const REDACTED = '[redacted]';

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

  it('the vendor it started answers, and its mock is stopped once the command is done', async () => {
    const logs = tempFolder('mediajobs-common-');
    const job = await withJobs(
      { mock: true, mockLogs: logs, io: ioOf() },
      (jobs) => jobs.get({ provider: 'tavus', id: '8a4f94e736' }),
      {
        providers: ['tavus'],
      },
    );
    expect(job).toMatchObject({ provider: 'tavus', id: '8a4f94e736' });
    const mockUrl = readFileSync(join(logs, 'tavus.log'), 'utf8').match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
    expect(mockUrl).toBeDefined();
    await expect(fetch(`${mockUrl}/v2/videos/8a4f94e736`)).rejects.toThrow();
  });
});

/** A local HTTP server that answers every request with `status` and records what it received, and when. */
async function recordingServer(status = 500) {
  const requests: { url: string; headers: IncomingHttpHeaders; at: number }[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers, at: performance.now() });
    response.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"no"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('withJobs against the vendors (the run environment of run(argv, { env }))', () => {
  /** The wait between a request answered 500 and its one retry, in milliseconds. */
  async function retryWait(retryWaitMs: number | undefined): Promise<number> {
    const server = await recordingServer(500);
    const env = { TAVUS_API_KEY: unique('key'), TAVUS_BASE_URL: server.url };
    const attempt = withJobs({ io: ioOf({ env }) }, (jobs) => jobs.get({ provider: 'tavus', id: 'v-1' }), {
      maxRetries: 1,
      retryWaitMs,
    });
    await expect(attempt).rejects.toBeInstanceOf(MediaJobsError);
    expect(server.requests).toHaveLength(2);
    const [first, retry] = server.requests;
    return (retry?.at ?? 0) - (first?.at ?? 0);
  }

  it('--retry-wait sets the wait before a retry', async () => {
    // 40 ms, less the jitter of up to a quarter: neither the library's 500 ms nor next to nothing.
    const waited = await retryWait(40);
    expect(waited).toBeGreaterThanOrEqual(28);
    expect(waited).toBeLessThan(300);
  });

  it('without --retry-wait, the library waits its own half a second before a retry', async () => {
    expect(await retryWait(undefined)).toBeGreaterThanOrEqual(300);
  });

  it('sends the requests through the HTTP_PROXY of the run environment', async () => {
    const proxy = await recordingServer(404);
    const env = { TAVUS_API_KEY: unique('key'), TAVUS_BASE_URL: 'http://tavus.invalid', HTTP_PROXY: proxy.url };
    const attempt = withJobs({ io: ioOf({ env }) }, (jobs) => jobs.get({ provider: 'tavus', id: 'v-1' }), {
      maxRetries: 0,
    });
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(proxy.requests.map((request) => request.url)).toEqual(['http://tavus.invalid/v2/videos/v-1']);
  });

  it("gives a gateway the admin credential from the run environment's BIFROST_ADMIN_AUTH", async () => {
    const gateway = await recordingServer(404);
    const password = unique('password');
    const env = { BIFROST_BASE_URL: gateway.url, BIFROST_ADMIN_AUTH: `admin:${password}` };
    const attempt = withJobs(
      { io: ioOf({ env }) },
      (jobs) => jobs.get({ provider: 'bifrost', kind: 'log', id: 'l-1' }),
      {
        maxRetries: 0,
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(MediaJobsError);
    expect(gateway.requests.map((request) => request.headers.authorization)).toEqual([
      `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`,
    ]);
  });
});

describe('redactor', () => {
  it("redacts the keys and the gateway's admin credential of a run's own environment while it runs", () => {
    const key = unique('tavus-key');
    const admin = unique('admin');
    const forget = redactEnv({ TAVUS_API_KEY: key, BIFROST_ADMIN_AUTH: admin });
    try {
      expect(redactor.text(`sent ${key} and ${admin}`)).toBe(`sent ${REDACTED} and ${REDACTED}`);
    } finally {
      forget();
    }
  });

  it('redacts the keys set in the process environment', () => {
    const previous = process.env.A2E_API_KEY;
    const key = unique('a2e-key');
    process.env.A2E_API_KEY = key;
    try {
      expect(redactor.text(`key ${key}`)).toBe(`key ${REDACTED}`);
    } finally {
      if (previous === undefined) delete process.env.A2E_API_KEY;
      else process.env.A2E_API_KEY = previous;
    }
  });

  it('no longer reads the environment of a run that has ended', () => {
    const env: Record<string, string | undefined> = {};
    redactEnv(env)();
    // Set after the run: a finished run's environment is let go, not kept (and read) for ever.
    const late = unique('late-key');
    env.TAVUS_API_KEY = late;
    expect(redactor.text(late)).toBe(late);
  });
});

describe('messageOf', () => {
  it('tells an error that is not the library’s by its name and message, redacted', () => {
    const key = unique('key');
    const forget = redactEnv({ TAVUS_API_KEY: key });
    try {
      expect(messageOf(new TypeError(`bad ${key}`))).toBe(`TypeError: bad ${REDACTED}`);
      expect(messageOf(`thrown ${key}`)).toBe(`thrown ${REDACTED}`);
    } finally {
      forget();
    }
  });

  it('names the variable to set for a refused key, without the apiKey option a command line has not', () => {
    const refused = new AuthenticationError(
      'tavus: HTTP 401 (check the API key in TAVUS_API_KEY or the apiKey option)',
      { provider: 'tavus', status: 401 },
    );
    expect(messageOf(refused)).toBe('tavus: HTTP 401 (check the API key in TAVUS_API_KEY)');
  });

  it('names the variable to set for a missing key, and --mock', () => {
    const missing = new MediaJobsError('no key', { provider: 'a2e', code: MISSING_API_KEY });
    expect(messageOf(missing)).toBe('a2e: no API key; set A2E_API_KEY (or try it with --mock)');
  });
});

describe('receiptOf', () => {
  it("records a deleted ref with its vendor's default kind and its input line", () => {
    expect(receiptOf({ provider: 'tavus', id: 'v-1', line: 2 })).toStrictEqual({
      provider: 'tavus',
      id: 'v-1',
      kind: 'video',
      ok: true,
      line: 2,
      at: expect.any(String),
    });
  });

  it('keeps the kind a ref names, and adds neither a kind nor a line the ref cannot have', () => {
    expect(receiptOf({ provider: 'tavus', id: 'r-1', kind: 'replica' })).toMatchObject({ kind: 'replica' });
    expect(receiptOf({ id: 'x' })).toStrictEqual({ provider: undefined, id: 'x', ok: true, at: expect.any(String) });
  });

  it("records a failure with the error's name, message, HTTP status and code", () => {
    const error = new NotFoundError('tavus: HTTP 404 (check the id)', { provider: 'tavus', status: 404, code: 'gone' });
    expect(receiptOf({ provider: 'tavus', id: 'v-1', kind: 'video' }, error)).toStrictEqual({
      provider: 'tavus',
      id: 'v-1',
      kind: 'video',
      ok: false,
      at: expect.any(String),
      error: { name: 'NotFoundError', message: 'tavus: HTTP 404 (check the id)', status: 404, code: 'gone' },
    });
  });

  it('records a failure that has no status or code without them, and keeps a numeric code', () => {
    const receipt = receiptOf({ provider: 'tavus', id: 'v-1' }, new Error('socket hang up'));
    expect(receipt.error).toStrictEqual({ name: 'MediaJobsError', message: 'Error: socket hang up' });
    const numeric = receiptOf({ provider: 'a2e', id: 'a-1' }, new MediaJobsError('refused', { code: 1003 }));
    expect(numeric.error).toStrictEqual({ name: 'MediaJobsError', message: 'refused', code: 1003 });
  });

  it('redacts a key that a vendor echoed in its error code', () => {
    const key = unique('key');
    const forget = redactEnv({ A2E_API_KEY: key });
    try {
      const receipt = receiptOf({ provider: 'a2e', id: 'a-1' }, new MediaJobsError('refused', { code: `bad:${key}` }));
      expect(receipt.error?.code).toBe(`bad:${REDACTED}`);
    } finally {
      forget();
    }
  });
});

describe('onInterrupt', () => {
  /** The handler onInterrupt added for `signal`, called as the signal would call it (no real signal is sent). */
  function start() {
    const before = new Set(process.listeners('SIGINT'));
    let stderr = '';
    const interrupt = onInterrupt({ write: (text: string) => (stderr += text) });
    onTestFinished(() => interrupt.stop());
    const handler = process.listeners('SIGINT').find((listener) => !before.has(listener)) as (signal: string) => void;
    return { interrupt, send: (signal: string) => handler(signal), stderr: () => stderr };
  }

  it('Ctrl-C drains the run (no new requests), says how to abort, and ends it with 130', () => {
    const { interrupt, send, stderr } = start();
    send('SIGINT');
    expect(interrupt.drain.aborted).toBe(true);
    expect(interrupt.abort.aborted).toBe(false);
    expect(interrupt.signal).toBe('SIGINT');
    expect(interrupt.exitCode()).toBe(130);
    expect(stderr()).toBe(
      '\nStopping (SIGINT): no new requests; waiting for those in flight (Ctrl-C again to abort them)\n',
    );
  });

  it('a second signal aborts the requests in flight', () => {
    const { interrupt, send, stderr } = start();
    send('SIGTERM');
    send('SIGTERM');
    expect(interrupt.abort.aborted).toBe(true);
    // Said once, on the first.
    expect(stderr()).toBe(
      '\nStopping (SIGTERM): no new requests; waiting for those in flight (SIGTERM again to abort them)\n',
    );
    expect(interrupt.exitCode()).toBe(143);
  });

  it('SIGHUP (a closed terminal) ends the run with 129', () => {
    const { interrupt, send } = start();
    send('SIGHUP');
    expect(interrupt.exitCode()).toBe(129);
  });

  it("stopStarting drains the run as Ctrl-C would, with the interrupted exit code, and no signal's name", () => {
    const { interrupt, stderr } = start();
    interrupt.stopStarting();
    expect(interrupt.drain.aborted).toBe(true);
    expect(interrupt.abort.aborted).toBe(false);
    expect(interrupt.signal).toBeUndefined();
    expect(interrupt.exitCode()).toBe(EXIT.interrupted);
    expect(stderr()).toBe('');
  });

  it('stop removes its handlers from every stop signal', () => {
    const counts = () => ['SIGHUP', 'SIGINT', 'SIGTERM'].map((signal) => process.listenerCount(signal));
    const before = counts();
    const interrupt = onInterrupt({ write: () => true });
    onTestFinished(() => interrupt.stop());
    expect(counts()).toEqual(before.map((count) => count + 1));
    interrupt.stop();
    expect(counts()).toEqual(before);
  });
});
