// `mediajobs record` and `mediajobs ledger stats|report`, run in-process on an SQLite ledger in a
// fresh folder (no vendor needed: an erasure of a subject with nothing recorded still makes a
// request with a report); and the password of a ledger URL, which the redactor hides.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '@mediajobs/ledger';
import { describe, expect, it } from 'vitest';
import { ledgerPassword } from '../src/ledger.js';
import { runCli } from './run-cli.js';
import { tempFolder } from './temp-folder.js';

const LEDGER_KEY = 'ledger-command-key-0123456789abcdef0123';

const folder = () => tempFolder('ledger-command-');

const envWith = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  MEDIAJOBS_LEDGER_KEY: LEDGER_KEY,
  ...extra,
});

/** Help as one line: commander wraps it at the terminal's width. */
async function helpOf(args: string[]): Promise<string> {
  const { code, stdout } = await runCli([...args, '--help'], { env: envWith(), cwd: tmpdir() });
  expect(code).toBe(0);
  return stdout.replace(/\s+/g, ' ');
}

/** `count` JSON lines of tavus videos of one subject. */
function jsonLines(count: number, subject = 'user-42'): string {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ subject, provider: 'tavus', id: `v${i}` })).join(
    '\n',
  );
}

describe('mediajobs record and ledger --help', () => {
  it('record --help says what each argument and option is, with examples', async () => {
    const help = await helpOf(['record']);
    expect(help).toContain('record whose a resource is, in the ledger (see `mediajobs erase`)');
    expect(help).toContain("provider the vendor id the resource's id, as the vendor gave it");
    expect(help).toContain('--subject <subject> whose it is: a user id or email (stored only as a keyed hash)');
    expect(help).toContain('--created-at <time> when it was created (ISO 8601; default now)');
    expect(help).toContain(
      '--from <file> record every JSON line of this file: {"subject", "provider", "kind"?, "id", "createdAt"?}',
    );
    expect(help).toContain(
      '--ledger <location> the ledger: sqlite:<file> or postgres://... (default: MEDIAJOBS_LEDGER, else sqlite:mediajobs-ledger.db here)',
    );
    expect(help).toContain('Examples: mediajobs record tavus 8a4f94e736 --subject user-42');
    expect(help).toContain('one bad line records nothing.');
  });

  it('ledger --help lists stats and report, each with its own help', async () => {
    expect(await helpOf(['ledger'])).toContain('what the ledger of created resources holds, and erasure reports');
    const stats = await helpOf(['ledger', 'stats']);
    expect(stats).toContain('counts: subjects, resources per vendor and kind, erased, erasure requests');
    expect(stats).toContain('--ledger <location> the ledger: sqlite:<file>');
    const report = await helpOf(['ledger', 'report']);
    expect(report).toContain('Usage: mediajobs ledger report [options] <request>');
    expect(report).toContain("an erasure request's report: a summary, or JSON with --json");
    expect(report).toContain('request the erasure request id (erase prints it)');
    expect(report).toContain('--out <file> also write the report (JSON) to this file');
  });
});

