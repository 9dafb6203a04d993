// The CLI derives its kinds, choices and checks from the facade's registry (`vendors`): `kinds` says
// what the registry says, a kind a vendor lacks is a usage error naming its kinds, and `purge --kind`
// lists that kind alone and records it in the snapshot's filter.
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultServer, jobKey, type SeededJob, seedJobs, startFaultServer } from '@mediajobs/testing';
import { type Provider, vendorOf, vendors } from 'mediajobs';
import { afterEach, describe, expect, it } from 'vitest';
import { canList, defaultKindOf, flagOf, kindOptions } from '../src/registry.js';
import { runCli } from './run-cli.js';
import { jsonLines } from './spawn-cli.js';
import { vendorEnv } from './vendor-env.js';

const DAY = 86_400_000;
const KEY = 'registry-test-key';
const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serverWith(jobs: SeededJob[]): Promise<FaultServer> {
  const server = await startFaultServer({ jobs, seed: 5, apiKey: KEY });
  servers.push(server);
  return server;
}

const envFor = (url: string) => vendorEnv(url, KEY);

const run = (args: string[], env: Record<string, string> = envFor('http://127.0.0.1:9'), cwd?: string) =>
  runCli(args, { env, cwd });

describe('mediajobs kinds', () => {
  it('--json: one row per vendor and kind, in the registry’s order, saying what the registry says', async () => {
    const { code, stdout } = await run(['kinds', '--json']);
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toEqual(
      vendors.flatMap((vendor) =>
        vendor.kinds.map((kind) => ({
          provider: vendor.provider,
          kind: kind.name,
          delete: true,
          get: kind.get,
          list: kind.list,
          hard: Object.hasOwn(kind.deleteOptions, 'hard'),
          verified: kind.unverified === undefined,
        })),
      ),
    );
  });

  it('for people: a line per vendor and kind, a batch delete and a list per value noted', async () => {
    const { stdout } = await run(['kinds']);
    const lines = stdout.trim().split('\n');
    const rows = vendors.flatMap((vendor) => vendor.kinds.map((kind) => ({ vendor, kind })));
    expect(lines).toHaveLength(rows.length);
    rows.forEach(({ vendor, kind }, n) => {
      expect(lines[n]?.split(/ +/).slice(0, 2)).toEqual([vendor.provider, kind.name]);
      expect(lines[n]?.includes('delete (batch)')).toBe(kind.delete === 'batch');
      expect(lines[n]?.includes('list')).toBe(kind.list);
      const perValue = Object.entries(kind.listOptions).find(([, option]) => option.required)?.[0];
      if (perValue && kind.list) expect(lines[n]).toContain(`list (per --${perValue})`);
    });
  });
});

describe("the README's kinds table", () => {
  it('is `mediajobs kinds --markdown` (regenerate it with that command when a kind changes)', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const block = readme.split('<!-- kinds:start -->')[1]?.split('<!-- kinds:end -->')[0]?.trim();
    const { stdout } = await run(['kinds', '--markdown']);
    expect(block).toBe(stdout.trim());
  });
});

describe('a kind the vendor does not have', () => {
  it('list tavus --kind image is a usage error (exit 2) naming tavus’s kinds; nothing is sent', async () => {
    const server = await serverWith([]);
    const { code, stderr } = await run(['list', 'tavus', '--kind', 'image'], envFor(server.url));
    expect(code).toBe(2);
    expect(stderr).toContain('no kind "image"');
    for (const kind of vendorOf('tavus')?.kinds ?? []) expect(stderr).toContain(`'${kind.name}'`);
    expect(server.requests()).toBe(0);
  });

  it('a list option the kind does not take is a usage error (list tavus --upstream openai)', async () => {
    const { code, stderr } = await run(['list', 'tavus', '--upstream', 'openai']);
    expect(code).toBe(2);
    expect(stderr).toContain('tavus video: list has no option --upstream; it takes none');
  });
});

