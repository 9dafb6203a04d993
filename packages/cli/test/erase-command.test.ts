// `mediajobs erase` in this process: its help, its checks, what it prints (text, JSON, progress on a
// terminal), how it asks on a terminal, and how it stops; against the fault server, on an SQLite ledger.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type FaultServer, startFaultServer } from '@mediajobs/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli, terminalInput } from './run-cli.js';
import { listenersOf, signalCommand } from './signals.js';
import { tempFolder } from './temp-folder.js';
import { vendorEnv } from './vendor-env.js';

const KEY = 'erase-command-key';

async function server(): Promise<FaultServer> {
  const started = await startFaultServer({ apiKey: KEY });
  onTestFinished(() => started.stop());
  return started;
}

const folder = () => tempFolder('erase-command-');

const envFor = (url: string, dir: string) => ({
  ...vendorEnv(url, KEY),
  MEDIAJOBS_LEDGER: `sqlite:${join(dir, 'l.db')}`,
});

type Resource = { provider: string; kind: string; id: string; subject?: string };

/** Records `resources` for `subject` (user-42 unless a resource says otherwise). */
async function record(env: Record<string, string>, dir: string, resources: Resource[]): Promise<void> {
  const file = join(dir, `created-${Math.random().toString(36).slice(2)}.jsonl`);
  const lines = resources.map((r) => JSON.stringify({ subject: 'user-42', createdAt: '2026-11-01T00:00:00Z', ...r }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const recorded = await runCli(['record', '--from', file], { env, cwd: dir });
  expect(recorded.code, recorded.stderr).toBe(0);
}

const tavusVideos = (count: number, prefix = 'v') =>
  Array.from({ length: count }, (_, i) => ({ provider: 'tavus', kind: 'video', id: `${prefix}${i}` }));

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/** Runs `args` with a terminal's stderr, and its input (a terminal's unless given). */
const onTerminal = (args: string[], env: Record<string, string>, stdin: NodeJS.ReadableStream = terminalInput()) =>
  runCli(args, { env, stdin, terminal: { stderr: true, columns: 100 } });

describe('mediajobs erase: help and checks', () => {
  it('explains each option, with examples and the exit codes, in its help', async () => {
    const help = await runCli(['erase', '--help'], { env: {} });
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const part of [
      'erase everything the ledger recorded for a person, at every vendor, with a report',
      '--subject <subject> whose resources: the user id or email they were recorded with',
      '--dry-run list what would be erased; delete nothing',
      '--yes erase without asking (needed when not on a terminal)',
      '--hard also delete assets irrevocably, for the kinds that take it (see `mediajobs kinds`)',
      "--report <file> write the erasure's report (JSON) to this file",
      '--concurrency <n> resources in flight at once, per vendor (1 to 8)',
      '--rate <n> requests per second per vendor, at most',
      'Examples: mediajobs erase --subject user-42 --dry-run',
      'Exit codes: 0 everything erased and read back, 1 some failed',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('takes --concurrency up to 8 per vendor and refuses more', async () => {
    const dir = folder();
    const env = envFor('http://127.0.0.1:9', dir);
    const eight = await runCli(['erase', '--subject', 'user-42', '--dry-run', '--concurrency', '8'], { env, cwd: dir });
    expect(eight.code, eight.stderr).toBe(0);
    const nine = await runCli(['erase', '--subject', 'user-42', '--dry-run', '--concurrency', '9'], { env, cwd: dir });
    expect(nine.code).toBe(2);
    expect(nine.stderr).toMatch(/^mediajobs: --concurrency is at most 8 per vendor\n/);
  });
});

describe('mediajobs erase --dry-run', () => {
  it('lists what would be erased with when it was created, and counts what is erased already', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(2, 'old'));
    expect((await runCli(['erase', '--subject', 'user-42', '--yes'], { env, cwd: dir })).code).toBe(0);
    await record(env, dir, [{ provider: 'a2e', kind: 'avatar', id: 'new1' }]);

    const dry = await runCli(['erase', '--subject', 'user-42', '--dry-run'], { env, cwd: dir });
    expect(dry.stdout).toBe(
      'a2e avatar new1 (created 2026-11-01T00:00:00.000Z)\n' +
        'dry run: 1 would be erased (a2e 1); 2 of 3 recorded are erased already\n',
    );

    const json = await runCli(['erase', '--subject', 'user-42', '--dry-run', '--json'], { env, cwd: dir });
    const lines = jsonLines(json.stdout);
    expect(lines).toHaveLength(3);
    const byId = Object.fromEntries(lines.map((line) => [line.id, line]));
    expect(byId.new1).toEqual({
      type: 'resource',
      provider: 'a2e',
      kind: 'avatar',
      id: 'new1',
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    expect(byId.old0).toMatchObject({ type: 'resource', provider: 'tavus', kind: 'video', id: 'old0' });
    expect(Date.parse(byId.old0.erasedAt)).not.toBeNaN();
    expect(vendor.ledger.deleted.size).toBe(2);
  });

  it('says "none" when nothing is left to erase', async () => {
    const dir = folder();
    const env = envFor('http://127.0.0.1:9', dir);
    const dry = await runCli(['erase', '--subject', 'nobody', '--dry-run'], { env, cwd: dir });
    expect(dry.stdout).toBe('dry run: 0 would be erased (none); 0 of 0 recorded are erased already\n');
  });
});

describe('mediajobs erase: what it prints', () => {
  it('prints a line per failure with its reason, the summary, the report file, and exits 1', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, [...tavusVideos(2), { provider: 'tavus', kind: 'video', id: 'denied-1' }]);
    const erased = await runCli(['erase', '--subject', 'user-42', '--yes', '--report', 'report.json'], {
      env,
      cwd: dir,
    });
    expect(erased.code).toBe(1);
    const lines = erased.stdout.split('\n');
    expect(lines[0]).toMatch(/^tavus video denied-1: failed, \w+Error: .+/);
    expect(erased.stdout).not.toMatch(/v0|v1|"type"/); // the ones erased need no line of their own
    expect(erased.stdout).toContain('\n  tavus video: 2 deleted, 1 failed (2 verified)\n');
    expect(erased.stdout).toMatch(
      /\nNot complete: some failed or are still there; run the same erase again to retry them\.\nReport: report\.json\n$/,
    );
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({ complete: false });
  });

  it('names no report file when none was asked for', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(1));
    const erased = await runCli(['erase', '--subject', 'user-42', '--yes'], { env, cwd: dir });
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/\nComplete: every recorded resource is erased\.\n$/);
    expect(erased.stdout).not.toContain('Report');
  });

  it('prints JSON lines: one outcome per resource, then the report with its file', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, [...tavusVideos(2), { provider: 'tavus', kind: 'video', id: 'denied-1' }]);
    const erased = await runCli(['erase', '--subject', 'user-42', '--yes', '--json', '--report', 'r.json'], {
      env,
      cwd: dir,
    });
    expect(erased.code).toBe(1);
    const lines = jsonLines(erased.stdout);
    const outcomes = lines.filter((line) => line.type === 'outcome');
    expect(outcomes.map((o) => `${o.id} ${o.outcome}`).sort()).toEqual(['denied-1 failed', 'v0 deleted', 'v1 deleted']);
    expect(outcomes.every((o) => o.provider === 'tavus' && o.kind === 'video')).toBe(true);
    const report = lines.at(-1);
    expect(report).toMatchObject({ type: 'report', complete: false, hard: false, file: 'r.json' });
    expect(Object.keys(report)).not.toContain('0');
    expect(report.resources).toBeUndefined();
  });

  it('leaves the file out of the JSON report when none was asked for, and says when the erasure was hard', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(1));
    const erased = await runCli(['erase', '--subject', 'user-42', '--yes', '--json', '--hard'], { env, cwd: dir });
    expect(erased.code).toBe(0);
    const report = jsonLines(erased.stdout).at(-1);
    expect(report).toMatchObject({ type: 'report', complete: true, hard: true });
    expect('file' in report).toBe(false);
  });

  it('says which resources are still there when read back after their delete', async () => {
    // A Tavus that answers every delete, and still reads each video as ready after it.
    const tavus = createServer((request, response) => {
      const id = decodeURIComponent(request.url?.split('/').at(-1)?.split('?')[0] ?? '');
      if (request.method === 'DELETE') {
        response.writeHead(200).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ video_id: id, video_name: id, status: 'ready', created_at: '2026-11-01T00:00:00Z' }));
    });
    await new Promise<void>((resolve) => tavus.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => tavus.close(() => resolve())));
    const dir = folder();
    const env = envFor(`http://127.0.0.1:${(tavus.address() as AddressInfo).port}`, dir);
    await record(env, dir, tavusVideos(1));
    const erased = await runCli(['erase', '--subject', 'user-42', '--yes'], { env, cwd: dir });
    expect(erased.stdout).toMatch(/^tavus video v0: deleted, still there when read back\n/);
    expect(erased.code).toBe(1);
  });
});

