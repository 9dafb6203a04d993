// `mediajobs purge` in this process: its help (built from the registry), and runPurge's outcomes a user
// acts on (the dry run's summary and exit code, the confirmation, progress on a terminal, a receipt that
// cannot be written, a stop by a signal, the request settings), against a fault server of seeded jobs.
import fs from 'node:fs';
import { type FaultServerOptions, type SeededJob, seedJobs, startFaultServer } from '@mediajobs/testing';
import type { Provider } from 'mediajobs';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { withFs } from './fs-faults.js';
import { runCli } from './run-cli.js';
import { tempFolder } from './temp-folder.js';
import { vendorEnv } from './vendor-env.js';

const KEY = 'purge-command-key';

/** A fault server holding `jobs`, stopped when the test ends. */
async function serverWith(jobs: SeededJob[], options: FaultServerOptions = {}) {
  const server = await startFaultServer({ jobs, seed: 7, apiKey: KEY, ...options });
  onTestFinished(() => server.stop());
  return server;
}

const envFor = (url: string, keyed: readonly Provider[] = ['tavus', 'a2e']) => vendorEnv(url, KEY, keyed);

/** A fresh folder for the receipts and the snapshot, removed when the test ends. */
const folder = () => tempFolder('purge-command-');

/** Runs `body` on a disk that fills up: each receipt's write (its line has "ok") comes back short. */
function withReceiptWritesCutShort<T>(body: () => Promise<T>): Promise<T> {
  const { writeSync } = fs;
  const cutShort = ((fd: number, data: unknown, ...rest: never[]) =>
    Buffer.isBuffer(data) && data.includes('"ok":')
      ? 0
      : writeSync(fd, data as Buffer, ...rest)) as typeof fs.writeSync;
  return withFs({ writeSync: cutShort }, body);
}

/** Runs `body` with Ctrl-C pressed as soon as it listens for SIGINT: its handler called as the signal would. */
async function withCtrlCAtOnce<T>(body: () => Promise<T>): Promise<T> {
  const on = process.on.bind(process);
  const listen = vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (signal: string) => void) => {
    on(event, listener);
    if (event === 'SIGINT') listener('SIGINT');
    return process;
  }) as typeof process.on);
  try {
    return await body();
  } finally {
    listen.mockRestore();
  }
}

/** The help as one line: commander wraps it at 80 columns. */
async function help(): Promise<string> {
  const { code, stdout } = await runCli(['purge', '--help'], { env: {} });
  expect(code).toBe(0);
  return stdout.replace(/\s+/g, ' ');
}

describe('mediajobs purge --help', () => {
  it('says what the command does and what each of its options means', async () => {
    const text = await help();
    expect(text).toContain(
      'delete every job older than an age: list into a snapshot, delete with receipts, verify (resumable)',
    );
    for (const described of [
      "--older-than <age> delete jobs created before now minus this age (30d, 12h, 90m; a unit is required; with --resume, the snapshot's)",
      '--provider <providers> comma-separated (default: every vendor that can list and has a key set)',
      '--dry-run list and write the snapshot for review; delete nothing',
      '--yes delete without asking (needed when not on a terminal)',
      '--receipts <file> one JSON line per ref; the snapshot goes to <file>.snapshot.jsonl',
      '--resume delete from the existing snapshot with its filter, skipping refs with an ok receipt; count a 404 as deleted',
      '--concurrency <n> requests in flight per vendor (default: 8)',
      '--rate <n> requests per second per vendor, at most',
    ]) {
      expect(text).toContain(described);
    }
  });

  it('--hard names the kinds that take it and what it does there', async () => {
    expect(await help()).toContain(
      "--hard tavus video, tavus replica, tavus conversation: also delete the video's assets, irrevocably; and delete jobs already soft-deleted (skipped otherwise)",
    );
  });

  it('offers the per-value list option a gateway needs (--upstream), saying who needs it', async () => {
    expect(await help()).toContain(
      "--upstream <names> bifrost video, bifrost file, bifrost container: the gateway's upstream provider whose jobs to list, comma-separated (required there)",
    );
  });

  it('names the vendors that cannot list, for --from-ledger and in the notes', async () => {
    const text = await help();
    expect(text).toContain('--from-ledger the kinds that cannot list (tensorslab): take the resources recorded');
    expect(text).toContain('A vendor whose kind cannot list (tensorslab) is named in the summary and left alone');
  });

  it('ends with examples (one naming a vendor of each listing style, with the value it needs) and the exit codes', async () => {
    const text = await help();
    expect(text).toContain(
      'Examples: mediajobs purge --older-than 30d --dry-run # review mediajobs-purge.jsonl.snapshot.jsonl',
    );
    expect(text).toContain(
      'mediajobs purge --older-than 90d --provider tavus,bifrost --upstream openai --yes --json The listing comes first',
    );
    expect(text).toContain('Exit codes: 0 all deleted and verified, 1 some failed or a vendor could not be purged');
  });
});

