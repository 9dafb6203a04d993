// The CLI as an operator runs it: two runs in one folder, a resumed purge asked for another filter, a
// disk that fills, answers that never end, vendors that page for ever, escapes in what vendors say.
// Each test spawns the built command against a server on 127.0.0.1 that records what it really did.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultServer, jobKey, type SeededJob, seedJobs, startFaultServer } from '@mediajobs/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Origin, type SeenRequest, startOrigin } from '../../../test-support/origins.js';
import { runCli } from './run-cli.js';
import { finish, jsonLines, jsonLinesAndTorn, startCli } from './spawn-cli.js';
import { vendorEnv } from './vendor-env.js';

const DAY = 86_400_000;
const KEY = 'operations-test-key';
const folder = () => mkdtempSync(join(tmpdir(), 'mediajobs-ops-'));

const envFor = (url: string) => vendorEnv(url, KEY);

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});
async function faultServer(jobs: SeededJob[], latencyMs = 0): Promise<FaultServer> {
  const server = await startFaultServer({ jobs, seed: 3, apiKey: KEY, latencyMs });
  servers.push(server);
  return server;
}

const isOld = (job: SeededJob, now: number, days: number) => job.createdAtMs < now - days * DAY;
const keyOf = (job: SeededJob) => jobKey(job.provider, undefined, job.id);
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('two runs on one receipts file', () => {
  it('a second purge in the same folder is refused at once (exit 2, naming the first); no young job is deleted', async () => {
    const now = Date.now();
    const seeded = seedJobs({ count: 400, now, providers: ['tavus', 'a2e'] });
    const server = await faultServer(seeded, 5);
    const cwd = folder();
    const env = envFor(server.url);
    const first = finish(
      startCli(['purge', '--older-than', '30d', '--provider', 'tavus,a2e', '--yes', '--concurrency', '2'], {
        env,
        cwd,
      }),
    );
    await until(() => server.ledger.deleted.size > 5);
    // The finding: a dry run with a much shorter age rewrote the shared snapshot under the first run.
    const second = await finish(
      startCli(['purge', '--older-than', '1m', '--provider', 'tavus,a2e', '--dry-run'], { env, cwd }),
    );
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/in use by another mediajobs run \(pid \d+ on .+, started \d{4}-\d\d-\d\dT/);
    const { code } = await first;
    expect(code).toBe(0);
    expect(seeded.filter((job) => !isOld(job, now, 30) && server.ledger.deleted.has(keyOf(job)))).toEqual([]);
    // Soft-deleted Tavus videos are left alone without --hard.
    const left = seeded.filter(
      (job) => isOld(job, now, 30) && !job.softDeleted && !server.ledger.deleted.has(keyOf(job)),
    );
    expect(left).toEqual([]);
  });

  it('a second delete --resume on the same receipts is refused; one ok receipt per ref', async () => {
    const server = await faultServer([], 5);
    const cwd = folder();
    const refs = join(cwd, 'refs.jsonl');
    const ids = Array.from({ length: 300 }, (_, i) => `twice-${i}`);
    writeFileSync(refs, ids.map((id) => JSON.stringify({ provider: 'a2e', id })).join('\n'));
    const args = ['delete', '--from', refs, '--receipts', join(cwd, 'r.jsonl'), '--resume', '--concurrency', '2'];
    const first = finish(startCli(args, { env: envFor(server.url), cwd }));
    await until(() => server.ledger.deleted.size > 5);
    const second = await finish(startCli(args, { env: envFor(server.url), cwd }));
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('in use by another mediajobs run');
    expect((await first).code).toBe(0);
    const ok = jsonLines(join(cwd, 'r.jsonl')).filter((receipt) => receipt.ok);
    expect(ok.map((receipt) => receipt.id).sort()).toEqual([...ids].sort());
  });
});

