// `mediajobs delete` run in this process (runCli, or `run` with a terminal's stderr for the progress
// bar) against a loopback Tavus, and the argument parsers and help texts the commands share (shared.ts).
import { existsSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Job } from 'mediajobs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type Handler, type Origin, startOrigin } from '../../../test-support/origins.js';
import {
  commaList,
  duration,
  kindOption,
  kindsOption,
  listableArg,
  oneJobCommand,
  positiveInteger,
  printJob,
  providerArg,
  statusList,
  wholeNumber,
} from '../src/commands/shared.js';
import { runCli } from './run-cli.js';
import { listenersOf, signalCommand } from './signals.js';
import { tempFolder } from './temp-folder.js';

/** A fresh folder, removed when the test ends. */
const folder = () => tempFolder('mediajobs-delete-');

/** A loopback Tavus that deletes each id once (200), then answers 404; closed when the test ends. */
async function tavus(): Promise<Origin & { deleted: string[] }> {
  const server = await startOrigin();
  onTestFinished(() => server.close());
  const deleted: string[] = [];
  server.handle(deleteOnce(deleted));
  return Object.assign(server, { deleted });
}

const deleteOnce =
  (deleted: string[]): Handler =>
  (request, response) => {
    const id = decodeURIComponent(request.path.split('/').pop() ?? '');
    if (deleted.includes(id)) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"gone"}');
      return;
    }
    deleted.push(id);
    response.writeHead(200).end();
  };

const envFor = (server: Origin) => ({
  PATH: process.env.PATH ?? '',
  TAVUS_BASE_URL: server.url,
  TAVUS_API_KEY: 'delete-test-key',
});

const refsFile = (dir: string, ids: string[]) => {
  const path = join(dir, 'refs.jsonl');
  writeFileSync(path, ids.map((id) => JSON.stringify({ provider: 'tavus', id })).join('\n'));
  return path;
};

/** The summary line (the last of stdout). */
const summaryOf = (stdout: string) => stdout.trimEnd().split('\n').at(-1) ?? '';

describe('delete: usage', () => {
  it('refuses a provider without ids: nothing is sent', async () => {
    const server = await tavus();
    const { code, stderr } = await runCli(['delete', 'tavus'], { env: envFor(server) });
    expect(code).toBe(2);
    expect(stderr).toContain('give a provider and at least one id, or --from <file>');
    expect(server.seen).toEqual([]);
  });

  it('refuses --resume without --from: nothing is sent', async () => {
    const server = await tavus();
    const { code, stderr } = await runCli(['delete', 'tavus', 'v1', '--resume'], { env: envFor(server) });
    expect(code).toBe(2);
    expect(stderr).toContain('--resume goes with --from and --receipts');
    expect(server.seen).toEqual([]);
  });

  it('--help describes the arguments and every option, --hard as a flag of the kinds that take it', async () => {
    const { code, stdout } = await runCli(['delete', '--help'], { env: {} });
    expect(code).toBe(0);
    for (const text of [
      'delete jobs given as arguments, or every ref of a JSONL/CSV file (resumable)',
      'one of tensorslab, tavus, bifrost, a2e',
      'job ids',
      'read refs from a .jsonl or .csv file, or - for stdin',
      'input format (default: by extension, else jsonl)',
      '(choices: "jsonl", "csv")',
      'append one JSON line per ref: {provider, id, kind, ok, error?, line, at}',
      'skip refs that already have an ok receipt; count a 404 as deleted',
      'requests in flight per vendor',
      "requests per second per vendor, at most (your quota); without it the rate adapts to the vendor's throttling",
      "time limit of one request, the answer's body included (e.g. 30s, 2m; default 60s)",
      'read and check the refs, send nothing',
      "the kind of job (default: the vendor's first;",
    ]) {
      expect(stdout.replace(/\s+/g, ' ')).toContain(text);
    }
    // --hard takes no value; its text names the kinds that take it.
    expect(stdout).toMatch(/--hard +tavus video(, \w+ [\w-]+)*: \S/);
  });
});

