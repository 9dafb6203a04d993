// What a new user trips over: usage errors that bury the error under the help, messages naming what a
// command line does not have, a missing input file, a purge that needs a flag for a vendor it was not
// asked about. The command, run in-process through `run`, against a fault server on 127.0.0.1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultServer, jobKey, seedJobs, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const KEY = 'new-user-key';
const env = (url = 'http://127.0.0.1:9'): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  ...Object.fromEntries(
    ['TENSORSLAB', 'TAVUS', 'BIFROST', 'A2E'].flatMap((v) => [
      [`${v}_BASE_URL`, url],
      [`${v}_API_KEY`, KEY],
    ]),
  ),
});
const run = (args: string[], environment = env()) =>
  runCli(args, { env: environment, cwd: mkdtempSync(join(tmpdir(), 'new-user-')) });

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('usage errors: the error, then where help is', () => {
  it.each([
    [
      ['purge', '--older-than', '1y'],
      'unknown unit "y"; use m (minutes), h (hours) or d (days)',
      'mediajobs purge --help',
    ],
    [['list', 'tavus', '--older-than', '30'], 'a bare number is refused: add a unit', 'mediajobs list --help'],
    [['delete', '--frm', 'refs.jsonl'], "unknown option '--frm'", 'mediajobs delete --help'],
    [['dlete'], "unknown command 'dlete'", 'mediajobs --help'],
    [
      ['delete', '--from', 'missing.jsonl', '--receipts', 'r.jsonl'],
      'cannot read --from missing.jsonl: no such file',
      'mediajobs delete --help',
    ],
    [['purge'], 'purge needs --older-than <age>', 'mediajobs purge --help'],
  ])('%j: exit 2, the error and one line', async (args, error, help) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(error);
    expect(stderr).toContain(`(see ${help})`);
    expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(`${stdout}${stderr}`).not.toMatch(/Options:|Usage:/);
  });
});

describe('messages speak of what a command line has', () => {
  it('a key the vendor refuses names the variable, not the apiKey option', async () => {
    const server = await startFaultServer({ apiKey: 'the-right-key' });
    servers.push(server);
    const { code, stderr } = await run(['get', 'tavus', 'v1'], env(server.url));
    expect(code).toBe(1);
    expect(stderr).toContain('check the API key in TAVUS_API_KEY');
    expect(stderr).not.toContain('apiKey');
  });
});

describe('purge with the default vendors', () => {
  it('a Bifrost found by its key but without --upstream is skipped with a note; the others are purged (exit 0)', async () => {
    const now = Date.now();
    const seeded = seedJobs({ count: 90, now });
    const server = await startFaultServer({ jobs: seeded, apiKey: KEY });
    servers.push(server);
    const { code, stdout } = await run(['purge', '--older-than', '30d', '--yes'], env(server.url));
    expect(code).toBe(0);
    expect(stdout).toContain('bifrost: skipped: it lists per upstream provider; pass --upstream openai');
    expect(
      seeded.filter(
        (job) => job.provider === 'bifrost' && server.ledger.deleted.has(jobKey('bifrost', undefined, job.id)),
      ),
    ).toEqual([]);
    const old = seeded.filter((job) => job.provider === 'a2e' && job.createdAtMs < now - 30 * 86_400_000);
    expect(old.length).toBeGreaterThan(0);
    expect(old.filter((job) => !server.ledger.deleted.has(jobKey('a2e', undefined, job.id)))).toEqual([]);
  });
});

describe('purge --mock, as the README suggests trying it', () => {
  it('with the default vendors exits 0, every deleted job verified; Bifrost skipped without --upstream', async () => {
    const { code, stdout } = await run(['purge', '--mock', '--older-than', '30d', '--yes', '--json'], {
      PATH: process.env.PATH ?? '',
    });
    expect(code).toBe(0);
    const { summary } = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    for (const vendor of ['tavus', 'a2e']) {
      expect(summary[vendor].deleted).toBeGreaterThan(0);
      expect(summary[vendor].verified).toBe(summary[vendor].deleted);
    }
    expect(summary.bifrost.skipped).toContain('--upstream');
    expect(summary.tensorslab.cannotList).toBe(true);
  });
});