describe('mediajobs purge', () => {
  // A kind's own list filter (a Tavus document's --tags) is not a purge option: accepted, it would be ignored,
  // and the purge would delete more than the user asked for.
  it('refuses a list filter of one kind (--tags) instead of ignoring it (exit 2, nothing sent)', async () => {
    const server = await serverWith([]);
    const { code, stderr } = await runCli(['purge', '--older-than', '30d', '--provider', 'tavus', '--tags', 'docs'], {
      env: envFor(server.url),
      cwd: folder(),
    });
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--tags'");
    expect(server.requests()).toBe(0);
  });

  it('--dry-run sums up how many jobs older than the age (and created before when) would go, and where they are', async () => {
    const now = Date.now();
    const seeded = seedJobs({ count: 30, now, providers: ['a2e'] });
    const server = await serverWith(seeded);
    const { code, stdout } = await runCli(['purge', '--older-than', '30d', '--provider', 'a2e', '--dry-run'], {
      env: envFor(server.url),
      cwd: folder(),
    });
    expect(code).toBe(0);
    const old = seeded.filter((job) => job.createdAtMs < now - 30 * 86_400_000).length;
    expect(stdout).toMatch(
      new RegExp(
        `^dry run: ${old} jobs older than 30d \\(created before \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\) would be deleted; see mediajobs-purge\\.jsonl\\.snapshot\\.jsonl$`,
        'm',
      ),
    );
    expect(server.ledger.deleted.size).toBe(0);
  });

  it('--dry-run exits 1 when one of the vendors could not be listed, though the others could', async () => {
    const server = await serverWith(seedJobs({ count: 30, providers: ['tavus', 'a2e'] }));
    const { code, stdout } = await runCli(['purge', '--older-than', '30d', '--provider', 'tavus,a2e', '--dry-run'], {
      env: envFor(server.url, ['tavus']),
      cwd: folder(),
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^tavus: matched \d+/m);
    expect(stdout).toMatch(/^a2e: listing failed: AuthenticationError/m);
  });

  it('with no job old enough, there is nothing to confirm: exit 0 without --yes, not on a terminal', async () => {
    const server = await serverWith(seedJobs({ count: 20, providers: ['a2e'] }));
    const { code, stdout, stderr } = await runCli(['purge', '--older-than', '3650d', '--provider', 'a2e'], {
      env: envFor(server.url),
      cwd: folder(),
    });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'receipts in mediajobs-purge.jsonl\n', stderr: '' });
  });

  it('after the deletes, the summary says where the receipts are', async () => {
    const server = await serverWith(seedJobs({ count: 20, providers: ['a2e'] }));
    const { code, stdout } = await runCli(
      ['purge', '--older-than', '30d', '--provider', 'a2e', '--yes', '--receipts', 'done.jsonl'],
      { env: envFor(server.url), cwd: folder() },
    );
    expect(code).toBe(0);
    expect(server.ledger.deleted.size).toBeGreaterThan(0);
    expect(stdout).toMatch(/\nreceipts in done\.jsonl\n$/);
  });

  it('on a terminal, the listing shows its progress on stderr; with --json it does not', async () => {
    const server = await serverWith(seedJobs({ count: 20, providers: ['a2e'] }));
    const cwd = folder();
    const onTerminal = async (json: string[]) => {
      const args = [...json, 'purge', '--older-than', '30d', '--provider', 'a2e', '--dry-run'];
      const { code, stderr } = await runCli(args, { env: envFor(server.url), cwd, terminal: { stderr: true } });
      expect(code).toBe(0);
      return stderr;
    };
    expect(await onTerminal([])).toMatch(/listing: \d+ jobs older than the cutoff found\n$/);
    expect(await onTerminal(['--json'])).not.toContain('listing:');
  });

  it('a receipt that cannot be written stops the run: exit 1, the summary says incomplete, and how to resume', async () => {
    const server = await serverWith(seedJobs({ count: 20, providers: ['a2e'] }));
    const env = envFor(server.url);
    const cwd = folder();
    const args = ['purge', '--receipts', 'r.jsonl', '--older-than', '30d', '--provider', 'a2e'];
    expect((await runCli([...args, '--dry-run'], { env, cwd })).code).toBe(0);
    const result = await withReceiptWritesCutShort(() =>
      runCli(['purge', '--receipts', 'r.jsonl', '--resume', '--yes', '--concurrency', '1'], { env, cwd }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\nreceipts in r\.jsonl, incomplete\n$/);
    expect(result.stderr).toContain('is the disk full?');
    expect(result.stderr).toContain(
      'Free some space, then resume with: mediajobs purge --receipts r.jsonl --resume --yes',
    );
  });

  it('stopped by Ctrl-C while deleting: says how to resume, exit 130', async () => {
    const server = await serverWith(seedJobs({ count: 20, providers: ['a2e'] }));
    const env = envFor(server.url);
    const cwd = folder();
    const args = ['purge', '--receipts', 'r.jsonl', '--older-than', '30d', '--provider', 'a2e'];
    expect((await runCli([...args, '--dry-run'], { env, cwd })).code).toBe(0);
    const result = await withCtrlCAtOnce(() =>
      runCli(['purge', '--receipts', 'r.jsonl', '--resume', '--yes'], { env, cwd }),
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Interrupted. Resume with: mediajobs purge --receipts r.jsonl --resume --yes');
    expect(server.ledger.deleted.size).toBe(0);
  });

  it('keeps to --timeout and --retries: a vendor slower than the time limit fails its listing (exit 1)', async () => {
    const server = await serverWith(seedJobs({ count: 6, providers: ['a2e'] }), { latencyMs: 400 });
    const { code, stdout } = await runCli(
      ['purge', '--older-than', '30d', '--provider', 'a2e', '--dry-run', '--timeout', '50ms', '--retries', '0'],
      { env: envFor(server.url), cwd: folder() },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/^a2e: listing failed: TimeoutError/m);
    // --retries 0: the one listing request was not repeated.
    expect(server.ledger.repeats).toBe(0);
  });
});