describe('delete: a run', () => {
  it('prints a plain summary: no skipped count when none was skipped, and where the receipts are', async () => {
    const server = await tavus();
    const dir = folder();
    const receipts = join(dir, 'receipts.jsonl');
    const { code, stdout } = await runCli(['delete', 'tavus', 'v1', 'v2', '--receipts', receipts], {
      env: envFor(server),
    });
    expect(code).toBe(0);
    expect(summaryOf(stdout)).toMatch(
      new RegExp(`^deleted 2, failed 0 in \\d+\\.\\d s; receipts in ${receipts.replace(/[.]/g, '\\.')}$`),
    );
  });

  it('a dry run says so in its summary and names no receipts file, as it writes none', async () => {
    const server = await tavus();
    const dir = folder();
    const receipts = join(dir, 'receipts.jsonl');
    const { code, stdout } = await runCli(
      ['delete', '--dry-run', '--from', refsFile(dir, ['d1', 'd2']), '--receipts', receipts],
      { env: envFor(server) },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('would delete tavus d1');
    expect(summaryOf(stdout)).toMatch(/^dry run: deleted 0, failed 0 in \d+\.\d s$/);
    expect(existsSync(receipts)).toBe(false);
    expect(server.seen).toEqual([]);
  });

  it('a dry run reports a ref the vendor cannot take as failed (exit 1)', async () => {
    const dir = folder();
    const refs = join(dir, 'refs.jsonl');
    writeFileSync(
      refs,
      `${JSON.stringify({ provider: 'tavus', id: 'ok-1' })}\n${JSON.stringify({ provider: 'tavus', id: 'x', kind: 'image' })}\n`,
    );
    const { code, stdout } = await runCli(['delete', '--dry-run', '--from', refs], { env: {} });
    expect(code).toBe(1);
    expect(stdout).toContain('would delete tavus ok-1');
    expect(stdout).toMatch(/FAILED .*\(line 2\)/);
    expect(summaryOf(stdout)).toMatch(/^dry run: deleted 0, failed 1 in/);
  });

  it('a dry run builds no client: a proxy setting it could not use does not stop it', async () => {
    const dir = folder();
    const { code, stdout } = await runCli(['delete', '--dry-run', '--from', refsFile(dir, ['p1'])], {
      env: { HTTPS_PROXY: 'ftp://not-a-proxy' },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('would delete tavus p1');
  });

  it('without --resume, refs that already have an ok receipt are deleted again', async () => {
    const server = await tavus();
    const dir = folder();
    const refs = refsFile(dir, ['r1', 'r2']);
    const receipts = join(dir, 'receipts.jsonl');
    writeFileSync(
      receipts,
      `${JSON.stringify({ provider: 'tavus', id: 'r1', ok: true, at: new Date().toISOString() })}\n`,
    );
    const { code, stdout } = await runCli(['delete', '--from', refs, '--receipts', receipts], { env: envFor(server) });
    expect(code).toBe(0);
    expect(server.deleted).toEqual(['r1', 'r2']);
    expect(summaryOf(stdout)).toMatch(/^deleted 2, failed 0 in/);
  });

  it('--resume skips the refs with an ok receipt, says how many, and counts a 404 as deleted', async () => {
    const server = await tavus();
    server.deleted.push('r2'); // deleted by a run whose receipt was lost
    const dir = folder();
    const refs = refsFile(dir, ['r1', 'r2', 'r3']);
    const receipts = join(dir, 'receipts.jsonl');
    writeFileSync(
      receipts,
      `${JSON.stringify({ provider: 'tavus', id: 'r1', ok: true, at: new Date().toISOString() })}\n`,
    );
    const { code, stdout } = await runCli(['delete', '--from', refs, '--receipts', receipts, '--resume'], {
      env: envFor(server),
    });
    expect(code).toBe(0);
    expect(server.seen.map((request) => request.path.split('/').pop())).toEqual(['r2', 'r3']);
    expect(summaryOf(stdout)).toMatch(/^deleted 2, failed 0, skipped 1 \(already deleted\) in \d+\.\d s; receipts in /);
  });

  it('--json prints each outcome as its receipt, with no "recorded" mark when nothing is written', async () => {
    const server = await tavus();
    const { code, stdout } = await runCli(['delete', '--json', 'tavus', 'j1'], { env: envFor(server) });
    expect(code).toBe(0);
    const receipt = JSON.parse(stdout.trim());
    expect(receipt).toMatchObject({ provider: 'tavus', id: 'j1', ok: true });
    expect(receipt).not.toHaveProperty('recorded');
  });

  it('releases the receipts lock, its signal handlers and the receipts file when done', async () => {
    const server = await tavus();
    const dir = folder();
    const receipts = join(dir, 'receipts.jsonl');
    const listeners = process.listenerCount('SIGINT');
    const { code } = await runCli(['delete', 'tavus', 'l1', '--receipts', receipts], { env: envFor(server) });
    expect(code).toBe(0);
    expect(existsSync(`${receipts}.lock`)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    if (existsSync('/proc/self/fd')) expect(openFiles().filter((path) => path === receipts)).toEqual([]);
  });
});

/** Runs `args` with a terminal's stderr if asked, calling `onLine` with each write to stdout. */
const runIn = (args: string[], env: Record<string, string>, { terminal = false, onLine = (_: string) => {} } = {}) =>
  runCli(args, { env, terminal: { stderr: terminal, columns: 120 }, onStdout: onLine });

/** The files this process has open (Linux's /proc). */
function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

describe('delete: stopped early', () => {
  it('Ctrl-C stops starting deletes and prints the command to resume (exit 130)', async () => {
    const server = await tavus();
    const deleted: string[] = [];
    const before = listenersOf('SIGINT');
    server.handle((request, response) => {
      signalCommand('SIGINT', before);
      deleteOnce(deleted)(request, response);
    });
    const { code, stdout, stderr } = await runCli(
      ['delete', 'tavus', 'c1', 'c2', 'c3', 'c4', 'c5', '--concurrency', '1'],
      { env: envFor(server) },
    );
    expect(code).toBe(130);
    // c1 was deleted; c2, already taken, is aborted before it is sent; the rest are not even read.
    expect(deleted).toEqual(['c1']);
    expect(summaryOf(stdout)).toMatch(/^deleted 1, failed 1 in/);
    expect(stdout).not.toMatch(/c[345]/);
    expect(stderr).toContain(
      'Interrupted. Resume with: mediajobs delete --from <refs> --receipts <receipts.jsonl> --resume',
    );
  });

  it('Ctrl-C stops a dry run from listing more refs', async () => {
    const dir = folder();
    const before = listenersOf('SIGINT');
    const ids = Array.from({ length: 50 }, (_, i) => `dry-${i}`);
    const { code, stdout, stderr } = await runIn(
      ['delete', '--dry-run', '--from', refsFile(dir, ids)],
      {},
      {
        onLine: (line) => {
          if (line.includes('would delete tavus dry-0')) signalCommand('SIGINT', before);
        },
      },
    );
    expect(code).toBe(130);
    expect(stdout).not.toContain('dry-49');
    expect(stderr).toContain('Interrupted. Resume with: mediajobs delete --from ');
  });

  // /dev/full: a device whose every write fails with ENOSPC (Linux).
  it.skipIf(!existsSync('/dev/full'))(
    'a receipt that cannot be written stops the run, is marked not recorded, and the resume command is told',
    async () => {
      const server = await tavus();
      const dir = folder();
      const refs = refsFile(dir, ['f1', 'f2', 'f3']);
      // A full disk: every write to the receipts fails with ENOSPC.
      const receipts = join(dir, 'receipts.jsonl');
      symlinkSync('/dev/full', receipts);
      const { code, stdout, stderr } = await runCli(
        ['delete', '--json', '--from', refs, '--receipts', receipts, '--concurrency', '1'],
        { env: envFor(server) },
      );
      expect(code).toBe(1);
      // f2 was already taken when f1's receipt failed; f3 is never sent.
      expect(server.deleted).toEqual(['f1', 'f2']);
      const outcomes = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(outcomes[0]).toMatchObject({ provider: 'tavus', id: 'f1', ok: true, recorded: false });
      expect(outcomes.every((outcome) => outcome.recorded === false)).toBe(true);
      expect(stderr).toContain(`outcomes are NOT recorded in ${receipts}:\n  deleted: tavus video f1\n`);
      expect(stderr).toContain(
        `Free some space, then resume with: mediajobs delete --from ${refs} --receipts ${receipts} --resume`,
      );
    },
  );
});

describe('delete: the progress bar on a terminal', () => {
  it('a run from a file shows the refs done out of the total', async () => {
    const server = await tavus();
    const dir = folder();
    const { code, stderr } = await runIn(
      ['delete', '--from', refsFile(dir, ['b1', 'b2', 'b3']), '--receipts', join(dir, 'r.jsonl')],
      envFor(server),
      { terminal: true },
    );
    expect(code).toBe(0);
    // The last redraw: all three done, none failed.
    expect(stderr).toMatch(/deleting [█░]+ 3\/3 \| [\d.]+\/s \| ETA 0s \| 0 failed/);
  });

  it('ids given as arguments show no bar', async () => {
    const server = await tavus();
    const { code, stderr } = await runIn(['delete', 'tavus', 'a1', 'a2'], envFor(server), { terminal: true });
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('tells when a vendor is throttling', async () => {
    const server = await tavus();
    const deleted: string[] = [];
    let throttled = false;
    server.handle((request, response) => {
      if (!throttled) {
        throttled = true;
        response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{}');
        return;
      }
      deleteOnce(deleted)(request, response);
    });
    const dir = folder();
    const { code, stderr } = await runIn(
      ['delete', '--from', refsFile(dir, ['t1', 't2']), '--receipts', join(dir, 'r.jsonl')],
      envFor(server),
      { terminal: true },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('tavus throttled');
  });
});

describe('shared argument parsers', () => {
  it('a provider outside the list names every provider', () => {
    expect(providerArg('tavus')).toBe('tavus');
    expect(() => providerArg('nowhere')).toThrow('use one of tensorslab, tavus, bifrost, a2e');
  });

  it('a vendor to list must be one that lists', () => {
    expect(listableArg('tavus')).toBe('tavus');
    expect(() => listableArg('nowhere')).toThrow(/^use one of \w+(, \w+)+$/);
  });

  it('a comma-separated list is trimmed, empty items dropped, and cannot be empty', () => {
    expect(commaList(' tavus , ,a2e,')).toEqual(['tavus', 'a2e']);
    expect(() => commaList(' , ')).toThrow('expected one or more names, comma-separated');
  });

  it('statuses are checked against the five a job can have', () => {
    expect(statusList('failed, succeeded')).toEqual(['failed', 'succeeded']);
    expect(() => statusList('failed,done')).toThrow(
      'unknown status done; use queued, running, succeeded, failed, deleted',
    );
  });

  it('a whole number may be 0, not negative nor a fraction', () => {
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('3')).toBe(3);
    for (const value of ['-1', '1.5', 'x']) {
      expect(() => wholeNumber(value)).toThrow('expected a whole number, 0 or more');
    }
  });

  it('a positive integer may be 1', () => {
    expect(positiveInteger('1')).toBe(1);
    expect(() => positiveInteger('0')).toThrow('expected a whole number of at least 1');
  });

  it('a duration is a number of seconds, or with ms, s, m or h; nothing else around it', () => {
    expect(duration(' 30s ')).toBe(30_000);
    expect(duration('30')).toBe(30_000);
    expect(duration('1.25s')).toBe(1_250);
    expect(duration('500ms')).toBe(500);
    expect(duration('2m')).toBe(120_000);
    expect(duration('1h')).toBe(3_600_000);
    for (const value of ['x30s', '30sx', '1.s', '']) {
      expect(() => duration(value), value).toThrow('expected a duration such as 30s, 10m or 1h');
    }
  });

  it('an unknown kind for a purge names every kind and all', () => {
    const option = kindsOption();
    expect(option.parseArg?.('video,all', undefined)).toEqual(['video', 'all']);
    expect(() => option.parseArg?.('video,nope', undefined)).toThrow(/^unknown kind "nope"; use video, .*, all$/);
  });
});

describe('printJob', () => {
  const printed = (job: Partial<Job>, json = false) => {
    let out = '';
    printJob(
      { provider: 'tavus', id: 'v1', kind: 'video', status: 'running', urls: [], raw: {}, ...job } as Job,
      json,
      {
        write: (text: string) => (out += text),
      },
    );
    return out;
  };

  it('a line with the kind and status, and the progress only when the vendor reports it', () => {
    expect(printed({})).toBe('tavus video v1: running\n');
    expect(printed({ progress: 40 })).toBe('tavus video v1: running 40%\n');
    expect(printed({ provider: 'tensorslab', kind: 'image' } as Partial<Job>)).toBe('tensorslab image v1: running\n');
  });

  it('the error and each URL on lines of their own', () => {
    expect(printed({ status: 'failed', error: 'bad\x1b[31m', urls: ['https://x/1', 'https://x/2'] })).toBe(
      'tavus video v1: failed\n  error: bad\\x1b[31m\n  https://x/1\n  https://x/2\n',
    );
  });
});

describe('shared options', () => {
  it('a one-job command describes its provider and id', () => {
    const help = oneJobCommand(new Command('mediajobs'), 'peek', 'peek at a job').helpInformation();
    expect(help).toContain('one of tensorslab, tavus, bifrost, a2e');
    expect(help).toMatch(/id +job id/);
    expect(help).toContain('<provider> <id>');
  });

  it('--kind offers every kind', () => {
    expect(kindOption().argChoices).toContain('video');
    expect(kindOption().description).toMatch(/^the kind of job \(default: the vendor's first; .+\)$/);
  });

  it('list --help describes the listing options', async () => {
    const { stdout } = await runCli(['list', '--help'], { env: {} });
    const text = stdout.replace(/\s+/g, ' ');
    for (const description of [
      'retries per request (default 2; a long run may want more)',
      'first wait between retries, doubling (default 500ms)',
      'stop with an error once a vendor has listed more jobs than this (default 1000000)',
    ]) {
      expect(text).toContain(description);
    }
  });

  it('purge --help describes --kind', async () => {
    const { stdout } = await runCli(['purge', '--help'], { env: {} });
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      'the kinds to purge, comma-separated, or all (every kind that lists)',
    );
  });
});