describe('purge --resume keeps to the snapshot’s filter', () => {
  it('another --older-than is refused (exit 2, saying what differs); --resume alone deletes by the recorded one', async () => {
    const now = Date.now();
    const seeded = seedJobs({ count: 150, now, providers: ['a2e'] });
    const server = await faultServer(seeded);
    const cwd = folder();
    const env = envFor(server.url);
    const dry = await runCli(['purge', '--older-than', '1d', '--provider', 'a2e', '--dry-run'], { env, cwd });
    expect(dry.code).toBe(0);
    const [header] = jsonLines(join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl'));
    expect(header).toMatchObject({
      format: 'mediajobs purge snapshot',
      filter: { olderThanMs: DAY, providers: ['a2e'], upstreams: [], kinds: ['video'], hard: false },
    });

    const other = await runCli(['purge', '--older-than', '30d', '--resume', '--yes'], { env, cwd });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--older-than 30d, but the snapshot lists jobs older than 1d');
    expect(server.ledger.deleted.size).toBe(0);

    const resumed = await runCli(['purge', '--resume', '--yes'], { env, cwd });
    expect(resumed.code).toBe(0);
    const deleted = seeded.filter((job) => server.ledger.deleted.has(keyOf(job)));
    expect(deleted.map((job) => job.id).sort()).toEqual(
      seeded
        .filter((job) => isOld(job, now, 1))
        .map((job) => job.id)
        .sort(),
    );
  });

  it('a ref in the snapshot outside its filter (young, or another vendor) is never deleted: reported, exit 1', async () => {
    const now = Date.now();
    const seeded = seedJobs({ count: 60, now, providers: ['a2e'] });
    const server = await faultServer(seeded);
    const cwd = folder();
    const env = envFor(server.url);
    await runCli(['purge', '--older-than', '30d', '--provider', 'a2e', '--dry-run'], { env, cwd });
    const snapshot = join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl');
    const young = seeded.find((job) => !isOld(job, now, 30)) as SeededJob;
    // Lines added by hand (or by anything else): a young job, a job without a time, another vendor.
    const planted = [
      { provider: 'a2e', id: young.id, status: 'succeeded', createdAt: new Date(young.createdAtMs).toISOString() },
      { provider: 'a2e', id: 'no-time', status: 'succeeded' },
      { provider: 'tavus', id: 'other-vendor', status: 'succeeded', createdAt: '2020-01-01T00:00:00.000Z' },
    ];
    writeFileSync(snapshot, `${readFileSync(snapshot, 'utf8')}${planted.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const { code, stderr } = await runCli(['purge', '--resume', '--yes'], { env, cwd });
    expect(code).toBe(1);
    expect(stderr).toContain(`not deleting a2e ${young.id}: outside the filter (it was created at`);
    expect(stderr).toContain('not deleting a2e no-time: outside the filter (it has no creation time)');
    expect(stderr).toContain('not deleting tavus other-vendor: outside the filter (tavus is not among');
    expect(server.ledger.deleted.has(keyOf(young))).toBe(false);
    expect(server.requests()).toBeGreaterThan(0);
  });

  it('a snapshot without its filter line (an older mediajobs) is not resumed', async () => {
    const server = await faultServer([]);
    const cwd = folder();
    writeFileSync(
      join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl'),
      `${JSON.stringify({ provider: 'a2e', id: 'x', status: 'succeeded', createdAt: '2020-01-01T00:00:00Z' })}\n`,
    );
    const { code, stderr } = await runCli(['purge', '--resume', '--yes'], { env: envFor(server.url), cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('cannot be resumed safely');
    expect(server.requests()).toBe(0);
  });
});

/** Ids that stderr says were deleted without a receipt ("  deleted: a2e video <id>"). */
const unrecordedIn = (stderr: string) =>
  [...stderr.matchAll(/^ {2}deleted: .* (\S+)$/gm)].map((match) => match[1] as string);

describe('a disk that fills (a file size limit: the kernel writes what fits, then EFBIG)', () => {
  it('delete --from: stops starting deletes; every deleted ref has a receipt or is named; --resume completes', async () => {
    const server = await faultServer([], 10);
    const cwd = folder();
    const refs = join(cwd, 'refs.jsonl');
    const receipts = join(cwd, 'r.jsonl');
    const ids = Array.from({ length: 400 }, (_, i) => `disk-${i}`);
    writeFileSync(refs, ids.map((id) => JSON.stringify({ provider: 'a2e', id })).join('\n'));
    const args = ['delete', '--from', refs, '--receipts', receipts, '--concurrency', '4'];
    const full = await finish(startCli(args, { env: envFor(server.url), cwd, fileSizeLimitKb: 8 }));
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/could not write to .*r\.jsonl: (EFBIG|ENOSPC|only \d+ of \d+ bytes were written)/);
    expect(full.stderr).toContain(`resume with: mediajobs delete --from ${refs} --receipts ${receipts} --resume`);
    const { lines, torn } = jsonLinesAndTorn(receipts);
    const recorded = new Set(lines.filter((receipt) => receipt.ok).map((receipt) => receipt.id));
    const named = unrecordedIn(full.stderr);
    const deleted = ids.filter((id) => server.ledger.deleted.has(jobKey('a2e', undefined, id)));
    // Never a deletion without a receipt or a word about it, and no new delete after the failure.
    expect(deleted.filter((id) => !recorded.has(id) && !named.includes(id))).toEqual([]);
    expect(named.length).toBeGreaterThan(0);
    expect(deleted.length).toBeLessThan(ids.length / 2);
    expect(torn.length).toBeLessThanOrEqual(1);

    const resumed = await runCli([...args, '--resume'], { env: envFor(server.url), cwd });
    expect(resumed.code).toBe(0);
    const ok = jsonLinesAndTorn(receipts).lines.filter((receipt) => receipt.ok);
    expect(new Set(ok.map((receipt) => receipt.id))).toEqual(new Set(ids));
    expect(ids.filter((id) => !server.ledger.deleted.has(jobKey('a2e', undefined, id)))).toEqual([]);
  });

  it('purge --resume: the same, with the outcomes not recorded in --json too', async () => {
    const now = Date.now();
    const seeded = seedJobs({ count: 600, now, providers: ['a2e'] });
    const server = await faultServer(seeded, 10);
    const cwd = folder();
    const env = envFor(server.url);
    await runCli(['purge', '--older-than', '1d', '--provider', 'a2e', '--dry-run'], { env, cwd });
    const args = ['purge', '--resume', '--yes', '--json', '--concurrency', '4'];
    const full = await finish(startCli(args, { env, cwd, fileSizeLimitKb: 8 }));
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(
      /could not write to .*mediajobs-purge\.jsonl: (EFBIG|ENOSPC|only \d+ of \d+ bytes were written)/,
    );
    const printed = full.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const notRecorded = printed.filter((line) => line.recorded === false).map((line) => line.id);
    expect(notRecorded.length).toBeGreaterThan(0);
    expect(unrecordedIn(full.stderr).sort()).toEqual(
      printed
        .filter((line) => line.recorded === false && line.ok)
        .map((line) => line.id)
        .sort(),
    );
    const recorded = new Set(
      jsonLinesAndTorn(join(cwd, 'mediajobs-purge.jsonl'))
        .lines.filter((r) => r.ok)
        .map((r) => r.id),
    );
    const deleted = seeded.filter((job) => server.ledger.deleted.has(keyOf(job))).map((job) => job.id);
    expect(deleted.filter((id) => !recorded.has(id) && !notRecorded.includes(id))).toEqual([]);

    const resumed = await runCli(['purge', '--resume', '--yes'], { env, cwd });
    expect(resumed.code).toBe(0);
    expect(seeded.filter((job) => isOld(job, now, 1) && !server.ledger.deleted.has(keyOf(job)))).toEqual([]);
    expect(seeded.filter((job) => !isOld(job, now, 1) && server.ledger.deleted.has(keyOf(job)))).toEqual([]);
  });
});

describe('a snapshot that cannot be written whole', () => {
  it('the purge stops before any delete, saying why (exit 1)', async () => {
    const seeded = seedJobs({ count: 300, providers: ['a2e'] });
    const server = await faultServer(seeded);
    const args = ['purge', '--older-than', '1d', '--provider', 'a2e', '--yes'];
    const { code, stdout } = await finish(
      startCli(args, { env: envFor(server.url), cwd: folder(), fileSizeLimitKb: 4 }),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/nothing was deleted: could not write to .*snapshot\.jsonl: /);
    expect(server.ledger.deleted.size).toBe(0);
  });
});

describe('vendors that misbehave', () => {
  let origin: Origin;
  let handler: (request: SeenRequest, response: ServerResponse) => void = () => {};
  beforeAll(async () => {
    origin = await startOrigin();
    origin.handle((request, response) => handler(request, response));
  });
  afterAll(() => origin.close());
  const tavusEnv = () => ({ PATH: process.env.PATH ?? '', TAVUS_BASE_URL: origin.url, TAVUS_API_KEY: KEY });

  /** Headers, then one byte every 200 ms, never the end. */
  const drip = (_: SeenRequest, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{');
    const timer = setInterval(() => response.write(' '), 200);
    response.on('close', () => clearInterval(timer));
  };

  it('get --timeout 500ms: an answer whose body never ends is a TimeoutError, not a hang', async () => {
    handler = drip;
    const started = Date.now();
    const { code, stderr } = await runCli(['get', 'tavus', 'v1', '--timeout', '500ms'], { env: tavusEnv() });
    expect(code).toBe(1);
    expect(stderr).toContain('TimeoutError');
    // three attempts of 0.5 s and two waits of at most 0.5 s and 1 s
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('wait --timeout 2s bounds the whole wait, a poll in flight included', async () => {
    handler = drip;
    const started = Date.now();
    const { code, stderr } = await runCli(['wait', 'tavus', 'v1', '--timeout', '2s'], { env: tavusEnv() });
    expect(code).toBe(1);
    expect(stderr).toContain('TimeoutError');
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  /** A Tavus that lists ten new videos on every page, for ever; each read says it is from 2020. */
  const endless = () => {
    let next = 0;
    return (request: SeenRequest, response: ServerResponse) => {
      const json = (body: unknown) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const id = request.path.match(/^\/v2\/videos\/([^/?]+)/)?.[1];
      if (id) return json({ video_id: id, status: 'ready', created_at: '2020-01-01T00:00:00Z' });
      json({ data: Array.from({ length: 10 }, () => ({ video_id: `endless-${next++}`, status: 'ready' })) });
    };
  };

  it('list --max-jobs: a vendor that never stops paging ends in a clear error (exit 1), not a partial success', async () => {
    handler = endless();
    const { code, stdout, stderr } = await runCli(['list', 'tavus', '--max-jobs', '200'], { env: tavusEnv() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/more than 200 jobs/);
    expect(stdout.split('\n').filter(Boolean).length).toBeLessThanOrEqual(200);
  });

  it('purge --max-jobs: stops before any delete, saying which listing passed it', async () => {
    handler = endless();
    const before = origin.seen.length;
    const { code, stdout } = await runCli(
      ['purge', '--older-than', '30d', '--provider', 'tavus', '--yes', '--max-jobs', '100'],
      {
        env: tavusEnv(),
        cwd: folder(),
      },
    );
    expect(code).toBe(1);
    expect(stdout).toContain('nothing was deleted: the listing of tavus passed --max-jobs');
    expect(origin.seen.slice(before).filter((request) => request.method === 'DELETE')).toEqual([]);
  });

  const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\r\u202e';

  it('escapes in a vendor’s message, an id or a URL never reach the terminal; --json stays exact', async () => {
    handler = (request, response) => {
      if (request.method === 'DELETE') {
        return response
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: `bad ${ESCAPES} request` }));
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ video_id: 'v1', status: 'ready', download_url: `https://cdn.example/${ESCAPES}.mp4` }));
    };
    const env = tavusEnv();
    for (const args of [
      ['get', 'tavus', 'v1'],
      ['delete', 'tavus', 'v1'],
    ]) {
      const { stdout, stderr } = await runCli(args, { env });
      expect(`${stdout}${stderr}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(`${stdout}${stderr}`).toContain('\\x1b]0;owned\\x07');
    }
    const { stdout } = await runCli(['get', '--json', 'tavus', 'v1'], { env });
    expect(JSON.parse(stdout).urls).toEqual([`https://cdn.example/${ESCAPES}.mp4`]);
  });
});

describe('refs files', () => {
  it('a numeric id is a bad line (never converted to another job’s id); the other lines go on', async () => {
    const server = await faultServer([]);
    const cwd = folder();
    const refs = join(cwd, 'refs.jsonl');
    writeFileSync(
      refs,
      '{"provider":"a2e","id":12345678901234567890}\n{"provider":"a2e","id":"good-1"}\n{"provider":7,"id":"x"}\n',
    );
    const receipts = join(cwd, 'r.jsonl');
    const { code, stdout } = await runCli(['delete', '--from', refs, '--receipts', receipts], {
      env: envFor(server.url),
      cwd,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('line 1: "id" must be a string, got a number (quote it');
    expect(stdout).toContain('line 3: "provider" must be a string');
    expect([...server.ledger.deleted]).toEqual([jobKey('a2e', undefined, 'good-1')]);
    const byLine = jsonLines(receipts).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(byLine.map((receipt) => [receipt.line, receipt.ok])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });
});