describe('purge --kind', () => {
  it('lists that kind alone, records it in the snapshot’s filter, refuses another on resume, deletes only it', async () => {
    const now = Date.now();
    const videos = seedJobs({ count: 20, now, providers: ['tavus'] });
    const replicas = seedJobs({ count: 20, now, seed: 2, providers: ['tavus'] }).map((job) => ({
      ...job,
      id: `replica_${job.id}`,
      kind: 'replica',
    }));
    const server = await serverWith([...videos, ...replicas]);
    const env = envFor(server.url);
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    const snapshot = join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl');

    const dry = await run(
      ['purge', '--older-than', '30d', '--provider', 'tavus', '--kind', 'replica', '--dry-run'],
      env,
      cwd,
    );
    expect(dry.code).toBe(0);
    const [header, ...rest] = jsonLines(snapshot);
    expect(header?.filter).toMatchObject({ providers: ['tavus'], kinds: ['replica'], upstreams: [] });
    const refs = rest.filter((line) => line.id);
    const old = replicas.filter((job) => job.createdAtMs < now - 30 * DAY);
    expect(refs.map((ref) => ref.id).sort()).toEqual(old.map((job) => job.id).sort());
    expect(refs.every((ref) => ref.kind === 'replica')).toBe(true);

    const other = await run(['purge', '--resume', '--kind', 'video', '--yes'], env, cwd);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--kind video, but the snapshot lists replica');

    // A video slipped into the snapshot is outside its filter: never deleted.
    const video = videos.find((job) => job.createdAtMs < now - 30 * DAY) as SeededJob;
    const createdAt = new Date(video.createdAtMs).toISOString();
    appendFileSync(
      snapshot,
      `${JSON.stringify({ provider: 'tavus', id: video.id, kind: 'video', status: 'succeeded', createdAt })}\n`,
    );
    const resumed = await run(['purge', '--resume', '--yes'], env, cwd);
    expect(resumed.stderr).toContain(
      `not deleting tavus ${video.id}: outside the filter (its kind video is not the filter's)`,
    );
    expect(resumed.code).toBe(1);
    expect(server.ledger.deleted.has(jobKey('tavus', 'video', video.id))).toBe(false);
    for (const job of old) expect(server.ledger.deleted.has(jobKey('tavus', 'replica', job.id))).toBe(true);
    expect(videos.filter((job) => server.ledger.deleted.has(jobKey('tavus', 'video', job.id)))).toEqual([]);
  });

  it('a kind that lists per value (a gateway’s --upstream): a ref listed under another value is outside the filter', async () => {
    const now = Date.now();
    const server = await serverWith(seedJobs({ count: 10, now, providers: ['bifrost'] }));
    const env = envFor(server.url);
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    const args = ['purge', '--older-than', '1d', '--provider', 'bifrost', '--upstream', 'openai', '--dry-run'];
    expect((await run(args, env, cwd)).code).toBe(0);
    const snapshot = join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl');
    const createdAt = new Date(now - 2 * DAY).toISOString();
    const ref = { provider: 'bifrost', id: 'video_x:anthropic', kind: 'video', status: 'succeeded', createdAt };
    appendFileSync(snapshot, `${JSON.stringify(ref)}\n`);
    const resumed = await run(['purge', '--resume', '--yes'], env, cwd);
    expect(resumed.stderr).toContain(
      "not deleting bifrost video_x:anthropic: outside the filter (its upstream is not among the filter's)",
    );
    expect(resumed.code).toBe(1);
  });

  it('without --kind, each vendor’s default kind is recorded', async () => {
    const now = Date.now();
    const server = await serverWith(seedJobs({ count: 10, now, providers: ['a2e'] }));
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    const dry = await run(['purge', '--older-than', '1d', '--provider', 'a2e', '--dry-run'], envFor(server.url), cwd);
    expect(dry.code).toBe(0);
    const [header] = jsonLines(join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl'));
    expect((header?.filter as { kinds?: string[] } | undefined)?.kinds).toEqual([vendorOf('a2e')?.kinds[0].name]);
  });

  it('several kinds: each listed and deleted, a line each in the summary, saying whether it was hard; system replicas never touched', async () => {
    const now = Date.now();
    const videos = seedJobs({ count: 12, now, providers: ['tavus'] });
    const replicas: SeededJob[] = [
      { provider: 'tavus', kind: 'replica', id: 'r-old', createdAtMs: now - 40 * DAY },
      { provider: 'tavus', kind: 'replica', id: 'r-new', createdAtMs: now - DAY },
      { provider: 'tavus', kind: 'replica', id: 'r-stock', createdAtMs: now - 400 * DAY, system: true },
    ];
    const server = await serverWith([...videos, ...replicas]);
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    const args = ['purge', '--older-than', '30d', '--provider', 'tavus', '--kind', 'replica,video', '--yes'];
    const result = await run(args, envFor(server.url), cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [header] = jsonLines(join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl'));
    expect((header?.filter as { kinds?: string[] } | undefined)?.kinds).toEqual(['replica', 'video']);
    const oldVideos = videos.filter((job) => job.createdAtMs < now - 30 * DAY && !job.softDeleted);
    const expected = [
      ...oldVideos.map((job) => jobKey('tavus', 'video', job.id)),
      jobKey('tavus', 'replica', 'r-old'),
    ].sort();
    expect([...server.ledger.deleted].sort()).toEqual(expected);
    expect(result.stdout).toMatch(
      /^tavus video: matched \d+.*deleted \d+ \(not hard: --hard deletes its assets too\)/m,
    );
    expect(result.stdout).toMatch(
      /^tavus replica: matched 1, deleted 1 \(not hard: --hard deletes its assets too\), verified gone 1, failed 0$/m,
    );
  });

  it('--kind all: every kind that lists, at every vendor asked for; an unknown kind is a usage error', async () => {
    const now = Date.now();
    const replicas: SeededJob[] = [{ provider: 'tavus', kind: 'replica', id: 'r-old', createdAtMs: now - 40 * DAY }];
    const server = await serverWith([...seedJobs({ count: 6, now, providers: ['tavus', 'a2e'] }), ...replicas]);
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    const args = ['purge', '--older-than', '30d', '--provider', 'tavus,a2e', '--kind', 'all', '--dry-run'];
    const dry = await run(args, envFor(server.url), cwd);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    const [header] = jsonLines(join(cwd, 'mediajobs-purge.jsonl.snapshot.jsonl'));
    const listing = (provider: 'tavus' | 'a2e') => vendorOf(provider)?.kinds.filter((kind) => kind.list) ?? [];
    const all = [...new Set([...listing('tavus'), ...listing('a2e')].map((kind) => kind.name))].sort();
    expect((header?.filter as { kinds?: string[] } | undefined)?.kinds).toEqual(all);
    const unknown = await run(['purge', '--older-than', '30d', '--kind', 'video,nope'], envFor(server.url), cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown kind "nope"');
  });

  it('kinds made from others are deleted first: every Tavus video before any replica (a video is made from a replica)', async () => {
    expect(vendorOf('tavus')?.kinds.find((kind) => kind.name === 'video')?.madeFrom).toContain('replica');
    const now = Date.now();
    const old = (n: number) => now - (40 + n) * DAY;
    const seeded: SeededJob[] = [];
    for (let n = 0; n < 30; n += 1) {
      // Interleaved in the snapshot: a replica, then a video, and so on.
      seeded.push({ provider: 'tavus', kind: 'replica', id: `r-${n}`, createdAtMs: old(n) });
      seeded.push({ provider: 'tavus', id: `v-${n}`, createdAtMs: old(n) });
    }
    const server = await serverWith(seeded);
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    const args = ['purge', '--older-than', '30d', '--provider', 'tavus', '--kind', 'video,replica', '--yes'];
    const result = await run([...args, '--concurrency', '4'], envFor(server.url), cwd);
    expect(result.code).toBe(0);
    // The ledger's set keeps the order of the deletes.
    const order = [...server.ledger.deleted];
    expect(order).toHaveLength(60);
    const lastVideo = Math.max(...order.map((key, index) => (key.startsWith('tavus/video/') ? index : -1)));
    const firstReplica = order.findIndex((key) => key.startsWith('tavus/replica/'));
    expect(lastVideo).toBeLessThan(firstReplica);
  });
});

describe('the registry as the CLI reads it', () => {
  it('kindOptions: each option once, with every kind that takes it, for delete and for list apart', () => {
    const summary = (operation: 'delete' | 'list') =>
      kindOptions(operation).map(({ name, owners }) => `${name}: ${owners}`);
    expect(summary('delete')).toEqual(['hard: tavus video, tavus replica, tavus conversation']);
    expect(summary('list')).toContain('upstream: bifrost video, bifrost file, bifrost container');
    expect(summary('list')).not.toContain(expect.stringMatching(/^hard:/));
  });

  it('flagOf: an option named in camel case is its kebab-case flag', () => {
    expect(flagOf('participantTag')).toBe('participant-tag');
    expect(flagOf('palId')).toBe('pal-id');
    expect(flagOf('hard')).toBe('hard');
  });

  it('canList and defaultKindOf: a name that is no vendor lists nothing and has no kind, rather than throwing', () => {
    expect(canList('tavus')).toBe(true);
    expect(canList('nope' as Provider)).toBe(false);
    expect(defaultKindOf('tavus')).toBe(vendorOf('tavus')?.kinds[0].name);
    expect(defaultKindOf('nope')).toBeUndefined();
  });
});