describe('mediajobs erase on a terminal', () => {
  it('shows its progress every 10 resources on a terminal, and ends the line; none for fewer', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, [
      ...tavusVideos(10),
      ...tavusVideos(9, 'w').map((resource) => ({ ...resource, subject: 'user-9' })),
    ]);
    const ten = await onTerminal(['erase', '--subject', 'user-42', '--yes'], env);
    expect(ten.code).toBe(0);
    expect(ten.stderr).toBe('\rerasing: 10 of 10\n');
    const nine = await onTerminal(['erase', '--subject', 'user-9', '--yes'], env);
    expect(nine.code).toBe(0);
    expect(nine.stderr).toBe('');
  });

  it('shows no progress off a terminal (stderr piped to a log)', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(10));
    const erased = await runCli(['erase', '--subject', 'user-42', '--yes'], { env });
    expect(erased.code).toBe(0);
    expect(erased.stderr).toBe('');
  });

  it('shows no progress with --json', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(10));
    const erased = await onTerminal(['erase', '--subject', 'user-42', '--yes', '--json'], env);
    expect(erased.code).toBe(0);
    expect(erased.stderr).toBe('');
  });

  it('asks before erasing on a terminal, and erases on "y" or "yes" in any case', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    const answers = ['y', 'yes ', 'YES'];
    await record(env, dir, [
      ...answers.map((_, i) => ({ provider: 'tavus', kind: 'video', id: `v${i}`, subject: `user-${i}` })),
      { provider: 'a2e', kind: 'avatar', id: 'a0', subject: 'user-0' },
    ]);
    for (const [i, answer] of answers.entries()) {
      const stdin = terminalInput();
      stdin.write(`${answer}\r`);
      const erased = await onTerminal(['erase', '--subject', `user-${i}`], env, stdin);
      expect(erased.code, answer).toBe(0);
      expect(vendor.deleted().has(`tavus:v${i}`), answer).toBe(true);
      // The prompt lets go of the terminal once answered.
      expect(stdin.listenerCount('keypress')).toBe(0);
      if (i === 0) expect(erased.stderr).toContain('Erase 2 resources (a2e 1, tavus 1) for good? [y/N] ');
    }
  });

  it('erases nothing on any other answer, and exits 2', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(2));
    for (const answer of ['', 'n', 'yesterday', 'ay']) {
      const stdin = terminalInput();
      stdin.write(`${answer}\r`);
      const refused = await onTerminal(['erase', '--subject', 'user-42'], env, stdin);
      expect(refused.code, answer).toBe(2);
    }
    expect(vendor.ledger.deleted.size).toBe(0);
  });

  it('refuses without --yes when its error output is not a terminal, even if its input is', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(2));
    const stdin = terminalInput();
    stdin.write('y\r'); // never read: there is no terminal to show the question on
    const refused = await runCli(['erase', '--subject', 'user-42'], { env, stdin });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to erase 2 resources \(tavus 2\) without --yes when not on a terminal/);
    expect(vendor.ledger.deleted.size).toBe(0);
  });

  it('does not ask when there is nothing to erase', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    const erased = await runCli(['erase', '--subject', 'nobody'], { env, cwd: dir });
    expect(erased.code).toBe(0);
    expect(erased.stderr).not.toContain('refusing');
    expect(erased.stdout).toContain('nothing recorded for this subject');
  });
});

describe('mediajobs erase, stopped', () => {
  it('stops on SIGTERM, says how to resume, exits 143, and leaves no signal handler behind', async () => {
    const vendor = await server();
    const dir = folder();
    const env = envFor(vendor.url, dir);
    await record(env, dir, tavusVideos(12));
    const before = listenersOf('SIGTERM');
    let stopped = false;
    const { code, stdout, stderr } = await runCli(
      ['erase', '--subject', 'user-42', '--yes', '--json', '--concurrency', '1'],
      {
        env,
        stdin: terminalInput(),
        terminal: { stderr: true },
        onStdout: (text) => {
          if (!stopped && text.includes('"outcome"')) {
            stopped = true;
            signalCommand('SIGTERM', before);
          }
        },
      },
    );
    expect(code).toBe(143);
    expect(stderr).toMatch(/Interrupted\. Resume with the same command \(request [\w-]+\)\.\n$/);
    expect(jsonLines(stdout).at(-1)).toMatchObject({ type: 'report', complete: false });
    expect(vendor.ledger.deleted.size).toBeLessThan(12);
    expect(process.listenerCount('SIGTERM')).toBe(before.size);
  });
});
