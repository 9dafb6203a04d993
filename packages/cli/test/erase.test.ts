// `mediajobs record`, `erase` and `ledger`, against a fault server that says what it really deleted,
// on an SQLite ledger (the default file here) and on PostgreSQL; and an erasure killed with SIGKILL.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultServer, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../../../test-support/postgres.js';
import { runCli } from './run-cli.js';
import { finish, startCli } from './spawn-cli.js';
import { vendorEnv } from './vendor-env.js';

const KEY = 'erase-test-key';
const LEDGER_KEY = 'cli-ledger-key-0123456789abcdef01234567';
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

async function server(latencyMs = 0): Promise<FaultServer> {
  const started = await startFaultServer({ apiKey: KEY, latencyMs });
  disposers.push(() => started.stop());
  return started;
}

const envFor = (url: string, extra: Record<string, string> = {}) => ({ ...vendorEnv(url, KEY), ...extra });

const folder = () => mkdtempSync(join(tmpdir(), 'erase-'));
const jsonOut = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/** JSON lines of `count` resources of one subject over four vendors. */
function createdFile(dir: string, subject: string, count: number, prefix = 'r'): string {
  const kinds = [
    ['tavus', 'video'],
    ['tavus', 'replica'],
    ['tensorslab', 'image'],
    ['bifrost', 'video'],
    ['a2e', 'avatar'],
  ] as const;
  const lines = Array.from({ length: count }, (_, i) => {
    const [provider, kind] = kinds[i % kinds.length] as (typeof kinds)[number];
    const id = provider === 'bifrost' ? `${prefix}${i}:openai` : `${prefix}${i}`;
    return JSON.stringify({ subject, provider, kind, id, createdAt: '2026-11-01T00:00:00Z' });
  });
  const file = join(dir, `${subject}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('mediajobs record, erase and ledger on the default SQLite ledger', () => {
  it('records, shows a dry run, refuses without --yes, erases with a report, and tells the ledger', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url);
    const one = await runCli(['record', 'tavus', 'v-single', '--subject', 'user-42'], { env, cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^recorded 1 in sqlite:.*mediajobs-ledger\.db\n$/);
    expect(one.stderr).toMatch(
      /ledger: sqlite:.*mediajobs-ledger\.db \(set --ledger or MEDIAJOBS_LEDGER for another\)/,
    );
    expect((statSync(join(dir, 'mediajobs-ledger.db')).mode & 0o777).toString(8)).toBe('600');
    const file = createdFile(dir, 'user-42', 10);
    expect((await runCli(['record', '--from', file, '--json'], { env, cwd: dir })).stdout).toMatch(
      /"recorded":10,"already":0/,
    );
    await runCli(['record', '--from', createdFile(dir, 'user-7', 5, 'other'), '--json'], { env, cwd: dir });

    const dry = await runCli(['erase', '--subject', 'user-42', '--dry-run'], { env, cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /dry run: 11 would be erased \(a2e 2, bifrost 2, tavus 5, tensorslab 2\); 0 of 11 recorded are erased already/,
    );
    expect(vendor.ledger.deleted.size).toBe(0);

    const refused = await runCli(['erase', '--subject', 'user-42'], { env, cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to erase 11 resources .* without --yes when not on a terminal/);
    expect(vendor.ledger.deleted.size).toBe(0);

    const erased = await runCli(['erase', '--subject', 'user-42', '--yes', '--report', 'report.json'], {
      env,
      cwd: dir,
    });
    expect(erased.stderr).toBe(
      `ledger: sqlite:${join(dir, 'mediajobs-ledger.db')} (set --ledger or MEDIAJOBS_LEDGER for another)\n`,
    );
    expect(erased.stdout).toMatch(/tavus replica: 2 deleted \(2 verified\)/);
    // A2E answers an unknown id with a generic error: deleted, but not confirmed gone; the exit code says so.
    expect(erased.stdout).toMatch(/a2e avatar: 2 deleted \(0 verified, 2 not read back\)/);
    expect(erased.code).toBe(0);
    expect(vendor.ledger.deleted.size).toBe(11);
    expect([...vendor.ledger.deleted].some((key) => key.includes('other'))).toBe(false);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect((statSync(join(dir, 'report.json')).mode & 0o777).toString(8)).toBe('600');
    expect(report).toMatchObject({ complete: true, hard: false });
    expect(report.resources).toHaveLength(11);
    expect(JSON.stringify(report)).not.toMatch(/user-42|erase-test-key/);

    const shown = await runCli(['ledger', 'report', report.request, '--json'], { env, cwd: dir });
    expect(JSON.parse(shown.stdout)).toEqual(report);
    const stats = await runCli(['ledger', 'stats', '--json'], { env, cwd: dir });
    expect(JSON.parse(stats.stdout)).toMatchObject({
      subjects: 2,
      resources: 16,
      erased: 11,
      erasures: { total: 1, unfinished: 0 },
    });
    const missing = await runCli(['ledger', 'report', 'nope'], { env, cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no erasure request "nope"/);
  });

  it('refuses bad records whole: a bad line anywhere records nothing', async () => {
    const dir = folder();
    const env = envFor('http://127.0.0.1:9');
    const file = createdFile(dir, 'user-42', 3);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"subject":"","provider":"tavus","id":"x"}\n`);
    const bad = await runCli(['record', '--from', file], { env, cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 4: a subject must not be empty/);
    const stats = await runCli(['ledger', 'stats', '--json'], { env, cwd: dir });
    expect(JSON.parse(stats.stdout).resources).toBe(0);
    for (const [args, message] of [
      [['record', 'tavus', 'v1'], /--subject is required/],
      [['record', 'tavus', 'v1', '--subject', 'x'.repeat(2000)], /at most 1000 characters/],
      [['record', 'tavus', 'v1', '--subject', 's', '--kind', 'avatar'], /tavus: no kind "avatar"/],
      [['record', 'openai', 'v1', '--subject', 's'], /use one of/],
      [['erase'], /required option '--subject <subject>'/],
      [['erase', '--subject', ''], /subject must not be empty/],
      [['ledger', 'stats', '--ledger', 'mysql://x'], /unknown ledger location/],
    ] as const) {
      const run = await runCli([...args], { env, cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});

describe('mediajobs purge --from-ledger', () => {
  it('purges the recorded TensorsLab tasks older than the age, and nothing younger, with receipts', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url);
    const day = 86_400_000;
    const tasks = [40, 35, 31, 29, 2].map((age, i) => ({
      subject: `user-${i % 2}`,
      provider: 'tensorslab',
      kind: i % 2 ? 'image' : 'video',
      id: `task-${age}d`,
      createdAt: new Date(Date.now() - age * day).toISOString(),
    }));
    const file = join(dir, 'tasks.jsonl');
    writeFileSync(file, `${tasks.map((t) => JSON.stringify(t)).join('\n')}\n`);
    expect((await runCli(['record', '--from', file], { env, cwd: dir })).code).toBe(0);
    // Without the ledger, TensorsLab cannot be purged (it cannot list).
    const plain = await runCli(['purge', '--provider', 'tensorslab', '--older-than', '30d', '--yes'], {
      env,
      cwd: dir,
    });
    expect(plain.code).toBe(2);
    expect(vendor.ledger.deleted.size).toBe(0);

    const args = [
      'purge',
      '--provider',
      'tensorslab',
      '--kind',
      'video,image',
      '--older-than',
      '30d',
      '--from-ledger',
      '--yes',
      '--json',
    ];
    const purged = await runCli(args, { env, cwd: dir });
    expect(purged.code).toBe(0);
    expect([...vendor.ledger.deleted].sort()).toEqual([
      'tensorslab/image/task-35d',
      'tensorslab/video/task-31d',
      'tensorslab/video/task-40d',
    ]);
    const receipts = readFileSync(join(dir, 'mediajobs-purge.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(receipts.map((r) => `${r.kind} ${r.id} ${r.ok}`).sort()).toEqual([
      'image task-35d true',
      'video task-31d true',
      'video task-40d true',
    ]);
    // The ledger knows they are gone: a second purge finds nothing, and an erasure does not ask for them again.
    const stats = JSON.parse((await runCli(['ledger', 'stats', '--json'], { env, cwd: dir })).stdout);
    expect(stats).toMatchObject({ resources: 5, erased: 3 });
    const deletesBefore = vendor.requests();
    const again = await runCli(args, { env, cwd: dir });
    expect(again.code).toBe(0);
    expect(vendor.requests()).toBe(deletesBefore); // nothing listed, nothing sent
    const dry = await runCli(['erase', '--subject', 'user-0', '--dry-run'], { env, cwd: dir });
    expect(dry.stdout).toMatch(/dry run: 1 would be erased \(tensorslab 1\); 2 of 3 recorded are erased already/);
  });
});

describe('mediajobs erase, killed', () => {
  // Both ledgers: SQLite in the run's folder, and a database of the test run's PostgreSQL.
  for (const backend of ['sqlite', 'postgres'] as const) {
    it(`on ${backend}: SIGKILL half-way, then the same command: nothing missed, the report complete`, async () => {
      const vendor = await server(40);
      const dir = folder();
      let ledger = `sqlite:${join(dir, 'ledger.db')}`;
      if (backend === 'postgres') {
        const database = await freshPostgresDatabase('erase_cli');
        disposers.push(database.drop);
        ledger = database.url;
      }
      const env = envFor(vendor.url, { MEDIAJOBS_LEDGER: ledger, MEDIAJOBS_LEDGER_KEY: LEDGER_KEY });
      expect((await runCli(['record', '--from', createdFile(dir, 'user-42', 60)], { env, cwd: dir })).code).toBe(0);
      const args = ['erase', '--subject', 'user-42', '--yes', '--json', '--concurrency', '2'];
      const child = startCli(args, { env, cwd: dir });
      const killed = finish(child);
      let seen = 0;
      await new Promise<void>((resolve) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk
            .toString()
            .split('\n')
            .filter((line) => line.includes('"outcome"')).length;
          if (seen >= 15 && !child.killed) {
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
      expect((await killed).code).toBeNull();
      const deletedAtKill = vendor.ledger.deleted.size;
      expect(deletedAtKill).toBeLessThan(60);

      const again = await runCli(args, { env, cwd: dir });
      const lines = jsonOut(again.stdout);
      const summary = lines.at(-1);
      expect(summary).toMatchObject({ type: 'report', complete: true });
      expect(again.code).toBe(0);
      expect(vendor.ledger.deleted.size).toBe(60);
      const report = JSON.parse(
        (await runCli(['ledger', 'report', summary.request, '--json'], { env, cwd: dir })).stdout,
      );
      expect(report.resources).toHaveLength(60);
      expect(report.resources.every((r: { outcome: string }) => ['deleted', 'already-gone'].includes(r.outcome))).toBe(
        true,
      );
      // At most what was in flight at the kill (2 per vendor) was sent twice; Tavus and Bifrost then said 404.
      const deletes = [...vendor.ledger.requests]
        .filter(([name]) => name.endsWith(' delete'))
        .reduce((n, [, count]) => n + count, 0);
      expect(deletes).toBeGreaterThanOrEqual(60);
      expect(deletes).toBeLessThanOrEqual(60 + 4 * 2);
      const alreadyGone = report.resources.filter((r: { outcome: string }) => r.outcome === 'already-gone').length;
      expect(alreadyGone).toBeLessThanOrEqual(deletes - 60);
    });
  }
});
