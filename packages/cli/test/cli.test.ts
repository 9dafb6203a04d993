// End-to-end: the built `mediajobs` binary, spawned, against the Prism mocks of the test run and
// against a loopback server that keeps a ledger of what it really deleted.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedJobs, startFaultServer } from '@mediajobs/testing';
import { PROVIDERS } from 'mediajobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prismUrl } from '../../../test-support/contract.js';
import { type Origin, startOrigin } from '../../../test-support/origins.js';
import { runCli } from './run-cli.js';
import { finish, jsonLines, startCli } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mediajobs-cli-'));
const file = (name: string, text?: string) => {
  const path = join(dir, name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

const start = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  startCli(args, { env: { PATH: process.env.PATH ?? '', TMPDIR: dir, ...env }, stdin });
/** In-process, through `run`; `start` spawns the built command, for the tests that send it signals. */
const run = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  runCli(args, { env: { PATH: process.env.PATH ?? '', TMPDIR: dir, ...env }, stdin });
const receiptsIn = jsonLines;

/** Keys and base URLs of the Prism mocks (TensorsLab: the video mock). */
const prismEnv = () => ({
  TENSORSLAB_BASE_URL: prismUrl('tensorslab-video'),
  TAVUS_BASE_URL: prismUrl('tavus'),
  BIFROST_BASE_URL: prismUrl('bifrost'),
  A2E_BASE_URL: prismUrl('a2e'),
  // Any key will do for Prism; a one-letter key would be redacted from every word that holds the letter.
  TENSORSLAB_API_KEY: 'prism-key',
  TAVUS_API_KEY: 'prism-key',
  BIFROST_API_KEY: 'prism-key',
  A2E_API_KEY: 'prism-key',
});

describe('help and usage', () => {
  it.each([[[]], [['delete']], [['get']], [['wait']], [['mock']]])('--help for %j, with examples', async (command) => {
    const { code, stdout } = await run([...command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: mediajobs');
    expect(stdout.includes('Example'), stdout).toBe(command.length > 0);
  });

  it.each([['delete'], ['get'], ['wait'], ['list'], ['purge'], ['mock']])(
    '%s --help shows the global options too',
    async (command) => {
      const { stdout } = await run([command, '--help']);
      expect(stdout).toContain('Global Options:');
      for (const option of ['--mock', '--mock-logs <dir>', '--json']) expect(stdout).toContain(option);
    },
  );

  it('a missing key names the variable to set, not an option a command line cannot pass', async () => {
    const { code, stderr } = await run(['get', 'tavus', '8a4f94e736']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'mediajobs: AuthenticationError: tavus: no API key; set TAVUS_API_KEY (or try it with --mock)\n',
    );
  });

  it('a key the vendor refuses (Bifrost 401) names BIFROST_API_KEY', async () => {
    const server = await startFaultServer({ apiKey: 'the-right-key' });
    try {
      const env = { BIFROST_BASE_URL: server.url, BIFROST_API_KEY: 'a-wrong-key' };
      const { code, stderr } = await run(['get', 'bifrost', 'video_1:openai'], env);
      expect(code).toBe(1);
      expect(stderr).toContain('bifrost: HTTP 401');
      expect(stderr).toContain('check the API key in BIFROST_API_KEY');
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['delete', 'nowhere', 'x'], "is invalid for argument 'provider'"],
    [['delete'], 'give a provider and at least one id'],
    [['delete', '--from', 'refs.jsonl'], '--from needs --receipts'],
    [['delete', 'tavus', 'x', '--from', 'refs.jsonl', '--receipts', 'r.jsonl'], 'not both'],
    [['delete', 'tavus', 'x', '--concurrency', '0'], 'at least 1'],
    [['wait', 'tavus', 'x', '--timeout', 'soon'], 'duration'],
    [['frobnicate'], 'unknown command'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('against the Prism mocks', () => {
  it.each([
    ['tavus', '8a4f94e736', []],
    ['bifrost', 'video_abc123:openai', []],
    ['a2e', '668d0108b3cb5f841f30f8f4', []],
    ['tensorslab', 'abcd_1234567890abcdef', ['--kind', 'video']],
  ])('delete %s %s', async (provider, id, extra) => {
    const { code, stdout } = await run(['delete', provider, id, ...extra], prismEnv());
    expect(stdout).toContain(`deleted  ${provider}`);
    expect(stdout).toContain('deleted 1, failed 0');
    expect(code).toBe(0);
  });

  it('bulk from JSONL: one receipt per line, bad lines reported with their line number, exit 1', async () => {
    const refs = file(
      'mixed.jsonl',
      [
        '{"provider":"tavus","id":"8a4f94e736"}',
        'not json',
        '{"provider":"elsewhere","id":"x"}',
        '',
        '{"provider":"bifrost","id":""}',
        '{"provider":"a2e","id":"668d0108b3cb5f841f30f8f4"}',
      ].join('\n'),
    );
    const receipts = file('mixed-receipts.jsonl');
    const { code } = await run(['delete', '--from', refs, '--receipts', receipts], prismEnv());
    expect(code).toBe(1);
    const byLine = Object.fromEntries(receiptsIn(receipts).map((r) => [r.line, r]));
    expect(Object.keys(byLine).map(Number).sort()).toEqual([1, 2, 3, 5, 6]);
    expect(byLine[1]).toMatchObject({ provider: 'tavus', id: '8a4f94e736', ok: true });
    expect(byLine[6]).toMatchObject({ provider: 'a2e', ok: true });
    for (const line of [2, 3, 5]) {
      expect(byLine[line]).toMatchObject({ ok: false, error: { name: 'InvalidRequestError' } });
    }
    expect(byLine[2].error.message).toContain('line 2: invalid JSON');
    expect(byLine[3].error.message).toContain('unknown provider "elsewhere"');
    expect(byLine[5].error.message).toContain('`id` is empty');
    for (const receipt of receiptsIn(receipts)) expect(Date.parse(receipt.at)).not.toBeNaN();
  });

  it('bulk from CSV, with --json lines on stdout that parse back', async () => {
    const refs = file('refs.csv', 'provider,id,kind\ntavus,8a4f94e736,\nbifrost,video_abc123:openai,\n');
    const receipts = file('csv-receipts.jsonl');
    const { code, stdout, stderr } = await run(
      ['delete', '--json', '--from', refs, '--receipts', receipts],
      prismEnv(),
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.provider, line.id, line.ok, line.line])).toEqual(
      expect.arrayContaining([
        ['tavus', '8a4f94e736', true, 2],
        ['bifrost', 'video_abc123:openai', true, 3],
      ]),
    );
    expect(stderr).toContain('deleted 2, failed 0');
    expect(receiptsIn(receipts)).toHaveLength(2);
  });

  it('reads refs from stdin with --from -', async () => {
    const receipts = file('stdin-receipts.jsonl');
    const { code } = await run(
      ['delete', '--from', '-', '--receipts', receipts],
      prismEnv(),
      '{"provider":"tavus","id":"a"}\n',
    );
    expect(code).toBe(0);
    expect(receiptsIn(receipts)).toMatchObject([{ provider: 'tavus', id: 'a', ok: true }]);
  });

  it('get and wait print the job; --json prints it as JSON', async () => {
    const got = await run(['get', 'bifrost', 'video_abc123:openai'], prismEnv());
    expect(got.stdout).toContain('bifrost video video_abc123:openai: succeeded 100%');
    const waited = await run(['wait', '--json', 'tavus', '8a4f94e736', '--timeout', '30s'], prismEnv());
    expect(JSON.parse(waited.stdout)).toMatchObject({ provider: 'tavus', status: 'succeeded' });
    expect(waited.code).toBe(0);
  });

  it('a missing key fails with the variable to set', async () => {
    const { code, stderr } = await run(['get', 'tavus', 'x'], { ...prismEnv(), TAVUS_API_KEY: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('TAVUS_API_KEY');
  });
});

describe('a vendor that echoes the key in every answer (fault server, echoKey)', () => {
  const key = 'tvs/secret+canary"123';
  const forms = [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)];
  it.each([
    ['get', ['get', 'tavus', 'v1']],
    ['get --json', ['--json', 'get', 'bifrost', 'video_1:openai']],
    ['get, TensorsLab image', ['get', 'tensorslab', 't1', '--kind', 'image']],
    ['delete --json with receipts', ['--json', 'delete', 'a2e', 'a1', 'a2', 'a3', '--receipts', file('echo-1.jsonl')]],
    ['delete', ['delete', 'tavus', 'v1', 'v2', 'v3', '--receipts', file('echo-2.jsonl')]],
  ])('%s: no line on stdout or stderr and no receipt holds it', async (_, args) => {
    const server = await startFaultServer({ faultRate: 1, faults: ['echoKey'], seed: 5, apiKey: key });
    try {
      const env = Object.fromEntries(
        ['TENSORSLAB', 'TAVUS', 'BIFROST', 'A2E'].flatMap((vendor) => [
          [`${vendor}_BASE_URL`, server.url],
          [`${vendor}_API_KEY`, key],
        ]),
      );
      const { code, stdout, stderr } = await run(args, env);
      const receiptsFile = args.includes('--receipts') ? args[args.indexOf('--receipts') + 1] : undefined;
      const receipts = receiptsFile ? readFileSync(receiptsFile, 'utf8') : '';
      expect(code, stderr).not.toBe(2);
      // The echoes arrived, and were redacted.
      expect(`${stdout}${stderr}${receipts}`).toContain('[redacted]');
      for (const form of forms) {
        expect(stdout).not.toContain(form);
        expect(stderr).not.toContain(form);
        expect(receipts).not.toContain(form);
      }
    } finally {
      await server.stop();
    }
  });
});

describe('--rate: the vendor quota, never exceeded', () => {
  it('paces every vendor call: a vendor allowing 25 per second throttles none of --rate 20', async () => {
    // Without --rate the first calls go unpaced and this vendor throttles them.
    const server = await startFaultServer({ latencyMs: 5, rateLimit: { requestsPerSecond: 25, burst: 5 } });
    try {
      const refs = file(
        'rate-refs.jsonl',
        Array.from({ length: 40 }, (_, i) => JSON.stringify({ provider: 'tavus', id: `r${i}` })).join('\n'),
      );
      const env = { TAVUS_BASE_URL: server.url, TAVUS_API_KEY: 'tvs_rate_key' };
      const paced = await run(
        ['delete', '--from', refs, '--receipts', file('rate-1.jsonl'), '--concurrency', '8', '--rate', '20'],
        env,
      );
      expect(paced.code, paced.stderr).toBe(0);
      expect(server.ledger.throttled.get('tavus') ?? 0).toBe(0);
      expect(server.ledger.deleted.size).toBe(40);
    } finally {
      await server.stop();
    }
  });

  it('refuses a rate that is not a number above 0', async () => {
    const { code, stderr } = await run(['delete', 'tavus', 'x', '--rate', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain('above 0');
  });
});

describe('with a loopback server that keeps a ledger', () => {
  let server: Origin;
  const deleted = new Map<string, number>(); // id -> times the server really deleted it
  let delayMs = 0;
  let onDelete = (_id: string) => {};
  /** Resolves once the server has deleted `count` jobs whose ids start with `prefix`. */
  const deletedCount = (prefix: string, count: number) =>
    new Promise<void>((resolve) => {
      onDelete = () => {
        if ([...deleted.keys()].filter((id) => id.startsWith(prefix)).length >= count) resolve();
      };
    });
  beforeAll(async () => {
    server = await startOrigin();
    server.handle((request, response) => {
      const id = decodeURIComponent(request.path.split('/').pop() ?? '');
      setTimeout(() => {
        if (deleted.has(id))
          return response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"gone"}');
        deleted.set(id, 1);
        response.writeHead(200).end();
        onDelete(id);
      }, delayMs);
    });
  });
  afterAll(() => server.close());
  const env = () => ({ TAVUS_BASE_URL: server.url, TAVUS_API_KEY: 'tvs_secret_canary_123' });
  const refsFile = (name: string, n: number) =>
    file(
      name,
      Array.from({ length: n }, (_, i) => JSON.stringify({ provider: 'tavus', id: `${name}-${i}` })).join('\n'),
    );

  it('--dry-run sends nothing and writes no receipt', async () => {
    const before = server.seen.length;
    const receipts = file('dry.jsonl');
    const { code, stdout } = await run(
      ['delete', '--dry-run', '--from', refsFile('dry', 3), '--receipts', receipts],
      env(),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('would delete tavus dry-0');
    expect(server.seen.length).toBe(before);
    expect(() => readFileSync(receipts)).toThrow();
  });

  it('SIGKILL then --resume: every ref deleted once, exactly one ok receipt each, the key never written', async () => {
    delayMs = 20;
    const refs = refsFile('kill', 120);
    const receipts = file('kill-receipts.jsonl');
    const child = start(['delete', '--from', refs, '--receipts', receipts, '--concurrency', '4'], env());
    const killed = finish(child);
    await deletedCount('kill-', 20);
    child.kill('SIGKILL');
    await killed;
    const firstRun = receiptsIn(receipts).length;
    expect(firstRun).toBeGreaterThan(0);
    expect(firstRun).toBeLessThan(120);

    const resumed = await run(
      ['delete', '--from', refs, '--receipts', receipts, '--resume', '--concurrency', '4'],
      env(),
    );
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`skipped ${firstRun} (already deleted)`);
    const ok = receiptsIn(receipts).filter((r) => r.ok);
    const perId = new Map<string | undefined, number>();
    for (const receipt of ok) perId.set(receipt.id, (perId.get(receipt.id) ?? 0) + 1);
    expect(perId.size).toBe(120);
    expect([...perId.values()].every((count) => count === 1)).toBe(true);
    for (let i = 0; i < 120; i += 1) expect(deleted.get(`kill-${i}`)).toBe(1);
    expect(readFileSync(receipts, 'utf8')).not.toContain('tvs_secret_canary_123');
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s stops starting requests, finishes those in flight, writes their receipts, says how to resume (exit %i)',
    async (signal, exitCode) => {
      delayMs = 100;
      const prefix = `${signal}-`;
      const refs = refsFile(signal, 200);
      const receipts = file(`${signal}-receipts.jsonl`);
      const child = start(['delete', '--from', refs, '--receipts', receipts, '--concurrency', '3'], env());
      const done = finish(child);
      await deletedCount(prefix, 6);
      child.kill(signal);
      const { code, stderr } = await done;
      expect(code).toBe(exitCode);
      expect(stderr).toContain(`Stopping (${signal})`);
      expect(stderr).toContain('Resume with: mediajobs delete --from');
      const all = receiptsIn(receipts);
      const okIds = new Set(all.filter((r) => r.ok).map((r) => r.id));
      const sentIds = [...deleted.keys()].filter((id) => id.startsWith(prefix));
      // every request the server received finished and has its ok receipt; nothing was sent after
      expect(new Set(sentIds)).toEqual(okIds);
      expect(sentIds.length).toBeLessThan(60);
      expect(all.filter((r) => !r.ok).every((r) => r.error?.name === 'AbortError')).toBe(true);
      // the lock is released on the way out
      expect(readdirSync(dir).filter((name) => name.startsWith(`${signal}-receipts.jsonl.lock`))).toEqual([]);
    },
  );
});

describe('--mock', () => {
  it('runs the main job on all five APIs without keys', async () => {
    const receipts = file('mock-receipts.jsonl');
    const sample = join(import.meta.dirname, '..', '..', '..', 'examples', 'sample-refs.jsonl');
    const { code, stdout } = await run(['delete', '--mock', '--from', sample, '--receipts', receipts]);
    expect(code).toBe(0);
    expect(stdout).toContain('deleted 5, failed 0');
    // A vendor with several kinds names it in its receipts (every vendor has several since issue 25).
    expect(new Set(receiptsIn(receipts).map((r) => `${r.provider} ${r.kind ?? ''}`))).toEqual(
      new Set(['tensorslab video', 'tensorslab image', 'tavus video', 'bifrost video', 'a2e video']),
    );
  }, 60_000);

  it('a job the mock does not hold is not found (Tavus: 400 Invalid video_id), exit 1', async () => {
    const { code, stdout, stderr } = await run(['get', '--mock', 'tavus', 'does-not-exist']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('NotFoundError');
    expect(stderr).toContain('Invalid video_id');
  });

  it('a Bifrost id without its :provider suffix is refused as the gateway refuses it, exit 1', async () => {
    const { code, stdout } = await run(['delete', '--mock', 'bifrost', 'video_abc123']);
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED   bifrost video video_abc123: InvalidRequestError: bifrost: HTTP 400');
    expect(stdout).toContain('video_id must be in id:provider format');
    expect(stdout).toContain('deleted 0, failed 1');
  });

  it('purge --upstream openai --older-than 30d --yes deletes the old jobs and verifies every one gone', async () => {
    // In a folder of its own: purge writes its snapshot beside the receipts.
    const cwd = mkdtempSync(join(dir, 'purge-'));
    const { code, stdout, stderr } = await finish(
      startCli(['purge', '--mock', '--upstream', 'openai', '--older-than', '30d', '--yes', '--receipts', 'r.jsonl'], {
        env: { PATH: process.env.PATH ?? '', TMPDIR: cwd },
        cwd,
      }),
    );
    expect(code, `${stdout}${stderr}`).toBe(0);
    for (const provider of ['tavus', 'bifrost', 'a2e']) {
      const line = stdout.split('\n').find((text) => text.startsWith(`${provider}:`)) ?? '';
      const deleted = Number(/, deleted (\d+)/.exec(line)?.[1]);
      expect(deleted, line).toBeGreaterThan(0);
      expect(line).toContain(`verified gone ${deleted}, failed 0`);
    }
    const receipts = receiptsIn(join(cwd, 'r.jsonl'));
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.every((receipt) => receipt.ok && receipt.verified)).toBe(true);
    expect(readdirSync(cwd).filter((name) => name.startsWith('mediajobs-mocks-'))).toEqual([]);
  }, 60_000);

  it('leaves no log folder behind; one given with --mock-logs stays', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const mockLogs = join(tmp, 'kept');
    const plain = await run(['get', '--mock', 'tavus', '8a4f94e736'], { TMPDIR: tmp });
    const failed = await run(['get', '--mock', 'tavus', 'does-not-exist'], { TMPDIR: tmp });
    const kept = await run(['get', '--mock', '--mock-logs', mockLogs, 'tavus', '8a4f94e736'], { TMPDIR: tmp });
    expect([plain.code, failed.code, kept.code]).toEqual([0, 1, 0]);
    expect(readdirSync(tmp)).toEqual(['kept']);
    expect(readdirSync(mockLogs)).toEqual(['tavus.log']);
  });
});

describe('--mock starts only the vendors the command needs', () => {
  it('refs given as arguments are named by id, not by a line of a file they never were in', async () => {
    const { code, stdout } = await run(['delete', '--mock', 'tavus', '..', '8a4f94e736']);
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED   tavus video ..: InvalidRequestError');
    expect(stdout).not.toContain('(line');
  });

  it.each([
    [['delete', 'tavus', '8a4f94e736'], ['tavus.log']],
    [['get', 'bifrost', 'video_abc123:openai'], ['bifrost.log']],
    [['list', 'a2e'], ['a2e.log']],
  ])('%j', async (command, logs) => {
    const mockLogs = mkdtempSync(join(dir, 'mock-logs-'));
    const { code, stderr } = await run([...command, '--mock', '--mock-logs', mockLogs]);
    expect(code, stderr).toBe(0);
    expect(readdirSync(mockLogs)).toEqual(logs);
  });

  it('for --from, the vendors its file names', async () => {
    const mockLogs = mkdtempSync(join(dir, 'mock-logs-'));
    const refs = file(
      'two-vendors.jsonl',
      '{"provider":"a2e","id":"668d0108b3cb5f841f30f8f4"}\n{"provider":"tensorslab","id":"abcd_fedcba0987654321","kind":"image"}\n',
    );
    const receipts = file('two-vendors-receipts.jsonl');
    const { code } = await run(['delete', '--mock', '--mock-logs', mockLogs, '--from', refs, '--receipts', receipts]);
    expect(code).toBe(0);
    expect(readdirSync(mockLogs).sort()).toEqual(['a2e.log', 'tensorslab.log']);
  });
});

describe('mock', () => {
  it('mock tavus starts Tavus alone and prints its environment and its log folder, removed on Ctrl-C', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const child = start(['mock', 'tavus'], { TMPDIR: tmp });
    const done = finish(child);
    let printed = '';
    await new Promise<void>((resolve) =>
      child.stdout?.on('data', (chunk) => {
        printed += chunk;
        if (printed.includes('TAVUS_API_KEY')) resolve();
      }),
    );
    expect([...printed.matchAll(/(\w+)_BASE_URL=/g)].map((m) => m[1])).toEqual(['TAVUS']);
    const logDir = printed.match(/logs in (\S+)\./)?.[1] ?? '';
    expect(logDir.startsWith(tmp)).toBe(true);
    expect(readdirSync(logDir)).toEqual(['tavus.log']);
    // The mock answers while the command waits for Ctrl-C (its handler is set before anything is printed).
    const url = printed.match(/TAVUS_BASE_URL=(\S+)/)?.[1];
    const answer = await fetch(`${url}/v2/videos/8a4f94e736`, { headers: { 'x-api-key': 'mock-key' } });
    expect(answer.status).toBe(200);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
    // A folder the command made for itself goes with the mocks (--mock-logs keeps them).
    expect(readdirSync(tmp)).toEqual([]);
  }, 30_000);

  it('prints the environment for running mocks, which answer; Ctrl-C stops them all', async () => {
    const child = start(['mock']);
    const done = finish(child);
    let printed = '';
    await new Promise<void>((resolve) =>
      child.stdout?.on('data', (chunk) => {
        printed += chunk;
        if (printed.includes('A2E_API_KEY')) resolve();
      }),
    );
    const urls = Object.fromEntries([...printed.matchAll(/(\w+_BASE_URL)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(urls).sort()).toEqual([
      'A2E_BASE_URL',
      'BIFROST_BASE_URL',
      'TAVUS_BASE_URL',
      'TENSORSLAB_BASE_URL',
    ]);
    const images = await fetch(`${urls.TENSORSLAB_BASE_URL}/v1/images/infobytaskid`, {
      method: 'POST',
      headers: { authorization: 'Bearer mock-key', 'content-type': 'application/json' },
      body: '{"taskid":"abcd_fedcba0987654321"}',
    });
    expect((await images.json()).data.image_status).toBe(3);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
    await expect(fetch(`${urls.TAVUS_BASE_URL}/v2/videos`)).rejects.toThrow();
  }, 60_000);
});

describe('a reader that stops reading (mediajobs list ... | head)', () => {
  it('the command ends quietly with exit 0 when its stdout closes mid-listing, not with a crash', async () => {
    // Enough jobs that the listing outgrows the pipe's buffer and writes after the reader has gone.
    const server = await startFaultServer({ jobs: seedJobs({ count: 3_000, providers: ['tavus'] }), apiKey: 'k' });
    try {
      const child = start(['list', 'tavus', '--json'], { TAVUS_BASE_URL: server.url, TAVUS_API_KEY: 'k' });
      const done = finish(child);
      await new Promise((resolve) => child.stdout?.once('data', resolve));
      child.stdout?.destroy();
      const { code, stderr } = await done;
      expect(stderr).toBe('');
      expect(code).toBe(0);
    } finally {
      await server.stop();
    }
  }, 30_000);
});

describe('kinds', () => {
  it('--json: a line per vendor and kind, saying what it can do; list exactly for the vendors that list', async () => {
    const { code, stdout } = await run(['kinds', '--json']);
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['provider', 'kind', 'delete', 'get', 'list', 'hard', 'verified']);
    }
    expect(new Set(rows.map((row) => row.provider))).toEqual(new Set(PROVIDERS));
    for (const row of rows) expect(row.delete).toBe(true);
    const find = (provider: string, kind: string) => rows.find((row) => row.provider === provider && row.kind === kind);
    // The facts of the first kinds, written out here (the registry test checks the rest against the registry).
    expect(find('tensorslab', 'video')).toMatchObject({ get: true, list: false, hard: false, verified: true });
    expect(find('tensorslab', 'image')).toMatchObject({ get: true, list: false, hard: false, verified: true });
    expect(find('tavus', 'video')).toMatchObject({ get: true, list: true, hard: true, verified: true });
    expect(find('tavus', 'replica')).toMatchObject({ get: true, list: true, hard: true });
    expect(find('bifrost', 'video')).toMatchObject({ get: true, list: true, hard: false, verified: true });
    expect(find('a2e', 'video')).toMatchObject({ get: true, list: true, hard: false });
    expect(rows.filter((row) => row.provider === 'tensorslab').map((row) => row.kind)).toEqual(['video', 'image']);
  });

  it('for people: a line each, with how TensorsLab deletes, Bifrost lists, and which kinds take --hard', async () => {
    const { code, stdout } = await run(['kinds']);
    expect(code).toBe(0);
    // Columns as wide as the registry's longest names: compared with the spacing collapsed.
    const lines = stdout.split('\n').map((line) => line.replace(/ +/g, ' '));
    expect(lines).toContain('tensorslab image delete (batch), get');
    expect(lines).toContain('bifrost video delete, get, list (per --upstream)');
    expect(lines).toContain('tavus video delete (--hard), get, list');
    expect(lines).toContain('a2e video delete, get, list (unverified: see the spec)');
  });
});