describe('mediajobs record', () => {
  it('records one resource with the time it was created, and says so in its output', async () => {
    const dir = folder();
    const location = `sqlite:${join(dir, 'ledger.db')}`;
    const env = envWith();
    const args = ['record', 'tavus', 'v1', '--subject', 'user-42', '--created-at', '2020-01-02T03:04:05Z'];
    const first = await runCli([...args, '--ledger', location], { env, cwd: dir });
    expect(first).toEqual({ code: 0, stdout: `recorded 1 in ${location}\n`, stderr: '' });
    const again = await runCli([...args, '--ledger', location, '--json'], { env, cwd: dir });
    expect(JSON.parse(again.stdout)).toEqual({ recorded: 0, already: 1, ledger: location });

    const ledger = await openLedger(location, { env });
    try {
      expect(await ledger.find('user-42')).toEqual([
        { provider: 'tavus', kind: 'video', id: 'v1', createdAt: new Date('2020-01-02T03:04:05Z') },
      ]);
    } finally {
      await ledger.close();
    }
  });

  it('names the ledger on stderr only when neither --ledger nor MEDIAJOBS_LEDGER chose it', async () => {
    const dir = folder();
    const env = envWith();
    const record = ['record', 'tavus', 'v1', '--subject', 'user-42'];
    const byDefault = await runCli(record, { env, cwd: dir });
    expect(byDefault.stderr).toBe(
      `ledger: sqlite:${join(dir, 'mediajobs-ledger.db')} (set --ledger or MEDIAJOBS_LEDGER for another)\n`,
    );
    const location = `sqlite:${join(dir, 'chosen.db')}`;
    const byOption = await runCli([...record, '--ledger', location], { env, cwd: dir });
    expect(byOption).toEqual({ code: 0, stdout: `recorded 1 in ${location}\n`, stderr: '' });
    const byVariable = await runCli(record, { env: envWith({ MEDIAJOBS_LEDGER: location }), cwd: dir });
    expect(byVariable).toEqual({ code: 0, stdout: `recorded 0 (1 recorded already) in ${location}\n`, stderr: '' });
  });

  it('closes the ledger when done: no SQLite journal left beside it', async () => {
    const dir = folder();
    const file = join(dir, 'ledger.db');
    const run = await runCli(['record', 'tavus', 'v1', '--subject', 'user-42', '--ledger', `sqlite:${file}`], {
      env: envWith(),
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a record without a provider or an id, and --from mixed with arguments', async () => {
    const dir = folder();
    const env = envWith();
    const needsBoth = /^mediajobs: give <provider> <id> --subject <subject>, or --from <file>\n/;
    const notBoth = /^mediajobs: give either --from <file> or <provider> <id> --subject <subject>, not both\n/;
    writeFileSync(join(dir, 'created.jsonl'), `${jsonLines(1)}\n`);
    for (const [args, message] of [
      [['record', 'tavus', '--subject', 'user-42'], needsBoth],
      [['record', '--subject', 'user-42'], needsBoth],
      [['record', '--from', 'created.jsonl', 'tavus'], notBoth],
      [['record', '--from', 'created.jsonl', '--subject', 'user-42'], notBoth],
    ] as const) {
      const run = await runCli([...args], { env, cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    // Nothing was opened for a refused command line, let alone recorded.
    expect(existsSync(join(dir, 'mediajobs-ledger.db'))).toBe(false);
  });

  it('refuses --from - : a file is read twice (checked, then recorded), a pipe cannot be', async () => {
    const dir = folder();
    const run = await runCli(['record', '--from', '-'], { env: envWith(), cwd: dir, stdin: `${jsonLines(1)}\n` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /mediajobs: record --from needs a file \(it is read twice: checked whole, then recorded\)\n/,
    );
  });

  it('records a file of JSON lines in batches, blank lines skipped, and counts those recorded already', async () => {
    const dir = folder();
    const location = `sqlite:${join(dir, 'ledger.db')}`;
    const env = envWith();
    // More than one batch of 1,000, with blank and whitespace-only lines among them.
    const file = join(dir, 'created.jsonl');
    writeFileSync(file, `\n${jsonLines(1200)}\n   \n\n${jsonLines(300, 'user-7')}\n`);
    const first = await runCli(['record', '--from', file, '--ledger', location], { env, cwd: dir });
    expect(first).toEqual({ code: 0, stdout: `recorded 1500 in ${location}\n`, stderr: '' });
    const again = await runCli(['record', '--from', file, '--ledger', location], { env, cwd: dir });
    expect(again.stdout).toBe(`recorded 0 (1500 recorded already) in ${location}\n`);
  });

  it('refuses a file with a line that is not JSON, naming the line, and records nothing of it', async () => {
    const dir = folder();
    const env = envWith();
    const file = join(dir, 'created.jsonl');
    writeFileSync(
      file,
      `${jsonLines(2)}\n\n{"subject": "user-42", "provider": "tavus", "id": \n${jsonLines(1, 'u')}\n`,
    );
    const run = await runCli(['record', '--from', file], { env, cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`mediajobs: ${file} line 4 is not JSON: \\S`));
    const stats = await runCli(['ledger', 'stats', '--json'], { env, cwd: dir });
    expect(JSON.parse(stats.stdout)).toMatchObject({ subjects: 0, resources: 0 });
  });
});

describe('mediajobs ledger stats and report', () => {
  it('stats: the counts per vendor and kind, and the erasure requests, as lines or JSON', async () => {
    const dir = folder();
    const location = `sqlite:${join(dir, 'ledger.db')}`;
    const env = envWith({ MEDIAJOBS_LEDGER: location });
    await runCli(['record', 'tavus', 'v1', '--subject', 'user-42'], { env, cwd: dir });
    await runCli(['record', 'tavus', 'r1', '--kind', 'replica', '--subject', 'user-42'], { env, cwd: dir });
    await runCli(['record', 'a2e', 'a1', '--kind', 'voice', '--subject', 'user-7'], { env, cwd: dir });
    expect((await runCli(['erase', '--subject', 'nobody', '--yes'], { env, cwd: dir })).code).toBe(0);

    const text = await runCli(['ledger', 'stats'], { env, cwd: dir });
    expect(text).toEqual({
      code: 0,
      stdout: [
        `ledger ${location}`,
        '2 subjects, 3 resources (0 erased)',
        '  a2e voice: 1 (0 erased)',
        '  tavus replica: 1 (0 erased)',
        '  tavus video: 1 (0 erased)',
        '1 erasure requests (0 unfinished)',
        '',
      ].join('\n'),
      stderr: '',
    });
    const json = await runCli(['ledger', 'stats', '--json'], { env, cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ ledger: location, subjects: 2, resources: 3 });
  });

  it('report: a summary, or JSON with --json, and the report also written, private, with --out', async () => {
    const dir = folder();
    const location = `sqlite:${join(dir, 'ledger.db')}`;
    const env = envWith({ MEDIAJOBS_LEDGER: location });
    const erased = await runCli(['erase', '--subject', 'nobody', '--yes'], { env, cwd: dir });
    const request = /^Erasure (\S+) of/.exec(erased.stdout)?.[1] as string;
    expect(request).toMatch(/^[0-9a-f-]{36}$/);

    const summary = await runCli(['ledger', 'report', request], { env, cwd: dir });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(
      new RegExp(
        `^Erasure ${request} of hmac-sha256:\\w+… \\(${location}\\)\\n` +
          '  asked \\S+, finished \\S+\\n' +
          '  nothing recorded for this subject\\n' +
          'Complete: every recorded resource is erased\\.\\n$',
      ),
    );
    expect(existsSync(join(dir, 'report.json'))).toBe(false);

    const out = join(dir, 'report.json');
    const json = await runCli(['ledger', 'report', request, '--json', '--out', out], { env, cwd: dir });
    expect(json.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ request, complete: true, resources: [] });
    expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('ledgerPassword (for the redactor)', () => {
  it('is the decoded password of a PostgreSQL ledger URL, either spelling, any case', () => {
    expect(ledgerPassword({ MEDIAJOBS_LEDGER: 'postgres://ledger:p%40ss@db/mediajobs' })).toBe('p@ss');
    expect(ledgerPassword({ MEDIAJOBS_LEDGER: 'PostgreSQL://ledger:secret@db/mediajobs' })).toBe('secret');
  });

  it('is nothing without a password, for other ledgers, or without MEDIAJOBS_LEDGER', () => {
    expect(ledgerPassword({ MEDIAJOBS_LEDGER: 'postgres://ledger@db/mediajobs' })).toBeUndefined();
    // Only a PostgreSQL URL is read: "postgres:" further in is a host, not the scheme.
    expect(ledgerPassword({ MEDIAJOBS_LEDGER: 'mysql://ledger:secret@postgres:5432/db' })).toBeUndefined();
    expect(ledgerPassword({ MEDIAJOBS_LEDGER: 'sqlite:/tmp/ledger.db' })).toBeUndefined();
    expect(ledgerPassword({})).toBeUndefined();
  });
});
